"""Lexicon files: their syntax, their checks, and the prefix-tree regex."""

from __future__ import annotations

import re

import pytest

from chalicelib.domain.moderation.lexicon import (
    LexiconError,
    RuleSet,
    read_source,
    trie_regex,
    vocabulary,
)
from chalicelib.domain.moderation.tokens import Canonicaliser


def compile_rules(text: str) -> RuleSet:
    source = read_source("test.rules", text)
    words, suspicious = vocabulary([source])
    return RuleSet(source, "test", Canonicaliser(words, suspicious))


def test_trie_regex_matches_exactly_its_entries():
    pattern = re.compile(trie_regex(["con", "connard", "conne", "fils de pute"]))
    for word in ("con", "connard", "conne", "fils de pute"):
        assert pattern.fullmatch(word)
    for word in ("co", "conn", "connards", "fils de"):
        assert not pattern.fullmatch(word)


def test_rules_match_whole_words_with_gaps_and_cancels():
    rules = compile_rules(
        "[anchor BAD]\nvilain\n[class YOU]\ntu es\n[rules]\n"
        "bad.targeted review @YOU ~2 @BAD\n"
        "self cancel je suis @BAD\n"
    )
    assert [hit.rule for hit in rules.find("| tu es tres vilain |")] == ["bad.targeted"]
    assert rules.find("| tu es vilainement |") == []
    assert rules.find("| tu es | vilain |") == []
    assert rules.gate == {"vilain"}


def test_a_rule_needs_its_other_words_before_its_regex_runs():
    rules = compile_rules(
        "[anchor BAD]\nvilain\nmechant\n[class YOU]\ntu es\nvous etes\n[rules]\n"
        "r.you review @YOU ~2 @BAD\n"
        "r.opt review (tres)? @BAD /[a-z]+/ ( fin | bout ~1 )\n"
        "r.some review @BAD ( donc | /x+/ )\n"
    )
    # The anchor class is met by the anchor that called the rule; the others are tested:
    # an entry's longest word, a branch each, nothing for what may be skipped or a regex.
    assert rules._conditions == [
        (frozenset({"tu", "vous"}),),
        (frozenset({"fin", "bout"}),),
        (),
    ]
    assert [hit.rule for hit in rules.find("| vous etes vilain |")] == ["r.you"]
    assert rules.find("| il est vilain |") == []
    assert [hit.rule for hit in rules.find("| mechant loup bout du |")] == ["r.opt"]
    assert [hit.rule for hit in rules.find("| vilain xx |")] == ["r.some"]


def test_a_rule_that_matches_holds_the_words_it_needs(moderator):
    # On every labelled message, each rule whose regex matches the stream meets all its
    # conditions: skipping a rule that misses one of them never drops a hit.
    from bench.moderation import load_set
    from chalicelib.domain.moderation.normalise import fold

    streams = [moderator._canon.stream(fold(row["text"])) for row in load_set()]
    for rules in moderator._rule_sets:
        for index, conditions in enumerate(rules._conditions):
            regex = rules._hits[index]
            for stream in streams:
                if regex.search(stream):
                    words = set(stream.split())
                    assert all(not needed.isdisjoint(words) for needed in conditions), (
                        rules.name, rules.rules[index][0], stream)


def test_a_rule_without_an_anchor_is_refused():
    with pytest.raises(LexiconError, match="no anchor"):
        compile_rules("[class X]\nmot\n[rules]\nr block @X\n")


def test_an_unknown_class_is_refused_with_its_line():
    with pytest.raises(LexiconError, match="test.rules:4: unknown class NOPE"):
        compile_rules("[anchor X]\nmot\n[rules]\nr block @X @NOPE\n")


def test_a_malformed_rule_line_is_refused():
    with pytest.raises(LexiconError, match="expected `id action pattern`"):
        compile_rules("[anchor X]\nmot\n[rules]\nr shout @X\n")


