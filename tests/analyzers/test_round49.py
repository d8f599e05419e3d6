"""Rounds 49 and 50 (field calls 695-718): a number corrected with its tail joined to the number said
anew, an e-mail address said without "at", a repeat report of the same fault, and a broken
promise told as a grievance."""

from __future__ import annotations

from hotline_qa.analyzers.complaint import detect_complaint
from hotline_qa.analyzers.emotion import customer_emotions
from hotline_qa.analyzers.key_info import extract_key_info

from .test_key_info import _one, _timed


def test_a_number_corrected_then_said_anew_is_the_corrected_number(call_from) -> None:
    # field call 703: "手机零九一二三八五" / "七四六喔不对七六四" / "零九一二三八五七六四啦"
    call = call_from(_timed(("a", "麻烦您提供一下申装的手机号码"), ("c", "手机零九一二三八五"),
                            ("c", "七四六喔不对七六四"), ("c", "零九一二三八五七六四啦"),
                            ("a", "好的零九一二三八五七六四")))
    items = extract_key_info(call)
    assert [(i.kind, i.value, i.read_back) for i in items] == [("phone", "0912385764", True)]


def test_an_email_said_without_at_before_a_known_provider(call_from) -> None:
    # field call 701: "我邮箱是limin八八" / "一六三点com", the agent only "好的我记下了"
    call = call_from(_timed(("c", "你们要是有邮箱"), ("c", "我邮箱是limin八八"), ("c", "一六三点com"),
                            ("a", "好的我记下了")))
    item = _one(extract_key_info(call), "email")
    assert item.value == "limin88@163.com" and not item.read_back
    read = call_from(_timed(("c", "我邮箱是limin八八"), ("c", "一六三点com"), ("a", "limin八八一六三点com对吗")))
    assert _one(extract_key_info(read), "email").read_back
    # without a word of a mailbox, letters before "163点com" are no address
    assert [i for i in extract_key_info(call_from([("c", "我看到网页上写着abc一六三点com")])) if i.kind == "email"] == []


def test_the_at_of_an_address_cut_from_its_number_is_no_local_part(call_from) -> None:
    # field call 565: "七七六" / "三零幺" / "四九八" / "at QQ点com", read back whole
    call = call_from(_timed(("c", "发我那个QQ邮箱吧"), ("c", "七七六"), ("c", "三零幺"), ("c", "四九八"),
                            ("c", "at QQ点com"), ("a", "好的跟您核对一下邮箱是七七六三零幺四九八at QQ点com对吗")))
    assert [i.value for i in extract_key_info(call) if i.kind == "email"] == []


def test_the_same_fault_reported_before_is_a_repeat_call(call_from) -> None:
    # field call 702: "你们物业怎么回事啊" / "上个月我就报过一次" / "你们来看了一眼就走了" / "也没给弄好"
    call = call_from(_timed(("c", "我家厨房漏水了"), ("a", "您先别着急"), ("c", "你们物业怎么回事啊"),
                            ("c", "上个月我就报过一次"), ("c", "你们来看了一眼就走了"), ("c", "也没给弄好")))
    info = detect_complaint(call, customer_emotions(call))
    assert info.is_complaint and info.repeat_call and info.start_utterance == 2
    police = call_from(_timed(("c", "你们物业怎么回事啊"), ("c", "我报过一次警")))
    assert not detect_complaint(police, customer_emotions(police)).repeat_call


def test_a_broken_promise_told_as_a_grievance_starts_the_complaint(call_from) -> None:
    # field call 706: the parent's first account, before any threat, is where the complaint starts
    call = call_from(_timed(("c", "我要给孩子退课"), ("a", "您是想办理剩余课时的退费对吗"), ("c", "对我跟你说"),
                            ("c", "你们那个顾问说得好好的"), ("c", "固定一个老师带到中考"),
                            ("c", "结果两个多月换了三个老师"), ("c", "你说我这钱花得冤不冤")))
    info = detect_complaint(call, customer_emotions(call))
    assert info.is_complaint and info.start_utterance == 3


