"""Knowledge capture and suggestions, insights and capacity routes, and what the chat's events
do for the programme (points, quality signals, EMF metrics), over moto."""

from __future__ import annotations

import json

import pytest

from chalicelib.domain.identity import Principal
from devstack.programme_seed import seed_articles, seed_history, seed_programme
from devstack.seed import seed_members
from tests.integration.test_programme_api import HELPER, Api

MEMBER = Principal("m-alice", frozenset({"member"}))
H1 = Principal("h-1", frozenset(HELPER))


@pytest.fixture
def api(services, http):
    seed_members(services)
    seed_programme(services)
    return Api(http, services)


def emf_names(captured: str) -> set[str]:
    names = set()
    for line in captured.splitlines():
        if line.startswith('{"_aws"'):
            blob = json.loads(line)
            names |= {m["Name"] for m in blob["_aws"]["CloudWatchMetrics"][0]["Metrics"]}
    return names


def answered_conversation(services) -> str:
    """A real conversation through the chat service: asked, accepted, answered, closed, rated."""
    chat = services.chat
    chat.requests.set_presence(H1, "available", None, ["fr"], None)
    opened = chat.requests.open_request(
        MEMBER, "payment", "fr", "J'ai été prélevé deux fois pour un trajet", True
    )
    conversation_id = opened.result["conversation_id"]
    chat.requests.accept(H1, conversation_id)
    answer = "Le double prélèvement est annulé automatiquement sous 10 jours."
    chat.messages.send(H1, "c-h1", conversation_id, "m1", answer)
    chat.messages.send(MEMBER, "c-alice", conversation_id, "m2", "Merci beaucoup !")
    chat.oversight.close(MEMBER, conversation_id)
    chat.oversight.rate(MEMBER, conversation_id, 5, None)
    return conversation_id


def test_chat_events_award_points_record_the_rating_and_emit_metrics(api, services, capsys):
    conversation_id = answered_conversation(services)
    assert emf_names(capsys.readouterr().out) >= {
        "PickupSeconds",
        "PickedUpUnder10s",
        "FirstResponseSeconds",
        "ConversationSeconds",
        "Escalated",
        "Rating",
    }
    # 10 for the answer, 5 for the five-star rating.
    assert services.recognition.standing("h-1").all_time == 15
    signals = services.quality_signals.signals("h-1", 0, services.clock.time() + 1)
    assert [(s.kind, s.score, s.ref) for s in signals] == [
        ("rating", 5, f"rating#{conversation_id}")
    ]


def test_staff_capture_edit_publish_and_members_get_suggestions(api, services):
    conversation_id = answered_conversation(services)
    path = f"/kb/articles/from-conversation/{conversation_id}"
    assert api.call("POST", path, "m-alice")[0] == 403
    status, draft = api.staff("POST", path)
    assert (status, draft["status"], draft["credited_helper_id"]) == (201, "draft", "h-1")
    assert (draft["tags"], draft["source_conversation_id"]) == (["payment"], conversation_id)
    assert api.staff("POST", path)[1]["code"] == "already_captured"
    article = f"/kb/articles/{draft['article_id']}"
    stale = api.staff("PATCH", article, {"expected_version": 9, "question": "?"})
    assert (stale[0], stale[1]["code"]) == (409, "version_conflict")
    status, edited = api.staff(
        "PATCH",
        article,
        {
            "expected_version": 1,
            "question": "J'ai été prélevé deux fois pour un trajet",
            "answer": "Le montant revient sous 10 jours ; sinon appelez le 06 12 34 56 78.",
        },
    )
    assert (status, edited["version"]) == (200, 2)
    # What staff write goes through moderation's masking too.
    assert "06 12" not in edited["answer"] and "10 jours" in edited["answer"]
    assert api.call("GET", article, "m-alice")[0] == 404  # a draft is for staff only
    assert api.call("GET", "/kb/suggest?q=prelev%C3%A9+deux+fois&lang=fr", "m-alice") == (
        200,
        {"suggestions": []},
    )

    assert api.staff("POST", f"{article}/publish", {"expected_version": 2})[1]["status"] == (
        "published"
    )
    # The first publication credits the Helper whose answer it was.
    assert services.recognition.standing("h-1").all_time == 15 + 25
    status, found = api.call("GET", "/kb/suggest?q=prelev%C3%A9s+2+fois&lang=fr", "m-alice")
    assert [s["article_id"] for s in found["suggestions"]] == [draft["article_id"]]
    status, seen = api.call("GET", article, "m-alice")
    assert "credited_helper_id" not in seen and seen["question"].startswith("J'ai été")
    listed = api.staff("GET", "/kb/articles?status=published&lang=fr")[1]["articles"]
    assert [a["article_id"] for a in listed] == [draft["article_id"]]

    api.staff("POST", f"{article}/archive")
    assert api.call("GET", "/kb/suggest?q=prelev%C3%A9s&lang=fr", "m-alice")[1] == {
        "suggestions": []
    }


