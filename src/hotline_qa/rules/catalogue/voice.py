"""VOC: voice (语音表达) — speech rate, slowing down for agitated customers, volume, tone,
background noise, clarity.

Speech rate works on (characters, seconds spoken) pairs: with a stereo recording the
seconds are the time the agent's channel actually carried speech inside the turn (pauses
excluded), else the turn's duration from the transcript; with a recording and no
transcript, the syllables counted in the sound stand in for the characters. Volume, tone
and noise (VOC003–VOC005) are measured on the agent's channel (``ctx.audio``). Each result
says what it was judged from (``basis``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hotline_qa.core.audio_facts import AudioFacts, VoiceFacts
from hotline_qa.core.call import Role, Utterance
from hotline_qa.core.findings import Basis, Finding
from hotline_qa.rules.base import Need, Rule
from hotline_qa.rules.catalogue.listening import call_time_resolution, clock, uses_audio
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.registry import register
from hotline_qa.text.numbers import find_digit_sequences

NO_AUDIO = "缺少双声道录音 (needs the stereo recording)"

# What ``text.normalize.hanzi_count`` counts is CJK ideographs, or ``str.isalnum``
# (``[^\W_]``: re's \w is isalnum plus "_"). Its complement, one character at a time, is
# what is not \w nor an ideograph, and "_": deleting those leaves the spoken characters
# (faster than listing them: a turn has few of the others).
_UNSPOKEN = re.compile(r"[^\w\u3400-\u9fff\uf900-\ufaff]|_")


def spoken_chars(text: str) -> int:
    """``hanzi_count(text)`` in one C-level pass: characters spoken as one syllable each."""
    return len(_UNSPOKEN.sub("", text))


@dataclass(frozen=True, slots=True)
class TurnRate:
    """One agent turn's speech rate: spoken characters per minute over the seconds spoken.

    ``utterance`` is the turn's first sentence; ``sentences`` all of them (ASR sentences of
    one speaking turn are measured together).
    """

    utterance: Utterance
    chars: int
    seconds: float
    sentences: tuple[Utterance, ...] = ()

    @property
    def per_minute(self) -> float:
        return self.chars / self.seconds * 60.0


def speech_rate(chars: int, seconds: float) -> float:
    """Characters per minute; 0 when nothing was spoken."""
    return chars / seconds * 60.0 if seconds > 0 else 0.0


def measurable_rates(turns: Sequence[Utterance], *, min_seconds: float, min_chars: int,
                     audio: AudioFacts | None = None,
                     turn_of: Mapping[int, int] | None = None) -> list[TurnRate]:
    """Agent turns long enough to measure (enough seconds and enough spoken characters).

    With ``turn_of`` (``Call.turn_of``) the ASR sentences of one speaking turn are measured
    together: their characters over the sum of their durations, the pauses between them
    left out (the time actually spoken). A 3-character sentence is too short to measure
    alone, a turn of eight of them is not.

    Turns whose end was estimated by the importer (only a start time was given) are skipped:
    their duration says nothing about how fast the agent spoke. With ``audio`` (a stereo
    recording) the seconds are those the turn's speaker was heard speaking inside the turn.
    """
    groups: dict[int, list[Utterance]] = {}
    for u in turns:
        if u.end_estimated or u.start is None or u.end is None:
            continue
        key = turn_of.get(u.index, -1 - u.index) if turn_of is not None else -1 - u.index
        groups.setdefault(key, []).append(u)
    out: list[TurnRate] = []
    for group in groups.values():
        d = 0.0
        n = 0
        for u in group:
            start, end = u.start, u.end
            assert start is not None and end is not None
            d += audio.spoken_seconds(u.role, start, end) if audio is not None else max(0.0, end - start)
            n += spoken_chars(u.text)
        if d < min_seconds or n < min_chars:
            continue
        out.append(TurnRate(group[0], n, d, tuple(group)))
    return out


def pooled_rate(rates: Sequence[TurnRate]) -> float:
    """The rate over several turns: all characters over all seconds."""
    return speech_rate(sum(r.chars for r in rates), sum(r.seconds for r in rates))


def _rate_audio(ctx: CallContext) -> AudioFacts | None:
    """The recording that times the turns: a stereo one, with a timed transcript to align."""
    return ctx.audio if uses_audio(ctx) and ctx.call.has_timestamps else None


class _RateRule(Rule):
    audio_replaces = (Need.TIMESTAMPS,)

    def basis(self, ctx: CallContext) -> Basis:
        return Basis.AUDIO if uses_audio(ctx) else Basis.TIMESTAMPS

    def rates(self, ctx: CallContext, turns: Sequence[Utterance] | None = None) -> list[TurnRate]:
        """Measurable rates of ``turns`` (default: every agent turn).

        The agent turns' rates are computed once per call and shared by the VOC rules;
        ``turns`` that are agent turns are taken from them.
        """
        min_seconds, min_chars = float(self.param("min_seconds")), int(self.param("min_chars"))
        audio = _rate_audio(ctx)
        turn_of = ctx.call.turn_of
        every = ctx.memo(("voice.rates", min_seconds, min_chars, audio is not None),
                         lambda: measurable_rates(ctx.agent_turns, min_seconds=min_seconds, min_chars=min_chars,
                                                  audio=audio, turn_of=turn_of))
        if turns is None:
            return list(every)
        if all(u.is_agent for u in turns):
            by_index = {s.index: r for r in every for s in r.sentences}
            picked = (by_index[u.index] for u in turns if u.index in by_index)
            return list({id(r): r for r in picked}.values())  # a turn once, in order
        return measurable_rates(turns, min_seconds=min_seconds, min_chars=min_chars, audio=audio, turn_of=turn_of)


@register
class SpeechRateOutOfRange(_RateRule):
    """The agent speaks too fast or too slow in a turn (characters per minute over the time spoken).

    The handbook's rate is 200–220 characters a minute; a turn is reported outside the
    warning band (default 180–250). Only turns long enough to measure count. When the
    transcript's times are whole seconds (``[00:15-00:18]``), each sentence's duration may be
    a second off either way: a turn is reported only when it is outside the band for every
    duration within that error. A slow turn that reads key information back or dictates a
    number digit by digit is not reported: important information is said slowly, in groups.

    Anti-pattern: 坐席一句话 5 秒说了 30 个字（360 字/分钟），客户听不清、觉得被敷衍。
    Best practice: 语调温和、语速适中，每分钟 200–220 字；客户情绪激动时适当放缓。
    """

    code = "VOC001"
    slug = "voice.speech_rate_out_of_range"
    family = "VOC"
    name_zh = "语速过快或过慢"
    name_en = "Speech rate out of range"
    dimension = "voice"
    needs = (Need.TIMESTAMPS,)
    source = "003 四(一), 002"
    why = "保持语调温和、语速适中（每分钟200-220字为宜），避免过快（客户易误解为敷衍）或过慢（客户易感知为拖沓）。"
    suggestion = "语速保持在每分钟200–220字：重要信息放慢、分段说，语速过慢时减少停顿和拖音。"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        low, high = float(self.param("warn_min")), float(self.param("warn_max"))
        tmin, tmax = self.param("target_min"), self.param("target_max")
        if uses_audio(ctx) and not ctx.call.has_timestamps:
            return self._from_syllables(ctx, low, high, tmin, tmax)
        rates = self.rates(ctx)
        if not rates:
            raise self.not_applicable("坐席没有足够长的发言可测语速 (no agent turn long enough to measure)")
        timed = "录音中实际说话的时间（不含停顿）" if _rate_audio(ctx) is not None else "转写时间戳"
        ctx.report(self.code, {"call_rate": round(pooled_rate(rates)), "turns_measured": len(rates),
                               "band": [low, high], "target": [tmin, tmax],
                               "seconds_from": "audio" if _rate_audio(ctx) is not None else "timestamps"})
        # Whole-second times: each sentence's duration is known to within a second either way.
        rounding = 0.0 if _rate_audio(ctx) is not None else call_time_resolution(ctx)
        out: list[Finding] = []
        for r in rates:
            rate = r.per_minute
            if low <= rate <= high:
                continue
            fast = rate > high
            slack = rounding * max(1, len(r.sentences))
            if slack and (speech_rate(r.chars, r.seconds + slack) <= high if fast
                          else r.seconds <= slack or speech_rate(r.chars, r.seconds - slack) >= low):
                continue
            if not fast and _dictates(r, ctx):
                continue  # numbers read out digit by digit: slowly, as the handbook asks
            u = r.utterance
            out.append(self.finding(
                f"坐席语速 {rate:.0f} 字/分钟，{'过快' if fast else '过慢'} ({clock(u.start or 0.0)})",
                utterances=list(r.sentences or (u,)),
                suggestion=("语速过快，请放慢到每分钟200–220字，关键信息逐项说清。" if fast
                            else "语速过慢，请保持每分钟200–220字，减少拖音和停顿。"),
                explanation=f"{'这句' if len(r.sentences) <= 1 else f'这轮发言（{len(r.sentences)} 句）'}"
                            f" {r.chars} 字用了 {r.seconds:.1f} 秒（{timed}），合 {rate:.0f} 字/分钟，"
                            f"超出 {low:g}–{high:g} 的提醒范围（建议 {tmin}–{tmax}）",
                details={"rate": round(rate), "chars": r.chars, "seconds": round(r.seconds, 1)},
            ))
        return out

    def _from_syllables(self, ctx: CallContext, low: float, high: float, tmin: object, tmax: object
                        ) -> list[Finding]:
        """No timed transcript: the syllables counted on the agent's channel, over the call."""
        voice = agent_voice(self, ctx)
        rate, seconds = measured(self, voice.syllable_rate, voice.syllable_seconds, "min_seconds",
                                 "录音中坐席说话太少，无法估计语速 (too little agent speech to measure)")
        ctx.report(self.code, {"call_rate": round(rate), "seconds": round(seconds, 1), "band": [low, high],
                               "target": [tmin, tmax], "seconds_from": "audio_syllables"})
        if low <= rate <= high:
            return []
        fast = rate > high
        return [self.finding(
            f"坐席语速约 {rate:.0f} 音节/分钟，{'过快' if fast else '过慢'}（按录音估计）",
            suggestion=("语速过快，请放慢到每分钟200–220字，关键信息逐项说清。" if fast
                        else "语速过慢，请保持每分钟200–220字，减少拖音和停顿。"),
            explanation=f"没有带时间戳的转写：在坐席声道 {seconds:.0f} 秒的语音中数音节（一字一音节，误差约 ±20%），"
                        f"合 {rate:.0f} 音节/分钟，超出 {low:g}–{high:g} 的提醒范围（建议 {tmin}–{tmax}）",
            details={"rate": round(rate), "seconds": round(seconds, 1)},
        )]


