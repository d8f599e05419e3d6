"""The one-pass word bank and the large automaton give the hits of the separate automata.

``text.automaton`` builds a Rust automaton (``ahocorasick_rs``) from 256 words on, and the
word bank (``rules.joined_scan``) scans a call once for every matcher that scans the whole
call. Both stand in for ``pyahocorasick`` passes: the hits, and their order, must be the same.
"""

from __future__ import annotations

import random

import ahocorasick
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.rules import joined_scan
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import LiteralPrefilter, PhraseSet, RegexSet
from hotline_qa.text import automaton
from hotline_qa.text.automaton import LargeAutomaton

# A small alphabet so that words overlap, nest and end together; Chinese, ASCII and an astral
# character (four bytes in UTF-8: offsets must stay in characters).
_ALPHABET = "您好请问是不一定给处理了ab1?\n😀"
_words = st.text(alphabet=_ALPHABET.replace("\n", ""), min_size=1, max_size=4)


def _py_hits(words: list[str], text: str) -> list[tuple[int, str]]:
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, w)
    a.make_automaton()
    return list(a.iter(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(_words, min_size=1, max_size=40), st.text(alphabet=_ALPHABET, max_size=60))
def test_large_automaton_gives_pyahocorasicks_hits_in_its_order(words: list[str], text: str) -> None:
    large = LargeAutomaton({w: w for w in words})
    assert large.iter(text) == _py_hits(words, text)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(0, 6), st.lists(_words, min_size=1, max_size=12), min_size=1, max_size=6),
       st.text(alphabet=_ALPHABET, max_size=80))
def test_word_bank_gives_each_member_the_hits_of_its_own_pass(members: dict[int, list[str]], text: str) -> None:
    bank = joined_scan.WordBank({k: tuple(v) for k, v in members.items()})
    hits = bank.scan(text)
    for serial, words in members.items():
        assert hits.get(serial, []) == _py_hits(words, text), serial
    assert set(hits) <= set(members)  # a member without hits is absent, no stranger appears


def test_build_picks_the_rust_automaton_for_long_texts_and_many_first_characters() -> None:
    rng = random.Random(7)
    alphabet = "您好请问是不一定给处理我们这边帮查到了吗没有什么时候可以的电话号码地址稍等谢谢再见"
    many = {"".join(rng.choice(alphabet) for _ in range(3)) for _ in range(600)}
    assert len({w[0] for w in many}) >= automaton.MANY_FIRST_CHARACTERS
    big = automaton.build(((w, w) for w in many), long_texts=True)
    assert isinstance(big, LargeAutomaton)
    text = "".join(rng.choice(alphabet + "，") for _ in range(400))
    assert big.iter(text) == _py_hits(sorted(many), text)
    # a turn at a time, or words that begin alike: pyahocorasick is the cheaper call
    assert isinstance(automaton.build((w, w) for w in many), ahocorasick.Automaton)
    alike = [f"一定{w}" for w in many]
    assert isinstance(automaton.build(((w, w) for w in alike), long_texts=True), ahocorasick.Automaton)
    small = automaton.build([("您好", 1), ("", 2)])
    assert isinstance(small, ahocorasick.Automaton)
    assert list(small.iter("您好")) == [(1, 1)]
    assert automaton.build([("", 1)]) is None


def _call(texts: list[str]) -> Call:
    roles = (Role.AGENT, Role.CUSTOMER)
    return Call("bank", tuple(Utterance(i, roles[i % 2], t, t) for i, t in enumerate(texts)))


_TEXTS = ["您好很高兴为您服务", "我想问一下那个订单", "这个嗯这个我给您查一下", "你再说一遍", "好的稍等",
          "感谢您的呃耐心等待", "一定给您处理", "“这个”是他说的", ""]