def test_a_distance_in_digits_is_no_number_to_read_back(call_from) -> None:
    # ITN-style digits (field call 508 rewritten): "质保期3年100000公里" states the warranty's terms
    call = call_from([("c", "质保期3年100000公里"), ("c", "我才开了2年多")])
    assert extract_key_info(call) == ()


def test_a_number_said_again_when_the_agent_asked_is_the_one_given(call_from) -> None:
    # field call 708: "电话幺三五" / "零幺二那个" / "六六四七零幺" (garbled) / agent "啊什么" / said again
    call = call_from(_timed(("a", "留一个联系电话"), ("c", "电话幺三五"), ("c", "零幺二那个"), ("c", "六六四七零幺"),
                            ("a", "啊什么"), ("c", "幺三五零幺二八"), ("c", "六六四七"),
                            ("a", "好的给您核对一下"), ("a", "幺三五零幺二八"), ("a", "六六四七对吗")))
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(call)] == [("phone", "13501286647", True)]


def test_a_reply_reported_is_no_promise() -> None:
    # field call 708: "都反映过供热公司" / "回复说是管网" / "末端压力不足": what the company answered before
    from .test_commitments_fragments import _promises
    from .test_commitments_fragments import _timed as _agent
    assert _promises(_agent("系统里看到您十二月", "九号和十二月十五号", "都反映过供热公司", "回复说是管网",
                            "末端压力不足")) == []
    assert _promises(_agent("我们会尽快回复您")) != []


def test_a_call_to_your_number_is_a_promise() -> None:
    # field call 711: "上午十一点之前" / "会有送水师傅打您这个电话" / "把水给您送到家门口"
    from .test_commitments_fragments import _promises
    from .test_commitments_fragments import _timed as _agent
    assert _promises(_agent("上午十一点之前", "会有送水师傅打您这个电话")) == [("回电", "上午十一点之前")]
    assert _promises(_agent("会有师傅打您手机")) == [("回电", None)]


def test_repairs_that_did_nothing_and_blame_turned_back_are_dissatisfaction(call_from) -> None:
    # field call 713: "对啊弄了两次都没用", "你们自己修不好" / "倒赖我开车了"; not 647's "暖气我一天都没用过"
    call = call_from([("c", "对啊弄了两次都没用"), ("c", "倒赖我开车了"), ("c", "暖气我一天都没用过"),
                      ("c", "上面写说收件人不在根本就是乱写嘛")])  # (727: the record is made up)
    emotions = {e.utterance: e for e in customer_emotions(call)}
    assert emotions[0].emotion == "dissatisfied" and emotions[1].emotion == "dissatisfied"
    assert emotions[2].emotion == "calm" and emotions[3].emotion == "dissatisfied"


def test_a_word_starting_with_a_unit_character_ends_no_number(call_from) -> None:
    # "公" is a unit in 公里 (field call 508 in digits), not in 公司; "升" not in 升级
    for said in ("我电话是一三八一二三四五六七八公司那边有事找我", "号码一三八一二三四五六七八升级一下套餐"):
        assert [i.value for i in extract_key_info(call_from([("c", said)]))] == ["13812345678"], said


def test_a_month_of_a_year_is_read_back_with_its_day(call_from) -> None:
    # field call 724: "我是一九年八月在你们这边贷的款" ... "您这笔是二零一九年" / "八月十二号放款的"
    call = call_from(_timed(("c", "我是一九年八月在你们"), ("c", "这边贷的款八十五万"), ("a", "好的我查一下"),
                            ("c", "好"), ("a", "您这笔是二零一九年"), ("a", "八月十二号放款的")))
    item = _one(extract_key_info(call), "date")
    assert item.value == "2019-08" and item.read_back
