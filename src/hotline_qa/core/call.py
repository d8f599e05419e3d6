"""The call as the engine sees it: utterances, events and metadata.

Everything is frozen. Times are seconds from the moment the agent answered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from typing import Any


class Role(StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"
    SYSTEM = "system"
    UNKNOWN = "unknown"


class EventKind(StrEnum):
    HOLD_START = "hold_start"
    HOLD_END = "hold_end"
    TRANSFER = "transfer"
    HANGUP = "hangup"


@dataclass(frozen=True, slots=True)
class Utterance:
    """One turn of speech.

    ``text`` is normalised (simplified characters, half-width ASCII, unified punctuation);
    ``original`` is what the source said, kept for display.
    """

    index: int
    role: Role
    text: str
    original: str
    start: float | None = None
    end: float | None = None
    confidence: float | None = None
    channel: int | None = None
    source_line: int | None = None
    # True when the source gave only a start time and the end was estimated (next turn's
    # start, or the text's length): speech-rate and overlap measures skip such turns.
    end_estimated: bool = False

    @property
    def duration(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)

    @property
    def is_agent(self) -> bool:
        return self.role is Role.AGENT

    @property
    def is_customer(self) -> bool:
        return self.role is Role.CUSTOMER


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened on the line besides speech: a hold, a transfer, a hang-up."""

    kind: EventKind
    at: float | None = None
    by: Role | None = None
    note: str = ""


#: A pause longer than this (seconds) between two sentences of one party starts a new turn.
TURN_PAUSE_S = 2.0
# An untimed transcript with this share of lines following a line of the same party (and at least
# this many lines) is raw ASR cut into sentences, not typed turn by turn (``Call.untimed_cuts``).
UNTIMED_CUT_SHARE = 0.3
UNTIMED_CUT_MIN_LINES = 10

METADATA_KEYS = (
    "call_id", "started_at", "ring_seconds", "queue_seconds", "hangup_by", "direction",
    "center_name", "agent_name", "staff_no", "agent_id", "team", "business_line",
)


@dataclass(frozen=True, slots=True)
class CallMetadata:
    """The flat metadata keys shared by sidecars, JSON and CLI options.

    Unknown keys are kept in ``extra`` (and reported as warnings by the importer).
    """

    call_id: str | None = None
    started_at: datetime | None = None
    ring_seconds: float | None = None
    queue_seconds: float | None = None
    hangup_by: Role | None = None
    direction: str | None = None
    center_name: str | None = None
    agent_name: str | None = None
    staff_no: str | None = None
    agent_id: str | None = None
    team: str | None = None
    business_line: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in METADATA_KEYS:
            value = getattr(self, key)
            if value is None:
                continue
            if isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(value, Role):
                value = value.value
            out[key] = value
        out.update(dict(self.extra))
        return out


