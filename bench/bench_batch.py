"""Benchmark: end to end, files on disk -> evaluations, as `hotline-qa score` runs it.

    .venv/bin/python bench/bench_batch.py --calls 1000

Writes the corpus as dialogue-text files, then times the batch runner (decode, detect,
parse, normalise, analyse, rules, scoring) on one process and on all cores. Prints one
figure line for each, plus the parse-only rate.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_calls, to_dialogue_text
from hotline_qa.batch.runner import ScoreOptions, default_jobs, score_files
from hotline_qa.ingest.detect import load_calls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for call in generate_calls(args.calls):
            p = Path(tmp) / f"{call.call_id}.txt"
            p.write_text(to_dialogue_text(call), encoding="utf-8")
            paths.append(p)
        t0 = time.perf_counter()
        for p in paths:
            load_calls(p)
        parse = len(paths) / (time.perf_counter() - t0)
        print(f"parse only: {parse:,.0f} files/s per core (decode, detect, parse, normalise)")
        for jobs in (1, default_jobs()):
            t0 = time.perf_counter()
            n = sum(len(o.evaluations) for o in score_files(paths, ScoreOptions(), jobs=jobs))
            rate = n / (time.perf_counter() - t0)
            print(f"score end to end: {rate:,.0f} calls/s on {jobs} process(es) ({n} calls, {rate / jobs:,.0f} per core)")


if __name__ == "__main__":
    main()
