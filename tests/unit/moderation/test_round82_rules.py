"""Round 82: the misses read on blind81 (trained on since blind82 landed) once blind82 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_link_with_a_spelled_dot_and_a_spaced_path_is_a_link(rules):
    found = rules.check("La table est ici : vinted point fr / articles / 5519023, tu peux la "
                        "prendre dans ta voiture ?")
    assert "spam" in found.categories and found.verdict == "review", found.reasons


def test_a_meeting_point_and_a_date_with_a_slash_are_no_link(rules):
    found = rules.check("Le point de rendez-vous du 14/06 reste le parking de la gare")
    assert found.verdict == "allow", found.reasons


def test_a_number_one_digit_at_a_time_then_in_pairs_is_a_phone(rules):
    found = rules.check("Appelle-moi au 0-7-5-2, 1-9, 3-3, 8-0 pour le mariage")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


def test_a_list_of_scores_is_no_phone(rules):
    found = rules.check("Résultats du tournoi : 0-6, 6-0, 3-0, 0-3, 2-1, enfin on rentre")
    assert found.verdict == "allow", found.reasons


def test_a_threat_made_at_a_game_is_banter(rules):
    for text in ("On va te buter à la belote ce soir, prépare-toi",
                 "I'll kill you at darts on Friday, bring your A game"):
        found = rules.check(text)
        assert found.verdict == "allow", (text, found.reasons)


def test_a_threat_made_somewhere_else_still_blocks(rules):
    for text in ("On va te buter à la sortie ce soir, prépare-toi",
                 "I'll kill you at the car park on Friday"):
        found = rules.check(text)
        assert found.verdict == "block" and "insult" in found.categories, (text, found.reasons)


def test_results_to_ask_about_then_the_offer_is_spam(rules):
    found = rules.check("Moins 9 kg en un mois avec mes shakes, demande-moi comment 🌿 kits "
                        "disponibles")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_asking_how_a_kit_works_is_no_spam(rules):
    found = rules.check("Ask me how the starter packs for the bike club work when you pick me up")
    assert found.verdict == "allow", found.reasons


def test_an_address_said_as_two_names_and_the_dot_between_is_masked(rules):
    for text in ("C'est sur hotmail, julie et moreau avec un point au milieu, pour la facture",
                 "my gmail is with a dot between priya and shah, for the receipt"):
        found = rules.check(text)
        assert found.verdict == "mask" and "[email]" in found.text, (text, found.text)


def test_two_names_joined_without_a_mail_provider_are_no_address(rules):
    found = rules.check("Write tom and baker with a dot between on the name tag for the party")
    assert found.verdict == "allow", found.reasons
