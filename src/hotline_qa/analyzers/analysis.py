"""All analyzers run once per call; the rules share the result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hotline_qa.analyzers.call_kind import NORMAL, CallKindInfo, CallKindSettings, classify_call
from hotline_qa.analyzers.commitments import Commitment, find_commitments
from hotline_qa.analyzers.complaint import ComplaintInfo, detect_complaint
from hotline_qa.analyzers.customer_type import CustomerType, classify_customer
from hotline_qa.analyzers.emotion import (
    Emotion,
    EmotionTrend,
    TurnEmotion,
    customer_emotions,
    emotion_trend,
    scan_customer_turns,
)
from hotline_qa.analyzers.key_info import KeyItem, extract_key_info
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.core.call import Call


@dataclass(frozen=True)
class Analysis:
    """Key information, commitments, emotions, complaint and customer type of one call."""

    key_info: tuple[KeyItem, ...]
    commitments: tuple[Commitment, ...]
    emotions: tuple[TurnEmotion, ...]
    emotion_trend: EmotionTrend
    complaint: ComplaintInfo
    customer_type: CustomerType
    warnings: tuple[str, ...] = ()
    # normal conversation or a special call (silent, wrong number, cut off…): see call_kind.py
    call_kind: CallKindInfo = NORMAL

    def to_dict(self) -> dict[str, Any]:
        """The ``analysis`` part of the evaluation record (JSON-ready)."""
        value = _EMOTION_VALUE
        return {
            "key_info": [
                {"kind": k.kind, "value": k.value, "utterance": k.utterance, "text": k.text,
                 "read_back": k.read_back, "read_back_utterance": k.read_back_utterance,
                 "partial": k.partial}
                for k in self.key_info
            ],
            "commitments": [
                {"utterance": c.utterance, "text": c.text, "action": c.action,
                 "deadline_text": c.deadline_text, "due": c.due.isoformat() if c.due else None,
                 "has_time_frame": c.has_time_frame, "absolute_words": list(c.absolute_words)}
                for c in self.commitments
            ],
            "emotions": [
                {"utterance": e.utterance, "emotion": value[e.emotion], "score": round(e.score, 2),
                 "cues": list(e.cues)}
                for e in self.emotions
            ],
            "emotion_trend": {
                "start": value[self.emotion_trend.start], "end": value[self.emotion_trend.end],
                "peak": value[self.emotion_trend.peak], "de_escalated": self.emotion_trend.de_escalated,
            },
            "complaint": {
                "is_complaint": self.complaint.is_complaint,
                "start_utterance": self.complaint.start_utterance,
                "cues": list(self.complaint.cues), "threats": list(self.complaint.threats),
                "repeat_call": self.complaint.repeat_call, "risk": self.complaint.risk,
            },
            "customer_type": {
                "type_id": self.customer_type.type_id, "name_zh": self.customer_type.name_zh,
                "name_en": self.customer_type.name_en, "strategy_zh": self.customer_type.strategy_zh,
                "cues": list(self.customer_type.cues), "confidence": self.customer_type.confidence,
            },
            "call_kind": self.call_kind.to_dict(),
            "warnings": list(self.warnings),
        }


# Emotion values by member: a dict lookup is much cheaper than the ``.value`` property.
_EMOTION_VALUE = {e: e.value for e in Emotion}


def analyze(call: Call, *, calendar: WorkCalendar | None = None, now: datetime | None = None,
            call_kinds: CallKindSettings | None = None) -> Analysis:
    """Run every analyzer on ``call``.

    ``now`` is the moment deadlines count from; it defaults to the call's ``started_at``.
    Without either, deadlines keep their text but get no ``due`` and a warning says why.
    ``call_kinds`` are the center's additions to the special-call cues (the rulebook's
    ``call_kinds`` settings, ``call_kind.settings_from``).
    """
    cal = calendar if calendar is not None else WorkCalendar()
    start = now if now is not None else call.metadata.started_at
    warnings: list[str] = []
    commitments = find_commitments(call, now=start, calendar=cal)
    if start is None and any(c.has_time_frame for c in commitments):
        warnings.append("通话开始时间未知，承诺期限无法换算为具体时间 "
                        "(started_at is missing: commitment deadlines were not resolved)")
    scans = scan_customer_turns(call)  # one lexicon pass per customer turn, shared
    emotions = customer_emotions(call, scans)
    complaint = detect_complaint(call, emotions, scans)
    if start is not None:
        years = {y for c in commitments if c.due is not None
                 for y in range(start.year, c.due.year + 1)}
        warnings.extend(cal.warnings_for(years))
    return Analysis(
        key_info=extract_key_info(call),
        commitments=commitments,
        emotions=emotions,
        emotion_trend=emotion_trend(emotions),
        complaint=complaint,
        customer_type=classify_customer(call, emotions, complaint, scans),
        warnings=tuple(warnings),
        call_kind=classify_call(call, call_kinds),
    )
