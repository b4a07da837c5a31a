"""The canonical word stream undoes disguises only when they hide a known word."""

from __future__ import annotations

import pytest

from bench.moderation import load_set
from chalicelib.domain.moderation.normalise import fold


@pytest.fixture(scope="module")
def canon(moderator):
    return moderator._canon


@pytest.mark.parametrize(
    ("text", "stream"),
    [
        ("c0nn4rd", "| connard |"),
        ("c.o.n.n.a.r.d", "| connard |"),
        ("c o n n a r d", "| connard |"),
        ("f u c k  y o u", "| fuck you |"),
        ("connnnnnard", "| connard |"),
        ("sale p*te", "| sale pute |"),
        ("a$$hole", "| asshole |"),
        ("wh@ts@pp", "| whatsapp |"),
        ("teleg.ram", "| telegram |"),
        ("enkulé", "| encule |"),
        ("écris-moi, stp.", "| ecris moi | stp |"),
        ("500€ cash", "| 500 eur cash |"),
    ],
)
def test_stream_undoes_disguises(canon, text, stream):
    assert canon.stream(fold(text)) == stream


@pytest.mark.parametrize(
    ("text", "stream"),
    [
        ("il y a 2 places", "| il y a 2 places |"),
        ("rdv 12h30 à la gare", "| rdv 12h30 a la gare |"),
        ("maps.google.com", "| maps google com |"),
        ("salle d'attente", "| salle d attente |"),
        ("i m a bit late", "| i m a bit late |"),
    ],
)
def test_stream_leaves_ordinary_text_alone(canon, text, stream):
    assert canon.stream(fold(text)) == stream


def test_words_and_origins_follow_the_stream_on_every_labelled_message(canon):
    for row in load_set():
        folded = fold(row["text"])
        stream, words = canon.read(folded)
        assert words == stream.split(), row["id"]
        origins = canon.origins(folded)
        assert len(origins) == len(words), row["id"]
        rebuilt = []
        for index, origin in enumerate(origins):
            if origin is None:
                rebuilt.append("|")
            elif index == 0 or origins[index - 1] != origin:
                # A segment's canonical words, once, where its first word stands.
                rebuilt.extend(canon.tokens(folded[origin[0]:origin[1]]))
        assert rebuilt == words, row["id"]
