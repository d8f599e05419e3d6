"""HLD: holds (等待) — announcing a hold, keeping to the announced wait, thanking afterwards.

A hold is found from ``hold_start``/``hold_end`` events, or from the text: an agent turn
ending in a hold phrase ("请稍等", "我帮您查一下") followed by a silence of at least
``min_gap_seconds`` (with timestamps) or directly by another agent turn (without).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from hotline_qa.core.audio_facts import AudioFacts, SilenceFact
from hotline_qa.core.call import Call, EventKind, Role, Utterance
from hotline_qa.core.findings import Basis, Finding
from hotline_qa.core.timing import hold_pairs
from hotline_qa.rules.base import Rule, RuleConfig
from hotline_qa.rules.catalogue.complaints import joined
from hotline_qa.rules.catalogue.fragments import cross_fragment_matches
from hotline_qa.rules.catalogue.listening import (
    ANNOUNCEMENT_END_CHARS,
    agrees_to_wait_after,
    answers_then_look_up,
    calls_into_silence,
    consents_to_look_up,
    cut_continuation,
    is_hold_tail,
    spoken_end,
)
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Hit, Match, PhraseSet, RegexSet, compile_phrase_set
from hotline_qa.rules.registry import register
from hotline_qa.text.numbers import parse_quantity

NO_HOLD = ("本通话没有保持等待（无保持事件，也未告知等待）；未告知就静默查询由 LIS003 判定 "
           "(no hold in this call: no hold event, no wait announced; unannounced dead air is LIS003's)")

# "1分钟", "一分钟", "两三分钟", "半分钟", "一分半", "30秒", "1到2分钟", "十几秒" (a bare "几" is no length).
_WAIT = re.compile(
    r"(?P<q>[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十半]+几?|[一二两三四五六七八九十]个半)"
    r"(?:(?:到|至|-|~)(?P<q2>[0-9]+|[一二两三四五六七八九十]+))?\s*(?:个)?"
    r"(?P<unit>分钟|分半钟?|秒钟|秒(?!杀))"
)


# The customer's device starting up, waited for together: "等它启动一下", "等路由器重启".
_DEVICE_BOOT = re.compile(r"等(?:它|机器|设备|机顶盒|盒子|路由器|光猫|电视|电脑|手机|系统)?(?:启动|重启|开机|加载|联网|亮起来)")


@dataclass(frozen=True, slots=True)
class Hold:
    """One hold: when it began and ended (None when unknown), the turn that announced it,
    the first turn after it, and whether it came from events or from the text."""

    start: float | None
    end: float | None
    announce: Utterance | None
    resume: Utterance | None
    via: str

    @property
    def seconds(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)


def announced_wait_seconds(text: str) -> tuple[float, str] | None:
    """The longest wait announced in ``text`` ("稍等1分钟" -> 60, "两三分钟" -> 180, "30秒" -> 30).

    Returns (seconds, the words) or None when no wait with a number was said.
    """
    best: tuple[float, str] | None = None
    for m in _WAIT.finditer(text):
        try:
            q = parse_quantity(m.group("q2") or m.group("q"))
        except ValueError:
            continue
        unit = m.group("unit")
        seconds = q * 60 + (30 if unit.startswith("分半") else 0) if unit.startswith("分") else q
        if best is None or seconds > best[0]:
            best = (seconds, m.group(0))
    return best


def find_holds(call: Call, phrases: PhraseSet, *, min_gap: float, tail_chars: int,
               ctx: CallContext | None = None, estimated_cps: float | None = None) -> list[Hold]:
    """Every hold in the call, from events first, then from hold phrases in the text.

    With ``ctx`` (the call's context) the phrases are found with one scan of the whole call.
    With ``estimated_cps``, a turn whose end the importer estimated (only start times: the
    end is where the next turn starts) ends when its words are said at that rate: the
    silence after "请您稍等" up to the next line is the hold.
    """
    speech = _speech(call, ctx)
    holds = _event_holds(call, speech)
    by_turn: dict[int, list[Match]] | None = None
    if ctx is not None:  # one search of all the agent's turns, grouped by turn
        by_turn = {}
        for m in ctx.find(phrases, [u for u in speech if u.role is Role.AGENT]):
            by_turn.setdefault(m.utterance, []).append(m)

    def hits_of(v: Utterance) -> Sequence[Hit | Match]:
        return by_turn.get(v.index, ()) if by_turn is not None else phrases.find(v.text)

    for i, u in enumerate(speech):
        if u.role is not Role.AGENT or i + 1 >= len(speech):
            continue
        hits = hits_of(u)
        if not hits or _DEVICE_BOOT.search(u.text):
            # ("好的,然后等它启动一下大概需要一分钟", field call 1185: the customer's box restarting, no hold of the agent's)
            continue
        # The phrase is near the end of the speaking turn, its cut-off tail included, and the wait
        # starts after that tail.
        k = _tail_end(call, speech, i)
        said_after = sum(len(v.text) for v in speech[i + 1:k + 1])
        if k == i and max(h.end for h in hits) >= len(u.text) - ANNOUNCEMENT_END_CHARS:
            # "您少等我调一下" / "您家近几个月的抄表记录": the look-up's object cut off (not another announcement)
            k = _cut_object_end(call, speech, i, lambda v: not hits_of(v))
            if k != i:
                said_after = 0
        elif k == i:
            # "我帮您查询一下这张记录单" / "目前的处理状态" / customer "嗯你查吧": a long object, and the
            # customer's go-ahead says a wait was announced
            last_cut = _cut_object_end(call, speech, i, lambda v: not hits_of(v))
            if last_cut != i and last_cut + 1 < len(speech) and speech[last_cut + 1].role is Role.CUSTOMER \
                    and consents_to_look_up(speech[last_cut + 1].text):
                k, said_after = last_cut, 0
        if max(h.end for h in hits) < len(u.text) + said_after - tail_chars or k + 1 >= len(speech):
            continue
        # The customer's "好" / "可以" to "麻烦您稍等一分钟可以吗" is no end of the wait: the
        # silence after it is the hold.
        last, j = speech[k], k + 1
        while j + 1 < len(speech) and speech[j].role is Role.CUSTOMER \
                and agrees_to_wait_after(speech[j].text, j > k + 1):
            ack_start, last_end = speech[j].start, _end(last, estimated_cps)
            if (speech[j].end is None and ack_start is not None) or (
                    ack_start is not None and last_end is not None and ack_start - last_end >= min_gap):
                break  # (untimed, "请您稍等" / "嗯你查吧" / "感谢您的耐心等待" is the wait: field call 451)
            last, j = speech[j], j + 1
        if j == k + 1 and speech[j].role is Role.CUSTOMER:
            # "账号多少我查一下" / "幺五八八" / "三二零七": the customer gives what the look-up needs, and the
            # silence after the answer is the look-up announced (field call 845)
            past = j
            while past < len(speech) and speech[past].role is Role.CUSTOMER:
                past += 1
            asked = "".join(v.text for v in call.turn_sentences(u.index) if v.index <= speech[k].index)
            # (timed only: untimed, nothing tells a silence after the answer from the agent going on, field call 581)
            if past < len(speech) and speech[past].start is not None and speech[past - 1].end is not None \
                    and answers_then_look_up(asked, speech[j:past]):
                last, j = speech[past - 1], past
        # The customer calling out into the silence ("喂" / "还在吗" / "有人吗") with no answer does not
        # end the hold: it lasts until the agent comes back (field call 432).
        j = _past_calls_into_silence(speech, j, min_gap)
        nxt = speech[j]
        last_end = _end(last, estimated_cps)
        if last_end is not None and nxt.start is not None:
            if nxt.start - last_end < min_gap:
                continue
            start, end = last_end, nxt.start
            if any(h.start is not None and h.end is not None and start < h.end and h.start < end
                   for h in holds):
                continue
            holds.append(Hold(start, end, u, nxt, "text"))
        elif nxt.role is Role.AGENT and not any(h.announce is u or h.resume is nxt for h in holds) \
                and not hits_of(nxt):
            # (untimed: "我帮您查一下维修记录" / "大概需要一分钟请您稍等" announces one wait, in its
            # second sentence: field call 451)
            holds.append(Hold(None, None, u, nxt, "text"))
    return sorted(holds, key=lambda h: (h.announce.index if h.announce else -1, h.start or 0.0))


def _past_calls_into_silence(speech: Sequence[Utterance], j: int, min_gap: float) -> int:
    """The first turn from ``j`` on that is not the customer calling out into the hold's silence: a
    run of "喂" / "还在吗" / "有人吗" that the agent answers only ``min_gap`` seconds or more later."""
    k = j
    while k < len(speech) and speech[k].role is Role.CUSTOMER and calls_into_silence(speech[k].text):
        k += 1
    if k == j or k >= len(speech) or speech[k].role is not Role.AGENT:
        return j
    ended, back = speech[k - 1].end, speech[k].start
    return k if ended is not None and back is not None and back - ended >= min_gap else j


def _end(u: Utterance, estimated_cps: float | None) -> float | None:
    """``u.end``; for an estimated end, ``spoken_end`` at ``estimated_cps``."""
    return spoken_end(u, estimated_cps) if u.start is not None and u.end is not None else u.end


def _speech(call: Call, ctx: CallContext | None = None) -> list[Utterance]:
    """The agent's and the customer's turns, in order (once per call with ``ctx``; do not modify)."""
    if ctx is not None:
        return ctx.memo("holds.speech", lambda: _speech(call))
    return [u for u in call.utterances if u.role in (Role.AGENT, Role.CUSTOMER)]


def _event_holds(call: Call, speech: Sequence[Utterance]) -> list[Hold]:
    out: list[Hold] = []
    for hs, he in hold_pairs(call.events, repeat="split"):
        # the last agent turn begun by the hold's start, and the first turn from its end on
        before: Utterance | None = None
        for u in speech:
            if u.role is Role.AGENT and u.start is not None and u.start <= hs:
                before = u
        after_at = (he if he is not None else hs) - 0.5
        after = next((u for u in speech if u.start is not None and u.start >= after_at), None)
        end = he if he is not None else (after.start if after is not None else None)
        out.append(Hold(hs, end, before, after, "event"))
    return out


def audio_silence(hold: Hold, audio: AudioFacts, slack: float) -> SilenceFact | None:
    """The recording's longest silence inside the hold's span (widened by ``slack`` seconds):
    what the customer actually heard of the hold. None when the hold is not placed in time."""
    if hold.start is None:
        return None
    end = hold.end if hold.end is not None else hold.start
    best: SilenceFact | None = None
    for s in audio.silences:
        if s.end < hold.start - slack or s.start > end + slack:
            continue
        if best is None or s.seconds > best.seconds:
            best = s
    return best


class _HoldRule(Rule):
    """Shared set-up: the hold phrases and how holds are found."""

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        # Shared by the HLD rules (same phrases, same object): one scan of the call for all.
        self._phrases = compile_phrase_set(tuple(self.param("hold_phrases")), name="hold", skip_quoted=False)

    def holds(self, ctx: CallContext) -> list[Hold]:
        min_gap, tail = float(self.param("min_gap_seconds")), int(self.param("tail_chars"))
        cps = float(self.param("estimated_chars_per_second"))
        holds = ctx.memo(("holds", self._phrases.phrases, min_gap, tail, cps),
                         lambda: find_holds(ctx.call, self._phrases, min_gap=min_gap, tail_chars=tail, ctx=ctx,
                                            estimated_cps=cps))
        if not holds:
            raise self.not_applicable(NO_HOLD)
        return list(holds)

    def basis(self, ctx: CallContext) -> Basis:
        return Basis.EVENTS if ctx.call.events_of(EventKind.HOLD_START) else Basis.TEXT


def _at(hold: Hold) -> str:
    if hold.start is None:
        return ""
    m, s = divmod(hold.start, 60)
    return f" ({int(m):02d}:{s:04.1f})"


# How many short sentences the ASR may cut a look-up's object into after the hold phrase.
_CUT_OBJECT_SENTENCES = 2


def _cut_object_end(call: Call, speech: Sequence[Utterance], k: int, goes_on: Callable[[Utterance], bool]) -> int:
    """The position in ``speech`` of the last of the short agent sentences (up to
    ``_CUT_OBJECT_SENTENCES``) that the ASR cut off after ``speech[k]`` mid-phrase
    (``cut_continuation``) and that ``goes_on`` accepts: the look-up's object ("我帮您查一下药品" /
    "目录大概半分钟", "嗯您少等我看下" / "这个工地有没有" / "办夜间施工许可", field call 300).
    ``k`` itself when there is none."""
    end = k
    while end < k + _CUT_OBJECT_SENTENCES and end + 1 < len(speech) and speech[end + 1].role is Role.AGENT \
            and cut_continuation(call, speech[end], speech[end + 1]) and goes_on(speech[end + 1]):
        end += 1
    return end


def _tail_end(call: Call, speech: Sequence[Utterance], k: int) -> int:
    """The position in ``speech`` of the last sentence of the hold announcement at ``speech[k]``:
    the ASR may cut its end into sentences of their own in the same turn ("麻烦您稍等一分钟左右" /
    "可以吗", "您稍等" / "大概半分钟"); anything else is the agent going on."""
    turn_of = call.turn_of
    turn = turn_of.get(speech[k].index)
    if turn is None:
        return k
    while k + 1 < len(speech) and speech[k + 1].role is Role.AGENT \
            and turn_of.get(speech[k + 1].index) == turn and is_hold_tail(speech[k + 1].text):
        k += 1
    return k


def _announcement(call: Call, hold: Hold, ctx: CallContext | None = None) -> list[Utterance]:
    """The announcing speaking turn up to the hold phrase (its earlier ASR sentences: "我这边需要
    核实一下" / "大概需要两分钟" / "您稍等一下好吗") and the agent turn just before it when the
    customer said nothing between."""
    if hold.announce is None:
        return []
    out = [hold.announce]
    speech = _speech(call, ctx)
    at = next((i for i, u in enumerate(speech) if u.index == hold.announce.index), None)
    pos = at if at is not None else 0
    turn = call.turn_of.get(hold.announce.index)
    if turn is not None:  # a customer's "嗯" inside the turn does not end it (Call.turn_of)
        same = [k for k in range(pos) if speech[k].role is Role.AGENT and call.turn_of.get(speech[k].index) == turn]
        out = [speech[k] for k in same] + out
        pos = same[0] if same else pos
    if pos > 0 and speech[pos - 1].role is Role.AGENT:
        out.insert(0, speech[pos - 1])
    if at is not None:
        end = _tail_end(call, speech, at)
        if end == at:  # the look-up's object cut off, up to where the hold ends
            end = _cut_object_end(call, speech, at, lambda v: v is not hold.resume)
        out.extend(speech[at + 1:end + 1])  # the tail cut off: "大概半分钟"
    return out


@register
class HoldNotExplained(_HoldRule):
    """Before a hold, the agent does not give the reason and the expected wait.

    Anti-pattern: 坐席只说“请稍等”就没了声音。
    Best practice: “您的问题比较专业，我需要稍作查询，麻烦您稍等1分钟可以吗？”
    """

    code = "HLD001"
    slug = "hold.no_reason_or_wait"
    family = "HLD"
    name_zh = "保持前未说明原因和时长"
    name_en = "Hold without reason or expected wait"
    dimension = "listening"
    source = "003 五(二), 004 宜④"
    why = "让客户等待时，一定要向他说明原因；需向客户说明：“您的问题比较专业，我需要稍作查询，麻烦您稍等1分钟可以吗？”"
    suggestion = "保持前说明原因和预计时长：“您的问题比较专业，我需要稍作查询，麻烦您稍等1分钟可以吗？”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._reason = RegexSet(joined(self.param("reason_patterns")), name="reason", skip_quoted=False)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        out: list[Finding] = []
        holds = self.holds(ctx)
        for hold in holds:
            turns = _announcement(ctx.call, hold, ctx)
            text = "".join(u.text for u in turns)
            # the reason may run over an ASR cut: "我看下" / "这个工地有没有"
            reason = ctx.first(self._reason, turns) is not None or bool(self._reason.find(text))
            wait = announced_wait_seconds(text)
            if (wait is None or not reason) and (prev := _before_in_chain(ctx.call, hold, holds)) is not hold \
                    and _checks_back(ctx.call, prev, holds):
                # a check-back ("还在为您联系 / 麻烦您再等一下") within the wait announced first, with its reason
                # ("我这边需要帮您联系高速救援 / 大概需要两分钟左右", field call 841)
                root = _chain_root(ctx.call, prev, holds)
                first = "".join(u.text for u in _announcement(ctx.call, root, ctx))
                root_wait = announced_wait_seconds(first)
                reason = reason or bool(self._reason.find(first))
                if wait is None and root_wait is not None and root.start is not None and hold.end is not None \
                        and hold.end - root.start <= root_wait[0] + _CHAIN_SLACK_S:
                    wait = root_wait
            missing = [name for name, ok in (("原因", reason), ("预计等待时长", wait is not None))
                       if not ok]
            if not missing:
                continue
            hits = ctx.find(self._phrases, turns)
            out.append(self.finding(
                f"保持前未说明{'和'.join(missing)}{_at(hold)}",
                utterances=turns, matches=hits[:1],
                explanation=("保持前坐席的话" + (f"只有“{hits[0].text}”" if hits else "")
                             + f"，没有说明{'和'.join(missing)}"
                             + ("（按保持事件定位）" if hold.via == "event" else "（按“请稍等”类话术和随后的静默定位）")),
                details={"missing": missing, "via": hold.via},  # evidence times: the announcement's
            ))
        return out


@register
class HoldTooLong(_HoldRule):
    """A hold lasts longer than the wait the agent announced (the default when none was announced).

    The announced wait is read from the announcing turn in Arabic or Chinese numerals
    ("1分钟", "一分钟", "两三分钟", "30秒"). The hold is measured from the events, or from the
    silence after a hold phrase.

    With a recording, the hold lasts as long as the recording's silence found in its span
    (the dead air the customer heard), rather than the transcript's or the events' times.

    Anti-pattern: 说“稍等1分钟”，结果让客户等了两分半钟。
    Best practice: 超过告知的时长前回到线上：“还需要再查询一下，麻烦您再稍等1分钟可以吗？”
    """

    code = "HLD002"
    slug = "hold.longer_than_announced"
    family = "HLD"
    name_zh = "保持超时"
    name_en = "Hold longer than announced"
    dimension = "listening"
    source = "000 及时性, 003 五(二)"
    why = "让客户等待的时间不应超过告知的时长；未告知时，等待不宜超过1分钟。"
    suggestion = "在告知的时长内回到线上；需要更久时先回来说明：“还需要再查询一下，麻烦您再稍等1分钟可以吗？”"

    def basis(self, ctx: CallContext) -> Basis:
        if ctx.details.get(self.code, {}).get("measured_from") == "audio":
            return Basis.AUDIO
        return super().basis(ctx)

    def _measured(self, ctx: CallContext, holds: list[Hold]) -> list[tuple[Hold, str]]:
        """Each hold with its span from the recording's silence where one matches."""
        audio = ctx.audio
        if audio is None:
            return [(h, h.via) for h in holds]
        slack = float(self.param("audio_align_seconds"))
        out: list[tuple[Hold, str]] = []
        for h in holds:
            quiet = audio_silence(h, audio, slack)
            if quiet is not None:
                h = Hold(quiet.start, quiet.end, h.announce, h.resume, h.via)
            out.append((h, "audio" if quiet is not None else h.via))
        return out

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        measured = [(h, via) for h, via in self._measured(ctx, self.holds(ctx)) if h.seconds is not None]
        if not measured:
            raise self.not_applicable("无法测量保持时长：没有保持事件时间或时间戳 (hold duration unknown)")
        if any(via == "audio" for _, via in measured):
            ctx.report(self.code, {"measured_from": "audio",
                                   "holds": [{"start": h.start, "end": h.end, "seconds": round(h.seconds or 0.0, 1),
                                              "from": via} for h, via in measured]})
        default = float(self.param("default_seconds"))
        tolerance = float(self.param("tolerance_seconds"))
        out: list[Finding] = []
        for hold, via in measured:
            seconds = hold.seconds or 0.0
            turns = _announcement(ctx.call, hold, ctx)
            said = announced_wait_seconds("".join(u.text for u in turns))
            limit = said[0] if said else default
            if seconds <= limit + tolerance:
                continue
            matches: list[Match] = []
            if said:
                for u in turns:
                    i = u.text.find(said[1])
                    if i >= 0:
                        matches = [Match(u.index, i, i + len(said[1]), said[1], "wait")]
                        break
            basis = f"告知的 {limit:g} 秒（“{said[1]}”）" if said else f"未告知时长时的默认 {limit:g} 秒"
            ev = [u for u in (*turns, hold.resume) if u is not None]
            out.append(self.finding(
                f"保持 {seconds:.0f} 秒，超过{basis}{_at(hold)}",
                utterances=ev, matches=matches,
                explanation=f"保持从 {hold.start:.1f} 秒到 {hold.end:.1f} 秒，共 {seconds:.1f} 秒 > {basis}"
                            f" + 容差 {tolerance:g} 秒（{_HOW[via]}）",
                time_start=hold.start, time_end=hold.end,
                details={"hold_seconds": round(seconds, 1), "announced_seconds": said[0] if said else None,
                         "limit_seconds": limit},
            ))
        return out


_HOW = {"event": "保持事件", "text": "“请稍等”后的静默", "audio": "录音中的静默时长"}


# A turn back on the line that only asks for more time: still looking, wait again.
_CHECK_BACK = re.compile(r"(?:还在|正在|还得|还要|还需要)(?:帮您|给您|为您)?(?:跟|和|向|与)?[^,.!?。，！？]{0,6}?"
                         r"(?:查|核实|核对|确认|联系|处理|沟通|调取|询问|问)|再(?:稍等|等|耐心等)|还没(?:查到|查完|有结果|回复)"
                         r"|马上就?好")


def _next_in_turn(call: Call, hold: Hold, holds: Sequence[Hold]) -> Hold | None:
    """The hold announced in the speaking turn that ``hold`` resumed with: the agent came back on the line
    and asked for more time in the same turn ("刘先生还在为您联系 / 查勘员那边已经派单了 / 麻烦您再等一下",
    field call 841). None when the agent came back for good."""
    if hold.resume is None or hold.resume.role is not Role.AGENT:
        return None
    turn = call.turn_of.get(hold.resume.index)
    if turn is None:
        return None
    return next((h for h in holds if h is not hold and h.announce is not None and h.announce.index >= hold.resume.index
                 and call.turn_of.get(h.announce.index) == turn), None)


def _checks_back(call: Call, hold: Hold, holds: Sequence[Hold]) -> bool:
    """``hold`` resumed with a check-back: its turn tells of the work still going on ("还在为您联系", "正在
    核对位置") and announces the next hold ("麻烦您再等一下", "马上好"). The thanks are due after the last."""
    nxt = _next_in_turn(call, hold, holds)
    if nxt is None or nxt.announce is None or hold.resume is None:
        return False
    said = "".join(u.text for u in call.turn_sentences(hold.resume.index) if u.index <= nxt.announce.index)
    return _CHECK_BACK.search(said) is not None


# Seconds a check-back hold may run past the wait announced first and still keep to it.
_CHAIN_SLACK_S = 5.0


def _before_in_chain(call: Call, hold: Hold, holds: Sequence[Hold]) -> Hold:
    """The hold whose check-back announced ``hold`` (``hold`` itself when none did)."""
    return next((h for h in holds if _next_in_turn(call, h, holds) is hold), hold)


def _chain_root(call: Call, hold: Hold, holds: Sequence[Hold]) -> Hold:
    """The first hold of the check-backs that ``hold`` goes on from (``hold`` itself when it is the first)."""
    root = hold
    for _ in range(len(holds)):
        before = _before_in_chain(call, root, holds)
        if before is root:
            break
        root = before
    return root


@register
class NoThanksAfterHold(_HoldRule):
    """After a hold, the agent gives the result without first thanking the customer for waiting.

    The thanks must come in the first agent turn after the hold, or in the second when the
    first is only a short "喂/您好/还在吗". A turn back that only asks for more time ("还在核实
    麻烦您再稍等一分钟", announcing the next hold) is a check-back, not the result: the thanks are
    due after the last hold.

    Anti-pattern: 保持结束后坐席直接说“查到了，您的套餐是58元的”。
    Best practice: “感谢您的耐心等待，已经帮您查到了……”
    """

    code = "HLD003"
    slug = "hold.no_thanks_after_hold"
    family = "HLD"
    name_zh = "保持后未感谢等待"
    name_en = "No thanks after a hold"
    dimension = "courtesy"
    source = "004 忌⑩"
    why = "让客户等待后，不要马上就告知客户查询结果，应先感谢客户的耐心等待。"
    suggestion = "回到线上先致谢再告知结果：“感谢您的耐心等待，已经帮您查到了……”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._thanks = RegexSet(joined(self.param("thanks_patterns")), name="thanks", skip_quoted=False)
        self._short = int(self.param("short_turn_chars"))

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        out: list[Finding] = []
        agent = ctx.agent_turns
        holds = self.holds(ctx)
        announced = {h.announce.index for h in holds if h.announce is not None}
        for hold in holds:
            if hold.resume is None:
                continue
            after = [u for u in agent if u.index >= hold.resume.index][:2]
            if not after:
                continue
            window = after[:1]
            if len(after) > 1 and len(after[0].text) <= self._short:
                window = after
            if any(u.index in announced and _CHECK_BACK.search(u.text) for u in window) \
                    or _checks_back(ctx.call, hold, holds):
                # a check-back that asks for more time ("还在跟转运中心核实 麻烦您再稍等一分钟", field call 384):
                # the result, and the thanks, come after the next hold
                continue
            if ctx.first(self._thanks, window) is not None:
                continue
            if len(after) > 1 and cross_fragment_matches(ctx, self._thanks, within=(after[0].index, after[1].index)):
                continue  # "黄女士感谢您的" / "耐心等待查到了": the thanks cut over two sentences (field call 364)
            out.append(self.finding(
                f"保持后未先感谢客户等待就告知结果{_at(hold)}",
                utterances=window,
                explanation="保持结束后坐席的第一句话里没有“感谢您的耐心等待”“让您久等了”之类的致谢",
                time_start=window[0].start,
            ))
        return out
