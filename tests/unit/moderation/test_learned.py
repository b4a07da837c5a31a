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
    SeverityModel,
    load_model,
    load_severity,
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
    expected = [model.bias[k] + sum(model.weights.get(f, (0.0, 0.0, 0.0))[k] * value
                                    for f, value in message_features(words)) for k in range(3)]
    assert model.logits(words) == pytest.approx(expected)
    assert model.scores(words)["off_platform"] == pytest.approx(sigmoid(expected[1]))


def test_a_repeated_word_counts_once_as_in_training():
    model = _model(2.0)
    assert model.logits(["grumpf", "grumpf", "|", "grumpf"]) == model.logits(["grumpf"])
    # "15 € aller, 15 € retour, 30 €": one price, not three (it was once blocked as spam).
    rules, shipped = Moderator(learned=False), load_model()
    assert shipped is not None
    price = "Prix : 15 € aller, 15 € retour, 30 € en tout"
    assert message_features(rules.words(price)).count(("w:00", 1.0)) == 1
    assert Moderator().check(price, "fr").verdict == "allow"


def test_the_weights_file_round_trips():
    model = _model(2.0)
    again = LinearModel.parse(serialise(LABELS, model.bias, model.weights))
    assert again.weights == model.weights and again.bias == model.bias


@pytest.mark.parametrize(("logit", "verdict"), [(-3.0, "allow"), (1.5, "review"), (4.0, "block")])
def test_uncertain_scores_go_to_review_and_sure_ones_are_blocked(logit, verdict):
    # 0.7 <= sigmoid(1.5) = 0.82 < 0.95 <= sigmoid(4.0) = 0.98 (no severity model: the block
    # threshold decides, as it does for spam).
    moderator = Moderator(learned=_model(logit), severity=False, review_threshold=0.7,
                          block_threshold=0.95)
    # (Three words: the model alone never blocks a message of one or two.)
    result = moderator.check("grumpf grumpf grumpf", "fr")
    assert result.verdict == verdict
    if verdict != "allow":
        assert [r.rule for r in result.reasons] == ["insult.model"]


@pytest.mark.parametrize(("insult", "strength", "verdict"), [
    (2.5, 3.0, "block"),   # fairly sure that it insults (0.92 >= 0.85), and strongly
    (1.5, 3.0, "review"),  # unsure that it insults (0.82): a strong insult is only reviewed
    (4.0, 0.5, "review"),  # sure that it insults (0.98), and that the insult is mild
    (-3.0, 3.0, "allow"),  # no insult found: its strength is not asked
])
def test_the_severity_model_decides_how_hard_an_insult_only_the_model_found_is(
        insult, strength, verdict):
    severity = SeverityModel(-1.0, {"w:grumpf": strength})
    moderator = Moderator(learned=_model(insult), severity=severity, strong_threshold=0.85)
    assert moderator.check("grumpf grumpf grumpf", "fr").verdict == verdict
    # A rule's finding keeps its own action: the lexicon knows how hard its words are.
    mild = Moderator(learned=_model(4.0), severity=SeverityModel(-1.0, {"w:grumpf": 0.5}))
    assert mild.check("t'es un connard grumpf", "fr").verdict == "block"


def test_the_severity_model_ships_and_round_trips():
    shipped = load_severity()
    assert shipped is not None and len(shipped.weights) > 1000
    path = resources.files("chalicelib.domain.moderation").joinpath("data", "severity.tsv")
    assert len(path.read_bytes()) < 512 * 1024
    small = SeverityModel(-0.5, {"w:grumpf": 2.0, "c:<gru": -0.25})
    again = SeverityModel.parse(serialise(["strong"], [small.bias], {
        name: [weight] for name, weight in small.weights.items()}))
    assert again.bias == small.bias and again.weights == small.weights
    with pytest.raises(ValueError):
        SeverityModel.parse(serialise(LABELS, [0.0, 0.0, 0.0], {}))


