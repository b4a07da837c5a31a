"""Round 71: the misses read on blind70 (trained on since blind71 landed) once blind71 had been
measured to judge them, each written again in other words, next to look-alikes that keep their
verdict."""

from __future__ import annotations


def test_a_site_cheaper_than_the_official_one_is_spam(rules):
    found = rules.check("Pour l'ESTA passe par esta-rapide [point] com, c'est moins cher que le "
                        "site officiel")
    assert found.verdict == "block" and found.categories == {"spam"}, found.reasons


def test_the_official_site_named_is_only_a_link(rules):
    found = rules.check("Pour l'ESTA, le site officiel c'est esta.cbp.dhs.gov, évite les autres")
    assert found.verdict == "review" and found.categories == {"spam"}, found.reasons


def test_an_address_introduced_with_s_is_masked(rules):
    found = rules.check("my addy's thandi at telkomsa dot co dot za if the form needs one")
    assert found.verdict == "mask" and "[email]" in found.text, found.text


def test_the_mail_that_is_somewhere_is_no_address(rules):
    found = rules.check("the mail's at the depot dot the van comes at six")
    assert found.verdict == "allow", found.text
