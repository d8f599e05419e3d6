"""FIL001 reports the count, the limit and every occurrence with the reason it counted."""

from __future__ import annotations

from hotline_qa.core.findings import Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine
from hotline_qa.rules.catalogue.fillers import find_fillers
from hotline_qa.rules.rulebook import load_rulebook


def _uses(text: str) -> list[tuple[str, str]]:
    call = parse_dialogue(f"坐席：{text}")
    return [(f.match.text, f.kind) for f in find_fillers(call, call.utterances[0], wait_gap=3.0)]


def test_report_lists_every_occurrence_even_under_the_limit() -> None:
    call = parse_dialogue("坐席：那个那个 您的订单嗯已经发货了\n客户：好\n坐席：好的，没问题。")
    r = Engine(load_rulebook(), only={"FIL001"}).evaluate(call).result("FIL001")
    assert r.status is Status.PASSED
    assert r.details["count"] == 3 and r.details["limit"] == 3
    assert [o["text"] for o in r.details["occurrences"]] == ["那个那个", "嗯", "没问题"]
    assert all(o["reason"] for o in r.details["occurrences"])


def test_meaningful_demonstratives_are_not_fillers() -> None:
    assert _uses("这个订单已经发到那个地址了") == []
    assert _uses("这个您放心 我帮您处理") == []


def test_repetition_counts_once_per_run() -> None:
    assert _uses("那个那个那个您的订单") == [("那个那个那个", "这个/那个")]


def test_hesitation_before_pause_or_other_filler() -> None:
    assert ("那个", "这个/那个") in _uses("那个，您的订单发了")
    assert [k for _, k in _uses("嗯那个就是说您的套餐到期了")] == ["嗯", "这个/那个", "就是说"]


def test_explanatory_jiushishuo_is_not_a_filler() -> None:
    assert _uses("也就是说您的套餐到期了") == []
    assert _uses("我的意思就是说您需要重新办理") == []


def test_backchannel_en_is_not_a_filler() -> None:
    assert _uses("嗯嗯") == []
    assert _uses("嗯 好的 我帮您查一下") == []
    assert _uses("嗯?") == []  # rising 嗯 is TAB002's


def test_announced_wait_is_not_a_filler() -> None:
    call = parse_dialogue("[00:01.0-00:03.0 坐席] 麻烦您稍等一分钟\n[00:03.5-00:05.0 坐席] 您的订单已发货")
    assert find_fillers(call, call.utterances[0], wait_gap=3.0) == []
    call = parse_dialogue("[00:01.0-00:02.0 坐席] 请稍等\n[00:02.5-00:05.0 坐席] 您的订单已发货")
    assert [f.kind for f in find_fillers(call, call.utterances[0], wait_gap=3.0)] == ["请稍等"]


def test_nage_before_the_customers_name_said_as_an_address() -> None:
    # field call 161: "嗯那个孙女士 / 您先别着急"
    assert _uses("嗯那个孙女士") == [("嗯", "嗯"), ("那个", "这个/那个")]
    assert ("那个", "这个/那个") in _uses("那个王先生您好 您的快递到了")
    # a third person: "那个" is a determiner
    assert _uses("那个王先生说的情况我们核实过了") == []
    assert _uses("您找那个李师傅就行") == []
    # field call 433: the title alone, no name, is an address too; "那个师傅" alone is as often a third person
    assert _uses("那个阿姨我再说一遍") == [("那个", "这个/那个")]
    assert _uses("那个阿姨说的情况我们记下了") == []
    assert _uses("那个师傅我们已经派了") == []


def test_ranhou_right_after_a_bare_subject() -> None:
    # field call 161: "情况确实比较紧急我这边然后马上给您登记"
    assert _uses("情况确实比较紧急我这边然后马上给您登记") == [("然后", "然后")]
    assert _uses("嗯这边然后帮您看一下") == [("嗯", "嗯"), ("然后", "然后")]
    # sequencing after an act stays uncounted
    assert _uses("我这边查好然后给您回电") == []
    assert _uses("您先在这边登记然后去三楼缴费") == []
