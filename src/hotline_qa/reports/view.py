"""What every report shows, computed once from an evaluation record (``Evaluation.to_dict()``).

The terminal, HTML and Excel outputs all read this view, so they agree with each other and
with the JSON. Every part of ``analysis`` and ``call`` is optional: the view renders what is
there and leaves the rest out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Any

from hotline_qa.text.normalize import HALF_WIDTH, PAUSE_COMMAS
from hotline_qa.text.redact import MASK

SEVERITY_ZH = {"fatal": "红线", "major": "严重", "minor": "一般", "info": "提示"}
SEVERITY_RANK = {"info": 0, "minor": 1, "major": 2, "fatal": 3}
STATUS_ZH = {"finding": "发现问题", "passed": "通过", "not_applicable": "不适用", "error": "出错"}
STATUS_EN = {"finding": "finding", "passed": "passed", "not_applicable": "not applicable", "error": "error"}
ROLE_ZH = {"agent": "坐席", "customer": "客户", "system": "系统", "unknown": "未知"}
EMOTION_LEVEL = {"calm": 0, "dissatisfied": 1, "angry": 2, "abusive": 3}
EMOTION_ZH = {"calm": "平静", "dissatisfied": "不满", "angry": "愤怒", "abusive": "辱骂"}
EVENT_ZH = {"hold_start": "保持开始", "hold_end": "保持结束", "transfer": "转接", "hangup": "挂机"}
KEY_INFO_ZH = {"phone": "电话", "mobile": "手机", "landline": "座机", "order": "订单号",
               "order_number": "订单号", "id_number": "证件号", "id": "证件号", "email": "邮箱",
               "address": "地址", "date": "日期", "bank_card": "银行卡", "account": "账号",
               "number": "号码", "plate": "车牌"}


def fmt_time(seconds: Any) -> str:
    """Seconds from the answer as ``mm:ss`` (``h:mm:ss`` past an hour); ``--:--`` when unknown."""
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return "--:--"
    total = max(0, int(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def fmt_when(value: Any, seconds: bool = False) -> str:
    """An ISO 8601 time as a reader writes it: ``2026-08-11 10:00`` (``:ss`` with ``seconds``);
    anything else as it is."""
    if not isinstance(value, str) or not value:
        return "" if value is None else str(value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def fmt_score(value: Any) -> str:
    if not isinstance(value, int | float):
        return "-"
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of an utterance's text; ``finding_ids`` is empty for unmarked text."""

    text: str
    finding_ids: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    severity: str = ""  # the worst severity among the findings marking it

    @property
    def marked(self) -> bool:
        return bool(self.finding_ids)


@dataclass(frozen=True, slots=True)
class FindingView:
    id: str  # anchor, "f-3"
    code: str
    name_zh: str
    name_en: str
    dimension: str
    severity: str
    message: str
    suggestion: str
    explanation: str
    utterances: tuple[int, ...]
    spans: tuple[tuple[int, int, int], ...]  # (utterance, start, end)
    time_start: float | None
    anchor_utterance: int | None  # the utterance the card sits under; None: whole call

    @property
    def severity_zh(self) -> str:
        return SEVERITY_ZH.get(self.severity, self.severity)

    @property
    def is_red_line(self) -> bool:
        return self.severity == "fatal"

    @property
    def time_label(self) -> str:
        return fmt_time(self.time_start)


@dataclass(frozen=True, slots=True)
class UtteranceView:
    index: int
    role: str
    text: str
    original: str
    start: float | None
    end: float | None
    confidence: float | None
    segments: tuple[Segment, ...]
    findings: tuple[FindingView, ...] = ()
    shows_original: bool = False  # the segments are the original's words (see display_text)

    @property
    def role_zh(self) -> str:
        return ROLE_ZH.get(self.role, self.role)

    @property
    def time_label(self) -> str:
        return fmt_time(self.start)

    @property
    def original_differs(self) -> bool:
        """The original says more than what is shown (traditional characters, other words)."""
        return bool(self.original) and self.original != self.text and not self.shows_original


