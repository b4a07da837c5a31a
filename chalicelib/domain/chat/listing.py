"""Staff's conversation list over a period of days, newest first, a page at a time.

The store answers one day at a time (a Query on the day-bucket index, never a Scan); a page
walks the days from the last one back to the first, and its cursor says where it stopped: the
day and, inside it, the last conversation read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.chat.ports import ChatStore
from chalicelib.domain.errors import BadInput

MAX_RANGE_DAYS = 31
LIST_PAGE_MAX = 500
# Queries one page may make (status filters can skip many conversations): the cursor resumes.
MAX_QUERIES = 40


@dataclass(frozen=True)
class Position:
    """Where a page stopped: a day and, inside it, the last conversation read (or its start)."""

    day: dt.date
    before: tuple[float, str] | None = None

    def encode(self) -> str:
        """As text, for the cursor."""
        if self.before is None:
            return self.day.isoformat()
        return f"{self.day.isoformat()}|{self.before[0]!r}|{self.before[1]}"

    @classmethod
    def decode(cls, text: str) -> Position:
        """The position of a cursor's text; 400 `bad_cursor` for anything else."""
        try:
            day, *rest = text.split("|", 2)
            before = (float(rest[0]), rest[1]) if rest else None
            return cls(dt.date.fromisoformat(day), before)
        except (ValueError, IndexError):
            raise BadInput("cursor is not one this API gave", code="bad_cursor",
                           field="cursor") from None


def check_range(first: str, last: str) -> tuple[dt.date, dt.date]:
    """The period's first and last days (inclusive), at most MAX_RANGE_DAYS; 400 `bad_range`."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if end < start or (end - start).days >= MAX_RANGE_DAYS:
        raise BadInput(f"from must be on or before to, at most {MAX_RANGE_DAYS} days apart",
                       code="bad_range", field="from")
    return start, end


def conversations_between(
    store: ChatStore,
    first: dt.date,
    last: dt.date,
    status: str | None,
    limit: int,
    position: Position | None,
) -> tuple[list[dict[str, Any]], Position | None]:
    """Up to `limit` summaries opened from `first` to `last`, newest first, from `position`;
    and where the next page starts (None: nothing older in the period)."""
    if not 1 <= limit <= LIST_PAGE_MAX:
        raise BadInput(f"limit must be 1 to {LIST_PAGE_MAX}", field="limit")
    at = position or Position(last)
    found: list[dict[str, Any]] = []
    for _ in range(MAX_QUERIES):
        if at.day < first or len(found) >= limit:
            break
        want = limit - len(found)
        page = store.by_day(at.day.isoformat(), want, at.before)
        found += [c.summary() for c in page if status is None or c.status == status]
        if len(page) == want:
            at = Position(at.day, (page[-1].opened_at, page[-1].conversation_id))
        else:
            at = Position(at.day - dt.timedelta(days=1))
    return found, (at if at.day >= first else None)
