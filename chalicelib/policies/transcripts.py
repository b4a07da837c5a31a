"""The chat's transcripts as knowledge capture reads them."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.chat.oversight import Oversight
from chalicelib.domain.errors import NotFound
from chalicelib.domain.identity import Principal
from chalicelib.domain.knowledge.model import Transcript, TranscriptMessage


class ChatTranscriptSource:
    """The knowledge base's TranscriptSource port over the chat's transcript read (audited
    for readers who are not participants, as every transcript read is)."""

    def __init__(self, oversight: Oversight) -> None:
        self._oversight = oversight

    def transcript(self, conversation_id: str, reader: Principal) -> Transcript | None:
        """The stored, already masked conversation; None when it does not exist."""
        try:
            body = self._oversight.transcript(reader, conversation_id)
        except NotFound:
            return None
        messages = tuple(
            TranscriptMessage(m["seq"], m["sender"]["id"], m["sender"]["role"], m["text"] or "")
            for m in body["messages"]
            if m.get("verdict") != "block"
        )
        return Transcript(
            conversation_id=conversation_id,
            member_id=body["member_id"],
            lang=body["lang"],
            topic=body["topic"],
            closed=body["status"] == "closed",
            messages=messages,
            helper_id=body.get("helper_id") if _answered_by_helper(body) else None,
            rating=body.get("rating"),
        )


def _answered_by_helper(body: dict[str, Any]) -> bool:
    helper = body.get("helper_id")
    return any(p["id"] == helper and p["role"] == "helper" for p in body["participants"])
