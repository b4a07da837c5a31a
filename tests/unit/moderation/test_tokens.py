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


def test_stream_with_spans_builds_the_same_stream_for_every_labelled_message(canon):
    for row in load_set():
        folded = fold(row["text"])
        stream, spans = canon.stream_with_spans(folded)
        assert stream == canon.stream(folded), row["id"]
        for stream_start, stream_end, _, _ in spans:
            assert stream[stream_start - 1] == " " and stream[stream_end] == " "
