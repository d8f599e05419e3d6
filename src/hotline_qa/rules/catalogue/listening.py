"""LIS: listening (倾听) — interruptions, silent monologues, dead air, blunt requests to repeat.

The timing logic works on plain ``Segment`` lists (start, end, role): from the speech
timeline of the call's recording when there is one (``audio_segments``: the voice activity
of each channel, each segment carrying the transcript turn it belongs to), else from the
transcript's timestamps (``segments_from_call``). Each result says which (``basis``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from operator import attrgetter

from hotline_qa.core.audio_facts import AudioFacts, SpeechSpan
from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.core.call import is_backchannel as is_short_ack
from hotline_qa.core.findings import Basis, Finding
from hotline_qa.core.timing import Interval, covering_span, cut_ins, gaps, hold_pairs, quiet_stretches
from hotline_qa.rules.base import Need, Rule, RuleConfig
from hotline_qa.rules.catalogue.fragments import CLAUSE_BREAKS, reply_turn
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, PhraseSet, clauses
from hotline_qa.rules.registry import register
from hotline_qa.text.hesitation import lead_hesitation, without_lead_hesitation
from hotline_qa.text.normalize import normalize_text

_NON_WORD = re.compile(r"[^\w]+")
_TRAILING_PUNCT = re.compile(r"[\s,.!;:。，！；：、…~]+$")


# -- segments and timing functions (shared with CMP005; the measures are ``core.timing``'s) ----
@dataclass(frozen=True, slots=True)
class Segment(SpeechSpan):
    """A stretch of speech by one party: seconds from the answer, and the utterance it came from."""

    index: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Overlap:
    """The agent started speaking at ``agent.start`` while ``customer`` was still speaking."""

    agent: Segment
    customer: Segment
    seconds: float
    customer_run: float  # how long the customer had been talking without a real agent turn


@dataclass(frozen=True, slots=True)
class Gap(Interval):
    """Nobody spoke from ``start`` to ``end``; ``before`` is the last segment before the gap."""

    before: Segment
    after: Segment


@dataclass(frozen=True, slots=True)
class Monologue(Interval):
    """The customer spoke from ``start`` to ``end`` with no agent sound at all."""

    indexes: tuple[int, ...]


class SortedSegments(list[Segment]):
    """Segments already sorted by (start, end): the timing functions need not sort them again
    (``sorted`` is stable, so they would come out in the same order)."""


#: The sort key of segments: by start, then by end (``attrgetter`` is cheaper than a lambda).
_START_END = attrgetter("start", "end")


def _in_order(segments: Sequence[Segment]) -> Sequence[Segment]:
    """``segments`` sorted by (start, end); a ``SortedSegments`` list as it is."""
    return segments if isinstance(segments, SortedSegments) else sorted(segments, key=_START_END)


def segments_from_call(call: Call, *, estimated_cps: float | None = None) -> SortedSegments:
    """The agent's and the customer's timed turns as segments, sorted by start.

    With ``estimated_cps`` a turn whose end the importer estimated (the export gave only
    start times: the end is where the next turn starts) ends when its words would have been
    said at that many characters a second (``spoken_end``): a 15-character line followed by
    40 seconds without a line is no 40-second monologue.
    """
    parties = (Role.AGENT, Role.CUSTOMER)
    segs = [Segment(u.start, spoken_end(u, estimated_cps) if estimated_cps and u.end_estimated else u.end,
                    u.role, u.index, u.text)
            for u in call.utterances
            if u.role in parties and u.start is not None and u.end is not None]
    segs.sort(key=_START_END)
    return SortedSegments(segs)


def spoken_end(u: Utterance, estimated_cps: float | None) -> float:
    """``u.end``, or for an end the importer estimated (only a start time was given) and
    ``estimated_cps`` set, the time its words take at that rate when that comes earlier."""
    assert u.start is not None and u.end is not None
    if not u.end_estimated or not estimated_cps:
        return u.end
    return min(u.end, u.start + max(1, len(_NON_WORD.sub("", u.text))) / estimated_cps)


def time_resolution(call: Call) -> float:
    """1.0 when every time in the transcript is a whole second (a dialogue export that rounds
    ``[00:03-00:07]``): each start and end may be off by up to a second. Else 0.

    Stops at the first time with a fraction (most transcripts: the first one).
    """
    stamps = 0
    for u in call.utterances:
        for t in (u.start, None if u.end_estimated else u.end):
            if t is None:
                continue
            if not float(t).is_integer():
                return 0.0
            stamps += 1
    return 1.0 if stamps >= 4 else 0.0


def call_time_resolution(ctx: CallContext) -> float:
    """``time_resolution`` of the context's call, once per call (LIS001 and VOC001 ask)."""
    return ctx.memo("listening.time_resolution", lambda: time_resolution(ctx.call))


def call_segments(ctx: CallContext, estimated_cps: float | None = None) -> list[Segment]:
    """``segments_from_call`` for the context's call, built once per call (do not modify it).

    A call without estimated ends has the same segments with or without ``estimated_cps``:
    they are built once.
    """
    if estimated_cps and ctx.memo("listening.estimated_ends",
                                  lambda: any(u.end_estimated for u in ctx.call.utterances)):
        return ctx.memo(("listening.segments", estimated_cps),
                        lambda: segments_from_call(ctx.call, estimated_cps=estimated_cps))
    return ctx.memo("listening.segments", lambda: segments_from_call(ctx.call))


def audio_segments(ctx: CallContext) -> list[Segment]:
    """The recording's speech segments (``ctx.audio``), built once per call (do not modify it).

    Each segment carries the index and text of the transcript turn of the same party that
    overlaps it most (none without a transcript), so backchannels can be told by their words.
    """
    audio = ctx.audio
    assert audio is not None
    return ctx.memo("listening.audio_segments", lambda: align_segments(audio, ctx.call))


def align_segments(audio: AudioFacts, call: Call) -> SortedSegments:
    """``audio``'s speech segments, each with the best-overlapping timed turn of the same party."""
    turns: dict[Role, list[Utterance]] = {}
    for u in call.utterances:
        if u.start is not None and u.end is not None:
            turns.setdefault(u.role, []).append(u)
    out: list[Segment] = []
    for s in audio.segments:
        best: Utterance | None = None
        best_overlap = 0.0
        for u in turns.get(s.role, ()):
            ov = min(s.end, u.end or 0.0) - max(s.start, u.start or 0.0)
            if ov > best_overlap:
                best, best_overlap = u, ov
        out.append(Segment(s.start, s.end, s.role, best.index if best else None, best.text if best else ""))
    return SortedSegments(sorted(out, key=_START_END))


