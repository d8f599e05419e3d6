"""The timeline strip of the HTML report, from the transcript's timestamps (no recording)."""

from __future__ import annotations

import re

from hotline_qa.cli.demo import samples_dir
from hotline_qa.ingest.detect import load_calls_from_text
from hotline_qa.pipeline import Engine
from hotline_qa.reports.html_report import render_html
from hotline_qa.reports.timeline import build_timeline
from hotline_qa.reports.view import build_view

CALL = """[00:00.5-00:06.0 坐席] 您好，这里是客服中心，我是小周，请问有什么可以帮您？
[00:06.5-00:14.0 客户] 我的宽带断了 昨天晚上开始的 一直连不上
[00:12.0-00:16.0 坐席] 我跟您说这个要先重启光猫
[00:31.0-00:35.0 坐席] 查到了，您那边线路在抢修。
[00:35.5-00:36.5 客户] 好的谢谢
"""


def test_the_strip_from_timestamps_shows_lanes_silence_overlap_and_findings() -> None:
    [call] = load_calls_from_text(CALL, source="t.txt")
    record = Engine().evaluate(call).to_dict()
    view = build_view(record)
    tl = build_timeline(record, view.findings)
    assert tl is not None and tl.source == "timestamps" and tl.duration == 36.5
    kinds = [b.kind for b in tl.bars]
    assert kinds.count("agent") == 3 and kinds.count("customer") == 2
    [silence] = [b for b in tl.bars if b.kind == "silence"]
    assert silence.t == 16.0 and "15.0 s" in silence.title
    [overlap] = [b for b in tl.bars if b.kind == "overlap"]
    assert overlap.t == 12.0 and "agent over customer" in overlap.title
    codes = {m.code for m in tl.markers}
    assert {"LIS001", "LIS003"} <= codes  # the interruption and the dead air, at their times
    lis003 = next(m for m in tl.markers if m.code == "LIS003")
    assert abs(lis003.t - 16.0) < 0.01 and tl.left < lis003.x < tl.left + tl.plot_width

    page = render_html(Engine().evaluate(call))
    assert 'class="timeline"' in page and "按转写时间戳" in page
    assert "<audio" not in page  # no recording, no player
    assert re.search(r'id="u-2"[^>]*data-start="12.00"', page)


def test_no_timestamps_no_strip() -> None:
    ev = Engine().evaluate_path(samples_dir() / "02_bad_opening_taboo.txt")[0]
    record = ev.to_dict()
    has_times = any(u.get("start") is not None for u in record["call"]["utterances"])
    assert (build_timeline(record, build_view(record).findings) is not None) == has_times
    [call] = load_calls_from_text("坐席：您好\n客户：你好\n", source="plain.txt")
    assert 'id="timeline"' not in render_html(Engine().evaluate(call))
