from __future__ import annotations

from collections.abc import Iterable

from hotline_qa.core.findings import Finding, Severity, Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine
from hotline_qa.rules.base import Need, Rule, RuleConfig
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.rulebook import load_rulebook

TEXT = "坐席：您好，这里是客服中心，我是小周，请问有什么可以帮您？\n客户：我想查话费\n"


class Crashing(Rule):
    code = "ZZZ001"
    slug = "test.crash"
    dimension = "courtesy"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        raise ZeroDivisionError("boom")


class Timed(Rule):
    code = "ZZZ002"
    slug = "test.timed"
    dimension = "listening"
    needs = (Need.TIMESTAMPS,)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        return [self.finding("x", utterances=ctx.call.utterances[:1], suggestion="y")]


class Fatal(Rule):
    code = "ZZZ003"
    slug = "test.fatal"
    dimension = "courtesy"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        return [self.finding("red line", suggestion="y", severity=Severity.FATAL, deduction=1)]


def _engine(*rules: Rule) -> Engine:
    engine = Engine(load_rulebook())
    engine.rules = [*engine.rules, *rules]
    return engine


def test_a_crashing_rule_is_reported_and_the_rest_still_runs() -> None:
    engine = _engine(Crashing(RuleConfig("ZZZ001", severity=Severity.MAJOR, deduction=5)))
    ev = engine.evaluate(parse_dialogue(TEXT))
    crashed = ev.result("ZZZ001")
    assert crashed.status is Status.ERROR and "ZeroDivisionError" in crashed.reason
    others = [r for r in ev.results if r.code != "ZZZ001"]
    assert len(others) == len(engine.rules) - 1
    assert all(r.status is not Status.ERROR for r in others), [r.reason for r in others if r.reason]


def test_missing_timestamps_make_a_rule_not_applicable_with_reason() -> None:
    engine = _engine(Timed(RuleConfig("ZZZ002", deduction=3)))
    ev = engine.evaluate(parse_dialogue(TEXT))
    r = ev.result("ZZZ002")
    assert r.status is Status.NOT_APPLICABLE and "时间戳" in r.reason and r.deduction == 0
    timed = engine.evaluate(parse_dialogue("[00:00.0-00:03.0 坐席] 您好\n[00:03.5-00:05.0 客户] 喂\n"))
    assert timed.result("ZZZ002").status is Status.FINDING


def test_red_line_fails_the_call_whatever_the_score() -> None:
    engine = _engine(Fatal(RuleConfig("ZZZ003", severity=Severity.MINOR, deduction=0)))
    ev = engine.evaluate(parse_dialogue(TEXT))
    assert "ZZZ003" in ev.red_lines and not ev.passed
    assert ev.result("ZZZ003").deduction == 1


def test_evaluation_records_rulebook_version_hash_and_every_rule() -> None:
    engine = Engine()
    ev = engine.evaluate(parse_dialogue(TEXT))
    record = ev.to_dict()
    assert record["rulebook"] == {"version": engine.rulebook.version, "hash": engine.rulebook.hash}
    assert {r["code"] for r in record["results"]} == {r.code for r in engine.rules}
    assert abs(sum(d["score"] for d in record["dimensions"]) - record["total_score"]) < 0.01


def test_details_floats_are_rounded_in_the_record() -> None:
    from hotline_qa.core.evaluation import _result_dict
    from hotline_qa.core.findings import RuleResult

    r = RuleResult("X1", "s", "n", "n", "opening", Status.FINDING, Severity.MINOR, 1.0,
                   (Finding("m", details={"at": 12.345678}),), details={"parts": {"问候": 0.8390243902439025}})
    d = _result_dict(r)
    assert d["details"] == {"parts": {"问候": 0.839}}
    assert d["findings"][0]["details"] == {"at": 12.346}
