"""The personal-data battery (tests/data/moderation/pii_battery.jsonl, 370 messages by a
writer blind to the filter, read only the policy and LABELLING.md): e-mail addresses and
phone numbers in as many writings as the writer could think of, and clean look-alikes.
Measured before any change (e-mails 117/136, phones 126/133, 2/101 clean altered), then its
misses were read (it is tuning data now, docs/moderation.md "Round 5"; after round 5: e-mails
124/136, phones 126/133, 2/101; after round 6: 135/136, 133/133, 1/101). Floors: today's
figures; raise them when a change improves them."""

from __future__ import annotations

from pathlib import Path

from bench.moderation import evaluate, load_set

BATTERY = Path(__file__).resolve().parents[2] / "data" / "moderation" / "pii_battery.jsonl"


def test_the_battery_holds_its_floors(moderator):
    rows = load_set(BATTERY)
    assert len(rows) == 370
    scores = evaluate(moderator, rows)
    found = {kind: hit for kind, (hit, _total) in scores.kinds.items()}
    totals = {kind: total for kind, (_hit, total) in scores.kinds.items()}
    assert totals == {"email": 136, "phone": 133}
    assert found["email"] >= 135 and found["phone"] >= 133, scores.kinds
    assert scores.precision("pii") >= 1.0
    assert scores.clean_altered_rate <= 1 / 101
