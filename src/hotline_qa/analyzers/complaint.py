"""Is the call a complaint, where does it begin, and how risky is it (CMP, CUS003)?

A call is a complaint when a customer turn is angry or abusive, the customer threatens to
escalate, states a complaint ("我要投诉", "讨个说法", "退钱"), or is dissatisfied in two
turns (or once on a repeat call). A refund request said calmly ("不想换了 直接退钱吧", an
ordinary return) is no complaint by itself.

Decision on a calm report to a city hotline ("我要反映一下小区路灯坏了", "我要举报有人私搭
乱建"): no complaint by itself — it asks for action on a third party's fault, and the six
complaint steps do not fit it; it becomes one with complaining words, or when it reports the
service's own staff ("我要举报你们的工作人员").

Decision on a calm "请问怎么投诉": it is a complaint (the customer is lodging one and the
complaint-handling rules apply: acknowledge, record, give a time frame), but with ``low``
risk and no threat — "投诉" counts as a threat only in a threatening frame ("我要投诉你们",
"投诉你").

Risk (CUS003): ``high`` for threats to go outside (12315, 消协, media, lawyers, 12345…),
abuse, or anger together with a threat or a repeat call; ``medium`` for anger, a demand
for the manager, a threat to complain, or a repeat call; ``low`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from hotline_qa.analyzers.emotion import (
    ANGER_FRAME,
    ANGRY_OR_WORSE,
    ATTITUDE_FRAME,
    DISSATISFIED_MAX,
    FEARED_WORDS,
    Emotion,
    TurnEmotion,
    complaint_about_third_party,
    frame_threats,
    imagined,
    is_hearsay,
    is_real_threat,
    may_quote,
    not_meant,
    not_own,
    owed_by_third_party,
    without_slips,
)
from hotline_qa.analyzers.lexicon import LexScan, is_negated, load_lexicon, scan
from hotline_qa.core.call import Call, Role, Utterance, agent_words_before
from hotline_qa.core.findings import Span

_THREAT_COMPLAINT = re.compile(r"(?:要|就|去|会|必须|一定|我)投诉(?:你们|你)?(?!的(?:那|这|事|问题|工单|单|进度|结果|情况))"
                               r"|投诉(?:你们|你|您)")
# A complaint already lodged, asked after calmly: "我要咨询一下投诉进度", "我投诉的那个事情已经
#解决了". With displeasure in the turn it stays a complaint cue ("我投诉的事到现在还没人管").
_FILED = re.compile(r"(?:的(?:那|这|事|问题|工单|单|进度|结果|情况))|进度|结果|单号|编号|工单|记录|处理得")
# A call made to the customer: "还给我打过电话的", "打过电话给我".
_TO_CUSTOMER_BEFORE = re.compile(r"(?:给|跟|和)(?:我|俺)(?:们)?$")
# A call made to someone else: "打过电话给物业", "找了好几次居委会".
_OTHER_PARTY = re.compile(r"(?:给|找|问|打给)?(?:了)?(?:物业|居委会|村委会|派出所|房东|商家|卖家|店家|快递员|"
                          r"开发商|厂家|社区|街道)")
# A repeat that is only feared: "我自己弄怕又弄错", "免得又搞错".
_FEARED = re.compile(FEARED_WORDS + "|万一")
_REPEAT = re.compile(
    r"(?:打|反映|反应|找|催|投诉|跑|报)了[^,.!?;。，！？；\d]{0,4}?(?:[两三四五六七八九十几好多无数]|\d+)+"
    r"(?:次|遍|回|趟|个电话|通电话)"
    r"|第(?:[二三四五六七八九十]|\d+)(?:次|回)(?:打|来电|打电话|反映|找)"
    # "这都第三回了", "这个月第三次了": the same trouble again
    r"|第(?:[二三四五六七八九十]|\d+)(?:次|回)了"
    # "找你们好几次了", "电话打了很多次了": a count of tries is a repeat call only after a
    # verb of calling the hotline ("我试了好几次了都不行" retries a payment).
    r"|(?:打|电话|来电|反映|反应|找|催|投诉)[^,.!?;。，！？；]{0,6}?(?:好几|很多|好多|无数)(?:次|回|遍|趟)了")
# An earlier call told in the past ("打过一次电话", "我前天来过电话了", "我昨天打过来", "上个月也打电话
# 说过"; not "我昨天打过电话给物业": see _OTHER_PARTY), or the caller known again ("又是我啊",
# "还是上次那个事"). Searched only in a turn with "过", "电话", "又是" or "还是".
_EARLIER_CALL = re.compile(
    # ("上个月我就报过一次": reported the same fault, field call 702; not "报过一次警")
    r"(?:打|反映|反应|找|催|投诉|报修|报)过(?:[一两三几]|好几|\d)+(?:次|回|遍|趟)(?![警案])|来过电话"
    # (a past time: not "来之前会打电话吗", where 之前 is "before" and the call is to come)
    r"|(?:昨天|前天|上周|上礼拜|上星期|上个月|上次|上回|(?<![来去到走做办修])之前|前几天|刚才|早上|上午)"
    r"[^,.!?;。，！？；会要得再先让]{0,5}?(?:打过|来过|打电话|打了电话|来电话)(?:电话|来)?"
    r"|又是我|还是(?:上次|之前|上回)")
# A dissatisfied turn this strong (two cues, or one with intensifiers) is a complaint on its
# own: a raw score in the angry band without an anger-grade cue, capped to DISSATISFIED_MAX.
STRONG_DISSATISFACTION = DISSATISFIED_MAX
_INTERNAL = ("经理", "领导", "老板", "主管", "上级")
# Someone whose earlier word the customer reports without calling us before: "李主任上次说…".
_ADVISER = re.compile(r"(?:主任|医生|大夫|护士|教授|专家|老师|律师|药师)$")
RISK_LEVELS = ("low", "medium", "high")


@dataclass(frozen=True, slots=True)
class ComplaintInfo:
    """The complaint verdict for a call, with the cues and threats that decided it."""

    is_complaint: bool
    start_utterance: int | None
    cues: tuple[str, ...]
    threats: tuple[str, ...]
    repeat_call: bool
    risk: str
    spans: tuple[Span, ...] = ()


# Refund requests: a complaint cue only when the customer is not calm in that turn.
_REFUND_ONLY = frozenset({"退钱", "我要退款", "要求退款", "我要退费", "要求退费", "把钱退给我"})
# Reports (12345 反映/举报): a citizen reporting a broken street lamp or a neighbour's building
# works asks for action on a third party's fault, not a complaint about the service; the six
# complaint steps (apologise, explain the cause…) do not fit it. A report is a complaint
# cue when the customer complains in that turn, or reports the hotline's own side
# ("我要举报你们的工作人员", "反映一下你们师傅").
_REPORT_ONLY = frozenset({"举报", "我要反映", "我要反应"})
_AT_SERVICE = re.compile(r"你们|你这|工作人员|客服|工号|师傅|业务员|营业员|坐席")


# A citizen asks the hotline to have someone else act ("就是想请你们登记一下 让有关部门管一管"), and
# blames the service in no word of the turn.
_REPORT_FOR_ACTION = re.compile(r"有关部门|相关部门|管一管|管管|(?:请|麻烦|帮)(?:你们|您)?[^,.!?。，！？]{0,4}?(?:登记|记录|反映|转给|转到)")
# The customer blames the service itself: "你们这什么服务", "你们这些人就是吃干饭的", "转过去有屁用".
# (also CMP001/CMP002's test of a complaint about a third party)
SERVICE_BLAMED = re.compile(
    r"(?:你们|你)[^，。,.!?！？]{0,8}?(?:态度|服务|太差|不负责|骗|乱收|多扣|算错|搞错|弄错|怎么回事|什么服务|推来推去|踢皮球"
    r"|不作为|不管不问|没人管|吃干饭|糊弄|敷衍|屁用|没用)|(?:转过去|转给)[^，。,.!?！？]{0,6}?(?:屁用|没用|没人管|也没)")

# The service itself found bad: "你们这个服务也太差了吧", "你们就会踢皮球" (not "你们帮我看看怎么回事").
_SERVICE_FAULTED = re.compile(r"(?:你们|你)[^，。,.!?！？]{0,8}?(?:(?:态度|服务)[^，。,.!?！？]{0,3}?(?:太|真|很|也太|特别)?(?:差|烂|不行)"
                              r"|什么服务|不负责|推来推去|踢皮球|不作为|不管不问|吃干饭|糊弄|敷衍)")


def _reports_for_action(call: Call, u: Utterance) -> bool:
    """``u``'s speaking turn, up to ``u``, reports a third party's nuisance for the hotline to pass on
    (field call 339: the square dancers' loud music, "我也不想跟她们吵 就是想请你们登记一下 让有关部门管一管"):
    its strong words are about them, not a complaint about the service (see the module docstring)."""
    said = "".join(v.text for v in call.turn_sentences(u.index) if v.index <= u.index)
    return _REPORT_FOR_ACTION.search(said) is not None and SERVICE_BLAMED.search(said) is None


def _is_complaining(emo: TurnEmotion) -> bool:
    """Angry, or dissatisfied in strong words: an anger word ("糊弄", "什么破") or two cues."""
    if emo.emotion in ANGRY_OR_WORSE:
        return True
    if emo.emotion is not Emotion.DISSATISFIED:
        return False
    return (emo.score >= STRONG_DISSATISFACTION or not _anger_words().isdisjoint(emo.cues)
            or any(ANGER_FRAME.fullmatch(c) for c in emo.cues))  # "你们就是一帮骗钱的"


@cache
def _anger_words() -> frozenset[str]:
    return frozenset(load_lexicon("emotion_angry") + load_lexicon("emotion_rage"))


# A customer raising another matter ("还有一个事", "另外想问一下", "顺便问一下"): displeasure before
# it belonged to the earlier matter, which the agent has dealt with — "押金退了半个月了还没到账"
# (mildly dissatisfied), the agent explains, then "还有一个事 … 扣了我二十块调度费 这个不合理吧":
# the complaint starts at the second matter. Short calm answers ("对", a phone number) do not end
# a grievance: the customer is answering the agent's questions.
_NEW_MATTER = re.compile(r"还有(?:一个|个|一件|件)(?:事|问题|情况)|另外(?:还有|一个|一件|想问|问|再)|顺便(?:问|说|咨询|反映)"
                         r"|再(?:问|咨询|反映)(?:一个|个|一件|件|一下)|(?:第二个|第二件)(?:事|问题)")


def _complaint_start(call: Call, signal_turns: Sequence[int], upset: Sequence[TurnEmotion],
                     dissatisfied: Sequence[TurnEmotion], repeat_call: bool, asked_at: set[int]) -> int | None:
    """Where the complaint starts: at the turn that makes the call a complaint (the first signal
    turn, or the second dissatisfied turn), taken back to the customer's first upset turn — but
    not past a turn where the customer raised another matter (``_NEW_MATTER``) or a mildly
    displeased sentence of a turn that opened as a question (``asked_at``)."""
    upset_at = {e.utterance for e in upset} | set(signal_turns)
    points = list(signal_turns)
    if len(dissatisfied) >= 2:
        points.append(sorted(e.utterance for e in dissatisfied)[1])
    if repeat_call and dissatisfied:
        points.append(min(e.utterance for e in dissatisfied))
    if not points:
        return min(upset_at) if upset_at else None
    start = min(points)
    by_index = {u.index: u for u in call.utterances}
    if _NEW_MATTER.search(by_index[start].text):
        return start
    for u in reversed(call.utterances):
        if u.index >= start or u.role is not Role.CUSTOMER or not u.text:
            continue
        if u.index not in upset_at and (_JUST_ASKING.search(u.text) or (
                _YES.fullmatch(u.text.strip(_MARKS)) and _INQUIRY_RESTATED.search(agent_words_before(call, u)))):
            break  # the grumble before was the reason for a question the agent took up as one
        if u.index in asked_at:
            break  # "我想问一下我这个话费 / 怎么这个月扣了这么多": the grumble is what is asked
        if u.index in upset_at:
            start = u.index
        if _NEW_MATTER.search(u.text):
            break
    return start


# The customer says the call is a question: "就想问问什么时候能来水" (field call 396); or confirms the
# agent's restatement of it as one: "想查一下是什么对吗" / "对" (406). A grumble before it ("到现在都没来也没贴
# 通知", "多扣了三十多块") was the reason for the question, which the agent took up; the complaint starts
# when the customer complains again.
_JUST_ASKING = re.compile(r"(?:就|只是|主要)(?:是)?想(?:问问|问一下|问下|了解一下|咨询一下|查一下|查查)")
_INQUIRY_RESTATED = re.compile(r"(?:想|要)(?:查|问|了解|咨询|知道)[^,.!?。，！？]{0,16}?(?:对吗|是吗|对吧|是吧|对不对)[\s?？]*$")
# A turn that opens as a question: "我想问一下我这个话费 / 怎么这个月扣了这么多" (field call 407). A
# mildly displeased sentence after it in the turn is what the customer asks about; the complaint
# starts when the customer complains ("你们这不是乱扣费吗"), not at the question.
_ASKED_ABOUT = re.compile(r"(?:我|俺)(?:就|只是|主要)?(?:是)?(?:想|来)(?:问问|问一下|问下|咨询一下|了解一下|打听一下)")


def _asked_about(call: Call, index: int) -> bool:
    """Sentence ``index`` is in a speaking turn that opened, before it, as a question (``_ASKED_ABOUT``)."""
    return _ASKED_ABOUT.search("".join(v.text for v in call.turn_sentences(index) if v.index <= index)) is not None


# Why a thing keeps failing, asked of the agent: "那他这个刷脸为啥老是不过呢" (field call 1124, helping a grandfather
# with the app); not "你们为啥老是停水".
_WHY_FAILS = re.compile(r"(?:为啥|为什么|咋|怎么)(?:老是|总是|一直|老)[^,.!?。，！？]{0,10}?[呢吗啊呀]?[\s?？]*$")


def _asks_why_it_fails(call: Call, index: int) -> bool:
    """Sentence ``index`` asks why something keeps failing, of no one at the service (``_WHY_FAILS``)."""
    text = call.utterances[index].text
    return _WHY_FAILS.search(text) is not None and "你们" not in text and "你" not in text


_YES = re.compile(r"(?:对|是|嗯|对的|是的|对对|嗯嗯|没错|对啊|是啊)")
_MARKS = " ,.!?，。！？~…"


# Steps the agent may advise a customer to take ("您现在马上拨打幺幺零报警", "可以向法院起诉对方"): the customer
# repeating them is no threat against us.
_ADVISED = re.compile(r"报警|报案|起诉|律师|法院|打官司|派出所|110|幺幺零")


def detect_complaint(call: Call, emotions: Sequence[TurnEmotion],
                     scans: Mapping[int, LexScan] | None = None) -> ComplaintInfo:
    """Decide whether ``call`` is a complaint from its customer turns and their emotions.

    ``scans`` are the customer turns' lexicon scans when the caller already has them.
    """
    by_index = {e.utterance: e for e in emotions}
    cues: list[str] = []
    threats: list[str] = []
    spans: list[Span] = []
    signal_turns: list[int] = []
    repeat_call = False
    advised: list[str] = []  # what the agent has said so far
    for u in call.utterances:
        if u.role is not Role.CUSTOMER:
            if u.role is Role.AGENT:
                advised.append(u.text)
            continue
        lex = scans.get(u.index) if scans is not None else None
        if lex is None:
            lex = scan(without_slips(u.text.lower()))
        # (lower-casing changes no Chinese character: the raw text tells as well)
        raw = without_slips(u.text)
        emo_here = by_index.get(u.index)
        calm = emo_here is None or emo_here.emotion is Emotion.CALM
        earlier = "过" in raw or "电话" in raw or "又是" in raw or "还是" in raw
        if calm and lex.empty and not earlier and "投诉" not in raw and "了" not in raw and "第" not in raw:
            # no lexicon word, no "投诉", no repeat-call pattern, no displeasure: nothing to signal
            continue
        text = raw.lower()
        turn_signal = False
        lex_threats: list[tuple[int, int]] = []
        for tm in lex.find("complaint_threats"):
            if _ADVISED.search(tm.word) and any(tm.word in a for a in advised):
                continue  # "幺幺零报警然后网点…" (field call 972): the agent's advice noted down, no threat against us
            if not is_negated(text, tm.start, tm.end) and is_real_threat(text, tm.start, tm.end, tm.word):
                threats.append(tm.word)
                spans.append(Span(u.index, tm.start, tm.end, u.text[tm.start:tm.end]))
                lex_threats.append((tm.start, tm.end))
                turn_signal = True
        if not calm:  # (a threat frame always makes its turn displeased)
            for f_start, f_end, word in frame_threats(text):
                if not any(s0 < f_end and f_start < e0 for s0, e0 in lex_threats):
                    threats.append(word)
                    spans.append(Span(u.index, f_start, f_end, u.text[f_start:f_end]))
                    turn_signal = True
        for rm in _THREAT_COMPLAINT.finditer(text) if "投诉" in text else ():
            at = text.index("投诉", rm.start())
            if (not is_negated(text, rm.start()) and not not_meant(text, at) and not imagined(text, at)
                    and not complaint_about_third_party(text, rm.end())
                    and not is_hearsay(text, rm.start(), rm.end())):
                # (not "我要投诉物业": lodged about someone else; nor "我邻居说要投诉你们 我问问": hearsay)
                threats.append("投诉")
                spans.append(Span(u.index, rm.start(), rm.end(), rm.group(0)))
                turn_signal = True
        hearsay = may_quote(text)
        for cm in lex.find("complaint_cues"):
            if calm and cm.word in _REFUND_ONLY:
                continue  # "不想换了 直接退钱吧", said calmly: an ordinary return, not a complaint
            if cm.word in _REPORT_ONLY and not (
                    (emo_here is not None and _is_complaining(emo_here)) or _AT_SERVICE.search(text)):
                continue  # "我要反映一下小区路灯坏了好几天了": a report, not a complaint
            if cm.word == "投诉" and (not_meant(text, cm.start) or (calm and _FILED.match(text, cm.end))):
                continue  # "我不是要投诉 就是问问", "我想问一下投诉进度"
            if not_own(text, cm.start, cm.end, hearsay):
                continue  # "我老公说你们这个套餐是坑人的 让我问问是不是真的", "有个人说要给我赔偿"
            if "赔" in cm.word and owed_by_third_party(text, cm.start):
                continue  # "楼上把我家淹了 他必须赔偿": a third party's liability, not a complaint against us
            if not is_negated(text, cm.start, cm.end):
                cues.append(cm.word)
                spans.append(Span(u.index, cm.start, cm.end, u.text[cm.start:cm.end]))
                turn_signal = True
        if not calm and "态度" in text and not any("态度" in cm.word for cm in lex.find("complaint_cues")):
            # a member of staff's conduct in any wording, like the listed "态度恶劣": "态度可恶劣了", "态度老差了"
            am = ATTITUDE_FRAME.search(text)
            if am is not None:
                cues.append(am.group(0))
                spans.append(Span(u.index, am.start(), am.end(), u.text[am.start():am.end()]))
                turn_signal = True
        repeats = [(m.start, m.end, m.word) for m in lex.find("complaint_repeat_call")]
        if "了" in text or "第" in text:
            repeats += [(m.start(), m.end(), m.group(0)) for m in _REPEAT.finditer(text)]
        if earlier:
            repeats += [(m.start(), m.end(), m.group(0)) for m in _EARLIER_CALL.finditer(text)]
        for r_start, r_end, word in repeats:
            if _OTHER_PARTY.match(text, r_end):
                continue  # "我也打过电话给物业": the customer called someone else, not us again
            if _FEARED.search(text, max(0, r_start - 3), r_start):
                continue  # "我自己弄怕又弄错" (field call 292): a mistake feared, none made again
            if _TO_CUSTOMER_BEFORE.search(text, max(0, r_start - 3), r_start) or text.startswith(("给我", "给俺"), r_end):
                continue  # "那个小伙子处理完还给我打过电话的" (field call 1042): someone called the customer
            if word.endswith("说") and _ADVISER.search(text, max(0, r_start - 4), r_start):
                continue  # "李主任上次说要带上心电图报告": a doctor's advice, not a call to us
            if "都" in text[max(0, r_start - 3):r_start]:
                turn_signal = True  # "我都打了好几次电话了": exasperated at calling again
            repeat_call = True
            cues.append(word)
            spans.append(Span(u.index, r_start, r_end, u.text[r_start:r_end]))
        emo = by_index.get(u.index)
        if emo is not None and _is_complaining(emo) and not (
                emo.emotion is Emotion.DISSATISFIED and _reports_for_action(call, u)):
            turn_signal = True
        elif emo is not None and emo.emotion is Emotion.DISSATISFIED and _SERVICE_FAULTED.search(text):
            turn_signal = True  # "你们这个服务也太差了吧" (field call 46): displeased with us, in so many words
        if turn_signal:
            signal_turns.append(u.index)

    upset = [e for e in emotions if e.emotion is not Emotion.CALM]
    # mild displeasure inside a question ("我想问一下我家这个月水费怎么这么多啊") makes no complaint
    asked_at = {e.utterance for e in upset if e.emotion is Emotion.DISSATISFIED
                and e.utterance not in signal_turns
                and (_asked_about(call, e.utterance) or _asks_why_it_fails(call, e.utterance))}
    dissatisfied_turns = [e for e in upset if e.emotion is Emotion.DISSATISFIED and e.utterance not in asked_at]
    angry = any(e.emotion in ANGRY_OR_WORSE for e in emotions)
    abusive = any(e.emotion is Emotion.ABUSIVE for e in emotions)
    is_complaint = bool(
        signal_turns or len(dissatisfied_turns) >= 2 or (repeat_call and dissatisfied_turns))
    start: int | None = None
    if is_complaint:
        start = _complaint_start(call, signal_turns, upset, dissatisfied_turns, repeat_call, asked_at)
        for e in upset:
            cues.extend(e.cues)
    external = [t for t in threats if t != "投诉" and not any(w in t for w in _INTERNAL)]
    if external or abusive or (angry and (threats or repeat_call)):
        risk = "high"
    elif angry or threats or repeat_call:
        risk = "medium"
    else:
        risk = "low"
    return ComplaintInfo(
        is_complaint=is_complaint,
        start_utterance=start,
        cues=tuple(dict.fromkeys(cues)),
        threats=tuple(dict.fromkeys(threats)),
        repeat_call=repeat_call,
        risk=risk,
        spans=tuple(sorted(spans, key=lambda s: (s.utterance, s.start))),
    )
