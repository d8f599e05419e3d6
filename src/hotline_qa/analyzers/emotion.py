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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hotline_qa.analyzers.lexicon import LexMatch, LexScan, is_negated, scan, scan_texts
from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.core.findings import Span


class Emotion(StrEnum):
    CALM = "calm"
    DISSATISFIED = "dissatisfied"
    ANGRY = "angry"
    ABUSIVE = "abusive"

    @property
    def level(self) -> int:
        """0 calm … 3 abusive, for comparing emotions."""
        return _LEVELS[self]  # by member: ``.value`` is a (slow) property

    @property
    def name_zh(self) -> str:
        return {"calm": "平静", "dissatisfied": "不满", "angry": "愤怒", "abusive": "辱骂"}[self.value]


_LEVELS = {"calm": 0, "dissatisfied": 1, "angry": 2, "abusive": 3}
# Emotions at or above a level, for quick membership tests.
ANGRY_OR_WORSE = frozenset({Emotion.ANGRY, Emotion.ABUSIVE})

# Cue weights; a turn is dissatisfied from 0.25 and angry from 0.6 (with an anger-grade cue).
W_DISSATISFIED = 0.3
W_ANGRY = 0.5
W_RAGE = 0.6
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
# A turn without an anger-grade cue stays below the angry band whatever its cues add up
# to: the score follows the label, so that a dissatisfied turn never outscores an angry one.
# (Cue weights are multiples of 0.05: a raw sum of 0.6 or more is capped to exactly this.)
DISSATISFIED_MAX = 0.59

# "太差了", "太离谱了" — but not "太好了", "太感谢了".
_TOO = re.compile(r"太([^了,.!?;:。，！？\s]{1,4}?)了")
_TOO_POSITIVE = frozenset({
    "好", "棒", "感谢", "谢谢", "感谢你", "感谢您", "谢谢你", "谢谢您", "客气", "方便", "及时",
    "专业", "贴心", "开心", "高兴", "满意", "给力", "好用", "快", "周到", "热情", "耐心", "厉害",
})
_STRONG_EXCLAIM = re.compile(r"[!?]*(?:\?!|!\?|!!)[!?]*")
_EXCLAIM = re.compile(r"!")
# "到底什么时候能修好!": a 到底/究竟 question shouted as a demand, not asked.
_DEMAND = re.compile(r"(?:到底|究竟)[^,.!?;:。，？；：]{0,20}!")
# Shouting: two or more exclaimed sentences in one turn ("你们就是不负责任!…你知道吗!").
SHOUTED_SENTENCES = 2
# "排了二十分钟", "等了两天了", "断了三天": complaints about waiting or a fault that lasts.
# "打了半个小时才打进来", "修了一个礼拜", "停了一整天": also the call's own wait, a repair or a
# delivery that drags on.
# "都三天了", "都两个星期了": the customer counts how long the trouble has lasted (days and
# weeks only: "孩子都三个月了" is an age).
_WAITED = re.compile(
    r"(?:[排等拖断坏停卡打修送审])了(?:[零一二两三四五六七八九十百几半\d]+|好|半)(?:个)?整?多?"
    r"(?:分钟|小时|钟头|天|个星期|星期|个礼拜|礼拜|周|个月|月)"
    r"|都(?:[零一二两三四五六七八九十百几半\d]+|好几)(?:个)?多?(?:天|个星期|星期|个礼拜|礼拜|周)了"
)
# "三个星期前就说…到现在还没", "上个星期就报修了到现在也没人联系": a long-pending matter.
_PENDING = re.compile(
    r"(?:[零一二两三四五六七八九十几半\d]+个?多?(?:天|星期|礼拜|周|月|年)|上个?(?:星期|礼拜|周|月)|昨天|前天|去年)"
    r"(?:前|之前|以前)?就(?=[^.!?。！？]{0,24}?(?:到现在|至今|现在还|现在也|现在都))"
)
_THREAT_COMPLAINT = re.compile(r"(?:要|就|去|会|必须|一定|我)投诉|投诉(?:你|您)")
# "航班说取消就取消", "说涨价就涨价": a decision made over the customer's head.
_ARBITRARY = re.compile(r"说([^\s,.!?;:，。！？；]{1,3})就\1")
# The customer calls themselves names: "我真是个笨蛋 把密码给忘了" abuses no one.
_SELF_BLAME = re.compile(r"我(?:真|真的|可真|就|简直|也)?(?:是|像)(?:个|一个)?$|我这个$")
# A hotline number is a threat only when the customer means to call it ("是12345吗" is not).
_DIAL_BEFORE = re.compile(r"[打找去上到向给拨报]\S{0,2}$")
_TOLD_TO_DIAL = re.compile(r"(?:让|叫|说让|告诉)我们?[打拨找]\S{0,2}$")
_DIAL_IN_TURN = re.compile(r"投诉|举报|反映|告你|曝光")
_NOT_MEDIA = re.compile(r"多媒体|流媒体")
_PORTING = frozenset({"携号转网", "我要转网"})
_PORT_REQUEST_BEFORE = re.compile(r"办|咨询|问一下|问问|怎么|如何|申请|了解")
_PORT_REQUEST_AFTER = re.compile(r"\s*(?:的|要|需要|怎么|如何|流程|手续|业务|有什么|能不能|可以吗|可不可以)")
_NOT_EXPOSURE = re.compile(r"曝光(?:度|不足|过度|时间|补偿|模式|值)")
# Lawyers and the press threaten only when the customer means to turn to them ("我要找律师",
# "请律师起诉你们", "找电视台", "律师函"); "我是一个律师", "你们电视台的节目几点播" do not.
_OUTLETS = frozenset({"律师", "电视台", "记者", "报社", "媒体"})
_TURN_TO_BEFORE = re.compile(r"[找请问叫让给跟向去上到打告诉联系咨询委托聘]\S{0,3}$")
_TURN_TO_AFTER = re.compile(r"函|来|会找|起诉|告|曝光|打官司")
_OUTLET_IN_TURN = re.compile(r"曝光|起诉|打官司|告你|法院|发到网上|让大家|评评理")
# Calling the police is done, not threatened, when the customer already did it about a
# crime ("我被骗了 已经报警了", "报过警了"): a threat is "我要报警", "再不退我就报警".
_REPORTED_TO_POLICE = re.compile(r"(?:已经|刚刚?|也|都)报警")


