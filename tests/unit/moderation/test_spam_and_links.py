"""Links outside the allowlist are reviewed; promotions, scams and phishing are blocked."""

from __future__ import annotations

import pytest

from chalicelib.domain.moderation import Moderator, default_allowed_links


@pytest.mark.parametrize(
    "text",
    [
        "Le point de rendez-vous : https://maps.google.com/?q=45.764,4.8357",
        "https://maps.app.goo.gl/Xy12AbCd voilà le parking",
        "Here's the route: https://www.google.com/maps/dir/London/Oxford",
        "Voici le lieu : https://www.openstreetmap.org/#map=18/48.8566/2.3522",
        "waze.com/ul?ll=48.85,2.35 pour le parking",
        "Ton trajet : https://entraide.app/trajets/8842",
    ],
)
def test_map_links_and_the_platforms_own_links_are_allowed(moderator, text):
    assert moderator.check(text).verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Regarde ma vidéo : youtube.com/watch?v=dQw4w9WgXcQ",
        "va voir leboncoin.fr pour ma voiture",
        "mon site : www.julien-photo.fr",
        "https://tinyurl.com/3xk9abc",
        "Here's the article: https://www.bbc.co.uk/news/uk-123456",
    ],
)
def test_other_links_and_bare_domains_are_held_for_review(moderator, text):
    verdict = moderator.check(text)
    assert verdict.verdict == "review"
    assert [reason.rule for reason in verdict.reasons] == ["spam.link"]
    assert verdict.text == text


@pytest.mark.parametrize(
    "text",
    [
        "RDV gare St.Jean à 8h, merci beaucoup.A demain",
        "i.e. the usual spot, e.g. by the kiosk",
        "Merci.De rien, à demain",
        "Le péage fait 12.50, ok.merci",
    ],
)
def test_words_joined_by_a_dot_are_not_domains(moderator, text):
    assert moderator.check(text).verdict == "allow"


def test_the_allowlist_is_a_constructor_parameter():
    custom = Moderator(allowed_links=[*default_allowed_links(), "partner.example.com"])
    assert custom.check("infos sur https://partner.example.com/aide").verdict == "allow"
    assert custom.check("ton trajet : https://entraide.app/t/1").verdict == "allow"
    assert Moderator(allowed_links=[]).check("https://entraide.app/t/1").verdict == "review"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gagnez 500€ par jour depuis chez vous ! Infos ici : bit.ly/gain-facile", "fr"),
        ("Crypto : doublez votre mise en 24h, contactez-moi en privé", "fr"),
        ("Votre compte sera suspendu, confirmez vos identifiants sur secure-login.com", "fr"),
        ("Vends iPhone 14 pas cher, 300€, écris-moi", "fr"),
        ("Prêt d'argent rapide entre particuliers sans justificatif", "fr"),
        ("G@gnez de l'@rgent f@cilement, contactez-moi", "fr"),
        ("Congratulations, you've won a $1000 gift card! Claim now", "en"),
        ("Your parcel is on hold, pay the $1.99 fee at ups-help.com", "en"),
        ("Buy cheap Instagram followers, 10k for $5", "en"),
        ("Cheap Ray-Bans here: raybans-outlet.shop", "en"),
    ],
)
def test_promotions_scams_and_phishing_are_blocked(moderator, text, lang):
    verdict = moderator.check(text, lang)
    assert verdict.verdict == "block"
    assert "spam" in {reason.category for reason in verdict.reasons}


@pytest.mark.parametrize(
    "text",
    [
        "Vendredi je pars tôt, vers 6h",
        "Je peux payer le trajet avec une carte cadeau ?",
        "Mon compte est bloqué, je ne peux plus réserver",
        "My account is locked and I can't book",
        "On a gagné 20 minutes en passant par la N7",
    ],
)
def test_everyday_words_shared_with_spam_are_allowed(moderator, text):
    assert moderator.check(text).verdict == "allow"


def test_an_email_address_is_personal_data_not_a_link(moderator):
    verdict = moderator.check("nico.petit@wanadoo.fr pour la facture", "fr")
    assert [reason.rule for reason in verdict.reasons] == ["pii.email"]


def test_the_link_patterns_find_what_their_plain_forms_find():
    # links.py writes its host pattern from the first character on and looks for a bare
    # domain from its dot (the regex engine skips ahead); compared with the plain forms.
    import re
    from random import Random

    from bench.moderation import load_set
    from chalicelib.domain.moderation.lexicon import trie_regex
    from chalicelib.domain.moderation.links import LinkPolicy, link_data
    from chalicelib.domain.moderation.normalise import fold

    data = link_data()
    host = r"(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+"
    anywhere, with_path = trie_regex(data["tlds"]), trie_regex(data["tlds_with_path"])
    plain_link = re.compile(
        r"(?:https?://|www\.)[^\s<>\"]+"
        rf"|(?<![@a-z0-9.\-]){host}(?:{anywhere})(?![a-z0-9\-@])(?:[/?#][^\s<>\"]*)?"
        rf"|(?<![@a-z0-9.\-]){host}(?:{with_path})/[^\s<>\"]*"
    )
    firsts = sorted({ending[0] for ending in [*data["tlds"], *data["tlds_with_path"]]})
    plain_bare = re.compile(r"[a-z0-9]\.[" + re.escape("".join(firsts)) + "]")
    policy = LinkPolicy()
    random = Random(13)
    pieces = [*"ab1.-/@ ", "www.", "http://", "maps.google.com", "x.co", ".fr", "-a.", "gg/"]
    texts = [fold(row["text"]) for row in load_set()]
    texts += ["".join(random.choice(pieces) for _ in range(random.randint(1, 14)))
              for _ in range(20000)]
    for text in texts:
        assert [(m.span(), m.group()) for m in policy._link_re.finditer(text)] == [
            (m.span(), m.group()) for m in plain_link.finditer(text)], text
        assert (policy._bare_domain_re.search(text) is None) == (
            plain_bare.search(text) is None), text


def test_a_link_is_listed_as_entry_by_entry_matching_would_say():
    # An entry `host` or `host/path-prefix` covers the host and its subdomains; the policy
    # looks the host and its parent domains up instead of trying every entry.
    from random import Random

    from chalicelib.domain.moderation.links import _by_host, _listed, link_data

    def covered(host, path, entry):
        entry_host, _, entry_path = entry.partition("/")
        return (host == entry_host or host.endswith("." + entry_host)) and path.startswith(
            entry_path)

    random = Random(17)
    labels = ["a", "b", "google", "com", "maps", "", "x-y", "goo", "gl", "me", "t"]
    paths = ["", "maps", "maps/x", "invite/a", "x", "m"]

    def host():
        return ".".join(random.choice(labels) for _ in range(random.randint(1, 4)))

    data = link_data()
    lists = [data["allowed"], data["invites"]]
    lists += [[host() + random.choice(["", "/" + random.choice(paths)])
               for _ in range(random.randint(0, 6))] for _ in range(200)]
    for entries in lists:
        by_host = _by_host(entries)
        for _ in range(200):
            name, path = host(), random.choice(paths)
            assert _listed(name, path, by_host) == any(
                covered(name, path, entry) for entry in entries), (name, path, entries)
