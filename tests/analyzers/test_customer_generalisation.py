"""Generalisation of the customer-turn analyzers to fresh, messy spoken Mandarin.

A labelled set of single customer turns in raw ASR style (no punctuation, fillers, homophone
slips such as 偷诉, traditional characters, dialect words: 咋整, 忒, 搞么子, 侬, 憨批, 瓜娃子),
written and labelled by hand BEFORE any change to the analyzers, to measure how far the word
lists carry to wording nobody listed. Each turn is analysed as a one-turn call (after a neutral
agent greeting). Labels: ``calm`` (including calm but negative-sounding facts, polite persistence,
jokes, thanks, hearsay checked with the hotline, "怎么投诉" asked as information), ``dissatisfied``,
``angry``, ``abusive`` (insults and curses, also disguised: "sb", "nmd", "md", 妈的, 卧槽); flags:
``threat`` (the customer means to go outside: a regulator by any name, media, lawyers, posting
online) and ``repeat`` (an earlier call about the same matter).

A turn counts as right when its emotion is in the labelled class (calm / upset = dissatisfied or
angry / abusive) and, for calm turns, no threat is read; a threat turn needs a threat and high
risk; a repeat turn needs the repeat-call flag and its emotion class.

Measured with the code before the structural frames (development set, 96 turns):
calm 28/30, dissatisfied 5/23, angry 3/13, abusive 3/12, threat 7/12, repeat 0/6 — 46/96.
After (analyzers/emotion.py frames, complaint.py earlier-call patterns, lexicon categories):
calm 30/30, dissatisfied 22/23, angry 13/13 (exact level 6/13), abusive 12/12, threat 12/12,
repeat 6/6 — 95/96. The final held-out set (FINAL, below) was written at the same time as the
development set and measured only once, after the fixes: see the note above it.
"""

from __future__ import annotations

import pytest

from hotline_qa.analyzers import emotion
from hotline_qa.analyzers.analysis import Analysis
from hotline_qa.analyzers.emotion import Emotion, anchored_frames, customer_emotions, turn_emotion
from hotline_qa.core.call import Role

from .conftest import analyze_customer_turns, make_call

_CLASS = {"calm": "calm", "dissatisfied": "upset", "angry": "upset", "abusive": "abusive"}

