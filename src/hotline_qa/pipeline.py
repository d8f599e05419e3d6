"""The one pipeline: Call -> analysis -> rules -> form -> Evaluation.

Every door (CLI, batch runner, web service, live socket, trainer) calls ``Engine``; none
re-implements a step. An ``Engine`` is built once per process and reused for every call.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hotline_qa.analyzers.analysis import Analysis, analyze
from hotline_qa.analyzers.call_kind import settings_from
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.core.audio_facts import AudioFacts
from hotline_qa.core.call import Call, CallMetadata, EventKind, Role
from hotline_qa.core.errors import HotlineQAError, InputError, NotApplicable
from hotline_qa.core.evaluation import Evaluation
from hotline_qa.core.findings import Basis, Finding, RuleResult, Status
from hotline_qa.rules.base import NEED_LABELS, Need, Rule
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.rulebook import Rulebook, load_rulebook
from hotline_qa.scoring.form import Dimension, EvaluationForm
from hotline_qa.text.redact import redact_identifier

if TYPE_CHECKING:
    from hotline_qa.audio.analysis import AudioAnalysis
    from hotline_qa.audio.asr import AsrConfig

log = logging.getLogger(__name__)

#: Call recordings the pipeline reads (with the ``[audio]`` extra).
RECORDING_SUFFIXES = (".wav", ".mp3", ".flac")
AUDIO_EXTRA_HINT = "pip install 'hotline-qa[audio]'"


class Engine:
    """Scores calls against a rulebook. Thread-safe for reading; build once, reuse."""

    def __init__(self, rulebook: Rulebook | None = None, *, only: set[str] | None = None,
                 calendar: WorkCalendar | None = None) -> None:
        self.rulebook = rulebook or load_rulebook()
        self.rules: list[Rule] = self.rulebook.build_rules(only=only)
        self.calendar = calendar or WorkCalendar()
        spec = self.rulebook.spec.form
        self.form = EvaluationForm(
            [Dimension(k, d.name, d.weight) for k, d in spec.dimensions.items()], spec.pass_score
        )
        self.settings = self.rulebook.settings
        self.call_kinds = settings_from(self.settings.get("call_kinds"))
        # What each rule's result carries whatever the call (see ``_RuleInfo``), by rule object.
        self._info: dict[int, _RuleInfo] = {}

    def context(self, call: Call, *, analysis: Analysis | None = None,
                audio: AudioFacts | None = None) -> CallContext:
        ctx = CallContext(call, settings=self.settings, audio=audio)
        ctx.__dict__["analysis"] = analysis or analyze(call, calendar=self.calendar, now=ctx.local_start,
                                                       call_kinds=self.call_kinds)
        return ctx

    def run_rules(self, ctx: CallContext) -> list[RuleResult]:
        facts = _CallFacts(ctx.call, has_audio=ctx.audio is not None)
        run = self.run_rule
        return [run(rule, ctx, facts) for rule in self.rules]

    def _rule_info(self, rule: Rule) -> _RuleInfo:
        info = self._info.get(id(rule))
        if info is None or info.rule is not rule:  # the object itself: ids can be reused
            info = self._info[id(rule)] = _RuleInfo(rule)
        return info

    def run_rule(self, rule: Rule, ctx: CallContext, facts: _CallFacts | None = None) -> RuleResult:
        """One rule on one call. A crash becomes an ``error`` result, never an abort."""
        info = self._info.get(id(rule))
        if info is None or info.rule is not rule:
            info = self._rule_info(rule)
        missing: str | None = ""
        try:
            if facts is None:
                missing = missing_needs(rule, ctx.call, _CallFacts(ctx.call, has_audio=ctx.audio is not None))
            else:
                missing = facts.missing.get(info.needs_id)
                if missing is None:
                    missing = facts.missing[info.needs_id] = missing_needs(rule, ctx.call, facts)
            if not missing:
                findings = tuple(rule.check(ctx))
        except NotApplicable as na:
            return info.result(_NOT_APPLICABLE, (), str(na), ctx)
        except Exception as exc:
            log.warning("rule %s failed on call %s: %s", rule.code, redact_identifier(str(ctx.call.call_id)),
                        type(exc).__name__)  # never the message: it may quote the call
            return info.result(Status.ERROR, (), f"规则运行出错 (rule crashed): {type(exc).__name__}: {exc}", None)
        if missing:  # not applicable, told without raising (an exception costs more than the rest)
            return info.result(_NOT_APPLICABLE, (), missing, ctx)
        if not findings:
            return info.result(_PASSED, (), "", ctx)
        return info.result(_FINDING, findings, "", ctx)

    def evaluate(self, call: Call, *, analysis: Analysis | None = None,
                 audio: AudioFacts | AudioAnalysis | None = None) -> Evaluation:
        """Score one call; ``audio`` is its recording's analysis (or the facts built from it).

        With a recording the audio rules run (VOC003–VOC005) and the timing rules (LIS001–
        LIS003, HLD002, OPN001, CLS004, VOC001–VOC002) judge from the sound; the record
        gains ``audio`` (timeline and voice measures).
        """
        facts = _audio_facts(audio)
        ctx = self.context(call, analysis=analysis, audio=facts)
        results = tuple(self.run_rules(ctx))
        scored = self.form.score(results)
        return Evaluation(
            source=call.source,
            call_id=call.call_id,
            passed=scored.passed,
            total_score=scored.total_score,
            pass_score=self.form.pass_score,
            dimensions=scored.dimensions,
            red_lines=scored.red_lines,
            results=results,
            rulebook_version=self.rulebook.version,
            rulebook_hash=self.rulebook.hash,
            analysis=ctx.analysis.to_dict(),
            call=call_record(call),
            audio=dict(facts.record) if facts is not None else {},
        )

    def evaluate_path(self, path: str | Path, **load_options: Any) -> list[Evaluation]:
        """Score a transcript file (every call in it) or a recording (see ``evaluate_recording``)."""
        if is_recording(path):
            return [evaluate_recording(path, engine=self, **load_options)]
        from hotline_qa.ingest.detect import load_calls

        return [self.evaluate(c) for c in load_calls(Path(path), **load_options)]


def _audio_facts(audio: AudioFacts | AudioAnalysis | None) -> AudioFacts | None:
    if audio is None or isinstance(audio, AudioFacts):
        return audio
    from hotline_qa.audio.facts import audio_facts

    return audio_facts(audio)


def is_recording(path: str | Path) -> bool:
    """True for a call recording (``.wav``, ``.mp3``, ``.flac``) by its extension."""
    return Path(path).suffix.lower() in RECORDING_SUFFIXES


def require_audio() -> None:
    """Raise a clear error when the ``[audio]`` extra is not installed."""
    try:
        import hotline_qa.audio  # noqa: F401
    except ImportError as exc:
        raise HotlineQAError(
            f"评分录音需要安装音频组件 (scoring recordings needs the audio extra): {AUDIO_EXTRA_HINT}"
            f" — 缺少 missing: {exc.name or exc}") from None


def transcript_beside(recording: str | Path) -> Path | None:
    """The transcript with the recording's stem in the same folder (``call.wav`` -> ``call.json``/``call.txt``…)."""
    from hotline_qa.ingest.detect import TRANSCRIPT_SUFFIXES

    rec = Path(recording)
    for suffix in TRANSCRIPT_SUFFIXES:
        for candidate in (rec.with_suffix(suffix), rec.with_suffix(suffix.upper())):
            if candidate.is_file() and candidate != rec:
                return candidate
    return None


