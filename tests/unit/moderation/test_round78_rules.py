"""Round 78: the misses read on blind77 (trained on since blind78 landed) once blind78 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_number_given_for_a_call_not_a_text_is_only_masked(rules):
    found = rules.check("Mon numéro c'est le 06 48 22 91 37. Me texte pas, je roule, appelle.")
    assert found.verdict == "mask" and "[phone]" in found.text, found.reasons


def test_a_number_given_to_be_texted_is_still_a_proposal(rules):
    found = rules.check("Mon numéro c'est le 06 48 22 91 37, texte-moi là-dessus")
    assert found.verdict == "review" and "off_platform" in found.categories, found.reasons


def test_a_proof_of_payment_sent_to_an_address_is_no_proposal(rules):
    found = rules.check("Please send the proof of payment to k.boateng.finance@gmail.com for "
                        "my claim")
    assert found.verdict == "mask" and "[email]" in found.text, found.reasons


def test_a_mobile_number_after_mob_no_is_masked(rules):
    found = rules.check("mob no. 99302 18845, ring when you are at the gate")
    assert found.verdict == "mask" and "[phone]" in found.text, found.text


def test_an_order_number_after_no_is_still_no_phone(rules):
    found = rules.check("Order no. 99302 18845 is ready at the counter")
    assert found.verdict == "allow", found.reasons


def test_a_mother_called_a_cameroonian_whore_is_blocked(rules):
    found = rules.check("Ta mère est une wolowoss, rends-moi mes 5000 francs")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_a_second_insult_after_and_a_is_blocked(rules):
    found = rules.check("You are a lying toerag and a thieving bastard, I want my money back")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_you_and_the_dog_in_a_photo_is_clean(rules):
    found = rules.check("Je prendrai la photo de toi et du chien pour ton profil, si tu veux.")
    assert found.verdict == "allow", found.reasons


def test_a_kind_kept_away_from_children_is_hate(rules):
    found = rules.check("Keep your kind away from the children on the school run, it isn't right")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_faggots_being_cooked_are_food(rules):
    found = rules.check("Mum's doin faggots an peas for tea if yer wanna pop in")
    assert found.verdict == "allow", found.reasons


def test_faggots_said_of_a_couple_are_still_a_slur(rules):
    found = rules.check("Faggots like you should stick to mushy peas for tea")
    assert found.verdict == "block" and "insult" in found.categories, found.reasons


def test_an_account_asked_with_a_pet_name_is_an_advance(rules):
    found = rules.check("Donne-moi ton Insta ma jolie, ici je peux rien t'envoyer")
    assert found.verdict == "review" and "insult" in found.categories, found.reasons


def test_a_number_asked_with_darling_is_no_advance(rules):
    found = rules.check("Give me your number darling, I'll ring you when I'm outside")
    assert "insult" not in found.categories, found.reasons


def test_a_slimming_product_offered_with_its_weight_is_spam(rules):
    found = rules.check("Ma cure minceur, c'est -6 kg en trois semaines, j'en ai en stock si ça "
                        "te tente")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons


def test_a_cheaper_partner_link_is_a_scam(rules):
    found = rules.check("Astuce : c'est moins cher via le site partenaire bit.ly/RechargePlus, "
                        "oubliez l'officiel")
    assert found.verdict == "block" and "spam" in found.categories, found.reasons