def _dictates(rate: TurnRate, ctx: CallContext) -> bool:
    """Whether the turn reads key information back or dictates a number (six digits or more):
    important information is said slowly and in groups (003 四(一)), not too slow."""
    sentences = rate.sentences or (rate.utterance,)
    read_back = ctx.memo("key_info.read_back_utterances",  # once per call, not once per slow turn
                         lambda: frozenset(k.read_back_utterance for k in ctx.analysis.key_info))
    return any(u.index in read_back or find_digit_sequences(u.text, min_digits=6) for u in sentences)


@register
class NotSlowerWhenAgitated(_RateRule):
    """In complaint passages the agent speaks faster than the agent's own average for the call.

    Complaint passages are the agent turns that answer a dissatisfied, angry or abusive
    customer turn (after the complaint starts).

    Anti-pattern: 客户越说越激动，坐席语速反而加快，像在急着打发客户。
    Best practice: 遇到情绪激动的客户，适当放缓语速，传递耐心感。
    """

    code = "VOC002"
    slug = "voice.faster_with_agitated_customer"
    family = "VOC"
    name_zh = "客户激动时未放缓语速"
    name_en = "Not slowing down for an agitated customer"
    dimension = "voice"
    needs = (Need.TEXT, Need.TIMESTAMPS)
    source = "003 四(一)"
    why = "遇到情绪激动的客户，可适当放缓语速，传递耐心感。"
    suggestion = "客户情绪激动时放慢语速、降低语调，先安抚：“您先别着急，我慢慢跟您说。”"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        if not ctx.call.has_timestamps:
            raise self.not_applicable("转写没有时间戳，无法与录音对齐 (the transcript has no timestamps)")
        info = ctx.analysis.complaint
        if not info.is_complaint:
            raise self.not_applicable("不是投诉来电 (not a complaint call)")
        kinds = {str(k) for k in self.param("agitated_emotions")}
        agitated = {e.utterance for e in ctx.analysis.emotions if str(e.emotion) in kinds}
        start = info.start_utterance if info.start_utterance is not None else -1
        speech = [u for u in ctx.call.utterances if u.is_agent or u.is_customer]
        passage: list[Utterance] = []
        last_customer: int | None = None
        for u in speech:
            if u.is_customer:
                last_customer = u.index
            elif u.index > start and last_customer is not None and last_customer in agitated:
                passage.append(u)
        all_rates = self.rates(ctx)
        hot = self.rates(ctx, passage)
        if not hot or len(all_rates) <= len(hot):
            raise self.not_applicable("投诉段落或通话其余部分没有足够长的坐席发言可比较语速 (not enough to compare)")
        avg, hot_rate = pooled_rate(all_rates), pooled_rate(hot)
        ratio = float(self.param("tolerance_ratio"))
        ctx.report(self.code, {"call_rate": round(avg), "complaint_rate": round(hot_rate)})
        if hot_rate <= avg * (1 + ratio):
            return []
        return [self.finding(
            f"客户激动时坐席语速 {hot_rate:.0f} 字/分钟，高于本通平均 {avg:.0f} 字/分钟",
            utterances=[r.utterance for r in hot],
            explanation=f"回应不满/愤怒客户的 {len(hot)} 句坐席发言平均 {hot_rate:.0f} 字/分钟，"
                        f"本通坐席平均 {avg:.0f} 字/分钟（容差 {ratio:.0%}）",
            details={"complaint_rate": round(hot_rate), "call_rate": round(avg)},
        )]


