"""The call-kind analyzer: special calls on raw, messy speech, and normal calls that stay normal."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline_qa.analyzers.analysis import analyze
from hotline_qa.analyzers.call_kind import CallKind, classify_call
from hotline_qa.core.call import Call, CallMetadata, Event, EventKind, Role
from hotline_qa.ingest.detect import load_calls
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.ingest.meta import metadata_from_mapping
from hotline_qa.pipeline import Engine
from hotline_qa.rules.rulebook import load_rulebook

FIELD = Path(__file__).parents[1] / "field" / "calls"


def _call(text: str, **meta: object) -> Call:
    md = metadata_from_mapping(meta, source="test")[0] if meta else None
    return parse_dialogue(text, source="test", metadata=md)


def _kind(text: str, **meta: object) -> CallKind:
    return classify_call(_call(text, **meta)).kind


# --- silent calls -------------------------------------------------------------------------

def test_silent_call_with_the_protocol() -> None:
    info = classify_call(_call(
        "[00:00.8-00:05.9 坐席] 您好，XX燃气客服热线，工号三一二六，请问有什么可以帮您\n"
        "[00:09.0-00:11.2 坐席] 您好，请问能听到我说话吗？\n"
        "[00:15.0-00:19.8 坐席] 电话没有声音，请您稍后再拨，感谢您的来电，再见\n"
        "[00:20.5 #hangup agent]\n"))
    assert info.kind is CallKind.SILENT and info.special
    assert info.agent_followed_up
    assert "能听到" in info.cues and info.utterances == (1, 2)
    assert "无声电话" in info.reason


def test_silent_call_raw_asr_with_customer_noise_and_traditional_characters() -> None:
    # the customer channel only carries "喂" and a noise tag; the agent speaks raw, in traditional characters
    info = classify_call(_call(
        "坐席：嗯您好 XX銀行客服中心 請問有什麼可以幫您\n"
        "客户：喂 [噪音]\n"
        "坐席：喂您好 請問能聽到我說話嗎\n"
        "客户：喂喂\n"
        "坐席：您好 您那邊沒有聲音 請您稍後再撥 再見\n"))
    assert info.kind is CallKind.SILENT and info.agent_followed_up


def test_silent_call_agent_hangs_up_without_trying() -> None:
    info = classify_call(_call("[00:00.8-00:05.9 坐席] 您好 XX燃气客服热线 请问有什么可以帮您\n"
                               "[00:08.9 #hangup agent]\n"))
    assert info.kind is CallKind.SILENT and not info.agent_followed_up


def test_agent_only_excerpt_is_not_a_silent_call() -> None:
    # two agent turns without a line check, or one that is no opening: an excerpt or a one-sided transcript
    assert _kind("坐席：您好这里是客服中心\n坐席：好的请问还有其他需要帮助的吗\n") is CallKind.NORMAL
    assert _kind("坐席：您在给宝宝喂奶的话可以稍后再打过来\n") is CallKind.NORMAL


# --- wrong numbers ------------------------------------------------------------------------

def test_wrong_number_inbound() -> None:
    info = classify_call(_call("坐席：您好XX燃气客服热线工号三一二六请问有什么可以帮您\n"
                               "客户：喂 是王师傅吗\n坐席：您可能拨错号码了\n"
                               "客户：哦不好意思打错了\n坐席：没关系 再见\n"))
    assert info.kind is CallKind.WRONG_NUMBER
    assert info.cues == ("打错了",)


def test_wrong_number_told_by_the_agent_only() -> None:
    assert _kind("坐席：您好 XX水务热线 请问有什么可以帮您\n客户：喂 老张啊 晚上来吃饭不\n"
                 "坐席：先生您好 您可能打错电话了 这里是水务热线\n客户：哦哦\n") is CallKind.WRONG_NUMBER


def test_wrong_person_on_an_outbound_call() -> None:
    assert _kind("坐席：您好这里是XX燃气客服中心请问是张先生吗\n客户：不是 你打错了\n坐席：不好意思打扰您了 再见\n",
                 direction="outbound") is CallKind.WRONG_NUMBER


@pytest.mark.parametrize("text", [
    # "打错了" about an order, then the request goes on
    "坐席：您好请问有什么可以帮您\n客户：我下单的时候地址打错了\n坐席：好的您提供一下订单号\n"
    "客户：订单号是幺二三四五六\n坐席：好的已经帮您改成新地址了\n客户：好的谢谢\n",
    # "打错了" first, then a real question
    "坐席：您好请问有什么可以帮您\n客户：哦我好像打错了\n客户：不过我顺便问一下我家燃气表不走字了是怎么回事啊\n"
    "坐席：您先看一下表上的电池\n客户：好的\n",
])
def test_wrong_number_words_in_a_normal_call(text: str) -> None:
    assert _kind(text) is not CallKind.WRONG_NUMBER


# --- cut off / line drop ------------------------------------------------------------------

def test_customer_hangs_up_after_half_a_sentence() -> None:
    info = classify_call(_call("[00:00.8-00:05.9 坐席] 您好 XX燃气客服热线 请问有什么可以帮您\n"
                               "[00:06.5-00:08.0 客户] 喂你好我想问一下我家那个燃气表\n"
                               "[00:08.5 #hangup customer]\n"))
    assert info.kind is CallKind.CUT_OFF and not info.agent_followed_up


def test_line_drop_without_hangup_record_ends_mid_sentence() -> None:
    assert _kind("坐席：您好XX燃气客服热线请问有什么可以帮您\n"
                 "客户：嗯那个我家燃气表昨天开始就不走字了然后我想问一下是不是\n") is CallKind.CUT_OFF


def test_line_drop_the_agent_checks_the_line_and_ends() -> None:
    info = classify_call(_call(
        "[00:00.8-00:06.9 坐席] 您好 XX燃气客服热线 请问有什么可以帮您\n"
        "[00:07.5-00:11.0 客户] 我家燃气表昨天开始就不走字了然后\n"
        "[00:14.0-00:16.5 坐席] 您好 还能听到吗\n"
        "[00:20.0-00:25.5 坐席] 您好 电话好像断了 请您稍后再拨 再见\n"
        "[00:26.0 #hangup agent]\n"))
    assert info.kind is CallKind.CUT_OFF and info.agent_followed_up


def test_agent_hanging_up_on_unfinished_words_is_no_cut_off() -> None:
    # the agent cut the customer off (CLS004's red line), not the other way round
    assert _kind("坐席：您好请问有什么可以帮您\n客户：我家燃气表不走字了然后\n", hangup_by="agent") is not CallKind.CUT_OFF


def test_transcript_ending_after_an_answer_is_no_cut_off() -> None:
    assert _kind("坐席：您好请问有什么可以帮您\n客户：我的宽带坏了我手机号是13812345678\n") is not CallKind.CUT_OFF
    # a sentence-final particle is no broken-off sentence
    assert _kind("坐席：您好请问有什么可以帮您\n客户：那你们尽快啊\n") is not CallKind.CUT_OFF


# --- prank, voicemail, decline, transfer, brief ----------------------------------------------

def test_prank_call() -> None:
    info = classify_call(_call("坐席：您好XX燃气客服热线请问有什么可以帮您\n客户：哈哈哈 你猜我是谁\n"
                               "坐席：先生您好 请问您有燃气业务需要办理吗\n客户：没事 就想听听你声音 陪我聊会天呗\n"
                               "坐席：先生 如果没有业务需要请不要占用热线 再见\n"))
    assert info.kind is CallKind.PRANK and info.agent_followed_up
    assert "你猜我是谁" in info.cues


def test_voicemail_on_an_outbound_call() -> None:
    info = classify_call(_call("客户：您拨打的用户暂时无法接通 请在提示音后留言\n"
                               "坐席：您好 我是XX燃气客服中心 关于您反映的燃气表问题 我们稍后再与您联系 再见\n",
                               direction="outbound"))
    assert info.kind is CallKind.VOICEMAIL


def test_outbound_declined() -> None:
    assert _kind("坐席：您好这里是XX燃气客服中心想耽误您一分钟做个满意度回访\n客户：不需要\n",
                 direction="outbound", hangup_by="customer") is CallKind.DECLINED
    # the same words on an inbound call are no declined outbound call
    assert _kind("坐席：您好这里是XX燃气客服中心请问有什么可以帮您\n客户：不需要\n") is not CallKind.DECLINED


def test_immediate_transfer() -> None:
    assert _kind("坐席：您好XX燃气客服热线请问有什么可以帮您\n客户：我要交电费\n"
                 "坐席：电费业务需要电力热线办理 我现在为您转接 请您稍等\n[00:15.5 #transfer]\n") is CallKind.TRANSFER_OUT
    # an offer to transfer is no transfer
    assert _kind("坐席：您好请问有什么可以帮您\n客户：你们这个处理太慢了\n"
                 "坐席：非常抱歉 需要的话我可以帮您转接主管吗\n") is not CallKind.TRANSFER_OUT


def test_one_question_call_is_brief_not_special() -> None:
    info = classify_call(_call("[00:00.8-00:05.9 坐席] 您好 XX燃气客服热线 请问有什么可以帮您\n"
                               "[00:06.5-00:08.0 客户] 你们营业厅几点下班\n"
                               "[00:08.5-00:14.0 坐席] 营业厅下午五点半下班\n"
                               "[00:14.5-00:15.5 客户] 好的谢谢\n"
                               "[00:16.0-00:18.0 坐席] 感谢您的来电 再见\n"))
    assert info.kind is CallKind.BRIEF and not info.special


def test_short_complaint_is_not_brief() -> None:
    assert _kind("坐席：您好请问有什么可以帮您\n客户：你们什么态度 我要投诉\n坐席：非常抱歉\n客户：算了 谢谢\n") \
        is CallKind.NORMAL


# --- normal calls stay normal ---------------------------------------------------------------

def test_long_call_with_a_silent_stretch_is_normal() -> None:
    turns = ["坐席：您好XX燃气客服热线请问有什么可以帮您", "客户：喂 喂 您好 能听到吗",
             "坐席：您好能听到 请讲", "客户：我家燃气表不走字了 表上的数字好几天都没变了"]
    turns += ["坐席：好的我帮您登记一下报修 请您提供一下户号", "客户：户号是幺二三四五六七八"] * 4
    turns += ["坐席：好的 维修师傅会在两小时内联系您 请问还有其他需要吗", "客户：没有了谢谢"]
    assert _kind("\n".join(turns) + "\n") is CallKind.NORMAL


def test_normal_call_is_normal_and_cheap_on_long_calls() -> None:
    turns = "\n".join(["客户：我想问一下我家燃气费怎么这个月这么高", "坐席：我帮您查一下"] * 40)
    assert _kind("坐席：您好请问有什么可以帮您\n" + turns + "\n") is CallKind.NORMAL


def test_call_without_any_speech_is_silent() -> None:
    call = Call(source="x", utterances=(), events=(Event(EventKind.HANGUP, None, Role.CUSTOMER),),
                metadata=CallMetadata())
    assert classify_call(call).kind is CallKind.SILENT  # nobody said anything: no conversation


def test_analysis_carries_the_kind() -> None:
    call = _call("坐席：您好XX燃气客服热线请问有什么可以帮您\n客户：喂 是王师傅吗\n客户：哦不好意思打错了\n")
    assert analyze(call).call_kind.kind is CallKind.WRONG_NUMBER


# Field calls that truly are special; every other field call is a normal conversation.
SPECIAL_FIELD_CALLS = {
    "30_wrong_number_short": CallKind.WRONG_NUMBER,
    "39_customer_hangs_up_early": CallKind.CUT_OFF,
    "52_exam_score_ivr_short": CallKind.BRIEF,
    "57_logistics_survey_declined_outbound_untimed": CallKind.DECLINED,
    "64_silent_call_protocol_asr": CallKind.SILENT,
    "65_silent_call_agent_hangs_up.alibaba": CallKind.SILENT,
    "66_wrong_number_rude_agent": CallKind.WRONG_NUMBER,
    "67_line_drop_mid_sentence.funasr": CallKind.CUT_OFF,
    "68_prank_caller_traditional": CallKind.PRANK,
    "69_outbound_voicemail_untimed": CallKind.VOICEMAIL,
    "70_immediate_transfer_to_power.alibaba": CallKind.TRANSFER_OUT,
    "71_business_hours_one_question": CallKind.BRIEF,
    "154_property_parking_monthly_card_new_year_2027_short_gb18030": CallKind.BRIEF,
}


def _field_calls() -> list[tuple[str, Path]]:
    return [(p.name.rsplit(".", 1)[0], p) for p in sorted(FIELD.iterdir())
            if p.is_file() and not p.name.endswith(".meta.json")]


@pytest.mark.parametrize(("name", "path"), _field_calls(), ids=[n for n, _ in _field_calls()])
def test_field_calls_are_classified_as_a_specialist_would(name: str, path: Path) -> None:
    (call,) = load_calls(path)
    info = classify_call(call)
    if name in SPECIAL_FIELD_CALLS or int(name.split("_", 1)[0]) <= 71:  # (the call's number: "154_…" is 154)
        assert info.kind is SPECIAL_FIELD_CALLS.get(name, CallKind.NORMAL), (name, info)
    else:  # later field calls (another suite: long raw-ASR conversations) are no special calls
        assert not info.special, (name, info)


# --- rules consult the kind ---------------------------------------------------------------------

USER_RULE = """
rules:
  ACK001: {severity: minor, deduction: 2}