def evaluate_recording(path: str | Path, *, transcript_path: str | Path | None = None,
                       channel_roles: Sequence[Role | str] = ("agent", "customer"),
                       vad: str = "silero", engine: Engine | None = None,
                       fmt: str | None = None, roles: Mapping[str, str] | None = None,
                       metadata: Mapping[str, Any] | None = None,
                       columns: Mapping[str, str] | None = None,
                       asr: AsrConfig | None = None) -> Evaluation:
    """Score a call recording, with its transcript when there is one: one evaluation.

    The transcript is ``transcript_path`` or the file beside the recording with the same
    stem in any supported format (``call.wav`` + ``call.json`` / ``call.txt`` …); the
    metadata comes from ``<stem>.meta.json`` and ``metadata``. A recording alone becomes a
    call with no utterances: the text rules are not applicable ("没有转写"), the audio ones
    run. ``channel_roles`` says who is on channel 0 and 1; ``vad`` is ``silero`` or
    ``webrtc``. With ``asr`` (a model folder the user provides) a recording without a
    transcript is transcribed per channel first (``source_format`` ``asr/<engine>``). Raises
    ``InputError`` for an unreadable file and ``HotlineQAError`` when the ``[audio]`` (or
    ``[asr]``) extra is missing.
    """
    require_audio()
    from hotline_qa.audio.analysis import analyze_recording
    from hotline_qa.ingest.detect import load_calls
    from hotline_qa.ingest.meta import find_sidecar, merge_metadata, metadata_from_mapping, read_sidecar

    rec = Path(path)
    if not rec.is_file():
        raise InputError("录音文件不存在 (recording not found)", path=str(rec))
    engine = engine or Engine()
    sidecar = find_sidecar(rec)
    tpath = Path(transcript_path) if transcript_path is not None else transcript_beside(rec)
    if tpath is not None:
        calls = load_calls(tpath, fmt=fmt, roles=roles, metadata=metadata, columns=columns)
        if len(calls) != 1:
            raise InputError(f"转写文件含 {len(calls)} 通通话，无法与一个录音对应 "
                             "(the transcript holds several calls; one recording needs one call)", path=str(tpath))
        call = calls[0]
        warnings = list(call.warnings)
        if sidecar is not None and sidecar != find_sidecar(tpath):
            # The recording's own sidecar: the transcript's file and sidecar and the options win.
            side_meta, side_warnings = read_sidecar(sidecar)
            call = replace(call, metadata=merge_metadata(side_meta, call.metadata))
            warnings += side_warnings
        call = replace(call, source=str(rec), source_format=f"{call.source_format}+audio",
                       warnings=tuple(dict.fromkeys(warnings)))
    else:
        heard = _transcribe(rec, asr, channel_roles) if asr is not None else None
        meta, warnings = (heard.metadata if heard is not None else CallMetadata()), []
        layers = [read_sidecar(sidecar)] if sidecar is not None else []
        if metadata:
            layers.append(metadata_from_mapping(metadata, source="命令行选项 (options)"))
        for layer_meta, layer_warnings in layers:
            meta = merge_metadata(meta, layer_meta)
            warnings += layer_warnings
        if meta.call_id is None:
            meta = replace(meta, call_id=rec.stem)
        if heard is not None:
            call = replace(heard, source=str(rec), metadata=meta,
                           warnings=tuple(dict.fromkeys([*heard.warnings, *warnings])))
        else:
            warnings.append("没有转写，只按录音评分 (no transcript beside the recording: scored from the audio only)")
            call = Call(source=str(rec), utterances=(), metadata=meta, warnings=tuple(dict.fromkeys(warnings)),
                        source_format="audio")
    analysis = analyze_recording(rec, channel_roles=channel_roles, vad=vad,  # type: ignore[arg-type]
                                 holds=call.events, transcript=call.utterances)
    return engine.evaluate(call, audio=analysis)