def uses_audio(ctx: CallContext, *, per_party: bool = True) -> bool:
    """True when the timing comes from the recording: there is one, and (for measures that
    must tell the parties apart) it has a channel per party."""
    return ctx.audio is not None and (ctx.audio.stereo or not per_party)


def timing_segments(rule: Rule, ctx: CallContext, *, per_party: bool = True,
                    estimated_cps: float | None = None) -> list[Segment]:
    """The segments a timing rule judges: the recording's when usable, else the transcript's
    (``estimated_cps``: see ``segments_from_call``)."""
    if uses_audio(ctx, per_party=per_party):
        return audio_segments(ctx)
    if ctx.call.has_timestamps:
        return call_segments(ctx, estimated_cps)
    raise rule.not_applicable("单声道录音分不清双方，转写也没有时间戳 (mono recording and no timestamps)")


def timing_basis(ctx: CallContext, *, per_party: bool = True) -> Basis:
    """``Basis.AUDIO`` when ``timing_segments`` reads the recording, else ``Basis.TIMESTAMPS``."""
    return Basis.AUDIO if uses_audio(ctx, per_party=per_party) else Basis.TIMESTAMPS


@lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def is_backchannel(text: str, words: Sequence[str], max_chars: int) -> bool:
    """True when ``text`` says nothing but short listening sounds ("嗯", "对对", "好的明白")."""
    s = _NON_WORD.sub("", text)
    if not s or len(s) > max_chars:
        return not s
    ordered = _longest_first(tuple(words))
    while s:
        for w in ordered:
            if w and s.startswith(w):
                s = s[len(w):]
                break
        else:
            return False
    return True


def find_overlaps(segments: Sequence[Segment], *, min_overlap: float,
                  ignore: Callable[[Segment], bool] = lambda s: False,
                  max_pause: float = 3.0,
                  ignore_customer: Callable[[Segment], bool] | None = None,
                  resume_gap: float = 0.0, own_breath: float = 0.0) -> list[Overlap]:
    """Agent segments that start while a customer segment is running, overlapping > ``min_overlap``.

    ``ignore`` marks agent segments that do not count (backchannels). ``ignore_customer``
    marks customer segments that do not count: the customer's "嗯好的好的" in a pause of the
    agent's own turn is no turn the agent's next ASR sentence can cut into. ``customer_run``
    is the time the customer had been speaking (across short pauses and ignored agent
    sounds) when the agent cut in. With ``resume_gap``, an agent segment that starts in a short
    pause of the customer's run, the customer going on over it, counts too (``_cut_into_pauses``).
    With ``own_breath``, an agent sentence that goes on within that many seconds after the agent's
    own sentence before it is not a cut-in when the customer came in during that sentence or its
    breath: the customer cut in, the agent finished the sentence ("…再打电话不要在" / customer
    "阀门在哪" / "屋里打").
    """
    ordered = _in_order(segments)
    # Transcript turns of one party may overlap each other: look back over three.
    found = [Overlap(a, c, round(seconds, 2), round(a.start - _run_start(ordered, c, ignore, max_pause), 2))
             for a, c, seconds in cut_ins(ordered, min_overlap=min_overlap, by=Role.AGENT, over=Role.CUSTOMER,
                                          lookback=3)
             if not ignore(a) and not (ignore_customer is not None and ignore_customer(c))]
    if resume_gap > 0:
        found.extend(_cut_into_pauses(ordered, found, min_overlap=min_overlap, resume_gap=resume_gap, ignore=ignore,
                                      ignore_customer=ignore_customer, max_pause=max_pause))
        found.sort(key=lambda ov: ov.agent.start)
    if own_breath > 0:
        found = [ov for ov in found if not _goes_on(ordered, ov, own_breath, ignore)]
    return found


# A hair's tolerance for comparing timestamps with thresholds (tenths of a second subtract to 0.30000000000001).
_EPS = 1e-6


def _goes_on(ordered: Sequence[Segment], ov: Overlap, breath: float, ignore: Callable[[Segment], bool]) -> bool:
    """The agent's sentence of ``ov`` goes on from the agent's previous one within ``breath``
    seconds, and the customer started during that previous sentence or its breath, less than
    ``_REACTION_S`` before the agent went on."""
    a, c = ov.agent, ov.customer
    prev = next((s for s in reversed(ordered) if s.role is Role.AGENT and s.start < a.start and s is not a
                 and not ignore(s)), None)
    return prev is not None and 0 <= a.start - prev.end <= breath + _EPS and prev.start <= c.start <= prev.end + breath + _EPS \
        and a.start - c.start <= _REACTION_S + _EPS


# Too soon after the customer came in for the agent to have heard it (the agent still talking over
# a customer who has said "你别念了" for a second cuts in all the same).
_REACTION_S = 0.5


def _cut_into_pauses(ordered: Sequence[Segment], found: Sequence[Overlap], *, min_overlap: float, resume_gap: float,
                     ignore: Callable[[Segment], bool], ignore_customer: Callable[[Segment], bool] | None,
                     max_pause: float) -> list[Overlap]:
    """Agent segments that start in a pause of at most ``resume_gap`` seconds inside the customer's
    speech, while the customer goes on talking over them for more than ``min_overlap`` seconds: ASR
    cuts a customer's run into sentences at every breath ("开的时候" / "根本没提醒关又" / agent "您先
    听我说我们" / "找不到在哪关"), so the agent's cut-in falls between two of them and overlaps neither
    sentence it started beside. ``customer`` is the sentence the customer went on with."""
    reported = {id(ov.agent) for ov in found}
    customers = [s for s in ordered if s.role is Role.CUSTOMER]
    starts = [s.start for s in customers]
    out: list[Overlap] = []
    for a in ordered:
        if a.role is not Role.AGENT or id(a) in reported:
            continue
        k = bisect.bisect_right(starts, a.start)  # customers[k] is the first to start after the agent
        if k == 0 or k >= len(customers):
            continue
        before, after = customers[k - 1], customers[k]
        if after.start - before.end > resume_gap + _EPS or a.start - before.end > resume_gap + _EPS:
            continue  # the customer had stopped: the agent took a free turn
        seconds = min(a.end, after.end) - after.start
        # (the words are judged last: most agent sentences start in no such pause)
        if seconds <= min_overlap or ignore(a) or (ignore_customer is not None
                                                   and (ignore_customer(after) or ignore_customer(before))):
            continue
        out.append(Overlap(a, after, round(seconds, 2),
                           round(a.start - _run_start(ordered, before, ignore, max_pause), 2)))
    return out


