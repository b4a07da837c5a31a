"""The learned stage: inference over the shipped weights, the review band, the training data."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from chalicelib.domain.moderation import Moderator
from chalicelib.domain.moderation.learned import (
    LABELS,
    LinearModel,
    load_model,
    message_features,
    serialise,
    sigmoid,
)

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data" / "moderation"


def _model(insult: float, off_platform: float = -9.0, spam: float = -9.0) -> LinearModel:
    """A model that knows one word, "grumpf", with the given logit per label."""
    return LinearModel([-9.0, -9.0, -9.0], {"w:grumpf": (insult + 9, off_platform + 9, spam + 9)})


def test_the_weights_ship_in_the_package_and_stay_small():
    path = resources.files("chalicelib.domain.moderation").joinpath("data", "model.tsv")
    assert path.is_file()
    assert len(path.read_bytes()) < 2 * 1024 * 1024
    model = load_model()
    assert model is not None and model.labels == LABELS and len(model.weights) > 1000


def test_scores_are_the_sum_of_the_message_features():
    model = load_model()
    assert model is not None
    words = Moderator(learned=False).words("T'es vraiment un boulet, on passe sur WhatsApp ?")
    expected = [model.bias[k] + sum(model.weights.get(f, (0.0, 0.0, 0.0))[k]
                                    for f in message_features(words)) for k in range(3)]
    assert model.logits(words) == pytest.approx(expected)
    assert model.scores(words)["off_platform"] == pytest.approx(sigmoid(expected[1]))


def test_the_weights_file_round_trips():
    model = _model(2.0)
    again = LinearModel.parse(serialise(LABELS, model.bias, model.weights))
    assert again.weights == model.weights and again.bias == model.bias


@pytest.mark.parametrize(("logit", "verdict"), [(-3.0, "allow"), (1.5, "review"), (4.0, "block")])
def test_uncertain_scores_go_to_review_and_sure_ones_are_blocked(logit, verdict):
    # 0.7 <= sigmoid(1.5) = 0.82 < 0.95 <= sigmoid(4.0) = 0.98
    moderator = Moderator(learned=_model(logit), review_threshold=0.7, block_threshold=0.95)
    result = moderator.check("grumpf", "fr")
    assert result.verdict == verdict
    if verdict != "allow":
        assert [r.rule for r in result.reasons] == ["insult.model"]


def test_an_off_platform_score_is_at_most_reviewed():
    moderator = Moderator(learned=_model(-9.0, off_platform=8.0))
    assert moderator.check("grumpf").verdict == "review"


def test_a_spam_score_alone_needs_a_margin_when_no_filter_found_anything():
    # logit 1.5 clears 0.7 (logit 0.85) but not 0.7 plus the default spam margin of 1.0.
    spam_only = Moderator(learned=_model(-9.0, spam=1.5))
    assert spam_only.check("grumpf").verdict == "allow"
    assert spam_only.check("grumpf, viens sur WhatsApp").verdict == "review"
    assert {r.rule for r in spam_only.check("grumpf, viens sur WhatsApp").reasons} >= {
        "spam.model", "off_platform.channel.move"}
    insult_only = Moderator(learned=_model(1.5))
    assert insult_only.check("grumpf").verdict == "review"
    no_margin = Moderator(learned=_model(-9.0, spam=1.5), rule_free_margin={"spam": 0.0})
    assert no_margin.check("grumpf").verdict == "review"
    with pytest.raises(ValueError):
        Moderator(learned=False, rule_free_margin={"spam": -1.0})


def test_the_thresholds_are_settings_and_checked():
    assert Moderator(learned=_model(1.5), review_threshold=0.9).check("grumpf").verdict == "allow"
    with pytest.raises(ValueError):
        Moderator(review_threshold=0.9, block_threshold=0.5)


def test_the_rules_still_decide_first_and_the_stage_can_be_switched_off():
    assert Moderator(learned=False).check("grumpf").verdict == "allow"
    moderator = Moderator(learned=_model(1.5))
    verdict = moderator.check("t'es un connard grumpf", "fr")
    assert verdict.verdict == "block" and all(r.rule != "insult.model" for r in verdict.reasons)


def test_wording_no_rule_lists_is_caught_by_the_shipped_model():
    rules, both = Moderator(learned=False), Moderator()
    text = "Réglez 30 € de réservation en coupon chez le buraliste pour garder votre place"
    assert rules.check(text, "fr").verdict == "allow"
    assert both.check(text, "fr").verdict in ("review", "block")
    assert both.check("On se voit au parking à 8h, bonne route", "fr").verdict == "allow"


def test_no_evaluation_message_is_in_the_training_data():
    training = {json.loads(line)["text"].strip().lower()
                for line in (DATA / "training.jsonl").read_text(encoding="utf-8").splitlines()}
    held_out = [json.loads(line) for line in (DATA / "blind.jsonl").read_text("utf-8").splitlines()]
    held_out += [row for row in map(json.loads, (DATA / "messages.jsonl").read_text(
        "utf-8").splitlines()) if row["split"] == "unseen"]
    assert len(training) > 3000 and len(held_out) > 600
    assert not [row["id"] for row in held_out if row["text"].strip().lower() in training]
    from tools.moderation_train import TUNING_SPLITS

    assert "unseen" not in TUNING_SPLITS


def test_training_reproduces_the_shipped_weights_byte_for_byte():
    result = subprocess.run([sys.executable, "-m", "tools.moderation_train", "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
