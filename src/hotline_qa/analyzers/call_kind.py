"""What kind of call this is: a normal conversation, or one of the short special calls.

Real hotline traffic is full of calls that are no conversation at all: the line is silent,
the caller dialled the wrong number, hung up after half a sentence, was playing a prank,
was transferred at once; outbound calls reach a voicemail prompt or a customer who says
"不需要" and hangs up. Rules that measure the whole service (anything else?, problem
solved?, variety of courtesy words…) must not fault the agent for what such a call never
gave room for; red lines and rudeness still count. The kind is told once per call here and
shared by every rule (``Analysis.call_kind``); rules skip with ``CallKindInfo.reason``.

Only the first and last few turns are looked at, with precompiled patterns, and a call
with much customer speech is normal at once: the analyzer runs on every call.

Kinds (checked in this order):

- ``silent`` (无声电话): the customer says nothing but fillers ("喂", "嗯") or noise tags;
  the agent checks the line ("请问能听到我说话吗") or says little. ``agent_followed_up``
  tells whether the agent tried (checked the line or said goodbye) before ending.
- ``voicemail``: outbound call answered by a machine ("您拨打的用户暂时无法接通",
  "请在提示音后留言"): every customer-side sentence is a prompt.
- ``wrong_number`` (打错电话, also the wrong person on an outbound call): a short call in
  which the customer ends a turn with "打错了/拨错了/找错人了", or the agent tells them
  "您可能拨错号码了" and the customer asks for nothing. "我订单地址打错了" is no wrong number.
- ``prank`` (骚扰/恶作剧): a short call with prank or harassment talk ("你猜我是谁",
  "陪我聊会天", "想听听你声音") or the agent's warning ("请不要占用热线").
- ``declined``: an outbound call (``direction: outbound``) the customer declines at once
  ("不需要", "不用了 我在开车").
- ``transfer_out``: a short call that ends in a transfer to another line or desk.
- ``cut_off``: the customer hung up (or the line dropped) in their first turns, before the
  agent could serve them: the customer's last words are unfinished and unanswered (the agent
  at most checked the line and said goodbye; ``agent_followed_up`` tells whether they did). (A hang-up later in a long call is ``normal``; the closing rules' own
  ``customer_cut_off`` covers it.)
- ``brief``: a one-question call ("你们几点下班" -> answer -> "好的谢谢"): a real, served
  call; only the checks that make no sense after a one-line answer are relaxed.
- ``normal``: everything else.

What counts as a wrong number or a decline can be widened per center (``CallKindSettings``:
``wrong_number_patterns``, ``decline_patterns``, ``tail_chars``, ``max_customer_turns``); the
patterns are added to the built-in cues, never replace them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from hotline_qa.core.call import Call, EventKind, Role, Utterance, ended_in_transfer


class CallKind(StrEnum):
    NORMAL = "normal"
    SILENT = "silent"
    VOICEMAIL = "voicemail"
    WRONG_NUMBER = "wrong_number"
    PRANK = "prank"
    DECLINED = "declined"
    TRANSFER_OUT = "transfer_out"
    CUT_OFF = "cut_off"
    BRIEF = "brief"


@dataclass(frozen=True, slots=True)
class CallKindInfo:
    """The call's kind and why: ``utterances`` (indexes) and ``cues`` (the words) are the evidence;
    ``reason`` is the Chinese (and English) sentence rules give when they do not apply."""

    kind: CallKind = CallKind.NORMAL
    reason: str = ""
    utterances: tuple[int, ...] = ()
    cues: tuple[str, ...] = ()
    # silent / prank: the agent checked the line, warned or said goodbye before ending
    agent_followed_up: bool = False

    @property
    def special(self) -> bool:
        """Not a normal conversation (a brief call is a normal, if short, one)."""
        return self.kind is not CallKind.NORMAL and self.kind is not CallKind.BRIEF

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "reason": self.reason, "utterances": list(self.utterances),
                "cues": list(self.cues), "agent_followed_up": self.agent_followed_up}


NORMAL = CallKindInfo()

#: Reasons, as rules report them when they do not apply.
REASONS: dict[CallKind, str] = {
    CallKind.SILENT: "客户未发言（无声电话），不适用 (silent call: the customer never spoke)",
    CallKind.VOICEMAIL: "呼出接通的是语音信箱/系统提示音，没有客户对话，不适用 (outbound call reached a voicemail or a network prompt)",
    CallKind.WRONG_NUMBER: "客户打错电话（或呼出找错人），没有需要服务的诉求，不适用 (wrong number: nothing to serve)",
    CallKind.PRANK: "骚扰/恶作剧电话，没有真实诉求，不适用 (prank or harassment call: no real request)",
    CallKind.DECLINED: "客户婉拒了这次呼出，没有需要服务的诉求，不适用 (outbound call declined by the customer)",
    CallKind.TRANSFER_OUT: "通话开始不久即转接其他线路，由接手人继续服务，不适用 (transferred to another line at once)",
    CallKind.CUT_OFF: "客户刚开口即挂断（或线路中断），坐席来不及服务，不适用 (the customer hung up or the line dropped at the start)",
    CallKind.BRIEF: "一问一答的简短咨询，已当场答复且客户已认可，不适用 (one-question call answered on the spot and acknowledged)",
}

# A call with more customer speech than this is a conversation: normal at once.
_MAX_CUSTOMER_UTTERANCES = 12
_MAX_CUSTOMER_TURNS = 5
_MAX_CUSTOMER_CHARS = 120
# ... and the limits of a call that "gave no room": wrong number, decline, early hang-up.
_FEW_CUSTOMER_TURNS = 3
_FEW_CUSTOMER_CHARS = 50
# A silent call without a line check: the agent said little.
_SILENT_MAX_AGENT_CHARS = 160
_SILENT_MAX_AGENT_CHARS_CHECKED = 240
_SILENT_MAX_TURN_CHARS = 70
# A cue that ends the customer's turn: at most this many characters after it ("不好意思啊").
_TAIL_CHARS = 8
# Brief call: a one-line question answered.
_BRIEF_MAX_CUSTOMER_TURNS = 3
_BRIEF_MAX_CUSTOMER_CHARS = 40
_BRIEF_MAX_AGENT_TURNS = 4
_BRIEF_MAX_SECONDS = 90.0

# What a silent line carries: fillers, greetings, line checks, noise tags, punctuation.
_NOISE = re.compile(
    r"\[[^\]]*\]|<[^>]*>|\([^)]*\)|（[^）]*）|【[^】]*】"
    r"|你好|您好|哈喽|hello|hi|在吗|有人吗|(?:能|可以)?听(?:得|的)?(?:到|见|清)(?:吗|么|嘛)?|听不(?:到|见|清)"
    r"|[喂嗯啊哦呃噢诶欸哎唉呀哼额咦嘿哈]|[^\w]|_",
    re.IGNORECASE,
)
# The customer side of a dead or one-way line: hailing, asking whether anyone is there, noise tags.
_HAIL = re.compile(r"喂|有人吗|在吗|听(?:得|的)?(?:到|见|清)|听不|hello|[\[<（(【]", re.IGNORECASE)
# The agent checks a silent line or names it.
_SILENT_AGENT = re.compile(
    r"听(?:得|的)?(?:到|见|清)(?:我|您)?(?:说话|的声音|声音)?(?:吗|么|嘛)|能听(?:到|见)|听不(?:到|见|清)"
    r"|没(?:有)?(?:声音|声|听到您)|无声|声音(?:很小|太小|不清)|信号不好|您那边.{0,4}(?:声音|信号)"
)
# The agent's opening, the one turn of a silent call in which the agent did not check the line.
_OPENING = re.compile(r"^(?:[嗯啊呃额]|那个)*[^\w]*(?:喂|hello|.{0,4}?(?:[您你]好|早上好|上午好|中午好|下午好|晚上好))",
                      re.IGNORECASE)
_GOODBYE = re.compile(r"再见|再會|拜拜|稍后再(?:拨|打|来电)|重新(?:拨打|来电)|挂(?:断|机)了")
# Machine prompts on the customer side of an outbound call.
_PROMPT = re.compile(
    r"您拨打的(?:用户|电话|号码)|无法接通|已关机|不在服务区|正在通话中|已停机|是空号|暂停服务"
    r"|(?:提示音|嘀声|滴声|哔声|信号音)后|语音信箱|(?:请|开始)留言|留言请|呼叫转移|稍后再拨"
    r"|the number you|is not available|leave a message",
    re.IGNORECASE,
)
# The customer says it was a wrong number, or the wrong person was called.
_WRONG_CUSTOMER = re.compile(
    r"(?:打|拨|按|摁)错(?!字)(?:了|电话|号码?|地方|人)?|打串(?:线|了)|串线了|找错人|没有这个人|没这个人|这里没有叫"
    r"|不认识(?:这个人|这人)|(?:我|这)不是你们?要?找的"
)
# The object of a mistyped thing: "地址打错了", "把密码输错了" is no wrong number.
_WRONG_OBJECT = re.compile(r"(?:地址|名字|姓名|订单|单号|密码|金额|卡号|字|身份证|信息|账号|数字|验证码)[^,.!?;]{0,3}$")
# The agent tells the caller they dialled wrong.
_WRONG_AGENT = re.compile(r"(?:拨|打)错(?:号码?|电话)?了|不是您要找的|找错人了|我们这(?:里|边)?没有(?:这个人|这位|叫)")
# Prank and harassment: one strong cue, or two weak ones.
_PRANK_STRONG = re.compile(
    r"[你您]?猜(?:猜)?我是谁|陪我(?:聊|说|玩)|聊(?:会|会儿|一会儿?)天|聊聊天|听听你的?声音|想听你的?声音"
    # (not the rhetorical "那我打12345干嘛打着玩啊", field call 1026)
    r"|逗你玩|(?<!干嘛)(?<!干啥)(?<!难道)(?<!以为我)(?<!当我)打着玩|恶作剧|约吗|处对象|做我女朋友|有(?:没有)?男朋友|你(?:长得|穿的)"
)
_PRANK_WEAK = re.compile(r"美女|小姐姐|妹妹|哈哈哈|嘿嘿|无聊|多大了|声音真好听|你几岁|开个玩笑")
_PRANK_AGENT = re.compile(r"(?:请|不要|请勿|请不要)(?:再)?(?:占用|拨打|骚扰)|骚扰电话|恶意(?:来电|拨打|骚扰)|无聊电话")
# An outbound call declined at once.
_DECLINE = re.compile(
    r"不需要|不用了|不用不用|没兴趣|不感兴趣|没空|没时间|不方便|在开车|开车呢|在开会|在忙|忙着呢"
    r"|改天再说|以后再说|别(?:再)?打了|不要再打"
)
_OFFER = re.compile(r"(?:吗|么|\?)[^\w]*$")
_OUTBOUND = frozenset({"outbound", "out", "callback", "呼出", "外呼", "回访", "回拨"})
# A customer turn that closes: thanks, agreement, goodbye.
_CLOSES = re.compile(r"(?:再见|拜拜|谢谢|感谢|好的|好嘞|好|行|嗯|对|是的|没错|知道了|明白了|清楚了|懂了|没有了|没了|没事了|可以|OK|ok)"
                     r"[啊呀的了哈嘛呢吧]?[^\w]*$")
_GREETING = re.compile(r"[你您]好")
# The customer takes the answer and closes a brief call ("好的谢谢", "知道了", "没有了"); a bare "对"
# or "好" may just answer the agent's question.
_BRIEF_ACK = re.compile(r"谢谢|感谢|多谢|再见|拜拜|知道了|明白了|清楚了|了解了|懂了|没有了|没了|没事了|好的好的|行行")
# The one question of a brief call asks for information; a fault or a request to act is no brief call.
_INFO_QUESTION = re.compile(r"几点|几号|几天|多少|多久|多长时间|哪里|哪儿|在哪|哪个|什么时候|什么时间|是不是|有没有|能不能"
                            r"|可不可以|可以不|[吗么呢?][^\w]*$")
_PROBLEM = re.compile(r"怎么办|怎么回事|坏了|不走|不能用|没法用|用不了|故障|漏|停了|没有?(?:电|水|气|信号|网)|帮我|给我(?:办|改|开|查)"
                      r"|不热|不暖和|不制冷")  # "暖气又不热了 到底明天能不能来" (field call 943)
# The customer's last words give up rather than take the answer: "行行我算看明白了" (field call 943).
_RESIGNED = re.compile(r"算(?:是)?(?:看|弄|搞)?(?:明白|清楚|看透|看出来|知道)了")
# A complaint in a short call keeps it out of "brief".
_COMPLAINT = re.compile(r"投诉|不满意|太差|差劲|什么态度|怎么回事|搞什么|骗子|12315|消协|曝光|气死")
# An agent fragment cut by the hang-up ("好的 那您…"): not the agent's real last word.
_CUT_FRAGMENT_CHARS = 6
_CUT_MARGIN_S = 1.0
# The agent checks a dropped line ("喂 您好 还在吗", "您那边信号不好 听不到了"), in a short turn.
_LINE_CHECK = re.compile(r"在吗|还在(?:线|吗|么|不)|听(?:得|的)?(?:到|见)(?:我|吗|么)|能听(?:到|见)|听不(?:到|见)|没(?:有)?声音|信号|断了|掉线")
_LINE_CHECK_CHARS = 40
# Words broken off mid-sentence: a conjunction, a filler or a dangling word ends the turn.
_UNFINISHED = re.compile(r"(?:然后|就是|那个|这个|是不是|因为|所以|但是|可是|而且|还有|我想|我要|想问|问一下|请问|我家|我的|我们|"
                         r"的|了一|在|和|跟|给|把|被|从|到|说|就|又|还|是|呃|额)[^\w]*$|(?:\.\.\.|…|-{2,}|—)$")


@dataclass(frozen=True, slots=True)
class CallKindSettings:
    """A center's additions to the special-call cues (the rulebook's ``call_kinds`` settings).

    ``wrong_number_patterns`` and ``decline_patterns`` are regular expressions added to the
    built-in cues ("打错了", "不需要 我在开车"): a customer turn that ends with one (at most
    ``tail_chars`` characters after it, "不好意思啊") marks a wrong number, or a decline on an
    outbound call. Both kinds need a short call: at most ``max_customer_turns`` customer
    speaking turns (and few words).
    """

    wrong_number_patterns: tuple[str, ...] = ()
    decline_patterns: tuple[str, ...] = ()
    tail_chars: int = _TAIL_CHARS
    max_customer_turns: int = _FEW_CUSTOMER_TURNS


DEFAULT_SETTINGS = CallKindSettings()

#: The setting names, as written in the rulebook.
SETTING_KEYS = ("wrong_number_patterns", "decline_patterns", "tail_chars", "max_customer_turns")


def settings_from(mapping: Mapping[str, Any] | None) -> CallKindSettings:
    """``CallKindSettings`` from the rulebook's ``call_kinds`` mapping (unknown keys are the
    rulebook validator's business; missing ones keep their defaults)."""
    if not mapping:
        return DEFAULT_SETTINGS

    def patterns(key: str) -> tuple[str, ...]:
        value = mapping.get(key) or ()
        items: Iterable[Any] = (value,) if isinstance(value, str) else value
        return tuple(str(p) for p in items if p)

    return CallKindSettings(
        wrong_number_patterns=patterns("wrong_number_patterns"),
        decline_patterns=patterns("decline_patterns"),
        tail_chars=int(mapping.get("tail_chars", _TAIL_CHARS)),
        max_customer_turns=int(mapping.get("max_customer_turns", _FEW_CUSTOMER_TURNS)),
    )


