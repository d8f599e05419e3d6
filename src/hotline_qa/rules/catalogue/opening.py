"""OPN: the opening (开场白) — greeting, identity, offer of service, timing, time of day, holidays.

The opening is often split over two turns in ASR output ("喂您好" / "这里是XX热线工号1023请问
有什么可以帮您"), so the window is the first ``turns`` agent turns (a rulebook param).
The unit and agent-identity patterns come from the rulebook's ``company`` settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import time
from functools import lru_cache
from typing import Any

from hotline_qa.core.audio_facts import AudioFacts
from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.core.findings import Basis, Finding
from hotline_qa.rules import scopes
from hotline_qa.rules.base import Need, Rule, RuleConfig
from hotline_qa.rules.catalogue.courtesy import (
    compile_any,
    match_time,
    regex_matches,
)
from hotline_qa.rules.catalogue.fragments import found_across_cut
from hotline_qa.rules.catalogue.listening import spoken_end, uses_audio
from hotline_qa.rules.context import CallContext, may_match_text
from hotline_qa.rules.matchers import Match, PhraseSet
from hotline_qa.rules.registry import register
from hotline_qa.text.normalize import normalize_text
from hotline_qa.text.numbers import find_digit_sequences

OUTBOUND = frozenset({"outbound", "out", "callback", "呼出", "外呼", "回访", "回拨"})

GOOD_GREETINGS = ("您好", "早上好", "上午好", "中午好", "下午好", "晚上好", "早安", "午安", "新年好")
# "端午安康" (the Dragon Boat wish) holds "午安" and greets nobody at noon.
GREETING_LOOKALIKES = ("端午安康", "端午安")
_GOOD_GREETING = PhraseSet(GOOD_GREETINGS, exclude=GREETING_LOOKALIKES, name="greeting")
_NI_HAO = re.compile(r"你好")
# A summons "喂": at a clause start (not "喂养/喂奶/喂药…"), or before "听得到/在吗…".
SUMMONS_WEI = re.compile(
    r"(?:(?<=^)|(?<=[\s,.!?;:。，、…~嗯呃])|(?<=那个))喂+(?![养奶药食饭饱猪鸡狗猫鱼])"  # (after a hesitation too)
    r"|喂+(?=(?:您|你)?(?:还在|在吗|在不在|听得|听不|能听|听到|听见))"
)
# Greeting words and the like that do not identify anyone ("您好很高兴为您服务" names no unit).
# "这里是客服", "在线客服为您服务" and "幺零二三号为您服务" name no unit either: the generic words
# of the trade and a staff number ("…号") are dropped too.
# ("您好,让您久等了工号幺零八三为您服务", field call 1191: the apology for the wait names no unit)
_NOT_IDENTITY = re.compile(r"(?:抱歉|不好意思|对不起)?(?:让(?:您|你))?久等了?|您好|你好|喂|嗯|呃|早上好|上午好|中午好|下午好|晚上好"
                           r"|很高兴|非常高兴|为您服务|欢迎|来电|致电"
                           r"|这里是|这边是|感谢|客服|人工|在线|售后|专员|话务员|坐席|工号|[工公攻宫供][号好浩豪皓](?=\s*[0-9零〇一二三四五六七八九幺两]{2})"
                           r"|[0-9零〇一二三四五六七八九幺两]{2,8}号|您|的|[\s,.!?。，、]")


def is_outbound(call: Call) -> bool:
    d = (call.metadata.direction or "").strip().lower()
    return d in OUTBOUND


def opening_turns(ctx: CallContext, turns: int) -> tuple[Utterance, ...]:
    """The agent's utterances with text in the first ``turns`` speaking turns (ASR sentences
    of one turn count once, see ``Call.turn_of``).

    Computed once per call and window size: the OPN rules, ANS and TAB ask for it in turn.
    """
    if turns <= 0:
        return ()
    return ctx.memo(("opening.turns", turns), lambda: _opening_turns(ctx, turns))


def _opening_turns(ctx: CallContext, turns: int) -> tuple[Utterance, ...]:
    """``opening_turns`` computed. Untimed lines are turns of their own (``Call.turn_of``), but the
    agent's lines before the customer first speaks are all the opening ("您好爱奇艺客服" / "工号九五二七" /
    "请问有什么可以帮您", field call 422): they count as one turn."""
    agent = [u for u in ctx.agent_turns if u.text]
    # (a one-sided transcript has no customer words to end the opening)
    customer_at = None if ctx.call.has_timestamps else next(
        (u.index for u in ctx.call.utterances if u.role is Role.CUSTOMER and u.text), None)
    lead = [u for u in agent if u.index < customer_at] if customer_at is not None else []
    if len(lead) <= 1:
        return scopes.first_turns(ctx.call, agent, turns)
    after = agent[len(lead):]
    return tuple(lead) + (tuple(scopes.first_turns(ctx.call, after, turns - 1)) if turns > 1 else ())


def _per_turn(ctx: CallContext, part: str, matcher: object, extra: tuple[str, ...], u: Utterance,
              find: Callable[[], list[Match]]) -> list[Match]:
    """``find()`` for turn ``u``, once per call: the opening rules look for the same parts
    (greeting, unit, agent, offer) in the same first turns, and the identity patterns are
    costly regexes. The result depends on ``part``, the ``matcher`` object (keyed by id: a
    compiled pattern hashes its whole program) and the ``extra`` names; the list is shared
    (do not modify it)."""
    entry: list[Any] = ctx.memo(("opening.part", part, id(matcher), extra), lambda: [matcher, {}])
    if entry[0] is not matcher:  # the object itself: ids can be reused
        entry[0], entry[1] = matcher, {}
    cache: dict[int, list[Match]] = entry[1]
    found = cache.get(u.index)
    if found is None:
        found = cache[u.index] = find()
    return found


@dataclass(frozen=True)
class CompanyMatchers:
    """The rulebook's company settings, compiled once per distinct setting."""

    centers: PhraseSet
    identity: re.Pattern[str]
    agent: re.Pattern[str]

    def unit(self, u: Utterance, extra_names: Sequence[str] = ()) -> list[Match]:
        found = [m for m in _phrase_matches(self.centers, u)]
        for m in (regex_matches(self.identity, u) if may_match_text(self.identity, u.text) else ()):
            m = _trim_identity(m)
            if len(_NOT_IDENTITY.sub("", m.text)) >= 2:
                found.append(m)
        for name in extra_names:
            i = u.text.find(name)
            if name and i >= 0:
                found.append(Match(u.index, i, i + len(name), name, "metadata"))
        return sorted(found, key=lambda m: m.start)

    def unit_in(self, ctx: CallContext, u: Utterance, extra_names: tuple[str, ...] = ()) -> list[Match]:
        """``unit`` for a turn of ``ctx``'s call, found once per call (shared: do not modify)."""
        return _per_turn(ctx, "unit", self, extra_names, u, lambda: self.unit(u, extra_names))

    def person_in(self, ctx: CallContext, u: Utterance, extra_names: tuple[str, ...] = ()) -> list[Match]:
        """``person`` for a turn of ``ctx``'s call, found once per call (shared: do not modify)."""
        return _per_turn(ctx, "person", self, extra_names, u, lambda: self.person(u, extra_names))

    def person(self, u: Utterance, extra_names: Sequence[str] = ()) -> list[Match]:
        found = ([_trim_identity(m) for m in regex_matches(self.agent, u)]
                 if may_match_text(self.agent, u.text) else [])
        for name in extra_names:
            i = u.text.find(name)
            if name and i >= 0:
                found.append(Match(u.index, i, i + len(name), name, "metadata"))
            elif len(name) >= 2 and name.isascii() and name.isdigit():
                # the staff number said digit by digit in Chinese numerals ("六一八" for 618)
                found += [Match(u.index, r.start, r.end, r.surface, "metadata")
                          for r in find_digit_sequences(u.text, min_digits=len(name)) if r.digits == name]
        return sorted(found, key=lambda m: m.start)


