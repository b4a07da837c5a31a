"""Round 84: the misses read on blind83 (trained on since blind84 landed) once blind84 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_advice_to_pay_by_voucher_told_and_doubted_is_a_question(rules):
    for text in ("Le conducteur m'a dit de payer en Transcash, c'est normal ?",
                 "A driver told me to pay with a Paysafecard code, is that legit?"):
        found = rules.check(text)
        assert found.verdict == "allow", (text, found.reasons)


def test_a_voucher_payment_asked_outright_is_still_a_scam(rules):
    for text in ("Paie le trajet en Transcash et envoie-moi le code par message",
                 "Pay me with a Paysafecard code before the trip, it's quicker"):
        found = rules.check(text)
        assert found.verdict == "block" and "spam" in found.categories, (text, found.reasons)