@lru_cache(maxsize=64)
def _with_extra(base: re.Pattern[str], extra: tuple[str, ...]) -> re.Pattern[str]:
    """``base`` or-ed with a center's extra patterns (compiled once per pattern set)."""
    if not extra:
        return base
    return re.compile("|".join([f"(?:{base.pattern})", *(f"(?:{p})" for p in extra)]), base.flags)


def _content(text: str) -> str:
    return _NOISE.sub("", text)


def _cue_ends_turn(rx: re.Pattern[str], text: str, tail: int = _TAIL_CHARS) -> re.Match[str] | None:
    """The last match of ``rx`` in ``text`` when at most ``tail`` characters follow it."""
    last = None
    for m in rx.finditer(text):
        last = m
    if last is not None and len(text) - last.end() <= tail:
        return last
    return None


def _hangup_by(call: Call) -> Role | None:
    if call.metadata.hangup_by is not None:
        return call.metadata.hangup_by
    for e in reversed(call.events):
        if e.kind is EventKind.HANGUP and e.by is not None:
            return e.by
    return None


def _hangup_at(call: Call) -> float | None:
    for e in reversed(call.events):
        if e.kind is EventKind.HANGUP:
            return e.at
    return None


def _kind(kind: CallKind, utts: list[Utterance] | tuple[Utterance, ...], cues: list[str],
          followed_up: bool = False) -> CallKindInfo:
    return CallKindInfo(kind=kind, reason=REASONS[kind], utterances=tuple(sorted({u.index for u in utts})),
                        cues=tuple(dict.fromkeys(cues)), agent_followed_up=followed_up)