# Where a greedy identity pattern runs on into the next part of an unpunctuated opening.
_NEXT_PART = re.compile(r"工号|[工公攻宫供][号好浩豪皓](?=\s*[0-9零〇一二三四五六七八九幺两]{2})|我是|我叫|我姓|请问|很高兴|有什么|您有")


def _trim_identity(m: Match) -> Match:
    cut = _NEXT_PART.search(m.text, 2)
    if cut is None:
        return m
    return Match(m.utterance, m.start, m.start + cut.start(), m.text[:cut.start()], m.pattern)


def _phrase_matches(ps: PhraseSet, u: Utterance) -> list[Match]:
    return [Match(u.index, h.start, h.end, u.text[h.start:h.end], h.phrase) for h in ps.find(u.text)]


@lru_cache(maxsize=16)
def _company(centers: tuple[str, ...], identity: tuple[str, ...], agent: tuple[str, ...]) -> CompanyMatchers:
    return CompanyMatchers(PhraseSet(centers, name="center"), compile_any(identity), compile_any(agent))


def company_matchers(ctx: CallContext, rule: Rule | None = None) -> CompanyMatchers:
    """The company's identity matchers, plus the rule's own ``unit_patterns`` and
    ``agent_patterns`` params (generic unit names such as "XX银行信用卡中心", ASR slips such
    as "公号" for "工号") when the rule has them."""
    c: Mapping[str, Any] = ctx.settings.get("company") or {}
    unit_extra: tuple[str, ...] = ()
    agent_extra: tuple[str, ...] = ()
    if rule is not None:
        unit_extra = tuple(rule.config.params.get("unit_patterns") or ())
        agent_extra = tuple(rule.config.params.get("agent_patterns") or ())
    return _company(
        tuple(c.get("center_names") or ()),
        tuple(c.get("identity_patterns") or ()) + unit_extra,
        tuple(c.get("agent_name_patterns") or ()) + tuple(c.get("staff_no_patterns") or ()) + agent_extra,
    )