@dataclass(frozen=True)
class Call:
    """A whole call: where it came from, what was said, what happened, who took it.

    Derived views (agent turns, whether every turn is timed) are computed once and cached:
    every rule asks for them.
    """

    source: str
    utterances: tuple[Utterance, ...]
    events: tuple[Event, ...] = ()
    metadata: CallMetadata = field(default_factory=CallMetadata)
    warnings: tuple[str, ...] = ()
    source_format: str = ""

    @property
    def call_id(self) -> str:
        return self.metadata.call_id or self.source

    @cached_property
    def has_timestamps(self) -> bool:
        """True when every speech turn has a start and an end time."""
        speech = [u for u in self.utterances if u.role in (Role.AGENT, Role.CUSTOMER)]
        return bool(speech) and all(u.start is not None and u.end is not None for u in speech)

    @cached_property
    def agent_turns(self) -> tuple[Utterance, ...]:
        return tuple(u for u in self.utterances if u.role is Role.AGENT)

    @cached_property
    def customer_turns(self) -> tuple[Utterance, ...]:
        return tuple(u for u in self.utterances if u.role is Role.CUSTOMER)

    @cached_property
    def end_time(self) -> float | None:
        ends = [u.end for u in self.utterances if u.end is not None]
        ends += [e.at for e in self.events if e.at is not None]
        return max(ends) if ends else None

    def events_of(self, kind: EventKind) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind is kind)

    @cached_property
    def untimed_cuts(self) -> bool:
        """True when the speech has no times and is cut like ASR sentences rather than typed turn by
        turn: at least ``UNTIMED_CUT_SHARE`` of its lines (of ``UNTIMED_CUT_MIN_LINES`` or more) follow
        a line of the same party. A typed dialogue alternates ("坐席：…" / "客户：…"; the field calls
        typed so have at most 7 % such lines); raw sentence-level ASR exported without times cuts one
        turn every few characters ("您好爱奇艺客服" / "工号九五二七" / "请问有什么可以帮您": 61 %)."""
        speech = [u for u in self.utterances if u.role in (Role.AGENT, Role.CUSTOMER)]
        if len(speech) < UNTIMED_CUT_MIN_LINES or any(u.start is not None for u in speech):
            return False
        same = sum(1 for a, b in pairwise(speech) if a.role is b.role)
        return same >= UNTIMED_CUT_SHARE * (len(speech) - 1)

    @cached_property
    def turn_of(self) -> Mapping[int, int]:
        """The speaking turn each agent or customer utterance belongs to (utterance index -> turn number).

        ASR output (Alibaba sentences, FunASR ``sentence_info``) splits one speaking turn into
        sentences at every short pause: "您好" / "这里是XX客服中心" / "我是工号3527". Consecutive
        timed utterances of the same party belong to one turn unless the pause between them is
        longer than ``TURN_PAUSE_S`` (a hold, a long silence). A backchannel of the other party
        in between ("嗯", "对", "好的", a sentence of its own) does not end the turn: the speaker
        goes on within the pause ("幺三八幺二" / agent "嗯" / "三四五六七八" is one customer turn),
        unless the speaker's sentence before it asked a question (then "对" answers it).
        Untimed lines stay turns of their own: in a transcript typed line by line, two lines
        of one party mark a break between them. An untimed transcript cut like ASR sentences
        (``untimed_cuts``: "你要去投诉的话" / "那随便你") joins consecutive lines of one party
        instead. Windows counted in turns ("the first two agent
        turns") count speaking turns; a bridged turn's numbers need not rise in call order.
        """
        out: dict[int, int] = {}
        turn = -1
        prev: Utterance | None = None
        agent, customer = Role.AGENT, Role.CUSTOMER
        cuts = self.untimed_cuts
        # the last sentence of each party, and whether only backchannels came after it
        last: dict[Role, Utterance] = {}
        bridged: dict[Role, bool] = {}
        for u in self.utterances:
            role = u.role
            if role is not agent and role is not customer:
                continue
            start = u.start
            if prev is not None and role is prev.role and (
                    (start is not None and prev.end is not None and start - prev.end <= TURN_PAUSE_S)
                    or cuts):  # (untimed_cuts: no line has a time)
                out[u.index] = out[prev.index]
            elif (bridged.get(role) and start is not None and (mine := last[role]).end is not None
                    and start - mine.end <= TURN_PAUSE_S):
                out[u.index] = out[mine.index]  # the other party only backchannelled meanwhile
            else:
                turn += 1
                out[u.index] = turn
            other = customer if role is agent else agent
            if bridged.get(other):
                bridged[other] = is_backchannel(u.text) or talked_over(u, last[other])
            last[role] = u
            bridged[role] = u.end is not None and not _asks(u.text)
            prev = u
        return out

    @cached_property
    def _sentences_by_turn(self) -> Mapping[int, tuple[Utterance, ...]]:
        by_turn: dict[int, list[Utterance]] = {}
        turn_of = self.turn_of
        for u in self.utterances:
            turn = turn_of.get(u.index)
            if turn is not None:
                by_turn.setdefault(turn, []).append(u)
        return {turn: tuple(sentences) for turn, sentences in by_turn.items()}

    def turn_sentences(self, index: int) -> tuple[Utterance, ...]:
        """The sentences of the speaking turn (``turn_of``) that utterance ``index`` belongs to, in call
        order: the ASR's cuts of one turn. Empty for an utterance in no turn (a system prompt)."""
        turn = self.turn_of.get(index)
        return () if turn is None else self._sentences_by_turn[turn]


