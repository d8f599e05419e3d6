"""Aho-Corasick automata: every occurrence of any of many words in one pass over a text.

Two implementations answer the same question. ``pyahocorasick`` walks the text in C and
hands each hit to Python; it is the cheaper call on a single turn (a Rust call costs about
0.4 µs to set up, ``pyahocorasick`` 0.2 µs). Its nodes look up the next character in a
list, though, so with words that begin with many different characters (a lexicon: hundreds
leading from the root) each character of a long text costs several times more:
``ahocorasick_rs`` (a Rust automaton) scans a thousand characters with 10,000 such words in
about 12 µs, ``pyahocorasick`` in 55 µs. ``build`` picks the Rust automaton for an automaton
that scans whole calls and has many first characters; both give the same hits in the same
order (by end position, and at one end the longer word first).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import ahocorasick
import ahocorasick_rs

V = TypeVar("V")

#: From this many different first characters on, an automaton for long texts is built with
#: ``ahocorasick_rs`` (``build``).
MANY_FIRST_CHARACTERS = 32


class LargeAutomaton(Generic[V]):
    """``ahocorasick_rs`` behind the part of ``pyahocorasick.Automaton``'s interface the engine
    uses: ``iter(text)`` gives ``(index of the last character, value)`` for every occurrence,
    overlapping ones included."""

    __slots__ = ("_automaton", "_values")

    def __init__(self, items: dict[str, V]) -> None:
        self._values = list(items.values())
        # the contiguous NFA builds four times faster than the DFA and scans as fast
        self._automaton = ahocorasick_rs.AhoCorasick(
            list(items), implementation=ahocorasick_rs.Implementation.ContiguousNFA)

    def iter(self, text: str) -> list[tuple[int, V]]:
        values = self._values
        return [(end - 1, values[i])
                for i, _start, end in self._automaton.find_matches_as_indexes(text, overlapping=True)]


def build(items: Iterable[tuple[str, V]], *, long_texts: bool = False) -> Any:
    """An automaton of ``items`` (word, value; a later value of a word replaces an earlier one),
    or None without words. Ask it ``iter(text)``. ``long_texts``: it scans whole calls (turns
    joined), not single turns."""
    words = {w: v for w, v in items if w}  # (an empty word never matches)
    if not words:
        return None
    if long_texts and len({w[0] for w in words}) >= MANY_FIRST_CHARACTERS:
        return LargeAutomaton(words)
    automaton = ahocorasick.Automaton()
    for w, v in words.items():
        automaton.add_word(w, v)
    automaton.make_automaton()
    return automaton
