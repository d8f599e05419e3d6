"""The terminal summary shows the verdict, red lines, scores and each finding with evidence."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from rich.console import Console

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.reports.terminal import render_batch_summary, render_terminal

Make = Callable[..., Evaluation]


def _render(ev: Evaluation, **kwargs: bool) -> tuple[str, Console]:
    console = Console(record=True, width=120, color_system="truecolor", file=io.StringIO())
    render_terminal(ev, console, **kwargs)
    return console.export_text(clear=False), console


def test_summary_items(make_evaluation: Make) -> None:
    text, _ = _render(make_evaluation())
    assert "HL-20240501-0001" in text
    assert "不通过" in text and "FAIL" in text and "61" in text
    assert "红线" in text
    for dim in ("接听与开场", "礼貌与规范用语", "13/25"):
        assert dim in text
    # the finding: code, name, message, evidence with index and mm:ss, suggestion
    assert "[TAB003] 顶撞客户" in text
    assert "#2 00:07 坐席: 那个 这个 你要办什么 爱找谁找谁" in text
    assert "建议话术" in text and "非常抱歉让您久等了" in text
    assert "01:15" in text  # utterance 5 starts at 75 s
    assert "LIS001" in text and "ZeroDivisionError" in text  # rule errors always shown
    assert "VOC003" not in text  # not applicable only in verbose


def _highlighted(ansi: str) -> list[str]:
    """Texts printed on a yellow background (SGR 43)."""
    return re.findall(r"\x1b\[[0-9;]*;43m([^\x1b]+)\x1b\[0m", ansi)


def test_red_lines_come_first_and_in_red(make_evaluation: Make) -> None:
    text, console = _render(make_evaluation())
    assert text.index("TAB003") < text.index("维度得分")
    assert text.index("[TAB003]") < text.index("[OPN002]")  # fatal before minor in the list
    ansi = console.export_text(styles=True)
    panel_line = next(line for line in ansi.splitlines() if "顶撞客户:" in line)
    assert "\x1b[1;31m[TAB003]" in panel_line  # bold red


def test_highlight_only_on_matched_words(make_evaluation: Make) -> None:
    _, console = _render(make_evaluation())
    marked = _highlighted(console.export_text(styles=True))
    assert "爱找谁找谁" in marked and "喂" in marked and "那个" in marked
    assert "幺三八 一二三四 五六七八" in marked  # with the pauses of the original
    assert not any("你要办什么" in m for m in marked)


def test_verbose_adds_explanations_and_not_applicable(make_evaluation: Make) -> None:
    text, _ = _render(make_evaluation(), verbose=True)
    assert "VOC003" in text and "需要立体声录音" in text
    assert "依据" in text and "词表命中" in text


def test_redacted_terminal_hides_phone(make_evaluation: Make) -> None:
    text, _ = _render(make_evaluation(), redact=True)
    assert "13812345678" not in text
    assert "138****5678" in text


def test_passing_call_without_transcript(make_evaluation: Make) -> None:
    ev = make_evaluation(with_call=False, with_analysis=False, results=(), passed=True, total_score=96.5)
    text, _ = _render(ev)
    assert "通过" in text and "PASS" in text and "96.5" in text
    assert "没有发现问题" in text


def test_batch_summary(make_evaluation: Make) -> None:
    good = make_evaluation("CALL-OK", results=(), passed=True, total_score=98)
    bad1 = make_evaluation("CALL-BAD-1")
    bad2 = make_evaluation("CALL-BAD-2", total_score=55)
    console = Console(record=True, width=120, file=io.StringIO())
    render_batch_summary([good, bad1, bad2], console)
    text = console.export_text()
    for cid in ("CALL-OK", "CALL-BAD-1", "CALL-BAD-2"):
        assert cid in text
    assert "通过率" in text and "33%" in text and "(1/3)" in text
    assert "最常见问题" in text
    rows = [line for line in text.splitlines() if "TAB003" in line and "顶撞客户" in line]
    assert rows and "2" in rows[0]  # TAB003 fired in the two failing calls