def metadata_unit_names(call: Call) -> tuple[str, ...]:
    """The call's ``center_name``, and its name without the generic ending ("星途在线教育客服中心"
    said "星途在线教育客服小林", field call 349) when three characters or more are left; with a hotline
    number in it, also the name up to the number, the brand before it, the number alone, and each said
    digit by digit."""
    name = call.metadata.center_name
    return _unit_names(name) if name else ()


@lru_cache(maxsize=64)
def _unit_names(name: str) -> tuple[str, ...]:
    """``metadata_unit_names`` of a center's name (OPN001 and OPN003 ask it of every call, and the
    calls of a batch share a few names)."""
    full = normalize_text(name)
    stem = _CENTER_ENDING.sub("", full)
    names = [full, stem] if stem != full and len(stem) >= 3 else [full]
    brand = _COMPANY_ENDING.sub("", stem)
    if brand != stem and len(brand) >= _BRAND_MIN_CHARS:
        names.append(brand)  # "平安健康保险客服热线" said "晚上好 平安健康" (field call 921)
    numbered = _HOTLINE_NUMBER.search(full)
    if numbered is not None and numbered.end() < len(full):
        names.append(full[:numbered.end()])  # "国网95598供电服务热线" said "国网九五五九八" (field call 410)
    if numbered is not None and numbered.start() >= _BRAND_MIN_CHARS:
        names.append(full[:numbered.start()])  # "平安产险95511理赔专线" said "平安产险理赔专员小周" (411)
    if numbered is not None:
        names.append(numbered.group())  # the hotline number names the service: "国家电网九五五九八" (819)
    # a number in the name is said digit by digit: "95598" is "九五五九八", "12345" "幺二三四五"
    names += [spoken for n in names if _DIGIT.search(n) for spoken in _spoken_digits(n)]
    return tuple(dict.fromkeys(names))


# A hotline number in a center's name ("国网95598供电服务热线", "12345市民热线"): the name up to it is
# the name an agent says first.
_HOTLINE_NUMBER = re.compile(r"\d{5,}")
_BRAND_MIN_CHARS = 4  # the name before the number, when it is a name ("平安产险"; not "国网")
# The kind of company after a brand: "平安健康保险", "星途教育科技有限公司".
_COMPANY_ENDING = re.compile(r"(?:保险|集团|科技|(?:股份)?有限公司|公司)+$")
_DIGIT = re.compile(r"\d")
_DIGIT_WORDS = str.maketrans("0123456789", "零一二三四五六七八九")


def _spoken_digits(name: str) -> tuple[str, ...]:
    """``name`` with its Arabic digits as spoken digit words, with 一 and with 幺."""
    spoken = name.translate(_DIGIT_WORDS)
    return (spoken, spoken.replace("一", "幺")) if "一" in spoken else (spoken,)


# The generic ending of a center's name: "客服中心", "客户服务中心", "服务热线", "呼叫中心", or a bare
# "客服" ("美团外卖客服" said "您好美团外卖", field call 832).
_CENTER_ENDING = re.compile(r"(?:(?:客户服务|客服|服务|呼叫|热线|理赔|咨询|投诉)?(?:中心|热线|专线|部)|客户服务|客服)$")