def classify_call(call: Call, settings: CallKindSettings | None = None) -> CallKindInfo:
    """The kind of ``call`` (see the module docstring); ``NORMAL`` for a conversation.

    ``settings`` widens the wrong-number and decline cues (``CallKindSettings``)."""
    s = settings if settings is not None else DEFAULT_SETTINGS
    agent: list[Utterance] = []
    other: list[Utterance] = []  # the customer side: customers, and untold roles (prompts)
    n_customer = 0
    for u in call.utterances:
        if not u.text:
            continue
        role = u.role
        if role is Role.AGENT:
            agent.append(u)
        elif role is Role.CUSTOMER or role is Role.UNKNOWN:
            other.append(u)
            n_customer += 1
            if n_customer > _MAX_CUSTOMER_UTTERANCES:
                return NORMAL
    # What the customer side said, fillers and noise left out.
    contents = [_content(u.text) for u in other]
    said = [(u, c) for u, c in zip(other, contents, strict=True) if c]
    chars = sum(len(c) for _, c in said)
    if not said:
        return _silent(call, agent, other)
    if chars > _MAX_CUSTOMER_CHARS:
        return NORMAL
    cust = [u for u, _ in said]
    turn_of = call.turn_of
    n_turns = len({turn_of.get(u.index, -1 - u.index) for u in cust})
    if n_turns > _MAX_CUSTOMER_TURNS:
        return NORMAL

    prompts = [u for u in cust if _PROMPT.search(u.text)]
    if prompts and len(prompts) == len(cust):
        return _kind(CallKind.VOICEMAIL, prompts, [m.group(0) for u in prompts if (m := _PROMPT.search(u.text))])

    few = n_turns <= s.max_customer_turns and chars <= _FEW_CUSTOMER_CHARS
    if few:
        info = _wrong_number(cust, agent, s)
        if info is not None:
            return info
    info = _prank(cust, agent)
    if info is not None:
        return info
    if few and (call.metadata.direction or "").strip().lower() in _OUTBOUND:
        decline = _with_extra(_DECLINE, s.decline_patterns)
        for u in cust[:2]:
            m = _cue_ends_turn(decline, u.text, s.tail_chars)
            if m is not None:
                return _kind(CallKind.DECLINED, [u], [m.group(0)])
    if few and n_turns <= 2 and ended_in_transfer(call):
        last = agent[-1] if agent else None
        # "需要的话我可以帮您转接主管吗" offers a transfer; only an event or an announcement is one
        if call.events_of(EventKind.TRANSFER) or (last is not None and not _OFFER.search(last.text)):
            return _kind(CallKind.TRANSFER_OUT, [last] if last else [], ["转接"])
    if few and n_turns <= 2:
        info = _cut_off(call, cust, agent)
        if info is not None:
            return info
    return _brief(call, cust, agent, n_turns, chars)


