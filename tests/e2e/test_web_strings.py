"""The web clients' strings: every key in French and in English, every key the pages use known."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

WEB = Path(__file__).resolve().parents[2] / "web"
KEY = re.compile(r'^\s+"([a-z_.0-9]+)":', re.M)


def strings() -> dict[str, set[str]]:
    source = (WEB / "js" / "i18n.js").read_text()
    english = source[source.index("  en: {") : source.index("  fr: {")]
    french = source[source.index("  fr: {") : source.index("export const LANGS")]
    return {"en": set(KEY.findall(english)), "fr": set(KEY.findall(french))}


def test_every_string_exists_in_french_and_english() -> None:
    keys = strings()
    assert keys["en"] == keys["fr"], sorted(keys["en"] ^ keys["fr"])
    assert len(keys["en"]) > 150


def test_every_key_the_pages_name_is_translated() -> None:
    known = strings()["en"]
    used: set[str] = set()
    for page in WEB.glob("*.html"):
        used |= set(re.findall(r'data-i18n(?:-title)?="([a-z_.0-9]+)"', page.read_text()))
    for module in (WEB / "js").glob("*.js"):
        used |= set(re.findall(r'i18n: "([a-z_]+\.[a-z_.0-9]+)"', module.read_text()))
        used |= set(re.findall(r'tr\([^,()]+, "([a-z_]+\.[a-z_.0-9]+)"', module.read_text()))
    assert used, "no key found: the patterns no longer match the code"
    assert used <= known, sorted(used - known)
