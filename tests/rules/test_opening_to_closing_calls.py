"""Whole calls through this session's families: a compliant call raises nothing, a
careless one raises what a reviewer would mark, and no more."""

from __future__ import annotations

from hotline_qa.core.findings import Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.ingest.meta import metadata_from_mapping
from hotline_qa.pipeline import Engine
from hotline_qa.rules.rulebook import load_rulebook

FAMILIES = ("ANS", "OPN", "POL", "TAB", "FIL", "CLS")

GOOD = """\
[00:00.4-00:07.5 坐席] 您好，抱歉让您久等了，這裡是客服中心，我是客服专员小周，请问您有什么业务需要咨询或协助吗？
[00:08.0-00:14.0 客户] 喂 你好 我姓王 我上个月的话费好像多扣了二十块 你们怎么回事
[00:14.5-00:22.0 坐席] 王女士您好 非常抱歉给您带来了不好的体验 您是说你们怎么多扣了二十块对吗
[00:22.5-00:24.0 客户] 对
[00:24.5-00:30.0 坐席] 您的问题比较专业，我需要稍作查询，麻烦您稍等1分钟可以吗？
[00:31.0 #hold_start]
[01:10.0 #hold_end]
[01:10.5-01:20.0 坐席] 感谢您的耐心等待 查到是流量包重复扣费 也就是说同一个包扣了两次 我帮您申请退回 预计两个工作日内到账
[01:20.5-01:23.0 客户] 好的 明白了
[01:23.5-01:28.0 坐席] 请问还有其他需要协助的吗
[01:28.5-01:30.0 客户] 没有了 谢谢
[01:30.5-01:35.0 坐席] 感谢您的来电，祝您生活愉快，再见！
[01:35.5-01:36.5 客户] 再见
[01:37.0 #hangup customer]
"""

BAD = """\
[00:01.0-00:03.0 坐席] 喂
[00:03.5-00:05.0 客户] 喂 我问一下我的快递
[00:05.5-00:14.0 坐席] 嗯你说
[00:14.5-00:20.0 客户] 三天了还没到
[00:20.5-00:30.0 坐席] 那个那个 我不知道嗯 肯定是你地址写错了 然后然后 就是说 你自己查一下吧
[00:30.5-00:35.0 客户] 凭什么让我自己查 我要投诉
[00:35.5-00:38.0 坐席] 行了行了 拜拜
"""


def _evaluate(text: str, **meta: object) -> dict[str, object]:
    rb = load_rulebook()
    codes = {c for c in rb.spec.rules if c[:3] in FAMILIES}
    md = metadata_from_mapping(meta)[0] if meta else None
    ev = Engine(rb, only=codes).evaluate(parse_dialogue(text, metadata=md))
    return {r.code: r for r in ev.results if r.code in codes}


def test_compliant_call_has_no_findings() -> None:
    results = _evaluate(GOOD, ring_seconds=6, queue_seconds=90, started_at="2025-03-04T10:00:00+08:00",
                        hangup_by="customer")
    flagged = {c: [f.message for f in r.findings] for c, r in results.items() if r.status is Status.FINDING}
    assert flagged == {}
    errors = {c: r.reason for c, r in results.items() if r.status is Status.ERROR}
    assert errors == {}


def test_careless_call_is_flagged_where_a_reviewer_would() -> None:
    results = _evaluate(BAD, hangup_by="agent")
    flagged = {c for c, r in results.items() if r.status is Status.FINDING}
    for code in ("OPN002", "OPN003", "OPN004", "POL001", "POL002", "POL003", "TAB001", "TAB002",
                 "TAB004", "FIL001", "CLS001", "CLS002", "CLS003", "CLS004"):
        assert code in flagged, code
    assert "TAB003" not in flagged  # "凭什么" was the customer's
    assert results["CLS004"].is_red_line
    assert results["FIL001"].details["count"] == 4