def _silent(call: Call, agent: list[Utterance], other: list[Utterance]) -> CallKindInfo:
    """No words from the customer side (``other``: only fillers, line checks, noise tags)."""
    # the customer hails a dead line ("喂 喂 有人吗", noise) rather than listening ("嗯" … "嗯")
    hailed = any(_HAIL.search(u.text) for u in other)
    listening = sum(1 for u in other if not _HAIL.search(u.text)) > 1
    checks = [(u, m.group(0)) for u in agent if (m := _SILENT_AGENT.search(u.text))]
    turn_of = call.turn_of  # ASR sentences of one speaking turn ("您好" / "XX中心" / "工号…") count once
    agent_chars = sum(len(u.text) for u in agent)
    if agent_chars > _SILENT_MAX_AGENT_CHARS_CHECKED or any(len(u.text) > _SILENT_MAX_TURN_CHARS for u in agent):
        return NORMAL  # a message delivered to a customer who only says "嗯": a notification call
    if not checks and not (hailed and not listening) and (len({turn_of.get(u.index, -1 - u.index) for u in agent}) > 1
                       or agent_chars > _SILENT_MAX_AGENT_CHARS
                       or (agent and not _OPENING.search(agent[0].text))):
        # the agent talks on without checking the line, or says something other than the
        # opening: a one-sided transcript (or an excerpt), not a silent line
        return NORMAL
    bye = [(u, m.group(0)) for u in agent[1:] if (m := _GOODBYE.search(u.text))]
    followed = bool(checks) or bool(bye)
    ev = [u for u, _ in checks + bye]
    return _kind(CallKind.SILENT, ev, [c for _, c in checks + bye], followed_up=followed)


