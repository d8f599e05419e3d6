"""The call's timeline strip for the HTML report: who spoke when, silences, overlaps, findings.

Laid out from the evaluation record: the recording's speech timeline (``record["audio"]``)
when the call was scored with one, else the transcript's timestamps. Pure geometry for an
inline SVG; nothing is loaded from anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hotline_qa.reports.view import FindingView, fmt_time

WIDTH, LEFT, RIGHT = 1000, 64, 12
LANES = {"agent": (18.0, "坐席 agent"), "customer": (50.0, "客户 customer"), "unknown": (34.0, "语音 speech")}
LANE_H = 22.0
MARK_Y = 84.0
HEIGHT = 112
#: Gaps between turns at least this long are drawn as silences when timing from the transcript.
TRANSCRIPT_MIN_SILENCE = 2.0
MIN_OVERLAP = 0.2


@dataclass(frozen=True, slots=True)
class Bar:
    """A rectangle on the strip; ``t`` is where a click seeks to."""

    kind: str  # agent | customer | unknown | silence | overlap
    x: float
    w: float
    y: float
    h: float
    t: float
    title: str


@dataclass(frozen=True, slots=True)
class Marker:
    """A finding at its time: links to its card."""

    x: float
    t: float
    finding_id: str
    code: str
    severity: str
    title: str


@dataclass(frozen=True, slots=True)
class TimelineView:
    """The strip: lanes, bars and finding markers in a ``WIDTH`` x ``HEIGHT`` view box."""

    source: str  # "audio" or "timestamps"
    duration: float
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...]
    lanes: tuple[tuple[str, float], ...]  # (label, y)
    ticks: tuple[tuple[float, str], ...]  # (x, "mm:ss")
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    plot_width: int = WIDTH - LEFT - RIGHT

    @property
    def silences(self) -> int:
        return sum(1 for b in self.bars if b.kind == "silence")

    @property
    def overlaps(self) -> int:
        return sum(1 for b in self.bars if b.kind == "overlap")


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _spans(items: Any, *keys: str) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        if not isinstance(item, Mapping):
            continue
        start, end = _num(item.get("start")), _num(item.get("end"))
        if start is None or end is None or end < start:
            continue
        out.append({**{k: item.get(k) for k in keys}, "start": start, "end": end})
    return out


def _from_audio(audio: Mapping[str, Any]) -> tuple[float, list[dict[str, Any]], list[dict[str, Any]],
                                                   list[dict[str, Any]]] | None:
    tl = audio.get("timeline")
    if not isinstance(tl, Mapping):
        return None
    duration = _num(tl.get("duration"))
    if not duration:
        return None
    return (duration, _spans(tl.get("segments"), "role"), _spans(tl.get("silences")),
            _spans(tl.get("overlaps"), "by", "over"))


def _from_transcript(utterances: Sequence[Mapping[str, Any]], events: Sequence[Mapping[str, Any]]
                     ) -> tuple[float, list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]] | None:
    segs = [s for s in _spans(utterances, "role", "index") if s["role"] in ("agent", "customer")]
    if not segs:
        return None
    segs.sort(key=lambda s: (s["start"], s["end"]))
    ends = [s["end"] for s in segs] + [t for t in (_num(e.get("at")) for e in events if isinstance(e, Mapping))
                                       if t is not None]
    duration = max(ends)
    silences, overlaps = [], []
    last_end = segs[0]["end"]
    for s in segs[1:]:
        if s["start"] - last_end >= TRANSCRIPT_MIN_SILENCE:
            silences.append({"start": last_end, "end": s["start"]})
        last_end = max(last_end, s["end"])
    for i, a in enumerate(segs):
        for b in segs[i + 1:]:
            if b["start"] >= a["end"]:
                break
            if b["role"] != a["role"] and min(a["end"], b["end"]) - b["start"] > MIN_OVERLAP:
                overlaps.append({"start": b["start"], "end": min(a["end"], b["end"]), "by": b["role"],
                                 "over": a["role"]})
    return duration, segs, silences, overlaps


def build_timeline(record: Mapping[str, Any], findings: Sequence[FindingView]) -> TimelineView | None:
    """The strip for one evaluation record, or None when the call has no times at all."""
    audio = record.get("audio")
    call = record.get("call") if isinstance(record.get("call"), Mapping) else {}
    assert isinstance(call, Mapping)
    laid = _from_audio(audio) if isinstance(audio, Mapping) else None
    source = "audio"
    if laid is None:
        source = "timestamps"
        laid = _from_transcript(call.get("utterances") or [], call.get("events") or [])
    if laid is None:
        return None
    duration, segs, silences, overlaps = laid
    plot = WIDTH - LEFT - RIGHT

    def x_of(t: float) -> float:
        return round(LEFT + plot * min(max(t, 0.0), duration) / duration, 2)

    def width(a: float, b: float) -> float:
        return max(0.8, round(x_of(b) - x_of(a), 2))

    roles = sorted({str(s.get("role")) for s in segs if str(s.get("role")) in LANES},
                   key=lambda r: list(LANES).index(r))
    bars: list[Bar] = []
    for s in silences:
        bars.append(Bar("silence", x_of(s["start"]), width(s["start"], s["end"]), 10.0, 66.0, s["start"],
                        f"静默 silence {fmt_time(s['start'])}–{fmt_time(s['end'])} ({s['end'] - s['start']:.1f} s)"))
    for s in segs:
        role = str(s.get("role"))
        if role not in LANES:
            continue
        y = LANES[role][0]
        bars.append(Bar(role, x_of(s["start"]), width(s["start"], s["end"]), y, LANE_H, s["start"],
                        f"{LANES[role][1]} {fmt_time(s['start'])}–{fmt_time(s['end'])}"))
    for o in overlaps:
        bars.append(Bar("overlap", x_of(o["start"]), width(o["start"], o["end"]), 14.0, 62.0, o["start"],
                        f"抢话 overlap: {o.get('by')} over {o.get('over')} {fmt_time(o['start'])} "
                        f"({o['end'] - o['start']:.1f} s)"))
    markers = tuple(
        Marker(x_of(f.time_start), f.time_start, f.id, f.code, f.severity, f"{f.code} {f.name_zh}: {f.message}")
        for f in findings if f.time_start is not None and 0 <= f.time_start <= duration + 1
    )
    step = next((s for s in (5, 10, 15, 30, 60, 120, 300, 600, 1200) if duration / s <= 10), 1800)
    ticks = tuple((x_of(float(t)), fmt_time(t)) for t in range(0, int(duration) + 1, step))
    lanes = tuple((LANES[r][1], LANES[r][0]) for r in roles)
    return TimelineView(source, duration, tuple(bars), markers, lanes, ticks)