# (id, emotion label, flag, text); flag "" | "threat" | "repeat"
DEV: list[tuple[str, str, str, str]] = [
    ("gc01", "calm", "", "喂你好那个我上个月就办了那个过户了想问下进度咋样了"),
    ("gc02", "calm", "", "嗯就是那个我宽带装好了挺快的师傅人也挺好谢谢你们啊"),
    ("gc03", "calm", "", "我想问一下怎么投诉啊就是我想了解下流程是咋样的"),
    ("gc04", "calm", "", "没事没事不是你的问题你别紧张我就是问问"),
    ("gc05", "calm", "", "不着急啊你们慢慢弄我这边不赶时间的"),
    ("gc06", "calm", "", "那个我妈说你们这个是骗人的我说不会吧所以打来问问是不是真的"),
    ("gc07", "calm", "", "哈哈你这小姑娘说话真逗行那我就等着了"),
    ("gc08", "calm", "", "我知道这个不是你们能决定的没关系我理解的"),
    ("gc09", "calm", "", "请问一下12315的电话是多少啊我帮我妈问的她在外面商场买的电饭锅有问题"),
    ("gc10", "calm", "", "我是做律师的想问下你们这个合同模板在哪里下载"),
    ("gc11", "calm", "", "麻烦你再帮我查一下吧我知道你们也挺忙的不好意思啊"),
    ("gc12", "calm", "", "那个我再问一遍啊不好意思就是那个补贴到底啥时候发"),
    ("gc13", "calm", "", "好滴好滴谢谢侬啊"),
    ("gc14", "calm", "", "咋整啊我这个密码输错三次给锁了"),
    ("gc15", "calm", "", "喔这样子喔那我晚点再打过来好了"),
    ("gc16", "calm", "", "我不是生你的气啊就是这个事把我搞得有点头大"),
    ("gc17", "calm", "", "电视台那个节目上说可以免费换表是真的吗我想问问"),
    ("gc18", "calm", "", "上回那个师傅来修得挺好的这次还能找他吗"),
    ("gc19", "calm", "", "我先生气管炎犯了想问下附近哪个药店晚上开门"),
    ("gc20", "calm", "", "我这个投诉的单子已经处理好了就是跟你们说一声谢谢"),
    ("gc21", "calm", "", "那个垃圾桶坏了想报修一下就在小区门口"),
    ("gc22", "calm", "", "没有没有你们服务挺好的我不投诉"),
    ("gc23", "calm", "", "能不能快一点呀我家老人等着用水呢麻烦了"),
    ("gc24", "calm", "", "行吧那也没办法就按你说的来吧谢谢你"),
    ("gc25", "calm", "", "我朋友在媒体工作他说你们这个活动挺火的我也想参加"),
    ("gc26", "calm", "", "真的太感谢你了忙活半天终于弄好了"),
    ("gc27", "calm", "", "嗯嗯对的就是那个尾号四五六七的卡"),
    ("gc28", "calm", "", "你们这个月的账单出来了没我想看看扣了多少"),
    ("gc29", "calm", "", "我之前在抖音上看到你们有个优惠活动现在还能办吗"),
    ("gc30", "calm", "", "呃那个我在金融监管局上班的想查一下我自己的信用卡账单"),
    ("gu01", "dissatisfied", "", "我说你们这个网速也忒慢了吧看个视频卡半天"),
    ("gu02", "dissatisfied", "", "都一礼拜了师傅还没来到底咋回事嘛"),
    ("gu03", "dissatisfied", "", "这个月话费咋又多了这么些钱谁给我开的业务我压根就没开过"),
    ("gu04", "dissatisfied", "", "说了多少遍了我家地址不是这个你们咋老是记错"),
    ("gu05", "dissatisfied", "", "你们这啥服务啊打个电话转了四五个人"),
    ("gu06", "dissatisfied", "", "真的很离谱诶充的钱没到账客服也不回"),
    ("gu07", "dissatisfied", "", "我跟你说这个事情真的是让人心寒交了那么多年的钱"),
    ("gu08", "dissatisfied", "", "你们这个app做得真是烂啊登都登不上"),
    ("gu09", "dissatisfied", "", "我就想不通了为啥别人都能办我就不能办"),
    ("gu10", "dissatisfied", "", "每个月都扣我五块钱的什么彩铃我从来没用过"),
    ("gu11", "dissatisfied", "", "咋整的嘛你们这个水又黄了还有股味"),
    ("gu12", "dissatisfied", "", "你们这也太不靠谱了吧约好的时间人又不来"),
    ("gu13", "dissatisfied", "", "我很不爽啊你们这么搞"),
    ("gu14", "dissatisfied", "", "搞么子名堂哦电表走得飞快"),
    ("gu15", "dissatisfied", "", "真心累了为了这点事跑了好多地方"),
    ("gu16", "dissatisfied", "", "你们能不能上点心啊一个地址都能送错"),
    ("gu17", "dissatisfied", "", "反正我对你们这个处理结果没法接受"),
    ("gu18", "dissatisfied", "", "这叫什么事儿啊钱花了网也用不了"),
    ("gu19", "dissatisfied", "", "一直说在处理在处理都处理了半个月了"),
    ("gu20", "dissatisfied", "", "你们客服都是机器人吧说半天啥也整不明白"),
    ("gu21", "dissatisfied", "", "太让人寒心了这种事情怎么可以这样子处理呢"),
    ("gu22", "dissatisfied", "", "老是这样今天断明天断的谁受得了啊"),
    ("gu23", "dissatisfied", "", "我跟你讲你们这个收费就是不透明"),
    ("gu24", "angry", "", "你们到底还要我怎样啊我都跑了三趟了"),
    ("gu25", "angry", "", "凭啥啊凭啥扣我钱你给我说清楚"),
    ("gu26", "angry", "", "有没有搞错啊都半个月了一个电话都没有我真的要疯了"),
    ("gu27", "angry", "", "我告诉你今天这事不解决我就不挂电话"),
    ("gu28", "angry", "", "你们这跟明抢有什么区别"),
    ("gu29", "angry", "", "我真的忍不了了天天停电这是人干的事吗"),
    ("gu30", "angry", "", "你们就是一帮骗钱的"),
    ("gu31", "angry", "", "到底有没有人能管管啊我都快崩溃了"),
    ("gu32", "angry", "", "别跟我扯这些没用的我就要个结果"),
    ("gu33", "angry", "", "我气得手都在抖你们这什么公司啊"),
    ("gu34", "angry", "", "你们这样做就是欺诈我一分钱都不会交"),
    ("gu35", "angry", "", "说了八百遍了还让我等等等等到猴年马月啊"),
    ("gu36", "angry", "", "简直是胡闹嘛这么大的公司干这种事"),
    ("ga01", "abusive", "", "你们都是sb吗"),
    ("ga02", "abusive", "", "tmd又扣我钱"),
    ("ga03", "abusive", "", "nmd什么破玩意儿"),
    ("ga04", "abusive", "", "妈的又断网了"),
    ("ga05", "abusive", "", "卧槽你们这也太坑了吧"),
    ("ga06", "abusive", "", "你个憨批听不懂嗦"),
    ("ga07", "abusive", "", "你们这群吸血的混账东西"),
    ("ga08", "abusive", "", "md你们能不能干点人事"),
    ("ga09", "abusive", "", "你们是一群猪吧"),
    ("ga10", "abusive", "", "傻叉客服就会说对不起"),
    ("ga11", "abusive", "", "你说的是人话吗"),
    ("ga12", "abusive", "", "他奶奶的又涨价"),
    ("gt01", "dissatisfied", "threat", "我要去工信部投诉你们"),
    ("gt02", "dissatisfied", "threat", "你们等着我直接打一二三一五"),
    ("gt03", "dissatisfied", "threat", "我找律师跟你们打官司"),
    ("gt04", "dissatisfied", "threat", "不行我就去金融监管局反映"),
    ("gt05", "dissatisfied", "threat", "我要把这个事情发抖音让大家看看你们怎么对待老百姓"),
    ("gt06", "dissatisfied", "threat", "我要上微博让网友评评理"),
    ("gt07", "dissatisfied", "threat", "我要找报社的朋友把你们这事登出来"),
    ("gt08", "dissatisfied", "threat", "那我只好去银保监会投诉了"),
    ("gt09", "dissatisfied", "threat", "我录音了啊到时候放到网上去"),
    ("gt10", "dissatisfied", "threat", "我要在小红书上发出来让大家避雷"),
    ("gt11", "dissatisfied", "threat", "你们不处理我就到消协去"),
    ("gt12", "dissatisfied", "threat", "那我去通管局偷诉你们"),
    ("gr01", "calm", "repeat", "我记得我上礼拜好像打过一次电话了没事你再帮我登记一下吧"),
    ("gr02", "dissatisfied", "repeat", "这都第四回打你们电话了"),
    ("gr03", "calm", "repeat", "我前天来过电话了说好今天回我的我再问问"),
    ("gr04", "dissatisfied", "repeat", "同样的问题我反映好多回了"),
    ("gr05", "calm", "repeat", "我昨天打过来那个小姑娘说今天会有人联系我"),
    ("gr06", "dissatisfied", "repeat", "又是我啊还是那个宽带的事一直没弄好"),
]


