"""The HTML page: highlights in place, escaping, no external resource, redaction, the index."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.reports.html_report import render_html, safe_file_stem, write_html_reports

Make = Callable[..., Evaluation]


class _Collector(HTMLParser):
    """Gathers tags with attributes, marked texts and ids, and checks the page parses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str, str]] = []  # (utterance id, text)
        self.ids: set[str] = set()
        self.script_bodies: list[str] = []
        self._turn: str | None = None
        self._in_mark = False
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
            if str(a["id"]).startswith("u-"):
                self._turn = str(a["id"])
        if tag == "mark":
            self._in_mark = True
            self.marks.append((self._turn or "", ""))
        if tag == "script":
            self._in_script = True
            self.script_bodies.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            turn, text = self.marks[-1]
            self.marks[-1] = (turn, text + data)
        if self._in_script:
            self.script_bodies[-1] += data


def _parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    c.close()
    return c


@pytest.fixture
def page(make_evaluation: Make) -> str:
    return render_html(make_evaluation())


def test_highlights_sit_on_the_matched_words(page: str) -> None:
    marks = _parse(page).marks
    assert ("u-2", "爱找谁找谁") in marks
    assert ("u-2", "那个") in marks and ("u-2", "这个") in marks
    assert ("u-0", "喂") in marks
    # shown with the pauses of the original ("幺三八 一二三四 五六七八"), simplified
    assert ("u-3", "幺三八 一二三四 五六七八") in marks
    assert ("u-5", "保证") in marks
    assert len(marks) == 6  # nothing else is marked


def test_fatal_highlight_is_styled_as_red_line(page: str) -> None:
    m = re.search(r'<mark class="hl-(\w+)"[^>]*>爱找谁找谁</mark>', page)
    assert m and m.group(1) == "fatal"


def test_overlapping_spans_do_not_break_the_text(make_evaluation: Make) -> None:
    from hotline_qa.core.findings import Evidence, Finding, RuleResult, Severity, Span, Status

    text = "那个 这个 你要办什么 爱找谁找谁"
    overlap = RuleResult("TAB001", "t", "推诿", "Buck", "courtesy", Status.FINDING, Severity.MAJOR, 2.0, (
        Finding("a", Evidence((2,), spans=(Span(2, 9, 16, text[9:16]), Span(2, 13, 99, "越界")))),))
    page = render_html(make_evaluation(results=(overlap,)))
    bubble = re.search(r'id="u-2".*?<p class="text">(.*?)</p>', page, re.S)
    assert bubble is not None
    assert re.sub(r"<[^>]+>", "", bubble.group(1)) == text  # every character once, in order


def test_page_order(page: str) -> None:
    anchors = ["id=\"verdict\"", "id=\"red-lines\"", "id=\"scores\"", "id=\"emotion\"", "id=\"customer\"",
               "id=\"key-info\"", "id=\"commitments\"", "id=\"transcript\"", "id=\"whole-call\"", "id=\"rules\""]
    positions = [page.index(a) for a in anchors]
    assert positions == sorted(positions)


def test_header_and_red_lines(page: str) -> None:
    header = page[:page.index("id=\"scores\"")]
    assert "HL-20240501-0001" in header and "王小明" in header and "投诉二组" in header
    assert "2024-05-01T09:30:00+08:00" in header
    assert "不通过" in header and "FAIL" in header and ">61<" in header
    red = page[page.index("id=\"red-lines\""):page.index("id=\"scores\"")]
    assert "TAB003" in red and "OPN002" not in red


def test_summary_links_jump_to_utterances(page: str) -> None:
    c = _parse(page)
    summary = page[page.index('id="finding-list"'):page.index("</ul>", page.index('id="finding-list"'))]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert "u-2" in targets and "u-3" in targets
    assert all(t in c.ids for t in targets)  # every link has its anchor
    # the metadata finding has no utterance: it links to its card in the whole-call section
    whole = page[page.index('id="whole-call"'):page.index('id="rules"')]
    assert "CLS004" in whole and "坐席先挂机" in whole
    cls_card = re.search(r'id="(f-\d+)">\s*<p><span class="code">CLS004', whole)
    assert cls_card and cls_card.group(1) in targets


def test_finding_card_content(page: str) -> None:
    turn = page[page.index('id="u-2"'):page.index('id="u-3"')]
    for text in ("TAB003", "顶撞客户", "红线", "建议话术 / Better:", "非常抱歉让您久等了", "词表命中"):
        assert text in turn


def test_original_text_shown_when_it_differs(page: str) -> None:
    turn = page[page.index('id="u-1"'):page.index('id="u-2"')]
    assert 'title="原文 Original: 我已經排了二十分鐘的隊了你們究竟在做什麼"' in turn
    same = page[page.index('id="u-0"'):page.index('id="u-1"')]
    assert "原文" not in same


