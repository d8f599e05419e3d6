"""The one pipeline: Call -> analysis -> rules -> form -> Evaluation.

Every door (CLI, batch runner, web service, live socket, trainer) calls ``Engine``; none
re-implements a step. An ``Engine`` is built once per process and reused for every call.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hotline_qa.analyzers.analysis import Analysis, analyze
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.core.call import Call
from hotline_qa.core.errors import NotApplicable
from hotline_qa.core.evaluation import Evaluation
from hotline_qa.core.findings import Finding, RuleResult, Status
from hotline_qa.rules.base import NEED_LABELS, Need, Rule
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.rulebook import Rulebook, load_rulebook
from hotline_qa.scoring.form import Dimension, EvaluationForm

log = logging.getLogger(__name__)


class Engine:
    """Scores calls against a rulebook. Thread-safe for reading; build once, reuse."""

    def __init__(self, rulebook: Rulebook | None = None, *, only: set[str] | None = None,
                 calendar: WorkCalendar | None = None) -> None:
        self.rulebook = rulebook or load_rulebook()
        self.rules: list[Rule] = self.rulebook.build_rules(only=only)
        self.calendar = calendar or WorkCalendar()
        spec = self.rulebook.spec.form
        self.form = EvaluationForm(
            [Dimension(k, d.name, d.weight) for k, d in spec.dimensions.items()], spec.pass_score
        )
        self.settings = self.rulebook.settings

    def context(self, call: Call, *, analysis: Analysis | None = None) -> CallContext:
        ctx = CallContext(call, settings=self.settings)
        ctx.__dict__["analysis"] = analysis or analyze(call, calendar=self.calendar, now=ctx.local_start)
        return ctx

    def run_rules(self, ctx: CallContext) -> list[RuleResult]:
        facts = _CallFacts(ctx.call)
        return [self.run_rule(rule, ctx, facts) for rule in self.rules]

    def run_rule(self, rule: Rule, ctx: CallContext, facts: _CallFacts | None = None) -> RuleResult:
        """One rule on one call. A crash becomes an ``error`` result, never an abort."""
        try:
            missing = missing_needs(rule, ctx.call, facts)
            if missing:
                raise NotApplicable(missing)
            findings = tuple(rule.check(ctx))
        except NotApplicable as na:
            return _result(rule, Status.NOT_APPLICABLE, reason=str(na), basis_ctx=ctx)
        except Exception as exc:
            log.warning("rule %s failed on call %s: %s", rule.code, ctx.call.call_id, type(exc).__name__)
            return _result(rule, Status.ERROR, reason=f"规则运行出错 (rule crashed): {type(exc).__name__}: {exc}")
        if not findings:
            return _result(rule, Status.PASSED, basis_ctx=ctx)
        return _result(rule, Status.FINDING, findings=findings, basis_ctx=ctx)

    def evaluate(self, call: Call, *, analysis: Analysis | None = None) -> Evaluation:
        ctx = self.context(call, analysis=analysis)
        results = tuple(self.run_rules(ctx))
        scored = self.form.score(results)
        return Evaluation(
            source=call.source,
            call_id=call.call_id,
            passed=scored.passed,
            total_score=scored.total_score,
            pass_score=self.form.pass_score,
            dimensions=scored.dimensions,
            red_lines=scored.red_lines,
            results=results,
            rulebook_version=self.rulebook.version,
            rulebook_hash=self.rulebook.hash,
            analysis=ctx.analysis.to_dict(),
            call=call_record(call),
        )

    def evaluate_path(self, path: str | Path, **load_options: Any) -> list[Evaluation]:
        from hotline_qa.ingest.detect import load_calls

        return [self.evaluate(c) for c in load_calls(Path(path), **load_options)]


class _CallFacts:
    """What the needs check asks of a call, computed once per call rather than once per rule."""

    __slots__ = ("has_confidence", "has_text", "has_timestamps")

    def __init__(self, call: Call) -> None:
        self.has_timestamps = call.has_timestamps
        self.has_text = any(u.text for u in call.utterances)
        self.has_confidence = any(u.confidence is not None for u in call.agent_turns)


_OFFLINE = (Need.AUDIO, Need.TICKETS, Need.HISTORY)


def missing_needs(rule: Rule, call: Call, facts: _CallFacts | None = None) -> str:
    """The reason a rule cannot run on this call, or '' when it can."""
    facts = facts or _CallFacts(call)
    for need in rule.needs:
        if need is Need.TIMESTAMPS and not facts.has_timestamps:
            return "转写没有时间戳 (the transcript has no timestamps)"
        if need in _OFFLINE:
            return f"缺少{NEED_LABELS[need]}"
        if need is Need.ASR_CONFIDENCE and not facts.has_confidence:
            return "转写没有识别置信度 (no ASR confidence in the transcript)"
        if need is Need.TEXT and not facts.has_text:
            return "通话没有文本 (the call has no text)"
    for key in rule.metadata_keys:
        if getattr(call.metadata, key, None) is None:
            return f"缺少通话元数据 {key} (call metadata '{key}' not given)"
    return ""


def _result(rule: Rule, status: Status, *, findings: Sequence[Finding] = (), reason: str = "",
            basis_ctx: CallContext | None = None) -> RuleResult:
    deduction = 0.0
    if status is Status.FINDING:
        deduction = sum(rule.config.deduction if f.deduction is None else f.deduction for f in findings)
        if rule.config.max_deduction is not None:
            deduction = min(deduction, rule.config.max_deduction)
    basis = None
    if basis_ctx is not None:
        try:
            basis = rule.basis(basis_ctx)
        except Exception:
            basis = None
    details: Mapping[str, Any] | None = basis_ctx.details.get(rule.code) if basis_ctx is not None else None
    config = rule.config
    return RuleResult(
        rule.code, rule.slug, rule.name_zh, rule.name_en, config.dimension or rule.dimension, status,
        config.severity, deduction, tuple(findings), reason, basis, dict(details) if details else {},
    )


def call_record(call: Call) -> dict[str, Any]:
    """The call as stored beside its evaluation (metadata, utterances, events)."""
    return {
        "metadata": call.metadata.as_dict(),
        "format": call.source_format,
        "warnings": list(call.warnings),
        "utterances": [
            {"index": u.index, "role": u.role.value, "text": u.text, "original": u.original,
             "start": u.start, "end": u.end, "confidence": u.confidence}
            for u in call.utterances
        ],
        "events": [
            {"kind": e.kind.value, "at": e.at, "by": e.by.value if e.by else None, "note": e.note}
            for e in call.events
        ],
    }

