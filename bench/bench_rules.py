"""Benchmark: microseconds per call for each rule, and for the shared analysis.

    .venv/bin/python bench/bench_rules.py --calls 300

Finds the rules that dominate the engine's time (bench_engine.py gives the total).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_calls
from hotline_qa.pipeline import Engine


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    calls = list(generate_calls(args.calls))
    engine = Engine()
    t0 = time.perf_counter()
    contexts = [engine.context(c) for c in calls]
    analysis = (time.perf_counter() - t0) / len(calls)
    per_rule: collections.Counter[str] = collections.Counter()
    for ctx in contexts:
        for rule in engine.rules:
            t = time.perf_counter()
            engine.run_rule(rule, ctx)
            per_rule[rule.code] += time.perf_counter() - t
    total = sum(per_rule.values()) / len(calls)
    print(f"analysis: {analysis * 1e6:,.0f} us/call; rules: {total * 1e6:,.0f} us/call "
          f"({len(engine.rules)} rules)")
    for code, t in per_rule.most_common(args.top):
        print(f"  {code}: {t / len(calls) * 1e6:,.0f} us/call")


if __name__ == "__main__":
    main()
