from __future__ import annotations

from hotline_qa.core.findings import Finding, RuleResult, Severity, Status
from hotline_qa.scoring.form import Dimension, EvaluationForm


def _r(code: str, dim: str, status: Status, deduction: float, sev: Severity = Severity.MINOR) -> RuleResult:
    findings = (Finding("x"),) if status is Status.FINDING else ()
    return RuleResult(code, "s", "n", "n", dim, status, sev, deduction, findings)


def test_deductions_are_capped_at_the_dimension_weight() -> None:
    form = EvaluationForm([Dimension("a", "A", 60), Dimension("b", "B", 40)], pass_score=80)
    res = form.score([_r("X1", "a", Status.FINDING, 50), _r("X2", "a", Status.FINDING, 30),
                      _r("X3", "b", Status.NOT_APPLICABLE, 0), _r("X4", "b", Status.PASSED, 0)])
    a, b = res.dimensions
    assert (a.score, a.deducted, b.score) == (0, 60, 40)
    assert res.total_score == 40 and not res.passed


def test_fatal_finding_is_a_red_line() -> None:
    form = EvaluationForm([Dimension("a", "A", 100)], pass_score=60)
    res = form.score([_r("X1", "a", Status.FINDING, 0, Severity.FATAL)])
    assert res.red_lines == ("X1",) and res.total_score == 100 and not res.passed