def metadata_person_names(call: Call) -> tuple[str, ...]:
    out = []
    if call.metadata.agent_name:
        name = normalize_text(call.metadata.agent_name)
        out.append(name)
        if len(name) >= 2:
            out += ["小" + name[0], "小" + name[-1]]  # 周敏 says "小周" or "小敏"
    if call.metadata.staff_no:
        out.append(normalize_text(call.metadata.staff_no))
    return tuple(out)


class OpeningParts:
    """Finds the three parts of an opening (greeting, identity, offer) in the window."""

    def __init__(self, offer_patterns: Iterable[str]) -> None:
        self.offer = compile_any(offer_patterns)

    def greeting(self, u: Utterance) -> list[Match]:
        return _phrase_matches(_GOOD_GREETING, u)

    def offers(self, u: Utterance) -> list[Match]:
        if not may_match_text(self.offer, u.text):
            return []
        return regex_matches(self.offer, u, own_only=False)

    def greeting_in(self, ctx: CallContext, u: Utterance) -> list[Match]:
        """``greeting`` for a turn of ``ctx``'s call, found once per call (shared: do not modify)."""
        return _per_turn(ctx, "greeting", _GOOD_GREETING, (), u, lambda: self.greeting(u))

    def offers_in(self, ctx: CallContext, u: Utterance) -> list[Match]:
        """``offers`` for a turn of ``ctx``'s call, found once per call (shared: do not modify).
        Rules with the same offer patterns share it (``re.compile`` gives them one pattern)."""
        return _per_turn(ctx, "offers", self.offer, (), u, lambda: self.offers(u))


# Default offer-of-service patterns live in the rulebook (OPN004.params.offer_patterns).

#: The greeting finder for rules without offer patterns (OPN002).
_GREETING_PARTS = OpeningParts(())


def _window(rule: Rule, ctx: CallContext) -> tuple[Utterance, ...]:
    turns = opening_turns(ctx, int(rule.param("turns")))
    if not turns:
        raise rule.not_applicable("通话中没有坐席发言 (no agent speech)")
    return turns


# --------------------------------------------------------------------------------------------


def spoken_time(audio: AudioFacts, u: Utterance, char_index: int) -> float | None:
    """When character ``char_index`` of ``u`` was said, spread over the time the recording heard
    the speaker inside the turn (pauses skipped); linear over the turn when nothing was heard."""
    if u.start is None or u.end is None or not u.text:
        return match_time(u, char_index)
    start, end = u.start, u.end
    spans = [(max(s.start, start), min(s.end, end)) for s in audio.spans(u.role) if s.end > start and s.start < end]
    total = sum(b - a for a, b in spans)
    if total <= 0:
        return match_time(u, char_index)
    want = total * min(1.0, char_index / len(u.text))
    for a, b in spans:
        if want <= b - a:
            return a + want
        want -= b - a
    return spans[-1][1]


def answered_at(call: Call, first_agent: Utterance) -> float:
    """When the agent answered, in seconds on the transcript's clock: 0, or, when the recording
    begins with the IVR (system turns before the agent's first words), the end of the IVR plus
    the queue and ring times of the metadata. Without either time the answer cannot be placed
    after the IVR: the agent's first words are taken for it (only the opening's own length is
    judged). Never later than the agent's first words."""
    first = first_agent.start
    if first is None:
        return 0.0
    ivr_end: float | None = None
    for u in call.utterances:  # only the lines before the agent's first words
        if u.index >= first_agent.index:
            break
        if u.role is Role.SYSTEM:
            ivr_end = max(ivr_end or 0.0, u.end if u.end is not None else (u.start or 0.0))
    if ivr_end is None:
        return 0.0
    md = call.metadata
    if md.queue_seconds is None and md.ring_seconds is None:
        return first
    return min(first, ivr_end + (md.queue_seconds or 0.0) + (md.ring_seconds or 0.0))


def _since(answered: float) -> str:
    return f"（从语音导航、排队和振铃之后的接起时刻约 {answered:.1f} 秒起算）" if answered else ""


