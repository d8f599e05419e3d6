"""TAB003–TAB006 after the blind field calls 163, 165, 166 and 171: hindsight reproach and
blame, denials before any check, promises cut in two by the ASR, jargon lists picked by a
business line's name that is not the list's key."""

from __future__ import annotations

from functools import lru_cache

import pytest

from hotline_qa.pipeline import Engine
from hotline_qa.rules.catalogue.taboo import jargon_lists_for
from hotline_qa.rules.rulebook import load_rulebook

from .test_taboo_precision import finding_spans

CODES = frozenset({"TAB003", "TAB004", "TAB005", "TAB006"})


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine(only=set(CODES))


def _found(text: str, business_line: str | None = None) -> dict[str, list[str]]:
    return finding_spans(_engine(), text, CODES, business_line)


# --- business line -> jargon lists ------------------------------------------------------------

JARGON = {"*": ["工单号"], "tax": ["差额征收"], "bank": ["冲正"], "telecom": ["APN"], "ecommerce": ["SKU"]}
ALIASES = {"tax": ["税务", "12366"], "telecom": ["宽带", "carrier"]}


@pytest.mark.parametrize(("line", "keys"), [
    ("tax", ["tax"]),
    ("TAX", ["tax"]),
    ("tax_service", ["tax"]),
    ("12366-tax", ["tax"]),
    ("Tax Service", ["tax"]),
    ("税务", ["tax"]),
    ("12366纳税服务热线", ["tax"]),
    ("mobile_carrier", ["telecom"]),
    ("宽带报装", ["telecom"]),
    ("bank_ecommerce", ["bank", "ecommerce"]),
])
def test_business_line_names_its_lists(line: str, keys: list[str]) -> None:
    assert jargon_lists_for(line, JARGON, ALIASES) == keys


@pytest.mark.parametrize("line", ["taxi", "syntax_help", "banking_app_without_alias", "hospital", "*"])
def test_look_alike_line_names_pick_no_list(line: str) -> None:
    # "taxi" holds the letters of "tax", "banking" those of "bank": a Latin key counts only as a whole word
    assert jargon_lists_for(line, JARGON, ALIASES) == []


def test_default_rulebook_aliases_reach_the_tax_list() -> None:
    params = load_rulebook().spec.rules["TAB006"].params
    jargon = load_rulebook().settings["jargon"]
    for line in ("tax_service", "12366-tax", "税务", "纳税缴费服务"):
        assert jargon_lists_for(line, jargon, params["line_aliases"]) == ["tax"], line
    # a credit-card line gets its own list, not the bank one: card holders know "最低还款额"
    assert jargon_lists_for("credit_card", jargon, params["line_aliases"]) == ["credit_card"]
    assert "最低还款额" not in jargon["credit_card"]


def test_tax_service_line_is_checked_against_the_tax_list() -> None:
    text = "坐席：您这套房子可以按差额征收\n"
    assert "差额征收" in _found(text, "tax_service").get("TAB006", [])
    assert "TAB006" not in _found(text, "hospital")


# --- promises cut in two by the ASR (TAB005) -------------------------------------------------

def test_promise_across_two_sentences_of_one_turn() -> None:
    text = ("[00:01.0-00:02.8 坐席] 您放心钱百分百\n"
            "[00:02.9-00:04.6 坐席] 少不了您的有结果\n")
    assert _found(text).get("TAB005") == ["百分百", "少不了您"]


def test_sentences_apart_by_a_long_pause_are_not_joined() -> None:
    # a pause longer than a turn's (Call.turn_of): two turns, nothing to join
    text = ("[00:01.0-00:02.8 坐席] 这次活动满意度百分百\n"
            "[00:09.0-00:10.6 坐席] 少不了您的支持\n")
    assert "TAB005" not in _found(text)


def test_promise_within_one_sentence_is_reported_once() -> None:
    text = ("[00:01.0-00:02.8 坐席] 钱百分百少不了您的\n"
            "[00:02.9-00:04.6 坐席] 有结果第一时间通知您\n")
    assert _found(text).get("TAB005") == ["百分百少不了您"]


# --- hindsight reproach (TAB003) and blame (TAB004) ----------------------------------------

@pytest.mark.parametrize("agent", [
    "手头紧当初就别贷款买车嘛",
    "当初就不应该买这么贵的房子",
    "早知今天何必当初呢",
    "那也是活该",
])
def test_hindsight_reproach_is_tab003(agent: str) -> None:
    assert "TAB003" in _found(f"客户：我最近手头紧\n坐席：{agent}\n")


@pytest.mark.parametrize("agent", [
    "我理解您 以后可以设置自动还款 就不会忘了",
    "我们当初就不该不提醒您 是我们的问题",
    "您也说了当初就不该贷款 我们先看怎么降罚息",
    "这个当然不是说您活该",
])
def test_advice_self_blame_and_quotes_are_not_tab003(agent: str) -> None:
    assert "TAB003" not in _found(f"客户：我当初就不该贷款买车\n坐席：{agent}\n")


@pytest.mark.parametrize("agent", [
    "其实您开门前先打我们热线核实一下就好了",
    "您当时要是多问一句就不会被骗了",
    "要是您当初看清楚合同就没这些麻烦了",
    "我们系统是不会乱扣费的",
    "一般都是用户自己点错了",
    "这不是我们快递的责任",
])
def test_blame_before_any_check_is_tab004(agent: str) -> None:
    assert "TAB004" in _found(f"客户：钱被扣了\n坐席：{agent}\n")


@pytest.mark.parametrize("agent", [
    "以后您开门前先打我们热线核实一下就好了",
    "您在APP上点一下申请退款就好了",
    "其实您目前在APP上申请退款就好了 不用跑营业厅",
    "如果您之前已经申请过 就不会再扣了",
    "我已经帮您关了自动续费 以后我们不会多扣您的钱",
    "这不是我们能决定的问题 我帮您转理赔专员",
])
def test_advice_promises_and_conditions_are_not_tab004(agent: str) -> None:
    assert "TAB004" not in _found(f"客户：钱被扣了\n坐席：{agent}\n")


def test_line_aliases_that_are_not_a_mapping_are_a_rulebook_error() -> None:
    from hotline_qa.core.errors import RulebookError

    text = "rules:\n  TAB006:\n    params:\n      line_aliases: [税务, 纳税]\n"
    with pytest.raises(RulebookError, match="line_aliases"):
        Engine(load_rulebook(text=text), only={"TAB006"})


def test_a_listed_term_asked_about_with_the_verb_before_it_is_one_finding() -> None:
    # field call 965: "有没有在行李查询柜台做PIR" / "做做什么": the listed "PIR", not also "做PIR"
    text = ("坐席：您好航空客服\n客户：我的箱子没到\n坐席：您在到达以后有没有在行李查询柜台做PIR\n"
            "客户：做做什么\n坐席：PIR 就是行李运输事故记录\n")
    assert _found(text, "airline")["TAB006"] == ["PIR"]