def test_suggestions_over_the_demo_articles_in_french_and_english(api, services):
    seed_articles(services)
    for query, lang, expected in (
        ("mon conducteur a annulé, je suis remboursé ?", "fr", "kb-driver_cancelled-fr"),
        ("changer mon numero de tel", "fr", "kb-phone_number-fr"),
        ("charged twice", "en", "kb-double_charge-en"),
        ("my driver cancelled, refund?", "en", "kb-driver_cancelled-en"),
    ):
        status, found = api.call("GET", f"/kb/suggest?q={query}&lang={lang}", "m-alice")
        assert status == 200 and found["suggestions"][0]["article_id"] == expected, query
        assert {s["lang"] for s in found["suggestions"]} == {lang}
    assert api.call("GET", "/kb/suggest?q=x&lang=de", "m-alice")[1]["code"] == "bad_lang"


def test_metrics_summary_of_the_demo_history_for_staff_only(api, services):
    seed_history(services)
    assert api.call("GET", "/metrics/summary?window=24h", "m-alice")[0] == 403
    assert api.staff("GET", "/metrics/summary?window=forever")[1]["code"] == "bad_window"
    status, summary = api.staff("GET", "/metrics/summary?window=24h")
    assert status == 200
    # Known from the demo history: 37 requests in the last 24 h, 2 of them sensitive.
    assert (summary["requests"], summary["offered_to_helpers"]) == (37, 35)
    assert summary["pickup"]["count"] == 35 and summary["pickup"]["never_picked_up"] == 0
    assert 0 < summary["pickup"]["share_under_10s"] < summary["pickup"]["share_under_30s"] <= 1
    assert summary["claims"]["filed"] == 14
    assert 0 < summary["claims"]["auto_settlement_rate"] < 1
    rising = {(t["source"], t["topic"]) for t in summary["rising_topics"]}
    assert rising == {("chat", "payment"), ("claim", "driver_no_show")}
    # The week holds both days.
    assert api.staff("GET", "/metrics/summary?window=7d")[1]["requests"] == 37 + 24


def test_capacity_plan_for_staff(api):
    status, plan = api.staff("GET", "/metrics/capacity?arrivals_per_hour=130&mean_minutes=7")
    assert status == 200 and plan["feasible"]
    assert plan["helpers_needed"] == 12 and plan["target"] == {"seconds": 10.0, "share": 0.95}
    chosen = next(a for a in plan["around"] if a["helpers"] == plan["helpers_needed"])
    assert chosen["share_within_target"] >= 0.95
    assert api.call("GET", "/metrics/capacity?arrivals_per_hour=130", "m-alice")[0] == 403
    assert api.staff("GET", "/metrics/capacity")[1]["code"] == "arrivals_required"
    assert api.staff("GET", "/metrics/capacity?arrivals_per_hour=abc")[0] == 400
