"""Customer emotion per turn and its trend (CUS001)."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.emotion import Emotion, customer_emotions, emotion_trend

from .conftest import analyze_customer_turns


def _emotion(call_from, text: str):
    (e,) = customer_emotions(call_from([("c", text)]))
    return e


@pytest.mark.parametrize(("text", "emotion"), [
    # seed 001, in the traditional characters of the source
    ("我已經排了二十分鐘的隊了！你們究竟在做什麼？！這麼一點事情需要那麼長的時間嗎？！", Emotion.ANGRY),
    ("你們又把我的電話費算錯了！你們是不是搶錢啊！不然我就上消協告你們去！", Emotion.ANGRY),
    ("你们的服务太差劲了你们到底有没有信用啊我不管", Emotion.ANGRY),  # no punctuation (ASR)
    ("你们这是什么态度", Emotion.DISSATISFIED),
    ("等了两天了还没有消息", Emotion.DISSATISFIED),
    ("你们这群垃圾傻逼", Emotion.ABUSIVE),
    ("你有病吧", Emotion.ABUSIVE),
    ("好的谢谢您", Emotion.CALM),
    ("我想查一下话费", Emotion.CALM),
    # field call 392: a degree word inside "不满意", and a mess the technician left
    ("修是修好了就是后面这些事不太满意", Emotion.DISSATISFIED),
    ("墙上打孔那个灰也没给清理弄了一地", Emotion.DISSATISFIED),
])
def test_levels(call_from, text, emotion) -> None:
    assert _emotion(call_from, text).emotion is emotion


@pytest.mark.parametrize("text", ["我不生气就是问一下", "没有不满意挺好的", "也不算太差", "太好了太感谢了", "我的usb接口坏了"])
def test_negated_positive_and_ascii_lookalikes_stay_calm(call_from, text) -> None:
    e = _emotion(call_from, text)
    assert e.emotion is Emotion.CALM and e.score < 0.25


def test_cues_name_what_fired_and_spans_point_at_it(call_from) -> None:
    call = call_from([("c", "你们究竟什么时候能修好?!")])
    (e,) = customer_emotions(call)
    assert "究竟" in e.cues and "?!" in e.cues
    text = call.utterances[0].text
    assert all(text[s.start:s.end] == s.text for s in e.spans)
    # the same words without the exclamation score lower
    (plain,) = customer_emotions(call_from([("c", "你们究竟什么时候能修好")]))
    assert plain.score < e.score


def test_an_intensifier_alone_is_calm(call_from) -> None:
    assert _emotion(call_from, "到底是哪一天呀").emotion is Emotion.CALM


def test_only_customer_turns_are_scored(call_from) -> None:
    call = call_from([("a", "您好"), ("c", "太差劲了"), ("a", "非常抱歉"), ("c", "好吧")])
    assert [e.utterance for e in customer_emotions(call)] == [1, 3]


def test_trend_de_escalation(call_from) -> None:
    call = call_from([
        ("c", "你们究竟在做什么?!凭什么扣我钱!"),
        ("a", "非常抱歉给您带来不便"),
        ("c", "那你们到底什么时候能解决"),
        ("a", "两小时内给您回电"),
        ("c", "好的"),
        ("a", "感谢您的耐心"),
        ("c", "行那我等你们电话"),
        ("c", "谢谢再见"),
    ])
    trend = emotion_trend(customer_emotions(call))
    assert trend.start is Emotion.ANGRY and trend.peak is Emotion.ANGRY
    assert trend.end is Emotion.CALM and trend.de_escalated


def test_trend_escalation_is_not_de_escalation(call_from) -> None:
    call = call_from([("c", "我想问一下话费"), ("c", "嗯"), ("c", "好"), ("c", "什么态度"),
                      ("c", "凭什么啊太过分了!")])
    trend = emotion_trend(customer_emotions(call))
    assert trend.start is Emotion.CALM and trend.end is Emotion.ANGRY and not trend.de_escalated


def test_trend_of_no_turns() -> None:
    trend = emotion_trend(())
    assert (trend.start, trend.end, trend.peak, trend.de_escalated) == (Emotion.CALM,) * 3 + (False,)


# seed 001's four complaints, as the source writes them (traditional) and as ASR gives them
SEED_001 = [
    "你們又把我的電話費算錯了！我自己算的這個月的電話費最多200元，可你們的電話單上竟然有500元，"
    "你們是不是搶錢啊！我一定要你們給我解釋清楚不可。",
    "你們的服務太差勁了！你們在三個星期前就說很快能修好，可是到現在還沒有任何消息！你們到底有沒有信用啊？"
    "我不管！我今天一定要取到機子，否則你們就賠償我的全部損失！",
    "我已經排了二十分鐘的隊了！你們究竟在做什麼？！這麼一點事情需要那麼長的時間嗎？！",
    "這件事完全是你的責任，我覺得你非常不稱職！我現在要見你們經理，把你開除掉！",
]


def _unpunctuated(text: str) -> str:
    return "".join(ch for ch in text if ch not in "！？，。!?,.")


@pytest.mark.parametrize("text", SEED_001 + [_unpunctuated(t) for t in SEED_001])
def test_seed_001_complaints_are_angry_with_or_without_punctuation(call_from, text) -> None:
    assert _emotion(call_from, text).emotion is Emotion.ANGRY


@pytest.mark.parametrize(("text", "cue"), [
    ("气死我了", "气死我了"),
    ("你们这什么破服务", "什么破服务"),
    ("你们究竟在做什么", "你们究竟在做什么"),  # the seed's "?!" lost in ASR
    ("你们是不是不想干了", "不想干了"),  # "是不是" is a question, not a negation
])
def test_outbursts_are_angry_on_their_own(call_from, text, cue) -> None:
    e = _emotion(call_from, text)
    assert e.emotion is Emotion.ANGRY and cue in e.cues


def test_rhetorical_negation_still_counts(call_from) -> None:
    # an accusation asked back weighs like an anger word (field call 356), not like the bare "坑人" (0.3)
    asked_back = _emotion(call_from, "你们这不是坑人吗")
    assert asked_back.score >= 0.5 and any("坑人" in c for c in asked_back.cues)
    assert _emotion(call_from, "那办卡的人根本没跟我说这不是坑人吗").emotion is Emotion.ANGRY
    assert "坑人" not in _emotion(call_from, "我觉得你们不是坑人").cues
    assert "抢钱" in _emotion(call_from, "你们是不是抢钱啊").cues


@pytest.mark.parametrize("text", [
    "我上个星期就报修了到现在也没人联系我",  # long-pending, no anger word
    "宽带断了三天了都没人来修",
])
def test_pending_matters_are_dissatisfied(call_from, text) -> None:
    assert _emotion(call_from, text).emotion is not Emotion.CALM


@pytest.mark.parametrize("text", ["那我管你什么施工", "我管你们什么规定"])
def test_brushing_the_reason_aside_is_not_calm(call_from, text) -> None:
    # field call 263: "那我管你什么施工 / 不施工我今天这个会要是开不了…" answers the cause given
    assert _emotion(call_from, text).emotion is not Emotion.CALM


@pytest.mark.parametrize("text", ["不好意思有什么用啊", "光说对不起有什么用", "你们说这些有啥用我就要退款"])
def test_rejecting_the_apology_is_not_calm(call_from, text) -> None:
    assert _emotion(call_from, text).emotion is not Emotion.CALM


@pytest.mark.parametrize("text", [
    "这个功能有什么用", "请问这个卡有啥用",
    "请问怎么查话费", "好的谢谢", "我不生气", "你们最近在搞什么活动吗", "这个扣费是什么东西啊我看不懂",
    "我有一点小事想咨询一下", "请问这个按钮是干什么用的", "我不想投诉就是问问",
])
def test_calm_questions_stay_calm(call_from, text) -> None:
    assert _emotion(call_from, text).emotion is Emotion.CALM


@pytest.mark.parametrize("text", [
    "我们小区已经停水两天了，你们到底管不管啊！打了三次电话了每次都说在修在修，到底什么时候能修好！",
    "贴什么通知我根本没看到！你们就是不负责任！我家里有小孩，两天没洗澡了你知道吗！",
])
def test_shouted_demands_are_angry(call_from, text: str) -> None:
    e = _emotion(call_from, text)
    assert e.emotion is Emotion.ANGRY and e.score >= 0.6


def test_label_and_score_agree_across_turns(call_from) -> None:
    call = call_from([
        ("c", "你们到底管不管啊！到底什么时候能修好！"),
        ("c", "我要投诉你，我要打市长热线"),
        ("c", "你们这服务太差了，一直没有人处理，等了半天了，什么态度"),  # no anger-grade cue
        ("c", "你们到底什么时候能修好"),
    ])
    emotions = customer_emotions(call)
    for e in emotions:
        if e.emotion is Emotion.ANGRY:
            assert e.score >= 0.6
        elif e.emotion is Emotion.DISSATISFIED:
            assert 0.25 <= e.score < 0.6
    assert emotions[2].emotion is Emotion.DISSATISFIED
    assert emotions[3].emotion is not Emotion.ANGRY  # a 到底 question, not shouted


@pytest.mark.parametrize(("text", "expected"), [
    # the insult aimed at the agent or the company
    ("你们就是骗子", "abusive"),
    ("你们都是骗子", "abusive"),
    ("你们这帮骗子", "abusive"),
    ("骗子公司", "abusive"),
    ("骗子", "abusive"),
    # a suspicion asked, or an accusation of helping one: displeasure, no abuse
    ("你们不会也是骗子吧", "dissatisfied"),
    ("你们这就是帮骗子卖假票", "dissatisfied"),
    # the scammer is someone else: no abuse at all
    ("啊真的是骗子啊", "calm"),
    ("刚才那个人是骗子吗", "calm"),
])
def test_scammer_word_is_abuse_only_when_aimed_at_the_listener(text: str, expected: str) -> None:
    from hotline_qa.analyzers.analysis import analyze
    from hotline_qa.ingest.dialogue_text import parse_dialogue

    call = parse_dialogue(f"坐席：您好请问有什么可以帮您\n客户：{text}\n坐席：好的", source="t")
    assert analyze(call).emotions[0].emotion.value == expected


@pytest.mark.parametrize(("text", "abusive"), [
    # 就是/一帮 before the insult aim it at the subject of the clause: the listener…
    ("你们就是骗子", True), ("你就是骗子", True), ("你们公司就是骗子", True), ("你们就是一帮骗子", True),
    ("你们那个客服就是骗子", True), ("你们的工作人员就是骗子", True), ("一帮骗子还好意思让我等", True),
    ("你就是个骗子", True), ("就是骗子", True),
    # …or a third party the customer reports: no abuse of the agent
    ("那个人就是骗子", False), ("他就是个骗子", False), ("打电话那个就是骗子", False), ("那个男的就是骗子", False),
    ("对方就是骗子", False), ("快递员就是骗子", False), ("我跟你讲他就是骗子", False), ("被那帮骗子骗了", False),
    ("那个骗子公司打电话给我", False), ("那个人纯纯骗子", False), ("这就是骗子", False),
    # raw ASR without stops: the turn named the listener earlier and nobody else since
    ("你们这什么破酒店订好的房间没了一群骗子", True), ("你们这个服务真是一群骗子干的", True),
    ("你知道吗隔壁小区来了一伙骗子", False), ("你们楼下来了一伙骗子", False),
    ("我跟你说那个快递员就是一群骗子", False),
])
def test_jiushi_aims_the_insult_at_the_clause_subject(text: str, abusive: bool) -> None:
    e = analyze_customer_turns([text]).emotions[0]
    assert (e.emotion is Emotion.ABUSIVE) is abusive, e


@pytest.mark.parametrize(("text", "expected"), [
    # a rude demand for plain words after a jargon word (field call 237): angry, not abuse
    ("什么E什么D 你说人话我听不懂", "dissatisfied"), ("我听不懂你讲人话行不行", "dissatisfied"),
    # the insult itself stays abuse, also asked A-not-A ("会不会" is no negation)
    ("你说的是人话吗", "abusive"), ("你会不会说人话", "abusive"), ("你能不能说人话", "abusive"),
])
def test_asking_for_plain_words_is_rude_not_abuse(text: str, expected: str) -> None:
    assert analyze_customer_turns([text]).emotions[0].emotion.value == expected


@pytest.mark.parametrize(("text", "own"), [
    # a third party's words the customer reports (field call 116): the scammer's promise, not a demand
    ("是有一个说我的快递丢了要赔我让我加一个QQ", False), ("有个男的跟我说要赔我", False),
    ("对方说我的包裹丢了要给我赔偿", False), ("一个女的说我的快递丢了", False),
    # the customer's own demand, and reports that name the listener or its staff, still count
    ("你们把我快递弄丢了必须赔我", True), ("我妈说你们这个是骗人的", True), ("师傅说下午来等了一下午没人来", True),
    ("对方说我的快递丢了要赔我我气死了", True),
])
def test_reported_words_of_a_third_party_are_not_the_customers(text: str, own: bool) -> None:
    a = analyze_customer_turns([text])
    assert (a.emotions[0].emotion is not Emotion.CALM) is own, a.emotions[0]
    if not own:
        assert not a.complaint.is_complaint


@pytest.mark.parametrize(("text", "upset"), [
    # the customer's own failed attempt is a request for help, not a wait on the service
    ("我弄了半天也没弄好 你教我一下", False), ("我自己搞了半天 不会弄 你教教我", False),
    # a wait on the service, or an effort the service made the customer spend, still counts
    ("我等了半天也没人接", True), ("你们让我弄了半天", True), ("你们搞了半天还没修好", True),
])
def test_own_effort_is_not_a_wait_on_the_service(call_from, text: str, upset: bool) -> None:
    assert (_emotion(call_from, text).emotion is not Emotion.CALM) is upset


@pytest.mark.parametrize(("text", "venting"), [
    # disputing with what the service said (field call 122): two cues, high enough to vent
    ("这不合理啊你们课程顾问当时明明白白跟我说的十五天无理由", True),
    ("你们客服明明跟我说的可以退 这不合理", True),
    # one mild cue alone, or a thankful "清清楚楚", is not venting
    ("这个扣费不合理", False), ("你刚才清清楚楚跟我说了步骤 谢谢", False),
])
def test_insisting_on_what_was_said_adds_to_the_dispute(call_from, text: str, venting: bool) -> None:
    assert (_emotion(call_from, text).score >= 0.5) is venting


@pytest.mark.parametrize(("text", "upset"), [
    ("什么叫你们不清楚 课程顾问不是你们公司的人吗", True), ("什么叫我自己的问题", True),
    ("什么叫预授权", False), ("什么叫做年费 我不太懂", False),
])
def test_throwing_the_agents_words_back_is_displeasure(call_from, text: str, upset: bool) -> None:
    assert (_emotion(call_from, text).emotion is not Emotion.CALM) is upset


@pytest.mark.parametrize(("text", "angry_cue"), [
    # compensation owed by a third party the turn names (field call 118): no grievance against us
    ("那他人都不在谁来赔我啊", False), ("你们找到他让他赔我", False), ("楼上把我家淹了 他必须赔我", False),
    # owed by the listener: named alone, or after the third party
    ("你们把我快递弄丢了必须赔我", True), ("他家漏的水 你们物业得赔我", True), ("其他的不说 你们得赔我", True),
])
def test_compensation_owed_by_a_third_party_is_not_anger(call_from, text: str, angry_cue: bool) -> None:
    assert ("赔我" in _emotion(call_from, text).cues) is angry_cue


@pytest.mark.parametrize(("text", "upset"), [
    ("喂你们怎么送的快递啊", True),  # field call 362: the service blamed for the damage
    ("你们是怎么修的 又漏了", True),
    ("你们一般怎么处理的", False),  # asking how it is done
    ("修了跟没修一样你们这什么服务啊", True),  # field call 358
    ("等于没修", True),
    ("饭全凉了汤也洒了一半这还怎么吃", True),  # field call 369
    ("这个怎么用啊", False),  # a question about use
    ("这个卡还怎么用的 我不太会", False),
])
def test_blame_for_the_fault_is_displeasure(call_from, text: str, upset: bool) -> None:
    assert (_emotion(call_from, text).emotion is not Emotion.CALM) is upset


def test_accusation_asked_back_after_the_asr_cut_off_its_subject(call_from) -> None:
    # field call 421: "三十个工作日你们这" / "不是糊弄人吗我" — the second sentence read calm
    assert _emotion(call_from, "不是糊弄人吗我").emotion is not Emotion.CALM
    # a plain denial is no accusation
    assert _emotion(call_from, "不是骗人的").emotion is Emotion.CALM
