"""Does training on the read blind batches help on batches never trained on?
`python -m bench.moderation_read_training [--last blind28] [--next 10]`

Trains the learned stage twice as `tools/moderation_train.py` does, once without any blind batch
(the recipe before round 39) and once with `blind` to `--last` added (READ_WEIGHT times), then
scores both, with the rules, on the `--next` batches after `--last` (none of whose lines either
model trained on; the current judge is never among them). Prints verdicts right, clean messages
altered and per-label precision / recall side by side. Round 39's decision (docs/moderation.md):
`--last blind28 --next 10` and `--last blind18 --next 10`. About four minutes on one core.
"""

from __future__ import annotations

import argparse

from bench.moderation import BATCHES, ROOT, evaluate, load_set
from chalicelib.domain.moderation import Moderator
from chalicelib.domain.moderation.learned import LinearModel, SeverityModel
from tools import moderation_train as trainer


def _trained(batches: tuple[str, ...]) -> Moderator:
    """A moderator whose learned stages trained on the usual lines plus `batches`."""
    read = trainer.read_rows(batches)
    rules = Moderator(learned=False)
    rows = trainer.corpus(trainer.build_corpus(), trainer.written_rows(), read)
    return Moderator(learned=LinearModel.parse(trainer.fit(rows, rules)),
                     severity=SeverityModel.parse(trainer.fit_severity(
                         trainer.severity_rows(read), rules)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--last", default="blind28", help="the last batch trained on")
    parser.add_argument("--next", type=int, default=10, help="how many later batches to score")
    args = parser.parse_args()
    first = BATCHES.index(args.last) + 1
    scored = BATCHES[first:min(first + args.next, len(BATCHES) - 1)]  # never the judge
    rows = [row for name in scored
            for row in load_set(ROOT / "tests" / "data" / "moderation" / f"{name}.jsonl")]
    print(f"scored on {scored[0]}..{scored[-1]} ({len(rows)} messages)")
    for what, batches in (("without blind batches", ()),
                          (f"with blind..{args.last}", BATCHES[:first])):
        scores = evaluate(_trained(batches), rows)
        labels = " ".join(f"{label} {tp / max(tp + fp, 1):.3f}/{tp / max(tp + fn, 1):.3f}"
                          for label, (tp, fp, fn) in scores.counts.items())
        print(f"{what:28} right {scores.verdicts_right}/{scores.messages}  clean altered "
              f"{scores.clean_altered}/{scores.clean}  {labels}", flush=True)


if __name__ == "__main__":
    main()
