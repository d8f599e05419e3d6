"""One Aho-Corasick pass over a call for the words of every matcher that scans the whole call.

A phrase set (``PhraseSet``) and a regular expression's literal prefilter
(``LiteralPrefilter``) each used to run their own pass over the call's joined text: a dozen
passes a call over the same thousand characters. The word bank holds the words of every
such matcher in one automaton whose values say which matchers own each word; one pass
(``scan``) gives each matcher the same hits, in the same order, as its own pass would
(Aho-Corasick reports every occurrence, by end position, and at one end the longer word
first, whatever other words the automaton holds).

A matcher joins the bank the first time a call asks for it (``CallContext``); until the
bank is rebuilt with it (at the start of a later call's pass, see ``current``) it runs its
own pass. The bank in use is never changed: a rebuild makes a new one, so a call scanned on
another thread keeps the one it started with. The automaton is ``ahocorasick_rs``'s
(``text.automaton.LargeAutomaton``): with thousands of words it scans a call in about
20 µs, where ``pyahocorasick`` takes 55 µs and the dozen separate passes 170 µs.
"""

from __future__ import annotations

import threading
from itertools import count

from hotline_qa.text.automaton import LargeAutomaton

Hits = dict[int, list[tuple[int, str]]]


class WordBank:
    """The words of the member matchers in one automaton (immutable once built)."""

    __slots__ = ("_automaton", "members")

    def __init__(self, words: dict[int, tuple[str, ...]]) -> None:
        self.members = frozenset(words)
        owners: dict[str, list[int]] = {}
        for serial, ws in words.items():
            for w in ws:
                ids = owners.setdefault(w, [])
                if not ids or ids[-1] != serial:
                    ids.append(serial)
        # (the Rust automaton whatever the size: the bank holds thousands of words)
        self._automaton: LargeAutomaton[tuple[str, tuple[int, ...]]] | None = None
        if owners:
            self._automaton = LargeAutomaton({w: (w, tuple(ids)) for w, ids in owners.items()})

    def scan(self, text: str) -> Hits:
        """Every member's hits in ``text``: ``(index of the last character, word)`` by serial, in
        the order the member's own automaton would give them (by end, the longer word first at one
        end). A member without hits is absent."""
        hits: Hits = {}
        if self._automaton is None or not text:
            return hits
        get = hits.get
        for end, (word, owners) in self._automaton.iter(text):
            item = (end, word)
            for serial in owners:
                found = get(serial)
                if found is None:
                    hits[serial] = [item]
                else:
                    found.append(item)
        return hits


_lock = threading.Lock()
#: The members' words by serial, and the serial of each word list (matchers with the same words,
#: such as those of two engines built from one rulebook, are one member).
_words: dict[int, tuple[str, ...]] = {}
_serials: dict[tuple[str, ...], int] = {}
_next_serial = count()  # (never reused: a serial always stands for the same words)
_bank = WordBank({})
_dirty = False
#: Calls scanned with a member waiting since the last build, and how many to wait before the next
#: build: the matchers of a rulebook join over its first calls (a rule asks for some only on some
#: calls), and a build (35-70 ms for a rulebook's 20,000 words) costs what the one pass saves over
#: several hundred calls (about 0.15 ms a call). The first build waits ``FIRST_WAIT`` calls (a short
#: run builds none), each later one ``LATER_WAIT`` (a matcher first asked late waits that long).
FIRST_WAIT = 64
LATER_WAIT = 1024
_waited = 0
_wait = FIRST_WAIT
#: At most this many members: past it the bank starts again empty (a process that builds many
#: different rulebooks), and the matchers in use join it again. A rulebook has about 40 word lists;
#: past ``MAX_SERIALS`` of them the serials by words are forgotten (a later matcher gets a new one).
MAX_MEMBERS = 512
MAX_SERIALS = 4096


def serial_of(words: tuple[str, ...]) -> int:
    """The member number of a matcher with these words (the same for the same words)."""
    with _lock:
        serial = _serials.get(words)
        if serial is None:
            if len(_serials) >= MAX_SERIALS:
                _serials.clear()
            serial = _serials[words] = next(_next_serial)
        return serial


def current() -> WordBank:
    """The bank to scan a call with: rebuilt first when matchers joined since the last build and
    enough calls went by (``_wait``)."""
    global _bank, _dirty, _waited, _wait
    if _dirty:
        with _lock:
            _waited += 1
            if _dirty and _waited >= _wait:
                _bank = WordBank(dict(_words))
                _dirty = False
                _waited = 0
                _wait = LATER_WAIT
    return _bank


def join(serial: int, words: tuple[str, ...]) -> None:
    """Add a matcher's words (``serial_of(words)``) to the bank, from the next ``current()`` on."""
    global _dirty
    with _lock:
        if serial not in _words:
            if len(_words) >= MAX_MEMBERS:
                _words.clear()
            _words[serial] = words
            _dirty = True