def _run_start(ordered: Sequence[Segment], customer: Segment, ignore: Callable[[Segment], bool],
               max_pause: float) -> float:
    """Where the customer's current run of speech began (real agent turns end a run)."""
    start = customer.start
    i = ordered.index(customer)
    for s in reversed(ordered[:i]):
        if s.role is Role.AGENT and not ignore(s):
            break
        if s.role is Role.CUSTOMER:
            if start - s.end > max_pause:
                break
            start = min(start, s.start)
    return start


def find_gaps(segments: Sequence[Segment], *, min_gap: float) -> list[Gap]:
    """Silences longer than ``min_gap`` between any two segments of speech."""
    ordered = _in_order(segments)
    return [Gap(before.end, after.start, before, after) for before, after in gaps(ordered, min_gap=min_gap)]


def find_monologues(segments: Sequence[Segment], *, min_seconds: float, max_pause: float) -> list[Monologue]:
    """Customer speech longer than ``min_seconds`` during which the agent made no sound at all.

    Customer segments separated by pauses of at most ``max_pause`` form one stretch; any
    agent segment (a backchannel included) that touches the stretch cuts it in two.
    """
    ordered = _in_order(segments)
    customer, agent = Role.CUSTOMER, Role.AGENT
    customers = [s for s in ordered if s.role is customer]
    agents = [s for s in ordered if s.role is agent]
    return [Monologue(p, q, tuple(c.index for c in customers if c.index is not None and c.start < q and c.end > p))
            for p, q in quiet_stretches(customers, agents, min_seconds=min_seconds, max_pause=max_pause)]


def clock(seconds: float) -> str:
    """Seconds as ``mm:ss.s`` (``01:12.4``) for messages."""
    m, s = divmod(max(0.0, seconds), 60)
    return f"{int(m):02d}:{s:04.1f}"


def _head_match(u: Utterance, limit: int = 12) -> Match:
    end = min(len(u.text), limit)
    return Match(u.index, 0, end, u.text[:end], "")


def _by_index(call: Call) -> dict[int, Utterance]:
    return {u.index: u for u in call.utterances}


def utterances_by_index(ctx: CallContext) -> dict[int, Utterance]:
    """The call's utterances by index, built once per call (shared: do not modify it)."""
    return ctx.memo("listening.by_index", lambda: _by_index(ctx.call))


# The customer's consent to the wait: "行你查吧", "好的您看吧", "嗯 我等着", "没事您查", "哎好", and
# consent that urges ("好 你快点", "行 麻烦快一点").
# ("好吧" / "行吧" / "那好吧": a reluctant yes to the wait, field call 432; "等吧反正我时间多", 776)
# Consents said in dialect: "中" (Henan), "成", "要得" (Sichuan), "好嘞" ("中你查吧", field call 817).
_DIALECT_OK = "好嘞|中|成|要得"
# (the consent words may stand apart, a comma after each: "哎,好,你快点查", field call 975)
_CONSENT = re.compile(r"^(?=.*[好行嗯哦噢可查看找等快])(?:(?:嗯|哦|噢|哎|诶|欸|唉|好|好的|行|可以|没事|没关系|那|麻烦|"
                      + _DIALECT_OK + r")[\s,，]*)*"
                      r"(?:(?<=[好行以])吧)?[\s,，]*"
                      # (one after another, impatient: "查查查赶紧的", field call 855)
                      r"(?:(?:(?:你|您)?(?:查|看|找)+(?:一下)?吧?|(?:我|俺)等(?:着|一下|会儿|你|您)?(?:吧|啊)?|等(?:着|一下|会儿)?吧"
                      # the agent sent off to do it: "行你去申请" (field call 1161), "你去问问吧"
                      r"|(?:你|您)(?:先)?去(?:申请|问问?|联系|核实|办|弄)(?:一下)?吧?"
                      r"|(?:你|您)?(?:快点|快一点|快些|尽快|抓紧|赶紧)(?:的|啊|吧|哈|哦|查)?"
                      # the hurry's reason: "快点啊我等会还有事" (field call 1074)
                      r"|我(?:等会儿?|一会儿?|待会儿?|马上)?(?:还有事|赶时间|有事)(?:呢|啊|哈)?"
                      r"|(?:麻烦|谢谢)(?:你|您)(?:了|啦)?)[\s,，]*)*"  # "好的麻烦你了" (field call 489)
                      r"[\s,，.。!！~]*$")


def calls_into_silence(text: str) -> bool:
    """The customer checks that someone is still on the line during a wait: "喂", "还在吗", "有人吗",
    "喂你好 在不在" (field call 432). Unanswered, it does not end the hold."""
    return bool(text.strip()) and _STILL_THERE.match(text) is not None


# ("喂喂还在吗有人没", field call 1028: two checks in a row)
_STILL_THERE = re.compile(r"^(?:喂+|哎|诶|你好|您好|[\s,，。.?？!！])*(?:(?:还在吗|在吗|有人吗|有人没|有没有人|在不在|还在不在"
                          r"|人呢|能听到吗|听得到吗|听得见吗|还有人吗)[\s,，。.?？!！啊呀]*)*$")


def agrees_to_wait(text: str) -> bool:
    """A backchannel, a short consent to the wait ("行你查吧", "好我等着") or a grumble at it
    ("等等等就知道让人等"), also followed by a remark that asks nothing ("查吧，反正你们最擅长的就是让人等")."""
    text = text.strip()
    if is_short_ack(text) or _CONSENT.match(text) is not None:
        return True
    if len(text) <= _GRUMBLE_CHARS and _GRUMBLE.search(text) and _ASKS.search(text) is None:
        return True  # "等等等就知道让人等" (field call 447): waits, grumbling
    head = _FIRST_CLAUSE.match(text)
    return (head is not None and _CONSENT.match(head.group(1)) is not None
            and _ASKS.search(text, head.end()) is None)