def test_the_strong_threshold_is_a_setting_that_reaches_the_service_and_is_checked():
    from chalicelib.domain.moderation.moderator import STRONG_THRESHOLD
    from chalicelib.policies.text_moderation import FilterModerator
    from chalicelib.settings import settings

    assert settings().moderation_strong_threshold == STRONG_THRESHOLD
    threat = "Je connais ta plaque et ta rue, fais attention à tes pneus cette nuit"  # p 0.999
    assert FilterModerator(thresholds=(0.7, 0.95, 0.05, 0.85)).check(threat, "fr").verdict \
        == "block"
    # Above what the model gives it, the same strong insult is only reviewed.
    assert FilterModerator(thresholds=(0.7, 0.95, 0.05, 1.0)).check(threat, "fr").verdict \
        == "review"
    with pytest.raises(ValueError):
        Moderator(strong_threshold=1.5)


def test_the_shipped_severity_model_tells_mild_from_strong():
    rules, both = Moderator(learned=False), Moderator()
    for text, verdict in [
        ("Tu conduis comme un escargot asthmatique, bravo le champion", "review"),
        ("Je connais ta plaque et ta rue, fais attention à tes pneus cette nuit", "block"),
    ]:
        assert rules.check(text, "fr").verdict == "allow"  # no rule: the model alone found it
        assert both.check(text, "fr").verdict == verdict


def test_an_off_platform_score_is_at_most_reviewed():
    moderator = Moderator(learned=_model(-9.0, off_platform=8.0))
    assert moderator.check("grumpf alors").verdict == "review"


def test_a_rule_free_margin_holds_back_a_score_alone_only_when_no_filter_found_anything():
    # logit 1.5 clears 0.7 (logit 0.85) but not 0.7 plus a spam margin of 1.0.
    # The fake model knows nothing of off-platform proposals: no veto here (tested below).
    spam_only = Moderator(learned=_model(-9.0, spam=1.5), veto_threshold=0.0,
                          rule_free_margin={"spam": 1.0})
    assert spam_only.check("grumpf alors").verdict == "allow"
    assert spam_only.check("grumpf, viens sur WhatsApp").verdict == "review"
    assert {r.rule for r in spam_only.check("grumpf, viens sur WhatsApp").reasons} >= {
        "spam.model", "off_platform.channel.move"}
    insult_only = Moderator(learned=_model(1.5), severity=False)
    assert insult_only.check("grumpf alors").verdict == "review"
    # Round 63: no margin by default, for spam too.
    by_default = Moderator(learned=_model(-9.0, spam=1.5))
    assert by_default.check("grumpf alors").verdict == "review"
    with pytest.raises(ValueError):
        Moderator(learned=False, rule_free_margin={"spam": -1.0})


def test_a_review_finding_the_model_contradicts_is_vetoed_but_never_a_block():
    # The fake model scores every label at logit -9 (p ~ 0.0001) for these texts.
    sceptic = Moderator(learned=_model(-9.0), veto_threshold=0.05)
    trusting = Moderator(learned=_model(-9.0), veto_threshold=0.0)
    proposal = "on passe sur WhatsApp ?"
    assert trusting.check(proposal, "fr").verdict == "review"
    assert sceptic.check(proposal, "fr").verdict == "allow"
    # Blocks stand whatever the model says: a wrong veto would relay a strong insult.
    assert sceptic.check("t'es un connard", "fr").verdict == "block"
    # Personal data and links are facts, not opinions: never vetoed.
    text = "mon mail julie.martin@gmail.com, https://chat.whatsapp.com/Ab12Cd"
    masked = sceptic.check(text, "fr")
    assert {r.rule for r in masked.reasons} >= {"pii.email", "spam.link",
                                                "off_platform.invite_link"}
    assert masked.verdict == "review" and "[email]" in (masked.text or "")


def test_the_thresholds_are_settings_and_checked():
    strict = Moderator(learned=_model(1.5), review_threshold=0.9)
    assert strict.check("grumpf alors").verdict == "allow"
    with pytest.raises(ValueError):
        Moderator(review_threshold=0.9, block_threshold=0.5)
    with pytest.raises(ValueError):
        Moderator(review_threshold=0.5, veto_threshold=0.6)


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


