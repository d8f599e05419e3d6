"""CLS004: the finding's own severity says whether the agent's hang-up was a red line."""

from __future__ import annotations

from functools import lru_cache

from hotline_qa.core.findings import RuleResult, Severity, Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.ingest.meta import metadata_from_mapping
from hotline_qa.pipeline import Engine
from hotline_qa.rules.rulebook import load_rulebook


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine(load_rulebook(), only={"CLS004"})


def _result(text: str, **meta: object) -> RuleResult:
    md = metadata_from_mapping(meta)[0] if meta else None
    return _engine().evaluate(parse_dialogue(text, metadata=md)).result("CLS004")


def test_goodbye_then_agent_hangs_up_is_major_not_red_line() -> None:
    r = _result("坐席：感谢您的来电，再见！\n客户：好的再见", hangup_by="agent")
    assert r.status is Status.FINDING
    assert r.findings[0].severity is None  # the rulebook's severity (major) applies
    assert r.severity is Severity.MAJOR
    assert not r.is_red_line
    assert r.deduction == 5


def test_customer_still_speaking_at_hangup_is_fatal() -> None:
    r = _result("[00:50.0-00:53.0 坐席] 好的\n[00:53.5-00:58.0 客户] 等一下我还有个发票的问题\n"
                "[00:55.0 #hangup agent]")
    assert r.findings[0].severity is Severity.FATAL
    assert r.is_red_line
    assert r.deduction == 10
    assert "仍在说话" in r.findings[0].message


def test_unanswered_customer_question_without_times_is_fatal() -> None:
    r = _result("坐席：就这样\n客户：那我的退款什么时候到账", hangup_by="agent")
    assert r.findings[0].severity is Severity.FATAL


def test_recent_complaint_is_fatal_even_after_goodbye() -> None:
    r = _result("客户：你们这什么态度 我要投诉\n坐席：再见\n客户：再见", hangup_by="agent")
    assert r.findings[0].severity is Severity.FATAL
    assert "不满" in r.findings[0].message


def test_metadata_wins_over_event() -> None:
    r = _result("坐席：再见\n客户：再见\n[#hangup agent]", hangup_by="customer")
    assert r.status is Status.PASSED
    assert r.details["from"] == "metadata hangup_by"


def test_complaint_in_the_last_customer_turns_counts_speaking_turns_not_asr_sentences() -> None:
    # The customer's complaint is two speaking turns back, but four ASR sentences back: the
    # agent who hangs up after "你们这个服务也太差了吧" and a grudging "那好吧" crosses the red line.
    r = _result("[02:40.0-02:42.0 客户] 你们这个服务也太差了吧\n[02:42.3-02:44.0 客户] 问什么都说不知道\n"
                "[02:44.8-02:46.5 坐席] 我们是按流程来的\n[02:46.8-02:48.6 坐席] 你有意见可以去投诉\n"
                "[02:49.2-02:50.0 客户] 那好吧\n[02:50.5-02:51.0 坐席] 嗯\n[02:51.3-02:52.0 坐席] 就这样\n",
                hangup_by="agent")
    assert r.findings[0].severity is Severity.FATAL
    assert "太差" in r.findings[0].message
