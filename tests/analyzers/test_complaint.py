"""Complaint detection and complaint risk (CMP, CUS003)."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.complaint import detect_complaint
from hotline_qa.analyzers.emotion import customer_emotions


def _detect(call):
    return detect_complaint(call, customer_emotions(call))


def test_plain_enquiry_is_not_a_complaint(call_from) -> None:
    info = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", "我想查一下这个月的话费"), ("c", "好的谢谢")]))
    assert not info.is_complaint and info.start_utterance is None and info.risk == "low"
    assert info.threats == () and not info.repeat_call


def test_calm_how_to_complain_is_a_low_risk_complaint(call_from) -> None:
    info = _detect(call_from([("a", "您好"), ("c", "请问怎么投诉快递员")]))
    assert info.is_complaint and info.start_utterance == 1
    assert info.risk == "low" and info.threats == () and "投诉" in info.cues


def test_regulator_threat_is_high_risk(call_from) -> None:
    info = _detect(call_from([
        ("c", "我想问下话费"),
        ("a", "好的"),
        ("c", "你们是不是抢钱啊不然我就上消协告你们去"),
    ]))
    assert info.is_complaint and info.start_utterance == 2
    assert "消协" in info.threats and info.risk == "high"


def test_manager_demand_alone_is_medium(call_from) -> None:
    info = _detect(call_from([("c", "你让你们经理来跟我说")]))
    assert info.threats == ("让你们经理",) and info.risk == "medium"


def test_threat_to_complain_in_a_threatening_frame(call_from) -> None:
    info = _detect(call_from([("c", "我要投诉你们")]))
    assert "投诉" in info.threats and info.risk == "medium"


def test_repeat_call_with_anger_is_high(call_from) -> None:
    info = _detect(call_from([("c", "这已经是我第三次打电话了上次说三天修好到现在还没修好你们到底有没有信用!凭什么!")]))
    assert info.repeat_call and info.is_complaint and info.risk == "high"


def test_repeat_call_with_mild_displeasure_is_medium(call_from) -> None:
    info = _detect(call_from([("c", "我打了好几次了还没解决")]))
    assert info.repeat_call and info.is_complaint and info.risk == "medium"


def test_negated_threat_does_not_count(call_from) -> None:
    info = _detect(call_from([("c", "我不投诉就是想问问")]))
    assert info.threats == ()


def test_abuse_is_high_risk(call_from) -> None:
    info = _detect(call_from([("c", "你们这帮混蛋")]))
    assert info.is_complaint and info.risk == "high"


def test_one_mild_grumble_is_not_a_complaint_but_two_are(call_from) -> None:
    assert not _detect(call_from([("c", "这么慢啊"), ("c", "好的谢谢")])).is_complaint
    two = _detect(call_from([("c", "你好"), ("c", "这么慢啊"), ("a", "抱歉"), ("c", "什么态度")]))
    assert two.is_complaint and two.start_utterance == 1


def test_hotline_numbers_and_lookalikes_are_threats_only_when_meant(call_from) -> None:
    calm = _detect(call_from([("c", "你好请问是12345吗"), ("c", "我手机的多媒体功能和拍照曝光度有问题")]))
    assert calm.threats == () and not calm.is_complaint
    meant = _detect(call_from([("c", "再不解决我就打12345")]))
    assert meant.threats == ("12345",) and meant.risk == "high"
    # a number inside a phone number is no hotline
    assert _detect(call_from([("c", "我电话13812315678")])).threats == ()


@pytest.mark.parametrize("text", [
    # the brief's real complaints, unpunctuated as ASR gives them
    "你们这什么破服务", "我都打了三次电话了还没人处理", "再不解决我就投诉到12345", "你们就是在糊弄人",
    "气死我了", "我要退款你们必须给我个说法",
    "你们怎么回事啊宽带断了三天了都没人来修", "我上个星期就报修了到现在也没人联系我",
    "每个月都多扣我十块钱你们这不是坑人吗", "我找了你们好几次了每次都说在处理",
    "行了行了别跟我解释了我就要一个结果", "真是服了你们了办个事这么难", "我等了一个多小时了还没人来",
    "你们的工作人员一问三不知", "我已经忍了很久了", "你们是不是不想干了",
    # seed 001 (traditional, as the source has it)
    "你們又把我的電話費算錯了你們是不是搶錢啊",
])
def test_real_complaints_are_complaints(call_from, text) -> None:
    info = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", text)]))
    assert info.is_complaint and info.start_utterance == 1


@pytest.mark.parametrize("text", [
    "请问怎么查话费", "好的谢谢", "我不生气", "我想咨询一下宽带怎么办理", "你们最近在搞什么活动吗",
    "这个扣费是什么东西啊我看不懂", "我还是没有明白您的意思能再说一遍吗", "请问这个归哪个部门管",
    "那我什么时候能收到退款呢", "我不想投诉就是问问",
])
def test_calm_enquiries_are_not_complaints(call_from, text) -> None:
    assert not _detect(call_from([("a", "您好"), ("c", text)])).is_complaint


def test_one_strong_word_makes_a_complaint_but_one_mild_grumble_does_not(call_from) -> None:
    assert _detect(call_from([("c", "你们就是在糊弄人")])).is_complaint  # an anger word
    assert not _detect(call_from([("c", "这么慢啊")])).is_complaint  # mild
    assert _detect(call_from([("c", "说好的三天回电话到现在也没人理")])).is_complaint  # two cues


def test_retrying_a_payment_is_not_a_repeat_call(call_from) -> None:
    info = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", "我付款的时候一直失败我试了好几次了都不行")]))
    assert not info.repeat_call


@pytest.mark.parametrize("text", [
    "我都打了好几次电话了还没人处理", "我这是第三次打来了", "上次打电话说三天修好", "找你们好几次了",
])
def test_calling_the_hotline_again_is_a_repeat_call(call_from, text) -> None:
    assert _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", text)])).repeat_call


def test_a_calm_refund_request_is_an_ordinary_return_not_a_complaint(call_from) -> None:
    calm = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", "鞋底开胶了 我不想换了 直接退钱吧")]))
    assert not calm.is_complaint
    angry = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", "什么破鞋穿一次就开胶 气死我了 退钱")]))
    assert angry.is_complaint and "退钱" in angry.cues


@pytest.mark.parametrize(("text", "repeat"), [
    ("我也打过电话给物业 物业说不归他们管", False),   # called someone else
    ("我找了好几次居委会都没用", False),
    ("我打了三次电话他们都说在修", True),             # called this service again
    ("我已经打过电话了一直没人来", True),
])
def test_a_repeat_call_is_a_call_to_this_service(call_from, text: str, repeat: bool) -> None:
    assert _detect(call_from([("a", "您好这里是12345热线"), ("c", text)])).repeat_call is repeat


@pytest.mark.parametrize("text", [
    "我想问一下我那个社保卡补办的进度啊上个月就办了到现在还没拿到",  # asks after a pending matter
    "那个携号转网",  # the request of a porting call, cut into sentences by the ASR
])
def test_raw_speech_enquiries_are_not_complaints(call_from, text) -> None:  # type: ignore[no-untyped-def]
    assert not _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", text)])).is_complaint


@pytest.mark.parametrize("text", [
    "我要偷诉你们这个快递员把东西摔坏了",  # ASR slip of 投诉
    "再不解决我就携号转网",  # an ultimatum
    "我上个星期就报修了到现在也没人联系我",  # told, not asked: still a complaint
])
def test_raw_speech_complaints_are_complaints(call_from, text) -> None:  # type: ignore[no-untyped-def]
    assert _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", text)])).is_complaint


@pytest.mark.parametrize(("text", "complaint"), [
    # field call 118: the upstairs neighbour who flooded the flat is away; who pays is asked, not complained
    ("那他人都不在谁来赔我啊", False), ("楼上邻居把我家泡了 他必须赔偿", False),
    # a demand on the listener is a complaint
    ("你们物业必须赔偿", True), ("他家漏的水 你们物业得赔我", True),
])
def test_compensation_owed_by_a_third_party_is_no_complaint(call_from, text: str, complaint: bool) -> None:
    call = call_from([("a", "您好 物业客服中心 请讲"), ("c", text), ("a", "好的 我们来协调")])
    assert _detect(call).is_complaint is complaint


# A grievance about a first matter is not where the complaint about a second matter starts
# ("还有一个事 …"); a grievance the customer keeps up is, however calmly they answer meanwhile.
_TWO_MATTERS = [
    ("a", "晚上好请问有什么可以帮您"),
    ("c", "我那个押金申请退了半个月了还没到账"),
    ("a", "您是说申请退押金半个月了还没有到账对吗"),
    ("c", "对两百九十九"),
    ("a", "麻烦您提供一下注册的手机号"),
    ("c", "幺三七幺幺零八四五六二"),
    ("a", "查到了原路退回到信用卡需要七到十五个工作日"),
    ("c", "还有一个事上周我停在蓝线里面还扣了我二十块调度费这个不合理吧"),
]


def test_complaint_about_a_second_matter_starts_there(call_from) -> None:
    info = _detect(call_from(_TWO_MATTERS))
    assert info.is_complaint and info.start_utterance == 7


def test_complaint_starts_at_the_first_grievance_of_the_same_matter(call_from) -> None:
    # the same calm answers in between, but the customer stays on the deposit: one grievance
    same = [*_TWO_MATTERS[:7], ("c", "七到十五个工作日这也太慢了吧这个不合理吧")]
    info = _detect(call_from(same))
    assert info.is_complaint and info.start_utterance == 1


@pytest.mark.parametrize("said", [
    "我买的那个奶粉半个月了物流一直显示清关中你们也不给个说法到底怎么回事",
    "都一个礼拜了连个说法都没有",
])
def test_no_answer_given_is_a_grievance(call_from, said) -> None:  # type: ignore[no-untyped-def]
    # field call 170: "不给个说法" is the grievance, not a negated demand
    info = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", said)]))
    assert info.is_complaint


def test_not_wanting_an_answer_is_no_complaint(call_from) -> None:  # type: ignore[no-untyped-def]
    info = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", "我不要什么说法 就是问问清关要多久")]))
    assert not info.is_complaint


def test_a_doctors_earlier_word_is_no_repeat_call(call_from) -> None:  # type: ignore[no-untyped-def]
    # field 211: a daughter rebooking for her father, calmly
    info = _detect(call_from([("a", "您好请问有什么可以帮您"),
                              ("c", "我想给我爸改一下心内科的号李主任上次说要带上最近的心电图报告"),
                              ("c", "他这两天人特别虚根本走不动")]))
    assert not info.repeat_call and not info.is_complaint
    again = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", "你们上次说三天内修好 到现在也没人来")]))
    assert again.repeat_call


def test_a_mistake_only_feared_is_no_repeat_and_one_guess_among_others_is_calm(call_from) -> None:
    """Field call 292: a calm customer asking about a tax refund stuck in review; "我自己弄怕又弄错"
    fears a mistake of her own, and "哪里填错了还是怎么回事" is a guess, not "怎么回事?!"."""
    calm = _detect(call_from([
        ("a", "您好请问有什么可以帮您"),
        ("c", "我想问一下退税一直在审核中 不知道是哪里填错了还是怎么回事"),
        ("a", "我帮您查一下"),
        ("c", "那你们打电话给我吧 我自己弄怕又弄错"),
    ]))
    assert not calm.repeat_call and not calm.is_complaint
    # the same words as a grievance still count: a mistake made again, and "怎么回事" asked outright
    again = _detect(call_from([("a", "您好"), ("c", "你们又弄错了 到底怎么回事")]))
    assert again.is_complaint


def test_a_calm_report_for_the_hotline_to_pass_on_is_no_complaint(call_from) -> None:
    # field call 339: strong words about the square dancers' music, asking the hotline to have it seen to
    report = ("我想反映一个情况公园小广场每天晚上跳广场舞音响开得特别大我家小孩晚上根本没法复习"
              "我也下去跟她们好好说过两次我也不想跟她们吵就是想请你们登记一下让有关部门管一管")
    assert not _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", report)])).is_complaint
    # the same strong words about the service are a complaint
    blamed = "我反映了两次你们根本不管音响开得特别大我家小孩晚上根本没法复习你们到底管不管"
    assert _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", blamed)])).is_complaint


def test_the_other_driver_calling_the_police_is_no_threat(call_from) -> None:
    # field call 344: "现在他在那边打电话叫人说要报警" after a crash
    info = _detect(call_from([("c", "现在他在那边打电话叫人说要报警我也不知道该怎么弄")]))
    assert "报警" not in info.threats and not info.is_complaint
    assert "报警" in _detect(call_from([("c", "你们再不给我解决我就报警")])).threats


# field call 406: a disputed charge the agent restated as a question, confirmed; the complaint comes later
DISPUTED_CHARGE = [
    ("c", "我这个月话费多扣了三十多块我也没订什么啊"),
    ("a", "您是说本月话费里有一笔三十多元的不明扣费想查一下是什么对吗"),
    ("c", "对"),
    ("a", "查到了是两项增值业务"),
    ("c", "我从来没订过你们乱扣费我要投诉"),
]


def test_a_grumble_taken_up_as_a_question_does_not_start_the_complaint(call_from) -> None:
    info = _detect(call_from(DISPUTED_CHARGE))
    assert info.is_complaint and info.start_utterance == 4


def test_the_customer_saying_it_only_asks_ends_the_look_back(call_from) -> None:
    # field call 396: "到现在都没来也没贴通知" / "就想问问什么时候能来水" … "不清楚你们这什么服务啊"
    info = _detect(call_from([
        ("c", "我们小区从下午两点多就停水了到现在都没来也没贴通知"),
        ("a", "好的滨河路阳光花园十二栋是吧"),
        ("c", "就想问问什么时候能来水"),
        ("a", "这个具体什么时候恢复我这边也不清楚"),
        ("c", "不清楚你们这什么服务啊停水不通知问了又不清楚"),
    ]))
    assert info.is_complaint and info.start_utterance == 4


def test_without_a_question_taken_up_the_complaint_starts_at_the_first_grumble(call_from) -> None:
    info = _detect(call_from([
        DISPUTED_CHARGE[0],
        ("a", "麻烦您提供一下机主姓名"),
        ("c", "王建国"),
        DISPUTED_CHARGE[3],
        DISPUTED_CHARGE[4],
    ]))
    assert info.is_complaint and info.start_utterance == 0


def test_displeasure_asked_about_is_a_question_and_the_complaint_starts_later(call_from) -> None:
    # field call 407: "我想问一下我这个话费 / 怎么这个月扣了这么多" is a question the agent takes up;
    # the complaint starts when the customer complains ("又给我扣了", "你们这不是乱扣费吗")
    turns = [("a", "请问有什么可以帮您", 5.3, 8.0), ("c", "我想问一下我这个话费", 9.9, 12.0),
             ("c", "怎么这个月扣了这么多", 12.4, 15.0), ("a", "请问您查询的是本机号码吗", 20.7, 24.0),
             ("c", "对", 24.5, 25.0), ("c", "结果这个月又给我扣了", 60.4, 64.0), ("c", "一百二十八", 64.2, 66.0),
             ("a", "是的您说", 67.0, 68.0), ("c", "你们这不是乱扣费吗", 70.8, 73.0)]
    info = _detect(call_from(turns))
    assert info.is_complaint and info.start_utterance == 5
    # field call 58: one question with a grumble in it, then a worry, is no complaint at all
    calm = _detect(call_from([("c", "喂你好我想问一下我家这个月水费怎么这么多啊"), ("a", "我帮您查一下"),
                              ("c", "哦是这样啊那我能不能看一下明细啊我怕它抄错了")]))
    assert not calm.is_complaint
    # the same grumble without the question frame, twice, still is one
    assert _detect(call_from([("c", "我家这个月水费怎么这么多啊"), ("a", "我帮您查一下"),
                              ("c", "我怕它抄错了")])).is_complaint


def test_the_service_found_bad_in_so_many_words_is_a_complaint(call_from) -> None:
    # field call 46: "你们这个服务也太差了吧" after an enquiry
    assert _detect(call_from([("c", "那我寄过去以后多久能处理完"), ("a", "这个不清楚"),
                              ("c", "你们这个服务也太差了吧")])).is_complaint
    # asking the hotline to look into it is no complaint
    assert not _detect(call_from([("c", "网速特别慢你们帮我看看怎么回事")])).is_complaint


def test_asking_whether_to_go_to_the_police_is_no_threat(call_from) -> None:
    # field call 408: a card stolen abroad, "那我在日本也要报警吗" after the agent's advice
    for text in ("那我在日本也要报警吗", "需不需要先报警啊"):
        info = _detect(call_from([("c", text)]))
        assert info.threats == () and not info.is_complaint, text
    assert "报警" in _detect(call_from([("c", "你们再不处理我就报警")])).threats