phrase_rules:
  ACK001:
    slug: closing.no_survey_invite
    family: ACK
    name_zh: 未邀请满意度评价
    dimension: closing
    kind: required
    role: agent
    scope: {window: closing, turns: 2}
    phrases: [满意度评价]
    skip_when: [special_call]
    message: 结束前未邀请客户进行满意度评价
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("坐席：您好燃气客服热线请问有什么可以帮您\n客户：喂 是王师傅吗\n坐席：您可能拨错号码了\n"
     "客户：哦不好意思打错了\n坐席：没关系再见\n", "not_applicable"),
    ("坐席：您好燃气客服热线请问有什么可以帮您\n客户：我家燃气表不走字了好几天了\n"
     "坐席：好的我帮您登记报修 师傅两小时内联系您\n客户：好的\n坐席：感谢您的来电再见\n", "finding"),
])
def test_user_phrase_rule_skips_special_calls(text: str, expected: str) -> None:
    engine = Engine(load_rulebook(text=USER_RULE), only={"ACK001"})
    result = engine.evaluate(_call(text)).result("ACK001")
    assert result.status.value == expected
    if expected == "not_applicable":
        assert "打错电话" in (result.reason or "")


@pytest.mark.parametrize("text", [
    # a cheerful customer with a real question is no prank
    "坐席：您好美容热线请问有什么可以帮您\n客户：哈哈哈美女你好 你们店几点关门啊\n坐席：晚上九点\n客户：好的谢谢\n",
    # "这不是他的问题" is no wrong person; "系统里没有这位客户" is no wrong number
    "坐席：您好请问有什么可以帮您\n客户：我儿子的卡扣费了这不是他的问题\n坐席：系统里没有这位客户的记录\n",
    # a notification call: the customer only says "嗯", the agent checked the line once and went on
    "坐席：喂您好能听到吗\n客户：嗯\n" + "坐席：" + "您家所在小区明天上午九点到下午五点停气检修 请提前做好准备" * 6 + "\n客户：嗯\n",
])
def test_lookalikes_stay_normal_or_brief(text: str) -> None:
    assert not classify_call(_call(text)).special


