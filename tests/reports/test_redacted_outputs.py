"""No personal data in any redacted output of the bundled samples and the field calls.

Every sample and field call is scored and written redacted as JSON, JSONL, HTML (text, titles,
tooltips and data attributes) and in the terminal (verbose); each output is scanned for a run
of 7 or more digits however it is spelled (Arabic, full width, Chinese numerals read digit by
digit, ASR homophones such as 腰/亮, with spaces, commas or hyphens between the groups) and for
an e-mail address, written or spoken ("… 艾特 163 点 com").
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.pipeline import Engine
from hotline_qa.reports.html_report import render_html
from hotline_qa.reports.json_report import evaluation_json, evaluation_jsonl_line
from hotline_qa.reports.terminal import render_terminal

ROOT = Path(__file__).resolve().parents[2]
FIELD = ROOT / "tests" / "field" / "calls"
SAMPLES = ROOT / "src" / "hotline_qa" / "samples"
CALL_SUFFIXES = (".txt", ".json", ".srt", ".csv")


def _call_files() -> list[Path]:
    return [p for folder in (FIELD, SAMPLES) for p in sorted(folder.iterdir())
            if p.suffix in CALL_SUFFIXES and not p.name.endswith(".meta.json")]


# --- the leak detector ---------------------------------------------------------------------

_SPOKEN = dict(zip("零〇○洞幺一壹二两兩贰貳三叁參四肆五伍六陆陸七柒拐八捌九玖勾腰亮",
                   "00001112222233344556667778899912", strict=True))
_FULL = {chr(0xFF10 + d): str(d) for d in range(10)}
_DIGIT = "0-9" + "".join(_SPOKEN) + "".join(_FULL)
# Groups of digits with at most a separator (spaces, a comma, a hyphen, 、) between them.
_RUN = re.compile(rf"[{_DIGIT}]+(?:[\s\u3000]*[-－,，、]?[\s\u3000]*[{_DIGIT}]+)*")
_WRITTEN_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]{2,}\s*[@＠]\s*[A-Za-z0-9\-]+(?:\s*[.．]\s*[A-Za-z0-9\-]+)+")
_SPOKEN_EMAIL = re.compile(rf"[A-Za-z0-9{''.join(_SPOKEN)}]{{2,}}(?:\s*艾特\s*|\s+at\s+)[A-Za-z0-9{''.join(_SPOKEN)}]+"
                           r"\s*(?:点|dot|\.)\s*[A-Za-z]{2,}")
# Not personal data: dates, ISO times and durations.
_NOT_PERSONAL = re.compile(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d)?)?")


def leaks(text: str) -> list[str]:
    """The digit runs of 7+ digits and the e-mail addresses left visible in ``text``."""
    text = _NOT_PERSONAL.sub(" ", unicodedata.normalize("NFKC", text))
    found = []
    for m in _RUN.finditer(text):
        run = m.group()
        first = re.match(rf"[{_DIGIT}]+", run)
        if m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha() \
                and first and len(first.group()) < 7:
            run = run[first.end():]  # "F45-12345": the 45 belongs to the code F45
        digits = [c for c in run if c.isdigit() or c in _SPOKEN or c in _FULL]
        if len(digits) >= 7:
            found.append(m.group())
    found += [m.group() for m in _WRITTEN_EMAIL.finditer(text) if "*" not in m.group()]
    found += [m.group() for m in _SPOKEN_EMAIL.finditer(text)]
    return found


def test_the_detector_finds_every_spelling() -> None:
    for leak in ("13812345678", "幺三八 一二三四 五六七八", "１３８１２３４５６７８", "腰八六，亮七三五，零九幺四",
                 "订单号20261118 0035", "tel13812345678", "七八一，二四六八，一三五七九零", "zhang.san@example.com",
                 "zhangwei88 艾特 163 点 com", "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"):
        assert leaks(leak), leak
    for clean in ("138****5678", "F45-12345-noise", "*******五六七八", "2026-03-10T10:05:12+08:00", "工号1024 拨打12345",
                  "z*******@example.com", "z********* 艾特 163 点 com", "***，****，零九幺四"):
        assert not leaks(clean), clean


# --- the outputs ---------------------------------------------------------------------------

@cache
def _evaluations() -> dict[str, Evaluation]:
    engine = Engine()
    out = {}
    for path in _call_files():
        for k, ev in enumerate(engine.evaluate_path(path)):
            out[f"{path.name}#{k}"] = ev
    return out


class _Visible(HTMLParser):
    """Text and the attribute values a reader can see or a script can read (title, aria-label,
    alt, data-*, href, src), without the style sheet, the script and the SVG geometry.

    Text runs on across inline elements (a number split by a ``<mark>`` is still one number)
    and stops at the edge of a block, a cell or an attribute.
    """

    _INLINE = frozenset({"mark", "span", "a", "b", "i", "em", "strong", "small", "code"})

    _SHOWN_ATTRS = ("title", "aria-label", "alt", "href", "src", "value", "content")
    _NUMERIC_DATA = ("data-start", "data-end", "data-t", "data-duration", "data-left", "data-plot")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        if tag not in self._INLINE:
            self.parts.append("|")
        for name, value in attrs:
            if value and (name in self._SHOWN_ATTRS
                          or (name.startswith("data-") and name not in self._NUMERIC_DATA)):
                self.parts.append(f"|{value}|")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        if tag not in self._INLINE:
            self.parts.append("|")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    # the footer's rulebook hash and generator version are no personal data
    return re.sub(r"\b[0-9a-f]{16}\b", "", "".join(parser.parts))


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "rulebook" for s in [str(k), *_json_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    if isinstance(value, int | float) and not isinstance(value, bool) and len(str(int(value))) >= 7:
        return [str(value)]
    return []


def _outputs(ev: Evaluation) -> dict[str, list[str]]:
    console = Console(file=io.StringIO(), width=200, color_system=None, highlight=False)
    render_terminal(ev, console, verbose=True, redact=True)
    terminal = console.file.getvalue()  # type: ignore[attr-defined]
    return {
        "json": _json_strings(json.loads(evaluation_json(ev, redact=True))),
        "jsonl": _json_strings(json.loads(evaluation_jsonl_line(ev, redact=True))),
        "html": [_html_text(render_html(ev, redact=True))],
        "terminal": [terminal],
    }


@pytest.mark.parametrize("key", [f"{p.name}#0" for p in _call_files()])
def test_no_personal_data_in_any_redacted_output(key: str) -> None:
    ev = _evaluations()[key]
    # the telephony system's call id ("95598-HP-20260217-090512-3082": date, time and a sequence) names
    # the call, not a person; reports must show it for the call to be found again. So does the agent's
    # id ("gd-10086-9721", field call 487): the staff member the QA specialist scores, kept by design
    meta = ev.call.get("metadata") or {}
    ids = [ev.call_id, *(v for k in ("agent_id", "staff_no") if isinstance(v := meta.get(k), str) and v)]

    def without_ids(text: str) -> str:
        # (as whole tokens: the staff number "027" is no part of the date "2027-05-22", field call 996)
        for i in ids:
            text = re.sub(rf"(?<![0-9]){re.escape(i)}(?![0-9])", " ", text)
        return text

    found = {fmt: sorted({leak for s in strings for leak in leaks(without_ids(s))})
             for fmt, strings in _outputs(ev).items()}
    assert not any(found.values()), found


def test_the_calls_do_hold_personal_data_unredacted() -> None:
    """The scan is not vacuous: unredacted, the same calls leak in many places."""
    leaking = [key for key, ev in _evaluations().items()
               if any(leaks(s) for s in _json_strings(json.loads(evaluation_json(ev))))]
    assert len(leaking) >= 10, leaking


def test_html_text_runs_on_across_a_highlight_but_not_across_cells() -> None:
    assert leaks(_html_text("<p>电话幺三八<mark title='x'>一二三四</mark>五六七八</p>"))
    assert not leaks(_html_text("<table><tr><td>三七幺二</td>\n  <td>四幺零</td></tr></table>"))
