"""Round 83: the misses read on blind82 (trained on since blind83 landed) once blind83 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_messenger_cut_elsewhere_is_a_channel(rules):
    found = rules.check("Retrouve-moi sur tél égram ce soir, on cale le trajet")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_grams_and_a_tv_are_no_messenger(rules):
    found = rules.check("Je ramène la télé, gramme par gramme on a tout pesé pour le coffre")
    assert found.verdict == "allow", found.reasons


def test_come_back_and_i_stab_you_is_a_threat(rules):
    found = rules.check("Approche encore de ma sœur et je te plante")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_come_back_and_i_pick_you_up_is_no_threat(rules):
    found = rules.check("Repasse par la gare et je te prends au passage")
    assert found.verdict == "allow", found.reasons


def test_spanish_you_are_with_its_article_aims_the_insult(rules):
    found = rules.check("Eres una pendeja, ni te molestes en contestar")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_spanish_praise_is_no_insult(rules):
    found = rules.check("Eres una crack, gracias por el viaje hasta Sevilla")
    assert found.verdict == "allow", found.reasons


def test_the_signal_bad_is_no_messenger(rules):
    found = rules.check("Call 07700 900 318 if the signal is patchy near the lighthouse")
    assert found.verdict == "mask" and "off_platform" not in found.categories, found.reasons


def test_a_way_for_the_app_not_to_take_its_cut_is_a_proposal(rules):
    for text in ("Any way we can sort it so the app doesn't take its commission?",
                 "On peut faire en sorte que l'appli touche pas sa commission ?"):
        found = rules.check(text)
        assert "off_platform" in found.categories, (text, found.reasons)


def test_a_news_update_with_its_link_is_no_phishing(rules):
    found = rules.check("Traffic update here: https://www.kent-roadworks-info.org/a2")
    assert found.verdict == "review", found.reasons
    assert all(reason.rule != "spam.phishing" for reason in found.reasons), found.reasons


def test_an_account_update_with_a_link_is_still_phishing(rules):
    found = rules.check("Your account needs an update here: https://secure-verify-login.com/acc")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons
