"""tools.moderation_dump: the before/after check each round's rules go through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools import moderation_dump


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    (tmp_path / "written").mkdir()
    _write(tmp_path / "messages.jsonl", [
        {"id": "fr-1", "lang": "fr", "verdict": "block", "labels": ["insult"],
         "text": "t'es un connard"},
        {"id": "fr-2", "lang": "fr", "verdict": "allow", "labels": ["clean"],
         "text": "j'arrive à 8 h"},
    ])
    _write(tmp_path / "short_replies.jsonl", [
        {"id": "s-1", "lang": "en", "verdict": "allow", "labels": ["clean"], "text": "sure"},
    ])
    _write(tmp_path / "written" / "w.jsonl", [
        {"id": "w-1", "lang": "en", "labels": ["off_platform"], "text": "pay me in cash"},
    ])
    _write(tmp_path / f"{moderation_dump.BATCHES[-1]}.jsonl", [
        {"id": "j-1", "lang": "en", "verdict": "allow", "labels": ["clean"], "text": "hi"},
    ])
    return tmp_path


def test_the_judge_is_never_dumped(data):
    files = moderation_dump.labelled_files(data)
    assert moderation_dump.JUDGE not in {path.name for path in files}
    assert set(moderation_dump.dump(files)) == {"fr-1", "fr-2", "s-1", "w-1"}


def test_compare_counts_what_turned_right_and_wrong_and_hides_held_out_texts(data):
    files = moderation_dump.labelled_files(data)
    before = {"fr-1": ["review", ["insult"], False], "fr-2": ["allow", [], False],
              "s-1": ["allow", [], False], "w-1": ["review", ["off_platform"], False]}
    after = {**before, "fr-1": ["block", ["insult"], True], "s-1": ["review", ["insult"], False],
             "w-1": ["review", [], False]}
    lines = moderation_dump.compare(before, after, files)
    assert lines[-1] == "better 1 worse 2"
    assert any(line.startswith("+ fr-1") for line in lines)
    assert "(held out)" in next(line for line in lines if line.startswith("- s-1"))
    assert "sure" not in "\n".join(lines)


def test_misses_of_a_read_batch_are_listed_and_the_judges_are_refused(data):
    files = moderation_dump.labelled_files(data)
    verdicts = {"fr-1": ["review", ["insult"], False], "fr-2": ["allow", [], False]}
    listed = moderation_dump.misses(verdicts, "messages", files)
    assert len(listed) == 1 and listed[0].startswith("fr-1 block")
    with pytest.raises(SystemExit):
        moderation_dump.misses(verdicts, moderation_dump.BATCHES[-1], files)
    with pytest.raises(SystemExit):
        moderation_dump.misses(verdicts, "short_replies", files)