def agent_voice(rule: Rule, ctx: CallContext) -> VoiceFacts:
    """The agent channel's measures; not applicable without a stereo recording."""
    audio = ctx.audio
    if audio is None:
        raise rule.not_applicable(NO_AUDIO)
    voice = audio.speaker(Role.AGENT) if audio.stereo else None
    if voice is None:
        raise rule.not_applicable("单声道录音无法单独测量坐席 (mono recording: the agent's channel is unknown)")
    if voice.talk_seconds <= 0:
        raise rule.not_applicable("录音坐席声道没有语音 (no speech on the agent channel)")
    return voice


def measured(rule: Rule, value: float | None, seconds: float | None, min_param: str,
             reason: str) -> tuple[float, float]:
    """``value`` and the seconds of sound it was measured on (None: 0); not applicable (``reason``)
    when there is no value or fewer seconds than the rule's parameter ``min_param``."""
    secs = seconds or 0.0
    if value is None or secs < float(rule.param(min_param)):
        raise rule.not_applicable(reason)
    return value, secs


class _AudioRule(Rule):
    """A voice rule measured on the agent channel of a stereo recording."""

    needs = (Need.AUDIO,)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        return self.judge(ctx, agent_voice(self, ctx))

    def judge(self, ctx: CallContext, voice: VoiceFacts) -> list[Finding]:
        raise NotImplementedError


