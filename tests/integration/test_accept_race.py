"""Twenty Helpers of capacity 2 race, from many threads, to accept thirty requests."""

from __future__ import annotations

import random
import threading
from collections import Counter, defaultdict

from chalicelib.domain.errors import DomainError
from chalicelib.domain.identity import Principal

HELPERS = [f"hx-{i:02d}" for i in range(20)]
MEMBERS = [f"mx-{i:02d}" for i in range(30)]


def test_every_request_gets_exactly_one_helper_and_nobody_exceeds_capacity(services):
    chat = services.chat
    for helper in HELPERS:
        services.members.put(helper, display_name=helper, lang="fr", roles=["member", "helper"],
                             profile={"helper": {"languages": ["fr"], "topics": ["booking"]}})
        chat.requests.set_presence(Principal(helper, frozenset({"member", "helper"})),
                                   "available", None, None, 2)
    conversations = [
        chat.requests.open_request(
            Principal(m, frozenset({"member"})), "booking", "fr", "aide", True
        )
        .result["conversation_id"]
        for m in MEMBERS
    ]
    results: dict[str, list[tuple[str, str]]] = defaultdict(list)
    lock = threading.Lock()
    start = threading.Barrier(len(HELPERS))

    def race(helper: str, seed: int) -> None:
        order = conversations[:]
        random.Random(seed).shuffle(order)
        who = Principal(helper, frozenset({"member", "helper"}))
        start.wait()
        for conversation_id in order:
            try:
                chat.requests.accept(who, conversation_id)
                outcome = "won"
            except DomainError as e:
                outcome = e.code
            with lock:
                results[conversation_id].append((helper, outcome))

    threads = [threading.Thread(target=race, args=(h, i)) for i, h in enumerate(HELPERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)

    won_by: dict[str, str] = {}
    for conversation_id, attempts in results.items():
        winners = [h for h, outcome in attempts if outcome == "won"]
        assert len(winners) == 1, (conversation_id, attempts)
        won_by[conversation_id] = winners[0]
        # Whoever lost a race was told `already_taken`; the only other refusal is capacity.
        assert {o for _, o in attempts if o != "won"} <= {"already_taken", "at_capacity"}
    assert len(won_by) == 30
    per_helper = Counter(won_by.values())
    assert max(per_helper.values()) <= 2
    for conversation_id, helper in won_by.items():
        assert chat.store.get(conversation_id).helper_id == helper
    for helper in HELPERS:
        assert chat.presence.get(helper).open_count == per_helper.get(helper, 0) <= 2
    # A capacity refusal only ever reached a Helper who already held two conversations.
    for attempts in results.values():
        for helper, outcome in attempts:
            if outcome == "at_capacity":
                assert per_helper[helper] == 2
    losers = sum(1 for a in results.values() for _, o in a if o == "already_taken")
    assert losers > 0
