"""The self-contained HTML report: one page per call, and an index page for a batch.

Pages carry their CSS and their little JavaScript inline and load nothing from anywhere (no
CDN, no web fonts, no remote images), so they can be mailed, archived or opened offline on a
phone. Everything from the call is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from hotline_qa import __version__
from hotline_qa.core.evaluation import Evaluation
from hotline_qa.reports.json_report import evaluation_record
from hotline_qa.reports.timeline import build_timeline
from hotline_qa.reports.view import (
    EMOTION_ZH,
    KEY_INFO_ZH,
    ROLE_ZH,
    SEVERITY_ZH,
    EventView,
    UtteranceView,
    batch_summary,
    build_view,
    call_metadata,
    findings_count,
    fmt_score,
    fmt_time,
    fmt_when,
)
from hotline_qa.text.redact import redact_identifier

_UNSAFE = re.compile(r"[^\w.\-]+")

#: Recordings up to this size are embedded in the page (base64); larger ones are linked.
EMBED_LIMIT_BYTES = 8 * 1024 * 1024
_MIME = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".flac": "audio/flac"}


@dataclass(frozen=True, slots=True)
class Media:
    """The recording as the page's player gets it: embedded (a data URI) or linked (a relative path)."""

    src: str
    embedded: bool
    name: str
    size: int
    note: str


def recording_media(record: Mapping[str, Any], *, base: str | Path | None = None,
                    embed_limit: int = EMBED_LIMIT_BYTES, embed: bool = True,
                    redact: bool = False) -> Media | None:
    """The player source for the record's recording (``record["audio"]["source"]``), or None.

    Embedded as a ``data:`` URI when the file is at most ``embed_limit`` bytes and ``embed``
    is true (the page then stands alone); else linked by its path relative to ``base`` (the
    folder the page is written to; the current folder when None). ``redact``: a path that
    holds personal data (a recording named after the caller's number) is neither linked nor
    shown, only its masked form.
    """
    audio = record.get("audio")
    source = audio.get("source") if isinstance(audio, Mapping) else None
    if not isinstance(source, str) or not source:
        return None
    path = Path(source)
    shown = redact_identifier(source) if redact else source
    if shown != source:
        return Media("", False, Path(shown).name, 0, "录音文件名含个人信息，报告不链接录音 "
                     f"(recording not linked: its name holds personal data): {Path(shown).name}")
    try:
        size = path.stat().st_size
    except OSError:
        return Media("", False, path.name, 0, f"录音文件不在原处，无法播放 (recording not found: {source})")
    mime = _MIME.get(path.suffix.lower(), "audio/wav")
    if embed and size <= embed_limit:
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return Media(f"data:{mime};base64,{data}", True, path.name, size,
                     f"录音已嵌入本页 (recording embedded in this page, {size / 1e6:.1f} MB)")
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base or "."))
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    why = (f"超过 {embed_limit / 1e6:.0f} MB" if embed else "报告已遮蔽个人信息，录音不嵌入 (redacted report)")
    return Media(Path(rel).as_posix(), False, path.name, size,
                 f"录音未嵌入（{why}），按相对路径链接 (recording linked by relative path): {Path(rel).as_posix()}")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("hotline_qa.reports", "templates"),
        autoescape=True,  # the template names end in .j2, which select_autoescape would miss
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["mmss"] = fmt_time
    env.filters["score"] = fmt_score
    env.filters["when"] = fmt_when
    env.globals.update(
        SEVERITY_ZH=SEVERITY_ZH, ROLE_ZH=ROLE_ZH, EMOTION_ZH=EMOTION_ZH, KEY_INFO_ZH=KEY_INFO_ZH,
        is_event=lambda item: isinstance(item, EventView),
        is_utterance=lambda item: isinstance(item, UtteranceView),
        version=__version__,
    )
    return env


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def render_html_record(record: Mapping[str, Any], *, media: Media | None = None) -> str:
    """Render one evaluation record (``to_dict()``, possibly redacted) as a full HTML page.

    ``media`` is the recording for the player (see ``recording_media``); without it the page
    has the timeline but no player.
    """
    view = build_view(record)
    timeline = build_timeline(record, view.findings)
    return _environment().get_template("report.html.j2").render(v=view, tl=timeline, media=media,
                                                                generated=_now())


def render_html(ev: Evaluation, *, redact: bool = False, media_base: str | Path | None = None,
                embed_limit: int = EMBED_LIMIT_BYTES) -> str:
    """One call as a single self-contained HTML page; ``redact`` masks personal data.

    A call scored with a recording gets a player: the recording embedded when small enough
    (never in a redacted page: the voice carries the personal data), else linked relative to
    ``media_base`` (where the page will be saved; the current folder when None).
    """
    record = evaluation_record(ev, redact=redact)
    media = recording_media({"audio": ev.audio}, base=media_base, embed_limit=embed_limit, embed=not redact,
                            redact=redact)
    return render_html_record(record, media=media)


def safe_file_stem(call_id: str) -> str:
    """A file name from a call id: letters (Chinese too), digits, ``.``, ``-`` and ``_`` only."""
    stem = _UNSAFE.sub("_", call_id).strip("._")
    return stem[:120] or "call"


def _unique_stems(ids: Iterable[str]) -> list[str]:
    seen: set[str] = {"index"}
    out = []
    for call_id in ids:
        stem = base = safe_file_stem(call_id)
        n = 2
        while stem.lower() in seen:
            stem = f"{base}-{n}"
            n += 1
        seen.add(stem.lower())
        out.append(stem)
    return out


def render_index(records: Sequence[Mapping[str, Any]], files: Sequence[str]) -> str:
    """The batch index page: one row per call linking to its page, and the frequent findings."""
    rows = []
    for rec, name in zip(records, files, strict=True):
        meta = call_metadata(rec)
        rows.append({"file": name, "record": rec, "meta": meta, "findings": findings_count(rec)})
    return _environment().get_template("index.html.j2").render(
        rows=rows, summary=batch_summary(records), generated=_now())


def write_html_reports(evs: Iterable[Evaluation], folder: str | Path, *, redact: bool = False,
                       embed_limit: int = EMBED_LIMIT_BYTES) -> list[Path]:
    """Write ``<safe call id>.html`` per call and ``index.html``; return the paths, index last.

    Recordings are embedded up to ``embed_limit`` bytes, else linked relative to ``folder``.
    """
    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    evs = list(evs)
    records = [evaluation_record(ev, redact=redact) for ev in evs]
    stems = _unique_stems(str(r.get("call_id", "")) for r in records)
    paths = []
    for ev, rec, stem in zip(evs, records, stems, strict=True):
        path = out_dir / f"{stem}.html"
        media = recording_media({"audio": ev.audio}, base=out_dir, embed_limit=embed_limit, embed=not redact,
                                redact=redact) if ev.audio else None
        path.write_text(render_html_record(rec, media=media), encoding="utf-8")
        paths.append(path)
    index = out_dir / "index.html"
    index.write_text(render_index(records, [p.name for p in paths]), encoding="utf-8")
    paths.append(index)
    return paths
