"""Round 85: the misses read on blind84 (trained on since blind85 landed) once blind85 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_wholesale_offer_to_resellers_while_stocks_last_is_spam(rules):
    found = rules.check("Nouvel arrivage de pagnes et de basins, prix de gros, stock limité, "
                        "faites vite")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_limited_stock_of_salt_is_no_sale(rules):
    found = rules.check("Arrivage de neige prévu cette nuit, stock limité de sel à la mairie")
    assert found.verdict == "allow", found.reasons


def test_going_to_the_enfoires_concert_is_no_insult(rules):
    found = rules.check("Vous allez aux Enfoirés à Lyon samedi ? Il me reste deux places")
    assert "insult" not in found.categories, found.reasons


def test_a_ride_of_another_kind_with_a_room_is_an_advance(rules):
    found = rules.check("Loved chatting on the way. Fancy a ride of another sort? My room's at "
                        "the Ibis by the ring road")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_ride_of_a_different_kind_alone_is_a_trip(rules):
    found = rules.check("Next time let's try a ride of a different kind, the coast road is "
                        "prettier")
    assert found.verdict == "allow", found.reasons
