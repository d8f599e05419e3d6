"""CMP002: step ordering, both seed orders of steps 2 and 3, and the structured report."""

from __future__ import annotations

from hotline_qa.core.findings import Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine
from hotline_qa.rules.catalogue.complaints import order_steps
from hotline_qa.rules.matchers import Match
from hotline_qa.rules.rulebook import load_rulebook

NAMES = ["a", "b", "c", "d"]


def _m(i: int) -> Match:
    return Match(i, 0, 1, "x", "")


def test_interchangeable_group_accepts_either_order() -> None:
    for b, c in ((2, 3), (3, 2)):
        steps = order_steps(NAMES, [[_m(1)], [_m(b)], [_m(c)], [_m(4)]], groups=[[0], [1, 2], [3]])
        assert all(s.present and s.in_order for s in steps)


def test_step_found_only_before_its_predecessor_is_out_of_order() -> None:
    steps = order_steps(NAMES, [[_m(3)], [_m(1)], [], [_m(5)]], groups=[[0], [1, 2], [3]])
    assert [(s.present, s.in_order) for s in steps] == [(True, True), (True, False), (False, True), (True, True)]


def test_later_occurrence_is_preferred_when_it_keeps_the_order() -> None:
    steps = order_steps(NAMES, [[_m(2)], [_m(1), _m(4)], [_m(3)], [_m(5)]], groups=[[0], [1, 2], [3]])
    assert steps[1].utterance == 4 and steps[1].in_order


def test_report_lists_each_step() -> None:
    call = parse_dialogue(
        "客户：你们送货员把我的东西摔坏了！太过分了！我要投诉你们！\n"
        "坐席：非常抱歉，给您带来的不便我们非常理解\n"
        "坐席：我马上为您登记换货，明天上午给您送新的\n"
        "坐席：感谢您的反馈\n")
    engine = Engine(load_rulebook(), only={"CMP002"})
    res = engine.evaluate(call).result("CMP002")
    assert res.status is Status.FINDING
    assert res.details["missing"] == [2, 5]
    assert res.details["order_ok"] is True
    assert {s["step"]: s["utterance"] for s in res.details["steps"]}[4] == 2
    assert sorted(f.details.get("step") for f in res.findings) == [2, 5]


def test_steps_in_one_speaking_turn_are_in_order_whatever_their_order_in_it() -> None:
    # "非常理解您的" (3) / "心情真的很抱歉" (1): sentences 5 and 6 of one turn that starts at 5
    cands = [[_m(6)], [], [_m(5)], [_m(8)]]
    by_sentence = order_steps(NAMES, cands, groups=[[0], [1, 2], [3]])
    assert not by_sentence[2].in_order
    by_turn = order_steps(NAMES, cands, groups=[[0], [1, 2], [3]], turn_start={5: 5, 6: 5, 8: 8})
    assert all(s.in_order for s in by_turn if s.present)


def test_cmp001_says_which_step_is_missing_and_what_was_said() -> None:
    # field call 306: "理解您的心情" came first, no apology; the explanation must not offer "理解您的心情" as the fix
    call = parse_dialogue(
        "客户：凭什么改个签还收我四百块手续费我要投诉你们\n"
        "坐席：理解您的心情 我这边看到您是十月九号在APP上提交的改签\n")
    result = next(r for r in Engine(load_rulebook()).evaluate(call).results if r.code == "CMP001")
    assert result.status is Status.FINDING
    explanation = result.findings[0].explanation
    assert "没有致歉的话术" in explanation and "非常抱歉" in explanation
    assert "已有安抚/认可客户感受（“理解您" in explanation
    assert "如“您先消消气”" not in explanation
