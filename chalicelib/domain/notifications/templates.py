"""SMS templates in French and English, rendered to at most two GSM-7 segments."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chalicelib.domain.notifications.segments import count_segments, is_gsm7, to_gsm7

MAX_SEGMENTS = 2
DEFAULT_TZ = "Europe/Paris"


@dataclass(frozen=True)
class Field:
    """A template placeholder: how long its value may be, and whether it may be shortened."""

    max_length: int
    # Links and references must arrive intact: they are checked, never shortened or rewritten.
    verbatim: bool = False


FIELDS: Mapping[str, Field] = {
    "name": Field(20),
    "problem": Field(40),
    "resolution": Field(40),
    "date": Field(16),
    "deadline": Field(24),
    "due": Field(24),
    "ref": Field(8, verbatim=True),
    "link": Field(96, verbatim=True),
}

# The fixed text is written in GSM-7 French on purpose (no ê, ç, œ, curly quotes): one such
# character would switch the whole SMS to UCS-2 and halve its room. A test checks it.
TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "counterpart_request": {
        "fr": 'Entraide: {name} signale "{problem}" sur votre trajet du {date}. '
              "Confirmez ou contestez avant le {deadline}: {link}",
        "en": 'Entraide: {name} reported "{problem}" on your trip of {date}. '
              "Please confirm or dispute before {deadline}: {link}",
    },
    # After CLAIM_CODE_MAX_MISSES wrong codes: no new code by SMS (the guesser could then make
    # us text and start afresh); the counterpart answers signed in (no code needed) or asks
    # support.
    "counterpart_code_locked": {
        "fr": "Entraide: trop de codes faux pour le dossier {ref}, le lien SMS est bloqué. "
              "Pour répondre avant le {deadline}, connectez-vous à l'application Entraide "
              "(sans code) ou contactez l'assistance. Aucun code ne sera renvoyé par SMS.",
        "en": "Entraide: too many wrong codes for claim {ref}, so the SMS link is locked. "
              "To answer before {deadline}, sign in to the Entraide app (no code needed) "
              "or contact support. No new code will be sent by SMS.",
    },
    "claim_escalated": {
        "fr": "Entraide: votre dossier {ref} ({problem}) est transmis à notre équipe. "
              "Réponse avant le {due}, dans l'application.",
        "en": "Entraide: your claim {ref} ({problem}) is now with our team. "
              "We will answer by {due}, in the app.",
    },
    "claim_settled": {
        "fr": "Entraide: votre dossier {ref} ({problem}) est réglé: {resolution}. "
              "Détails dans l'application.",
        "en": "Entraide: your claim {ref} ({problem}) is settled: {resolution}. "
              "Details in the app.",
    },
    # Member Relations answered in a chat while the member was offline (no text: it may hold
    # what the member told us, and an SMS is no place for it).
    "chat_answered": {
        "fr": "Entraide: le service Relations membres a répondu à votre demande d'aide. "
              "Lisez sa réponse dans l'application Entraide.",
        "en": "Entraide: Member Relations answered your help request. "
              "Read the answer in the Entraide app.",
    },
}
FALLBACK_NAME = {"fr": "Un membre", "en": "A member"}


class TemplateError(ValueError):
    """A template or a verbatim value cannot be sent as a two-segment SMS."""


def placeholders(template: str) -> list[str]:
    """The `{field}` names a template uses, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def clean_value(name: str, value: str, lang: str) -> str:
    """A value made safe for the SMS: GSM-7 only, single line, within its field's length."""
    spec = FIELDS[name]
    if spec.verbatim:
        if len(value) > spec.max_length or not is_gsm7(value) or "\n" in value:
            raise TemplateError(f"{name} must be at most {spec.max_length} GSM-7 characters")
        return value
    text = " ".join(to_gsm7(value, basic_only=True).split())
    if name == "name" and not text:
        text = FALLBACK_NAME.get(lang, FALLBACK_NAME["fr"])
    if len(text) > spec.max_length:
        text = text[: spec.max_length - 1].rstrip() + "."
    return text


def render_sms(key: str, lang: str, values: Mapping[str, str]) -> str:
    """The SMS text of a template in a language (French when the language is unknown)."""
    try:
        by_lang = TEMPLATES[key]
    except KeyError:
        raise TemplateError(f"no SMS template {key!r}") from None
    lang = lang if lang in by_lang else "fr"
    template = by_lang[lang]
    missing = [n for n in placeholders(template) if n not in values]
    if missing:
        raise TemplateError(f"template {key} needs {missing}")
    text = template.format(**{n: clean_value(n, str(values[n]), lang)
                              for n in placeholders(template)})
    if count_segments(text).segments > MAX_SEGMENTS:
        raise TemplateError(f"template {key} renders to more than {MAX_SEGMENTS} segments")
    return text


def zone(name: str = DEFAULT_TZ) -> tzinfo:
    """The members' time zone, UTC when the system has no time-zone database."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(moment: datetime, lang: str, tz: tzinfo | None = None) -> str:
    """A short day for an SMS: 12/03 in French, 12 Mar in English."""
    local = moment.astimezone(tz or zone())
    if lang == "en":
        return f"{local.day} {_MONTHS_EN[local.month - 1]}"
    return local.strftime("%d/%m")


def format_moment(moment: datetime, lang: str, tz: tzinfo | None = None) -> str:
    """A short day and time for an SMS: 15/03 à 14h00 in French, 15 Mar 14:00 in English."""
    local = moment.astimezone(tz or zone())
    if lang == "en":
        return f"{format_date(local, lang, local.tzinfo)} {local:%H:%M}"
    return f"{local:%d/%m} à {local:%H}h{local:%M}"
