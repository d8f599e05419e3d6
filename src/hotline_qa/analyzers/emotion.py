"""The customer's emotion per turn (CUS001) from lexicon and intensity cues.

Each customer turn gets one of four levels — calm, dissatisfied, angry, abusive — a score
in 0..1 and the cues that fired. The score adds up weighted cues: dissatisfaction words,
anger words, intensifiers (究竟, 到底, 简直, "太…了"), exclamations ("!!", "?!"), threats,
and "waited twenty minutes" complaints; abuse decides on its own. A negation right before
a cue cancels it ("不生气", "没有不满意"). Unpunctuated ASR text works: punctuation only
adds to the score, it is never required. Irony ("我真是谢谢你们了", "呵呵", "可真厉害") counts only
beside another cue of displeasure in the turn; hearsay the customer calls to check ("他们说你们是
骗子 我不信 打过来确认一下") does not count.
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
    r"(?:[排等拖断坏停卡打修送审搞弄])了(?:[零一二两三四五六七八九十百几半\d]+|好|半)(?:个)?整?多?"
    r"(?:分钟|小时|钟头|天|个星期|星期|个礼拜|礼拜|周|个月|月)"
    r"|都(?:[零一二两三四五六七八九十百几半\d]+|好几)(?:个)?多?(?:天|个星期|星期|个礼拜|礼拜|周)了"
)
# "三个星期前就说…到现在还没", "上个星期就报修了到现在也没人联系": a long-pending matter.
_PENDING = re.compile(
    r"(?:[零一二两三四五六七八九十几半\d]+个?多?(?:天|星期|礼拜|周|月|年)|上个?(?:星期|礼拜|周|月)|昨天|前天|去年)"
    r"(?:前|之前|以前)?就(?=[^.!?。！？]{0,24}?(?:到现在|至今|现在还|现在也|现在都))"
)
# "一个破证明", "你们这个破系统": contempt for a thing ("这个破洞", "破损", "破产" are plain words);
# "要跑五趟", "跑了三回": errands the customer was sent on.
_SHABBY = re.compile(r"(?:这个|一个|那个|这|个)破(?![洞损裂了掉开产解碎皮旧烂案获例格坏口])")
_ERRANDS = re.compile(r"跑了?(?:[两三四五六七八九十几好多]|\d)+(?:趟|回)")
_THREAT_COMPLAINT = re.compile(r"(?:要|就|去|会|必须|一定|我)投诉(?!的(?:那|这|事|问题|工单|单|进度|结果|情况))"
                               r"|投诉(?:你|您)")
# "我不是要投诉", "没想投诉": the negation stands before a verb of intent (is_negated looks
# right before the cue only).
NOT_MEANT = re.compile(r"(?:不是|并不是|没有?|不)(?:要|想|来|打算|是要|是想|是来)$")
# Hearsay the customer checks with the hotline: "他们说你们是骗子 我不信 打过来确认一下",
# "我老公说你们这个套餐是坑人的 让我问问是不是真的". A cue within a few characters after
# "他/别人/网上…说", with nothing between that moves on to the customer's own account
# (现在, 结果, 但是, 我…), is someone else's word: with a check in the turn it does not count;
# without, an insult so quoted is displeasure, not abuse of the agent.
_REPORTED = re.compile(r"(?:他|她|他们|她们|别人|人家|朋友|同事|邻居|老公|老婆|爱人|媳妇|家里人|网上|大家)"
                       r"(?:都|也)?(?:说|讲)|听(?:别人|人家|人)?说")
_QUOTE_BREAK = re.compile(r"现在|结果|但|可是|我|还是")
_HEARSAY_CHECK = re.compile(r"是不是真的|是真的吗|真的假的|我不信|不相信|确认一下|核实一下|问问|问一下")
QUOTE_WINDOW = 10


def not_meant(text: str, pos: int) -> bool:
    """Whether "投诉" at ``pos`` is denied with a verb of intent between ("我不是要投诉")."""
    return NOT_MEANT.search(text, max(0, pos - 5), pos) is not None


def is_quoted(text: str, start: int, end: int) -> bool:
    """Whether the cue at ``start``..``end`` stands in speech the customer reports ("他说你们…")."""
    rm = _REPORTED.search(text, max(0, start - QUOTE_WINDOW), start)
    return rm is not None and _QUOTE_BREAK.search(text, rm.end(), end) is None


def may_quote(text: str) -> bool:
    """Whether ``text`` can hold hearsay at all (a verb of saying and a check): one test a turn."""
    return ("说" in text or "讲" in text) and _HEARSAY_CHECK.search(text) is not None


def is_hearsay(text: str, start: int, end: int) -> bool:
    """A reported cue that the customer calls to check, not to complain about (see _REPORTED)."""
    return may_quote(text) and is_quoted(text, start, end)
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
_PORT_ULTIMATUM = re.compile(r"就|否则|不然|要不然|大不了|干脆|宁可|宁愿|再不|不行|不给|没法|受够|气死")
_NOT_EXPOSURE = re.compile(r"曝光(?:度|不足|过度|时间|补偿|模式|值)")
# Lawyers and the press threaten only when the customer means to turn to them ("我要找律师",
# "请律师起诉你们", "找电视台", "律师函"); "我是一个律师", "你们电视台的节目几点播" do not.
# "法院" too: "我是在法院上班的" is no threat, "我要去法院起诉你们" is.
_OUTLETS = frozenset({"律师", "电视台", "记者", "报社", "报纸", "媒体"})
# A court threatens with a lawsuit in the turn or "告到/闹到/上法院", "法院见": "我要去法院办个证明"
# and "我是在法院上班的" do not.
_COURT_BEFORE = re.compile(r"(?:告到|闹到|打到|告上|上)$")
_COURT_AFTER = re.compile(r"见|起诉|告")
# Authorities by short name ("市监局", "住建局") threaten only with a complaint word in the turn.
_AUTHORITIES = frozenset({"市监局", "市场监督管理局", "质监局", "物价局", "住建局", "卫健委", "人社局", "税务局",
                          "城管局"})
_COMPLAIN_IN_TURN = re.compile(r"投诉|举报|反映|告你|告他|曝光|申诉|检举")
_TURN_TO_BEFORE = re.compile(r"[找请问叫让给跟向去上到打告诉联系咨询委托聘]\S{0,3}$")
_TURN_TO_AFTER = re.compile(r"函|来|会找|起诉|告|曝光|打官司")
_OUTLET_IN_TURN = re.compile(r"曝光|起诉|打官司|告你|法院|发到网上|让大家|评评理")
# Calling the police is done, not threatened, when the customer already did it about a
# crime ("我被骗了 已经报警了", "报过警了"): a threat is "我要报警", "再不退我就报警".
# Hotline numbers as ASR writes spoken digits ("我就打幺二三四五"): checked like "12345".
_SPOKEN_HOTLINES = frozenset({"幺二三四五", "一二三四五", "幺二三幺五", "一二三一五", "幺二三一五", "一二三幺五", "三幺五"})
_DIGIT_CHARS = frozenset("0123456789零〇一二三四五六七八九幺两")
_REPORTED_TO_POLICE = re.compile(r"(?:已经|刚刚?|也|都)报警")


def is_real_threat(text: str, start: int, end: int, word: str) -> bool:
    """Whether a threat-lexicon match in ``text`` is meant as a threat.

    Hotline numbers need a verb of calling before them or a complaint word in the turn;
    "多媒体" and camera "曝光度" are not threats.
    """
    if word.isdigit() or word in _SPOKEN_HOTLINES:
        if (start > 0 and text[start - 1] in _DIGIT_CHARS) or (end < len(text) and text[end] in _DIGIT_CHARS):
            return False  # inside a longer number: "幺三九零一二三四五六七" is a phone number
        if _DIAL_IN_TURN.search(text[:start] + text[end:]):
            return True
        # "他们让我打12345问问": told to call it, the customer does not threaten to
        return bool(_DIAL_BEFORE.search(text[max(0, start - 4):start])
                    and not _TOLD_TO_DIAL.search(text[max(0, start - 6):start]))
    if word == "法院":
        return bool(_COURT_BEFORE.search(text, max(0, start - 2), start) or _COURT_AFTER.match(text, end)
                    or _OUTLET_IN_TURN.search(text[:start] + text[end:]))
    if word in _AUTHORITIES:
        return _COMPLAIN_IN_TURN.search(text) is not None
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
        if _PORT_REQUEST_BEFORE.search(text[max(0, start - 8):start]) or _PORT_REQUEST_AFTER.match(text, end):
            return False
        # a threat to leave is an ultimatum ("再不解决我就携号转网", "大不了转网"); the bare
        # words ("那个携号转网", the request of a porting call cut into sentences) are a topic
        return _PORT_ULTIMATUM.search(text[:start]) is not None
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


# ASR slips of 投诉 ("偷诉", "头诉", "投述"), read as the word: same length, offsets kept.
_COMPLAINT_SLIPS = re.compile(r"偷诉|头诉|投述|偷述")
_PENDING_REACH = 26  # how far _PENDING looks ahead for "到现在…", plus the cue's own start
# The customer asks after a matter: "想问一下", "查一下进度", "帮我看看".
_ASKS_AFTER = re.compile(r"问一下|问问|问下|查一下|查查|进度|帮我看|帮忙看|麻烦")


def without_slips(text: str) -> str:
    """``text`` with the ASR slips of 投诉 written as 投诉 (the length never changes)."""
    if "诉" not in text and "述" not in text:
        return text
    return _COMPLAINT_SLIPS.sub("投诉", text)


def turn_emotion(utterance: Utterance, lex: LexScan | None = None) -> TurnEmotion:
    """Score one turn's text (any role; callers pass customer turns).

    ``lex`` is the turn's :func:`~hotline_qa.analyzers.lexicon.scan` of the lower-cased
    text when the caller already has it.
    """
    text = without_slips(utterance.text.lower())
    if lex is None:
        lex = scan(text)
    idx = utterance.index
    has_le = "了" in text
    has_bang = "!" in text
    has_complain = "投诉" in text
    arbitrary = "就" in text and _ARBITRARY.search(text) is not None
    shabby = "破" in text or "跑" in text
    if lex.empty and not has_bang and not has_complain and not arbitrary and not shabby and not (
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

    hearsay = may_quote(text)
    abusive = False
    for m in cues_of("emotion_abusive"):
        if not is_negated(text, m.start, m.end) and not _SELF_BLAME.search(text, max(0, m.start - 6), m.start):
            if is_quoted(text, m.start, m.end):
                # "他们说你们是骗子": someone else's insult; checked, no cue at all, else displeasure
                if not hearsay:
                    score += W_DISSATISFIED
                    add(m.start, m.end, m.word)
                continue
            abusive = True
            add(m.start, m.end, m.word)
    for m in cues_of("emotion_rage"):
        if (not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end)
                and not (hearsay and is_quoted(text, m.start, m.end))):
            score += W_RAGE
            anger_grade = True
            add(m.start, m.end, m.word)
    for m in cues_of("emotion_angry"):
        if (not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end)
                and not (hearsay and is_quoted(text, m.start, m.end))):
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
            if (not overlaps(tm.start(), tm.end()) and not is_negated(text, tm.start())
                    and not not_meant(text, text.index("投诉", tm.start()))):
                score += W_THREAT
                anger_grade = True
                add(tm.start(), tm.end(), tm.group(0))
    for m in cues_of("emotion_dissatisfied"):
        if (not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end)
                and not (hearsay and is_quoted(text, m.start, m.end))):
            score += W_DISSATISFIED
            add(m.start, m.end, m.word)
    if score:
        # irony beside a grievance: "我真是谢谢你们了 修了三回还是坏的"; alone it is calm
        for m in cues_of("emotion_irony"):
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
    if shabby:
        for sm in (*_SHABBY.finditer(text), *_ERRANDS.finditer(text)):
            if not overlaps(sm.start(), sm.end()) and not is_negated(text, sm.start()):
                score += W_DISSATISFIED
                add(sm.start(), sm.end(), sm.group(0))
    if "现在" in text or "至今" in text:
        for pm in _PENDING.finditer(text):
            # "想问一下进度 上个月就办了到现在还没拿到": asking after a long-pending matter is one
            # grievance, counted once ("到现在还没" already is); told without asking, it weighs more
            if not overlaps(pm.start(), pm.end()) and not (_ASKS_AFTER.search(text) and any(
                    pm.end() <= at < pm.end() + _PENDING_REACH for at, _ in cues)):
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
