"""Round 12 rules: the generic kinds of misses read on blind10 once blind11 had been measured to
judge them, each written again in other words, next to look-alikes that must stay as they
are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Eres un cabrón, me dejaste tirado en la gasolinera de Irún", "block"),
        ("Che stronzo, mi hai lasciato a Torino senza valigia", "block"),
        ("Filho da puta, deixaste-me sozinha na estação de Hendaye", "block"),
        ("T'es qu'une tepu, tu m'as plantée à la gare de Valence", "block"),
        ("Du bist ein Trottel, the meeting point was the Hauptbahnhof", "review"),
        ("Wewe ni mpumbavu, ulichelewa saa mbili nzima", "review"),
        ("Sei una cretina, hai preso la mia borsa per sbaglio", "review"),
        ("Tanga ka talaga, wrong exit ulit sa SLEX", "review"),
        ("Tha's a proper pillock, parking on t' zebra crossing", "review"),
    ],
)
def test_insults_of_other_languages_and_regions_are_found(rules, text, verdict):
    found = rules.check(text)
    assert found.verdict == verdict and "insult" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Kurwa, the A4 is jammed again near Wrocław, sorry, twenty minutes late",
        "On a dormi à Bastardo, en Ombrie, c'est sur la route de Pérouse",
        "Our kutta travels in a crate in the boot, is that ok for everyone?",
        "Ma tante Randi arrive à 18 h à la gare de Dijon",
        "Quel Dummkopf je suis, j'ai oublié mon sac chez vous",
        "Wait a mo, I'm just locking the front door",
        "Le passager m'a lâché « sale bâtard » devant ma fille, je veux porter plainte.",
        "It started with 'pendejo' and got worse, can a Helper read Spanish?",
        "Chofè-a di mwen « bouzen » pou an ti rita, sa pa bon menm",
        "La conductrice a crié « connard » à un cycliste, rien contre nous.",
    ],
)
def test_expletives_places_names_and_quoted_reports_are_no_insults(rules, text):
    found = rules.check(text)
    assert "insult" not in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Rembourse-moi les 30 euros ou je te refais le portrait.",
        "Espèce d'arnaqueur de merde, tu as encaissé et tu n'es jamais venu.",
    ],
)
def test_a_present_tense_threat_and_a_crook_called_so_are_blocked(rules, text):
    found = rules.check(text)
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_portrait_redone_by_a_painter_is_no_threat(rules):
    found = rules.check("Le peintre du marché m'a refait le portrait, il est superbe.")
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Je vous paie par chèque à l'arrivée, pas besoin de l'appli.",
        "Tu me règles en numéraire au départ, c'est plus simple.",
        "Pagamos em dinheiro vivo quando chegarmos, ok?",
        "add me on dc after the ride, same name as here",
    ],
)
def test_cheques_cash_in_other_words_and_discord_by_its_short_name_are_proposals(rules, text):
    found = rules.check(text)
    assert "off_platform" in found.categories, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "On peut payer par chèque sur l'appli ou seulement par carte ?",
        "I'm driving to DC on Friday, two seats left.",
        "My disc brakes squeak a bit, nothing to worry about.",
    ],
)
def test_paying_in_the_app_and_dc_as_a_place_are_no_proposals(rules, text):
    found = rules.check(text)
    assert "off_platform" not in found.categories, found.reasons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("marie.dupuis\u24d0gmail.com pour le reçu, merci", "email"),
        ("zéro sept, deux fois deux, quarante, dix-huit, onze", "phone"),
    ],
)
def test_a_circled_at_and_a_digit_said_twice_are_personal_data(rules, text, kind):
    found = rules.check(text)
    assert found.verdict == "mask" and f"[{kind}]" in found.text, (found.reasons, found.text)


@pytest.mark.parametrize(
    "text",
    [
        "\u24d0\u24d1\u24d2 means nothing, it's my sticker pack",
        "Le café coûte deux fois quatre euros dans ce relais, incroyable.",
    ],
)
def test_fancy_letters_and_a_multiplication_stay_unmasked(rules, text):
    found = rules.check(text)
    assert found.verdict == "allow", found.reasons


@pytest.mark.parametrize(
    "text",
    ["Réservez moins cher sur covoit-malin point fr", "Cheaper rides every day on cars2go dot com!"],
)
def test_a_spelled_out_dot_after_a_name_no_sentence_holds_is_a_link(rules, text):
    found = rules.check(text)
    assert "spam" in found.categories, found.reasons


def test_a_roundabout_named_in_a_sentence_is_no_link(rules):
    found = rules.check("Dépose-moi au rond-point commercial de Bron, merci.")
    assert found.verdict == "allow", found.reasons