def _verdict(label: str, flag: str, a: Analysis) -> bool:
    e, c = a.emotions[0], a.complaint
    if flag == "threat":
        return bool(c.threats) and c.risk == "high"
    if flag == "repeat":
        return c.repeat_call and _CLASS[e.emotion.value] == _CLASS[label]
    if label == "calm":
        return e.emotion is Emotion.CALM and not c.threats
    return _CLASS[e.emotion.value] == _CLASS[label]


# Known misses (strict: a fix must move them out), with the reason. (gu20, "说半天啥也整不明白", is
# read since round 10 by the "futile" frame: talk that got nowhere, with verbs of talk only.)
DEV_XFAIL: dict[str, str] = {}


def _params(items: list[tuple[str, str, str, str]], xfail: dict[str, str]) -> list[object]:
    return [pytest.param(label, flag, text, id=cid,
                         marks=[pytest.mark.xfail(strict=True, reason=xfail[cid])] if cid in xfail else [])
            for cid, label, flag, text in items]


@pytest.mark.parametrize("label, flag, text", _params(DEV, DEV_XFAIL))
def test_development_set(label: str, flag: str, text: str) -> None:
    a = analyze_customer_turns([text])
    assert _verdict(label, flag, a), (a.emotions[0], a.complaint.threats, a.complaint.repeat_call)