@register
class OpeningTooSlow(Rule):
    """The opening (greeting, identity, offer of service) is not complete within 10 s of answering.

    The time of each part is estimated inside its turn (linear over the turn), so an opening
    followed by a long explanation in the same turn is not penalised; an offer the ASR cut into two
    sentences ("工号幺零四七请问有什么" / "可以帮您") is timed by its words before the cut. Parts that are missing
    altogether are judged by OPN002–OPN004; this rule judges the timing of those present.
    With a stereo recording the agent's first speech is heard on the agent channel and the
    parts are placed on the time the agent was actually speaking; a recording without a
    transcript shows only when the agent first spoke. A turn with only a start time (the
    export estimated its end at the next line) is taken to be said at
    ``estimated_chars_per_second``, not spread until the customer's reply. A recording that begins with the IVR
    (system turns) is timed from when the agent answered (``answered_at``). Not applicable to outbound calls unless
    the rulebook says ``apply_to_outbound: true``: the agent first checks who answered
    ("请问是刘女士吗？") and only then says who is calling.
    """

    code = "OPN001"
    slug = "opening.slow_opening"
    family = "OPN"
    name_zh = "开场白超时"
    name_en = "Opening not complete within 10 s"
    dimension = "opening"
    needs = (Need.TEXT, Need.TIMESTAMPS)
    audio_replaces = (Need.TEXT, Need.TIMESTAMPS)
    source = "003 三(二)"
    why = "接听后需在10秒内完成开场白，包含禮貌问候、身份说明、服务意向确认三要素（003 三(二)）。"
    suggestion = "接起即说完整开场白：“您好，这里是XX客服中心，我是客服专员小周，请问您有什么业务需要咨询或协助吗？”（003 三(二)）"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._parts = OpeningParts(self.param("offer_patterns"))

    def basis(self, ctx: CallContext) -> Basis:
        return Basis.AUDIO if uses_audio(ctx) else Basis.TIMESTAMPS

    def _first_words_only(self, ctx: CallContext, audio: AudioFacts | None, limit: float) -> list[Finding]:
        """No timed transcript: only when the agent first spoke (from the recording) can be judged."""
        first_at = audio.first_speech(Role.AGENT) if audio is not None else None
        if first_at is None:
            raise self.not_applicable("转写没有时间戳，录音也无法区分坐席 (no timestamps, no agent channel)"
                                      if audio is None else "录音坐席声道没有语音 (no speech on the agent channel)")
        ctx.report(self.code, {"first_agent_speech": round(first_at, 1), "limit_seconds": limit})
        if first_at > limit:
            return [self.finding(f"接通 {first_at:.1f} 秒后坐席才开口，超过 {limit:g} 秒",
                                 explanation="录音坐席声道的第一段语音晚于时限", time_start=first_at)]
        raise self.not_applicable(f"没有带时间戳的转写，无法判断开场白何时说完（录音显示坐席在 {first_at:.1f} 秒开口）"
                                  "(no timed transcript: only the first agent speech is known)")

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        limit = float(self.param("max_seconds"))
        if is_outbound(ctx.call) and not bool(self.param("apply_to_outbound")):
            raise self.not_applicable("呼出/回访电话先核实接听人再报身份，接听时效不适用 (outbound call)")
        audio = ctx.audio if uses_audio(ctx) else None
        if not ctx.call.has_timestamps or not ctx.agent_turns:
            return self._first_words_only(ctx, audio, limit)
        window = _window(self, ctx)
        company = company_matchers(ctx, self)
        units, persons = metadata_unit_names(ctx.call), metadata_person_names(ctx.call)
        first: dict[str, tuple[Utterance, Match]] = {}
        for u in window:
            for part, found in (("问候", self._parts.greeting_in(ctx, u)), ("单位", company.unit_in(ctx, u, units)),
                                ("姓名/工号", company.person_in(ctx, u, persons)),
                                ("服务意向", self._parts.offers_in(ctx, u))):
                if found and part not in first:
                    first[part] = (u, min(found, key=lambda m: m.end))
        if "服务意向" not in first:
            # the offer cut by the ASR: "幺零四七请问有什么" / "可以帮您" is timed by its words before the cut, its
            # question asked (field call 803 at 11.0 s; 483's "工号三五二七请问有什么" / "可以帮您" at 9.7 s)
            heads = found_across_cut(ctx, window, self._parts.offers)
            if heads:
                m = min(heads, key=lambda h: h.utterance)
                first["服务意向"] = (next(u for u in window if u.index == m.utterance), m)

        first_turn = window[0]
        answered = answered_at(ctx.call, first_turn)  # 0 unless the recording begins with the IVR

        cps = float(self.param("estimated_chars_per_second"))

        def at(u: Utterance, char_index: int) -> float | None:
            if audio is not None:
                t = spoken_time(audio, u, char_index)
            elif u.end_estimated and u.start is not None and u.end is not None:
                # only a start time was given: the words take their time at ``cps``, not up to the next line
                t = match_time(replace(u, end=spoken_end(u, cps)), char_index)
            else:
                t = match_time(u, char_index)
            return None if t is None else t - answered

        first_start = first_turn.start
        heard = audio.first_speech(Role.AGENT) if audio is not None else None
        if heard is not None:
            first_start = heard
        findings = []
        if first_start is not None and first_start - answered > limit:
            findings.append(self.finding(
                f"接通 {first_start - answered:.1f} 秒后坐席才开口，超过 {limit:g} 秒",
                utterances=[first_turn], time_start=first_start,
                explanation=("录音坐席声道的第一段语音晚于时限" if heard is not None
                             else "第一句坐席发言的开始时间晚于时限") + _since(answered)))
        report: dict[str, Any] = {"parts": {p: at(u, m.end) for p, (u, m) in first.items()},
                                  "missing": [p for p in ("问候", "单位", "姓名/工号", "服务意向") if p not in first],
                                  "limit_seconds": limit}
        if heard is not None:
            report["first_agent_speech"] = round(heard, 1)
        if answered:
            report["answered_at"] = round(answered, 1)
        ctx.report(self.code, report)
        if not first:
            if findings:
                return findings
            raise self.not_applicable("开场三要素均未出现，时效无从判断（见 OPN002–OPN004）(no opening parts found)")
        done_part, (done_u, done_m) = max(first.items(), key=lambda kv: at(kv[1][0], kv[1][1].end) or 0.0)
        done_at = at(done_u, done_m.end) or 0.0
        how = ("按字符位置在录音中坐席实际说话的时间上（不含停顿）估计各要素说完的时刻" if audio is not None
               else "按字符位置在轮次时间内线性估计各要素说完的时刻")
        if done_at > limit and not findings:
            findings.append(self.finding(
                f"开场白约在接通后 {done_at:.1f} 秒才完成（最后说出的是{done_part}），超过 {limit:g} 秒",
                utterances=sorted({u.index: u for u, _ in first.values()}.values(), key=lambda x: x.index),
                matches=[m for _, m in first.values()],
                explanation=f"{how}；{done_part}“{done_m.text}”约在 {done_at:.1f} 秒" + _since(answered),
                details={"completed_at": round(done_at, 1), "limit": limit}))
        return findings