@dataclass(frozen=True, slots=True)
class EventView:
    kind: str
    at: float | None
    by: str
    note: str

    @property
    def label(self) -> str:
        return EVENT_ZH.get(self.kind, self.kind)

    @property
    def time_label(self) -> str:
        return fmt_time(self.at)


@dataclass(frozen=True, slots=True)
class DimensionView:
    key: str
    name: str
    weight: float
    score: float
    deducted: float
    codes: tuple[str, ...]

    @property
    def percent(self) -> float:
        """Share of the weight kept, 0-100, for the bar."""
        if not self.weight:
            return 100.0
        return max(0.0, min(100.0, 100.0 * self.score / self.weight))


@dataclass(frozen=True, slots=True)
class RuleRow:
    code: str
    name_zh: str
    name_en: str
    dimension: str
    status: str
    severity: str
    deduction: float
    basis: str
    reason: str
    finding_count: int
    first_finding_id: str | None

    @property
    def status_zh(self) -> str:
        return STATUS_ZH.get(self.status, self.status)

    @property
    def status_en(self) -> str:
        return STATUS_EN.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class EmotionPoint:
    utterance: int
    emotion: str
    level: int
    score: float | None
    cues: tuple[str, ...]
    x: float = 0.0
    y: float = 0.0

    @property
    def emotion_zh(self) -> str:
        return EMOTION_ZH.get(self.emotion, self.emotion)


@dataclass(frozen=True, slots=True)
class EmotionChart:
    """The customer's emotion per turn, laid out for an SVG step chart."""

    points: tuple[EmotionPoint, ...]
    width: int
    height: int
    path: str
    levels: tuple[tuple[str, str, float], ...]  # (zh, en, y) per emotion level
    trend: Mapping[str, Any]

    @property
    def verdict_zh(self) -> str:
        de = self.trend.get("de_escalated")
        if de is True:
            return "情绪得到缓和"
        if de is False:
            return "情绪未缓和"
        return "无法判断"

    @property
    def verdict_en(self) -> str:
        de = self.trend.get("de_escalated")
        return {True: "de-escalated", False: "not de-escalated"}.get(de, "undetermined") if isinstance(de, bool) else "undetermined"


