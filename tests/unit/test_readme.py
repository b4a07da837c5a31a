"""The README documents every setting and starts with the two commands."""

from __future__ import annotations

from pathlib import Path

from infra.settings_doc import README, rewrite


def test_readme_configuration_table_is_up_to_date():
    text = README.read_text()
    assert rewrite(text) == text, "run: .venv/bin/python -m infra.settings_doc --write"


def test_readme_starts_with_the_two_commands():
    first_block = README.read_text().split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make dev", "make test"]


def test_every_make_target_named_in_the_readme_exists():
    makefile = (Path(README).parent / "Makefile").read_text()
    for target in ("dev", "test", "deploy", "package", "bench", "lint"):
        assert f"\n{target}:" in makefile