@register
class VolumeOutOfRange(_AudioRule):
    """The agent's speech level is too low or too loud, or clips (measured on the agent channel).

    Anti-pattern: 环境嘈杂时坐席刻意提高音量，录音削波；或声音太小客户反复追问。
    Best practice: 音量以客户清晰听清为准，通过调整麦克风距离、使用降噪功能解决环境问题。
    """

    code = "VOC003"
    slug = "voice.volume_out_of_range"
    family = "VOC"
    name_zh = "音量过大或过小"
    name_en = "Volume out of range"
    dimension = "voice"
    source = "003 四(一), 002, 004 忌③"
    why = "音量以客户清晰听清为准，避免因环境嘈杂刻意提高音量，也需避免音量过轻导致客户重复提问。"
    suggestion = "调整麦克风距离、使用降噪功能，让音量保持在客户能清晰听清的水平。"

    def judge(self, ctx: CallContext, voice: VoiceFacts) -> list[Finding]:
        low, high = float(self.param("min_dbfs")), float(self.param("max_dbfs"))
        max_clip = float(self.param("max_clipping_ratio"))
        level, clip = voice.speech_dbfs, voice.clipping_ratio or 0.0
        if level is None:
            raise self.not_applicable("录音坐席声道没有可测的语音 (no measurable agent speech)")
        ctx.report(self.code, {"speech_dbfs": level, "peak_dbfs": voice.peak_dbfs, "clipping_ratio": clip,
                               "band_dbfs": [low, high], "max_clipping_ratio": max_clip})
        out: list[Finding] = []
        if level < low:
            out.append(self.finding(
                f"坐席音量过小：语音平均电平 {level:.1f} dBFS，低于 {low:g} dBFS",
                suggestion="音量过小，客户容易听不清、反复追问：调整麦克风位置（距嘴 2–3 厘米）或提高话筒音量。",
                explanation=f"坐席声道说话时的平均电平（RMS）为 {level:.1f} dBFS，低于下限 {low:g} dBFS",
                details={"speech_dbfs": level}))
        elif level > high:
            out.append(self.finding(
                f"坐席音量过大：语音平均电平 {level:.1f} dBFS，高于 {high:g} dBFS",
                explanation=f"坐席声道说话时的平均电平（RMS）为 {level:.1f} dBFS，高于上限 {high:g} dBFS",
                details={"speech_dbfs": level}))
        if clip > max_clip:
            out.append(self.finding(
                f"坐席声音削波失真：{clip:.2%} 的语音样本达到满幅",
                suggestion="音量过大导致失真：降低话筒增益或让麦克风离嘴远一些，不要刻意提高音量。",
                explanation=f"坐席语音中 {clip:.2%} 的样本幅度达到满幅（≥ 0.98），超过 {max_clip:.2%}；"
                            f"峰值 {voice.peak_dbfs} dBFS",
                details={"clipping_ratio": clip}))
        return out


