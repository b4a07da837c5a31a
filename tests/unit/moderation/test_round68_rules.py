"""Round 68: the misses read on blind67 (trained on since blind68 landed) once blind68 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_ride_organised_on_a_messenger_in_a_story_is_no_proposal(rules):
    found = rules.check("La dernière fois, un trajet arrangé sur WhatsApp m'a coûté 40 € pour "
                        "rien, alors je reste ici")
    assert found.verdict == "allow", found.reasons


def test_people_in_general_organising_on_a_messenger_is_no_proposal(rules):
    found = rules.check("Tout le monde s'organise sur Snap maintenant, moi je reste ici")
    assert found.verdict == "allow", found.reasons


def test_organising_on_a_messenger_proposed_is_still_a_proposal(rules):
    found = rules.check("On s'organise sur WhatsApp pour samedi ?")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons


def test_a_number_after_its_plus_cut_by_a_wait_is_masked(rules):
    found = rules.check("Mon Signal c'est +41 79… attends, réseau pourri… 512 44 83")
    assert found.text is not None and found.text.count("[phone]") == 2, found.text
    assert "+" not in found.text, found.text


def test_a_plus_before_a_score_and_a_time_is_no_phone(rules):
    found = rules.check("+12 points au classement… attends, le match finit à 21 45")
    assert found.verdict == "allow", found.text


def test_the_trip_not_confirmed_in_the_app_after_cash_is_off_platform(rules):
    found = rules.check("Je prends que le liquide, et tu confirmes pas la course dans "
                        "l'application, ok ?")
    assert found.verdict == "review" and found.categories == {"off_platform"}, found.reasons


def test_confirming_the_trip_in_the_app_is_clean(rules):
    found = rules.check("J'ai payé par l'appli, tu confirmes la course dans l'application ?")
    assert found.verdict == "allow", found.reasons


def test_a_hooked_f_reads_as_f(rules):
    found = rules.check("ƒree fuel for a year!! just fill the form, link in my bio")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_free_rides_offered_between_members_stay_clean(rules):
    found = rules.check("Free ride for my neighbour this week, she helped me move")
    assert found.verdict == "allow", found.reasons


def test_a_middle_dotted_address_at_an_indian_provider_is_masked(rules):
    found = rules.check("mail id: priya·nair·92 at rediffmail·com for the bill")
    assert found.verdict == "mask" and "[email]" in found.text, found.text


def test_a_provider_named_in_passing_is_no_address(rules):
    found = rules.check("My landlord's at BT Internet dot com, nothing to do with me")
    assert found.verdict == "allow", found.text