def test_emoji_are_words_of_the_learned_stage_only():
    rules = Moderator(learned=False)
    words = rules.words("t'es un 🤡 et un 🐍")
    assert words[-3:] == ["🤡", "🐍", "|"]
    assert rules.words("plain ascii text") == ["|", "plain", "ascii", "text", "|"]


@pytest.mark.parametrize(("emoji", "text", "label"), [
    ("💶🤝", "quand on arrive, ok ?", "off_platform"),
    ("💷🤝", "when we get there, yeah?", "off_platform"),
    ("🤡🐍🖕", "you absolute", "insult"),
    ("😏🍑", "nice view from the back seat", "insult"),
])
def test_emoji_that_stand_for_words_raise_the_shipped_model_s_score(emoji, text, label):
    model, rules = load_model(), Moderator(learned=False)
    assert model is not None
    column = model.labels.index(label)
    with_emoji = model.logits(rules.words(f"{emoji} {text}"))[column]
    without = model.logits(rules.words(text))[column]
    assert with_emoji > without + 1.0, (with_emoji, without)
    for clean in ("Merci pour le trajet 😂🙏❤️", "Bon voyage 🚗💨 à demain"):
        assert Moderator().check(clean).verdict == "allow"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_no_evaluation_message_is_in_the_training_data():
    training = {row["text"].strip().lower()
                for path in [DATA / "training.jsonl", *sorted((DATA / "written").glob("*.jsonl"))]
                for row in _jsonl(path)}
    held_out = [row for path in [*sorted(DATA.glob("blind*.jsonl")), DATA / "short_replies.jsonl"]
                for row in _jsonl(path)]
    held_out += [row for row in _jsonl(DATA / "messages.jsonl") if row["split"] == "unseen"]
    assert len(training) > 8000 and len(held_out) > 1800
    assert not [row["id"] for row in held_out if row["text"].strip().lower() in training]
    from tools.moderation_train import TUNING_SPLITS, held_out_texts, written_rows

    assert "unseen" not in TUNING_SPLITS
    # The trainer reads every blind batch as held out, and the written lines as training.
    assert {row["text"].strip().lower() for row in held_out} <= held_out_texts()
    assert len(written_rows()) >= 3000


def test_only_the_read_blind_batches_are_trained_on():
    from bench.moderation import BATCHES, LAST_READ
    from tools.moderation_train import READ_BATCHES, read_rows, severity_rows

    # Round 39: a batch joins the training lines once it has judged its round and been read;
    # the current judge and any later batch never do.
    unread = BATCHES[BATCHES.index(LAST_READ) + 1:]
    assert unread and READ_BATCHES == BATCHES[:BATCHES.index(LAST_READ) + 1]
    rows = read_rows()
    assert len(rows) == sum(len(_jsonl(DATA / f"{name}.jsonl")) for name in READ_BATCHES)
    unread_texts = {row["text"] for name in unread for row in _jsonl(DATA / f"{name}.jsonl")}
    assert not {row["text"] for row in rows} & unread_texts
    assert not {row["text"] for row in severity_rows()} & unread_texts
    # Labels as the model learns them ("clean" is no label), the verdict kept for severity.
    assert all(set(row["labels"]) <= {"insult", "off_platform", "spam", "pii"} and row["verdict"]
               for row in rows)


def test_the_written_training_lines_are_well_formed():
    rows = [row for path in sorted((DATA / "written").glob("*.jsonl")) for row in _jsonl(path)]
    assert len({row["id"] for row in rows}) == len(rows)
    allowed = {"insult", "off_platform", "spam", "pii"}
    assert all(row["split"] == "train" and set(row["labels"]) <= allowed
               and row["lang"] in ("fr", "en") and row["text"].strip() for row in rows)
    # Every insult line says how hard it is (the severity model learns from it), no other.
    assert all(row.get("severity") in (("strong", "mild") if "insult" in row["labels"] else (None,))
               for row in rows)


@pytest.mark.long
@pytest.mark.timeout(600)  # ~70 s on this machine with round 10's 47,000 written lines
def test_training_reproduces_the_shipped_weights_byte_for_byte():
    result = subprocess.run([sys.executable, "-m", "tools.moderation_train", "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=550)
    assert result.returncode == 0, result.stdout + result.stderr
