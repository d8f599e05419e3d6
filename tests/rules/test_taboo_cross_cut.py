"""Phrase rules (TAB003, TAB004 and rulebook-declared ones) across an ASR cut inside one agent
turn, and the TAB001/TAB004/TAB006 fixes after blind field round 18 (calls 163, 174-177, 182)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from hotline_qa.core.call import CallMetadata
from hotline_qa.core.evaluation import Evaluation
from hotline_qa.core.findings import Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine
from hotline_qa.rules.rulebook import load_rulebook

from .test_taboo_precision import finding_spans

CODES = frozenset({"TAB001", "TAB003", "TAB004", "TAB006"})


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine(only=set(CODES))


def _evaluate(text: str, business_line: str | None = None, engine: Engine | None = None) -> Evaluation:
    call = parse_dialogue(text, metadata=CallMetadata(business_line=business_line) if business_line else None)
    return (engine or _engine()).evaluate(call)


def _found(text: str, business_line: str | None = None) -> dict[str, list[str]]:
    return finding_spans(_engine(), text, CODES, business_line)


# --- phrase rules across an ASR cut ------------------------------------------------------------

def test_blame_cut_inside_the_pattern_is_found_once_with_both_sentences_as_evidence() -> None:
    text = ("[00:00.0-00:00.9 客户] 你们乱扣费\n"
            "[00:01.0-00:02.8 坐席] 的一般都是用户\n"
            "[00:02.9-00:04.6 坐席] 自己开了好几个\n")
    result = {r.code: r for r in _evaluate(text).results}["TAB004"]
    assert result.status is Status.FINDING
    assert len(result.findings) == 1
    f = result.findings[0]
    assert f.evidence.utterances == (1, 2)
    assert [s.text for s in f.evidence.spans] == ["一般都是用户", "自己开了"]
    assert f.message.endswith("“一般都是用户自己开了”")


def test_punctuated_cut_is_not_joined() -> None:
    text = ("[00:00.0-00:00.9 客户] 你们乱扣费\n"
            "[00:01.0-00:02.8 坐席] 的一般都是用户。\n"
            "[00:02.9-00:04.6 坐席] 自己开了好几个\n")
    assert "TAB004" not in _found(text)


def test_sentences_of_two_turns_are_not_joined() -> None:
    # the customer speaks in between: two turns of the agent's, nothing to join
    text = ("[00:01.0-00:02.8 坐席] 一般都是用户\n"
            "[00:03.0-00:04.0 客户] 我没开过啊\n"
            "[00:04.2-00:05.6 坐席] 自己开了好几个\n")
    assert "TAB004" not in _found(text)


def test_match_within_one_sentence_is_not_reported_again_across_the_cut() -> None:
    # "我们平台是不会乱扣" runs across the first cut, "平台是不会乱扣" is whole in the second sentence
    text = ("[00:01.0-00:02.0 坐席] 您先听我说我们\n"
            "[00:02.1-00:03.5 坐席] 平台是不会乱扣\n"
            "[00:03.6-00:04.6 坐席] 的您再看看\n")
    assert _found(text).get("TAB004") == ["平台是不会乱扣"]


def test_phrase_of_a_phrase_rule_across_the_cut() -> None:
    text = ("[00:01.0-00:02.0 坐席] 我真是懒得跟\n"
            "[00:02.1-00:03.5 坐席] 你说了\n")
    assert _found(text).get("TAB003") == ["懒得跟", "你说"]


def test_exclusion_over_the_joined_text_still_cancels() -> None:
    # advice for later ("以后…就好了") is excluded; the cut must not make it a finding
    bad = ("[00:01.0-00:02.4 坐席] 其实您开门前先打\n"
           "[00:02.5-00:04.0 坐席] 热线核实一下就好了\n")
    good = ("[00:01.0-00:02.4 坐席] 以后您开门前先打\n"
            "[00:02.5-00:04.0 坐席] 热线核实一下就好了\n")
    assert "TAB004" in _found(bad)
    assert "TAB004" not in _found(good)


def test_rulebook_phrase_rule_scope_limits_the_pairs() -> None:
    book = """
rules:
  XXX001: {severity: minor, deduction: 1}
phrase_rules:
  XXX001:
    slug: custom.no_internal_word
    family: XXX
    name_zh: 开场说内部用语
    dimension: courtesy
    kind: forbidden
    scope: {window: opening, turns: 1}
    phrases: [系统内部单]
