"""Fixtures of the knowledge tests (the fakes live in knowledge_fakes)."""

import pytest
from knowledge_fakes import (
    CORPUS,
    T0,
    DigitMasker,
    InMemoryArticleRepository,
    InMemoryTranscripts,
)

from chalicelib.domain.clock import FixedClock
from chalicelib.domain.knowledge.service import KnowledgeService


@pytest.fixture
def repo():
    return InMemoryArticleRepository({a.article_id: a for a in CORPUS})


@pytest.fixture
def adopted():
    return []


@pytest.fixture
def clock():
    return FixedClock(T0)


@pytest.fixture
def transcripts():
    return InMemoryTranscripts()


@pytest.fixture
def service(repo, transcripts, adopted, clock):
    ids = iter(f"kb-new-{i}" for i in range(1, 100))
    return KnowledgeService(
        repo,
        transcripts,
        DigitMasker(),
        on_adopted=lambda *args: adopted.append(args),
        clock=clock,
        new_id=lambda: next(ids),
    )
