"""Moderation: quality on the labelled set, and throughput next to better-profanity.

`python -m bench.moderation [--messages 100000]` from the repository root. Quality is
precision and recall per category and verdict accuracy on tests/data/moderation (all, and
the held-out split alone); throughput is messages per second on one core over a stream that
cycles the set, with better-profanity 0.7.0's `contains_profanity` timed on the same stream
in the same run. The section `moderation` of docs/benchmarks.md is rewritten.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.report import machine, write_section
from chalicelib.domain.moderation import CATEGORIES, Moderator

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "moderation" / "messages.jsonl"
COMMAND = "python -m bench.moderation"
# In the order they were written; see tests/data/moderation/LABELLING.md.
SPLITS = ("dev", "holdout", "round2", "round3", "unseen")


def load_set(path: Path = DATA) -> list[dict]:
    """The labelled messages (see tests/data/moderation/LABELLING.md)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@dataclass
class Scores:
    """Confusion counts per category and verdict agreement over a set of messages."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # category -> [tp, fp, fn]
    messages: int = 0
    verdicts_right: int = 0
    clean: int = 0
    clean_altered: int = 0
    misses: list[tuple[str, str, str, list[str]]] = field(default_factory=list)

    def precision(self, category: str) -> float:
        """Share of messages flagged in the category that belong to it."""
        tp, fp, _ = self.counts[category]
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, category: str) -> float:
        """Share of messages of the category that were flagged in it."""
        tp, _, fn = self.counts[category]
        return tp / (tp + fn) if tp + fn else 1.0

    @property
    def accuracy(self) -> float:
        """Share of messages whose verdict is the labelled one."""
        return self.verdicts_right / self.messages if self.messages else 1.0

    @property
    def clean_altered_rate(self) -> float:
        """Share of clean messages not allowed as written."""
        return self.clean_altered / self.clean if self.clean else 0.0


def evaluate(moderator: Moderator, rows: Iterable[dict]) -> Scores:
    """Score the moderator on labelled rows; `misses` lists (id, expected, got, categories)."""
    scores = Scores(counts={category: [0, 0, 0] for category in CATEGORIES})
    for row in rows:
        verdict = moderator.check(row["text"], row["lang"])
        predicted = {reason.category for reason in verdict.reasons}
        expected = set(row["labels"]) - {"clean"}
        for category in CATEGORIES:
            counts = scores.counts[category]
            if category in predicted and category in expected:
                counts[0] += 1
            elif category in predicted:
                counts[1] += 1
            elif category in expected:
                counts[2] += 1
        scores.messages += 1
        right = verdict.verdict == row["verdict"]
        scores.verdicts_right += right
        if not expected:
            scores.clean += 1
            if verdict.verdict != "allow" or verdict.text != row["text"]:
                scores.clean_altered += 1
        if not right or predicted & set(CATEGORIES) != expected:
            scores.misses.append((row["id"], row["verdict"], verdict.verdict, sorted(predicted)))
    return scores


def profanity_scores(rows: list[dict]) -> tuple[float, float]:
    """better-profanity's precision and recall on the insult category, for reference."""
    from better_profanity import profanity

    tp = fp = fn = 0
    for row in rows:
        hit = profanity.contains_profanity(row["text"])
        insult = "insult" in row["labels"]
        tp += hit and insult
        fp += hit and not insult
        fn += insult and not hit
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def throughput(check: Callable[[str], object], stream: list[str]) -> tuple[float, float]:
    """Messages per second for `check` over the stream: by CPU time, and by wall time.

    One thread on one core; CPU time is the figure to compare, because a shared machine
    steals wall time from whichever run happens to overlap another job.
    """
    for text in stream[:2000]:
        check(text)
    gc.collect()
    gc.disable()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        for text in stream:
            check(text)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        gc.enable()
    return len(stream) / cpu, len(stream) / wall


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity)"


def _quality_table(splits: dict[str, Scores]) -> str:
    lines = [
        "| precision / recall | " + " | ".join(splits) + " |",
        "|---|" + "---|" * len(splits),
    ]
    for category in CATEGORIES:
        cells = " | ".join(
            f"{s.precision(category):.3f} / {s.recall(category):.3f}" for s in splits.values()
        )
        lines.append(f"| {category} | {cells} |")
    lines.append("| verdict accuracy | " + " | ".join(
        f"{s.accuracy:.3f}" for s in splits.values()) + " |")
    lines.append("| clean messages altered | " + " | ".join(
        f"{s.clean_altered}/{s.clean} ({s.clean_altered_rate:.1%})" for s in splits.values()
    ) + " |")
    lines.append("| messages | " + " | ".join(str(s.messages) for s in splits.values()) + " |")
    return "\n".join(lines)


def main() -> None:
    """Measure, print and record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000, help="stream length")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    pinned = _pin_one_core()
    started = time.perf_counter()
    moderator = Moderator()
    build = time.perf_counter() - started
    rows = load_set()
    splits = {"all": evaluate(moderator, rows)}
    for split in SPLITS:
        splits[split] = evaluate(moderator, [r for r in rows if r["split"] == split])
    bp_precision, bp_recall = profanity_scores(rows)

    stream = list(itertools.islice(itertools.cycle(r["text"] for r in rows), args.messages))
    ours = throughput(moderator.check, stream)
    from better_profanity import profanity

    profanity.load_censor_words()
    theirs = throughput(profanity.contains_profanity, stream)

    french = sum(r["lang"] == "fr" for r in rows)
    markdown = f"""## Moderation filters

Command: `{COMMAND}` (from the repository root). Measured {machine()}, {pinned}.

Labelled set: {len(rows)} messages in `tests/data/moderation/messages.jsonl`
({french} French, {len(rows) - french} English), written in five batches. The rules were
tuned on `dev`, `round2` and `round3`; `holdout` was written with `dev` and never read
message by message while tuning; `unseen` was written after the last tuning round and never
tuned on: it is the fairest estimate of quality on new text. Every figure is optimistic
compared with real traffic, because the same person wrote the messages and the rules.

{_quality_table(splits)}

For reference, better-profanity 0.7.0 on the same set, insult category: precision
{bp_precision:.3f}, recall {bp_recall:.3f}.

Throughput on one core, same stream of {len(stream):,} messages (the set cycled), same run:

| filter | messages/s (CPU time) | messages/s (wall time) |
|---|---|---|
| `Moderator.check` (all filters, verdict and masking) | {ours[0]:,.0f} | {ours[1]:,.0f} |
| better-profanity 0.7.0 `profanity.contains_profanity` | {theirs[0]:,.0f} | {theirs[1]:,.0f} |
| ratio | {ours[0] / theirs[0]:,.1f}× | {ours[1] / theirs[1]:,.1f}× |

Building the moderator (compiling the lexicons) took {build:.2f} s; do it once per process.
"""
    print(markdown)
    for name, scores in splits.items():
        print(name, "misses:", scores.misses)
    if not args.no_write:
        write_section("moderation", markdown)


if __name__ == "__main__":
    main()