# --- one test per structural cue, with the look-alikes that must not change

@pytest.mark.parametrize("text, cue", [
    ("这网速也忒慢了吧", "忒慢"), ("你们这个app真是烂啊", "真是烂"), ("这么慢谁受得了啊", "这么慢"),
    ("说了多少遍了地址不对", "说了多少遍"), ("这都第三回了", "都第三回"), ("都修了俩礼拜了", "都修了俩礼拜了"),
    ("宽带一直没修好", "一直没修好"), ("咋又多了这么多钱", "咋又"), ("老是这样谁受得了", "老是这样"),
    ("这叫什么事啊", "这叫什么事"), ("你们这什么服务啊", "你们这什么服务"), ("钱花了网也用不了", "钱花了网也用不了"),
    ("每个月扣我钱那个业务我压根没开过", "压根没开过"),
])
def test_displeasure_frames(text: str, cue: str) -> None:
    e = analyze_customer_turns([text]).emotions[0]
    assert e.emotion is not Emotion.CALM
    assert cue in e.cues


@pytest.mark.parametrize("text", [
    "不着急你们慢慢来", "差不多就这样吧谢谢", "我出差了下周回来", "门口的垃圾桶坏了", "我一直用你们的宽带挺好的",
    "一直没来得及办今天想办一下", "我又来麻烦你了", "我天天用这个app", "这叫什么名字来着", "你们这是什么业务啊",
    "我从来没办过信用卡想问问怎么申请", "一百九十九的太贵了我想换成五十九的", "好的麻烦你了",
])
def test_displeasure_look_alikes_stay_calm(text: str) -> None:
    assert analyze_customer_turns([text]).emotions[0].emotion is Emotion.CALM


@pytest.mark.parametrize("text", [
    "我真的要疯了", "我气得手都在抖", "你们到底还要我怎样", "这是人干的事吗", "你们就是一帮骗钱的",
    "别跟我扯这些", "今天不解决我就不挂电话", "你给我说清楚",
])
def test_anger_frames_make_a_complaint(text: str) -> None:
    a = analyze_customer_turns([text])
    assert a.emotions[0].emotion in (Emotion.DISSATISFIED, Emotion.ANGRY)
    assert a.complaint.is_complaint  # an anger frame is a complaint signal on its own


@pytest.mark.parametrize("text", [
    "天气得好几天才能好", "客气得很谢谢", "麻烦你给我讲清楚一点我没听懂", "我怕被骗想确认一下是不是你们的客服",
    "我先生气管炎犯了想问下哪里有药店", "那我先挂了谢谢",
])
def test_anger_look_alikes_stay_calm(text: str) -> None:
    assert analyze_customer_turns([text]).emotions[0].emotion is Emotion.CALM


