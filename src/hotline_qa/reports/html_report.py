"""The self-contained HTML report: one page per call, and an index page for a batch.

Pages carry their CSS and their little JavaScript inline and load nothing from anywhere (no
CDN, no web fonts, no remote images), so they can be mailed, archived or opened offline on a
phone. Everything from the call is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from hotline_qa import __version__
from hotline_qa.core.evaluation import Evaluation
from hotline_qa.reports.json_report import evaluation_record
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
)

_UNSAFE = re.compile(r"[^\w.\-]+")


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
    env.globals.update(
        SEVERITY_ZH=SEVERITY_ZH, ROLE_ZH=ROLE_ZH, EMOTION_ZH=EMOTION_ZH, KEY_INFO_ZH=KEY_INFO_ZH,
        is_event=lambda item: isinstance(item, EventView),
        is_utterance=lambda item: isinstance(item, UtteranceView),
        version=__version__,
    )
    return env


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def render_html_record(record: Mapping[str, Any]) -> str:
    """Render one evaluation record (``to_dict()``, possibly redacted) as a full HTML page."""
    view = build_view(record)
    return _environment().get_template("report.html.j2").render(v=view, generated=_now())


def render_html(ev: Evaluation, *, redact: bool = False) -> str:
    """One call as a single self-contained HTML page; ``redact`` masks personal data."""
    return render_html_record(evaluation_record(ev, redact=redact))


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


def write_html_reports(evs: Iterable[Evaluation], folder: str | Path, *, redact: bool = False) -> list[Path]:
    """Write ``<safe call id>.html`` per call and ``index.html``; return the paths, index last."""
    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = [evaluation_record(ev, redact=redact) for ev in evs]
    stems = _unique_stems(str(r.get("call_id", "")) for r in records)
    paths = []
    for rec, stem in zip(records, stems, strict=True):
        path = out_dir / f"{stem}.html"
        path.write_text(render_html_record(rec), encoding="utf-8")
        paths.append(path)
    index = out_dir / "index.html"
    index.write_text(render_index(records, [p.name for p in paths]), encoding="utf-8")
    paths.append(index)
    return paths
