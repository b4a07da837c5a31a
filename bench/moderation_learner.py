"""How the learned stage generalises to authors it never saw: `python -m bench.moderation_learner`.

Each variant trains the model as `tools/moderation_train.py` does, with one thing changed (a
trainer setting, an augmentation of the hand-written lines, or a share of those lines), and is
scored **alone** (no rules) on the blind batches that have been read: their authors wrote
none of the training lines and these variants never train on them (the shipped recipe has
trained on them since round 39; its variants here leave them out so that they can be scored
on them), but the rules were tuned on them, so the rules' figures there flatter while the
model's do not. Reported per label, averaged
over the batches: recall and precision at the review threshold (0.7) and average precision (the
ranking, whatever the threshold). The unread batch (the newest) is never opened here.

Variants run one after the other (about two minutes each on one core); `--only NAME` runs some.
The table is written to docs/benchmarks.md (section `moderation-learner`).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.moderation import BATCHES, ROOT, load_set
from bench.report import machine, write_section
from chalicelib.domain.moderation import Moderator
from chalicelib.domain.moderation.learned import LABELS, LinearModel
from tools import moderation_train as trainer

COMMAND = "python -m bench.moderation_learner"
READ = BATCHES[:-1]  # the newest batch is the judge of the current round: never opened here
THRESHOLD = 0.7
Rows = list[dict]


@dataclass(frozen=True)
class Variant:
    """One change to the training recipe; `settings` are module constants of the trainer."""

    name: str
    what: str
    settings: dict[str, float] = field(default_factory=dict)
    # Turns the hand-written lines into the copies trained on (default: WRITTEN_WEIGHT times).
    copies: Callable[[Rows, random.Random], Rows] | None = None
    share: float = 1.0  # of the hand-written lines kept (a seeded draw)


def _disguised(written: Rows, rng: random.Random) -> Rows:
    """Every copy after the first disguised as the template lines are (no accents, SMS, leet…)."""
    out = list(written)
    for _ in range(trainer.WRITTEN_WEIGHT - 1):
        out += [{**row, "text": trainer._disguise(row["text"], rng)} for row in written]
    return out


def _joined(written: Rows, rng: random.Random, *, other_labels_only: bool) -> Rows:
    """The second copy of each line joined to another line (labels united): insults next to
    a phone number or a proposal, as real messages mix them. `other_labels_only` pairs a
    positive line only with a positive of other labels and leaves clean lines alone."""
    second = []
    # The partners a line may take, by its label set (drawing until one fits never ends for a
    # line whose labels no positive avoids, such as insult + off_platform + spam with no line
    # of pii alone: round 11's data has some).
    partners: dict[frozenset[str], list[dict]] = {}
    for row in written:
        if other_labels_only and not row["labels"]:
            second.append(row)
            continue
        candidates = written
        if other_labels_only:
            labels = frozenset(row["labels"])
            if labels not in partners:
                partners[labels] = [other for other in written
                                    if other["labels"] and not labels & set(other["labels"])]
            candidates = partners[labels]
            if not candidates:
                second.append(row)
                continue
        partner = candidates[rng.randrange(len(candidates))]
        pair = [row["text"], partner["text"]]
        rng.shuffle(pair)
        second.append({**row, "text": " ".join(pair),
                       "labels": sorted(set(row["labels"]) | set(partner["labels"]))})
    return written + second + written * (trainer.WRITTEN_WEIGHT - 2)


VARIANTS = (
    Variant("shipped", "the recipe of tools/moderation_train.py"),
    Variant("l2-1e-4", "L2 penalty 1e-4 (shipped: 1e-5)", {"L2": 1e-4}),
    Variant("epochs-16", "16 epochs (shipped: 8)", {"EPOCHS": 16}),
    Variant("rate-0.05", "learning rate 0.05 (shipped: 0.2)", {"RATE": 0.05}),
    Variant("written-x1", "hand-written lines counted once (shipped: 3)", {"WRITTEN_WEIGHT": 1}),
    Variant("written-x6", "hand-written lines counted six times", {"WRITTEN_WEIGHT": 6}),
    Variant("templates-third", "a third of the template fills",
            {"SAMPLES": 15, "CLEAN_SAMPLES": 25}),
    Variant("no-templates", "no template fills", {"SAMPLES": 0, "CLEAN_SAMPLES": 0}),
    Variant("disguised", "copies 2 and 3 of the hand-written lines disguised", copies=_disguised),
    Variant("joined", "copy 2 of each line joined to a random line",
            copies=lambda w, rng: _joined(w, rng, other_labels_only=False)),
    Variant("joined-other", "copy 2 of each positive joined to a positive of other labels",
            copies=lambda w, rng: _joined(w, rng, other_labels_only=True)),
    Variant("written-25%", "a quarter of the hand-written lines", share=0.25),
    Variant("written-50%", "half of the hand-written lines", share=0.5),
    Variant("written-75%", "three quarters of the hand-written lines", share=0.75),
)


def _corpus(variant: Variant) -> Rows:
    rng = random.Random(trainer.SEED)
    written = trainer.written_rows()
    if variant.share < 1.0:
        written = [row for row in written if rng.random() < variant.share]
    copies = (variant.copies(written, rng) if variant.copies
              else written * trainer.WRITTEN_WEIGHT)
    return trainer.build_corpus() + trainer.tuning_rows() + copies


def _average_precision(scored: list[tuple[float, bool]]) -> float:
    ranked = sorted(scored, key=lambda pair: -pair[0])
    hits, total = 0, 0.0
    for rank, (_, positive) in enumerate(ranked, 1):
        if positive:
            hits += 1
            total += hits / rank
    return total / hits if hits else 1.0


def measure(variant: Variant, batches: dict[str, Rows]) -> dict[str, tuple[float, float, float]]:
    """Train the variant; per label, (recall, precision, average precision) averaged over the
    batches."""
    saved = {name: getattr(trainer, name) for name in variant.settings}
    try:
        for name, value in variant.settings.items():
            setattr(trainer, name, type(saved[name])(value))
        rules = Moderator(learned=False)
        model = LinearModel.parse(trainer.fit(_corpus(variant), rules))
    finally:
        for name, value in saved.items():
            setattr(trainer, name, value)
    sums = {label: [0.0, 0.0, 0.0] for label in LABELS}
    for rows in batches.values():
        scores = [(model.scores(rules.words(row["text"])), row["labels"]) for row in rows]
        for label in LABELS:
            scored = [(score[label], label in labels) for score, labels in scores]
            found = [positive for probability, positive in scored if probability >= THRESHOLD]
            positives = sum(positive for _, positive in scored)
            sums[label][0] += sum(found) / positives
            sums[label][1] += sum(found) / len(found) if found else 1.0
            sums[label][2] += _average_precision(scored)
    return {label: (r / len(batches), p / len(batches), ap / len(batches))
            for label, (r, p, ap) in sums.items()}


def main() -> None:
    """Train and score every variant (or `--only` some), print and record the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="variant names")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    data = ROOT / "tests" / "data" / "moderation"
    batches = {name: load_set(data / f"{name}.jsonl") for name in READ}
    lines = []
    for variant in VARIANTS:
        if args.only and variant.name not in args.only:
            continue
        result = measure(variant, batches)
        cells = " | ".join(f"{r:.3f} / {p:.3f} / {ap:.3f}" for r, p, ap in result.values())
        lines.append(f"| `{variant.name}` | {variant.what} | {cells} |")
        print(lines[-1], flush=True)
    written = len(trainer.written_rows())
    markdown = f"""## Moderation: the learned stage on authors it never saw

Command: `{COMMAND}` (from the repository root, about two minutes per variant). Measured
{machine()}. Each variant trains the model with one change to the recipe of
`tools/moderation_train.py` ({written:,} hand-written lines here) and scores it **without the
rules** on the blind batches read so far ({", ".join(READ)}: {sum(map(len, batches.values())):,}
messages by authors who wrote no training line; these variants never train on them, where
the shipped recipe has since round 39). Per label,
averaged over the batches: recall / precision at p ≥ {THRESHOLD} / average precision.

| variant | change | insult | off-platform | spam |
|---|---|---|---|---|
""" + "\n".join(lines)
    print(markdown)
    if not args.no_write and not args.only:
        write_section("moderation-learner", markdown)


if __name__ == "__main__":
    main()
