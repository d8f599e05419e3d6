"""Regression suite for real speech: realistic hotline calls (no punctuation, fillers, ASR
slips, traditional characters, code-switching, regional habits) scored by the whole engine.

Each call in ``calls/`` lists in ``expected.yml`` the rule codes that must be findings and
those that must not be (only verdicts a QA specialist is sure of). A call is any transcript
file in ``calls/`` (dialogue text, Alibaba or FunASR JSON, …) except the ``.meta.json``
sidecars; its name is the file name without its last extension (``41_x.alibaba.json`` ->
``41_x.alibaba``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.core.findings import RuleResult, Status
from hotline_qa.pipeline import Engine

HERE = Path(__file__).parent
CALLS = HERE / "calls"
EXPECTED: dict[str, dict[str, list[str]]] = yaml.safe_load((HERE / "expected.yml").read_text(encoding="utf-8"))


@cache
def _engine() -> Engine:
    return Engine()


SIDECAR = ".meta.json"
TRANSCRIPTS: dict[str, Path] = {p.name.rsplit(".", 1)[0]: p for p in sorted(CALLS.iterdir())
                                if p.is_file() and not p.name.endswith(SIDECAR)}


@cache
def _evaluate(name: str) -> Evaluation:
    evaluations = _engine().evaluate_path(TRANSCRIPTS[name])
    assert len(evaluations) == 1, f"{name}: expected one call, got {len(evaluations)}"
    return evaluations[0]


def _statuses(ev: Evaluation) -> dict[str, RuleResult]:
    return {r.code: r for r in ev.results}


def test_every_call_has_expectations() -> None:
    names = set(TRANSCRIPTS)
    assert {p.suffix for p in TRANSCRIPTS.values()} >= {".txt", ".json"}
    assert names == set(EXPECTED), f"calls without expectations or vice versa: {names ^ set(EXPECTED)}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_rule_errors(name: str) -> None:
    errors = [(r.code, r.reason) for r in _evaluate(name).results if r.status is Status.ERROR]
    assert not errors, errors


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_findings(name: str) -> None:
    results = _statuses(_evaluate(name))
    missing = [c for c in EXPECTED[name].get("findings") or [] if results[c].status is not Status.FINDING]
    assert not missing, {c: (results[c].status.value, results[c].reason) for c in missing}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_false_findings(name: str) -> None:
    results = _statuses(_evaluate(name))
    wrong = [c for c in EXPECTED[name].get("clean") or [] if results[c].status is Status.FINDING]
    assert not wrong, {c: [f.message for f in results[c].findings] for c in wrong}
