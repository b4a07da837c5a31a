"""The SMS telling a counterpart their code link is locked: how to answer without it, in at
most two GSM-7 segments, and never a code or a link (a new code on demand would let whoever
guesses make us text and start afresh)."""

from __future__ import annotations

import pytest

from chalicelib.domain.notifications.segments import GSM7, count_segments
from chalicelib.domain.notifications.templates import render_sms

VALUES = {"ref": "9F3A2C", "deadline": "15/03 à 10h00"}


def test_the_french_notice_reads_naturally_in_two_segments():
    text = render_sms("counterpart_code_locked", "fr", VALUES)
    assert text == (
        "Entraide: trop de codes faux pour le dossier 9F3A2C, le lien SMS est bloqué. "
        "Pour répondre avant le 15/03 à 10h00, connectez-vous à l'application Entraide "
        "(sans code) ou contactez l'assistance. Aucun code ne sera renvoyé par SMS.")
    assert count_segments(text).encoding == GSM7
    assert count_segments(text).segments == 2


def test_the_english_notice_reads_naturally_in_two_segments():
    text = render_sms("counterpart_code_locked", "en",
                      {"ref": "9F3A2C", "deadline": "15 Mar 10:00"})
    assert text == (
        "Entraide: too many wrong codes for claim 9F3A2C, so the SMS link is locked. "
        "To answer before 15 Mar 10:00, sign in to the Entraide app (no code needed) "
        "or contact support. No new code will be sent by SMS.")
    assert count_segments(text).segments == 2


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_notice_carries_no_link_and_no_code(lang):
    text = render_sms("counterpart_code_locked", lang, {"ref": "ZZZZZZZZ", "deadline": "d" * 24})
    assert "http" not in text and "?code=" not in text
    assert count_segments(text).segments <= 2
