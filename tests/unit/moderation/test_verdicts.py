"""One verdict per text: precedence, stored text, reasons with offsets and no content."""

from __future__ import annotations

from chalicelib.domain.moderation import ALLOW, BLOCK, MASK, REVIEW, Reason, Verdict
from chalicelib.domain.moderation.verdict import strongest


def test_precedence_is_block_then_review_then_mask_then_allow():
    assert strongest([MASK, REVIEW]) == REVIEW
    assert strongest([REVIEW, BLOCK, MASK]) == BLOCK
    assert strongest([MASK]) == MASK
    assert strongest([]) == ALLOW


def test_an_allowed_text_is_returned_unchanged_with_no_reasons(moderator):
    verdict = moderator.check("Bonjour, je suis devant la gare", "fr")
    assert verdict.to_json() == {
        "verdict": "allow", "text": "Bonjour, je suis devant la gare", "reasons": []
    }


def test_empty_and_blank_texts_are_allowed(moderator):
    assert moderator.check("").verdict == ALLOW
    assert moderator.check("   ").text == "   "


def test_a_blocked_text_is_never_returned_in_clear(moderator):
    verdict = moderator.check("Connard, appelle-moi au 06 12 34 56 78", "fr")
    assert verdict.verdict == BLOCK
    assert verdict.text is None
    assert moderator.clean("Connard, appelle-moi au 06 12 34 56 78", "fr") is None


def test_a_review_item_is_stored_masked(moderator):
    verdict = moderator.check("je te laisse mon signal : 06 11 22 33 44", "fr")
    assert verdict.verdict == REVIEW
    assert verdict.text == "je te laisse mon signal : [phone]"


def test_reasons_carry_category_rule_action_severity_and_original_offsets(moderator):
    text = "Ｍｏｎ mail : julie.martin@gmail.com"
    verdict = moderator.check(text, "fr")
    [reason] = verdict.to_json()["reasons"]
    assert reason == {
        "category": "pii", "rule": "pii.email", "action": "mask", "severity": "low",
        "start": 11, "end": 33,
    }
    assert text[11:33] == "julie.martin@gmail.com"


def test_reasons_never_repeat_the_matched_content(moderator):
    verdict = moderator.check("sale pute, mon mail est a.b@gmail.com", "fr")
    assert "pute" not in str(verdict.to_json())
    assert "gmail" not in str(verdict.to_json())


def test_every_reason_of_a_message_is_reported(moderator):
    verdict = moderator.check("Espèce d'idiot, paye-moi en cash comme prévu", "fr")
    assert verdict.verdict == REVIEW
    assert {reason.category for reason in verdict.reasons} == {"insult", "off_platform"}


def test_with_reasons_applies_precedence_again():
    masked = Verdict(MASK, "mon [phone]", (Reason("pii", "pii.phone", MASK, 4, 18),))
    assert masked.with_reasons() is masked
    reviewed = masked.with_reasons(Reason("flood", "flood.repeat", REVIEW))
    assert (reviewed.verdict, reviewed.text) == (REVIEW, "mon [phone]")
    blocked = masked.with_reasons(Reason("flood", "flood.rate", BLOCK))
    assert (blocked.verdict, blocked.text) == (BLOCK, None)
    assert len(blocked.reasons) == 2


def test_clean_and_check_agree_on_the_stored_text(moderator):
    for text in ("Mon tel : 0033 7 58 14 96 30", "Merci !", "fuck you"):
        assert moderator.clean(text) == moderator.check(text).text
