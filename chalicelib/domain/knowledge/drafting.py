"""From a closed conversation's transcript to a draft article, and the limits of an article."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.errors import BadInput, RuleRefused
from chalicelib.domain.knowledge.model import Transcript
from chalicelib.domain.knowledge.text import LANGUAGES

MAX_QUESTION = 500
MAX_ANSWER = 5000
MAX_TAGS = 10
_TAG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,29}$")
# Whoever answers in a conversation; the member is the one asking.
ANSWERING_ROLES = frozenset({"helper", "agent", "supervisor", "admin"})


@dataclass(frozen=True)
class Draft:
    """What capture proposes; staff edit it before publishing."""

    lang: str
    question: str
    answer: str
    tags: tuple[str, ...]
    topic: str | None
    credited_helper_id: str | None


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def draft_from_transcript(transcript: Transcript) -> Draft:
    """The member's opening messages make the question, the answerers' messages the answer."""
    if not transcript.closed:
        raise RuleRefused("only a closed conversation can become an article", code="not_closed")
    question_parts: list[str] = []
    answer_parts: list[str] = []
    helper_answered = False
    for message in sorted(transcript.messages, key=lambda m: m.seq):
        text = message.text.strip()
        if not text:
            continue
        if message.sender_role in ANSWERING_ROLES:
            answer_parts.append(text)
            helper_answered |= message.sender_id == transcript.helper_id
        elif not answer_parts:
            # What the member wrote before anyone answered is the question; later member
            # messages are the back-and-forth, left for staff to fold in if useful.
            question_parts.append(text)
    if not question_parts or not answer_parts:
        raise RuleRefused("the conversation has no question and answer", code="nothing_to_capture")
    return Draft(
        lang=transcript.lang,
        question=_shorten(" ".join(question_parts), MAX_QUESTION),
        answer=_shorten("\n\n".join(answer_parts), MAX_ANSWER),
        tags=clean_tags([transcript.topic]) if transcript.topic else (),
        topic=transcript.topic,
        credited_helper_id=transcript.helper_id if helper_answered else None,
    )


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Lower-case slugs, deduplicated, at most MAX_TAGS."""
    cleaned = tuple(dict.fromkeys(str(t).strip().lower().replace(" ", "-") for t in tags if t))
    if len(cleaned) > MAX_TAGS:
        raise BadInput(f"at most {MAX_TAGS} tags")
    bad = [t for t in cleaned if not _TAG.match(t)]
    if bad:
        raise BadInput("tags are short slugs of letters, digits, - and _", tags=bad)
    return cleaned


def clean_text(value: str | None, name: str, limit: int) -> str:
    """Trimmed text that must be present and within its limit."""
    text = (value or "").strip()
    if not text:
        raise BadInput(f"{name} is required", code=f"{name}_required")
    if len(text) > limit:
        raise BadInput(f"{name} is longer than {limit} characters")
    return text


def clean_lang(lang: str | None) -> str:
    """A supported language code."""
    if lang not in LANGUAGES:
        raise BadInput(f"lang must be one of {', '.join(LANGUAGES)}", code="bad_lang")
    return lang
