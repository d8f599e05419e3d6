"""Turn rule results into scores: each dimension starts at its weight and loses the
deductions of its rules' findings (never below zero); red lines fail the call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hotline_qa.core.evaluation import DimensionScore
from hotline_qa.core.findings import RuleResult, Status


@dataclass(frozen=True, slots=True)
class Dimension:
    key: str
    name: str
    weight: float


@dataclass(frozen=True, slots=True)
class FormResult:
    total_score: float
    passed: bool
    dimensions: tuple[DimensionScore, ...]
    red_lines: tuple[str, ...]


class EvaluationForm:
    def __init__(self, dimensions: Sequence[Dimension], pass_score: float) -> None:
        self.dimensions = tuple(dimensions)
        self.pass_score = pass_score
        self._keys = {d.key for d in self.dimensions}

    def score(self, results: Sequence[RuleResult]) -> FormResult:
        deducted: dict[str, float] = dict.fromkeys(self._keys, 0.0)
        codes: dict[str, list[str]] = {d.key: [] for d in self.dimensions}
        finding = Status.FINDING
        red: list[str] = []
        for r in results:
            dim_codes = codes.get(r.dimension)
            if r.status is finding:
                if r.is_red_line:
                    red.append(r.code)
                if dim_codes is None:
                    continue
                deducted[r.dimension] += r.deduction
            elif dim_codes is None:
                continue
            dim_codes.append(r.code)
        dims = tuple(
            DimensionScore(
                key=d.key, name=d.name, weight=d.weight,
                score=max(0.0, d.weight - deducted[d.key]),
                deducted=min(d.weight, deducted[d.key]),
                codes=tuple(codes[d.key]),
            )
            for d in self.dimensions
        )
        total = round(sum(d.score for d in dims), 2)
        return FormResult(total_score=total, passed=not red and total >= self.pass_score,
                          dimensions=dims, red_lines=tuple(red))
