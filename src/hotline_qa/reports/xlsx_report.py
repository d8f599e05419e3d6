"""An Excel workbook for supervisors: one row per call, and one row per finding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.reports.json_report import evaluation_record
from hotline_qa.reports.view import SEVERITY_ZH, build_view, call_metadata, findings_count

_HEADER_FILL = PatternFill("solid", fgColor="DDE7F5")
_FAIL_FONT = Font(color="CF222E", bold=True)

CALL_COLUMNS = ("通话 Call", "来源 Source", "开始 Start", "坐席 Agent", "工号 Staff no", "班组 Team",
                "得分 Score", "合格线 Pass score", "结果 Result", "红线 Red lines", "问题数 Findings",
                "规则库 Rulebook")
FINDING_COLUMNS = ("通话 Call", "规则 Code", "名称 Name", "维度 Dimension", "严重度 Severity", "问题 Message",
                   "话轮 Turn", "时间 Time", "原话 Quote", "命中词 Matched", "建议话术 Better", "依据 Why")


def _write_row(ws: Worksheet, row: int, values: Sequence[Any]) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # call text is never a formula


def _header(ws: Worksheet, columns: Sequence[str], widths: Sequence[int]) -> None:
    _write_row(ws, 1, columns)
    for col, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


def _calls_sheet(ws: Worksheet, records: Sequence[Mapping[str, Any]]) -> None:
    dim_names: list[str] = []
    for rec in records:
        for d in rec.get("dimensions") or []:
            if d.get("name") not in dim_names:
                dim_names.append(str(d.get("name")))
    columns = [*CALL_COLUMNS, *dim_names]
    _header(ws, columns, [22, 28, 24, 10, 10, 12, 8, 8, 10, 18, 8, 12, *([12] * len(dim_names))])
    for row, rec in enumerate(records, start=2):
        meta = call_metadata(rec)
        dims = {d.get("name"): d.get("score") for d in rec.get("dimensions") or []}
        passed = bool(rec.get("passed"))
        _write_row(ws, row, [
            rec.get("call_id"), rec.get("source"), meta.get("started_at"), meta.get("agent_name"),
            meta.get("staff_no"), meta.get("team"), rec.get("total_score"), rec.get("pass_score"),
            "通过 PASS" if passed else "不通过 FAIL", " ".join(rec.get("red_lines") or []),
            findings_count(rec), (rec.get("rulebook") or {}).get("version"),
            *(dims.get(name) for name in dim_names),
        ])
        if not passed:
            ws.cell(row=row, column=9).font = _FAIL_FONT


def _findings_sheet(ws: Worksheet, records: Sequence[Mapping[str, Any]]) -> None:
    _header(ws, FINDING_COLUMNS, [22, 9, 16, 14, 10, 40, 7, 8, 50, 20, 40, 30])
    row = 2
    for rec in records:
        view = build_view(rec)
        for f in view.findings:
            u = view.utterance(f.anchor_utterance) if f.anchor_utterance is not None else None
            matched = "、".join(u.text[s:e] for (ui, s, e) in f.spans if u is not None and ui == u.index)
            _write_row(ws, row, [
                view.call_id, f.code, f.name_zh, view.dimension_name(f.dimension),
                f"{SEVERITY_ZH.get(f.severity, f.severity)} {f.severity}", f.message,
                f.anchor_utterance, f.time_label if f.time_start is not None else None,
                u.text if u is not None else None, matched or None, f.suggestion, f.explanation,
            ])
            for col in (6, 9, 11, 12):
                ws.cell(row=row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
            if f.is_red_line:
                ws.cell(row=row, column=5).font = _FAIL_FONT
            row += 1


def write_xlsx(evs: Iterable[Evaluation], path: str | Path, *, redact: bool = False) -> Path:
    """Write the workbook: sheet "通话 Calls" (one row per call) and "问题 Findings"."""
    records = [evaluation_record(ev, redact=redact) for ev in evs]
    wb = Workbook()
    calls = wb.active
    assert calls is not None
    calls.title = "通话 Calls"
    _calls_sheet(calls, records)
    _findings_sheet(wb.create_sheet("问题 Findings"), records)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