@pytest.mark.parametrize("text", ["妈的又断网了", "他奶奶的又涨价", "你们是一群猪吧", "nmd什么玩意", "md又扣钱",
                                  "卧槽你们这也太坑了", "你个憨批", "你说的是人话吗"])
def test_curses_and_insults_are_abuse(text: str) -> None:
    assert analyze_customer_turns([text]).emotions[0].emotion is Emotion.ABUSIVE


@pytest.mark.parametrize("text", ["我妈的医保卡丢了想补办", "给他奶奶的卡充值", "我们村里养了一群猪想问下补贴",
                                  "你们这帮人挺热心的", "我的md5校验码对不上", "吃了个西瓜皮滑了一跤",
                                  "你说的是人话吗哈哈开个玩笑"])
def test_abuse_look_alikes_are_not_abuse(text: str) -> None:
    assert analyze_customer_turns([text]).emotions[0].emotion is not Emotion.ABUSIVE


def test_a_joke_taken_back_is_calm_but_are_you_kidding_is_not() -> None:
    assert analyze_customer_turns(["我都等了三天了哈哈开玩笑的其实不急"]).emotions[0].emotion is Emotion.CALM
    assert analyze_customer_turns(["开玩笑吧等了三天了"]).emotions[0].emotion is not Emotion.CALM


@pytest.mark.parametrize("text", ["我要去交通局投诉你们这个事", "不行我就去区里的交通运输局反映", "我要放到网上去",
                                  "我要在小红书上发出来让大家避雷", "我要上微博让网友评评理"])
def test_threat_frames_read_any_authority_or_outlet(text: str) -> None:
    c = analyze_customer_turns([text]).complaint
    assert c.threats and c.risk == "high"


@pytest.mark.parametrize("text", ["请问怎么向交通局投诉", "我在交通局上班想问下公积金", "我去税务局办个证明",
                                  "我在抖音上看到你们的活动", "我要发个朋友圈说一下你们服务好",
                                  "我去营业厅投诉那个店员", "我跟居委会反映过了"])
def test_threat_look_alikes_are_no_threat(text: str) -> None:
    assert analyze_customer_turns([text]).complaint.threats == ()


@pytest.mark.parametrize("text, repeat", [("我上礼拜打过一次电话了", True), ("我前天来过电话了", True),
                                          ("我昨天打过来那个小姑娘说今天回我", True), ("又是我啊还是那个事", True),
                                          ("同样的问题我反映好多回了", True), ("我是第一次打你们电话", False),
                                          ("我昨天打过电话给物业了", False), ("我来过一次营业厅", False)])
def test_earlier_calls(text: str, repeat: bool) -> None:
    assert analyze_customer_turns([text]).complaint.repeat_call is repeat


def test_hearsay_from_kin_checked_with_the_hotline_is_calm() -> None:
    a = analyze_customer_turns(["我妈说你们这个是骗人的我说不会吧所以打来问问是不是真的"])
    assert a.emotions[0].emotion is Emotion.CALM
    assert analyze_customer_turns(["我妈说你们这个是骗人的"]).emotions[0].emotion is not Emotion.CALM


@pytest.mark.parametrize("text, upset", [
    ("说半天啥也整不明白", True), ("说了半天也没说清楚", True), ("讲了半天等于没讲", True), ("解释了老半天还是不清楚", True),
    ("要是你你愿意吗", True), ("换成你你能接受吗", True), ("搁你身上你乐意啊", True),
    ("说了半天还是没太明白不好意思麻烦再讲一遍", False), ("你说了半天我终于明白了谢谢", False), ("忙活半天终于弄好了", False),
    ("如果是你你会选哪个套餐", False), ("要是你愿意的话可以加我微信", False), ("我啥也弄不明白你教教我", False),
])
def test_futile_talk_and_in_my_shoes(text: str, upset: bool) -> None:
    assert (analyze_customer_turns([text]).emotions[0].emotion is not Emotion.CALM) is upset


