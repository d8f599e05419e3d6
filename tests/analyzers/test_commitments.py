"""Agent commitments and their deadlines (SOL002, TAB005, AFT005)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments, split_clauses, time_frame_in
from hotline_qa.analyzers.workdays import WorkCalendar

CST = timezone(timedelta(hours=8))
# Wednesday 30 September 2026, 15:00, the day before the National Day holiday week
NOW = datetime(2026, 9, 30, 15, 0, tzinfo=CST)
CAL = WorkCalendar()


def _find(call_from, text: str, role: str = "a", now: datetime | None = NOW):
    return find_commitments(call_from([(role, text)]), now=now, calendar=CAL)


@pytest.mark.parametrize(("text", "action", "deadline", "due"), [
    ("我们会在两小时内给您回电", "回电", "两小时内", datetime(2026, 9, 30, 17, 0, tzinfo=CST)),
    ("半小时后给您回电", "回电", "半小时", datetime(2026, 9, 30, 15, 30, tzinfo=CST)),
    ("我们30分钟内给您回复", "反馈", "30分钟内", datetime(2026, 9, 30, 15, 30, tzinfo=CST)),
    ("我今天下班前给您答复", "反馈", "今天下班前", datetime(2026, 9, 30, 18, 0, tzinfo=CST)),
    ("今天之内给您处理", "处理", "今天之内", datetime(2026, 9, 30, 23, 59, 59, tzinfo=CST)),
    ("明天上午安排师傅上门", "上门", "明天上午", datetime(2026, 10, 1, 12, 0, tzinfo=CST)),
    ("后天给您回个电话", "回电", "后天", datetime(2026, 10, 2, 23, 59, 59, tzinfo=CST)),
    ("下周一我们联系您", "回电", "下周一", datetime(2026, 10, 5, 23, 59, 59, tzinfo=CST)),
    ("24小时内给您反馈", "反馈", "24小时内", datetime(2026, 10, 1, 15, 0, tzinfo=CST)),
    ("我们会在3天内处理", "处理", "3天内", datetime(2026, 10, 3, 15, 0, tzinfo=CST)),
    # working days skip 1–7 October (National Day) on China's calendar
    ("2个工作日内给您答复", "反馈", "2个工作日内", datetime(2026, 10, 9, 23, 59, 59, tzinfo=CST)),
    ("月底前给您退款", "退款", "月底前", datetime(2026, 9, 30, 23, 59, 59, tzinfo=CST)),
    ("我们10月5日之前联系您", "回电", "10月5日之前", datetime(2026, 10, 5, 23, 59, 59, tzinfo=CST)),
    ("10号之前给您答复", "反馈", "10号之前", datetime(2026, 10, 10, 23, 59, 59, tzinfo=CST)),
    ("下午五点前给您回电", "回电", "下午五点前", datetime(2026, 9, 30, 17, 0, tzinfo=CST)),
    ("两个半小时内给您回电", "回电", "两个半小时内", datetime(2026, 9, 30, 17, 30, tzinfo=CST)),
    # raw speech: the end of a clock range, "一早", a week "左右", verbs of calling back / refunding
    ("师傅大概下午四点到六点之间上门", "上门", "下午四点到六点之间", datetime(2026, 9, 30, 18, 0, tzinfo=CST)),
    ("我明天一早就帮您跟进", "跟进", "明天一早", datetime(2026, 10, 1, 12, 0, tzinfo=CST)),
    ("大概一个礼拜左右会给您寄过去", "寄送", "一个礼拜左右", datetime(2026, 10, 7, 15, 0, tzinfo=CST)),
    ("十五分钟以后我给您回过来", "回电", "十五分钟", datetime(2026, 9, 30, 15, 15, tzinfo=CST)),
    ("下个月五号之前退到您卡上", "退款", "五号之前", datetime(2026, 10, 5, 23, 59, 59, tzinfo=CST)),
    # the next bill (field call 389): by the end of next month
    ("多收的电费会在下期电费里给您退还", "退款", "下期电费里", datetime(2026, 10, 31, 23, 59, 59, tzinfo=CST)),
    ("下个月的话费里给您返还", "退款", "下个月的话费里", datetime(2026, 10, 31, 23, 59, 59, tzinfo=CST)),
])
def test_deadlines_are_normalised(call_from, text, action, deadline, due) -> None:
    (c,) = _find(call_from, text)
    assert (c.action, c.deadline_text, c.due, c.has_time_frame) == (action, deadline, due, True)


LATE = datetime(2026, 9, 30, 22, 15, tzinfo=CST)  # a night call (field call 868)


@pytest.mark.parametrize(("text", "deadline", "due"), [
    # midnight, not the next day's noon
    ("预计夜里十二点前给您修好", "夜里十二点前", datetime(2026, 9, 30, 23, 59, 59, tzinfo=CST)),
    ("今晚十二点之前给您回电", "今晚十二点之前", datetime(2026, 9, 30, 23, 59, 59, tzinfo=CST)),
    ("晚上十二点前给您处理好", "晚上十二点前", datetime(2026, 9, 30, 23, 59, 59, tzinfo=CST)),
    ("晚上十二点半之前给您回电", "晚上十二点半之前", datetime(2026, 10, 1, 0, 30, tzinfo=CST)),
    # the small hours after midnight, and a night hour before it
    ("师傅半夜两点前给您修好", "半夜两点前", datetime(2026, 10, 1, 2, 0, tzinfo=CST)),
    ("深夜十一点前给您回电", "深夜十一点前", datetime(2026, 9, 30, 23, 0, tzinfo=CST)),
    ("明天凌晨五点前给您修好", "明天凌晨五点前", datetime(2026, 10, 1, 5, 0, tzinfo=CST)),
    # a bare clock time already past is the next one
    ("十二点前给您回电", "十二点前", datetime(2026, 10, 1, 12, 0, tzinfo=CST)),
])
def test_night_clock_times_are_due_that_night(call_from, text, deadline, due) -> None:
    (c,) = _find(call_from, text, now=LATE)
    assert (c.deadline_text, c.due) == (deadline, due)


def test_a_small_hour_said_in_the_small_hours_is_that_night(call_from) -> None:
    (c,) = _find(call_from, "夜里三点前给您回电", now=datetime(2026, 10, 1, 1, 0, tzinfo=CST))
    assert c.due == datetime(2026, 10, 1, 3, 0, tzinfo=CST)


def test_due_counts_from_the_utterance_time_when_known(call_from) -> None:
    call = call_from([("a", "我们两小时内给您回电", 600.0, 603.0)])
    (c,) = find_commitments(call, now=NOW, calendar=CAL)
    assert c.due == NOW + timedelta(hours=2, minutes=10)


def test_without_now_the_deadline_text_stays_but_due_is_none(call_from) -> None:
    (c,) = _find(call_from, "两小时内给您回电", now=None)
    assert c.deadline_text == "两小时内" and c.due is None and c.has_time_frame


def test_vague_promise_has_no_time_frame(call_from) -> None:
    (c,) = _find(call_from, "稍后给您回电")
    assert c.action == "回电" and c.deadline_text is None and not c.has_time_frame
    (d,) = _find(call_from, "没问题我会尽快给您回复")
    assert d.action == "反馈" and not d.has_time_frame


@pytest.mark.parametrize("text", [
    "已经帮您处理好了",
    "这个问题我已经给您反馈过了",
    "您可以拨打12345联系他们",
    "建议您去营业厅办理",
    "我帮您查一下",
    "我马上帮您查询一下",
    "需要我给您回电吗",
    "我不会给您回电话了吗",
    "我们不会给您回电",
    "要不要我帮您反馈一下",
    "您的问题处理了吗",
    "这个需要您到营业厅办理",
    "如果您还有问题可以随时联系我们",
    "请问还有其他需要协助的吗",
    "您稍等我给您查询一下",
    "您的问题我们已经受理",
    # done now, on the call (field calls 25, 28)
    "我现在就给您办理全额退款",
    "我先帮您提交减免申请您看可以吗",
    # field audit 3 (call 38): the agent does it on the call, "已经为您办好了" follows
    "好的您别着急 我马上帮您办理挂失",
    "身份已经核实了 我现在为您办理挂失停机",
])
def test_not_commitments(call_from, text) -> None:
    assert _find(call_from, text) == ()


def test_customer_promises_are_not_agent_commitments(call_from) -> None:
    assert _find(call_from, "我明天给你们回电", role="c") == ()


def test_proposal_asking_consent_is_a_commitment(call_from) -> None:
    (c,) = _find(call_from, "预计两小时内给您回电可以吗?")
    assert c.action == "回电" and c.deadline_text == "两小时内"


def test_later_act_after_doing_one_now_is_still_a_commitment(call_from) -> None:
    (c,) = _find(call_from, "我先帮您登记一下明天安排师傅上门")
    assert c.action == "上门"
    (d,) = _find(call_from, "现在先不处理等明天再给您处理")
    assert d.action == "处理"


def test_later_check_is_a_commitment(call_from) -> None:
    (c,) = _find(call_from, "您的订单我稍后帮您核实一下")
    assert c.action == "核实"


def test_absolute_words(call_from) -> None:
    (c,) = _find(call_from, "我保证明天一定给您处理好")
    assert c.absolute_words == ("保证", "一定")
    (d,) = _find(call_from, "我们会在两小时内给您回电")
    assert d.absolute_words == ()


def test_deadline_in_a_neighbouring_fragment(call_from) -> None:
    (c,) = _find(call_from, "预计两小时之内。给您回电")
    assert c.text == "给您回电" and c.deadline_text == "两小时之内"
    assert c.deadline_span is not None


def test_a_pause_comma_inside_the_promise_is_read_past(call_from) -> None:
    (c,) = _find(call_from, "工作人员会在，三个工作日内给您，回复")
    assert c.text == "工作人员会在三个工作日内给您回复" and c.deadline_text == "三个工作日内"


def test_unpunctuated_asr_text_is_split_on_cue_words(call_from) -> None:
    text = "好的您的问题我已经记录了然后我们明天上午会安排师傅上门维修另外两个工作日内给您回个电话"
    found = _find(call_from, text)
    assert [(c.action, c.deadline_text) for c in found] == [("上门", "明天上午"), ("回电", "两个工作日内")]
    assert found[0].text.startswith("然后")
    utt = text
    assert all(utt[c.start:c.end] == c.text for c in found)


def test_fillers_and_particles_of_asr_text(call_from) -> None:
    (c,) = _find(call_from, "嗯嗯那个我们这边呢会在24小时之内呢给您一个答复")
    assert c.action == "反馈" and c.deadline_text == "24小时之内"
    assert c.due == NOW + timedelta(hours=24)


def test_past_then_future_in_one_clause(call_from) -> None:
    (c,) = _find(call_from, "我这边已经帮您登记了会尽快给您回电")
    assert c.action == "回电"


def test_traditional_input(call_from) -> None:
    (c,) = _find(call_from, "我們會在兩個小時內給您回電，請您保持電話暢通。")
    assert c.action == "回电" and c.deadline_text == "两个小时内"


def test_feedback_to_department_picks_the_customer_visible_action(call_from) -> None:
    (c,) = _find(call_from, "我会把您的问题反馈给相关部门处理")
    assert c.action == "反馈"


def test_split_clauses_keeps_offsets_and_question_marks() -> None:
    text = "您好,请问有什么可以帮您?好的那我帮您看一下"
    clauses = split_clauses(text)
    assert [c.text for c in clauses] == ["您好", "请问有什么可以帮您", "好的", "那我帮您看一下"]
    assert [c.question for c in clauses] == [False, True, False, False]
    assert all(text[c.start:c.end] == c.text for c in clauses)


def test_an_assurance_of_effort_is_not_a_commitment(call_from) -> None:  # type: ignore[no-untyped-def]
    from hotline_qa.analyzers.commitments import find_commitments
    from hotline_qa.analyzers.workdays import WorkCalendar

    # Seed 003 五(一)'s model apology: "我会全力帮您解决这个问题" promises effort, not a later act.
    call = call_from([("agent", "非常抱歉给您带来了不好的体验，您先消消气，我会全力帮您解决这个问题。")])
    assert find_commitments(call, now=None, calendar=WorkCalendar()) == ()
    call = call_from([("agent", "我们会尽快给您处理")])
    (c,) = find_commitments(call, now=None, calendar=WorkCalendar())
    assert c.action == "处理" and not c.has_time_frame


def test_deadline_word_prefilter_finds_what_every_pattern_finds() -> None:
    """Each deadline pattern runs only when one of its words is in the clause; on clauses
    built from every kind of time frame the result equals running all patterns."""
    import itertools
    import random

    from hotline_qa.analyzers import commitments as cm

    def reference(text: str):  # the patterns without the word test
        best = None
        for pattern, resolver in cm._DEADLINES:
            m = pattern.search(text)
            if m is not None and (best is None or (m.start(), -m.end()) < (best[0].start(), -best[0].end())):
                best = (m, resolver)
        return best

    frames = ["两小时内", "一个半钟头", "30分钟内", "今天下班前", "明天上午", "明早", "今晚8点半", "后天",
              "大后天下午三点前", "下周一", "星期天", "礼拜五之前", "本周内", "下个礼拜内", "3天内", "两日内",
              "2个工作日内", "两周之内", "一个月内", "月底前", "本月底", "10月5日", "10号", "5号楼",
              "下午三点前", "三点", "十二点十分", "当天", "今日", "半天", "几天", "下期电费里", "下个月", "下个月五号",
              "下个计费周期内"]
    fillers = ["我们", "会", "给您回电", "处理", ",", " ", "好的", "日", "点", "周", "号"]
    rng = random.Random(7)
    texts = ["".join(p) for p in itertools.product(frames[:12], fillers[:3])]
    texts += ["".join(rng.choice(frames + fillers) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    for text in texts:
        got, want = cm._match_deadline(text), reference(text)
        assert (got is None) == (want is None), text
        if got is not None and want is not None:
            assert (got[0].span(), got[1]) == (want[0].span(), want[1]), text


def test_clause_split_keeps_question_mark_on_the_last_piece_only() -> None:
    clauses = split_clauses("  然后我帮您看一下 另外明天给您回电?好的 ")
    assert [c.text for c in clauses] == ["然后我帮您看一下", "另外明天给您回电", "好的"]
    assert [c.question for c in clauses] == [False, True, False]
    text = "  然后我帮您看一下 另外明天给您回电?好的 "
    assert all(text[c.start:c.end] == c.text for c in clauses)


@pytest.mark.parametrize("text", [
    "我们的目标是帮您把问题解决",  # an aim (the seed's wording), not an undertaking
    "请您提供一下订单号，我帮您核实处理",  # the check is done now, with the number asked for
    "请您提供一下订单号我帮您核实处理",
    "款项到账以后会有短信通知您",  # the system's automatic notice, not the agent's act
    "稍后会有短信通知",
    "稍後會有簡訊通知",
    "到账以后会有通知",  # a notice that will come, no one named
])
def test_field_false_promises(call_from, text: str) -> None:
    assert _find(call_from, text) == ()


def test_money_paid_to_the_card_within_a_time_frame(call_from) -> None:
    (c,) = _find(call_from, "理赔款两千三百六十元会在五个工作日内打到您登记的银行卡上")
    assert c.action == "退款" and c.has_time_frame and c.deadline_text == "五个工作日内"


def test_wait_for_a_notice_is_a_promise_without_time_frame(call_from) -> None:
    (c,) = _find(call_from, "我给你登记一下催件，等通知吧")
    assert c.action == "反馈" and c.text.endswith("等通知吧") and not c.has_time_frame
    assert _find(call_from, "不用等通知了") == ()


def test_a_range_of_working_days_keeps_the_range_and_is_due_at_its_end(call_from) -> None:
    (c,) = _find(call_from, "我们会在三到五个工作日内给您回电")
    assert c.deadline_text == "三到五个工作日内"
    (five,) = _find(call_from, "我们会在五个工作日内给您回电")
    assert c.due == five.due and c.due is not None
    (d,) = _find(call_from, "退款3-5天到账我们会处理")
    assert d.deadline_text == "3-5天"


def test_tui_hui_is_a_refund_promise(call_from) -> None:  # type: ignore[no-untyped-def]
    from hotline_qa.analyzers.commitments import find_commitments
    from hotline_qa.analyzers.workdays import WorkCalendar

    (c,) = find_commitments(call_from([("agent", "这三百元我们会在三个工作日内退回到您的账户")]),
                            now=None, calendar=WorkCalendar())
    assert c.action == "退款" and c.has_time_frame


def test_later_act_said_with_ma_shang_is_still_a_commitment(call_from) -> None:
    (c,) = _find(call_from, "我马上帮您反馈给技术部门")
    assert c.action == "反馈" and not c.has_time_frame


def test_a_topic_time_word_yields_to_the_time_frame_of_the_promise(call_from) -> None:  # type: ignore[no-untyped-def]
    # raw ASR: "今天的话" is a topic ("as for today, the technicians are booked"); the
    # promise's own time frame comes later in the same unpunctuated clause
    (c,) = _find(call_from, "今天的话师傅排满了我尽量帮您催一下啊今天下班前给您回个电话")
    assert (c.deadline_text, c.due) == ("今天下班前", datetime(2026, 9, 30, 18, 0, tzinfo=CST))
    # with no other time word the topic still gives the time frame
    (d,) = _find(call_from, "明天的话我给您回电")
    assert d.deadline_text == "明天" and d.has_time_frame


@pytest.mark.parametrize("text", [
    "好的抄表复核已经给您登记好了回家以后记得先检查一下马桶水箱",  # an instruction to the customer
    "另外给您账户里发一张五元的无门槛红包作为这次的补偿",  # 补偿 as a noun, given now
    "我这边给您提交一个失物寻找的工单",  # submitted on the call
    "司机停车看到消息就会跟我们联系",  # a third party gets in touch with us
    "我们会继续联系司机",  # ongoing effort
    "那我们这边会持续跟进",
    "登记以后按通知时间带材料到幼儿园现场审核",  # 通知 as a noun, the customer's step
    "余额会在转网之后按原路退回",  # how things go
    "国家每年都会统一调整一次养老金一般是年中公布调整以后会补发到一月份",
    "我们也会把这个件反馈给长沙的转运中心加强装卸的管理",  # an improvement pledge
])
def test_raw_speech_statements_that_promise_nothing(call_from, text) -> None:  # type: ignore[no-untyped-def]
    assert _find(call_from, text) == ()


def test_a_verb_in_a_time_clause_is_not_the_promised_act(call_from) -> None:  # type: ignore[no-untyped-def]
    (c,) = _find(call_from, "抄表员上门之前会提前跟您电话联系")
    assert c.action == "回电"
    # and the real promises of raw speech stay promises
    assert _find(call_from, "我们会安排抄表员上门再核对一下读数")[0].action == "上门"
    assert _find(call_from, "稍后我这边给您提交一个工单")[0].action == "上报"


def test_a_text_message_on_its_way_is_no_promise_but_a_document_is(call_from) -> None:  # type: ignore[no-untyped-def]
    assert _find(call_from, "好的报案号稍后会短信发到您手机上请您留意查收") == ()
    (c,) = _find(call_from, "电子发票两个工作日之内会发到您的邮箱")
    assert c.action == "寄送" and c.has_time_frame


def test_an_act_of_another_organisation_is_no_promise_of_ours(call_from) -> None:  # type: ignore[no-untyped-def]
    assert _find(call_from, "您这个停电报修需要由电力热线为您办理") == ()
    assert _find(call_from, "后续会由专人为您处理")[0].action == "处理"


def test_a_dated_answer_by_the_unit_the_agent_passed_the_case_to_is_a_promise(call_from) -> None:  # type: ignore[no-untyped-def]
    # field call 866: the agent arranged it and gave its time frame
    (c,) = _find(call_from, "处理结果三个工作日内由负责部门电话回复您")
    assert (c.action, c.deadline_text) == ("反馈", "三个工作日内")
    assert _find(call_from, "处理结果由负责部门电话回复您") == ()  # undated: the unit's own act


def test_arrival_is_a_visit(call_from) -> None:  # type: ignore[no-untyped-def]
    (c,) = _find(call_from, "抢修人员预计二十分钟内到达")
    assert (c.action, c.deadline_text) == ("上门", "二十分钟内")


@pytest.mark.parametrize(("text", "action"), [
    # an answer promised after an event, said "第一时间" (SOL002 then asks for the event's time frame)
    ("有结果了我们第一时间短信告诉您", "反馈"),
    ("联系上了会第一时间通知您", "反馈"),
    # the agent's own act, with a third party only as object or owner
    ("我这边安排维修师傅上去先把楼上的总阀关了再联系楼上业主", "联系"),
])
def test_event_bound_and_own_promises_are_commitments(call_from, text: str, action: str) -> None:
    found = _find(call_from, text)
    assert [c.action for c in found] == [action]
    assert not found[0].has_time_frame


@pytest.mark.parametrize("text", [
    "我再告诉您一遍 先点我的再点设置",         # telling now
    "如果对方再用其他号码联系您您可以直接拨打幺幺零报警",  # someone else's act
    "这个我们会督促经营者退款",                 # the agent presses a third party
    "人数多的话会作为集体投诉优先处理",          # how a kind of case is handled
    "商家处理完会联系您的",                     # the merchant's act, reported
])
def test_acts_that_are_not_the_agents_promise(call_from, text: str) -> None:
    assert _find(call_from, text) == ()


def test_time_frame_in_an_answer_without_verb() -> None:
    from hotline_qa.analyzers.commitments import time_frame_in

    assert time_frame_in("大概两个小时左右吧") == "两个小时左右"
    assert time_frame_in("这个您别着急") is None


def test_third_party_before_a_new_predicate_does_not_own_the_promise(call_from) -> None:
    found = _find(call_from, "商家已经同意退款了 退款会在三到五个工作日内原路退回到您的支付账户")
    assert [c.action for c in found] == ["退款"] and found[0].has_time_frame


def test_a_bill_named_as_the_way_of_refunding_is_no_time_frame() -> None:
    # field call 222: "退回来或者抵扣下个月水费" says how, not when; 389: "在下期电费里给您退还" says when
    assert time_frame_in("多收的部分会给您退回来或者抵扣下个月水费") is None
    assert time_frame_in("多收的电费会在下期电费里给您退还") == "下期电费里"


@pytest.mark.parametrize("text", [
    "九九九九九九九九个工作日内给您回电",  # counting that many working days ran past year 9999
    "幺三八五二四六七九九天内给您回电",  # digits the ASR ran into the amount
    "99999999999999999999个小时以内给您回复",  # past what a date can hold
])
def test_implausible_amount_keeps_its_time_frame_without_a_due_date(call_from, text) -> None:
    (c,) = _find(call_from, text)
    assert c.has_time_frame and c.deadline_text and c.due is None


def test_a_plausible_long_time_frame_still_gets_its_due_date(call_from) -> None:
    (c,) = _find(call_from, "三百六十五天内给您回复")
    assert c.due == NOW + timedelta(days=365)


def test_a_filler_clause_does_not_part_the_customers_call_from_the_act_it_brings(call_from) -> None:
    # "那你再打我们电话，这个，我们安排师傅上门": the visit answers the customer's next call (sample 27)
    assert _find(call_from, "那你再打我们电话，这个，我们安排师傅上门，师傅上门检查是免费的") == ()


def test_a_hesitation_inside_the_promise_is_read_past_and_the_offsets_stay_on_the_text(call_from) -> None:
    said = "他会在呃半个小时之内给您打电话"
    (c,) = _find(call_from, said)
    assert c.deadline_text == "半个小时之内" and c.has_time_frame
    assert c.deadline_span is not None and said[c.deadline_span[0]:c.deadline_span[1]] == "半个小时之内"
    assert (c.start, c.end) == (0, len(said))
    # an exclusion read past it too: "请您第一时间给呃我们打电话" asks the customer to call
    assert _find(call_from, "如果看到扣款记录请您第一时间给呃我们打电话") == ()


def test_a_time_frame_two_sentences_before_times_the_act_after_a_doer_alone(call_from) -> None:  # type: ignore[no-untyped-def]
    # field call 904: "先停用明天上午十点之前" / "工程部的同事" / "会给您回电话"
    call = call_from([("a", "这台电梯我们今晚", 0.0, 2.0), ("a", "先停用明天上午十点之前", 2.0, 4.0),
                      ("a", "工程部的同事", 4.0, 5.5), ("a", "会给您回电话", 5.5, 7.0)])
    callback = next(c for c in find_commitments(call, now=NOW, calendar=CAL) if c.action == "回电")
    assert (callback.deadline_text, callback.has_time_frame) == ("明天上午十点之前", True)
    # without the doer sentence between, the time frame stays the stop's, not the callback's
    bare = call_from([("a", "先停用明天上午十点之前", 0.0, 2.0), ("a", "再说吧", 2.0, 3.0), ("a", "会给您回电话", 3.0, 4.5)])
    assert not any(c.has_time_frame for c in find_commitments(bare, now=NOW, calendar=CAL) if c.action == "回电")


def test_a_time_said_back_of_another_event_does_not_time_a_look_up(call_from) -> None:  # type: ignore[no-untyped-def]
    # field call 901: the agent repeats the ride's times, then looks the taxi up
    said = [("a", "好的十点二十左右上车", 0.0, 2.0), ("a", "十一点半左右下车", 2.0, 4.0)]
    call = call_from([*said, ("a", "我这边查一下这辆车所属的", 4.0, 6.0)])
    (look_up,) = [c for c in find_commitments(call, now=NOW, calendar=CAL) if c.action == "核实"]
    assert look_up.deadline_text is None
    # a bare time frame in the sentence before still times the act ("预计两小时之内" / "给您回电")
    framed = call_from([("a", "预计两小时之内", 0.0, 2.0), ("a", "给您回电", 2.0, 3.0)])
    assert [c.deadline_text for c in find_commitments(framed, now=NOW, calendar=CAL)] == ["两小时之内"]
