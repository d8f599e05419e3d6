"""Field round 17 (calls 167-172): a notice posted is no promise to notify ("上门前也会在小区张贴
通知"); days just past ("前两天", "最近两天", "过去三天") are no time frame."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments, time_frame_in
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.ingest.dialogue_text import parse_dialogue

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def _promises(text: str) -> list[tuple[str, str | None]]:
    call = parse_dialogue("坐席：" + text, source="r17")
    return [(c.action, c.deadline_text) for c in find_commitments(call, now=NOW, calendar=WorkCalendar())]


@pytest.mark.parametrize("text", [
    "安检人员都会穿工装佩戴工作证上门前也会在小区张贴通知",
    "停水之前物业会在楼道里贴通知",
    "我们会在官网发布通知",
])
def test_a_notice_posted_is_no_promise_to_notify(text: str) -> None:
    assert _promises(text) == []


def test_a_promise_to_notify_stays() -> None:
    assert _promises("停水时间定下来以后我们会短信通知您") == [("反馈", None)]
    assert _promises("明天上午我们会电话通知您结果") == [("反馈", "明天上午")]


@pytest.mark.parametrize(("text", "frame"), [
    ("前两天", None), ("最近两天", None), ("过去三天", None), ("前十二天", None), ("会在前一天下午", "一天"),
    ("两天内", "两天内"), ("十五天内", "十五天内"), ("3天内", "3天内"), ("十天左右", "十天左右"),
])
def test_days_just_past_are_no_time_frame(text: str, frame: str | None) -> None:
    assert time_frame_in(text) == frame


@pytest.mark.parametrize("text", [
    "理解您的心情我这边给您标了加急这样安排您看可以吗",
    "那我们这么处理您看行吗",
])
def test_the_plan_just_told_asked_about_is_no_new_promise(text: str) -> None:
    assert _promises(text) == []


def test_an_arrangement_promised_stays() -> None:
    assert _promises("这样吧我给您安排师傅明天上午上门") == [("上门", "明天上午")]