def test_a_cancel_plus_quiet_rule_cancels_and_quiets_and_a_quiet_block_is_refused():
    rules = compile_rules(
        "[anchor BAD]\nvilain\n[rules]\nbad review @BAD\n"
        "animal cancel+quiet ce @BAD chat\nplain cancel cette @BAD chatte\n"
    )
    assert rules.find("| ce vilain chat |") == [] and rules.quiets("| ce vilain chat |")
    assert rules.find("| cette vilain chatte |") == []
    assert not rules.quiets("| cette vilain chatte |")
    with pytest.raises(LexiconError, match="expected `id action pattern`"):
        compile_rules("[anchor X]\nmot\n[rules]\nr block+quiet @X\n")


def test_the_shipped_lexicons_compile_and_are_gated(moderator):
    for rules in moderator._rule_sets:
        assert rules.gate, rules.name
        assert rules.rules, rules.name


def test_every_shipped_rule_file_compiles_although_regexes_are_built_lazily():
    # Regexes are compiled on first need (cold start); a broken rule must still fail here.
    from chalicelib.domain.moderation.moderator import Moderator

    moderator = Moderator()
    for rules in moderator._rule_sets:
        assert rules._hits.parts, rules.name
        rules.compile_all()
        assert all(rule is not None for rule in rules._hits.each)


def test_rules_run_apart_match_as_one_regex_of_all_the_rules_would(moderator):
    # A message runs only the rules needing an anchor word it holds, one regex each; merged,
    # their matches must be those of one regex joining every hit rule of the file: leftmost
    # first, the earlier rule when two match there, the next search from the closing space.
    from bench.moderation import load_set
    from chalicelib.domain.moderation.normalise import fold

    for rules in moderator._rule_sets:
        joined = re.compile(" (?:" + "|".join(rules._hits.parts) + ")")
        every_rule = list(range(len(rules._hits.parts)))
        for row in load_set():
            stream = moderator._canon.stream(fold(row["text"]))
            expected = []
            position = 0
            while (match := joined.search(stream, position)) is not None:
                index = next(i for i in every_rule if rules._hits[i].match(stream, match.start()))
                expected.append((index, match.start() + 1, match.end() - 1))
                position = match.end() - 1
            anchors = rules.gate.intersection(stream.split())
            gated = sorted({i for word in anchors for i in rules._by_anchor[word]})
            assert rules._matches(stream, gated) == expected, (rules.name, row["id"])
            assert rules._matches(stream, every_rule) == expected, (rules.name, row["id"])


def test_cancel_and_quiet_rules_run_only_with_their_words_and_find_what_one_regex_would(
        moderator):
    # The cancel, cancel-all and quiet rules have no anchor: each runs only when the stream
    # holds the words it cannot match without. On every labelled message, the spans they
    # find, and whether any matches, must be those of one regex joining all the rules of
    # the action, though a message runs few of them.
    from bench.moderation import load_set
    from chalicelib.domain.moderation.lexicon import _spans
    from chalicelib.domain.moderation.normalise import fold

    streams = [moderator._canon.stream(fold(row["text"])) for row in load_set()]
    ran = checked = 0
    for rules in moderator._rule_sets:
        for group in (rules._cancel, rules._cancel_all, rules._quiet):
            assert group.regexes.parts, rules.name
            joined = re.compile(" (?:" + "|".join(group.regexes.parts) + ")")
            for stream in streams:
                words = stream.split()
                assert group.spans(stream, words) == _spans(joined, stream), (rules.name, stream)
                assert group.search(stream, words) == (joined.search(stream) is not None)
                checked += len(group.regexes.parts)
                ran += len(group._runnable(words))
    assert ran < checked / 20, (ran, checked)


def test_a_cancel_rule_whose_words_are_absent_is_not_run():
    rules = compile_rules(
        "[anchor BAD]\nvilain\n[rules]\nbad review @BAD\n"
        "animal cancel ce @BAD chat\nreport cancel-all il m a dit\n"
    )
    assert rules._cancel._runnable("| tu es vilain |".split()) == []
    assert rules._cancel._runnable("| ce vilain chat |".split()) == [0]
    assert [hit.rule for hit in rules.find("| ce vilain chien |")] == ["bad"]
    assert rules.find("| ce vilain chat |") == []
    assert rules.find("| il m a dit vilain |") == []