def test_one_way_audio_customer_only_says_hello_is_silent() -> None:
    # ASR sentences (timed fragments); the customer only checks the line, the agent answers twice
    info = classify_call(_call(
        "[00:00.6-00:01.2 坐席] 您好\n[00:01.4-00:03.9 坐席] 青山水务客服热线\n[00:04.1-00:06.0 坐席] 请问有什么可以帮您\n"
        "[00:07.0-00:07.5 客户] 喂\n[00:09.0-00:10.1 客户] 喂 有人吗\n"
        "[00:10.8-00:12.5 坐席] 您好 请讲\n[00:16.0 #hangup customer]\n"))
    assert info.kind is CallKind.SILENT


def test_customer_who_only_gives_digits_is_no_silent_line() -> None:
    assert _kind("坐席：您好请问有什么可以帮您\n客户：13812345678\n坐席：好的已为您查询到\n") is not CallKind.SILENT


def test_wrong_number_on_fragmented_raw_asr() -> None:
    assert _kind(
        "[00:00.6-00:01.2 坐席] 您好\n[00:01.4-00:03.9 坐席] 青山水务客服热线\n[00:04.1-00:06.0 坐席] 请问有什么可以帮您\n"
        "[00:06.8-00:07.6 客户] 呃喂\n[00:07.9-00:09.8 客户] 是那个张师傅家吗\n"
        "[00:10.3-00:13.0 坐席] 您好这边是水务热线您可能打错电话了\n"
        "[00:13.4-00:14.6 客户] 啊那个打错了啊\n[00:14.8-00:15.4 客户] 不好意思\n"
        "[00:15.8-00:17.2 坐席] 没关系再见\n") is CallKind.WRONG_NUMBER


