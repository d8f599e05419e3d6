"""Benchmark: calls per second per core for the whole default rulebook.

In the same run it measures a bare Aho-Corasick scan of the same texts with every phrase
of the rulebook and the lexicons (the speed limit for any phrase-based check): turn by turn
with pyahocorasick, and in one pass a call with the Rust automaton of the word bank.

    .venv/bin/python bench/bench_engine.py --calls 2000

Prints one figure line per measure. Single process: the figure is per core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ahocorasick

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_calls
from hotline_qa.analyzers.analysis import analyze
from hotline_qa.core.call import Call
from hotline_qa.pipeline import Engine
from hotline_qa.rules.rulebook import load_rulebook
from hotline_qa.text.automaton import LargeAutomaton


def all_phrases() -> list[str]:
    book = load_rulebook()
    phrases: set[str] = set()
    for spec in book.spec.phrase_rules.values():
        phrases.update(spec.phrases)
    lex = Path(__file__).resolve().parents[1] / "src" / "hotline_qa" / "text" / "lexicons"
    for f in lex.glob("*.txt"):
        phrases.update(line.strip() for line in f.read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.startswith("#"))
    return sorted(p for p in phrases if p)


def calls_per_second(score: Callable[[Call], object], calls: list[Call], repeat: int) -> float:
    """The median rate of ``score`` over ``calls`` in ``repeat`` passes."""
    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for c in calls:
            score(c)
        rates.append(len(calls) / (time.perf_counter() - t0))
    return statistics.median(rates)


def _no_findings(ctx: object) -> tuple[()]:
    return ()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    calls = list(generate_calls(args.calls))
    turns = sum(len(c.utterances) for c in calls)
    minutes = sum((c.end_time or 0) for c in calls) / 60
    chars = sum(len(u.text) for c in calls for u in c.utterances)
    print(f"corpus: {len(calls)} calls, {turns / len(calls):.0f} turns/call, "
          f"{minutes / len(calls):.1f} min/call, {chars / len(calls):.0f} chars/call")

    engine = Engine()
    engine.evaluate(calls[0])  # warm caches (lexicons, automata)
    rate = calls_per_second(engine.evaluate, calls, args.repeat)
    print(f"engine: {rate:,.0f} calls/s per core "
          f"(whole default rulebook, {len(engine.rules)} rules, median of {args.repeat})")

    # Where the ceiling is: the shared analysis alone, and the whole engine with every rule's
    # check replaced by a no-op (analysis + needs checks + results + scoring + the record).
    rate = calls_per_second(lambda c: analyze(c, calendar=engine.calendar, now=None), calls, args.repeat)
    print(f"shared analysis alone: {rate:,.0f} calls/s per core")
    hollow = Engine()
    for rule in hollow.rules:
        rule.check = _no_findings  # type: ignore[method-assign]
    hollow.evaluate(calls[0])
    rate = calls_per_second(hollow.evaluate, calls, args.repeat)
    print(f"engine with every rule check a no-op: {rate:,.0f} calls/s per core "
          "(the ceiling of this design: analysis, needs checks, results, scoring, record)")

    automaton = ahocorasick.Automaton()
    phrases = all_phrases()
    for p in phrases:
        automaton.add_word(p, p)
    automaton.make_automaton()
    texts = [[u.text for u in c.utterances] for c in calls]
    scan_rates = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        hits = 0
        for call_texts in texts:
            for t in call_texts:
                for _hit in automaton.iter(t):
                    hits += 1
        scan_rates.append(len(calls) / (time.perf_counter() - t0))
    print(f"bare Aho-Corasick scan: {statistics.median(scan_rates):,.0f} calls/s per core "
          f"({len(phrases)} phrases, {hits} hits per pass, pyahocorasick turn by turn)")

    # The same words with the automaton the engine's word bank uses (rules/joined_scan.py): the
    # Rust automaton, one pass over each call's turns joined by newlines.
    large = LargeAutomaton({p: p for p in phrases})
    joined = ["\n".join(call_texts) for call_texts in texts]
    scan_rates = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        hits = 0
        for text in joined:
            hits += len(large.iter(text))
        scan_rates.append(len(calls) / (time.perf_counter() - t0))
    print(f"bare Aho-Corasick scan, one pass a call: {statistics.median(scan_rates):,.0f} calls/s per core "
          f"({len(phrases)} phrases, {hits} hits per pass, ahocorasick_rs as the word bank)")


if __name__ == "__main__":
    main()
