"""The README's configuration table, generated from `Settings` (`--write` updates README.md)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from chalicelib.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def table() -> str:
    """Markdown table of every environment variable the backend reads."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for env, default, doc in Settings.documented():
        shown = f"`{default}`" if default != "" else "—"
        rows.append(f"| `{env}` | {shown} | {doc} |")
    return "\n".join(rows)


def rewrite(text: str) -> str:
    """README text with the table between the markers replaced."""
    block = f"{START}\n{table()}\n{END}"
    return re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)


if __name__ == "__main__":
    if "--write" in sys.argv:
        README.write_text(rewrite(README.read_text()))
    else:
        print(table())