@register
class MonotoneVoice(_AudioRule):
    """The agent's voice is monotone: very little pitch variation across the call.

    Anti-pattern: 坐席全程平铺直叙、毫无起伏，听起来冷漠、像在念稿。
    Best practice: 让客户“听得见你的微笑”，语调自然有起伏。
    """

    code = "VOC004"
    slug = "voice.monotone"
    family = "VOC"
    name_zh = "语调平淡"
    name_en = "Monotone voice"
    dimension = "voice"
    source = "002 tone, 004 微笑服务"
    why = "微笑服务：让客户听得见你的微笑；语调平淡会让客户失去注意力、感到冷漠。"
    suggestion = "保持微笑，语调自然有起伏，关键信息适当加重。"

    def judge(self, ctx: CallContext, voice: VoiceFacts) -> list[Finding]:
        limit = float(self.param("min_pitch_range_semitones"))
        spread, voiced = measured(self, voice.pitch_range_semitones, voice.voiced_seconds, "min_voiced_seconds",
                                  "坐席有声语音太短，无法测量语调 (too little voiced agent speech)")
        ctx.report(self.code, {"pitch_range_semitones": spread, "median_hz": voice.pitch_median_hz,
                               "voiced_seconds": voiced, "limit": limit})
        if spread >= limit:
            return []
        return [self.finding(
            f"坐席语调平淡：音高变化范围仅 {spread:.1f} 个半音",
            explanation=f"坐席 {voiced:.0f} 秒有声语音的基频（中位 {voice.pitch_median_hz} Hz）在第 5 与第 95 百分位间"
                        f"只相差 {spread:.1f} 个半音，低于 {limit:g} 个半音",
            details={"pitch_range_semitones": spread})]


