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


def test_river_plate_insults_aimed_at_someone(rules):
    for text, verdict in (("Sos un boludo, me dejaste media hora en Retiro", "review"),
                          ("Sos una pelotuda, ni avisaste que no venías", "block")):
        found = rules.check(text)
        assert found.verdict == verdict and "insult" in found.categories, (text, found.reasons)


def test_river_plate_words_at_no_one_are_clean(rules):
    for text in ("Che boludo, ¿venís a las 8 a Retiro?", "Vimos una zorra cruzando la ruta"):
        found = rules.check(text)
        assert found.verdict == "allow", (text, found.reasons)