def test_a_frame_after_a_negated_clause_still_counts() -> None:
    # "一个电话都没有 我真的要疯了": the 没有 ends the clause before, it does not negate the frame
    e = analyze_customer_turns(["都半个月了一个电话都没有我真的要疯了"]).emotions[0]
    assert "我真的要疯了" in e.cues


# --- final held-out set: written with the development set, before any change, and measured ONCE
# after the fixes above: calm 7/8, dissatisfied 4/5, angry 2/4, abusive 2/4, threat 4/4, repeat 1/2 —
# 20/27 (the code before the frames: 17/27). Misses: "如果要投诉的话找哪个部门" read as a threat; "整得我
# 一肚子火", "必须给我个准话不然我不挂", "都俩月了退款还没下来" calm; "你们这帮废柴", "你是不是傻啊" not
# abuse; "上个月也打电话说过一次" no repeat call. Fixed afterwards, each by its family (tests below):
# an imagined complaint, anger idioms, "不然/否则" ultimatums, a herd noun, the addressee called
# stupid, months of waiting with what is still not done, an earlier call told with "打电话".
FINAL: list[tuple[str, str, str, str]] = [
    ("fc01", "calm", "", "那个我上周就交了材料了想问一下审核到哪一步了"),
    ("fc02", "calm", "", "没关系没关系我知道你们也是按规定办事"),
    ("fc03", "calm", "", "哎呀太好了终于通了谢谢你们啊"),
    ("fc04", "calm", "", "我就是想了解一下如果要投诉的话找哪个部门"),
    ("fc05", "calm", "", "师傅说明天上午来是吧那行我在家等着"),
    ("fc06", "calm", "", "我表姐说你们这边办这个特别坑我不太信就问问"),
    ("fc07", "calm", "", "嗯嗯不用不用我自己去营业厅就行了麻烦你了"),
    ("fc08", "calm", "", "你们的热线真难打哈哈不过总算打通了我想问个事"),
    ("fu01", "angry", "", "这个事儿整得我真是一肚子火"),
    ("fu02", "dissatisfied", "", "你们那个工作人员态度忒差了爱搭不理的"),
    ("fu03", "dissatisfied", "", "都俩月了退款还没下来"),
    ("fu04", "dissatisfied", "", "又给我多扣了三十块这算怎么回事"),
    ("fu05", "angry", "", "你们还讲不讲道理啊我交了钱凭什么不给用"),
    ("fu06", "dissatisfied", "", "我真的是无语死了一个证明要开半个月"),
    ("fu07", "angry", "", "今天你必须给我个准话不然我不挂"),
    ("fu08", "dissatisfied", "", "你们是不是觉得我好糊弄啊"),
    ("fu09", "angry", "", "我一家老小等着用电你们倒好一拖再拖"),
    ("fa01", "abusive", "", "你们这帮废柴"),
    ("fa02", "abusive", "", "nnd又是忙音"),
    ("fa03", "abusive", "", "你是不是傻啊这都不知道"),
    ("fa04", "abusive", "", "滚你妈的蛋"),
    ("ft01", "dissatisfied", "threat", "我要去12315把你们告了"),
    ("ft02", "dissatisfied", "threat", "我直接找你们总部再不行就找媒体"),
    ("ft03", "dissatisfied", "threat", "我会在网上把你们的事都发出来"),
    ("ft04", "dissatisfied", "threat", "这事我要向市场监督管理局反映"),
    ("fr01", "calm", "repeat", "这个问题我上个月也打电话说过一次"),
    ("fr02", "dissatisfied", "repeat", "我这都打了第五个电话了还是没人管"),
]