@pytest.fixture
def fresh_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty bank that builds on the next call with a member waiting (not ``FIRST_WAIT`` calls later)."""
    monkeypatch.setattr(joined_scan, "_words", {})
    monkeypatch.setattr(joined_scan, "_bank", joined_scan.WordBank({}))
    monkeypatch.setattr(joined_scan, "_dirty", False)
    monkeypatch.setattr(joined_scan, "_waited", 0)
    monkeypatch.setattr(joined_scan, "_wait", 1)


def test_a_call_scanned_through_the_bank_finds_what_its_own_passes_find(fresh_bank: None) -> None:
    phrases = PhraseSet(["这个", "那个", "嗯"], exclude=["这个订单"], name="fillers")
    regexes = RegexSet([r"(你|您)再说一(遍|次)", r"一定(给|帮)您"], name="asks")
    pre = LiteralPrefilter([r"稍等", r"(感谢|谢谢)您"])
    call = _call(_TEXTS)

    first = CallContext(call)  # the bank is empty: each matcher runs its own pass, and joins
    own = (first._scan(phrases), first._scan(regexes), first.candidates(pre))
    assert {phrases.serial, regexes.prefilter.serial, pre.serial} <= set(joined_scan._words)
    assert joined_scan.current().members >= {phrases.serial, regexes.prefilter.serial, pre.serial}

    second = CallContext(call)  # now one pass of the bank answers all three
    assert (second._scan(phrases), second._scan(regexes), second.candidates(pre)) == own
    assert set(own[0]) == {2, 1} and 3 in own[1] and 6 in own[1]  # the checks found something
    assert own[2] == frozenset({4, 5})
    assert second._bank_hits[0] is joined_scan._bank


def test_the_bank_waits_longer_between_builds_and_matchers_with_the_same_words_share_a_member(
        fresh_bank: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(joined_scan, "LATER_WAIT", 2)
    a, b = PhraseSet(["您好"]), PhraseSet(["您好"])
    assert a.serial == b.serial
    joined_scan.join(a.serial, a.bank_words)
    first = joined_scan.current()  # waited 1 call: built
    assert a.serial in first.members
    joined_scan.join(10_000, ("再见",))
    assert joined_scan.current() is first  # the next build waits 2 calls
    second = joined_scan.current()
    assert second is not first and 10_000 in second.members
    joined_scan.join(10_001, ("谢谢",))
    assert joined_scan.current() is second  # each later build waits LATER_WAIT calls too
    assert 10_001 in joined_scan.current().members


def test_the_bank_starts_again_past_its_member_limit(fresh_bank: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(joined_scan, "MAX_MEMBERS", 3)
    for serial in range(3):
        joined_scan.join(20_000 + serial, (f"词{serial}",))
    joined_scan.join(20_003, ("词3",))
    assert set(joined_scan._words) == {20_003}
    assert joined_scan.current().members == {20_003}


def test_serials_past_the_limit_are_forgotten_but_never_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(joined_scan, "_serials", {})
    monkeypatch.setattr(joined_scan, "MAX_SERIALS", 2)
    first = [joined_scan.serial_of((f"词{i}",)) for i in range(2)]
    assert joined_scan.serial_of(("词0",)) == first[0]  # the same words, the same member
    later = joined_scan.serial_of(("词2",))  # past the limit: the old ones are forgotten
    assert len(joined_scan._serials) == 1 and later not in first
    assert joined_scan.serial_of(("词0",)) not in (*first, later)  # a new number, never an old one


_PATTERNS = [r"(你|您)再说一(遍|次)", r"一定(给|帮)您", r"给您处理", r"是不是", r"好的?稍等"]
_PATTERN_TEXT = "您再说一遍一定给您处理好稍等是不是你再说一次ab1😀"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_PATTERN_TEXT, max_size=40))
def test_a_regex_set_told_the_words_in_a_text_finds_what_its_own_routing_pass_finds(text: str) -> None:
    regexes = RegexSet(_PATTERNS, name="routed")
    words = {w for _end, w in regexes.prefilter.iter_ends(text)}
    assert regexes.find(text, words) == regexes.find(text)


def test_a_call_scan_routes_each_regex_by_the_words_the_bank_found(
        fresh_bank: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from hotline_qa.rules import matchers

    regexes = RegexSet(_PATTERNS, name="routed")
    call = _call(_TEXTS)
    own = CallContext(call)._scan(regexes)
    assert set(own) == {3, 4, 6}

    def no_second_pass(self: object, text: str) -> list[int]:
        raise AssertionError(f"a second automaton pass over {text!r}")

    monkeypatch.setattr(matchers._PatternRouter, "runnable", no_second_pass)
    assert CallContext(call)._scan(regexes) == own  # the rows were routed by the bank's words