def agrees_to_wait_after(text: str, agreed: bool) -> bool:
    """:func:`agrees_to_wait`, or, right after a sentence of the customer that agreed (``agreed``), a
    short remark that asks nothing: "快点啊" / "那边马上要关舱门了" (field call 575) is one consent the
    ASR cut in two; so is the two run together unpunctuated ("快点啊那边马上要关舱门了", "好的 谢谢")."""
    if agrees_to_wait(text):
        return True
    text = text.strip()
    if agreed:
        return 0 < len(text) <= _REMARK_CHARS and _ASKS.search(text) is None
    # the two run together, unpunctuated: "快点啊那边马上要关舱门了"
    return len(text) <= _CONSENT_HEAD_CHARS + _REMARK_CHARS and _ASKS.search(text) is None and any(
        _CONSENT.match(text[:k]) is not None for k in range(2, min(_CONSENT_HEAD_CHARS, len(text) - 1) + 1))


# The customer tells the agent to go and look it up ("嗯你查吧", "好你看一下吧", "行我等着"): a wait was
# announced, even where the look-up's object ran on after the phrase ("我帮您查询一下这张记录单" /
# "目前的处理状态"), also after a consent in dialect ("中你查吧", "中中俺等着": field call 1112).
_LOOK_UP_CONSENT = re.compile(r"^(?:嗯|哦|噢|好|好的|行|可以|那|" + _DIALECT_OK + r")*[\s,，]*(?:(?:你|您)(?:先)?(?:查|看|找)(?:一下)?吧?|(?:我|俺)等(?:着|你|您|一下)?)"
                              r"[\s,，.。!！~吧啊]*$")


def answers_then_look_up(asked: str, answer: Sequence[Utterance]) -> bool:
    """The agent asked for what to look up and announced the look-up in one turn ("账号多少我查一下"), and
    ``answer``, the customer's sentences after it, gives it: a few short sentences (digits, a name) that ask
    nothing back. The silence after them is the look-up announced (field call 845)."""
    return (_ASKS_FOR.search(asked) is not None and 0 < len(answer) <= _ANSWER_SENTENCES
            and all(u.role is Role.CUSTOMER and 0 < len(u.text.strip()) <= _REMARK_CHARS
                    and _ASKS.search(u.text) is None for u in answer))


# What the agent asks for, to look it up: "账号多少", "订单号报一下", "手机号是什么".
_ASKS_FOR = re.compile(r"多少|几号|是什么|报一下|说一下|念一下|告诉我|提供一下")
_ANSWER_SENTENCES = 4  # the ASR cuts a number read out into a few sentences: "幺五八八" / "三二零七" / "六六"


def consents_to_look_up(text: str) -> bool:
    """The customer's reply tells the agent to look it up, or says they will wait (``_LOOK_UP_CONSENT``)."""
    return _LOOK_UP_CONSENT.match(text.strip()) is not None


_REMARK_CHARS = 12
_CONSENT_HEAD_CHARS = 6  # the consent that leads a remark run into it: "快点啊", "好你查吧"
# A grumble at being made to wait that asks nothing: the customer waits all the same.
_GRUMBLE = re.compile(r"等等等|又(?:让我|让人|要|得)?等|就知道让(?:人|我)等|老是让(?:人|我)等|又是等")
_GRUMBLE_CHARS = 16
# The first clause of a reply, and a remark after it that asks or raises something more.
_FIRST_CLAUSE = re.compile(r"([^,，.。!！?？;；]+)[,，.。!！;；]\s*(?=\S)")
_ASKS = re.compile(r"[?？吗呢]|什么|怎么|为什么|为啥|咋|还有|另外|多久|多长")


# -- LIS001 -------------------------------------------------------------------------------------
@register
class Interruption(Rule):
    """The agent starts speaking while the customer is still speaking (overlap above the limit).

    Backchannels ("嗯", "对", "好的", "是的", "明白") do not count. An interruption is excused
    when the customer had been talking for longer than ``off_topic_seconds`` without a real
    agent turn (the handbook allows cutting in when the customer has strayed off topic for
    over two minutes; a long unbroken run stands in for "off topic").

    Anti-pattern: 客户还没说完，坐席就开始解释，两人同时说话超过半秒。
    Best practice: 等客户说完再回应；期间只用“嗯”“我明白您的顾虑了”表示在听。
    """

    code = "LIS001"
    slug = "listening.agent_interrupts"
    family = "LIS"
    name_zh = "打断客户"
    name_en = "Agent interrupts the customer"
    dimension = "listening"
    needs = (Need.TIMESTAMPS,)
    audio_replaces = (Need.TIMESTAMPS,)
    source = "003 四(三), 000, 001"
    why = "通话中避免打断客户（除非客户表述偏离主题且时长超2分钟），可通过“嗯”“我明白您的顾虑了”等简短回应体现专注。"
    suggestion = "等客户说完再回应；需要插话时用“嗯”“我明白您的顾虑了”等简短回应，在客户停顿处再说：“麻烦您再详细说明一下，我方便记录后帮您分析。”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._backchannels = tuple(normalize_text(w) for w in self.param("backchannels"))
        self._max_bc = int(self.param("backchannel_max_chars"))
        self._max_bc_seconds = float(self.param("backchannel_max_seconds"))

    def _ignore(self, s: Segment) -> bool:
        """A backchannel: by its words; a recording's segment with no transcript words, by its length."""
        if s.index is None and not s.text:
            return s.seconds <= self._max_bc_seconds
        return is_backchannel(s.text, self._backchannels, self._max_bc)

    def basis(self, ctx: CallContext) -> Basis:
        return timing_basis(ctx)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        min_overlap = float(self.param("min_overlap_seconds"))
        audio = uses_audio(ctx)
        # Whole-second times ("[00:10-00:15]"): a reply that looks one second early may be on time.
        rounding = 0.0 if audio else call_time_resolution(ctx)
        min_overlap += rounding
        off_topic = float(self.param("off_topic_seconds"))
        utts = utterances_by_index(ctx)
        out: list[Finding] = []
        for ov in find_overlaps(timing_segments(self, ctx), min_overlap=min_overlap, ignore=self._ignore,
                                max_pause=float(self.param("max_pause_seconds")), ignore_customer=self._ignore,
                                resume_gap=float(self.config.params.get("resume_gap_seconds") or 0.0),
                                own_breath=float(self.config.params.get("own_breath_seconds") or 0.0)):
            if ov.customer_run > off_topic:
                continue
            a = utts[ov.agent.index] if ov.agent.index is not None else None
            c = utts[ov.customer.index] if ov.customer.index is not None else None
            evidence = [u for u in (c, a) if u is not None]
            if not audio:
                what = "坐席这句不是“嗯/对/好的”之类的应答词"
            elif a is not None:
                what = "录音中双方同时发声，坐席这段话（按转写对齐）不是“嗯/对/好的”之类的应答词"
            else:
                what = f"录音中双方同时发声，坐席这段声音长 {ov.agent.seconds:.1f} 秒（无转写，超过 {self._max_bc_seconds:g} 秒不算应答声）"
            out.append(self.finding(
                f"客户说话时坐席插话 {ov.seconds:.1f} 秒 ({clock(ov.agent.start)})",
                utterances=evidence, matches=[_head_match(a)] if a is not None else [],
                explanation=(f"坐席在 {clock(ov.agent.start)} 开口，客户这句话到 {clock(ov.customer.end)} 才结束，"
                             f"重叠 {ov.seconds:.1f} 秒 > {min_overlap:g} 秒"
                             + ("（时间戳只精确到整秒，已放宽 1 秒）" if rounding else "") + f"；{what}；"
                             f"客户已连续说了 {ov.customer_run:.0f} 秒，未超过 {off_topic:g} 秒（跑题豁免）"),
                time_start=ov.agent.start, time_end=min(ov.agent.end, ov.customer.end),
                details={"overlap_seconds": ov.seconds, "at": ov.agent.start,
                         "customer_run_seconds": ov.customer_run},
            ))
        return out


