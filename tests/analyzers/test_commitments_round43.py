"""Promises, round 43 (field calls 19, 580, 624, 634): someone sent to do it ("让管家…过去看看"), a
restatement of what the customer wants ("您是要我们让快递员…是吧"), a promise answering the customer's
next call across a comma, and a house number that is no date ("龙口西路幺二八号")."""

from __future__ import annotations

from hotline_qa.analyzers.commitments import _match_deadline

from .test_commitments_fragments import _promises, _timed


def test_someone_sent_is_a_promise() -> None:
    # field call 624: "那我给你登记一下" / "让管家有空的时候" / "过去看看", no time frame given
    assert _promises(_timed("那我给你登记一下", "让管家有空的时候", "过去看看")) == [("上门", None)]
    assert _promises("坐席：我叫师傅上门给您修\n") == [("上门", None)]
    assert _promises("坐席：您可以让管家过去看看\n") == []  # the customer's to do


def test_a_restated_request_is_no_promise() -> None:
    # field call 580: "您是要我们让快递员" / "把快递从北门柜子取出来" / "重新送到您家里" / "是吧"
    assert _promises(_timed("您是要我们让快递员", "把快递从北门柜子取出来", "重新送到您家里", "是吧")) == []


def test_a_promise_answering_the_next_call_across_a_comma_is_none() -> None:
    # field call 19: "还不行的话您再给我们来电话,我们派师傅上门"
    assert _promises("坐席：还不行的话您再给我们来电话,我们派师傅上门\n") == []
    assert _promises("坐席：还不行的话您再给我们来电话,我们会派师傅上门\n") == []
    assert _promises("坐席：您先试试,我们明天给您回电\n") == [("回电", "明天")]


def test_a_house_number_is_no_date() -> None:
    # field call 634 run together: "…跟您联系的您这边安装地址是天河区龙口西路幺二八号三楼对吧"
    assert _match_deadline("您这边安装地址是天河区龙口西路幺二八号三楼对吧") is None
    assert _match_deadline("地址是芳华路九十号旁边") is None
    found = _match_deadline("我们二十八号之前给您回电")
    assert found is not None and found[0].group(0) == "二十八号之前"


def test_someone_sent_to_call_is_a_promise() -> None:
    # field call 644 (round 44): "我马上帮您催一下网点" / "让师傅跟您联系"
    assert _promises(_timed("我马上帮您催一下网点", "让师傅跟您联系")) == [("回电", None)]
    assert _promises("坐席：您可以让师傅跟您联系\n") == []


def test_a_menu_item_tapped_is_no_promise_but_a_search_then_a_call_is() -> None:
    # round 45: field call 648 ("再点报告查询": the customer taps it), 657 ("航班结束六个月以内 / 都可以申请 /
    # 我现在帮您提交补登申请": the period the claim may be made in, the submission done now), 497 (a promise)
    assert _promises(_timed("首先打开省人民医院公众号", "然后点击下面的智慧服务", "再点报告查询")) == []
    assert _promises(_timed("航班结束六个月以内", "都可以申请", "我现在帮您提交补登申请")) == []
    assert _promises(_timed("我们这边会尽快给您找的", "找到了第一时间通知您")) != []


def test_a_team_named_by_its_work_is_no_promise() -> None:
    # round 46: field call 664 ("系统显示…二十九号维修站的 / 师傅上门 / 给您家暖气片放过气": work done before)
    assert _promises(_timed("二十九号维修站的", "师傅上门", "给您家暖气片放过气")) == []
    assert _promises(_timed("维修部的师傅昨天已经去过了")) == []
    assert _promises(_timed("我们二十九号安排师傅上门维修")) != []
    for act in ("我帮您联系站长", "我帮您联系部门负责人", "我帮您联系厂家", "我帮您联系工程师"):
        assert _promises(f"坐席：{act}\n") == [("联系", None)], act


def test_a_rules_condition_and_a_practice_for_all_are_no_promises() -> None:
    # round 47: field call 677 ("按照合同第九条 / 开课以后退费的话 / 要扣除已上的课时费"), 675 ("我们会检讨以后遇到
    # 区域障碍 / 会主动发短信通知用户")
    assert _promises(_timed("那个按照合同第九条", "开课以后退费的话", "要扣除已上的课时费")) == []
    assert _promises("坐席：我看了一下已经上了十二节按照合同第九条开课以后退费的话要扣除已上的课时费\n") == []
    assert _promises(_timed("我们会检讨以后遇到区域障碍", "会主动发短信通知用户")) == []
    assert _promises("坐席：我们会检讨以后遇到区域障碍会主动发短信通知用户\n") == []
    assert _promises(_timed("审核通过的话", "我们会发短信通知您")) == [("反馈", None)]


def test_recorded_then_passed_on_is_a_promise() -> None:
    # round 47: field call 678 ("您要投诉的话我给您记录一下" / "反馈给相关部门": no time frame)
    assert _promises(_timed("您要投诉的话我给您记录一下", "反馈给相关部门")) == [("反馈", None)]
    assert _promises(_timed("我给您登记一下", "您稍等")) == []


def test_an_act_the_customer_holds_on_for_is_done_on_the_call() -> None:
    # round 47: field call 676 ("那我这边帮您联系一下车站" / "看看有没有捡到您少等啊", the hold, "帮您问到了")
    assert _promises(_timed("那我这边帮您联系一下车站", "看看有没有捡到您少等啊")) == []
    assert _promises(_timed("那我这边帮您联系一下车站", "有消息给您回电")) == [("联系", None), ("回电", None)]


def test_a_unit_of_the_service_is_no_other_organisation() -> None:
    # round 47: field call 676 ("然后回头车站那边会联系您的"), 265 ("街道那边会给您回电话的")
    assert _promises("坐席：然后回头车站那边会联系您的\n") == [("回电", None)]
    assert _promises("坐席：街道那边会给您回电话的\n") == [("回电", None)]
    assert _promises("坐席：快递公司那边会联系您\n") == []


def test_hong_kong_and_hospital_wording_of_promises() -> None:
    # round 48: field calls 687 ("我哋即刻帮您处理": done now; "新卡会喺七个工作天内 / 寄到您登记嘅住址") and
    # 689 ("转给消化内科 / 让主治医生那边跟您联系": someone sent, untimed)
    assert _promises("坐席：卡片遗失嘅话我哋即刻帮您处理\n") == []
    assert _promises("坐席：我们立即帮您处理\n") == []
    assert _promises(_timed("新卡會喺七個工作天內", "寄到您登記嘅住址")) == [("寄送", "七个工作日内")]
    assert _promises(_timed("我帮您转给消化内科", "让主治医生那边跟您联系")) == [("回电", None)]
    assert _promises("坐席：您可以让主治医生跟您联系\n") == []