def test_taciturn_customer_who_listens_is_no_silent_line() -> None:
    # the customer only says "嗯" after each agent turn: they hear and listen
    text = "".join(f"坐席：{a}\n客户：嗯\n" for a in ["您好 客服中心", "好的 您稍等 我帮您查一下", "查到了 八百块", "好的 再见"])
    assert _kind(text) is CallKind.NORMAL


# --- a center's own cues (CallKindSettings; the old CLS001/CLS002 parameters feed them) ----

_MIXED_UP = ("坐席：您好 华北燃气客服热线 工号三一二六 请问有什么可以帮您\n"
             "客户：啊 这不是自来水公司啊 那我搞岔了 不好意思啊\n"
             "坐席：没关系 再见\n")
_ON_THE_METRO = ("坐席：您好 请问是王先生吗 我是顺达物流的回访专员 想耽误您一分钟做个回访可以吗\n"
                 "客户：我这会儿在地铁上呢\n"
                 "坐席：好的 不打扰您了 再见\n")


def test_center_wrong_number_pattern_widens_the_cues() -> None:
    from hotline_qa.analyzers.call_kind import CallKindSettings

    call = _call(_MIXED_UP)
    assert classify_call(call).kind is CallKind.NORMAL  # "搞岔了" is no built-in cue
    info = classify_call(call, CallKindSettings(wrong_number_patterns=("搞岔了",)))
    assert info.kind is CallKind.WRONG_NUMBER and info.cues == ("搞岔了",)
    # the built-in cues stay: a user pattern adds, it never replaces
    assert classify_call(_call("坐席：您好 燃气客服热线\n客户：哦不好意思打错了\n坐席：没关系 再见\n"),
                         CallKindSettings(wrong_number_patterns=("搞岔了",))).kind is CallKind.WRONG_NUMBER