# -- LIS002 -------------------------------------------------------------------------------------
@register
class SilentMonologue(Rule):
    """The agent stays completely silent through a long customer monologue (no backchannel at all).

    Anti-pattern: 客户连续讲了 40 多秒，坐席一声不吭，客户以为电话断了。
    Best practice: 在客户停顿处用“嗯”“是的”“我明白您的意思”简短回应，让客户知道您在听。
    """

    code = "LIS002"
    slug = "listening.silent_during_monologue"
    family = "LIS"
    name_zh = "长时间倾听无回应"
    name_en = "No backchannel during a long customer turn"
    dimension = "listening"
    needs = (Need.TIMESTAMPS,)
    audio_replaces = (Need.TIMESTAMPS,)
    source = "004 宜③ 忌④"
    why = "在客户长时间说话时，不要不给予回应；倾听客户说话时忌完全保持沉默。"
    suggestion = "客户长时间讲述时，在停顿处给予简短回应：“嗯”“是的”“我明白您的意思”“您请继续”。"

    def basis(self, ctx: CallContext) -> Basis:
        return timing_basis(ctx)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        limit = float(self.param("monologue_seconds"))
        utts = utterances_by_index(ctx)
        out: list[Finding] = []
        heard = "录音中坐席声道" if uses_audio(ctx) else "坐席"
        cps = float(self.param("estimated_chars_per_second"))
        for mono in find_monologues(timing_segments(self, ctx, estimated_cps=cps), min_seconds=limit,
                                    max_pause=float(self.param("max_pause_seconds"))):
            evidence = [utts[i] for i in mono.indexes if i in utts]
            out.append(self.finding(
                f"客户连续讲述 {mono.seconds:.0f} 秒，坐席全程无任何回应 ({clock(mono.start)}–{clock(mono.end)})",
                utterances=evidence,
                explanation=f"{clock(mono.start)} 至 {clock(mono.end)} 之间只有客户在说话（停顿不超过 "
                            f"{self.param('max_pause_seconds')} 秒），{heard}没有任何发声，超过 {limit:g} 秒",
                time_start=mono.start, time_end=mono.end,
                details={"seconds": round(mono.seconds, 1), "limit": limit},
            ))
        return out


# How many sentences of the turn before a blunt request may hold its courtesy word (LIS004).
_POLITE_SENTENCES_BACK = 2


