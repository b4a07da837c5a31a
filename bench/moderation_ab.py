"""Moderator speed of two checkouts side by side: `python -m bench.moderation_ab OLD NEW`.

OLD and NEW are repository roots (e.g. a `git worktree` of an older commit, and `.`). Each
round runs one process per checkout, in turn, pinned to one core: it builds the moderator,
checks every message of the labelled set and of the blind batches read so far once to warm its
caches, then times three passes over them by CPU time, with the model and with the rules only.
Alternating processes lets the load of a shared machine hit both alike; compare the ratio, not
the absolute figures.

`--instructions` counts instead, with valgrind's callgrind (Debian's `valgrind`), the machine
instructions per check with the model: the same number on every run to within about 0.03 %,
whatever the load (the count of a run with two passes minus that of a run with none, over the
checks of the two passes; Python's hash seed is fixed, or sets and dicts laid out differently
from one run to the next move the count by about 0.2 %). Slower (a few minutes per checkout),
but the figure to quote for a small change.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

# Run inside each checkout with its own code (its `chalicelib`, its rule files and model):
# the messages both measures check.
_TEXTS = """
import sys
sys.path.insert(0, ".")
from bench.moderation import BLIND, BLIND2, BLIND3, BLIND4, load_set
from chalicelib.domain.moderation import Moderator
texts = [r["text"] for r in load_set() + load_set(BLIND) + load_set(BLIND2)
         + load_set(BLIND3) + load_set(BLIND4)]
"""
_MEASURE = _TEXTS + """
import gc, os, time
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
full, rules = Moderator(), Moderator(learned=False)
for text in texts:
    full.check(text)
    rules.check(text)
def rate(check):
    gc.disable()
    started = time.process_time()
    for _ in range(3):
        for text in texts:
            check(text)
    spent = time.process_time() - started
    gc.enable()
    return 3 * len(texts) / spent
print(rate(full.check), rate(rules.check))
"""


# Run inside each checkout under callgrind: build and warm, then PASSES passes.
_COUNT = _TEXTS + """
moderator = Moderator()
for text in texts:
    moderator.check(text)
for _ in range(int(sys.argv[1])):
    for text in texts:
        moderator.check(text)
print(len(texts))
"""
_COLLECTED_RE = re.compile(r"Collected : (\d+)")


def instructions(root: Path) -> float:
    """Machine instructions per check with the model in `root` (callgrind, deterministic)."""
    def run(passes: int) -> tuple[int, int]:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
             sys.executable, "-c", _COUNT, str(passes)],
            cwd=root, check=True, capture_output=True, text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"})
        return int(_COLLECTED_RE.findall(done.stderr)[-1]), int(done.stdout.split()[-1])
    (base, _), (counted, texts) = run(0), run(2)
    return (counted - base) / (2 * texts)


def measure(root: Path) -> tuple[float, float]:
    """Messages per CPU second in `root`: with the model, rules only."""
    out = subprocess.run([sys.executable, "-c", _MEASURE], cwd=root, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    """Alternate the two checkouts and print each round and the mean ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions per check with callgrind instead of timing")
    args = parser.parse_args()
    if args.instructions:
        old, new = instructions(args.old), instructions(args.new)
        print(f"instructions per check with the model: {old:,.0f} -> {new:,.0f} "
              f"({new / old - 1:+.1%})")
        return
    olds, news = [], []
    for _ in range(args.rounds):
        olds.append(measure(args.old))
        news.append(measure(args.new))
        print(f"old {olds[-1][0]:,.0f} / {olds[-1][1]:,.0f}   "
              f"new {news[-1][0]:,.0f} / {news[-1][1]:,.0f}  (with the model / rules only)")
    for index, name in ((0, "with the model"), (1, "rules only")):
        old = sum(o[index] for o in olds) / len(olds)
        new = sum(n[index] for n in news) / len(news)
        print(f"{name}: {old:,.0f} -> {new:,.0f} messages/s ({new / old:.2f}x)")


if __name__ == "__main__":
    main()