@register
class ImproperGreeting(Rule):
    """The opening lacks a proper greeting ("您好" or a time-of-day greeting), greets with
    "你好", or starts with the summons "喂".

    "喂" counts only at the start of a clause or as a summons ("喂您好", "喂喂听得到吗"), not
    in words like "喂养". Later summons are judged by TAB002.
    """

    code = "OPN002"
    slug = "opening.improper_greeting"
    family = "OPN"
    name_zh = "开场问候不规范"
    name_en = "Improper or missing greeting"
    dimension = "opening"
    source = "003 三(二), 004 宜① 忌① 忌②, 001"
    why = "开场先礼貌问候，说“您好”或“早上好”“下午好”等；忌说“喂”“你”（004 宜①、忌②）。"
    suggestion = "以“您好”或时段问候开场：“您好，这里是XX客服中心，我是客服专员小周，请问您有什么业务需要咨询或协助吗？”（003 三(二)）"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        window = _window(self, ctx)
        findings: list[Finding] = []
        good = [m for u in window for m in _GREETING_PARTS.greeting_in(ctx, u)]
        wei = [m for u in window for m in regex_matches(SUMMONS_WEI, u)]
        by_index = {u.index: u for u in window}
        if wei:
            findings.append(self.finding(
                "开场用“喂”招呼客户", utterances=[by_index[wei[0].utterance]], matches=wei[:1],
                explanation="开场窗口内句首/呼叫用的“喂”"))
        if not good:
            nihao = [m for u in window for m in regex_matches(_NI_HAO, u, own_only=False)]
            if nihao:
                findings.append(self.finding(
                    "问候语用了“你好”，应说“您好”", utterances=[by_index[nihao[0].utterance]], matches=nihao[:1],
                    explanation="开场窗口内只有“你好”，没有“您好”或时段问候"))
            else:
                findings.append(self.finding(
                    "开场没有问候语", utterances=list(window),
                    explanation=f"前 {len(window)} 句坐席发言中没有“您好”或时段问候"))
        return findings