# -- LIS003 -------------------------------------------------------------------------------------
@register
class DeadAir(Rule):
    """Nobody speaks for longer than the limit outside an announced hold.

    A silence is excused when it falls inside a hold (``hold_start``/``hold_end`` events) or
    right after an agent turn that announced a wait ("请稍等", "我帮您查一下", "您换一下电池，
    我在线等您"), or right after the customer asked the agent to wait ("你等一下啊，我找一下").
    It is also excused when it was the customer's turn to speak: the agent had said something
    (not just "嗯/好的") and the customer broke the silence with an answer (the customer
    looked for the card number, read the text message, thought it over). A customer who
    breaks it by checking the line ("喂？还在吗？") was waiting for the agent: that counts.
    With only start times (the export estimates each end), a turn is taken to end when its
    words are said at ``estimated_chars_per_second``. A silence before the agent's first turn
    (the caller in the IVR or the queue) or one a recorded prompt plays in (the system's turns:
    "坐席忙，请耐心等待", "您的通话正在保持中", the survey) is not the agent's dead air.

    Anti-pattern: 坐席默默查询 15 秒没有任何声音，客户连问“喂？还在吗？”。
    Best practice: 先说“需要稍作查询，麻烦您稍等1分钟可以吗？”，查询中适时告知进度。
    """

    code = "LIS003"
    slug = "listening.dead_air"
    family = "LIS"
    name_zh = "长时间冷场"
    name_en = "Dead air outside a hold"
    dimension = "listening"
    needs = (Need.TIMESTAMPS,)
    audio_replaces = (Need.TIMESTAMPS,)
    source = "004 忌⑤"
    why = "很长一段时间没有回音，会使客户以为电话已经挂断。"
    suggestion = "需要查询时先告知客户：“需要稍作查询，麻烦您稍等1分钟可以吗？”；查询时间较长时适时回应：“还在为您查询，请您再稍等一下。”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._hold = PhraseSet(self.param("hold_phrases"), name="hold", skip_quoted=False)
        self._customer_wait = PhraseSet(self.param("customer_wait_phrases"),
                                        exclude=self.param("customer_wait_exclude"),
                                        name="customer_wait", skip_quoted=False)
        self._line_check = re.compile("|".join(f"(?:{p})" for p in self.param("line_check_patterns")))
        self._asked = re.compile("|".join(f"(?:{p})" for p in self.param("asked_patterns")))

    def _customer_owed(self, gap: Gap) -> bool:
        """The customer owed the next words: the agent spoke last, asking a question or for
        something ("请问您的卡号是多少", "您看选哪个套餐"), and the customer ended the silence
        with an answer, not by checking the line. After a plain statement the agent should
        have checked in: that silence is still dead air."""
        if gap.before.role is not Role.AGENT or gap.after.role is not Role.CUSTOMER:
            return False
        if not gap.before.text or is_short_ack(gap.before.text):
            return False
        if self._asked.search(_TRAILING_PUNCT.sub("", normalize_text(gap.before.text))) is None:
            return False
        said = _NON_WORD.sub("", normalize_text(gap.after.text))
        return bool(said) and self._line_check.search(said) is None

    def basis(self, ctx: CallContext) -> Basis:
        return timing_basis(ctx, per_party=False)

    def _announced(self, ctx: CallContext, gap_start: float, slack: float, cps: float | None = None) -> bool:
        """The silence was announced: the agent's last turn ("请稍等", "我在线等您") or the
        customer's last turn ("你等一下啊，我找一下") just before it asked to wait. ``cps``:
        the ends the importer estimated are taken at that speech rate (``spoken_end``)."""
        call = ctx.call
        last_agent = _last_before(call, gap_start + slack, Role.AGENT, cps)
        if last_agent is not None and (ctx.find(self._hold, _with_cut_announcement(call, last_agent))
                                       or announced_before_cut(call, last_agent, self._hold)
                                       or self._look_up_agreed(ctx, last_agent)):
            if self._answered_look_up(call, last_agent, gap_start, slack, cps):
                return True
            # The customer's "可以" / "好的" to "大概需要一分钟 您看可以吗" may come between.
            said = _end(last_agent, cps)
            agreed = False
            for u in call.utterances:
                if u.index <= last_agent.index:
                    continue
                if u.end is None or _end(u, cps) > gap_start + slack:
                    break
                if u.role is Role.CUSTOMER and calls_into_silence(u.text):
                    said = _end(u, cps)  # "喂" / "还在吗" into the hold's silence: still the hold
                    continue
                if u.role is not Role.CUSTOMER or not agrees_to_wait_after(u.text, agreed) \
                        or (u.start or said) - said >= (_TOLD_TO_LOOK_GAP if consents_to_look_up(u.text) else 2):
                    break  # (a "你查吧" may come after a longer pause: it answers the announcement all the same)
                said, agreed = _end(u, cps), True
            if gap_start - said < 2:
                return True
        last_customer = _last_before(call, gap_start + slack, Role.CUSTOMER, cps)
        if last_customer is None or not self._customer_wait.find(_turn_tail(call, last_customer)):
            return False
        # only the agent's short acknowledgement ("好的") may come between
        between = [u for u in call.utterances if u.index > last_customer.index and u.end is not None
                   and _end(u, cps) <= gap_start + slack]
        return len(between) <= 1 and gap_start - _end(last_customer, cps) < 5

    @staticmethod
    def _answered_look_up(call: Call, last_agent: Utterance, gap_start: float, slack: float,
                          cps: float | None) -> bool:
        """The customer's sentences between ``last_agent`` and the silence answer what it asked for the
        look-up it announced ("账号多少我查一下" / "幺五八八" / "三二零七" / "六六", field call 845)."""
        answer = [u for u in call.utterances if u.index > last_agent.index and u.end is not None
                  and _end(u, cps) <= gap_start + slack and u.role in (Role.AGENT, Role.CUSTOMER)]
        asked = "".join(u.text for u in call.turn_sentences(last_agent.index) if u.index <= last_agent.index)
        return bool(answer) and gap_start - _end(answer[-1], cps) < 2 and answers_then_look_up(asked, answer)

    def _look_up_agreed(self, ctx: CallContext, last_agent: Utterance) -> bool:
        """The customer told the agent to look it up right after ``last_agent`` ("嗯你查吧"), and the
        agent's speaking turn announced a look-up anywhere in its last sentences ("请您稍等一分钟 / 我帮您
        查询一下这张记录单 / 目前的处理状态"): the wait was announced."""
        reply = reply_turn(ctx, last_agent)
        if not reply or not consents_to_look_up(reply[0].text):
            return False
        own = [u for u in ctx.call.turn_sentences(last_agent.index) if u.index <= last_agent.index]
        return bool(ctx.find(self._hold, own[-_LOOK_UP_SENTENCES:] or [last_agent]))

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        limit = float(self.param("max_silence_seconds"))
        call = ctx.call
        holds = _hold_intervals(call)
        utts = utterances_by_index(ctx)
        audio = uses_audio(ctx, per_party=False)
        # Transcript turns and the recording's speech do not end at the same instant.
        slack = float(self.param("audio_align_seconds")) if audio else 0.01
        out: list[Finding] = []
        cps = float(self.param("estimated_chars_per_second"))
        segments = timing_segments(self, ctx, per_party=False, estimated_cps=cps)
        system = _system_spans(call)
        pickup = next((u.start for u in call.utterances if u.role is Role.AGENT and u.start is not None), None)
        for gap in find_gaps(segments, min_gap=limit):
            if covering_span(gap.start, gap.end, holds) is not None:
                continue
            if pickup is not None and gap.end <= pickup + slack and any(a < pickup for a, _ in system):
                continue  # before the agent picked up after the IVR: the queue, not the agent's silence
            if any(a < gap.end + slack and gap.start - slack < b for a, b in system):
                continue  # a recorded prompt plays in it (queue, hold music, survey): the line is not dead
            before = utts.get(gap.before.index) if gap.before.index is not None else None
            if self._announced(ctx, gap.start, slack, None if audio else cps) or self._customer_owed(gap):
                continue
            after = utts.get(gap.after.index) if gap.after.index is not None else None
            heard = "录音中双方声道都没有声音" if audio else "双方都没有说话"
            told = "这段时间不在保持（hold）事件内" + ("，之前坐席也没有说“请稍等”等告知等待的话" if call.utterances
                                             else "（没有转写，无法确认是否告知等待）")
            out.append(self.finding(
                f"通话静默 {gap.seconds:.1f} 秒 ({clock(gap.start)}–{clock(gap.end)})，未告知客户等待",
                utterances=[u for u in (before, after) if u is not None],
                explanation=f"{clock(gap.start)} 至 {clock(gap.end)} {heard}，超过 {limit:g} 秒；{told}",
                time_start=gap.start, time_end=gap.end,
                details={"seconds": round(gap.seconds, 1), "limit": limit},
            ))
        return out


# The tail of a hold announcement cut into a sentence of its own: "可以吗", "好吗", "您稍等".
HOLD_QUESTION_TAIL = re.compile(r"^[\s,，]*(?:(?:可以|好|行|方便)(?:吗|么|不|吧|的吗)|好不好|行不行|可不可以|"
                         r"(?:请|麻烦)?您?稍等(?:一下|片刻)?|谢谢|麻烦您了|我马上回来)[\s,，.。?？!！~]*$")


