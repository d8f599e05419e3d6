"""Benchmark: evaluation records per second with personal data masked (``--redact``).

The web workspace and ``hotline-qa score --redact`` mask every record they show; this
measures ``evaluation_record(ev, redact=True)`` against the plain record on the same
evaluations of the synthetic corpus (numbers in digits and Chinese numerals, addresses).

    .venv/bin/python bench/bench_redact.py --calls 300

Prints one figure line per measure. Single process: the figure is per core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_calls
from hotline_qa.pipeline import Engine
from hotline_qa.reports.json_report import evaluation_record


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    engine = Engine()
    evaluations = [engine.evaluate(c) for c in generate_calls(args.calls)]
    for redact in (False, True):
        rates = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for ev in evaluations:
                evaluation_record(ev, redact=redact)
            rates.append(len(evaluations) / (time.perf_counter() - t0))
        label = "masked record (redact)" if redact else "plain record"
        print(f"{label}: {statistics.median(rates):,.0f} records/s per core "
              f"({1000 / statistics.median(rates):.2f} ms each, median of {args.repeat})")


if __name__ == "__main__":
    main()