def test_emotion_chart_is_inline_svg_with_verdict(page: str) -> None:
    section = page[page.index('id="emotion"'):page.index('id="customer"')]
    assert "<svg" in section and "<path" in section
    circles = re.findall(r'<circle class="emo-(\w+)" cx="([\d.]+)" cy="([\d.]+)"', section)
    assert [c[0] for c in circles] == ["angry", "dissatisfied", "calm"]
    ys = [float(c[2]) for c in circles]
    assert ys[0] < ys[1] < ys[2]  # angry is drawn higher than calm
    assert "情绪得到缓和" in section


def test_analysis_sections(page: str) -> None:
    assert "情绪激动型" in page and "柔中带刚" in page
    key = page[page.index('id="key-info"'):page.index('id="commitments"')]
    assert "未复述" in key and "已复述" in key
    com = page[page.index('id="commitments"'):page.index('id="transcript"')]
    assert "2024-05-02T18:00:00+08:00" in com and "保证" in com


def test_rule_table_lists_every_status(page: str) -> None:
    rules = page[page.index('id="rules"'):]
    assert "需要立体声录音" in rules and "不适用" in rules
    assert "ZeroDivisionError" in rules and "出错" in rules
    assert "ANS001" in rules and "通过" in rules


def test_script_in_transcript_is_text(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    bodies = _parse(page).script_bodies
    assert len(bodies) == 1 and "alert" not in bodies[0]  # only our own script


def test_escaping_in_attributes_and_metadata(make_evaluation: Make) -> None:
    utts = [{"index": 0, "role": "customer", "text": '他说"><img src=x onerror=alert(1)>',
             "original": '他說"><img src=x onerror=alert(1)>', "start": 0.0, "end": 1.0}]
    page = render_html(make_evaluation(call_id='<b>x"y</b>', utterances=utts, results=()))
    c = _parse(page)
    assert not any(tag == "img" for tag, _ in c.tags)
    assert "<b>x" not in page


def test_no_external_resources(page: str) -> None:
    c = _parse(page)
    for tag, attrs in c.tags:
        for name in ("src", "href", "xlink:href", "action", "poster", "data"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, name, value)
        assert tag not in {"link", "iframe", "img", "object", "embed"}
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*https?://", page, re.I)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert '<meta name="viewport"' in page
    assert "@media (max-width" in page  # stacks on a phone


def test_url_spoken_in_transcript_stays_text(make_evaluation: Make) -> None:
    utts = [{"index": 0, "role": "agent", "text": "您可以登录 https://example.com/help 查看", "start": 0.0}]
    page = render_html(make_evaluation(utterances=utts, results=()))
    assert "https://example.com/help" in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*https?://", page, re.I)


def test_redacted_page_has_no_full_phone(make_evaluation: Make) -> None:
    plain = render_html(make_evaluation())
    assert "13812345678" in plain
    page = render_html(make_evaluation(), redact=True)
    digits_only = re.sub(r"[\s,，-]", "", page)
    assert "13812345678" not in digits_only
    assert "１３８１２３４５６７８" not in page
    assert "一二三四五六七八" not in page and "一二三四 五六七八" not in page
    assert "建国路" not in page
    assert "138****5678" in page
    # highlights still sit on the (masked) words
    assert ("u-3", "*** **** 五六七八") in _parse(page).marks


def test_minimal_record_renders(make_evaluation: Make) -> None:
    page = render_html(make_evaluation(with_call=False, with_analysis=False, passed=True, total_score=100))
    assert "通过" in page and "PASS" in page
    assert 'id="emotion"' not in page and 'id="key-info"' not in page
    assert "CLS004" in page  # findings without a transcript land in the whole-call section


def test_write_html_reports(make_evaluation: Make, tmp_path: Path) -> None:
    evs = [make_evaluation("HL/1"), make_evaluation("HL:1"), make_evaluation("index"),
           make_evaluation("呼入-0001", passed=True, results=(), total_score=97)]
    paths = write_html_reports(evs, tmp_path / "out", redact=True)
    names = [p.name for p in paths]
    assert names[-1] == "index.html"
    assert len(set(names)) == 5  # colliding safe names get a suffix; no call overwrites the index
    assert "呼入-0001.html" in names
    index = paths[-1].read_text(encoding="utf-8")
    for p in paths[:-1]:
        assert f'href="{p.name}"' in index
        assert "13812345678" not in p.read_text(encoding="utf-8")
    assert "25%" in index  # 1 of 4 passed
    assert "TAB003" in index


@pytest.mark.parametrize(("call_id", "stem"), [("a/b\\c", "a_b_c"), ("..", "call"), ("呼入 12", "呼入_12")])
def test_safe_file_stem(call_id: str, stem: str) -> None:
    assert safe_file_stem(call_id) == stem


def test_malformed_analysis_parts_are_skipped(make_evaluation: Make) -> None:
    from dataclasses import replace

    ev = replace(make_evaluation(), analysis={
        "key_info": ["13812345678", {"kind": "phone", "value": "139", "utterance": None}],
        "emotions": [{"utterance": 1, "emotion": "furious"}, {"utterance": 3, "emotion": "angry"}],
        "customer_type": "3", "complaint": None, "warnings": ["情绪识别模型未加载"],
    })
    page = render_html(ev)
    key = page[page.index('id="key-info"'):page.index('id="transcript"')]
    assert "139" in key and "13812345678" not in key
    assert len(re.findall(r"<circle ", page)) == 1
    assert 'id="customer"' not in page
    assert "情绪识别模型未加载" in page


def test_turn_shows_the_original_spacing_and_punctuation_with_highlights_moved() -> None:
    from hotline_qa.reports.view import build_view

    record = {
        "results": [{"code": "TAB001", "status": "finding", "severity": "major", "findings": [{
            "message": "m", "evidence": {"utterances": [0], "spans": [
                {"utterance": 0, "start": 4, "end": 8, "text": "不归我管"}]}}]}],
        "call": {"utterances": [
            # ASR pauses and full-width punctuation: shown as the original, no "Original" toggle
            {"index": 0, "role": "agent", "text": "嗯这个事不归我管,你找别人", "original": "嗯 这个事 不归我管，你找别人"},
            # traditional characters: simplified is shown, with the original's punctuation, and
            # the original stays behind the toggle
            {"index": 1, "role": "customer", "text": "你们的服务,太差了", "original": "你們的服務，太差了"},
            # masked in the original only (full width): stays masked in what is shown
            {"index": 2, "role": "customer", "text": "号码1381234", "original": "号码*******"},
        ]},
    }
    view = build_view(record)
    first, second, third = view.utterances
    assert "".join(s.text for s in first.segments) == "嗯 这个事 不归我管，你找别人"
    assert [s.text for s in first.segments if s.marked] == ["不归我管"]
    assert not first.original_differs
    assert "".join(s.text for s in second.segments) == "你们的服务，太差了"
    assert second.original_differs
    assert "".join(s.text for s in third.segments) == "号码*******"


def test_turn_shows_the_pause_comma_the_text_dropped_inside_the_highlight() -> None:
    from hotline_qa.reports.view import build_view
    from hotline_qa.text.normalize import normalize_text

    original = "这个事不归，我们管，你找别人"
    record = {
        "results": [{"code": "TAB001", "status": "finding", "severity": "major", "findings": [{
            "message": "m", "evidence": {"utterances": [0], "spans": [
                {"utterance": 0, "start": 3, "end": 8, "text": "不归我们管"}]}}]}],
        "call": {"utterances": [{"index": 0, "role": "agent", "text": normalize_text(original), "original": original}]},
    }
    (turn,) = build_view(record).utterances
    assert "".join(s.text for s in turn.segments) == original
    assert [s.text for s in turn.segments if s.marked] == ["不归，我们管"]
    assert not turn.original_differs


def test_untimed_turns_show_no_empty_time(make_evaluation: Make) -> None:
    import json as _json

    from hotline_qa.reports.html_report import render_html_record
    from hotline_qa.reports.json_report import evaluation_record

    record = _json.loads(_json.dumps(evaluation_record(make_evaluation())))
    for u in record["call"]["utterances"]:
        u["start"] = u["end"] = None
    page = render_html_record(record)
    assert "--:--" not in page[page.index('id="transcript"'):]


def test_redacted_page_neither_links_nor_names_a_recording_named_after_the_caller(tmp_path: Path) -> None:
    from hotline_qa.reports.html_report import recording_media

    wav = tmp_path / "13812345678_0501.wav"
    wav.write_bytes(b"RIFF")
    plain = recording_media({"audio": {"source": str(wav)}}, base=tmp_path, embed=False)
    assert plain is not None and plain.src == "13812345678_0501.wav"
    masked = recording_media({"audio": {"source": str(wav)}}, base=tmp_path, embed=False, redact=True)
    assert masked is not None and masked.src == "" and "13812345678" not in masked.note + masked.name
    assert "138****5678_0501.wav" in masked.note
    ordinary = recording_media({"audio": {"source": str(tmp_path / "call.wav")}}, redact=True)
    assert ordinary is not None and "call.wav" in ordinary.note  # nothing personal: still named
