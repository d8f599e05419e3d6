"""The customer's emotion per turn (CUS001) from lexicon and intensity cues.

Each customer turn gets one of four levels — calm, dissatisfied, angry, abusive — a score
in 0..1 and the cues that fired. The score adds up weighted cues: dissatisfaction words,
anger words, intensifiers (究竟, 到底, 简直, "太…了"), exclamations ("!!", "?!"), threats,
and "waited twenty minutes" complaints; abuse decides on its own. A negation right before
a cue cancels it ("不生气", "没有不满意"). Unpunctuated ASR text works: punctuation only
adds to the score, it is never required.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from hotline_qa.analyzers.lexicon import Matcher, is_negated, matcher
from hotline_qa.core.call import Call, Utterance
from hotline_qa.core.findings import Span


class Emotion(StrEnum):
    CALM = "calm"
    DISSATISFIED = "dissatisfied"
    ANGRY = "angry"
    ABUSIVE = "abusive"

    @property
    def level(self) -> int:
        """0 calm … 3 abusive, for comparing emotions."""
        return _LEVELS[self.value]

    @property
    def name_zh(self) -> str:
        return {"calm": "平静", "dissatisfied": "不满", "angry": "愤怒", "abusive": "辱骂"}[self.value]


_LEVELS = {"calm": 0, "dissatisfied": 1, "angry": 2, "abusive": 3}

# Cue weights; a turn is dissatisfied from 0.25 and angry from 0.6 (with an anger-grade cue).
W_DISSATISFIED = 0.3
W_ANGRY = 0.5
W_THREAT = 0.3
W_INTENSIFIER = 0.15
MAX_INTENSIFIERS = 0.3
W_TOO = 0.2
W_STRONG_EXCLAIM = 0.25
MAX_STRONG_EXCLAIM = 0.5
W_EXCLAIM = 0.1
MAX_EXCLAIM = 0.2
DISSATISFIED_FROM = 0.25
ANGRY_FROM = 0.6

# "太差了", "太离谱了" — but not "太好了", "太感谢了".
_TOO = re.compile(r"太([^了,.!?;:。，！？\s]{1,4}?)了")
_TOO_POSITIVE = frozenset({
    "好", "棒", "感谢", "谢谢", "感谢你", "感谢您", "谢谢你", "谢谢您", "客气", "方便", "及时",
    "专业", "贴心", "开心", "高兴", "满意", "给力", "好用", "快", "周到", "热情", "耐心", "厉害",
})
_STRONG_EXCLAIM = re.compile(r"[!?]*(?:\?!|!\?|!!)[!?]*")
_EXCLAIM = re.compile(r"!")
# "排了二十分钟", "等了两天了": complaints about waiting.
_WAITED = re.compile(
    r"[排等]了(?:[零一二两三四五六七八九十百几半\d]+|好|半)(?:个)?多?(?:分钟|小时|钟头|天|个星期|星期|周|个月|月)"
)
_THREAT_COMPLAINT = re.compile(r"(?:要|就|去|会|必须|一定|我)投诉|投诉(?:你|您)")


@dataclass(frozen=True, slots=True)
class TurnEmotion:
    """The emotion of one customer turn, with the cues that fired and where they are."""

    utterance: int
    emotion: Emotion
    score: float
    cues: tuple[str, ...]
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class EmotionTrend:
    """How the customer's emotion began, peaked and ended (CUS001).

    ``start`` is the strongest emotion of the first three customer turns, ``end`` that of
    the last two (so that a closing "好的再见" does not hide a customer who stayed angry),
    ``peak`` the strongest of the call. ``de_escalated`` is True when the call ends calmer
    than it began, or calmer than an angry or abusive peak reached later.
    """

    start: Emotion
    end: Emotion
    peak: Emotion
    de_escalated: bool


@lru_cache(maxsize=1)
def _matchers() -> tuple[Matcher, Matcher, Matcher, Matcher, Matcher]:
    return (
        matcher("emotion_abusive"),
        matcher("emotion_angry"),
        matcher("emotion_dissatisfied"),
        matcher("emotion_intensifiers"),
        matcher("complaint_threats"),
    )


def turn_emotion(utterance: Utterance) -> TurnEmotion:
    """Score one turn's text (any role; callers pass customer turns)."""
    text = utterance.text.lower()
    idx = utterance.index
    abusive_m, angry_m, dissat_m, intens_m, threat_m = _matchers()
    cues: list[tuple[int, str]] = []
    spans: list[Span] = []
    score = 0.0
    anger_grade = False
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, word: str) -> None:
        cues.append((start, word))
        spans.append(Span(idx, start, end, utterance.text[start:end]))
        taken.append((start, end))

    def overlaps(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in taken)

    abusive = False
    for m in abusive_m.find(text):
        if not is_negated(text, m.start):
            abusive = True
            add(m.start, m.end, m.word)
    for m in angry_m.find(text):
        if not overlaps(m.start, m.end) and not is_negated(text, m.start):
            score += W_ANGRY
            anger_grade = True
            add(m.start, m.end, m.word)
    for m in threat_m.find(text):
        if not overlaps(m.start, m.end) and not is_negated(text, m.start):
            score += W_THREAT
            anger_grade = True
            add(m.start, m.end, m.word)
    for tm in _THREAT_COMPLAINT.finditer(text):
        if not overlaps(tm.start(), tm.end()) and not is_negated(text, tm.start()):
            score += W_THREAT
            anger_grade = True
            add(tm.start(), tm.end(), tm.group(0))
    for m in dissat_m.find(text):
        if not overlaps(m.start, m.end) and not is_negated(text, m.start):
            score += W_DISSATISFIED
            add(m.start, m.end, m.word)
    for wm in _WAITED.finditer(text):
        if not overlaps(wm.start(), wm.end()):
            score += W_DISSATISFIED
            add(wm.start(), wm.end(), wm.group(0))
    intensity = 0.0
    for m in intens_m.find(text):
        if not overlaps(m.start, m.end):
            intensity += W_INTENSIFIER
            add(m.start, m.end, m.word)
    for too in _TOO.finditer(text):
        if too.group(1) not in _TOO_POSITIVE and not is_negated(text, too.start()):
            intensity += W_TOO
            add(too.start(), too.end(), too.group(0))
    score += min(intensity, MAX_INTENSIFIERS)
    strong = list(_STRONG_EXCLAIM.finditer(text))
    if strong:
        anger_grade = True
        score += min(W_STRONG_EXCLAIM * len(strong), MAX_STRONG_EXCLAIM)
        for m in strong:
            add(m.start(), m.end(), m.group(0))
    singles = len(_EXCLAIM.findall(text)) - sum(m.group(0).count("!") for m in strong)
    if singles > 0:
        score += min(W_EXCLAIM * singles, MAX_EXCLAIM)
        cues.append((text.index("!"), "!"))
    score = min(score, 1.0)
    if abusive:
        emotion, score = Emotion.ABUSIVE, 1.0
    elif score >= ANGRY_FROM and anger_grade:
        emotion = Emotion.ANGRY
    elif score >= DISSATISFIED_FROM:
        emotion = Emotion.DISSATISFIED
    else:
        emotion = Emotion.CALM
    spans.sort(key=lambda sp: sp.start)
    words = tuple(dict.fromkeys(w for _, w in sorted(cues)))
    return TurnEmotion(idx, emotion, round(score, 3), words, tuple(spans))


def customer_emotions(call: Call) -> tuple[TurnEmotion, ...]:
    """One :class:`TurnEmotion` for each customer turn, in call order."""
    return tuple(turn_emotion(u) for u in call.utterances if u.is_customer)


def emotion_trend(emotions: Sequence[TurnEmotion]) -> EmotionTrend:
    """Start, end and peak of the customer's emotion, and whether the agent calmed it down."""
    if not emotions:
        return EmotionTrend(Emotion.CALM, Emotion.CALM, Emotion.CALM, False)

    def strongest(items: Sequence[TurnEmotion]) -> Emotion:
        return max((e.emotion for e in items), key=lambda e: e.level)

    start = strongest(emotions[:3])
    end = strongest(emotions[-2:]) if len(emotions) > 3 else emotions[-1].emotion
    peak = strongest(emotions)
    de_escalated = end.level < start.level or (peak.level >= Emotion.ANGRY.level and end.level < peak.level)
    return EmotionTrend(start, end, peak, de_escalated)