@pytest.mark.parametrize("label, flag, text", _params(FINAL, {}))
def test_final_held_out_set(label: str, flag: str, text: str) -> None:
    a = analyze_customer_turns([text])
    assert _verdict(label, flag, a), (a.emotions[0], a.complaint.threats, a.complaint.repeat_call)


@pytest.mark.parametrize("text, threat", [("如果要投诉的话找哪个部门", False), ("我想了解一下要投诉找谁", False),
                                          ("要是投诉的话需要什么材料", False), ("如果不行我就投诉", True),
                                          ("再不处理我就要投诉你们", True)])
def test_an_imagined_complaint_is_no_threat(text: str, threat: bool) -> None:
    assert bool(analyze_customer_turns([text]).complaint.threats) is threat


@pytest.mark.parametrize("text", ["这事整得我一肚子火", "我现在是火不打一处来", "必须给我个说法不然我不挂",
                                  "今天办不好否则我就赖在这"])
def test_anger_idioms_and_ultimatums(text: str) -> None:
    assert analyze_customer_turns([text]).complaint.is_complaint


@pytest.mark.parametrize("text, emotion", [("你们这帮废柴", Emotion.ABUSIVE), ("你是不是傻啊", Emotion.ABUSIVE),
                                           ("你们蠢吧", Emotion.ABUSIVE), ("我是不是傻啊密码又忘了", Emotion.CALM),
                                           ("你傻傻分不清也没关系我教你", Emotion.CALM)])
def test_the_addressee_called_stupid(text: str, emotion: Emotion) -> None:
    assert analyze_customer_turns([text]).emotions[0].emotion is emotion


@pytest.mark.parametrize("text, upset", [("都俩月了退款还没下来", True), ("都两年了还是这个样子", True),
                                         ("孩子都俩月了想问下疫苗", False), ("我都三个月了还能办吗", False)])
def test_months_of_waiting_need_what_is_still_not_done(text: str, upset: bool) -> None:
    assert (analyze_customer_turns([text]).emotions[0].emotion is not Emotion.CALM) is upset


def test_an_earlier_call_told_with_da_dianhua() -> None:
    assert analyze_customer_turns(["这个问题我上个月也打电话说过一次"]).complaint.repeat_call
    assert not analyze_customer_turns(["我上个月打电话给物业他们说不归他们管"]).complaint.repeat_call
    # "来之前会打电话吗": 之前 is "before", and the call is yet to come (field call 72)
    assert not analyze_customer_turns(["那抄表的来之前会打电话吗"]).complaint.repeat_call


def test_a_firm_request_is_no_unreasonable_demand() -> None:
    # field call 80: "我就要五十九的" insists on a plan, it demands no redress (customer type 0, not 4)
    a = analyze_customer_turns(["你好我想把套餐降一下一百九十九的太贵了我想换成五十九的", "我就要五十九的",
                                "我说了不需要我就要五十九的你们怎么老是推销啊"])
    assert a.customer_type.type_id != 4
    b = analyze_customer_turns(["你们这什么破服务", "别跟我解释了我就要退款", "今天必须给我办"])
    assert b.customer_type.type_id in (3, 4)


# --- the anchors that spare most turns a regex search

_ALL_TEXTS = [t for *_, t in DEV + FINAL]


def test_every_frame_holds_an_anchor() -> None:
    for text in _ALL_TEXTS:
        anchored = anchored_frames(text.lower())
        for i, (name, _, pattern) in enumerate(emotion._FRAMES):
            if pattern.search(text.lower()):
                assert i in anchored, (name, text)


def test_batched_anchors_give_what_each_turn_gives_alone() -> None:
    turns = [("a", "您好")] + [("c", t) for t in _ALL_TEXTS[:60:3]] + [("c", "好的")]
    call = make_call(turns)
    batched = customer_emotions(call)
    alone = tuple(turn_emotion(u) for u in call.utterances if u.role is Role.CUSTOMER)
    assert batched == alone
    assert any(e.emotion is not Emotion.CALM for e in batched)
