"""The Excel workbook: one row per call, one row per finding, call text never a formula."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.reports.xlsx_report import write_xlsx

Make = Callable[..., Evaluation]


def test_calls_and_findings_sheets(make_evaluation: Make, tmp_path: Path) -> None:
    evs = [make_evaluation("C-1"), make_evaluation("C-2", passed=True, results=(), total_score=97.5)]
    wb = load_workbook(write_xlsx(evs, tmp_path / "qa.xlsx"))
    calls = wb["通话 Calls"]
    rows = list(calls.iter_rows(values_only=True))
    assert rows[0][0] == "通话 Call" and "礼貌与规范用语" in rows[0]
    assert rows[1][0] == "C-1" and rows[1][8] == "不通过 FAIL" and rows[1][9] == "TAB003"
    assert rows[2][0] == "C-2" and rows[2][6] == 97.5 and rows[2][10] == 0
    findings = list(wb["问题 Findings"].iter_rows(values_only=True))
    assert len(findings) == 1 + 6  # header + the six findings of C-1
    tab = next(r for r in findings if r[1] == "TAB003")
    assert tab[6] == 2 and tab[7] == "00:07" and tab[9] == "爱找谁找谁" and "非常抱歉" in tab[10]


def test_formula_like_text_stays_text(make_evaluation: Make, tmp_path: Path) -> None:
    from hotline_qa.core.findings import Evidence, Finding, RuleResult, Severity, Status

    utts = [{"index": 0, "role": "customer", "text": "=HYPERLINK(\"http://x\")", "start": 0.0}]
    res = RuleResult("TAB001", "t", "推诿", "Buck", "courtesy", Status.FINDING, Severity.MAJOR, 2.0,
                     (Finding("=1+1", Evidence((0,))),))
    wb = load_workbook(write_xlsx([make_evaluation(utterances=utts, results=(res,))], tmp_path / "f.xlsx"))
    row = next(wb["问题 Findings"].iter_rows(min_row=2, values_only=True))
    assert row[5] == "=1+1" and row[8] == "=HYPERLINK(\"http://x\")"
    cell = wb["问题 Findings"].cell(row=2, column=6)
    assert cell.data_type == "s"


def test_redacted_workbook(make_evaluation: Make, tmp_path: Path) -> None:
    path = write_xlsx([make_evaluation()], tmp_path / "r.xlsx", redact=True)
    wb = load_workbook(path)
    values = [str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert not any("13812345678" in v for v in values)