@register
class BackgroundNoise(_AudioRule):
    """Background noise on the agent channel while the agent is silent (keyboard, other voices).

    Anti-pattern: 坐席不说话时录音里能听到键盘声和同事聊天。
    Best practice: 保持接听环境安静无干扰，避免键盘敲击声、他人交谈声。
    """

    code = "VOC005"
    slug = "voice.background_noise"
    family = "VOC"
    name_zh = "背景噪音"
    name_en = "Background noise"
    dimension = "voice"
    source = "003 二(一)"
    why = "保持接听环境安静无干扰，避免背景音嘈杂（如键盘敲击声、他人交谈声）。"
    suggestion = "保持环境安静，使用降噪耳麦；查询时避免大声敲击键盘，同事间避免交谈。"

    def judge(self, ctx: CallContext, voice: VoiceFacts) -> list[Finding]:
        limit = float(self.param("max_noise_dbfs"))
        floor, seconds = measured(self, voice.noise_floor_dbfs, voice.noise_seconds, "min_silence_seconds",
                                  "坐席静默时间不足，无法测量背景噪音 (not enough agent silence to measure noise)")
        ctx.report(self.code, {"noise_floor_dbfs": floor, "noise_rms_dbfs": voice.noise_rms_dbfs,
                               "seconds": seconds, "limit": limit})
        if floor <= limit:
            return []
        return [self.finding(
            f"坐席背景噪音 {floor:.1f} dBFS，高于 {limit:g} dBFS",
            explanation=f"坐席不说话时（共 {seconds:.0f} 秒）坐席声道的噪声底为 {floor:.1f} dBFS"
                        f"（RMS {voice.noise_rms_dbfs} dBFS），高于 {limit:g} dBFS：可能有键盘声、他人交谈或线路噪声",
            details={"noise_floor_dbfs": floor})]


@register
class UnclearArticulation(Rule):
    """The agent's speech is unclear: too many agent turns with low recognition confidence.

    Reported once per call when at least ``min_turns`` agent turns (of ``min_chars`` or
    more) have a confidence below ``threshold``.

    Anti-pattern: 坐席吐字含糊、吞音，识别置信度多次低于 0.6。
    Best practice: 吐字清晰、语速适中，关键信息逐字说清。
    """

    code = "VOC006"
    slug = "voice.unclear_articulation"
    family = "VOC"
    name_zh = "吐字不清"
    name_en = "Unclear articulation"
    dimension = "voice"
    needs = (Need.ASR_CONFIDENCE,)
    source = "000, 002 clarity"
    why = "表达要清晰准确，吐字清楚，避免含糊、吞音。"
    suggestion = "吐字清晰、放慢语速，关键信息（号码、金额、时间）逐字说清。"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        threshold = float(self.param("threshold"))
        min_chars = int(self.param("min_chars"))
        scored = [u for u in ctx.agent_turns if u.confidence is not None and spoken_chars(u.text) >= min_chars]
        if not scored:
            raise self.not_applicable("坐席发言没有识别置信度 (no confidence on agent turns)")
        low = [u for u in scored if (u.confidence or 0.0) < threshold]
        ctx.report(self.code, {"low_turns": len(low), "scored_turns": len(scored), "threshold": threshold})
        if len(low) < int(self.param("min_turns")):
            return []
        worst = min(low, key=lambda u: u.confidence or 0.0)
        return [self.finding(
            f"坐席 {len(low)} 句识别置信度低于 {threshold:.2f}（共 {len(scored)} 句），最低 {worst.confidence:.2f}",
            utterances=low,
            explanation=f"置信度低于 {threshold:.2f} 的坐席发言达到 {len(low)} 句（提醒阈值 "
                        f"{self.param('min_turns')} 句），可能吐字不清或含糊",
            details={"low_turns": [u.index for u in low]},
        )]
