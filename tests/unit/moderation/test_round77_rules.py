"""Round 77: the misses read on blind76 (trained on since blind77 landed) once blind77 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_waiting_at_an_exit_named_by_a_letter_is_no_threat(rules):
    found = rules.check("Le train a dix minutes de retard, je t'attends à la sortie C")
    assert found.verdict == "allow", found.reasons


def test_waiting_at_the_exit_alone_is_still_the_threat(rules):
    found = rules.check("Continue à me parler comme ça et je t'attends à la sortie")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_slags_made_stronger_are_blocked(rules):
    found = rules.check("Total slags, both of you, never again in my car")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_load_of_slag_is_still_clean(rules):
    found = rules.check("The track to the farm is a load of slag from the old pit, go slowly")
    assert found.verdict == "allow", found.reasons


def test_an_italian_you_are_with_an_adverb_is_aimed(rules):
    found = rules.check("Sei davvero una troia, non ti porto più")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_an_expletive_at_a_hill_is_clean(rules):
    found = rules.check("Sa race la pute, ce col avec la caravane, j'ai fait tout en première")
    assert found.verdict == "allow", found.reasons


def test_the_expletive_at_a_person_is_still_an_insult(rules):
    found = rules.check("Sa mère la pute, cette conductrice m'a laissé sur le trottoir")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_female_dog_whose_breed_comes_first_is_no_insult(rules):
    found = rules.check("Our lurcher will be in the boot, she's a rescue bitch and very quiet")
    assert found.verdict == "allow", found.reasons


def test_an_insult_spelled_by_its_start_and_end_is_blocked(rules):
    found = rules.check("Ce que je pense de toi ? Ça commence par « sa » et ça finit par « lope »")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_word_spelled_by_its_start_and_end_may_be_clean(rules):
    found = rules.check("The town starts with 'Scun' and ends with 'thorpe', we leave at eight")
    assert found.verdict == "allow", found.reasons


def test_a_phone_number_in_creole_words_is_masked(rules):
    found = rules.check("nimewo mwen: sero sèt, trant, vent-de, karant, swasant-dis")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


def test_a_number_in_parts_with_its_zero_said_apart_is_masked(rules):
    found = rules.check("mon portable : 7 puis 45 puis 12 puis 88 puis 30, précédé d'un zéro")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


def test_dates_in_parts_with_a_zero_are_no_number(rules):
    found = rules.check("Départ le 6 puis retour le 18, précédé du 0 de la réunion de 9h")
    assert found.verdict == "allow", found.reasons


def test_a_proposal_withdrawn_by_its_writer_is_clean(rules):
    found = rules.check("Je t'envoie un WhatsApp ? Non laisse tomber, je vois tout ici")
    assert found.verdict == "allow", found.reasons


def test_a_proposal_kept_is_still_one(rules):
    found = rules.check("Je t'envoie un SMS avec mon numéro, c'est plus simple")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_carrying_on_by_email_is_a_proposal(rules):
    found = rules.check("Shall we continue by email? The app keeps crashing on my phone")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_a_crowd_switched_to_a_rival_is_spam(rules):
    found = rules.check("Des milliers de conducteurs sont passés à CovoitLibre, zéro frais, "
                        "renseignez-vous")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_member_who_switched_plan_is_clean(rules):
    found = rules.check("I switched to paying by card in the app, no fees so far")
    assert found.verdict == "allow", found.reasons


def test_a_deal_fitted_at_home_with_a_link_is_spam(rules):
    found = rules.check("Best prices on car batteries, installed at your home, see "
                        "batteriespro.fr")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons
