"""Short everyday replies ("go", "of course", "pourquoi ?", "I see you") are no insult.

The learned stage once blocked such messages as strong insults: trained on far more short
insults than short clean lines, it read a message of one or two words as an insult by
default. `short_replies.jsonl` holds 400 replies of one to five words (220 French, 180
English) written by someone blind to the filter and its data; they are held out of training
like the blind batches. Measured once before the fix: 14 blocked and 16 reviewed (7.5 %
altered); after it (355 short everyday lines of other wording added to the training lines,
and the model alone at most reviews a message of fewer than three words): 1 blocked and 5
reviewed.
"""

from __future__ import annotations

import json

import pytest

from tools.moderation_train import DATA, held_out_texts

SHORT = DATA / "short_replies.jsonl"
# What the shipped moderator reaches (raise the bar when you improve it).
MOST_BLOCKED = 1
MOST_ALTERED = 6


@pytest.fixture(scope="module")
def replies() -> list[dict]:
    return [json.loads(line) for line in SHORT.read_text(encoding="utf-8").splitlines()]


def test_the_replies_are_short_clean_and_held_out_of_training(replies):
    assert len(replies) == 400
    assert sum(row["lang"] == "fr" for row in replies) == 220
    assert all(row["labels"] == ["clean"] and len(row["text"].split()) <= 5 for row in replies)
    # Never trained on (test_learned.py checks that no held-out text is a training line).
    held_out = held_out_texts()
    assert all(row["text"].strip().lower() in held_out for row in replies)


def test_short_replies_are_rarely_altered_and_almost_never_blocked(moderator, replies):
    verdicts = [moderator.check(row["text"], row["lang"]).verdict for row in replies]
    blocked = verdicts.count("block")
    altered = len(verdicts) - verdicts.count("allow")
    assert blocked <= MOST_BLOCKED, blocked
    assert altered <= MOST_ALTERED, altered


@pytest.mark.parametrize("text", ["m0", "m000", "question de 945d9f73-m000", "a380", "m6",
                                  "question de 0109776c-m030"])
def test_a_letter_and_digits_is_a_reference_not_a_disguised_word(moderator, text):
    assert moderator.check(text, "fr").verdict == "allow"


@pytest.mark.parametrize("text", ["you bastard", "Batar, va !", "phuck off", "Ta race !"])
def test_short_insults_are_the_lexicons_job(rules, text):
    assert rules.check(text).verdict == "block"


@pytest.mark.parametrize("text", ["lucky bastard", "a bastard file and a rasp",
                                  "ta race de chien, c'est un berger ?"])
def test_their_look_alikes_are_left_alone(rules, text):
    assert rules.check(text).verdict == "allow"


def test_the_model_alone_ignores_one_word_and_reviews_a_short_message_it_would_block():
    from chalicelib.domain.moderation import Moderator
    from chalicelib.domain.moderation.learned import LinearModel

    # A model whose only evidence is the word "blorp": sure of an insult, and of nothing else.
    model = LinearModel((-9.0, -9.0, -9.0), {"w:blorp": (20.0, 0.0, 0.0)})
    eager = Moderator(learned=model, severity=False)
    assert eager.check("blorp").verdict == "allow"  # one word: the lexicon's call alone
    assert eager.check("blorp blorp").verdict == "review"
    found = eager.check("blorp, you heard me")
    assert found.verdict == "block" and found.reasons[0].rule == "insult.model"