def _wrong_number(cust: list[Utterance], agent: list[Utterance],
                  s: CallKindSettings = DEFAULT_SETTINGS) -> CallKindInfo | None:
    wrong = _with_extra(_WRONG_CUSTOMER, s.wrong_number_patterns)
    for i, u in enumerate(cust[:3]):
        m = _cue_ends_turn(wrong, u.text, s.tail_chars)
        if m is None or _WRONG_OBJECT.search(u.text[:m.start()]):
            continue
        # the customer goes on to a request after it ("打错了…那我顺便问一下…"): not a wrong number
        if any(len(_content(x.text)) > 15 for x in cust[i + 1:]):
            return None
        return _kind(CallKind.WRONG_NUMBER, [u], [m.group(0)])
    for a in agent[:4]:
        m = _WRONG_AGENT.search(a.text)
        if m is not None and not any(len(_content(x.text)) > 15 for x in cust if x.index > a.index):
            return _kind(CallKind.WRONG_NUMBER, [a], [m.group(0)])
    return None


def _prank(cust: list[Utterance], agent: list[Utterance]) -> CallKindInfo | None:
    strong = [(u, m.group(0)) for u in cust if (m := _PRANK_STRONG.search(u.text))]
    weak = [(u, m.group(0)) for u in cust for m in _PRANK_WEAK.finditer(u.text)]
    warned = [(u, m.group(0)) for u in agent if (m := _PRANK_AGENT.search(u.text))]
    # weak cues alone ("哈哈哈 美女"): only when the caller asks nothing ("美女 你们几点下班" is a customer)
    idle = len(weak) >= 2 and not any(_INFO_QUESTION.search(u.text) or _PROBLEM.search(u.text) for u in cust)
    if not (strong or idle or (warned and (weak or len(cust) <= 3))):
        return None
    bye = [(u, m.group(0)) for u in agent[1:] if (m := _GOODBYE.search(u.text))]
    found = strong + weak + warned
    return _kind(CallKind.PRANK, [u for u, _ in found], [c for _, c in found], followed_up=bool(warned or bye))