@dataclass(frozen=True, slots=True)
class ReportView:
    record: Mapping[str, Any]
    call_id: str
    source: str
    passed: bool
    total_score: float
    pass_score: float
    metadata: Mapping[str, Any]
    dimensions: tuple[DimensionView, ...]
    findings: tuple[FindingView, ...]  # worst first, then in call order
    utterances: tuple[UtteranceView, ...]
    transcript: tuple[UtteranceView | EventView, ...]
    whole_call: tuple[FindingView, ...]
    rules: tuple[RuleRow, ...]
    emotion: EmotionChart | None
    analysis: Mapping[str, Any]
    warnings: tuple[str, ...]
    rulebook: Mapping[str, Any] = field(default_factory=dict)

    @property
    def red_lines(self) -> tuple[FindingView, ...]:
        return tuple(f for f in self.findings if f.is_red_line)

    @property
    def errors(self) -> tuple[RuleRow, ...]:
        return tuple(r for r in self.rules if r.status == "error")

    @property
    def verdict_zh(self) -> str:
        return "通过" if self.passed else "不通过"

    @property
    def verdict_en(self) -> str:
        return "PASS" if self.passed else "FAIL"

    def utterance(self, index: int) -> UtteranceView | None:
        for u in self.utterances:
            if u.index == index:
                return u
        return None

    def dimension_name(self, key: str) -> str:
        for d in self.dimensions:
            if d.key == key:
                return d.name
        return key


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def segment_text(text: str, marks: Iterable[tuple[int, int, str, str, str]]) -> tuple[Segment, ...]:
    """Split ``text`` at the spans ``(start, end, finding_id, code, severity)``; overlaps merge.

    Offsets out of range are clamped, empty spans ignored, so a stale offset never crashes.
    """
    n = len(text)
    clean = []
    for start, end, fid, code, sev in marks:
        s, e = max(0, min(n, start)), max(0, min(n, end))
        if s < e:
            clean.append((s, e, fid, code, sev))
    if not clean:
        return (Segment(text),) if text else ()
    cuts = sorted({0, n, *(c[0] for c in clean), *(c[1] for c in clean)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        if a >= b:
            continue
        covering = [c for c in clean if c[0] <= a and b <= c[1]]
        ids = tuple(dict.fromkeys(c[2] for c in covering))
        codes = tuple(dict.fromkeys(c[3] for c in covering))
        worst = max((c[4] for c in covering), key=lambda v: SEVERITY_RANK.get(v, -1), default="")
        out.append(Segment(text[a:b], ids, codes, worst))
    return tuple(out)


def display_text(original: str, text: str) -> tuple[str, list[int]] | None:
    """The words to show for an utterance, and where each character of ``text`` stands in them.

    The engine's ``text`` is normalised: simplified, half width, without the spaces an ASR
    engine writes for the pauses between hanzi. Shown as it is, it reads as one long run of
    hanzi with ASCII commas. Where ``original`` aligns with it character by character (the
    same characters apart from spaces), the report shows the original's spacing and its
    full-width punctuation, and the simplified character wherever the original has a
    traditional one; a character masked in either is masked. None where they do not align.
    """
    if not original or original == text:
        return None
    shown = list(original)
    where: list[int] = []
    i, n = 0, len(original)
    for ch in text:
        if ch.isspace():
            if i < n and not original[i].isspace():
                return None
            where.append(i)
            while i < n and original[i].isspace():
                i += 1
            continue
        while i < n and (original[i].isspace() or (original[i] in PAUSE_COMMAS and ch != ",")):
            i += 1  # spaces, and a pause comma the text dropped (``normalize._drop_pause_commas``)
        if i >= n:
            return None
        o = original[i]
        if MASK in (o, ch):
            shown[i] = MASK
        elif HALF_WIDTH.get(o, o) != ch:
            shown[i] = ch  # the simplified character
        where.append(i)
        i += 1
    if original[i:].strip(" \t\u3000" + PAUSE_COMMAS):
        return None
    return "".join(shown), where


def _findings(record: Mapping[str, Any], starts: Mapping[int, float | None]) -> list[FindingView]:
    out: list[FindingView] = []
    for result in record.get("results") or []:
        if result.get("status") != "finding":
            continue
        for f in result.get("findings") or []:
            ev = f.get("evidence") or {}
            spans = tuple(
                (int(s["utterance"]), int(s["start"]), int(s["end"]))
                for s in ev.get("spans") or []
                if isinstance(s.get("utterance"), int) and isinstance(s.get("start"), int)
                and isinstance(s.get("end"), int)
            )
            utts = tuple(int(u) for u in ev.get("utterances") or [] if isinstance(u, int))
            candidates = [u for u in (*utts, *(s[0] for s in spans)) if u in starts]
            anchor = min(candidates) if candidates else None
            time_start = _num(ev.get("time_start"))
            if time_start is None and anchor is not None:
                time_start = starts[anchor]
            out.append(FindingView(
                id=f"f-{len(out) + 1}",
                code=_str(result.get("code")), name_zh=_str(result.get("name_zh")),
                name_en=_str(result.get("name_en")), dimension=_str(result.get("dimension")),
                severity=_str(f.get("severity") or result.get("severity")),
                message=_str(f.get("message")), suggestion=_str(f.get("suggestion")),
                explanation=_str(f.get("explanation")), utterances=utts, spans=spans,
                time_start=time_start, anchor_utterance=anchor,
            ))
    return out


def _emotion_chart(analysis: Mapping[str, Any]) -> EmotionChart | None:
    raw = [e for e in analysis.get("emotions") or [] if isinstance(e, Mapping)
           and e.get("emotion") in EMOTION_LEVEL and isinstance(e.get("utterance"), int)]
    if not raw:
        return None
    raw.sort(key=lambda e: e["utterance"])
    width, height, left, right, top, bottom = 640, 180, 92, 16, 14, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(raw) - 1) if len(raw) > 1 else 0.0

    def y_of(level: int) -> float:
        return round(top + plot_h * (1 - level / 3), 1)

    points = []
    for i, e in enumerate(raw):
        level = EMOTION_LEVEL[e["emotion"]]
        x = round(left + (i * step if len(raw) > 1 else plot_w / 2), 1)
        points.append(EmotionPoint(int(e["utterance"]), e["emotion"], level, _num(e.get("score")),
                                   tuple(str(c) for c in e.get("cues") or []), x, y_of(level)))
    path = f"M{points[0].x},{points[0].y}"
    for p in points[1:]:
        path += f" H{p.x} V{p.y}"
    if len(points) == 1:
        path += f" H{points[0].x + 1}"
    levels = tuple((EMOTION_ZH[k], k, y_of(v)) for k, v in EMOTION_LEVEL.items())
    trend = analysis.get("emotion_trend")
    return EmotionChart(tuple(points), width, height, path, levels,
                        trend if isinstance(trend, Mapping) else {})


def _transcript(utts: Sequence[UtteranceView], events: Sequence[EventView]) -> tuple[UtteranceView | EventView, ...]:
    """Utterances in order, with each timed event placed before the first turn that starts after it."""
    items: list[UtteranceView | EventView] = []
    pending = sorted((e for e in events if e.at is not None), key=lambda e: e.at or 0.0)
    untimed = [e for e in events if e.at is None]
    for u in utts:
        while pending and u.start is not None and (pending[0].at or 0.0) <= u.start:
            items.append(pending.pop(0))
        items.append(u)
    items.extend(pending)
    items.extend(untimed)
    return tuple(items)


_ANALYSIS_LISTS = ("key_info", "commitments", "emotions")
_ANALYSIS_MAPS = ("emotion_trend", "complaint", "customer_type")


def _clean_analysis(analysis: Mapping[str, Any]) -> dict[str, Any]:
    """Drop parts of ``analysis`` that do not have the documented shape instead of failing."""
    out = dict(analysis)
    for key in _ANALYSIS_LISTS:
        if key in out:
            value = out[key]
            out[key] = [v for v in value if isinstance(v, Mapping)] if isinstance(value, list | tuple) else []
    for key in _ANALYSIS_MAPS:
        if key in out and not isinstance(out[key], Mapping):
            out[key] = None
    if not isinstance(out.get("warnings", []), list | tuple):
        out["warnings"] = []
    return out


def build_view(record: Mapping[str, Any]) -> ReportView:
    """The report's content from one (possibly redacted) evaluation record."""
    call = record.get("call") if isinstance(record.get("call"), Mapping) else {}
    raw_analysis = record.get("analysis")
    analysis = _clean_analysis(raw_analysis if isinstance(raw_analysis, Mapping) else {})
    assert isinstance(call, Mapping)
    raw_utts = [u for u in call.get("utterances") or [] if isinstance(u, Mapping)
                and isinstance(u.get("index"), int)]
    starts = {int(u["index"]): _num(u.get("start")) for u in raw_utts}
    findings = _findings(record, starts)
    ordered = sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0),
                                              f.anchor_utterance if f.anchor_utterance is not None else 1 << 30))

    utts = []
    for u in raw_utts:
        idx = int(u["index"])
        text = _str(u.get("text"))
        original = _str(u.get("original"))
        marks = [(s, e, f.id, f.code, f.severity) for f in findings for (ui, s, e) in f.spans if ui == idx]
        shown, display = text, display_text(original, text)
        if display is not None:  # the original's spacing and punctuation, highlights moved onto it
            shown, where = display
            moved = []
            for s, e, fid, code, sev in marks:
                s, e = max(0, s), min(len(text), e)
                if s < e:
                    moved.append((where[s], where[e - 1] + 1, fid, code, sev))
            marks = moved
        utts.append(UtteranceView(
            index=idx, role=_str(u.get("role")) or "unknown", text=text,
            original=original, start=_num(u.get("start")), end=_num(u.get("end")),
            confidence=_num(u.get("confidence")),
            segments=segment_text(shown, marks),
            findings=tuple(f for f in findings if f.anchor_utterance == idx),
            shows_original=shown == original,
        ))
    events = [EventView(_str(e.get("kind")), _num(e.get("at")), _str(e.get("by")), _str(e.get("note")))
              for e in call.get("events") or [] if isinstance(e, Mapping)]

    by_code: dict[str, list[FindingView]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    rules = []
    for r in record.get("results") or []:
        code = _str(r.get("code"))
        mine = by_code.get(code, [])
        rules.append(RuleRow(
            code=code, name_zh=_str(r.get("name_zh")), name_en=_str(r.get("name_en")),
            dimension=_str(r.get("dimension")), status=_str(r.get("status")),
            severity=_str(r.get("severity")), deduction=_num(r.get("deduction")) or 0.0,
            basis=_str(r.get("basis")), reason=_str(r.get("reason")),
            finding_count=len(mine), first_finding_id=mine[0].id if mine else None,
        ))
    dims = tuple(
        DimensionView(_str(d.get("key")), _str(d.get("name")), _num(d.get("weight")) or 0.0,
                      _num(d.get("score")) or 0.0, _num(d.get("deducted")) or 0.0,
                      tuple(str(c) for c in d.get("codes") or []))
        for d in record.get("dimensions") or [] if isinstance(d, Mapping)
    )
    warnings = tuple(str(w) for w in [*(call.get("warnings") or []), *(analysis.get("warnings") or [])])
    metadata = call.get("metadata") if isinstance(call.get("metadata"), Mapping) else {}
    assert isinstance(metadata, Mapping)
    rulebook = record.get("rulebook") if isinstance(record.get("rulebook"), Mapping) else {}
    assert isinstance(rulebook, Mapping)
    utt_views = tuple(utts)
    return ReportView(
        record=record, call_id=_str(record.get("call_id")), source=_str(record.get("source")),
        passed=bool(record.get("passed")), total_score=_num(record.get("total_score")) or 0.0,
        pass_score=_num(record.get("pass_score")) or 0.0, metadata=metadata, dimensions=dims,
        findings=tuple(ordered), utterances=utt_views, transcript=_transcript(utt_views, events),
        whole_call=tuple(f for f in ordered if f.anchor_utterance is None), rules=tuple(rules),
        emotion=_emotion_chart(analysis), analysis=analysis, warnings=warnings, rulebook=rulebook,
    )


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Totals over many calls, for the terminal batch table and the HTML index."""

    calls: int
    passed: int
    average_score: float
    red_line_calls: int
    top_codes: tuple[tuple[str, str, int, int], ...]  # (code, name_zh, calls, findings)

    @property
    def pass_rate(self) -> float:
        return 100.0 * self.passed / self.calls if self.calls else 0.0


def batch_summary(records: Sequence[Mapping[str, Any]], top: int = 10) -> BatchSummary:
    """Count passes, red lines and the most frequent finding codes over ``records``."""
    call_counts: Counter[str] = Counter()
    finding_counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for rec in records:
        for r in rec.get("results") or []:
            if r.get("status") != "finding":
                continue
            code = _str(r.get("code"))
            names.setdefault(code, _str(r.get("name_zh")))
            call_counts[code] += 1
            finding_counts[code] += len(r.get("findings") or []) or 1
    ranked = sorted(call_counts, key=lambda c: (-finding_counts[c], -call_counts[c], c))[:top]
    scores = [_num(r.get("total_score")) or 0.0 for r in records]
    return BatchSummary(
        calls=len(records), passed=sum(1 for r in records if r.get("passed")),
        average_score=sum(scores) / len(scores) if scores else 0.0,
        red_line_calls=sum(1 for r in records if r.get("red_lines")),
        top_codes=tuple((c, names[c], call_counts[c], finding_counts[c]) for c in ranked),
    )


def call_metadata(record: Mapping[str, Any]) -> Mapping[str, Any]:
    """``record["call"]["metadata"]``, or an empty mapping where the record lacks it."""
    call = record.get("call")
    meta = call.get("metadata") if isinstance(call, Mapping) else None
    return meta if isinstance(meta, Mapping) else {}


def findings_count(record: Mapping[str, Any]) -> int:
    return sum(len(r.get("findings") or []) for r in record.get("results") or []
               if r.get("status") == "finding")
