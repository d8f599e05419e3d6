"""The evaluation record: one per call, the same in JSON, JSONL, the database and the API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hotline_qa.core.findings import Basis, RuleResult, Severity, Status

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class DimensionScore:
    key: str
    name: str
    weight: float
    score: float
    deducted: float
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evaluation:
    source: str
    call_id: str
    passed: bool
    total_score: float
    pass_score: float
    dimensions: tuple[DimensionScore, ...]
    red_lines: tuple[str, ...]
    results: tuple[RuleResult, ...]
    rulebook_version: str
    rulebook_hash: str
    analysis: Mapping[str, Any] = field(default_factory=dict)
    call: Mapping[str, Any] = field(default_factory=dict)
    #: The recording's timeline and voice measures (``AudioAnalysis.to_dict()``); empty when
    #: the call was scored from a transcript alone (then the record has no ``audio`` key).
    audio: Mapping[str, Any] = field(default_factory=dict)

    @property
    def findings_count(self) -> int:
        return sum(len(r.findings) for r in self.results if r.status is Status.FINDING)

    @property
    def has_findings(self) -> bool:
        return any(r.status is Status.FINDING for r in self.results)

    @property
    def errors(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.status is Status.ERROR)

    def result(self, code: str) -> RuleResult:
        for r in self.results:
            if r.code == code:
                return r
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        """The stable record published as ``docs/evaluation.schema.json``."""
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "call_id": self.call_id,
            "passed": self.passed,
            "total_score": round(self.total_score, 2),
            "pass_score": self.pass_score,
            "red_lines": list(self.red_lines),
            "dimensions": [
                {"key": d.key, "name": d.name, "weight": d.weight, "score": round(d.score, 2),
                 "deducted": round(d.deducted, 2), "codes": list(d.codes)}
                for d in self.dimensions
            ],
            "rulebook": {"version": self.rulebook_version, "hash": self.rulebook_hash},
            "results": [_result_dict(r) for r in self.results],
            "analysis": dict(self.analysis),
            "call": dict(self.call),
        }
        if self.audio:
            out["audio"] = dict(self.audio)
        return out


# Enum values by member: a dict lookup is much cheaper than the ``.value`` property.
_VALUE: dict[Status | Severity | Basis | None, str | None] = {
    **{m: m.value for m in Status}, **{m: m.value for m in Severity}, **{m: m.value for m in Basis},
    None: None,
}


def _result_dict(r: RuleResult) -> dict[str, Any]:
    value = _VALUE
    out: dict[str, Any] = {
        "code": r.code,
        "slug": r.slug,
        "name_zh": r.name_zh,
        "name_en": r.name_en,
        "dimension": r.dimension,
        "status": value[r.status],
        "severity": value[r.severity],
        "deduction": round(r.deduction, 2),
        "basis": value[r.basis] if r.basis else None,
    }
    if r.reason:
        out["reason"] = r.reason
    if r.details:
        out["details"] = _rounded(r.details)
    if not r.findings:
        out["findings"] = []
        return out
    out["findings"] = [
        {
            "message": f.message,
            "severity": value[f.severity or r.severity],
            "suggestion": f.suggestion,
            "explanation": f.explanation,
            "evidence": f.evidence.as_dict(),
            **({"details": _rounded(f.details)} if f.details else {}),
        }
        for f in r.findings
    ]
    return out


def _rounded(value: Any) -> Any:
    """Details as stored: floats to 3 decimals (0.8390243902439025 s is 0.839 s to a reader)."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, Mapping):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value