def _transcribe(rec: Path, asr: AsrConfig, channel_roles: Sequence[Role | str]) -> Call:
    """The recording transcribed per channel by the user's ASR model (loaded once per process)."""
    from hotline_qa.audio.asr import load_engine, transcribe_recording

    return transcribe_recording(rec, engine=load_engine(asr), channel_roles=channel_roles, vad=asr.vad)


class _CallFacts:
    """What the needs check asks of a call, computed once per call rather than once per rule.

    ``missing`` keeps the answer of ``missing_needs`` by ``_RuleInfo.needs_id`` (one number
    per distinct (needs, metadata keys, audio stand-ins)): rules that need the same things
    share it.
    """

    __slots__ = ("has_audio", "has_confidence", "has_text", "has_timestamps", "missing", "no_transcript")

    def __init__(self, call: Call, *, has_audio: bool = False) -> None:
        self.has_timestamps = call.has_timestamps
        self.has_text = any(u.text for u in call.utterances)
        self.has_confidence = any(u.confidence is not None for u in call.agent_turns)
        self.has_audio = has_audio
        self.no_transcript = has_audio and not call.utterances
        self.missing: dict[int, str] = {}


class _RuleInfo:
    """A rule's identity and rulebook settings as its results carry them, read once.

    ``basis`` is the rule's verdict basis when it does not depend on the call (the rule
    keeps ``Rule.basis``), else None and ``rule.basis(ctx)`` is asked each time.
    ``passed`` holds the rule's result on a call it passes without details, by basis (the
    same every time: built once).
    """

    __slots__ = ("basis", "code", "deduction", "dimension", "max_deduction", "name_en", "name_zh",
                 "needs_id", "passed", "plain", "rule", "severity", "slug")

    def __init__(self, rule: Rule) -> None:
        config = rule.config
        self.rule = rule
        self.code = rule.code
        self.slug = rule.slug
        self.name_zh = rule.name_zh
        self.name_en = rule.name_en
        self.dimension = config.dimension or rule.dimension
        self.severity = config.severity
        self.deduction = config.deduction
        self.max_deduction = config.max_deduction
        needs_key = (tuple(rule.needs), tuple(rule.metadata_keys), tuple(rule.audio_replaces))
        # a small number for the key: hashing the nested tuple of enums on every call costs
        self.needs_id = _NEEDS_IDS.setdefault(needs_key, len(_NEEDS_IDS))
        self.basis: Basis | None = None
        if type(rule).basis is Rule.basis:
            self.basis = Rule.basis(rule, None)  # type: ignore[arg-type]  # reads only the needs
        # Results without findings or details are the same on every call: built once and shared
        # (they are frozen), by (status, reason, basis).
        self.plain: dict[tuple[Status, str, Basis | None], RuleResult] = {}

    def basis_of(self, ctx: CallContext) -> Basis | None:
        """The verdict basis on this call (None when the rule cannot tell)."""
        if self.basis is not None:
            return self.basis
        try:
            return self.rule.basis(ctx)
        except Exception:
            return None

    def result(self, status: Status, findings: tuple[Finding, ...], reason: str,
               ctx: CallContext | None) -> RuleResult:
        """The rule's result; ``ctx`` None leaves out the basis and the details (a crash)."""
        deduction = 0.0
        if status is _FINDING:
            default = self.deduction
            deduction = sum(default if f.deduction is None else f.deduction for f in findings)
            if self.max_deduction is not None:
                deduction = min(deduction, self.max_deduction)
        basis = None
        details: Mapping[str, Any] | None = None
        if ctx is not None:
            basis = self.basis_of(ctx)
            if ctx.details:
                details = ctx.details.get(self.code)
        if not findings and not details:
            key = (status, reason, basis)
            shared = self.plain.get(key)
            if shared is None:
                if len(self.plain) >= _PLAIN_RESULTS:
                    self.plain.clear()  # reasons with call-specific text: keep the cache small
                shared = self.plain[key] = RuleResult(
                    self.code, self.slug, self.name_zh, self.name_en, self.dimension, status,
                    self.severity, deduction, (), reason, basis, {})
            return shared
        return RuleResult(
            self.code, self.slug, self.name_zh, self.name_en, self.dimension, status,
            self.severity, deduction, findings, reason, basis, dict(details) if details else {},
        )


