"""ChatReactions, the other contexts' listener of the chat: what each ChatEvent does, and
that a failing reaction never reaches the chat."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.chat.events import ChatEvent
from chalicelib.domain.chat.model import CLOSED, Conversation
from chalicelib.domain.clock import FixedClock
from chalicelib.policies import chat_reactions
from chalicelib.policies.chat_reactions import ChatReactions


class Recorder:
    """Any method call is recorded as (name, args)."""

    def __init__(self, calls: list[tuple[str, tuple[Any, ...]]], fail: bool = False) -> None:
        self._calls, self._fail = calls, fail

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any) -> None:
            self._calls.append((name, args))
            if self._fail:
                raise RuntimeError("programme store down")

        return record


class Root:
    """What ChatReactions is given."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.clock = FixedClock()
        self.recognition = Recorder(self.calls, fail)
        self.quality_signals = Recorder(self.calls, fail)
        self.programme = Recorder(self.calls, fail)


def reactions(root: Root) -> ChatReactions:
    return ChatReactions(lambda: root.recognition, lambda: root.quality_signals,
                         lambda: root.programme, root.clock)


@pytest.fixture
def failures(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    logged: list[dict[str, Any]] = []

    class Logger:
        def exception(self, message: str, **fields: Any) -> None:
            logged.append({"message": message, **fields})

    monkeypatch.setattr(chat_reactions, "logger", Logger())
    return logged


def answered(rating: int | None = None) -> Conversation:
    return Conversation(
        conversation_id="cv-1",
        member_id="m-alice",
        topic="booking",
        lang="fr",
        status=CLOSED,
        opened_at=1_800_000_000.0,
        helper_id="h-1",
        helper_role="helper",
        assigned_at=1_800_000_005.0,
        first_response_at=1_800_000_010.0,
        closed_at=1_800_000_300.0,
        rating=rating,
    )


def test_every_chat_event_is_handled(failures: list[dict[str, Any]]) -> None:
    events = reactions(Root())
    for event in ChatEvent:
        events(event, answered(rating=4))
    assert failures == []


def test_a_closed_conversation_answered_by_a_helper_earns_them_points(
    failures: list[dict[str, Any]],
) -> None:
    root = Root()
    reactions(root)(ChatEvent.CLOSED, answered())
    assert root.calls == [("on_answered", ("h-1", "cv-1", 1_800_000_300.0))]


def test_a_rating_is_recorded_rewarded_and_reviewed(failures: list[dict[str, Any]]) -> None:
    root = Root()
    reactions(root)(ChatEvent.RATED, answered(rating=5))
    at = root.clock.time()
    assert root.calls == [
        ("record_rating", ("h-1", "cv-1", 5, at)),
        ("on_rated", ("h-1", "cv-1", 5, at)),
        ("review_quality", ("h-1",)),
    ]


def test_a_failing_reaction_is_logged_and_never_reaches_the_chat(
    failures: list[dict[str, Any]],
) -> None:
    reactions(Root(fail=True))(ChatEvent.CLOSED, answered())
    assert [(f["event_name"], f["error"]) for f in failures] == [("closed", "RuntimeError")]


def test_an_event_with_no_handler_is_logged_not_raised(failures: list[dict[str, Any]]) -> None:
    reactions(Root())("reopened", answered())  # type: ignore[arg-type]
    assert [(f["event_name"], f["error"]) for f in failures] == [("reopened", "KeyError")]
