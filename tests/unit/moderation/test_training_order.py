"""The trainer's example order: each example's place depends on itself alone."""

from __future__ import annotations

from tools.moderation_train import epoch_orders

KEYS = [f"line {n}" for n in range(200)] + ["written twice"] * 2


def test_removing_one_line_moves_no_other_line_in_any_epoch():
    full = epoch_orders(KEYS, epochs=3)
    fewer = epoch_orders(KEYS[:50] + KEYS[51:], epochs=3)
    for order, shorter in zip(full, fewer, strict=True):
        # Indices after the removed line shift by one; map them back to the texts' slots.
        kept = [index for index in order if index != 50]
        assert [index if index < 50 else index + 1 for index in shorter] == kept


def test_each_epoch_has_its_own_order_and_copies_of_a_line_their_own_places():
    first, second = epoch_orders(KEYS, epochs=2)
    assert sorted(first) == list(range(len(KEYS))) and first != second
    # The copy number is part of the key: the two copies are not side by side every epoch, as
    # they would be if both sorted on the same digest.
    gaps = []
    for order in (first, second):
        a, b = (position for position, index in enumerate(order) if KEYS[index] == "written twice")
        gaps.append(abs(a - b))
    assert max(gaps) > 1
    assert epoch_orders(KEYS, epochs=2) == [first, second]  # the same on every run