def talked_over(u: Utterance, speaking: Utterance) -> bool:
    """``u`` falls wholly inside ``speaking``, the other party's sentence: an interjection ("怎么吃")
    the speaker talked on through, not a turn taken ("您先听我说这个也可能" / customer "怎么吃" /
    "是商家那边漏装了" is one agent turn)."""
    return (u.start is not None and u.end is not None and speaking.start is not None and speaking.end is not None
            and speaking.start < u.start and u.end <= speaking.end)


def agent_words_before(call: Call, u: Utterance) -> str:
    """The agent's words right before ``u``: what the agent said since the customer last spoke."""
    said: list[str] = []
    for v in reversed(call.utterances):
        if v.index >= u.index:
            continue
        if v.role is Role.CUSTOMER:
            break
        if v.role is Role.AGENT:
            said.append(v.text)
    return "".join(reversed(said))


def is_backchannel(text: str) -> bool:
    """A sentence that only acknowledges ("嗯", "对对", "好的"): it does not take the turn.

    The first character is checked before the regex: most sentences start with none of
    the acknowledgement words' first characters (``turn_of`` asks for every sentence).
    """
    return text[:1] in _BACKCHANNEL_FIRST and _BACKCHANNEL.match(text) is not None


# A sentence that only acknowledges ("嗯", "对对", "好的", "是的呀", "嗯嗯明白"): it does not take the
# turn. A sentence ending in a question ("对吗", "是吧", "可以吗") hands the turn over. Dialect
# consents count: "要得" (Sichuan, field call 562), "晓得", "好嘞", "冇问题".
_BACKCHANNEL = re.compile(r"^(?:嗯|噢|哦|喔|呃|啊|对|是|好|行|嗯哼|好的|对的|是的|没错|明白|了解|知道|可以|没问题"
                          r"|要得|晓得|好嘞|好咧|冇问题)+"
                          r"[啊呀的了哈嘛呢]?[\s,.!。，！…~]*$")
# The first characters of the acknowledgement words above: a backchannel starts with one.
_BACKCHANNEL_FIRST = frozenset("嗯噢哦喔呃啊对是好行没明了知可要晓冇")
_QUESTION_ENDINGS = ("吗", "呢", "?", "？", "对吧", "是吧", "对不对", "是不是", "好不好", "行不行", "可以不")
# What may follow the question: pauses, marks and (Unicode) white space.
_AFTER_QUESTION = ",.!。，！…~" + "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def _asks(text: str) -> bool:
    """True when ``text`` ends with a question ("对吗", "是吧。", "可以不？"), marks and spaces after it
    left out (a ``str.endswith`` test: much cheaper than a regex search anchored at the end)."""
    return text.rstrip(_AFTER_QUESTION).endswith(_QUESTION_ENDINGS)


# The agent hands the call over: "我将转接主管为您服务", "帮您转到人工", "为您转接相关部门".
_TRANSFER_SAID = re.compile(
    r"转接(?!费)|(?:转给|转到|转至|帮您转|为您转|给您转)(?:我们的?|我的)?"
    r"(?:主管|班长|组长|经理|领导|上级|专员|人工|相关部门|部门|同事|技术|专线|售后|投诉|客服)"
)


def ended_in_transfer(call: Call) -> bool:
    """The call ends by handing the customer over (a ``transfer`` event after the last agent
    turn, or the agent's last speaking turn announcing the transfer, in any of its ASR sentences:
    "那我这边给您转接值班主管" / "请您稍等不要挂机", field call 575): the closing belongs to whoever
    takes the call over."""
    agent = call.agent_turns
    if not agent:
        return False
    last = agent[-1]
    for ev in call.events:
        if ev.kind is EventKind.TRANSFER and (ev.at is None or last.start is None or ev.at >= last.start):
            return True
    return any(_TRANSFER_SAID.search(u.text) for u in call.turn_sentences(last.index) or (last,))
