"""The catalogue file as a whole, its validation, and answers checked against the tree."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from chalicelib.domain.claims.catalogue import (
    LANGUAGES,
    CatalogueError,
    load_catalogue,
    parse_catalogue,
)
from chalicelib.domain.errors import BadInput

STABLE_IDS = {"driver_no_show", "passenger_no_show", "driver_cancelled", "impediment", "safety"}
NEVER_AUTOMATED = {"safety", "driver_safety", "off_platform_payment", "passenger_suspicious"}


def raw_catalogue() -> dict:
    text = resources.files("chalicelib.domain.claims").joinpath("catalogue.json").read_text()
    return json.loads(text)


def problem_raw(raw: dict, pid: str) -> dict:
    return next(p for p in raw["problems"] if p["id"] == pid)


def test_shipped_catalogue_loads_and_validates():
    cat = load_catalogue()
    assert 18 <= len(cat.problems) <= 25
    assert {p.side for p in cat.problems} == {"passenger", "driver"}
    assert STABLE_IDS <= {p.id for p in cat.problems}


def test_ids_are_unique_everywhere():
    cat = load_catalogue()
    ids = [p.id for p in cat.problems]
    assert len(ids) == len(set(ids))
    for p in cat.problems:
        qids = [q.id for q in p.questions]
        assert len(qids) == len(set(qids)), p.id
        for q in p.questions:
            assert len(q.option_ids()) == len(set(q.option_ids())), (p.id, q.id)


def test_every_text_exists_in_both_languages():
    cat = load_catalogue()
    for p in cat.problems:
        assert p.label.complete() and p.short_label.complete(), p.id
        for q in p.questions:
            assert q.text.complete(), (p.id, q.id)
            assert all(o.label.complete() for o in q.options), (p.id, q.id)
    for r in cat.resolutions.values():
        assert r.label.complete() and r.short_label.complete(), r.id


def test_every_path_through_every_tree_reaches_an_outcome():
    cat = load_catalogue()
    for p in cat.problems:
        paths = list(p.answer_paths())
        assert paths, p.id
        for answers in paths:
            clean = p.validate_answers(answers)
            rule = p.rule_for(clean)
            for branch in rule.branches():
                spec = rule.outcomes[branch]
                assert spec.to_agent or spec.resolution in cat.resolutions, (p.id, answers)


def test_never_automated_types_go_straight_to_agents_without_the_counterpart():
    cat = load_catalogue()
    for pid in NEVER_AUTOMATED:
        p = cat.problem(pid)
        assert not p.automated
        for rule in p.rules:
            assert not rule.counterpart
            assert all(spec.to_agent for spec in rule.outcomes.values())


def test_counterpart_types_say_what_happens_on_confirm_dispute_and_silence():
    cat = load_catalogue()
    no_show = cat.problem("driver_no_show")
    assert no_show.may_ask_counterpart and no_show.counterpart_window_hours == 72
    for rule in no_show.rules:
        assert set(rule.outcomes) == {"confirm", "dispute", "silence"}


def test_served_shape_follows_the_protocol():
    served = load_catalogue().to_json("en")
    assert served["lang"] == "en"
    problem = next(p for p in served["problems"] if p["id"] == "impediment")
    assert {"id", "side", "label", "questions"} <= set(problem)
    assert problem["label"] == "I had an impediment"
    notice = problem["questions"][0]
    assert notice["type"] == "choice"
    assert {"id", "label"} == set(notice["options"][0])
    later = problem["questions"][1]
    assert later["when"] == {"question": "notice", "equals": "less_than_24h"}
    assert all(o["id"] != "goodwill_small" for o in served["outcomes"])


def test_unknown_language_is_served_in_french():
    assert load_catalogue().to_json("de")["lang"] == "fr"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_served_labels_are_never_empty(lang):
    for p in load_catalogue().to_json(lang)["problems"]:
        assert p["label"]
        assert all(q["text"] for q in p["questions"])


# Validation catches the mistakes an editor of the file could make.


def assert_rejected(raw: dict, fragment: str) -> None:
    with pytest.raises(CatalogueError, match=fragment):
        parse_catalogue(raw)


def test_a_missing_translation_is_rejected():
    raw = raw_catalogue()
    problem_raw(raw, "driver_no_show")["questions"][0]["text"]["en"] = ""
    assert_rejected(raw, "text needs fr and en")


def test_a_duplicate_problem_id_is_rejected():
    raw = raw_catalogue()
    raw["problems"].append(copy.deepcopy(problem_raw(raw, "safety")))
    assert_rejected(raw, "duplicate problem id safety")


def test_a_condition_on_a_later_or_unknown_question_is_rejected():
    raw = raw_catalogue()
    problem_raw(raw, "impediment")["questions"][1]["when"] = {"question": "driver_waived",
                                                              "equals": True}
    assert_rejected(raw, "not an earlier question")


def test_a_condition_on_an_option_that_does_not_exist_is_rejected():
    raw = raw_catalogue()
    problem_raw(raw, "impediment")["rules"][0]["when"] = {"question": "notice",
                                                          "equals": "next_week"}
    assert_rejected(raw, "option notice does not have")


def test_a_tree_without_a_default_leaf_is_rejected():
    raw = raw_catalogue()
    problem_raw(raw, "driver_late")["rules"].pop()
    assert_rejected(raw, "last rule must have no condition")


def test_a_leaf_no_answers_can_reach_is_rejected():
    raw = raw_catalogue()
    rules = problem_raw(raw, "driver_late")["rules"]
    rules.insert(1, {"when": {"question": "minutes_late", "at_least": 30}, **rules[1]})
    assert_rejected(raw, r"rules \[2\] are never reached")


def test_a_never_automated_type_cannot_ask_the_counterpart():
    raw = raw_catalogue()
    problem_raw(raw, "safety")["rules"] = problem_raw(raw, "driver_no_show")["rules"]
    assert_rejected(raw, "never-automated type goes straight to agents")


def test_an_unknown_resolution_is_rejected():
    raw = raw_catalogue()
    problem_raw(raw, "comfort")["rules"][0]["direct"] = {"resolution": "free_car"}
    assert_rejected(raw, "unknown resolution 'free_car'")


def test_a_reliability_mark_without_confirmation_is_rejected():
    raw = raw_catalogue()
    problem_raw(raw, "driver_no_show")["rules"][0]["silence"]["mark"] = "no_show"
    assert_rejected(raw, "needs the counterpart's confirmation")


def test_an_automatic_gesture_behind_a_counterpart_step_is_rejected():
    raw = raw_catalogue()
    problem_raw(raw, "driver_no_show")["rules"][0]["confirm"] = {"resolution": "goodwill_small"}
    assert_rejected(raw, "automatic gestures only on leaves without a counterpart")


# Answers against the tree.


def test_valid_answers_are_returned_clean():
    p = load_catalogue().problem("lost_item")
    assert p.validate_answers({"item": "  blue scarf ", "seat": "back"}) == {
        "item": "blue scarf", "seat": "back"}


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"notice": "more_than_24h"}, "missing_answer"),
        ({"notice": "more_than_24h", "driver_waived": True, "booked_late": True},
         "unexpected_answer"),
        ({"notice": "yesterday", "driver_waived": True}, "bad_answer"),
        ({"notice": "more_than_24h", "driver_waived": "yes"}, "bad_answer"),
        ({"notice": "not_warned", "mood": "sad"}, "unknown_question"),
        ([], "bad_answers"),
    ],
)
def test_answers_that_do_not_fit_the_tree_are_refused(answers, code):
    p = load_catalogue().problem("impediment")
    with pytest.raises(BadInput) as e:
        p.validate_answers(answers)
    assert e.value.code == code


def test_numbers_are_checked_against_their_bounds_and_type():
    p = load_catalogue().problem("driver_late")
    base = {"driver_warned": False, "waited_minutes": 10}
    for bad in (-1, 601, True, "30"):
        with pytest.raises(BadInput):
            p.validate_answers({**base, "minutes_late": bad})
    assert p.validate_answers({**base, "minutes_late": 45})["minutes_late"] == 45


def test_optional_text_may_be_left_out():
    p = load_catalogue().problem("ride_cut_short")
    assert p.validate_answers({"part_missed": "half"}) == {"part_missed": "half"}


def test_impediment_timing_rules_pick_the_right_leaf():
    p = load_catalogue().problem("impediment")

    def leaf(answers):
        rule = p.rule_for(p.validate_answers(answers))
        return rule.counterpart, {k: v.resolution or v.agent_reason
                                  for k, v in rule.outcomes.items()}

    assert leaf({"notice": "not_warned"}) == (False, {"direct": "no_refund"})
    assert leaf({"notice": "more_than_24h", "driver_waived": False}) == (
        False, {"direct": "refund_minus_fees"})
    assert leaf({"notice": "less_than_24h", "booked_late": False, "driver_waived": False}) == (
        False, {"direct": "refund_half"})
    assert leaf({"notice": "less_than_24h", "booked_late": False, "driver_waived": True}) == (
        True, {"confirm": "refund_full", "dispute": "refund_half", "silence": "refund_half"})


def test_the_docs_list_every_problem_type_and_resolution():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[3] / "docs" / "claims.md").read_text()
    cat = load_catalogue()
    for pid in [p.id for p in cat.problems] + list(cat.resolutions):
        assert f"| `{pid}` |" in docs, pid