# Statuses as module constants: an enum member read off its class costs a lookup each time.
_PASSED, _FINDING, _NOT_APPLICABLE = Status.PASSED, Status.FINDING, Status.NOT_APPLICABLE
#: At most this many shared plain results per rule (see ``_RuleInfo.plain``).
_PLAIN_RESULTS = 32
#: A number for each distinct needs key of a rule (see ``_RuleInfo.needs_id``).
_NEEDS_IDS: dict[tuple[tuple[Need, ...], tuple[str, ...], tuple[Need, ...]], int] = {}

_OFFLINE = (Need.TICKETS, Need.HISTORY)
NO_TRANSCRIPT = "没有转写，只有录音 (no transcript: the call was scored from its recording)"


def missing_needs(rule: Rule, call: Call, facts: _CallFacts | None = None) -> str:
    """The reason a rule cannot run on this call, or '' when it can.

    A need in ``rule.audio_replaces`` is met by the call's recording too (``facts.has_audio``).
    """
    facts = facts or _CallFacts(call)
    for need in rule.needs:
        if facts.has_audio and need in rule.audio_replaces:
            continue
        if need is Need.TIMESTAMPS and not facts.has_timestamps:
            return NO_TRANSCRIPT if facts.no_transcript else "转写没有时间戳 (the transcript has no timestamps)"
        if need is Need.AUDIO and not facts.has_audio:
            return f"缺少{NEED_LABELS[need]}"
        if need in _OFFLINE:
            return f"缺少{NEED_LABELS[need]}"
        if need is Need.ASR_CONFIDENCE and not facts.has_confidence:
            return NO_TRANSCRIPT if facts.no_transcript else "转写没有识别置信度 (no ASR confidence in the transcript)"
        if need is Need.TEXT and not facts.has_text:
            return NO_TRANSCRIPT if facts.no_transcript else "通话没有文本 (the call has no text)"
    for key in rule.metadata_keys:
        if getattr(call.metadata, key, None) is None:
            return f"缺少通话元数据 {key} (call metadata '{key}' not given)"
    return ""


# Enum values by member: a dict lookup is much cheaper than the ``.value`` property.
_ROLE_VALUE: dict[Role | None, str | None] = {**{r: r.value for r in Role}, None: None}
_EVENT_VALUE = {k: k.value for k in EventKind}


def call_record(call: Call) -> dict[str, Any]:
    """The call as stored beside its evaluation (metadata, utterances, events)."""
    role_value = _ROLE_VALUE
    return {
        "metadata": call.metadata.as_dict(),
        "format": call.source_format,
        "warnings": list(call.warnings),
        "utterances": [
            {"index": u.index, "role": role_value[u.role], "text": u.text, "original": u.original,
             "start": u.start, "end": u.end, "confidence": u.confidence}
            for u in call.utterances
        ],
        "events": [
            {"kind": _EVENT_VALUE[e.kind], "at": e.at, "by": role_value[e.by] if e.by else None,
             "note": e.note}
            for e in call.events
        ],
    }