def test_center_decline_pattern_on_outbound_only() -> None:
    from hotline_qa.analyzers.call_kind import CallKindSettings

    settings = CallKindSettings(decline_patterns=("在地铁上",))
    assert classify_call(_call(_ON_THE_METRO, direction="outbound")).kind is CallKind.NORMAL
    assert classify_call(_call(_ON_THE_METRO, direction="outbound"), settings).kind is CallKind.DECLINED
    assert classify_call(_call(_ON_THE_METRO), settings).kind is not CallKind.DECLINED  # an inbound call


def test_center_tail_chars_setting() -> None:
    from hotline_qa.analyzers.call_kind import settings_from

    call = _call("坐席：您好 燃气客服热线\n客户：打错了 真是不好意思打扰您工作了\n坐席：没关系 再见\n")
    assert classify_call(call).kind is CallKind.NORMAL  # more than 8 characters after the cue
    assert classify_call(call, settings_from({"tail_chars": 16})).kind is CallKind.WRONG_NUMBER


@pytest.mark.parametrize(("key", "value", "text", "meta"), [
    ("no_service_patterns", ["搞岔了"], _MIXED_UP, {}),
    ("outbound_decline_patterns", ["在地铁上"], _ON_THE_METRO, {"direction": "outbound"}),
])
def test_old_closing_parameters_still_take_effect(key: str, value: list[str], text: str,
                                                  meta: dict[str, object]) -> None:
    """A user rulebook that widens the cues through the old CLS001/CLS002 parameters keeps
    working: the call-kind analyzer classifies the call again with them."""
    import yaml

    call = _call(text, **meta)
    default = {r.code: r for r in Engine(only={"CLS001", "CLS002"}).evaluate(call).results}
    assert default["CLS001"].status.value == "finding"
    book = load_rulebook(text=yaml.safe_dump(
        {"version": "t", "rules": {"CLS001": {"params": {key: value}}, "CLS002": {"params": {key: value}}}},
        allow_unicode=True))
    results = {r.code: r for r in Engine(book, only={"CLS001", "CLS002"}).evaluate(call).results}
    for code in ("CLS001", "CLS002"):
        assert results[code].status.value == "not_applicable", (code, results[code].reason)
        assert "不适用" in results[code].reason


