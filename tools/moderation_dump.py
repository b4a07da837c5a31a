"""Every verdict over the labelled and written lines, and what a change turned right or wrong.

How each round's rules are checked (docs/moderation.md): dump every verdict before a change,
dump again after, compare.

    python -m tools.moderation_dump dump BEFORE.json
    ... change a rule ...
    python -m tools.moderation_dump dump AFTER.json
    python -m tools.moderation_dump compare BEFORE.json AFTER.json
    python -m tools.moderation_dump misses AFTER.json blind11

The judge of the current round (the last of `bench.moderation.BATCHES`, measured once before
and once after the round) is never dumped, and the texts of held-out lines (the short
replies) are never printed: only their ids.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from bench.moderation import BATCHES, load_set, service_moderator

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "moderation"
# Lines held out of training whose texts are not to be read while tuning.
HIDDEN = frozenset({"short_replies.jsonl"})
JUDGE = f"{BATCHES[-1]}.jsonl"


def labelled_files(data: Path = DATA) -> list[Path]:
    """Every file of labelled or written lines, the current judge left out."""
    files = [data / "messages.jsonl", data / "pii_battery.jsonl", data / "short_replies.jsonl",
             *sorted(data.glob("blind*.jsonl")), *sorted((data / "written").glob("*.jsonl"))]
    return [path for path in files if path.exists() and path.name != JUDGE]


def rows(files: list[Path]) -> Iterator[dict]:
    """The lines of `files`, each with the name of its file under `file`."""
    for path in files:
        for row in load_set(path):
            yield {**row, "file": path.name}


def right(row: dict, got: list) -> bool:
    """A labelled line's verdict, or a written line's categories (it has no verdict)."""
    if "verdict" in row:
        return got[0] == row["verdict"]
    return set(got[1]) == set(row["labels"]) - {"clean"}


def dump(files: list[Path]) -> dict[str, list]:
    """Each line's id: [verdict, categories, whether the stored text differs]."""
    moderator = service_moderator()
    out = {}
    for row in rows(files):
        verdict = moderator.check(row["text"], row["lang"])
        out[row["id"]] = [verdict.verdict, sorted(verdict.categories), verdict.text != row["text"]]
    return out


def compare(before: dict[str, list], after: dict[str, list], files: list[Path]) -> list[str]:
    """One line per verdict turned right (+) or wrong (-), then the totals."""
    lines, better, worse = [], 0, 0
    for row in rows(files):
        key = row["id"]
        if key not in before or key not in after:
            continue
        was, now = right(row, before[key]), right(row, after[key])
        if was == now:
            continue
        better, worse = better + now, worse + (not now)
        text = "(held out)" if row["file"] in HIDDEN else row["text"]
        lines.append(f"{'+' if now else '-'} {key} {before[key]} -> {after[key]} {text}")
    return [*lines, f"better {better} worse {worse}"]


def misses(verdicts: dict[str, list], batch: str, files: list[Path]) -> list[str]:
    """The lines of one read batch whose verdict is wrong, with their texts."""
    name = f"{batch}.jsonl"
    if name in HIDDEN or name == JUDGE:
        raise SystemExit(f"{name} is not read while tuning")
    return [f"{row['id']} {row['verdict']} {row['labels']} got {verdicts[row['id']]}: "
            f"{row['text']}" for row in rows(files)
            if row["file"] == name and row["id"] in verdicts
            and not right(row, verdicts[row["id"]])]


def main() -> None:
    """Dump, compare or list misses (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    both = sub.add_parser("compare")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    read = sub.add_parser("misses")
    read.add_argument("dump", type=Path)
    read.add_argument("batch")
    args = parser.parse_args()
    files = labelled_files()
    if args.command == "dump":
        args.out.write_text(json.dumps(dump(files)), encoding="utf-8")
        return
    if args.command == "compare":
        before, after = (json.loads(p.read_text(encoding="utf-8"))
                         for p in (args.before, args.after))
        print("\n".join(compare(before, after, files)))
        return
    print("\n".join(misses(json.loads(args.dump.read_text(encoding="utf-8")), args.batch, files)))


if __name__ == "__main__":
    main()
