"""Capture from a closed conversation, edit, publish, archive, and suggestions freshness."""

from dataclasses import replace

import pytest
from knowledge_fakes import T0

from chalicelib.domain.errors import BadInput, Conflict, Forbidden, NotFound, RuleRefused
from chalicelib.domain.identity import Principal
from chalicelib.domain.knowledge.model import ArticleStatus, Transcript, TranscriptMessage

STAFF = Principal("s-1", frozenset({"agent", "supervisor"}))
MEMBER = Principal("m-alice", frozenset({"member"}))
HELPER = Principal("h-1", frozenset({"member", "helper"}))


def transcript(closed=True, messages=None):
    return Transcript(
        conversation_id="c-1",
        member_id="m-alice",
        lang="fr",
        topic="payment",
        closed=closed,
        helper_id="h-1",
        messages=tuple(
            TranscriptMessage(i + 1, who, role, text)
            for i, (who, role, text) in enumerate(
                messages
                or [
                    ("m-alice", "member", "Bonjour, j'ai été prélevée deux fois pour le trajet."),
                    ("m-alice", "member", "Mon numéro est [phone], rappelez-moi."),
                    ("h-1", "helper", "Bonjour ! Un double prélèvement s'annule tout seul."),
                    ("m-alice", "member", "Ah merci"),
                    ("h-1", "helper", "Le montant revient sous 10 jours."),
                ]
            )
        ),
    )


def test_staff_capture_a_closed_conversation_as_a_draft(service, transcripts, repo):
    transcripts.by_id["c-1"] = transcript()
    article = service.capture(STAFF, "c-1")
    assert article.status is ArticleStatus.DRAFT
    assert article.question == (
        "Bonjour, j'ai été prélevée deux fois pour le trajet. Mon numéro est [phone], rappelez-moi."
    )
    assert article.answer == (
        "Bonjour ! Un double prélèvement s'annule tout seul.\n\nLe montant revient sous 10 jours."
    )
    assert article.tags == ("payment",)
    assert article.credited_helper_id == "h-1"
    assert article.source_conversation_id == "c-1"
    assert transcripts.reads == [("c-1", "s-1")]  # the read goes through the audited port
    with pytest.raises(Conflict) as caught:
        service.capture(STAFF, "c-1")
    assert caught.value.details["article_id"] == article.article_id


def test_capture_needs_staff_a_closed_conversation_and_an_exchange(service, transcripts):
    transcripts.by_id["c-1"] = transcript(closed=False)
    with pytest.raises(Forbidden):
        service.capture(HELPER, "c-1")
    with pytest.raises(RuleRefused) as caught:
        service.capture(STAFF, "c-1")
    assert caught.value.code == "not_closed"
    transcripts.by_id["c-1"] = transcript(messages=[("m-alice", "member", "allô ?")])
    with pytest.raises(RuleRefused) as caught:
        service.capture(STAFF, "c-1")
    assert caught.value.code == "nothing_to_capture"
    with pytest.raises(NotFound):
        service.capture(STAFF, "c-404")


def test_an_agent_answer_credits_no_helper(service, transcripts):
    transcripts.by_id["c-1"] = transcript(
        messages=[("m-alice", "member", "Question ?"), ("a-l1", "agent", "Réponse.")]
    )
    assert service.capture(STAFF, "c-1").credited_helper_id is None


def test_whatever_staff_write_is_masked_again(service):
    article = service.create(
        STAFF, "fr", "Appelez le 06 12 34 56 78 ?", "Non, écrivez-nous.", ["Compte"]
    )
    assert article.question == "Appelez le [masqué] ?"
    assert article.tags == ("compte",)
    edited = service.edit(STAFF, article.article_id, 1, answer="Ou au 01.23.45.67.89")
    assert edited.answer == "Ou au [masqué]"
    assert edited.version == 2


def test_edits_check_the_version_and_the_fields(service):
    article = service.create(STAFF, "en", "Question?", "Answer.")
    with pytest.raises(Conflict):
        service.edit(STAFF, article.article_id, 7, question="New?")
    with pytest.raises(BadInput):
        service.edit(STAFF, article.article_id, 1, question="  ")
    with pytest.raises(BadInput):
        service.edit(STAFF, article.article_id, 1, lang="de")
    with pytest.raises(BadInput):
        service.edit(STAFF, article.article_id, 1, tags=["not a slug!"])
    with pytest.raises(BadInput):
        service.edit(STAFF, article.article_id, 1, answer="x" * 5001)
    with pytest.raises(Forbidden):
        service.edit(MEMBER, article.article_id, 1, question="Mine?")
    with pytest.raises(NotFound):
        service.edit(STAFF, "kb-404", 1, question="?")


def test_publishing_shows_the_article_and_credits_the_helper_once(
    service, transcripts, adopted, clock
):
    transcripts.by_id["c-1"] = transcript()
    article = service.capture(STAFF, "c-1")
    with pytest.raises(NotFound):
        service.view(MEMBER, article.article_id)  # drafts are for staff
    assert service.suggest("prélevée deux fois", "fr")[0].article_id == "fr-double-charge"
    published = service.publish(STAFF, article.article_id, expected_version=1)
    assert published.published_at == clock.time()
    assert adopted == [("h-1", article.article_id, clock.time())]
    assert service.view(MEMBER, article.article_id).to_json() == published.to_json()
    assert "credited_helper_id" not in published.to_json()
    assert published.to_json(staff=True)["credited_helper_id"] == "h-1"
    # The publishing container sees its own change at once.
    ids = [s.article_id for s in service.suggest("prélevée deux fois", "fr")]
    assert article.article_id in ids
    service.archive(STAFF, article.article_id)
    assert article.article_id not in [s.article_id for s in service.suggest("prélevée", "fr")]
    service.publish(STAFF, article.article_id)
    assert len(adopted) == 1  # republishing does not award again


def test_other_containers_pick_up_publications_within_the_refresh_period(service, repo, clock):
    assert service.suggest("téléphone", "fr")
    reads = repo.revision_reads
    for _ in range(50):
        service.suggest("téléphone", "fr")
    assert repo.revision_reads == reads  # keystrokes cost no storage read
    draft = service.create(STAFF, "fr", "Perdu mon téléphone portable", "Voyez la messagerie.")
    # Another container publishes: simulate it by writing to the repository directly.
    stored = repo.get(draft.article_id)
    published = replace(stored, status=ArticleStatus.PUBLISHED, version=2, published_at=T0)
    repo.save(published, 1)
    assert draft.article_id not in [s.article_id for s in service.suggest("portable", "fr")]
    clock.advance(31)
    assert draft.article_id in [s.article_id for s in service.suggest("portable", "fr")]
    assert repo.published_reads == 2


def test_suggest_checks_its_arguments(service):
    with pytest.raises(BadInput):
        service.suggest("billet", "de")
    with pytest.raises(BadInput):
        service.suggest("billet", "fr", limit=50)
    assert service.suggest(None, None) == []
    assert service.suggest("x" * 5000, "fr") == []


def test_staff_lists(service):
    assert [a.article_id for a in service.list(STAFF, "draft")] == ["fr-draft"]
    assert len(service.list(STAFF, "published", "en")) == 7
    with pytest.raises(BadInput):
        service.list(STAFF, "lost")
    with pytest.raises(Forbidden):
        service.list(HELPER)