def is_real_threat(text: str, start: int, end: int, word: str) -> bool:
    """Whether a threat-lexicon match in ``text`` is meant as a threat.

    Hotline numbers need a verb of calling before them or a complaint word in the turn;
    "多媒体" and camera "曝光度" are not threats.
    """
    if word.isdigit():
        if _DIAL_IN_TURN.search(text[:start] + text[end:]):
            return True
        # "他们让我打12345问问": told to call it, the customer does not threaten to
        return bool(_DIAL_BEFORE.search(text[max(0, start - 4):start])
                    and not _TOLD_TO_DIAL.search(text[max(0, start - 6):start]))
    if word in _OUTLETS:
        if word == "媒体" and _NOT_MEDIA.match(text, max(0, start - 1)):
            return False
        return bool(_TURN_TO_BEFORE.search(text[max(0, start - 4):start])
                    or _TURN_TO_AFTER.match(text, end)
                    or _OUTLET_IN_TURN.search(text[:start] + text[end:]))
    if word == "报警":
        return not _REPORTED_TO_POLICE.search(text, max(0, start - 3), end)
    if word == "曝光":
        return not _NOT_EXPOSURE.match(text, start)
    if word in _PORTING:
        # "我要办携号转网", "携号转网怎么办理": a request for the service, not a threat to leave
        return not (_PORT_REQUEST_BEFORE.search(text[max(0, start - 8):start])
                    or _PORT_REQUEST_AFTER.match(text, end))
    return True


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