def _cut_off(call: Call, cust: list[Utterance], agent: list[Utterance]) -> CallKindInfo | None:
    """The customer's last words are unfinished and nobody answered them: the agent said
    nothing after, or only checked the line ("喂 您好 还在吗") and said goodbye, or was cut in
    a fragment ("好的 那您"). An agent who hung up on the unfinished words without checking
    the line cut the customer off: that is no cut-off call (CLS004)."""
    last_c = cust[-1]
    if _CLOSES.search(_GREETING.sub("", last_c.text)[-10:]):
        return None
    party = _hangup_by(call)
    # without a hang-up record, only words broken off mid-sentence tell a dropped line
    # (a transcript may simply end after the customer's answer)
    if party is not Role.CUSTOMER and not _UNFINISHED.search(last_c.text):
        return None
    later = [a for a in agent if a.index > last_c.index]
    checks = [a for a in later if _LINE_CHECK.search(a.text)]
    if later:
        # an agent fragment cut by the hang-up a moment later ("好的 那您…")
        frag = later[0]
        at = _hangup_at(call)
        fragment = (party is Role.CUSTOMER and len(later) == 1 and len(frag.text) <= _CUT_FRAGMENT_CHARS
                    and not _GOODBYE.search(frag.text)
                    and (at is None or frag.end is None or 0 <= at - frag.end <= _CUT_MARGIN_S))
        line_checked = bool(checks) and all(
            len(a.text) <= _LINE_CHECK_CHARS and (_LINE_CHECK.search(a.text) or _GOODBYE.search(a.text)) for a in later)
        if not (fragment or line_checked):
            return None  # the agent answered: the conversation went on
    elif party is Role.AGENT:
        return None
    return _kind(CallKind.CUT_OFF, [last_c, *checks], [last_c.text[-8:]], followed_up=bool(checks))


