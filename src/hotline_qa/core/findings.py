"""What a rule says about a call: findings with evidence, and one result per rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    INFO = "info"
    MINOR = "minor"
    MAJOR = "major"
    FATAL = "fatal"  # red line: the call fails whatever else it scored

    @property
    def rank(self) -> int:
        return ["info", "minor", "major", "fatal"].index(self.value)


class Status(StrEnum):
    FINDING = "finding"
    PASSED = "passed"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


class Basis(StrEnum):
    """What a rule's verdict was judged from."""

    TEXT = "text"
    TIMESTAMPS = "timestamps"
    METADATA = "metadata"
    AUDIO = "audio"
    EVENTS = "events"


@dataclass(frozen=True, slots=True)
class Span:
    """The matched words: characters ``start``..``end`` of utterance ``utterance``'s text."""

    utterance: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    utterances: tuple[int, ...] = ()
    time_start: float | None = None
    time_end: float | None = None
    spans: tuple[Span, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "utterances": list(self.utterances),
            "time_start": self.time_start,
            "time_end": self.time_end,
            "spans": [
                {"utterance": s.utterance, "start": s.start, "end": s.end, "text": s.text}
                for s in self.spans
            ],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation: what is wrong, where, why it fired, and what to say instead.

    ``severity`` and ``deduction`` override the rule's defaults for this finding only
    (CLS004 is fatal when the customer was still speaking, major otherwise).
    """

    message: str
    evidence: Evidence = field(default_factory=Evidence)
    suggestion: str = ""
    explanation: str = ""
    severity: Severity | None = None
    deduction: float | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleResult:
    code: str
    slug: str
    name_zh: str
    name_en: str
    dimension: str
    status: Status
    severity: Severity
    deduction: float = 0.0
    findings: tuple[Finding, ...] = ()
    reason: str = ""
    basis: Basis | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_red_line(self) -> bool:
        return self.status is Status.FINDING and any(
            (f.severity or self.severity) is Severity.FATAL for f in self.findings
        )
