"""The rule base class.

A rule has an identity (the catalogue code and a slug naming the flagged pattern), says
what it needs, and has one ``check`` method returning findings. It raises
``NotApplicable`` with a reason when the call lacks something it needs. Thresholds,
severity and deduction come from the rulebook, never from the class.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from hotline_qa.core.call import Utterance
from hotline_qa.core.errors import NotApplicable
from hotline_qa.core.findings import Basis, Evidence, Finding, Severity, Span
from hotline_qa.rules.matchers import Hit, Match

if TYPE_CHECKING:
    from hotline_qa.rules.context import CallContext


class Need(StrEnum):
    """What a rule needs to run. Missing needs make the rule not applicable."""

    TEXT = "text"
    TIMESTAMPS = "timestamps"
    METADATA = "metadata"
    EVENTS = "events"
    AUDIO = "audio"
    TICKETS = "tickets"
    ASR_CONFIDENCE = "asr_confidence"
    HISTORY = "history"


NEED_LABELS = {
    Need.TEXT: "文本 text",
    Need.TIMESTAMPS: "时间戳 timestamps",
    Need.METADATA: "通话元数据 call metadata",
    Need.EVENTS: "保持/转接事件 hold/transfer events",
    Need.AUDIO: "双声道录音 stereo audio",
    Need.TICKETS: "工单记录 ticket records",
    Need.ASR_CONFIDENCE: "识别置信度 ASR confidence",
    Need.HISTORY: "坐席历史通话 call history",
}


@dataclass(frozen=True, slots=True)
class RuleConfig:
    """A rule's settings from the rulebook."""

    code: str
    enabled: bool = True
    severity: Severity = Severity.MINOR
    deduction: float = 0.0
    max_deduction: float | None = None
    dimension: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    suggestion: str | None = None


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement ``check``.

    The docstring's first paragraph says what the rule checks; ``why`` says why (the norm).
    Examples live in ``tests/rules/cases/<CODE>.yml``.
    """

    code: ClassVar[str] = ""
    slug: ClassVar[str] = ""
    family: ClassVar[str] = ""
    name_zh: ClassVar[str] = ""
    name_en: ClassVar[str] = ""
    dimension: ClassVar[str] = ""
    needs: ClassVar[tuple[Need, ...]] = (Need.TEXT,)
    #: Needs that a call recording stands in for (``ctx.audio``): LIS001 needs timestamps
    #: or a recording. Such a rule says which it judged from in ``basis(ctx)``.
    audio_replaces: ClassVar[tuple[Need, ...]] = ()
    metadata_keys: ClassVar[tuple[str, ...]] = ()
    source: ClassVar[str] = ""
    why: ClassVar[str] = ""
    suggestion: ClassVar[str] = ""
    status: ClassVar[str] = "stable"
    since: ClassVar[str] = "0.1.0"

    def __init__(self, config: RuleConfig) -> None:
        self.config = config

    # -- identity helpers -------------------------------------------------------------------
    @classmethod
    def description(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.split("\n\n")[0].replace("\n", " ") if doc else ""

    @property
    def severity(self) -> Severity:
        return self.config.severity

    @property
    def dimension_key(self) -> str:
        return self.config.dimension or self.dimension

    @property
    def suggestion_text(self) -> str:
        return self.config.suggestion or self.suggestion

    def param(self, key: str) -> Any:
        try:
            return self.config.params[key]
        except KeyError:
            raise KeyError(f"{self.code}: rulebook has no parameter '{key}'") from None

    # -- the work -----------------------------------------------------------------------------
    def check(self, ctx: CallContext) -> Iterable[Finding]:
        raise NotImplementedError

    def basis(self, ctx: CallContext) -> Basis:
        """What the verdict is judged from (shown in reports)."""
        if Need.AUDIO in self.needs:
            return Basis.AUDIO
        if Need.TIMESTAMPS in self.needs:
            return Basis.TIMESTAMPS
        if Need.EVENTS in self.needs:
            return Basis.EVENTS
        if Need.METADATA in self.needs and Need.TEXT not in self.needs:
            return Basis.METADATA
        return Basis.TEXT

    # -- helpers for subclasses ---------------------------------------------------------------
    @staticmethod
    def not_applicable(reason: str) -> NotApplicable:
        return NotApplicable(reason)

    def finding(
        self,
        message: str,
        *,
        utterances: Sequence[Utterance] = (),
        matches: Sequence[Match] = (),
        suggestion: str | None = None,
        explanation: str = "",
        severity: Severity | None = None,
        deduction: float | None = None,
        details: Mapping[str, Any] | None = None,
        time_start: float | None = None,
        time_end: float | None = None,
    ) -> Finding:
        """Build a finding whose evidence covers the given utterances and matched words."""
        by_index = {u.index: u for u in utterances}
        spans = tuple(Span(m.utterance, m.start, m.end, m.text) for m in matches)
        indexes = sorted(set(by_index) | {m.utterance for m in matches})
        starts = [u.start for u in utterances if u.start is not None]
        ends = [u.end for u in utterances if u.end is not None]
        begin = time_start if time_start is not None else (min(starts) if starts else None)
        end = time_end if time_end is not None else (max(ends) if ends else None)
        if begin is not None and end is not None and end < begin:
            if time_start is not None and starts:
                # a moment after the evidence's words (a transfer event after the last sentence before
                # it): the span runs from the words to that moment
                begin, end = min(starts), begin
            else:
                begin, end = end, begin
        evidence = Evidence(utterances=tuple(indexes), time_start=begin, time_end=end, spans=spans)
        return Finding(
            message=message,
            evidence=evidence,
            suggestion=self.suggestion_text if suggestion is None else suggestion,
            explanation=explanation,
            severity=severity,
            deduction=deduction,
            details=dict(details or {}),
        )


def to_matches(utterance: Utterance, hits: Iterable[Hit], pattern: str = "") -> list[Match]:
    return [Match(utterance.index, h.start, h.end, utterance.text[h.start:h.end], pattern or h.phrase)
            for h in hits]