def test_rulebook_call_kinds_setting_reaches_every_rule() -> None:
    """The general ``call_kinds`` setting widens the cues for the analysis and so for every rule
    that skips special calls, not only the closing rules."""
    import yaml

    call = _call(_MIXED_UP)
    plain = Engine().evaluate(call)
    assert plain.analysis["call_kind"]["kind"] == "normal"
    book = load_rulebook(text=yaml.safe_dump(
        {"version": "t", "call_kinds": {"wrong_number_patterns": ["搞岔了"]}}, allow_unicode=True))
    ev = Engine(book).evaluate(call)
    assert ev.analysis["call_kind"]["kind"] == "wrong_number"
    results = {r.code: r for r in ev.results}
    before = {r.code: r for r in plain.results}
    flipped = {code for code in ("CLS001", "CLS002", "POL002")
               if before[code].status.value == "finding" and results[code].status.value == "not_applicable"}
    assert "CLS001" in flipped and len(flipped) >= 2, {c: results[c].status for c in ("CLS001", "CLS002", "POL002")}


@pytest.mark.parametrize(("setting", "key"), [
    ({"wrong_number_patterns": ["打错(了"]}, "call_kinds.wrong_number_patterns"),
    ({"wrong_patterns": ["打错了"]}, "call_kinds.wrong_patterns"),
    ({"tail_chars": -1}, "call_kinds.tail_chars"),
])
def test_rulebook_call_kinds_errors_name_the_key(setting: dict[str, object], key: str) -> None:
    import yaml

    from hotline_qa.core.errors import RulebookError

    with pytest.raises(RulebookError) as err:
        load_rulebook(text=yaml.safe_dump({"version": "t", "call_kinds": setting}, allow_unicode=True))
    assert key in str(err.value)
