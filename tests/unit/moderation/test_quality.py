"""Quality floors on the labelled set: each is what the filters reach today, so a change
that makes any of them worse fails here (raise a floor when you improve it).

Splits (tests/data/moderation/LABELLING.md): `dev`, `round2` and `round3` were tuned on,
`holdout` was written with `dev` but never read message by message while tuning, `unseen`
was written after the last tuning round and never tuned on: it is the fairest estimate of
quality on new text.
"""

from __future__ import annotations

import pytest

from bench.moderation import evaluate, load_set

# split -> category -> (precision, recall) floors, then verdict accuracy and the highest
# share of clean messages that may be altered.
FLOORS = {
    # Retrained on 8,300 hand-written lines by other authors, with each word's character
    # n-grams sharing one value and the veto of review findings (docs/moderation.md,
    # "Round 3"): `unseen` is at its best yet (accuracy 0.953, 1 of 68 clean altered).
    # Round 4 (3,000 more written lines, the blind2 misses read): one more `unseen` clean
    # message goes to review (model alone), hence its lower insult precision and accuracy
    # floors; the three blind batches gained (docs/moderation.md, "Round 4").
    "all": {
        "pii": (1.0, 1.0), "off_platform": (0.987, 1.0), "insult": (0.985, 0.995),
        "spam": (1.0, 1.0), "accuracy": 0.99, "clean_altered": 0.004,
    },
    "dev": {
        "pii": (1.0, 1.0), "off_platform": (1.0, 1.0), "insult": (1.0, 1.0),
        "spam": (1.0, 1.0), "accuracy": 1.0, "clean_altered": 0.0,
    },
    "holdout": {
        "pii": (1.0, 1.0), "off_platform": (0.96, 1.0), "insult": (1.0, 1.0),
        "spam": (1.0, 1.0), "accuracy": 0.994, "clean_altered": 0.0,
    },
    "round2": {
        "pii": (1.0, 1.0), "off_platform": (1.0, 1.0), "insult": (0.972, 1.0),
        "spam": (1.0, 1.0), "accuracy": 0.989, "clean_altered": 0.0,
    },
    "round3": {
        "pii": (1.0, 1.0), "off_platform": (0.961, 1.0), "insult": (1.0, 1.0),
        "spam": (1.0, 1.0), "accuracy": 1.0, "clean_altered": 0.0,
    },
    "unseen": {
        "pii": (1.0, 1.0), "off_platform": (1.0, 1.0), "insult": (0.928, 0.962),
        "spam": (1.0, 1.0), "accuracy": 0.94, "clean_altered": 0.03,
    },
}


@pytest.fixture(scope="module")
def rows():
    return load_set()


def test_the_set_is_large_enough_and_mostly_french(rows):
    assert len(rows) >= 400
    french = sum(row["lang"] == "fr" for row in rows) / len(rows)
    assert 0.55 <= french <= 0.65
    assert {row["split"] for row in rows} == set(FLOORS) - {"all"}
    assert len({row["id"] for row in rows}) == len(rows)


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_quality_stays_above_its_floors(moderator, rows, split):
    floors = FLOORS[split]
    scores = evaluate(moderator, [r for r in rows if split == "all" or r["split"] == split])
    for category in ("pii", "off_platform", "insult", "spam"):
        precision, recall = floors[category]
        assert scores.precision(category) >= precision, (split, category, scores.misses)
        assert scores.recall(category) >= recall, (split, category, scores.misses)
    assert scores.accuracy >= floors["accuracy"], (split, scores.misses)
    assert scores.clean_altered_rate <= floors["clean_altered"], (split, scores.misses)