@register
class MissingIdentity(Rule):
    """The opening does not name the unit/center and the agent (name or staff number).

    Unit: a center name or identity pattern from the rulebook's ``company`` settings (or the
    call's ``center_name`` metadata). Agent: an agent-name or staff-number pattern (or the
    call's ``agent_name``/``staff_no``). A bare "您好" fails (004 忌①).
    """

    code = "OPN003"
    slug = "opening.missing_identity"
    family = "OPN"
    name_zh = "开场白未报身份"
    name_en = "Opening without unit and agent identity"
    dimension = "opening"
    source = "003 三(二), 004 忌①, 001"
    why = "开场白须包含身份说明：单位/中心名称和坐席姓名或工号（003 三(二)）；问候客户时忌仅说“您好”（004 忌①）。"
    suggestion = "报出单位和本人：“您好，这里是XX客服中心，我是客服专员小周……”或“您好，XX银行信用卡中心为您服务”（003 三(二)）。"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        window = _window(self, ctx)
        company = company_matchers(ctx, self)
        units, persons = metadata_unit_names(ctx.call), metadata_person_names(ctx.call)
        unit = [m for u in window for m in company.unit_in(ctx, u, units)]
        person = [m for u in window for m in company.person_in(ctx, u, persons)]
        # sentence-level ASR cuts an opening anywhere: "…热线工号三" / "三零六请问有" names the agent
        unit = unit or found_across_cut(ctx, window, lambda u: company.unit(u, units))
        person = person or found_across_cut(ctx, window, lambda u: company.person(u, persons))
        ctx.report(self.code, {"unit": [m.text for m in unit], "agent": [m.text for m in person]})
        missing = [label for label, found in (("单位/中心名称", unit), ("坐席姓名/工号", person)) if not found]
        if not missing:
            return []
        return [self.finding(
            f"开场白未报{'和'.join(missing)}", utterances=list(window), matches=unit + person,
            explanation=f"前 {len(window)} 句坐席发言中未匹配到规则库 company 设置里的{'、'.join(missing)}写法",
            details={"missing": missing})]


@register
class MissingOffer(Rule):
    """The opening does not offer service ("请问有什么可以帮您" or an equivalent).

    Not applicable to outbound calls (``direction: outbound``): the agent states the
    purpose of the call instead.
    """

    code = "OPN004"
    slug = "opening.missing_offer"
    family = "OPN"
    name_zh = "开场白未询问需求"
    name_en = "Opening without an offer of service"
    dimension = "opening"
    source = "003 三(二), 004 忌①"
    why = "开场白须包含服务意向确认，如“请问有什么可以帮您”（003 三(二)）。"
    suggestion = "开场最后询问需求：“请问您有什么业务需要咨询或协助吗？”（003 三(二)）"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._parts = OpeningParts(self.param("offer_patterns"))

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        if is_outbound(ctx.call):
            raise self.not_applicable("呼出/回访电话不要求询问需求 (outbound call)")
        window = _window(self, ctx)
        if any(self._parts.offers_in(ctx, u) for u in window) or found_across_cut(ctx, window, self._parts.offers):
            return []  # also "…工号五零三幺请问有什么" / "可以帮您" (cut by the ASR)
        return [self.finding("开场白未询问客户需求（如“请问有什么可以帮您”）", utterances=list(window),
                             explanation=f"前 {len(window)} 句坐席发言中未匹配到服务意向话术")]


# --------------------------------------------------------------------------------------------


def _parse_clock(text: str) -> time:
    hh, mm = str(text).split(":")
    h = int(hh)
    return time(23, 59, 59) if h >= 24 else time(h, int(mm))