# ... or only the wait's length: "这边帮您查一下 您稍等" / "大概半分钟" (field call 164).
_DURATION_TAIL = re.compile(r"^[\s,，]*(?:大概|大约|预计|需要|差不多|就|只要)*\s*"
                            r"(?:[0-9]+|[一二两三四五六七八九十半]+几?)(?:(?:到|至|-|~)(?:[0-9]+|[一二两三四五六七八九十]+))?"
                            r"\s*个?(?:分钟|分半钟?|秒钟|秒)(?:左右|的样子|的时间|就好|就行)?(?:哈|啊|吧|哦)?[\s,，.。!！~]*$")


def is_hold_tail(text: str) -> bool:
    """``text`` is only the end of a hold announcement the ASR cut into a sentence of its own."""
    text = without_lead_hesitation(text)  # "嗯大概半分钟"
    return HOLD_QUESTION_TAIL.match(text) is not None or _DURATION_TAIL.match(text) is not None


def _with_cut_announcement(call: Call, last: Utterance) -> tuple[Utterance, ...]:
    """``last``, and when it is only the tail of a question ("可以吗") or the wait's length
    ("大概半分钟") the ASR cut from the announcement, the sentence of the same turn before it
    ("麻烦您稍等一分钟左右" / "可以吗")."""
    if not is_hold_tail(last.text):
        return (last,)
    prev = _previous_in_turn(call, last)
    return (last,) if prev is None else (prev, last)


# How many sentences of the agent's turn, back from its last, may hold the look-up the customer agrees to,
# and how long the customer may take to say so.
_LOOK_UP_SENTENCES = 3
_TOLD_TO_LOOK_GAP = 4.0
# How many sentences of a turn, back from its last, may hold the customer's "你等一下": the ASR
# cuts "灯啊你等一下啊" / "我眼睛不好我去" / "拿个眼镜" (field call 278).
_TURN_TAIL_SENTENCES = 3


def _turn_tail(call: Call, last: Utterance) -> str:
    """The text of ``last`` and of the sentences before it in the same turn of its speaker
    (``_TURN_TAIL_SENTENCES`` in all), joined as said."""
    said = [last.text]
    u: Utterance | None = last
    while len(said) < _TURN_TAIL_SENTENCES and u is not None:
        u = _previous_in_turn(call, u)
        if u is not None:
            said.append(u.text)
    return "".join(reversed(said))


def _previous_in_turn(call: Call, last: Utterance) -> Utterance | None:
    """The sentence right before ``last`` when the ASR cut both from one turn of its speaker."""
    if last.index == 0:
        return None
    prev = call.utterances[last.index - 1] if call.utterances[last.index - 1].index == last.index - 1 else None
    turn_of = call.turn_of
    if prev is None or prev.role is not last.role or turn_of.get(prev.index, -1) != turn_of.get(last.index, -2):
        return None
    return prev


# A short last sentence the ASR cut from an announcement that ended just before the cut.
_CUT_TAIL_CHARS = 12
ANNOUNCEMENT_END_CHARS = 4


def cut_continuation(call: Call, prev: Utterance, last: Utterance) -> bool:
    """``last`` is a short sentence the ASR cut from ``prev`` in one turn, mid-phrase (no clause
    break at the cut): "我帮您查一下药品" / "目录大概半分钟", "您少等我调一下" / "您家近几个月的抄表记录"."""
    return _short_tail(prev, last) and _previous_in_turn(call, last) is prev


# A sentence that starts the answer, not the rest of the look-up: "查到了您这个工地", "系统显示…";
# or the thanks for the wait that comes back from it ("麻烦您稍等一分钟" / "感谢您的耐心等待", field call 897).
_RESULT_START = re.compile(r"(?:嗯|好)?(?:查到|查好了|查了一下|看到了|找到了|系统显示|显示|好了"
                           r"|(?:感谢|谢谢|多谢)(?:您|你)?的?(?:耐心)?等待|(?:让您|让你)?久等了)")


def _short_tail(prev: Utterance, last: Utterance) -> bool:
    said = without_lead_hesitation(last.text)  # "那个目前的处理状态": the hesitation is no part of it
    return len(said) <= _CUT_TAIL_CHARS and bool(prev.text) and prev.text[-1] not in CLAUSE_BREAKS \
        and _RESULT_START.match(said) is None


def announced_before_cut(call: Call, last: Utterance, hold: PhraseSet) -> bool:
    """The ASR cut the turn just after a look-up announcement into a short last sentence
    (``cut_continuation``, field calls 254 and 275). The announcement must end within a few
    characters of the cut, so that a long answer after it ("我帮您查一下 / 查到了您的订单已经…")
    is no announcement of the silence."""
    prev = _previous_in_turn(call, last)
    if prev is None or not _short_tail(prev, last):  # (``cut_continuation`` with ``prev`` known)
        return False
    if any(len(prev.text) - h.end <= ANNOUNCEMENT_END_CHARS for h in hold.find(prev.text)):
        return True
    # "嗯您少等我看下" / "这个工地有没有" / "办夜间施工许可": the look-up's object cut over two
    # sentences (field call 300)
    first = _previous_in_turn(call, prev)
    return first is not None and _short_tail(first, prev) and not hold.find(prev.text) \
        and any(len(first.text) - h.end <= ANNOUNCEMENT_END_CHARS for h in hold.find(first.text))


def _system_spans(call: Call) -> list[tuple[float, float]]:
    """(start, end) of the system's timed turns: the IVR, queue and hold prompts, the survey."""
    return [(u.start, u.end) for u in call.utterances
            if u.role is Role.SYSTEM and u.start is not None and u.end is not None]


def _hold_intervals(call: Call) -> list[tuple[float, float]]:
    """(start, end) of each hold from the events; an open hold ends at the next speech."""
    return [(a, _next_speech(call, a) if b is None else b) for a, b in hold_pairs(call.events, repeat="restart")]


def _next_speech(call: Call, t: float) -> float:
    nxt = [u.start for u in call.utterances if u.start is not None and u.start > t]
    return min(nxt) if nxt else t + 1e9


def _last_agent_before(call: Call, t: float) -> Utterance | None:
    return _last_before(call, t, Role.AGENT)