"""
    engine = Engine(load_rulebook(text=book), only={"XXX001"})
    opening = ("[00:01.0-00:02.0 坐席] 您好这是系统\n"
               "[00:02.1-00:03.0 坐席] 内部单号\n")
    later = ("[00:01.0-00:02.0 坐席] 您好请讲\n"
             "[00:02.5-00:03.5 客户] 我查单子\n"
             "[00:04.0-00:05.0 坐席] 这是系统\n"
             "[00:05.1-00:06.0 坐席] 内部单号\n")
    found = {r.code: r.status for r in _evaluate(opening, engine=engine).results}
    assert found["XXX001"] is Status.FINDING
    found = {r.code: r.status for r in _evaluate(later, engine=engine).results}
    assert found["XXX001"] is Status.PASSED


# --- TAB004: another party's fault, reproach of the customer's past act ------------------------

@pytest.mark.parametrize("agent", [
    "这个情况肯定是楼上住户家里防水的问题",
    "一定是隔壁装修的原因",
    "绝对是商家发货时候的问题",
    "您收货的时候怎么没有当面检查呢",
    "你当时为什么不问清楚",
    "那你怎么不早说呢",
])
def test_blame_on_others_or_reproach_is_tab004(agent: str) -> None:
    assert "TAB004" in _found(f"客户：家里漏水了\n坐席：{agent}\n")


@pytest.mark.parametrize("agent", [
    "可能是楼上住户家里防水的问题 我先派人看看",
    "是不是楼上的原因呢",
    "那不一定是商家的问题",
    "我查了一下 肯定是楼上管道的问题 我们马上派人",
    "您怎么没收到短信呢 我再给您发一遍",
    "如果您当时没检查的话也没关系",
])
def test_guesses_checks_and_questions_are_not_tab004(agent: str) -> None:
    assert "TAB004" not in _found(f"客户：家里漏水了\n坐席：{agent}\n")


# --- TAB001: "不是我们<单位>的问题" ------------------------------------------------------------

@pytest.mark.parametrize("agent", [
    "这个不是我们物业的问题 您直接上楼找业主",
    "这不关我们平台的事",
    "那不是咱们公司的事儿",
])
def test_not_our_units_problem_is_tab001(agent: str) -> None:
    assert "TAB001" in _found(f"客户：怎么办\n坐席：{agent}\n")


@pytest.mark.parametrize("agent", [
    "不是我们航班的问题 我需要查询一下行李系统",   # an offer to act in the same breath
    "这不是我们能决定的事",
    "这个不是我们银行的责任 我们不会打电话要验证码",
    "不管是不是我们物业的问题 我们都先派人过去",
    "如果不是我们物业的问题 我们也会帮您协调",
])
def test_follow_up_modal_liability_and_conditions_are_not_tab001(agent: str) -> None:
    assert "TAB001" not in _found(f"客户：怎么办\n坐席：{agent}\n")


# --- TAB006: the customer's own use, its question, lists by line ------------------------------

def test_customer_taking_the_term_up_at_once_understood_it() -> None:
    text = "坐席：您可以报一下工单号\n客户：工单号多少\n"
    assert "TAB006" not in _found(text, "telecom")
    # repeated as a question: not understood
    assert "TAB006" in _found("坐席：您可以报一下工单号\n客户：工单号吗\n", "telecom")


def test_work_order_number_is_no_jargon_on_12345_only() -> None:
    text = "坐席：您记一下您的工单号\n"
    for line in ("12345", "government_hotline", "12345市民热线"):
        assert "TAB006" not in _found(text, line), line
    assert "TAB006" in _found(text, "telecom")
    # given with its number, it says what it is on every line (field call 323)
    assert "TAB006" not in _found("坐席：您的工单号是二零二六零七一四\n", "telecom")
    # other terms of the "*" list stay jargon on 12345
    assert "TAB006" in _found("坐席：我给您提交一个升级单\n", "12345")


def test_credit_card_terms_and_a_question_before_the_explanation() -> None:
    text = ("坐席：我们会向卡组织发起调单和拒付\n"
            "客户：调单是什么啥意思我听不懂\n"
            "坐席：就是找商户要交易凭证\n")
    assert _found(text, "credit_card").get("TAB006", [])[:3] == ["卡组织", "调单", "拒付"]
    # the bank list is not the card list
    assert "TAB006" not in _found("坐席：这笔款项会先挂账\n", "bank")


def test_medical_insurance_terms_and_the_customers_confusion() -> None:
    text = ("坐席：您去之前有没有办异地备案\n"
            "客户：啥备案我没办过啥备案我听不懂\n"
            "坐席：就是去外地看病之前先跟医保这边登记一下\n")
    assert "异地备案" in _found(text, "medical_insurance").get("TAB006", [])
    text = ("坐席：没备案的话报销比例会下降而且有起付线\n"
            "客户：比例下降是啥意思起起什么线\n"
            "坐席：起付线就是一个门槛\n")
    assert "起付线" in _found(text, "医保").get("TAB006", [])


def test_term_restated_and_explained_in_the_next_sentence_is_explained() -> None:
    text = ("[00:01.0-00:03.0 坐席] 另外还有一个起付线\n"
            "[00:03.1-00:06.0 坐席] 起付线就是医保开始报销之前您自己先负担的那部分钱\n")
    assert "TAB006" not in _found(text, "medical_insurance")
    text = ("[00:01.0-00:03.0 坐席] 另外还有一个起付线\n"
            "[00:03.1-00:06.0 坐席] 起付线您到时候问窗口\n")
    assert "TAB006" in _found(text, "medical_insurance")


def test_untimed_asr_sentences_join_for_the_phrase_rules() -> None:
    # Field call 422: raw ASR exported without times cuts "你要去投诉的话" / "那随便你" into two lines of
    # one turn; the pattern spans them.
    lines = ("A：您好爱奇艺客服\nA：工号九五二七\nA：请问有什么可以帮您\nB：喂 我问一下\nB：我这个会员\n"
             "B：怎么每个月都在扣钱\nA：这个都是正常扣费\nA：退不了的\nB：我要打一二三一五\nB：投诉你们\n"
             "A：你要去投诉的话\nA：那随便你\nB：你叫什么名字\n")
    assert "TAB003" in _found(lines)