def _brief(call: Call, cust: list[Utterance], agent: list[Utterance], n_turns: int, chars: int) -> CallKindInfo:
    if n_turns > _BRIEF_MAX_CUSTOMER_TURNS or chars > _BRIEF_MAX_CUSTOMER_CHARS or not agent:
        return NORMAL
    turn_of = call.turn_of
    if len({turn_of.get(u.index, -1 - u.index) for u in agent}) > _BRIEF_MAX_AGENT_TURNS:
        return NORMAL
    end = call.end_time
    if end is not None and end > _BRIEF_MAX_SECONDS:
        return NORMAL
    if any(_COMPLAINT.search(u.text) for u in cust):
        return NORMAL
    if len(cust) < 2:
        return NORMAL
    first_c, last_c = cust[0], cust[-1]
    # an information question ("几点下班", "电话是多少"), not a fault report or a request to act
    if not _INFO_QUESTION.search(first_c.text) or _PROBLEM.search(first_c.text):
        return NORMAL
    # the customer acknowledges the answer ("好的谢谢") that the agent gave after the question
    if not any(first_c.index < a.index < last_c.index for a in agent):
        return NORMAL
    m = _BRIEF_ACK.search(last_c.text)
    if m is None or _RESIGNED.search(last_c.text):
        return NORMAL
    return _kind(CallKind.BRIEF, [last_c], [m.group(0)])