def _last_before(call: Call, t: float, role: Role, cps: float | None = None) -> Utterance | None:
    found: Utterance | None = None
    for u in call.utterances:
        if u.role is role and u.end is not None and _end(u, cps) <= t + 0.01:
            found = u
    return found


def _end(u: Utterance, cps: float | None) -> float:
    return spoken_end(u, cps) if u.start is not None and u.end is not None else (u.end or 0.0)


# -- LIS004 -------------------------------------------------------------------------------------
@register
class BluntRepeatRequest(Rule):
    """The agent asks the customer to repeat bluntly ("啊?", "什么?", "你说什么", "没听清") instead of politely.

    A request that carries a courtesy word in the same turn ("不好意思", "麻烦您") is polite
    and passes. Standalone "啊"/"什么" count only with a question mark (ASR text without
    punctuation cannot tell a question from a backchannel), except a turn that is only
    "啊 什么" or opens with it before "您再说…" ("什么" is no backchannel); "你说什么",
    "没听清" count either way.

    Without a question mark, a turn that is only "啊"/"什么"/"啥" still counts when the
    customer's next turn repeats what they had just said ("单号是SF幺四六…" / "啊" /
    "SF幺四六…"): the repetition shows it was a request to repeat, not a backchannel.

    Anti-pattern: 客户：…那个单号是幺三八… 坐席：啊？什么？
    Best practice: “不好意思，刚才没有听清楚，麻烦您再详细说明一下，我方便记录后帮您分析。”
    """

    code = "LIS004"
    slug = "listening.blunt_repeat_request"
    family = "LIS"
    name_zh = "生硬要求客户重复"
    name_en = "Blunt request to repeat"
    dimension = "listening"
    source = "003 四(三)"
    why = "若客户语速过快，可在其停顿处礼貌请求重复，而不是用“啊？”“什么？”生硬反问。"
    suggestion = "礼貌请求重复：“不好意思，刚才没有听清楚，麻烦您再详细说明一下，我方便记录后帮您分析。”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._question_only = frozenset(normalize_text(w) for w in self.param("question_words"))
        # the longest turn that can be a question word alone with spaces and marks ("啊 什么？")
        self._question_max = 2 * max(map(len, self._question_only), default=0) + 4
        self._always = re.compile("|".join(f"(?:{p})" for p in self.param("blunt_patterns")))
        self._polite = PhraseSet(self.param("polite_markers"), name="polite", skip_quoted=False)
        self._not_blunt = re.compile("|".join(f"(?:{p})" for p in self.param("exclude_patterns")))
        self._repeat_chars = int(self.param("repeat_min_chars"))
        self._repeat_share = float(self.param("repeat_share"))

    def blunt_hits(self, text: str, *, patterns_may_match: bool = True) -> list[tuple[int, int]]:
        """Character ranges of blunt repeat requests in one agent text.

        ``patterns_may_match`` False says the blunt patterns cannot match anywhere in
        ``text`` (the caller's prefilter): only question clauses are looked at.
        """
        hits: list[tuple[int, int]] = []
        n = len(text)
        for a, b in clauses(text):
            a += lead_hesitation(text[a:b])  # "那个啊什么": the hesitation before the question is no part of it
            asked = b < n and text[b] == "?"
            if asked and _NON_WORD.sub("", text[a:b]) in self._question_only:
                hits.append((a, b + 1))
                continue
            if not patterns_may_match:
                continue
            clause = text[a:b]
            for m in self._always.finditer(clause):
                if not self._not_blunt.search(clause):
                    hits.append((a + m.start(), a + m.end()))
        return hits

    def _repeated_after(self, ctx: CallContext, u: Utterance) -> Utterance | None:
        """``u`` is only a question word without "?", and the customer then repeats herself:
        the customer's repeating turn, else None."""
        if len(u.text) > self._question_max or _NON_WORD.sub("", without_lead_hesitation(u.text)) not in self._question_only:
            return None  # the length first: a question word alone is a short turn (most are not)
        turns = ctx.call.utterances
        i = u.index if u.index < len(turns) and turns[u.index] is u else next(
            (k for k, x in enumerate(turns) if x is u), 0)
        if i == 0 or i + 1 >= len(turns):
            return None
        before, after = turns[i - 1], turns[i + 1]
        if before.role is not Role.CUSTOMER or after.role is not Role.CUSTOMER:
            return None
        said, again = _NON_WORD.sub("", before.text), _NON_WORD.sub("", after.text)
        shared = SequenceMatcher(None, said, again, autojunk=False).find_longest_match().size
        if len(again) >= self._repeat_chars and shared >= self._repeat_share * len(again):
            return after
        return None

    def _polite_in_turn(self, ctx: CallContext, u: Utterance) -> bool:
        """A courtesy word in ``u`` or in the sentences of the same turn the ASR cut before it
        ("不好意思阿姨" / "我没听清 您是说", field 278)."""
        if self._polite.find(u.text):
            return True
        earlier = [v for v in ctx.call.turn_sentences(u.index) if v.index < u.index]
        return any(self._polite.find(v.text) for v in earlier[-_POLITE_SENTENCES_BACK:])

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        out: list[Finding] = []
        candidates = ctx.candidates(self._always)  # the turns where the blunt patterns can match
        for u in ctx.agent_turns:
            # A blunt request needs a question mark or one of the blunt patterns' words, or
            # (bare "啊" in unpunctuated ASR) the customer repeating herself right after.
            may_match = candidates is None or u.index in candidates
            if "?" not in u.text and not may_match:
                again = self._repeated_after(ctx, u)
                if again is not None and not self._polite_in_turn(ctx, u):
                    m = Match(u.index, 0, len(u.text), u.text, "blunt")
                    out.append(self.finding(
                        f"坐席生硬地要求客户重复：“{u.text}”", utterances=[u, again],
                        matches=[m],
                        explanation=f"坐席只说了“{u.text}”，客户随即把刚才的话重说了一遍：这是生硬的反问，不是应答"))
                continue
            hits = self.blunt_hits(u.text, patterns_may_match=may_match)
            if not hits or self._polite_in_turn(ctx, u):
                continue
            matches = [Match(u.index, a, b, u.text[a:b], "blunt") for a, b in hits]
            words = "、".join(f"“{m.text}”" for m in matches)
            out.append(self.finding(
                f"坐席生硬地要求客户重复：{words}",
                utterances=[u], matches=matches,
                explanation=f"坐席用{words}反问，同一句中没有“不好意思/麻烦您/请您”等礼貌请求",
            ))
        return out