def turn_emotion(utterance: Utterance, lex: LexScan | None = None) -> TurnEmotion:
    """Score one turn's text (any role; callers pass customer turns).

    ``lex`` is the turn's :func:`~hotline_qa.analyzers.lexicon.scan` of the lower-cased
    text when the caller already has it.
    """
    text = utterance.text.lower()
    if lex is None:
        lex = scan(text)
    idx = utterance.index
    has_le = "了" in text
    has_bang = "!" in text
    has_complain = "投诉" in text
    arbitrary = "就" in text and _ARBITRARY.search(text) is not None
    if lex.empty and not has_bang and not has_complain and not arbitrary and not (
            has_le and (_WAITED.search(text) or ("太" in text and _TOO.search(text)))) and not (
            ("现在" in text or "至今" in text) and _PENDING.search(text)):
        return TurnEmotion(idx, Emotion.CALM, 0.0, ())  # no cue of any kind
    cues: list[tuple[int, str]] = []
    spans: list[Span] = []
    score = 0.0
    anger_grade = False
    taken: list[tuple[int, int]] = []
    original = utterance.text

    def add(start: int, end: int, word: str) -> None:
        cues.append((start, word))
        spans.append(Span(idx, start, end, original[start:end]))
        taken.append((start, end))

    def overlaps(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in taken)

    neutral = lex.find("emotion_neutral")

    def cues_of(name: str) -> list[LexMatch]:
        found = lex.find(name)
        if not neutral or not found:
            return found
        return [m for m in found if not any(n.start <= m.start and m.end <= n.end for n in neutral)]

    abusive = False
    for m in cues_of("emotion_abusive"):
        if not is_negated(text, m.start, m.end) and not _SELF_BLAME.search(text, max(0, m.start - 6), m.start):
            abusive = True
            add(m.start, m.end, m.word)
    for m in cues_of("emotion_rage"):
        if not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end):
            score += W_RAGE
            anger_grade = True
            add(m.start, m.end, m.word)
    for m in cues_of("emotion_angry"):
        if not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end):
            score += W_ANGRY
            anger_grade = True
            add(m.start, m.end, m.word)
    for m in cues_of("complaint_threats"):
        if (not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end)
                and is_real_threat(text, m.start, m.end, m.word)):
            score += W_THREAT
            anger_grade = True
            add(m.start, m.end, m.word)
    if has_complain:
        for tm in _THREAT_COMPLAINT.finditer(text):
            if not overlaps(tm.start(), tm.end()) and not is_negated(text, tm.start()):
                score += W_THREAT
                anger_grade = True
                add(tm.start(), tm.end(), tm.group(0))
    for m in cues_of("emotion_dissatisfied"):
        if not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end):
            score += W_DISSATISFIED
            add(m.start, m.end, m.word)
    if has_le:
        for wm in _WAITED.finditer(text):
            if not overlaps(wm.start(), wm.end()):
                score += W_DISSATISFIED
                add(wm.start(), wm.end(), wm.group(0))
    if arbitrary:
        for am in _ARBITRARY.finditer(text):
            if not overlaps(am.start(), am.end()):
                score += W_DISSATISFIED
                add(am.start(), am.end(), am.group(0))
    if "现在" in text or "至今" in text:
        for pm in _PENDING.finditer(text):
            if not overlaps(pm.start(), pm.end()):
                score += W_DISSATISFIED
                add(pm.start(), pm.end(), pm.group(0))
    intensity = 0.0
    for m in cues_of("emotion_intensifiers"):
        if not overlaps(m.start, m.end):
            intensity += W_INTENSIFIER
            add(m.start, m.end, m.word)
    if has_le and "太" in text:
        for too in _TOO.finditer(text):
            if too.group(1) not in _TOO_POSITIVE and not is_negated(text, too.start()):
                intensity += W_TOO
                add(too.start(), too.end(), too.group(0))
    score += min(intensity, MAX_INTENSIFIERS)
    if has_bang:
        strong = list(_STRONG_EXCLAIM.finditer(text))
        if strong:
            anger_grade = True
            score += min(W_STRONG_EXCLAIM * len(strong), MAX_STRONG_EXCLAIM)
            for sm in strong:
                add(sm.start(), sm.end(), sm.group(0))
        singles = text.count("!") - sum(m.group(0).count("!") for m in strong)
        if singles > 0:
            score += min(W_EXCLAIM * singles, MAX_EXCLAIM)
            cues.append((text.index("!"), "!"))
        if singles >= SHOUTED_SENTENCES or _DEMAND.search(text):
            anger_grade = True
    if not cues:
        return TurnEmotion(idx, Emotion.CALM, 0.0, ())
    score = min(score, 1.0)
    if abusive:
        emotion, score = Emotion.ABUSIVE, 1.0
    elif score >= ANGRY_FROM and anger_grade:
        emotion = Emotion.ANGRY
    elif score >= DISSATISFIED_FROM:
        emotion, score = Emotion.DISSATISFIED, min(score, DISSATISFIED_MAX)
    else:
        emotion = Emotion.CALM
    spans.sort(key=lambda sp: sp.start)
    words = tuple(dict.fromkeys(w for _, w in sorted(cues)))
    return TurnEmotion(idx, emotion, round(score, 3), words, tuple(spans))


def customer_emotions(call: Call, scans: Mapping[int, LexScan] | None = None) -> tuple[TurnEmotion, ...]:
    """One :class:`TurnEmotion` for each customer turn, in call order.

    ``scans`` maps utterance indexes to their lexicon scans (see :func:`scan_customer_turns`).
    """
    if scans is None:
        return tuple(turn_emotion(u) for u in call.utterances if u.role is Role.CUSTOMER)
    return tuple(turn_emotion(u, scans.get(u.index)) for u in call.utterances if u.role is Role.CUSTOMER)


def scan_customer_turns(call: Call) -> dict[int, LexScan]:
    """The lexicon scan of every customer turn, by utterance index, to share between analyzers."""
    turns = [u for u in call.utterances if u.role is Role.CUSTOMER]
    return {u.index: lex for u, lex in zip(turns, scan_texts([u.text.lower() for u in turns]), strict=True)}


def emotion_trend(emotions: Sequence[TurnEmotion]) -> EmotionTrend:
    """Start, end and peak of the customer's emotion, and whether the agent calmed it down."""
    if not emotions:
        return EmotionTrend(Emotion.CALM, Emotion.CALM, Emotion.CALM, False)

    def strongest(items: Sequence[TurnEmotion]) -> Emotion:
        return max([e.emotion for e in items], key=_LEVELS.__getitem__)  # the first strongest

    start = strongest(emotions[:3])
    end = strongest(emotions[-2:]) if len(emotions) > 3 else emotions[-1].emotion
    peak = strongest(emotions)
    de_escalated = end.level < start.level or (peak.level >= Emotion.ANGRY.level and end.level < peak.level)
    return EmotionTrend(start, end, peak, de_escalated)
