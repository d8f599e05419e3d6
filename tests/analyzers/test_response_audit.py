"""Analyzer fixes from the audit of the response rules (tests/rules/test_response_precision.py).

Each case failed before its fix: innocent customer words read as abuse or anger, complaints
in colloquial or dialect wording missed, checks done on the call read as promises, and
plates spoken in Chinese numerals.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.complaint import detect_complaint
from hotline_qa.analyzers.emotion import Emotion, customer_emotions, is_real_threat
from hotline_qa.analyzers.key_info import PLATE, extract_key_info
from hotline_qa.analyzers.lexicon import is_negated
from hotline_qa.analyzers.workdays import WorkCalendar

NOW = datetime(2024, 5, 14, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def _emotion(call_from, text: str) -> Emotion:
    return customer_emotions(call_from([("c", text)]))[0].emotion


def _complaint(call_from, *texts: str) -> bool:
    call = call_from([("c", t) for t in texts])
    return detect_complaint(call, customer_emotions(call)).is_complaint


@pytest.mark.parametrize("text", [
    "医生说我这个是糖尿病引起的神经病变 要注意什么",  # 神经病
    "我刚接到一个骗子电话 说是你们银行的",  # 骗子
    "孩子这两天老放屁肚子胀",  # 放屁
    "我想问下废物回收是哪天来收",  # 废物
    "我真是个笨蛋 把密码给忘了",  # 笨蛋, said of oneself
])
def test_innocent_words_are_not_abuse(call_from, text: str) -> None:
    assert _emotion(call_from, text) is not Emotion.ABUSIVE


@pytest.mark.parametrize("text", [
    "办这个业务要凭什么证件啊",  # 凭什么
    "我被公司开除了 想问问失业金怎么领",  # 开除
    "你听我说啊 我那个订单是这样的",  # 你听我说
    "这天气死热的 空调不制冷了",  # 气死
    "燃气灶火大一点还是小一点省气",  # 火大
])
def test_innocent_words_are_not_anger(call_from, text: str) -> None:
    assert not _complaint(call_from, text)


@pytest.mark.parametrize("text", ["我去你大爷的", "你们这帮吸血鬼", "你是个笨蛋"])
def test_curses_the_lexicon_missed_are_abuse(call_from, text: str) -> None:
    assert _emotion(call_from, text) is Emotion.ABUSIVE


@pytest.mark.parametrize("texts", [
    ("你们这搞的啥子嘛 等了一下午都没得人来",),
    ("你们这整的啥玩意儿啊",),
    ("我打了半个小时才打进来 你们这效率也太低了吧",),
    ("停水停了一整天了也没个通知 你们到底管不管",),
    ("井盖坏了半个月了 报了好几次都没人修",),  # 报了好几次: a repeat call
    ("你们又乱扣我钱 这都第三回了",),
    ("楼上漏水漏到我家 找了物业三次都没人来",),  # an object between the verb and the count
    ("我们楼下烧烤店天天开到凌晨 我都打了好几次电话了",),  # 都: exasperated
    ("你们航班说取消就取消 你们让我怎么办",),
    ("你们航班延误五个小时连个说法都没有 太过分了",),  # 连…都没有 negates nothing after it
    ("我的包裹被你们送错人了 你们怎么搞的",),
])
def test_colloquial_complaints_are_found(call_from, texts: tuple[str, ...]) -> None:
    assert _complaint(call_from, *texts)


def test_sarcasm_is_dissatisfaction(call_from) -> None:
    assert _emotion(call_from, "你们可真行啊 修个宽带修了一个礼拜") is not Emotion.CALM


def test_porting_is_a_threat_only_when_not_requested() -> None:
    request = "我要办那个携号转网"
    threat = "再不给我解决我就携号转网"
    assert not is_real_threat(request, request.index("携号转网"), len(request), "携号转网")
    assert is_real_threat(threat, threat.index("携号转网"), len(threat), "携号转网")


def test_being_told_to_dial_a_hotline_is_no_threat() -> None:
    told = "他们让我打12345问问 是这个号吗"
    i = told.index("12345")
    assert not is_real_threat(told, i, i + 5, "12345")
    angry = "我要打12345"
    assert is_real_threat(angry, 3, 8, "12345")


def test_agreeing_to_the_agents_advice_to_call_the_police_is_no_threat(call_from) -> None:
    # field call 445: the agent "建议您尽快拨打幺幺零报警", the customer "好好我等下就报警"
    agreed = "好好我等下就报警"
    i = agreed.index("报警")
    assert not is_real_threat(agreed, i, i + 2, "报警")
    call = call_from([("a", "您的卡是被骗子诱导转账了 建议您尽快拨打幺幺零报警"), ("c", agreed)])
    assert "报警" not in detect_complaint(call, customer_emotions(call)).threats
    threat = "你们再不解冻我就报警"
    j = threat.index("报警")
    assert is_real_threat(threat, j, j + 2, "报警")


def test_lian_dou_meiyou_does_not_negate_the_next_cue() -> None:
    text = "连个说法都没有太过分了"
    assert not is_negated(text, text.index("太过分"), text.index("太过分") + 3)
    assert is_negated("我都没有太生气", 5, 7)


def _commitments(call_from, *agent: str, customer: str = "我想问一下"):
    call = call_from([("c", customer), *(("a", t) for t in agent)])
    return find_commitments(call, now=NOW, calendar=WorkCalendar())


@pytest.mark.parametrize("text", [
    "麻烦您报一下订单号 我帮您催一下",  # a reminder sent on the call
    "非常抱歉给您造成了困扰 为了更好地解决您的问题 我帮您转接到理赔专家坐席 请您稍等",  # a purpose
    "首先打开我们的app 然后点击充值缴费 输入金额以后选择支付方式 最后确认提交就行",  # steps the customer takes
    "抱歉 我理解您的心情 我来帮您解决问题",  # "let me": the will to help now
])
def test_checks_purposes_and_instructions_are_not_commitments(call_from, text: str) -> None:
    assert _commitments(call_from, text) == ()


def test_a_later_step_with_a_time_frame_stays_a_commitment(call_from) -> None:
    found = _commitments(call_from, "我们这边给您退款 然后退款就是三到五个工作日到账")
    assert any(c.has_time_frame and c.action == "退款" for c in found)
    assert _commitments(call_from, "我先帮您登记 然后给您回电")  # 给您: the agent's act


def test_plate_in_chinese_numerals_is_read_back_in_arabic(call_from) -> None:
    call = call_from([("c", "车牌号是浙A一二三四五"), ("a", "浙A12345 对吧")])
    items = [k for k in extract_key_info(call) if k.kind == PLATE]
    assert [(k.value, k.read_back) for k in items] == [("浙A12345", True)]
    missed = call_from([("c", "车牌号是浙A一二三四五"), ("a", "好的 帮您登记了")])
    assert [k.read_back for k in extract_key_info(missed) if k.kind == PLATE] == [False]