@register
class WrongTimeOfDayGreeting(Rule):
    """A time-of-day greeting ("早上好", "下午好"…) does not match the local time the call started.

    Bands per greeting are rulebook params (``bands``: greeting -> list of [from, to] local
    clock times), with a tolerance in minutes. The call's ``started_at`` is converted to the
    rulebook's time zone. A call without a time-of-day greeting passes.
    """

    code = "OPN005"
    slug = "opening.wrong_time_greeting"
    family = "OPN"
    name_zh = "时段问候与来电时间不符"
    name_en = "Time-of-day greeting does not match the time"
    dimension = "opening"
    metadata_keys = ("started_at",)
    source = "004 宜①"
    why = "问候语“早上好”“下午好”“晚上好”须与来电时间相符（004 宜①）。"
    suggestion = "按来电时间问候：上午说“早上好/上午好”，中午说“中午好”，下午说“下午好”，晚上说“晚上好”；拿不准时说“您好”。"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        bands: Mapping[str, Any] = self.param("bands")
        self._bands: dict[str, list[tuple[time, time]]] = {
            normalize_text(str(g)): [(_parse_clock(a), _parse_clock(b)) for a, b in ranges]
            for g, ranges in bands.items()
        }
        self._set = PhraseSet(self._bands, exclude=self.param("exclude") or (), name="OPN005")

    def _fits(self, greeting: str, minutes: int) -> bool:
        tol = int(self.param("tolerance_minutes"))
        for a, b in self._bands.get(greeting, []):
            lo, hi = a.hour * 60 + a.minute - tol, b.hour * 60 + b.minute + tol
            if lo <= minutes <= hi or lo <= minutes + 1440 <= hi or lo <= minutes - 1440 <= hi:
                return True
        return False

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        window = _window(self, ctx)
        start = ctx.local_start
        if start is None:
            raise self.not_applicable("缺少来电时间 started_at (no call start time)")
        minutes = start.hour * 60 + start.minute
        hits = ctx.find(self._set, window)
        ctx.report(self.code, {"local_time": start.strftime("%H:%M"), "greetings": [m.text for m in hits]})
        by_index = {u.index: u for u in window}
        wrong = [m for m in hits if not self._fits(m.text, minutes)]
        return [self.finding(
            f"来电时间 {start:%H:%M}，却问候“{m.text}”",
            utterances=[by_index[m.utterance]], matches=[m],
            explanation=f"“{m.text}”的时段：" + "，".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in self._bands[m.text])
            + f"（容差 {self.param('tolerance_minutes')} 分钟，时区 {ctx.timezone.key}）",
        ) for m in wrong]


_HOLIDAY_WISH = re.compile(
    r"(?:节日|佳节|春节|新春|新年|元旦|国庆|中秋|端午|五一|劳动节|假期|假日|过年|[秋午旦庆动]节)(?:快乐|愉快|安康|吉祥|如意)"
    r"|(?:新年|过年|春节|新春|节日|过节)好"
)


@register
class MissingHolidayWishes(Rule):
    """On a public holiday, the agent does not wish the customer a happy holiday ("节日快乐",
    "新年好", "国庆快乐"…) in the opening greeting (004 宜①: the greeting comes before the
    center's name, and on an important holiday it wishes "节日快乐"). Wishes only at the end of the
    call ("祝您节日快乐 再见") are good, but late: the finding says so.

    Holidays come from China's official calendar (``WorkCalendar``); days listed in
    ``skip_holidays`` (清明节 is a day of remembrance) and ordinary weekends do not call for
    wishes. ``extra_days`` ("MM-DD": name) adds days such as 圣诞节 for centers that greet them.
    """

    code = "OPN006"
    slug = "opening.missing_holiday_wishes"
    family = "OPN"
    name_zh = "节日未致节日问候"
    name_en = "No holiday wishes on a public holiday"
    dimension = "opening"
    metadata_keys = ("started_at",)
    source = "004 宜①"
    why = "如果是重要节日，需要问候客户“节日快乐”，如法定节假日（004 宜①）。"
    suggestion = "节日来电在问候中加上节日祝福：“您好，节日快乐！这里是XX客服中心……”（004 宜①）"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        from hotline_qa.analyzers.workdays import WorkCalendar

        self._calendar = WorkCalendar()

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        start = ctx.local_start
        if start is None:
            raise self.not_applicable("缺少来电时间 started_at (no call start time)")
        extra: Mapping[str, str] = self.param("extra_days") or {}
        name = extra.get(start.strftime("%m-%d"))
        if name is None:
            holiday, name = self._calendar.is_holiday(start.date())
            if not holiday:
                name = None
        skip = set(self.param("skip_holidays") or ())
        ctx.report(self.code, {"date": start.date().isoformat(), "holiday": name})
        if not name or name in skip:
            return []
        window = _window(self, ctx)
        if any(regex_matches(_HOLIDAY_WISH, u) for u in window):
            return []
        closing = scopes.closing(ctx.call, turns=int(self.param("turns")))
        late = any(regex_matches(_HOLIDAY_WISH, u) for u in closing if u not in window)
        return [self.finding(
            f"{start:%m月%d日}为{name}，坐席开场未致节日问候" + ("（只在结束时祝福）" if late else ""),
            utterances=list(window),
            suggestion=f"节日来电在问候中加上祝福：“您好，{name.removesuffix('节')}快乐！这里是XX客服中心……”（004 宜①）。",
            explanation=f"法定节假日（{name}）的开场问候中没有节日祝福" + (
                "；结束时的祝福很好，但 004 宜① 要求在报出单位名称前的问候里就说" if late else ""))]
