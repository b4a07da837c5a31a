"""SMS segment arithmetic and templates: every template fits two segments in both languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.claims.catalogue import load_catalogue
from chalicelib.domain.notifications.segments import (
    GSM7,
    UCS2,
    SegmentCount,
    count_segments,
    is_gsm7,
    to_gsm7,
)
from chalicelib.domain.notifications.templates import (
    FIELDS,
    MAX_SEGMENTS,
    TEMPLATES,
    TemplateError,
    format_date,
    format_moment,
    placeholders,
    render_sms,
)

# Segment counting.


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", GSM7, 0, 0),
        ("a" * 160, GSM7, 160, 1),
        ("a" * 161, GSM7, 161, 2),
        ("a" * 306, GSM7, 306, 2),
        ("a" * 307, GSM7, 307, 3),
        ("€" * 80, GSM7, 160, 1),
        ("a" * 159 + "€", GSM7, 161, 2),
        ("é" * 160, GSM7, 160, 1),
        ("ê" * 70, UCS2, 70, 1),
        ("ê" * 71, UCS2, 71, 2),
        ("ê" * 134, UCS2, 134, 2),
        ("ê" * 135, UCS2, 135, 3),
        ("a" * 69 + "’", UCS2, 70, 1),
        ("😀" * 35, UCS2, 70, 1),
    ],
)
def test_segments_follow_gsm7_and_ucs2_limits(text, encoding, units, segments):
    assert count_segments(text) == SegmentCount(encoding, units, segments)


def test_one_french_circumflex_switches_the_whole_message_to_ucs2():
    assert count_segments("a" * 100).segments == 1
    assert count_segments("a" * 99 + "ê").segments == 2


def test_an_escape_pair_is_never_split_across_parts():
    # 152 plain septets then a euro sign: the pair cannot start at 153, so it opens part two.
    assert count_segments("a" * 152 + "€" + "a" * 152).segments == 3
    assert count_segments("a" * 151 + "€" + "a" * 153).segments == 2


def test_a_surrogate_pair_is_never_split_across_parts():
    assert count_segments("ê" * 66 + "😀" + "ê" * 66).segments == 3
    assert count_segments("ê" * 65 + "😀" + "ê" * 67).segments == 2


def test_text_is_rewritten_to_gsm7():
    assert to_gsm7("L’été « chaud » – Noël… œuvre\u202f: ça") == (
        "L'été \" chaud \" - Noel... oeuvre : ca")
    assert to_gsm7("Zoë 李 ÿ") == "Zoe  y"
    assert to_gsm7("{a|b} 5€", basic_only=True) == "ab 5EUR"
    assert is_gsm7(to_gsm7("Françoise Brûlé-Hêtre Œdipe ñ ü"))


# Templates.

LANGS = ("fr", "en")


def worst_values() -> dict[str, str]:
    """Every field at its maximum length, with characters that need rewriting."""
    out = {}
    for name, spec in FIELDS.items():
        if spec.verbatim:
            out[name] = ("https://" + "x" * spec.max_length)[: spec.max_length]
        else:
            out[name] = ("Œê{€’" * spec.max_length)[: spec.max_length * 2]
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_exists_in_both_languages_with_the_same_fields(key, lang):
    assert TEMPLATES[key][lang].strip()
    assert set(placeholders(TEMPLATES[key][lang])) == set(placeholders(TEMPLATES[key]["fr"]))
    assert set(placeholders(TEMPLATES[key][lang])) <= set(FIELDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_the_fixed_text_is_gsm7_so_it_never_halves_the_room(key, lang):
    fixed = TEMPLATES[key][lang].format(**{n: "" for n in placeholders(TEMPLATES[key][lang])})
    assert is_gsm7(fixed), fixed


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_with_worst_case_values_fits_two_segments(key, lang):
    text = render_sms(key, lang, worst_values())
    count = count_segments(text)
    assert count.encoding == GSM7
    assert count.segments <= MAX_SEGMENTS, (key, lang, count, text)


@pytest.mark.parametrize("lang", LANGS)
def test_realistic_values_from_the_catalogue_fit_two_segments(lang):
    cat = load_catalogue()
    longest_problem = max((p.short_label.get(lang) for p in cat.problems), key=len)
    longest_resolution = max((r.short_label.get(lang) for r in cat.resolutions.values()),
                             key=len)
    when = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
    values = {
        "name": "Marie-Françoise d’Œillet",
        "problem": longest_problem,
        "resolution": longest_resolution,
        "date": format_date(when, lang),
        "deadline": format_moment(when, lang),
        "due": format_moment(when, lang),
        "ref": "9F3A2C",
        "link": "https://app.entraide.example.com/c/cl-0123456789abcdef01234567?code=ABCD2345",
    }
    for key in TEMPLATES:
        text = render_sms(key, lang, values)
        assert count_segments(text).segments <= MAX_SEGMENTS
        assert count_segments(text).encoding == GSM7


def test_a_counterpart_request_reads_naturally():
    text = render_sms("counterpart_request", "fr", {
        "name": "Alice", "problem": "conducteur absent", "date": "11/03",
        "deadline": "15/03 à 10h00", "link": "https://etr.example/c/cl-1?code=ABCD2345"})
    assert text == ('Entraide: Alice signale "conducteur absent" sur votre trajet du 11/03. '
                    "Confirmez ou contestez avant le 15/03 à 10h00: "
                    "https://etr.example/c/cl-1?code=ABCD2345")
    assert count_segments(text).segments == 1


def test_long_names_are_shortened_and_empty_names_get_a_fallback():
    text = render_sms("counterpart_request", "en", {
        "name": "李", "problem": "x", "date": "1 Jan", "deadline": "3 Jan 10:00", "link": "l"})
    assert text.startswith("Entraide: A member reported")
    long = render_sms("counterpart_request", "en", {
        "name": "Bartholomew-Maximilian", "problem": "x", "date": "d", "deadline": "d",
        "link": "l"})
    assert "Bartholomew-Maximil. reported" in long


def test_links_are_never_rewritten_or_shortened():
    values = {"name": "A", "problem": "x", "date": "d", "deadline": "d"}
    with pytest.raises(TemplateError):
        render_sms("counterpart_request", "fr", {**values, "link": "https://x/" + "y" * 96})
    with pytest.raises(TemplateError):
        render_sms("counterpart_request", "fr", {**values, "link": "https://exémple.fr/ç"})


def test_missing_values_and_unknown_templates_are_errors():
    with pytest.raises(TemplateError):
        render_sms("counterpart_request", "fr", {"name": "A"})
    with pytest.raises(TemplateError):
        render_sms("marketing_blast", "fr", {})


def test_dates_are_shown_in_the_members_time_zone():
    when = datetime(2025, 3, 12, 23, 30, tzinfo=UTC)
    assert format_date(when, "fr") == "13/03"
    assert format_moment(when, "fr") == "13/03 à 00h30"
    assert format_moment(when, "en") == "13 Mar 00:30"
