"""The customer's emotion per turn (CUS001) from lexicon and intensity cues.

Each customer turn gets one of four levels — calm, dissatisfied, angry, abusive — a score
in 0..1 and the cues that fired. The score adds up weighted cues: dissatisfaction words,
anger words, intensifiers (究竟, 到底, 简直, "太…了"), exclamations ("!!", "?!"), threats,
and "waited twenty minutes" complaints; abuse decides on its own. A negation right before
a cue cancels it ("不生气", "没有不满意"). Unpunctuated ASR text works: punctuation only
adds to the score, it is never required. Irony ("我真是谢谢你们了", "呵呵", "可真厉害") counts only
beside another cue of displeasure in the turn; hearsay the customer calls to check ("他们说你们是
骗子 我不信 打过来确认一下") does not count. Beside the word lists, structural frames built from
small word classes (degree word + negative predicate, "说了多少遍", "一直没V好", "你们就是在骗…",
"去…局反映", "发到网上"…: see ``_FRAME_TABLE``) read wording nobody listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from hotline_qa.analyzers.lexicon import LexMatch, LexScan, is_negated, scan, scan_texts
from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.core.findings import Span


class Emotion(StrEnum):
    CALM = "calm"
    DISSATISFIED = "dissatisfied"
    ANGRY = "angry"
    ABUSIVE = "abusive"

    @property
    def level(self) -> int:
        """0 calm … 3 abusive, for comparing emotions."""
        return _LEVELS[self]  # by member: ``.value`` is a (slow) property

    @property
    def name_zh(self) -> str:
        return {"calm": "平静", "dissatisfied": "不满", "angry": "愤怒", "abusive": "辱骂"}[self.value]


_LEVELS = {"calm": 0, "dissatisfied": 1, "angry": 2, "abusive": 3}
# Emotions at or above a level, for quick membership tests.
ANGRY_OR_WORSE = frozenset({Emotion.ANGRY, Emotion.ABUSIVE})

# Cue weights; a turn is dissatisfied from 0.25 and angry from 0.6 (with an anger-grade cue).
W_DISSATISFIED = 0.3
W_ANGRY = 0.5
W_RAGE = 0.6
W_THREAT = 0.3
W_INTENSIFIER = 0.15
MAX_INTENSIFIERS = 0.3
W_TOO = 0.2
W_STRONG_EXCLAIM = 0.25
MAX_STRONG_EXCLAIM = 0.5
W_EXCLAIM = 0.1
MAX_EXCLAIM = 0.2
DISSATISFIED_FROM = 0.25
ANGRY_FROM = 0.6
# A turn without an anger-grade cue stays below the angry band whatever its cues add up
# to: the score follows the label, so that a dissatisfied turn never outscores an angry one.
# (Cue weights are multiples of 0.05: a raw sum of 0.6 or more is capped to exactly this.)
DISSATISFIED_MAX = 0.59

# "太差了", "太离谱了" — but not "太好了", "太感谢了".
_TOO = re.compile(r"太([^了,.!?;:。，！？\s]{1,4}?)了")
_TOO_POSITIVE = frozenset({
    "好", "棒", "感谢", "谢谢", "感谢你", "感谢您", "谢谢你", "谢谢您", "客气", "方便", "及时",
    "专业", "贴心", "开心", "高兴", "满意", "给力", "好用", "快", "周到", "热情", "耐心", "厉害",
})
# A price that is too high, given as the reason for a cheaper choice in the same turn: "现在一百九十九的太贵了
# 我想降个档", "太贵了 换个便宜点的" (field call 385), not a grievance by itself.
_CHEAPER_CHOICE = re.compile(r"降(?:一下|一档|个档|档|到|成|低|个)|(?:套餐|档次?|档位)(?:往下)?降|(?:换|改|转)(?:成|到)?(?:一个|个)?"
                             r"(?:便宜|低|小)|便宜(?:一)?(?:点|些)的|(?:取消|退订|退掉|不要)(?:了|掉)?")
_STRONG_EXCLAIM = re.compile(r"[!?]*(?:\?!|!\?|!!)[!?]*")
_EXCLAIM = re.compile(r"!")
# "到底什么时候能修好!": a 到底/究竟 question shouted as a demand, not asked.
_DEMAND = re.compile(r"(?:到底|究竟)[^,.!?;:。，？；：]{0,20}!")
# Shouting: two or more exclaimed sentences in one turn ("你们就是不负责任!…你知道吗!").
SHOUTED_SENTENCES = 2
# "排了二十分钟", "等了两天了", "断了三天": complaints about waiting or a fault that lasts.
# "打了半个小时才打进来", "修了一个礼拜", "停了一整天": also the call's own wait, a repair or a
# delivery that drags on.
# "都三天了", "都两个星期了": the customer counts how long the trouble has lasted (days and
# weeks only: "孩子都三个月了" is an age).
_WAITED = re.compile(
    r"(?:[排等拖断坏停卡打修送审搞弄])了(?:[零一二两三四五六七八九十百几半\d]+|好|半)(?:个)?整?多?"
    r"(?:分钟|小时|钟头|天|个星期|星期|个礼拜|礼拜|周|个月|月)"
    r"|都(?:[零一二两俩仨三四五六七八九十百几半\d]+|好几)(?:个)?多?(?:天|个星期|星期|个礼拜|礼拜|周)了"
    # "都俩月了退款还没下来": months and years count when the clause goes on to what is still not done
    # ("孩子都三个月了" is an age)
    r"|都(?:[零一二两俩仨三四五六七八九十百几半\d]+|好几)(?:个)?多?(?:月|年)了(?=[^,.!?。，！？\s]{0,10}?"
    r"(?:还没|还不|也没|都没|还是))"
    # "都处理了半个月了", "都修了俩礼拜了": with a verb between, months and hours count too
    r"|都[^\s了,.!?。，！？]{1,2}了(?:[零一二两俩仨三四五六七八九十百几半\d]+|好几)(?:个)?多?"
    r"(?:天|个星期|星期|个礼拜|礼拜|周|个月|月|个小时|小时|钟头|年)了"
)
# The customer's own effort, not a wait on the service: "我弄了半天也没弄好 你教我一下", "我自己搞了一个
# 小时" (not "你们让我弄了半天", nor the exasperated "我都弄了三天了").
_OWN_EFFORT_VERBS = frozenset("弄搞修")
_OWN_EFFORT = re.compile(r"(?<![让叫害逼得帮替给])我(?:自己|在家|这边|一个人|试着|刚才|刚刚|昨天|今天|也)*$")


def own_effort(text: str, start: int) -> bool:
    """Whether the duration at ``start`` ("弄了半天") is the customer's own attempt at something."""
    return text[start] in _OWN_EFFORT_VERBS and _OWN_EFFORT.search(text, max(0, start - 8), start) is not None


# "三个星期前就说…到现在还没", "上个星期就报修了到现在也没人联系": a long-pending matter.
_PENDING = re.compile(
    r"(?:[零一二两三四五六七八九十几半\d]+个?多?(?:天|星期|礼拜|周|月|年)|上个?(?:星期|礼拜|周|月)|昨天|前天|去年)"
    r"(?:前|之前|以前)?就(?=[^.!?。！？]{0,24}?(?:到现在|至今|现在还|现在也|现在都))"
)
# "一个破证明", "你们这个破系统": contempt for a thing ("这个破洞", "破损", "破产" are plain words);
# "要跑五趟", "跑了三回": errands the customer was sent on.
_SHABBY = re.compile(r"(?:这个|一个|那个|这|个)破(?![洞损裂了掉开产解碎皮旧烂案获例格坏口])")
_ERRANDS = re.compile(r"跑了?(?:[两三四五六七八九十几好多]|\d)+(?:趟|回)")
# Words of a fear, not a fact: "我怕跑两趟" (field call 1184); complaint.py adds "万一" for a feared repeat.
FEARED_WORDS = "怕|担心|免得|以免|省得|生怕"
_ERRAND_FEARED = re.compile(FEARED_WORDS)
_THREAT_COMPLAINT = re.compile(r"(?:要|就|去|会|必须|一定|我)投诉(?!的(?:那|这|事|问题|工单|单|进度|结果|情况))"
                               r"|投诉(?:你|您)")
# ... and where the frames above find none: "再不退我就去工商投诉了", "那我只能投诉了" (not "去哪投诉",
# "怎么去投诉"; tried after them, so that "要去住建局投诉你们" keeps its "投诉你")
_THREAT_COMPLAINT_SOMEWHERE = re.compile(
    r"(?:就|我|要|会)去(?!哪|那里|什么|啥)[^\s,.!?;，。！？；]{1,6}?投诉(?!过|的(?:那|这|事|问题|进度))"
    r"|(?:只能|只好|只有|非得|必须得)(?:去)?投诉")
# "我不是要投诉", "没想投诉": the negation stands before a verb of intent (is_negated looks
# right before the cue only).
NOT_MEANT = re.compile(r"(?:不是|并不是|没有?|不)(?:要|想|来|打算|是要|是想|是来)$"
                       # a complaint given up: "我本来还想投诉来着 现在不用了"
                       r"|本来(?:还|都)?(?:想|要|打算|准备)(?:去)?$")
# A complaint lodged about someone else, not threatened against the listener: "我要投诉物业", "我要投诉他"
# ("我要投诉你们那个师傅" names the listener's own staff and stays a threat).
_THIRD_OBJECT = re.compile(r"(?:那个|这个|那家|这家|我们)?(?:他|她|物业|商家|卖家|店家|房东|租客|邻居|楼上|楼下|隔壁"
                           r"|对门|开发商|中介|车主|那家店|那个人|那人|小区)")


def complaint_about_third_party(text: str, end: int) -> bool:
    """Whether the "投诉" ending at ``end`` is followed by a third party as its object ("投诉物业")."""
    return _THIRD_OBJECT.match(text, end) is not None


# Praise that is mock praise only beside a grievance: "你们可真行啊 交了钱网还是不通" is sarcasm, but
# "你们可真行 这么快就修好了 谢谢啊" thanks the agent (a turn that thanks or praises speed is sincere).
_MOCK_PRAISE = frozenset({"可真行", "你们真行", "真有你们的", "效率可真高"})
_SINCERE = re.compile(r"谢谢|感谢|多谢|太好了|这么快|真快|好快|挺快|麻利|辛苦|给力|点赞|帮大忙")
# Insults that name a kind of person the customer may be talking about (a scammer who called
# them): abuse only when aimed at the agent or the company (``_aimed_at_listener``).
_THIRD_PARTY_INSULTS = frozenset({"骗子", "大骗子", "诈骗犯"})
_AT_LISTENER = re.compile(r"(?:你|您)们?(?:公司|这|那|家)?[^，。,.!?！？ ]{0,4}$")
# Words that put a group or an identity before the insult ("你们这帮骗子", "你们就是骗子"): they
# aim it at whoever the clause names first, so they need the listener as subject (bare at the
# start of a turn or clause, "一帮骗子!", the epithet is shouted at the listener).
_GROUP_OF = ("一帮", "这帮", "那帮", "一群", "这群", "那群", "一伙", "纯纯", "就是")
_HELPS = frozenset("帮给替和跟被让找防")
# The clause before the insult, back to a stop (ASR text has none: at most this many characters).
_SUBJECT_REACH = 12
_CLAUSE_STOP = re.compile(r"[，。,.!?！？;；：:\s]")
_LISTENER = re.compile(r"[你您]们?")
_LISTENERS = re.compile(r"[你您]们")  # the agent's organisation, named earlier in the turn
# What the listener owns ("你们公司的那个客服就是骗子" calls the company's own staff names).
_LISTENERS_OWN = re.compile(r"(?:公司|单位|家|这边|那边)?(?:的)?(?:那个|这个|那些|这些|那|这)?")
# A third party named as the subject: a pronoun, a demonstrative person, a role ("那个人就是骗子",
# "他就是个骗子", "打电话那个就是骗子", "对方就是骗子", "快递员就是骗子").
_THIRD_PARTY = re.compile(r"他|她|它|那个|那人|那位|那边|那家|那伙|对方|人家|别人|男的|女的|骗子|诈骗"
                          r"|打电话|打来|快递|外卖|邻居|物业|房东|卖家|商家|中介|推销|司机")


def _subject_clause(text: str, start: int) -> str:
    """The words of the insult's clause before ``start`` (at most ``_SUBJECT_REACH`` characters)."""
    before = text[max(0, start - _SUBJECT_REACH):start]
    stops = list(_CLAUSE_STOP.finditer(before))
    return before[stops[-1].end():] if stops else before


def _listener_subject(clause: str) -> bool | None:
    """True when the clause's subject is the listener ("你们公司就是", "你们那个客服就是"), False when
    a third party stands between ("我跟你讲那个男的就是"), None when no listener is named."""
    listeners = list(_LISTENER.finditer(clause))
    if not listeners:
        return None
    rest = clause[listeners[-1].end():]
    own = _LISTENERS_OWN.match(rest)
    rest = rest[own.end():] if own else rest
    return _THIRD_PARTY.search(rest) is None and _VENT_AT.search(rest) is None


def _aimed_at_listener(text: str, start: int, end: int) -> bool | None:
    """True when the insult at ``start``..``end`` calls the agent or the company that ("你们就是
    骗子", "你们这帮骗子", "骗子公司"); False when it is asked as a suspicion ("你们不会也是骗子吧");
    None when it is about someone else ("真的是骗子啊", "你们这是帮骗子卖假票", "那个人就是骗子",
    "被那帮骗子骗了")."""
    if len(text) - (end - start) <= 2:
        return True  # "骗子！", "就是骗子" alone are said to the agent
    clause = _subject_clause(text, start)
    subject = _listener_subject(clause)
    before = text[max(0, start - 2):start]
    if before in _GROUP_OF:
        if subject is None:
            head = clause[:-2]
            # "一帮骗子 还好意思让我等": the epithet opens the clause; "那个人就是骗子": a third party.
            # In text without stops ("你们这什么破酒店订好的房间没了一群骗子") the turn named the
            # listener earlier and nobody else since.
            if before == "就是":
                return None
            if not head:
                return True if _THIRD_PARTY.search(text, max(0, start - 2 - _SUBJECT_REACH), start - 2) is None \
                    else None
            named = [m for m in _LISTENERS.finditer(text, 0, start - 2)]
            return True if (named and not before.startswith("那")
                            and _THIRD_PARTY.search(text, named[-1].end(), start - 2) is None
                            and _VENT_AT.search(text, named[-1].end(), start - 2) is None) else None
        return True if subject else None
    if text.startswith("公司", end):  # "骗子公司": the company the customer calls, unless another one
        return None if subject is False or (subject is None and _THIRD_PARTY.search(clause)) else True
    if before[-1:] in _HELPS:  # "你们这是帮骗子卖假票": an accusation, not the insult
        return False if _AT_LISTENER.search(text, max(0, start - 10), start - 1) else None
    if _AT_LISTENER.search(text, max(0, start - 9), start) is None or subject is False:
        return None
    after = text[end:end + 1]
    return not (after and after in "吧吗么嘛")


# Curses that are exclamations of surprise as often as of anger ("卧槽 这么快就好了"): abuse only beside
# a grievance in the turn. Curses that may be aimed at whoever follows them ("他妈的那个骗子").
_INTERJECTIONS = frozenset({"卧槽", "握草", "我草", "卧艹", "我艹", "窝草"})
_CURSES = frozenset({"他妈的", "tmd", "md", "nmd", "nnd", "特么", "tm的", "尼玛", "mlgb"}) | _INTERJECTIONS
# "你说人话 我听不懂" after a jargon word: a rude demand for plain words, angry but no insult
# (field call 237: "什么E什么D 你说人话我听不懂"); "你说的是人话吗" stays abuse.
_PLAIN_WORDS = frozenset({"说人话", "讲人话"})
_NOT_UNDERSTOOD = re.compile(r"听不懂|听不明白|没听懂|没听明白|不明白|看不懂|什么意思")

# Someone else the customer vents at: a neighbour, a courier, the scammer ("楼上那个邻居真是个混蛋",
# "隔壁那个瘪三"), named before an insult in its clause or right after a curse.
_VENT_AT = re.compile(r"(?:他|她)(?!妈|奶|娘|大爷|们公司)|邻居|隔壁|楼上|楼下|对门|骗子|诈骗|快递|外卖|房东|物业"
                      r"|中介|卖家|商家|小偷|司机|那个人|那人|这人|那家伙|那个男的|那个女的|那(?:个)?老(?:头|太)")
_VENT_AFTER = re.compile(r"(?:那个|这个|那|这|那些|这些|这帮|那帮|这群|那群)?(?:" + _VENT_AT.pattern + ")")


def _asks_plain_words(text: str, start: int, end: int) -> bool:
    return (_NOT_UNDERSTOOD.search(text, end, end + 8) is not None
            or _NOT_UNDERSTOOD.search(text, max(0, start - 10), start) is not None)


# Compensation owed by someone else: "那他人都不在 谁来赔我啊" (the upstairs neighbour who flooded the
# flat), "让楼上赔我": a question or demand about a third party's liability, not a grievance against
# the listener. A payer named last before the cue decides; the listener named after the third
# party takes the debt back ("他家漏的水 你们物业得赔我").
_PAYER_THIRD = re.compile(r"(?<![其吉])(?:他|她)(?!妈|奶|娘|大爷)|楼上|楼下|隔壁|对门|邻居|对方|房东|租客|肇事|那家|那个人|那人"
                          r"|那个司机|人家")
_PAYER_LISTENER = re.compile(r"[你您]")
_SENTENCE_STOP = re.compile(r"[.!?;。！？；]")
_PAYER_REACH = 16  # how far back the payer may be named (ASR text has no stops)


def owed_by_third_party(text: str, start: int) -> bool:
    """Whether a demand for compensation at ``start`` ("赔我", "赔偿") is aimed at a third party the
    turn names ("他人都不在谁来赔我", "你们找到他让他赔我"), not at the listener."""
    before = text[max(0, start - _PAYER_REACH):start]
    stops = list(_SENTENCE_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end():]
    third = [m for m in _PAYER_THIRD.finditer(before)]
    return bool(third) and _PAYER_LISTENER.search(before, third[-1].end()) is None


def vented_at_third_party(text: str, start: int, end: int, curse: bool) -> bool:
    """Whether the insult or curse at ``start``..``end`` is aimed at someone other than the listener:
    an insult whose clause names a third party as its subject, or a curse followed by one."""
    if curse and _VENT_AFTER.match(text, end):
        return True
    clause = _subject_clause(text, start)
    subject = _listener_subject(clause)
    return subject is False or (subject is None and _VENT_AT.search(clause) is not None)


# Hearsay the customer checks with the hotline: "他们说你们是骗子 我不信 打过来确认一下",
# "我老公说你们这个套餐是坑人的 让我问问是不是真的". A cue within a few characters after
# "他/别人/网上…说", with nothing between that moves on to the customer's own account
# (现在, 结果, 但是, 我…), is someone else's word: with a check in the turn it does not count;
# without, an insult so quoted is displeasure, not abuse of the agent.
# Speakers are people by role or kin ("我妈说", "我表姐说", "我们领导说"), not a list of names, or
# someone the customer reports ("有一个说我的快递丢了要赔我", "一个男的跟我说", "对方说", "那边讲").
_REPORTED = re.compile(r"(?:(?:他|她|他们|她们|别人|人家|朋友|同事|邻居|老公|老婆|爱人|媳妇|家里人|网上|大家"
                       r"|[妈爸姐哥弟妹姨舅叔婶爷奶]|儿子|女儿|闺女|孩子|亲戚|同学|领导|老板|老师|师傅"
                       r"|有(?:一)?个(?:人|男的|女的)?|一个(?:人|男的|女的)|对方|那边|那人|那个人|骗子|快递员?"
                       r"|自称[^说讲]{1,6}的(?:人)?)"
                       r"(?:们)?(?:都|也|就|还)?(?:跟我|和我|对我|给我)?(?:说|讲)|听(?:别人|人家|人)?说)")
# Where the customer's own account takes over from the reported words: "现在", "结果", "但是", a 我
# that begins a clause ("我不信"; not the reported "说我的快递", "要赔我", "让我加"), or the
# customer's own judgement ("还是没来", "一直没人管", "真是气死了").
_QUOTE_BREAK = re.compile(r"现在|结果|但|可是|还是|(?<![说给让叫帮赔跟和对把被找问诉替为向])我(?!的|们的)"
                          r"|又没|也没|一直|根本|真是|简直|气死|凭什么|凭啥|有没有搞错|等了|等到")
# The listener and its staff, in a report: their words broken or quoted are a grievance of the customer's.
_OWN_SIDE = re.compile(r"[你您]们?|师傅|客服|工作人员|营业员|业务员|坐席|工程师|装维|维修")
_HEARSAY_CHECK = re.compile(r"是不是真的|是真的吗|真的假的|我不信|不相信|确认一下|核实一下|问问|问一下")
QUOTE_WINDOW = 10  # how far before a cue its reporter may end
_REPORTER_REACH = 6  # how long a reporter ("有一个男的跟我说") may be


# A complaint imagined and asked about: "如果要投诉的话找哪个部门", "想了解一下要投诉找谁" (a
# conditional threat keeps its condition apart: "如果不行我就投诉").
_IMAGINED_BEFORE = re.compile(r"(?:如果|要是|假如|万一)(?:我|我们)?(?:要|想)?$|(?:了解|请问|咨询)[^投]{0,4}$")


def imagined(text: str, pos: int) -> bool:
    """Whether "投诉" at ``pos`` is a complaint imagined, asked about as information."""
    return text.startswith("的话", pos + 2) or _IMAGINED_BEFORE.search(text, max(0, pos - 8), pos) is not None


def not_meant(text: str, pos: int) -> bool:
    """Whether "投诉" at ``pos`` is denied with a verb of intent between ("我不是要投诉")."""
    return NOT_MEANT.search(text, max(0, pos - 5), pos) is not None


def is_quoted(text: str, start: int, end: int) -> bool:
    """Whether the cue at ``start``..``end`` stands in speech the customer reports ("他说你们…")."""
    return quote_start(text, start, end) is not None


def _reporter(text: str, start: int, end: int) -> re.Match[str] | None:
    """The reporter ("他说", "有一个说") whose words hold the cue at ``start``..``end``, if any."""
    # the nearest reporter ("有一个说我的快递丢了要赔我" has seven words between)
    reporters = list(_REPORTED.finditer(text, max(0, start - QUOTE_WINDOW - _REPORTER_REACH), start))
    rm = reporters[-1] if reporters else None
    if rm is None or rm.end() < start - QUOTE_WINDOW or _QUOTE_BREAK.search(text, rm.end(), end):
        return None
    return rm


def quote_start(text: str, start: int, end: int) -> int | None:
    """Where the reported words holding the cue at ``start``..``end`` begin (None: the customer's own)."""
    rm = _reporter(text, start, end)
    return None if rm is None else rm.end()


# The weather or the body the customer cannot bear, not the service: "上礼拜热得受不了我这个血压高" (field call 512).
_BODILY_BEFORE = re.compile(r"(?:热|冷|冻|晒|闷|疼|痛|饿|渴|痒|累|困)得?$")


def not_own(text: str, start: int, end: int, hearsay: bool) -> bool:
    """Whether a cue is someone else's words that say nothing of the customer's mood: hearsay checked
    with the hotline (``hearsay``: :func:`may_quote`), or reported words of a third party that do not
    name the listener ("有一个说我的快递丢了要赔我": the scammer's promise). Words that name the
    listener ("我妈说你们是骗人的") or come from the listener's own staff ("师傅说下午来 等了一下午
    没人来": a promise broken) still count.
    """
    rm = _reporter(text, start, end)
    return rm is not None and (hearsay or _OWN_SIDE.search(text, max(0, rm.start() - 2), end) is None)


def may_quote(text: str) -> bool:
    """Whether ``text`` can hold hearsay at all (a verb of saying and a check): one test a turn."""
    return ("说" in text or "讲" in text) and _HEARSAY_CHECK.search(text) is not None


def is_hearsay(text: str, start: int, end: int) -> bool:
    """A reported cue that the customer calls to check, not to complain about (see _REPORTED)."""
    return may_quote(text) and is_quoted(text, start, end)


# --- Structural frames (generalisation audit, tests/analyzers/test_customer_generalisation.py):
# small word classes that compose, so that fresh wording is read without listing each phrase.
# Each frame has a grade — ``abu`` abuse, ``thr`` a threat to go outside, ``ang`` anger, ``dis``
# displeasure, ``uno`` a charge for something never ordered — and anchor characters, one of which
# every match holds (test_every_frame_holds_an_anchor checks this over the labelled turns). One
# search for the anchors over all customer turns of a call finds the few turns, and the few
# frames, that need a regex at all: a search of every frame in every turn would cost more than
# the rest of the emotion analysis.
_MANY = r"(?:[两俩仨三四五六七八九十百千几\d][零一二两三四五六七八九十百千几\d]*|多少|好几|好多|很多|无数)"
_CLAUSE = r"[^,.!?;。，！？；\n]"  # within one clause
# (name, grade, anchors, pattern); read in this order, so that abuse, threats and anger take their
# words before displeasure can.
_FRAME_TABLE: tuple[tuple[str, str, str, str], ...] = (
    # curses on someone's kin: "他奶奶的", "你娘的", "他大爷的" (not "给他奶奶的卡充值")
    ("kin_curse", "abu", "奶娘姥爷祖喵",
     r"(?:他|你|尼)(?<![我俺咱她给帮替和跟为是的].)(?:奶奶|娘|姥姥|大爷|祖宗|喵)(?:的|滴|个腿)"
     r"(?!医|卡|病|药|身份|电话|手机|号|房|账|社保|名字|户口|钱|事)"),
    # a bare "妈的" opening an outburst ("妈的又断网了"; "我妈的医保卡" is kin: see _CURSE_OPENS)
    ("curse_open", "abu", "妈玛", r"妈的|妈滴|玛的|妈蛋"),
    # the addressee called a herd of animals or fools: "你们是一群猪", "你们这帮饭桶", "你是猪吧"
    ("herd", "abu", "猪狗驴蠢笨痴傻货桶废畜吃",
     r"(?:你|你们)(?:这些人|这帮人|都|就|真|简直)?(?:是|就是)?(?:一群|一帮|一伙|一窝|这帮|这群|那帮|那群)"
     r"(?:猪|狗|驴|蠢货|蠢猪|笨蛋|白痴|傻子|二货|饭桶|废物|废柴|畜生)"
     r"|你(?:们)?(?:是|就是|真是|都是)(?:一头|头|一条|条)?(?:猪|狗|驴)(?=吧|啊|吗|呀|嘛|一样|$)"
     # the addressee called stupid: "你是不是傻啊", "你们蠢吧" (not "傻傻分不清")
     r"|你(?:们)?(?:是不是|是|真是|真|咋这么|怎么这么)?(?:傻|蠢|笨)(?=啊|吧|呀|吗|了吧|$)"
     # good-for-nothings: "你们这帮吃干饭的", "一群吃闲饭的" (field call 862)
     r"|(?:你|你们)(?:这些人|都|就|真|简直)?(?:是|就是)?(?:一群|一帮|一伙|这帮|这群|那帮|那群)?吃(?:干饭|闲饭|白饭|屎)的"),
    # the addressee's brain: "你们是不是脑子有问题", "你脑子瓦特了" (not "我脑子有问题 记不住")
    ("brain", "abu", "脑",
     r"(?<![我俺])(?:你|你们|侬|你哋)(?:是不是|是|真是|真的|怕不是|的)?脑子(?:有问题|有毛病|有病|坏了|瓦特了|秀逗|不好使"
     r"|不够用|锈了|短路)"),
    # turning to an authority by any name: "去金融监管局反映", "向通管局投诉", "找信访办说理"
    ("authority", "thr", "诉述映举曝法理",
     r"(?:去|到|向|找|跟|给|往)[^\s,.!?。，！？]{1,8}?(?:局|部|委|委员会|监管会|保监会|协会|厅|办|总局)去?"
     r"(?:投诉|反映|举报|申诉|检举|曝光|讨说法|讨个说法|说理)(?!过)"),
    # posting online: "放到网上去", "在小红书上发出来让大家避雷", "上微博让网友评评理"
    ("online", "thr", "网微抖快书头圈坛贴搜",
     r"(?:发|放|挂|晒|传|曝|贴|捅)(?:到|在|上)(?:网上|网络|微博|抖音|快手|小红书|头条|朋友圈|论坛|贴吧|热搜)"
     r"|(?:在|上|去|到)(?:网上|微博|抖音|快手|小红书|头条|朋友圈|论坛|贴吧)上?" + _CLAUSE + r"{0,10}?"
     r"(?:发出来|发出去|发一下|发帖|发视频|曝光|挂出来|评评理|评理|让大家|让网友|避雷|说道说道|扒一扒)|上热搜"),
    # "我真的要疯了", "我都快崩溃了", "被你们逼疯了"
    ("crazy", "ang", "疯崩狂", r"(?:我|人)[都真的简直快要也]{0,4}(?:疯|崩溃|抓狂)了|(?:逼|搞|弄|整|气)(?:疯|崩溃)"),
    # "我气得手都在抖", "把我气得"
    ("fuming", "ang", "气火", r"(?:我|人|都|真|快|简直)(?:都)?(?:被)?气得|(?:一|满)肚子(?:火|气)|(?:火|气)不打一处来"),
    # "你们到底还要我怎样", "还想让我咋办"
    ("what_more", "ang", "怎咋",
     r"(?:还要|到底要|究竟要|到底想|还想|到底还要)(?:让)?我(?:怎样|怎么样|怎么办|咋办|咋样|咋整|怎么做|咋地)"),
    # "这是人干的事吗", "不是人干的"
    ("inhuman", "ang", "干", r"不?是人干的|叫人干的"),
    # accusing of bad faith: "你们就是一帮骗钱的", "你们这是坑人", "你是在忽悠我吧"
    # (also excuses and a refusal on purpose: "你们这就是找借口", "你们就是不想给我修", field call 508)
    ("bad_faith", "ang", "骗坑忽糊宰讹诈欺耍抢借推想",
     r"(?:你们|你)(?:这|这就|分明|明摆着|摆明了|纯粹|根本|简直|完全|就)*是?(?:在)?(?:一帮|一群|一伙)?"
     r"(?:骗|坑|忽悠|糊弄|宰|讹|敲诈|欺负|耍我|明抢|抢钱|找借口|推脱|推卸责任"
     r"|(?<=就是)不想(?:给我|帮我)?(?:保修|修|赔|退|换|管|处理|解决|办|负责))"),
    # "你们是不是看我不懂 / 就随便写个进水" (field call 910): taken for a fool
    ("fooled", "ang", "懂欺", r"看我(?:不懂|好欺负)|欺负我(?:不懂|是外行)"),
    # the same accusation asked back: "这不是坑人吗", "这不就是骗钱嘛" (field call 356)
    # (also where the ASR cut off "你们这": "三十个工作日你们这" / "不是糊弄人吗我", field call 421)
    # ("这不就是讹人吗", field call 821)
    ("asked_back", "ang", "骗坑忽糊宰欺耍讹",
     r"(?:这|那)(?:不是|不就是|分明就?是|明摆着是|简直就?是)(?:在)?(?:坑人|骗人|坑钱|骗钱|耍人|宰人|欺负人|忽悠人|糊弄人|讹人|讹钱)"
     r"|^(?:不是|不就是)(?:在)?(?:坑人|骗人|坑钱|骗钱|耍人|宰人|欺负人|忽悠人|糊弄人|讹人|讹钱)(?=吗|嘛|么|啊)"),
    # cutting the agent off: "别跟我扯", "少给我找借口"
    ("cut_off", "ang", "扯辩借推套整马",
     r"(?:别|少|甭)(?:跟我|给我|和我|在这|在那)?(?:扯(?!皮)|狡辩|找借口|推脱|推卸|来这套|整这些|打马虎眼)"),
    # a sit-in ultimatum: "今天这事不解决我就不挂电话"
    ("sit_in", "ang", "挂赖直天", r"(?:不(?:给我)?(?:解决|处理|退|赔|修|办)" + _CLAUSE + r"{0,6}?我?就|(?:不然|否则|要不然|要不)我?就?)"
     r"(?:不挂|赖在|一直打|天天打|天天来|天天找)"
     # the defiance said first: "我就不挂 你们不给我退双倍我就一直打", "今天不解决我就不挂了"
     # (not "我就不挂号了", "不挂失": a hospital number, a lost card; nor "好好谢谢啊那我就不挂啊" after "请您稍等",
     # field call 1018: the customer holds on as asked)
     r"|(?<!那)我(?:今天)?就(?:是)?不挂(?![号失钩靠])"),
    # "你给我说清楚" (not a polite "麻烦给我讲清楚一点")
    ("explain", "ang", "清",
     r"给我(?<!麻烦给我)(?<!请给我)(?<!麻烦你给我)(?<!能不能给我)(?:说|讲|解释|交代)清楚(?!一点|点|些)"),
    # the agent's conduct rebuked to their face: "你这是什么态度", "你们啥态度", "你怎么说话的", "你这叫什么话",
    # "这是什么话" (read before the word lists: the bare "什么态度" stays a grumble; not "您这是什么话费", nor
    # "你们对这件事是什么态度", a stance asked about)
    # Being fobbed off, said back: "你们就这么 / 打发我是吧" (field call 514; not "打发我去找…", sent elsewhere)
    # ("姑娘你这个态度啊" / "你们就不能耐心点", field call 840: the attitude rebuked, patience demanded)
    # a promise broken, thrown back: "你们说话算不算数啊" (field call 853), "说了又不算"
    ("broken_word", "ang", "算",
     r"说话(?:算不算数|不算数|不算话|都不算数)|说了(?:又)?不算|说话跟放屁一样"),
    # the way of doing business thrown back: "你们银行 / 就是这么做生意的" (field call 900); "我怎么不着急"
    # answering "您先别着急"
    ("business", "ang", "生急",
     r"(?:就是|就|都是|都)?这么(?:做|干)生意的?|(?<![你您])我(?:怎么|咋|能|哪能)不(?:着急|急|生气)(?!的)"),
    # a term never explained, refused: "一个字都没解释", "现在跟我说合同里有约定 / 我不接受" (field call 900)
    ("not_accepted", "dis", "字受",
     r"一个字(?:都|也)没(?:有)?(?:解释|说|讲|提|告诉)|(?<![您你])我(?:不|不能|没法|无法)接受(?!的话)"),
    # "你们终于打过来了": the call back came late (a grumble)
    ("at_last", "dis", "终",
     r"(?:你们|你)?终于(?:肯)?(?:打过来|回电话|打电话过来|来电话|回电|回我电话)了"),
    # ("你们都没查就说是我邻居拿了", field call 859: judged without a look)
    ("rebuke", "ang", "态话打耐查",
     r"(?:你|您)(?:们)?(?:这个人|这人|这|这个|那)?(?:是|叫)?(?:什么|啥|嘛)(?:服务)?态度"
     r"|(?:你|您)(?:们)?(?:这个|这种|这)态度(?:啊|呀|哦|哈|嘛)?(?=$|[，,。！!？?\s])"
     r"|就不能(?:耐心|客气|好好说话)(?:一?点|些)?"
     r"|(?:你|您)(?:们)?(?:都|连)?(?:没|没有|不)(?:查|核实|问)(?:一下|清楚)?就(?:说|断定|认定|讲|怪)"
     r"|(?<![不别])打发我(?!们?(?:去|到|来))"
     r"|(?:你|您)(?:们)?(?:这个人|这人|这)?怎么(?:说话|讲话)(?:的|呢|呐)"
     r"|这(?:是|叫|说的是|说的)(?:什么|啥|嘛)话(?![费题筒务单机音])"),
    # patience spent: "我已经很客气了", "我对你们够客气了", "我忍你们很久了" (not "你太客气了", "我跟他们已经很客气了")
    ("patience", "ang", "客忍",
     r"我(?:已经|都|也|对你们|对你|跟你们|跟你|和你们|和你)*(?:很|够|非常|算|挺|够够的|足够)客气了"
     r"|忍(?:了)?(?:你们|你)(?:很久|好久|太久|很长时间|好长时间|好几[天个]|半天)"),
    # degree word + negative predicate: "忒慢", "真是烂", "也太坑", "这么垃圾" (not "差不多", "垃圾桶"; and
    # not a price: "一百九十九的太贵了 我想换个便宜的" gives a reason for a choice, not a grievance)
    ("degree", "dis", "慢差烂坑垃难",
     r"(?:太|忒|贼|好|超|巨|特|老|真|真是|真的|实在|非常|特别|这么|那么|咋这么|怎么这么)(?:是)?"
     r"(?:慢(?![慢走用])|差劲|差(?![不点一额价别距异几评])|烂(?!尾)"
     r"|坑(?![位道洼])|垃圾(?![桶袋车站分短电费场处清箱回])|难用)"),
    # telling or asking again and again: "说了多少遍了", "讲了八百遍", "反映好多回了"; counting the
    # tries in exasperation: "这都第四回打你们电话了", "我都跑了三趟", "这已经是第四次了" (field call 796)
    ("again", "dis", "遍次回趟话",
     r"(?:说|讲|问|催|提|反映|强调|重复)(?:(?:了|过)(?:都|有)?" + _MANY + r"(?:遍|次|回)|" + _MANY + r"(?:遍|次|回)了)"
     r"|都(?:(?:[打来跑找催问说讲报修]|申请|投诉|反馈|提交|联系)了)?第?" + _MANY + r"(?:次|遍|回|趟|个电话|通电话)"
     r"|已经(?:是)?第" + _MANY + r"(?:次|遍|回|趟)了"),
    # still unresolved: "一直没弄好", "始终没人联系", "至今没到账"
    ("unresolved", "dis", "直终现今",
     r"(?:一直|始终|到现在|至今)(?:都|也|还)?(?:没|没有|不)(?:人)?(?:给我)?(?:弄好|修好|搞好|整好|处理|解决|办好"
     r"|办成|回复|回我|联系|到账|退|管|下来|来人|动静|音信)"
     # "到现在连个电话都没有", "至今连个人影都不见"
     r"|(?:一直|始终|到现在|至今)(?:都|也|还)?连(?:个|一个|一)?(?:电话|人|人影|回音|回复|消息|信儿?|说法|动静|短信"
     r"|答复|准话|解释)都(?:没|不见)"),
    # only good at taking: "就晓得罚款罚款" (field call 655), "只知道收钱", "就会让我等"
    ("only_know", "dis", "知晓会",
     r"(?:就|只|光)(?:知道|晓得|会)(?:罚款|罚钱|收钱|收费|要钱|扣钱|扣费|推|踢皮球|糊弄|敷衍|让我等|说抱歉|道歉|说对不起)"),
    # a hardship asked back: "我们老百姓停个车 / 容易吗" (field call 655)
    ("hard_enough", "dis", "易",
     r"(?:老百姓|我们|我|普通人|打工的|老人家?)[^\s,，。.!?！？]{0,8}(?:容易吗|容易吗我)"),
    # put off again and again: "等配件一个礼拜就到 / 一个礼拜又一个礼拜" (field call 639), "一天拖一天"
    ("dragged_on", "dis", "又拖",
     r"(?P<span>一个?(?:礼拜|星期|月|周|天))(?:又|拖)(?P=span)"),
    # not even told: "你们到期了 / 连个短信都不发" (field call 636); not the customer's own "我连个电话都没打"
    ("not_even_told", "dis", "连",
     r"(?<![我俺])连(?:个|一个|一条|一)?(?:电话|短信|通知|提醒|招呼|回音|回复|消息|说法|动静|答复|解释)都(?:不|没|没有)"
     r"(?:发|打|给|来|通知|提醒|说|回|有)"),
    # sent round in vain: "师傅来看了两次也没修好", "上门了三回都没解决" (not the customer's own "我弄了两次也没弄好")
    ("futile_tries", "dis", "次回趟遍",
     r"(?:来|修|看|换|跑|上门|派人|处理|报修|维修|检查|测)了?" + _MANY + r"(?:次|回|趟|遍)了?(?:也|都|还|还是)"
     r"(?:没|不|没有)(?:修好|弄好|搞好|整好|解决|好|搞定|处理好|处理|修|来)"),
    # a call or a queue that took many tries: "打了十几遍才通", "排了两个小时才轮到我"
    ("only_after", "dis", "才",
     r"(?:打|拨|排|等|催|问|跑)了" + _MANY + r"(?:个)?(?:遍|次|回|趟|电话|通电话|小时|钟头|天)(?:电话)?才"),
    # broke as soon as it came: "刚买仨月就坏了", "刚修好没两天又不行了", "刚装的就用不了"
    ("soon_broken", "dis", "刚",
     r"刚(?:买|装|修|换|办|充|交|领|拿|到|收到|提)(?:的|了|好)?" + _CLAUSE + r"{0,6}?(?:就|又)(?:又)?"
     r"(?:坏|不行|不能用|用不了|出问题|出毛病|断|停|没了|掉|卡|漏|不亮|不转|黑屏|死机|不制冷|不出水)"),
    # the same fault again: "咋又多了", "怎么老是", "又黄了", "又给我扣了" (not one only feared: "我自己弄怕又弄错",
    # field call 292)
    ("relapse", "dis", "又老总",
     r"(?:咋|怎么|为啥|为什么)(?:又|老是|总是)|(?<!怕)(?<!怕.)(?<!担心)(?<!免得)(?<!以免)(?<!省得)又(?:给我)?(?:坏|断|停|卡|掉线|黄|涨|扣|多扣|多收|乱扣|错(?!过)"
     r"|搞错|弄错|出问题|出毛病|出故障|不行|不能用|不通|打不通|没信号|没网|没电|没水|黑屏|死机|多了|多咗|多出"
     r"|不热|不暖和|不制冷|不出水|漏水|漏了)"),  # "暖气又不热了" (field call 943)
    # charged twice, and the customer says it came as a blow: "结果扣了我两次钱", "怎么收了双份" (field call 936;
    # the plain report, "好像扣了我两次钱" / "信用卡扣了我两笔", is what the call is about, as a refund asked
    # calmly is: field call 500)
    ("double_charge", "dis", "扣收",
     r"(?:结果|竟然|居然|怎么|咋|凭什么|莫名其妙|无缘无故|平白无故)(?:就|又|还|给我|的)*(?:重复)?(?:扣|收)了?(?:我)?"
     r"(?:(?:两|二|俩)(?:次|遍|回|笔)|双份)"),
    # it always goes like this: "老是这样", "天天断", "三天两头停"
    ("always", "dis", "老总每天成两直回次",
     r"(?:老是|总是|每次都|回回都|天天|次次都|一直都|成天|三天两头)(?:都)?(?:这样|这么搞|这个样子|这德性|这么干"
     r"|出问题|断|停|坏|掉线|[登连上打接用刷进]不(?:上|了|通|进去|开))"
     # the same brush-off every time: "每次都让我重启", "老是叫我等" (not "每次都让我很满意")
     r"|(?:老是|总是|每次都|回回都|次次都)(?:让|叫|要)我(?:重启|重新|再等|等|自己|去|跑|提供|登记|填|重装|关机|插拔)"),
    # talk that got nowhere: "说半天啥也整不明白", "讲了半天等于没讲", "解释了老半天还是不清楚" (the
    # customer's own "我弄了半天也没弄好" is a failure to be helped with, not a grievance: verbs of talk only)
    ("futile", "dis", "半白",
     r"(?:说|讲|解释|扯|绕)了?老?半天" + _CLAUSE + r"{0,3}?(?:(?:啥|什么|一点)?(?:也|都|还是|还)" + _CLAUSE
     + r"{0,2}?(?:没|不)|等于(?:没|白)(?:说|讲)|白(?:说|讲))"),
    # the agent asked to stand in the customer's shoes: "要是你你愿意吗", "换成你你能接受吗", "搁你身上你乐意啊"
    ("in_my_shoes", "dis", "愿受乐同",
     r"(?:要是|如果|假如|换成|换作|换了|搁|放)(?:是)?你(?:们)?(?:身上)?" + _CLAUSE
     + r"{0,4}?(?:愿意|能接受|接受得了|乐意|受得了|同意)(?:吗|嘛|不|啊|么)"),
    # a bill that is too high, asked in any dialect: "电费咋这么多", "侬电费哪能介许多", "點解咁貴" (with a
    # charge in the turn, see _CHARGED: "怎么这么多人" is a queue)
    ("so_much", "dis", "多贵高",
     r"(?:怎么|咋|哪能|为啥|为什么|凭啥|点解|點解)" + _CLAUSE + r"{0,4}?(?:这么|介|那么|恁|嘎|咁)(?:许)?(?:多|贵|高)"),
    # a member of staff's conduct: "态度可恶劣了", "态度老差了", "那态度横得很" (not "态度挺好")
    ("attitude", "dis", "态",
     r"态度" + _CLAUSE + r"{0,3}?(?:差|恶劣|不好(?!意思)|横|凶|蛮横|生硬|冷淡|傲慢|极差|差劲)"),
    # rhetorical questions: "谁受得了", "这叫什么事", "你们这啥服务"
    ("who_could", "dis", "谁", r"谁(?:能|会)?(?:受得了|受得住|忍得了|忍得住|顶得住|吃得消)"
     # "以后谁还敢用", "谁还敢在你们这买": trust lost
     r"|谁还敢(?:再)?(?:用|买|来|办|信|找|坐|住|吃|去|要|在)"),
    ("call_that", "dis", "叫算", r"这(?:都)?(?:叫|算)(?:个)?(?:什么|啥|哪门子)(?:事|服务|道理|规定|态度|效率|玩意|话|破|逻辑)"),
    # the customer holds the service to what it said: "你们课程顾问当时明明白白跟我说的", "明明说好的",
    # "我明明跟你说过了", "白纸黑字写着的" (not a thankful "你讲得清清楚楚")
    ("insist", "dis", "明亲楚白",
     r"(?:明明|分明|亲口|白纸黑字)(?!白白)(?:地)?(?:就|都|是|也|已经)?(?:跟我|和我|对我|给我|跟你|和你|给你)?"
     r"(?:说|讲|承诺|保证|答应|写|告诉)"
     r"|(?:当时|之前|以前|那时候?|当初|原来|一开始|的时候)" + _CLAUSE + r"{0,3}?(?:明明白白|清清楚楚)(?:地)?"
     r"(?:跟我|和我|对我|给我)?(?:说|讲|承诺|保证|答应|写|告诉)"),
    # the agent's words thrown back: "什么叫你们不清楚", "什么叫我自己的问题" (not "什么叫预授权")
    ("retort", "dis", "叫",
     r"什么叫(?:做)?(?:你们|你|我)" + _CLAUSE + r"{0,8}?(?:不|没|自己|的问题|的责任)"
     # the refusal itself thrown back: "什么叫不予赔付" (field call 550)
     r"|什么叫(?:做)?(?:不予|不能|不给|不退|不赔|不管|没办法|无法|赔不了|退不了)"),
    # how customers are treated, asked back: "你们平台就是这么对待用户的吗" (field call 550)
    ("treated_so", "dis", "待",
     r"(?:就是|就|是|都是)(?:这么|这样)(?:对待|对)(?:用户|客户|消费者|顾客|我们|我|老百姓|患者|病人)"),
    # left alone, said back: "你们不用管的是吧", "你们就不管了是吧" (field call 550)
    ("not_your_job", "dis", "管",
     r"你们(?:就|都)?不(?:用|想)?管(?:了|的)?(?:是吧|是不是|对吧|呗)"),
    # nothing the agent says is of use: "你这也不清楚那也不清楚的", "这也不行那也不行", "这个也没有那个也没有"
    ("this_nor_that", "dis", "也",
     r"这(?:个|儿|里)?也(?:不|没有?)[^,.!?;:。，！？；：\s]{1,4}?那(?:个|儿|里)?也(?:不|没有?)"),
    # a rhetorical "can't you…": "你们就不能快点吗", "就不能说清楚点吗", "你难道就不能上点心嘛" (not the
    # customer's own "我就不能退了吗", nor "那你们就不能退了是吧", a question about what is no longer possible)
    ("cant_you", "dis", "能",
     r"(?:你们|你)(?:就|难道就|难道|怎么就|咋就)不能[^,.!?;:。，！？；：了]{1,10}?(?:吗|嘛|么)(?!是|对)"
     r"|(?<![我那])就不能[^,.!?;:。，！？；：了]{0,6}?(?:点|一点|些|一些)(?:吗|嘛|么|啊|呢)"),
    # the service blamed for the fault: "你们怎么送的快递啊" (field call 362), "你们怎么修的", "你们是怎么搞的"
    # (not "你们怎么处理的", a question how it is done)
    ("how_could_you", "dis", "怎咋",
     r"你们(?:是)?(?:怎么|咋)(?:送|搞|弄|修|管|发|寄|装|做事|配送|包装|打包|派送)的"),
    # the promise thrown back: "这就是你们的正品保障啊" (field call 498), "这就是你们说的服务"
    ("thrown_back", "dis", "障务诺态效质速售证信",
     r"这就是你们(?:的|说的|所谓的|承诺的|讲的)[\u4e00-\u9fff]{0,4}?"
     r"(?:保障|服务|承诺|态度|效率|质量|速度|售后|保证|诚信)"),
    # something too big to lose, lost: "这么大一个箱子 / 都能落下" (field call 497), "这么重要的文件也能寄丢"
    ("too_big_to_lose", "dis", "落丢漏错忘",
     r"这么(?:大|多|重要|明显|简单)的?(?:一个|一件|一只|一箱|个|件|只)?[^，。,.!?？！]{0,4}?(?:都|也)(?:能|会|敢)"
     r"(?:给我)?(?:落下|落了|弄丢|搞丢|寄丢|丢了|丢|漏掉|漏了|弄错|搞错|拿错|送错|发错|忘了)"),
    # no better than before: "修了跟没修一样" (field call 358), "等于没修", "白修了"
    ("no_better", "dis", "样等白",
     r"(?:修|弄|换|处理|办|整|搞|装|调|改)了?(?:跟|和|同)没(?:修|弄|换|处理|办|整|搞|装|调|改)(?:过)?一样"
     r"|等于(?:没|白)(?:修|弄|换|处理|办|整|搞|装)|白(?:修|弄|换|跑|交|等)了"),
    # the damage made it useless: "这还怎么吃" (field call 369), "这让我怎么用" (not "这个怎么用", a question)
    ("unusable", "dis", "怎咋",
     r"(?:还|让我|叫我|让人|叫人)(?:怎么|咋)(?:吃|喝|用|住|睡|穿|过|开|走|洗|上班|做饭)(?![的法])"),
    # the agent's words challenged (field call 546): "你这话什么意思", "你这是什么意思" (not "您说的是什么意思",
    # a word not understood)
    ("what_do_you_mean", "dis", "意",
     r"(?:你|您)(?:们)?(?:这|这个|这句|这话|这么说|这样说)(?:话)?(?:是)?(?:什么|啥)意思"
     # the business challenged over what it did (field call 636: "怎么一下子全没了 / 你们什么意思啊")
     r"|(?:你|您)们(?:是)?(?:什么|啥)意思(?![^，,。.!?！？\s]{0,2}[?？])"),
    # refused without a look: "你查都不查就说是我的问题", "看都不看", "问都不问" (field call 546)
    ("not_even", "dis", "都",
     r"(?P<not_even>查|看|问|听|管|修|核实|检查|检测)都不(?P=not_even)"),
    # the promise thrown back: "一定上次也说一定" (field call 604), "催一下上次也说催一下", "肯定上次那个也说肯定"
    # (not "我上次也说了地址")
    ("said_so_before", "dis", "说",
     r"(?:上次|上回|之前|前两次|每次)(?:那个|那位|你们)?(?:也|都)(?:是这么|这么|是这样)?说(?:的|过)?"
     r"(?:一定|肯定|保证|马上|尽快|催|会|明天|今天|过两天|很快|没问题|放心|给您|给我)"),
    # how the customer was treated, reproached: "你们平台怎么能这样" (field call 583; not "这个怎么能这样设置",
    # a question how)
    ("how_can_you", "dis", "怎咋哪",
     r"(?:怎么|咋|哪能)(?:能|可以)(?:这样|这么)(?:对待?我|坑人|骗人|欺负人|糊弄人|敷衍|干|做事|办事)?"
     r"(?=$|[啊呢呀吧嘛啦哦哇]|[^\u4e00-\u9fff])"),
    # a business called a rip-off: "你们4S店是不是太黑了" (field call 586; not "晚上太黑了看不清")
    ("rip_off", "dis", "黑",
     r"(?:你们|店|公司|平台|商家|卖家|厂家|银行|物业|收费|价格|要价|价钱)[^，。,.!?？！\s]{0,6}?(?:也|真|实在)?太黑了"),
    # what the service is for, asked in anger: "你们4S店是干什么的", "你们物业是吃干饭的吗"
    ("what_for", "ang", "干",
     r"你们[^，。,.!?？！\s]{0,4}?是(?:干什么|干啥|干嘛|吃干饭)的"),
    ("what_service", "dis", "服公态效破烂鬼玩垃",
     r"你们这(?:是|叫)?(?:个)?(?:什么|啥|嘛)(?:服务|公司|态度|效率|破|烂|鬼|玩意|垃圾)"),
    # paid but got nothing: "钱花了网也用不了", "交了钱又说没交"
    ("paid_for_nothing", "dis", "钱费",
     r"(?:(?:钱|费)(?:都|也)?(?:交|花|付|扣|充|缴)了|(?:交|花|付|扣|充|缴)了(?:钱|费))" + _CLAUSE + r"{0,8}?"
     r"(?:用不了|没到|不能用|没法用|不给|没收到|还是不|还没|也没|都没|又说没|打不通|上不了)"),
    # never ordered what is charged: "我压根没开过", "我从来没用过", "我又没用这么多" (with a charge in
    # the turn: "我从来没办过信用卡 想问问" is a first-timer, see _CHARGED)
    ("unordered", "uno", "压根从又",
     r"(?:压根|根本|从来|我又)(?:就|都|也)?(?:没有?|从没)(?:开通|开过|开|办过|办理|订过|订|用过|用"
     r"|申请|同意|签过|签|要过|授权|点过|点)|从没(?:开|办|订|用|申请|同意)"),
)
_FRAMES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (name, grade, re.compile(pattern)) for name, grade, _, pattern in _FRAME_TABLE)
_CHARGED = re.compile(r"扣|收费|收了|费|钱|账单")
_THREAT_FRAME = re.compile("|".join(p for _, grade, _, p in _FRAME_TABLE if grade == "thr"))
_EARLY_FRAMES = frozenset(("rebuke", "asked_back"))  # read before the word lists (see turn_emotion)
ANGER_FRAME = re.compile("|".join(p for _, grade, _, p in _FRAME_TABLE if grade == "ang"))  # for complaint.py
ATTITUDE_FRAME = re.compile(next(p for name, _, _, p in _FRAME_TABLE if name == "attitude"))  # for complaint.py
# anchor character -> the frames (by index in _FRAMES) it may begin
_CHAR_FRAMES: dict[str, frozenset[int]] = {
    ch: frozenset(i for i, (_, _, anchors, _) in enumerate(_FRAME_TABLE) if ch in anchors)
    for _, _, anchors, _ in _FRAME_TABLE for ch in anchors}
_ANCHOR = re.compile("[" + "".join(_CHAR_FRAMES) + "]")
_NO_FRAMES: frozenset[int] = frozenset()


def anchored_frames(text: str) -> frozenset[int]:
    """The frames whose anchors occur in ``text`` (indexes into the frame table)."""
    found = _NO_FRAMES
    for ch in _ANCHOR.findall(text):
        found = found | _CHAR_FRAMES[ch]
    return found


def anchored_frames_of(texts: Sequence[str]) -> dict[int, frozenset[int]]:
    """``{k: anchored_frames(texts[k])}`` for the texts with an anchor, in one search over them all."""
    joined = "\n".join(texts)
    found: dict[int, frozenset[int]] = {}
    for m in _ANCHOR.finditer(joined):
        k = joined.count("\n", 0, m.start())
        found[k] = found.get(k, _NO_FRAMES) | _CHAR_FRAMES[m.group()]
    return found


# A polite request to hear it again: the customer's own confusion, not talk that got nowhere.
_POLITE_ASK = re.compile(r"不好意思|麻烦您?你?再|能不能再|再(?:讲|说)一遍")
# "妈的" opens an outburst at the start or after a filler or another curse, not after a possessor.
_CURSE_OPENS = frozenset(" ,.!?啊呀哎唉嗯靠草操")
# A frame that opens with its subject ("我真的要疯了") or with its own negation ("不是人干的") is not
# negated by a word before it: "一个电话都没有我真的要疯了" runs two clauses together.
_FRAME_SUBJECTS = frozenset("我你人他不")
# "生气" inside "我先生气管炎犯了": the 气 begins another word
_QI_COMPOUNDS = frozenset("管喘色温压象球味体候质息氛场势罐阀表泵站")
# Authorities that are no escalation (the company's own branches, the neighbourhood committee), and
# a question about how to complain ("怎么去工信部投诉" asks for information).
_NOT_OUTSIDE = re.compile(r"营业|总部|总公司|公司|居委|村委|物业")
_HOW_TO = re.compile(r"怎么|怎样|如何|咋|哪里|哪个|能不能|可以吗|可不可以")


def frame_threat_ok(text: str, start: int, end: int) -> bool:
    """Whether a threat frame found at ``start``..``end`` threatens (not "怎么去工信部投诉", "去营业厅投诉")."""
    return (_NOT_OUTSIDE.search(text, start, end) is None
            and _HOW_TO.search(text, max(0, start - 6), start) is None
            and _HOW_TO.search(text, end, end + 4) is None)


def frame_threats(text: str) -> list[tuple[int, int, str]]:
    """The threat frames in ``text`` (lower-cased, slips of 投诉 mended), for the complaint detector."""
    return [(m.start(), m.end(), m.group(0)) for m in _THREAT_FRAME.finditer(text)
            if frame_threat_ok(text, m.start(), m.end()) and not is_negated(text, m.start())]


# "航班说取消就取消", "说涨价就涨价": a decision made over the customer's head.
_ARBITRARY = re.compile(r"说([^\s,.!?;:，。！？；]{1,3})就\1")
# The customer calls themselves names: "我真是个笨蛋 把密码给忘了" abuses no one.
_SELF_BLAME = re.compile(r"我(?:真|真的|可真|就|简直|也)?(?:是|像)(?:个|一个)?$|我这个$")
# A hotline number is a threat only when the customer means to call it ("是12345吗" is not).
_DIAL_BEFORE = re.compile(r"[打找去上到向给拨报]\S{0,2}$")
_TOLD_TO_DIAL = re.compile(r"(?:让|叫|说让|告诉)我们?[打拨找]\S{0,2}$")
_DIAL_IN_TURN = re.compile(r"投诉|举报|反映|告你|曝光")
# "管不管得到/得了/得着": can it be handled, asked (not "你们到底管不管").
_CAN_REACH = ("得到", "得了", "得着")
# The hotline dialled passed the call on here: "打的12345他们说给我转过来", "打12345转到你们这".
_TRANSFERRED_HERE = re.compile(r"[^,.!?。，！？]{0,8}?(?:转过来|转到(?:你们|您们|这)|转给(?:你们|您们)|转接(?:过来|到)|给我转)")
# The number asked about, not dialled: "打12315还是12345", "12345是多少来着", "是12345吗"
_ASKED_NUMBER = re.compile(r"还是|吗|呢|是多少|是不是|对吧|对不对|是吧")
_NOT_MEDIA = re.compile(r"多媒体|流媒体")
_PORTING = frozenset({"携号转网", "我要转网"})
_PORT_REQUEST_BEFORE = re.compile(r"办|咨询|问一下|问问|怎么|如何|申请|了解")
_PORT_REQUEST_AFTER = re.compile(r"\s*(?:的|要|需要|怎么|如何|流程|手续|业务|有什么|能不能|可以吗|可不可以)")
_PORT_ULTIMATUM = re.compile(r"就|否则|不然|要不然|大不了|干脆|宁可|宁愿|再不|不行|不给|没法|受够|气死")
_NOT_EXPOSURE = re.compile(r"曝光(?:度|不足|过度|时间|补偿|模式|值)")
# Lawyers and the press threaten only when the customer means to turn to them ("我要找律师",
# "请律师起诉你们", "找电视台", "律师函"); "我是一个律师", "你们电视台的节目几点播" do not.
# "法院" too: "我是在法院上班的" is no threat, "我要去法院起诉你们" is.
_OUTLETS = frozenset({"律师", "电视台", "记者", "报社", "报纸", "媒体", "央视", "焦点访谈"})
# A court threatens with a lawsuit in the turn or "告到/闹到/上法院", "法院见": "我要去法院办个证明"
# and "我是在法院上班的" do not.
_COURT_BEFORE = re.compile(r"(?:告到|闹到|打到|告上|上)$")
_COURT_AFTER = re.compile(r"见|起诉|告")
# Authorities by short name ("市监局", "住建局") threaten only with a complaint word in the turn.
_AUTHORITIES = frozenset({"市监局", "市场监督管理局", "质监局", "物价局", "住建局", "卫健委", "人社局", "税务局",
                          "城管局", "金融监管", "通管局", "网信办"})
_COMPLAIN_IN_TURN = re.compile(r"投诉|举报|反映|告你|告他|曝光|申诉|检举")
_TURN_TO_BEFORE = re.compile(r"[找请问叫让给跟向去上到打告诉联系咨询委托聘]\S{0,3}$")
_TURN_TO_AFTER = re.compile(r"函|来|会找|起诉|告|曝光|打官司")
_OUTLET_IN_TURN = re.compile(r"曝光|起诉|打官司|告你|法院|发到网上|让大家|评评理")
# Calling the police is done, not threatened, when the customer already did it about a
# crime ("我被骗了 已经报警了", "报过警了"): a threat is "我要报警", "再不退我就报警".
# Hotline numbers as ASR writes spoken digits ("我就打幺二三四五"): checked like "12345".
_SPOKEN_HOTLINES = frozenset({"幺二三四五", "一二三四五", "幺二三幺五", "一二三一五", "幺二三一五", "一二三幺五", "三幺五"})
_DIGIT_CHARS = frozenset("0123456789零〇一二三四五六七八九幺两")
_REPORTED_TO_POLICE = re.compile(r"(?:已经|刚刚?|也|都)报警")
# Whether to go to the police, asked: "那我在日本也要报警吗" (field call 408, a stolen card abroad),
# "要不要报警", "需不需要先报警".
_POLICE_ASKED_AFTER = re.compile(r"[^，。,.!?！？]{0,3}?(?:吗|么)")
# The customer agrees to the agent's advice to call the police (field call 445: "建议您尽快拨打幺幺零报警" /
# "好好我等下就报警"): an agreement opens the turn and a when or a going comes before the word.
# Also the steps the agent gave, said back: "清楚了先报警明天带回执去网点" (field call 602).
_POLICE_AGREED = re.compile(r"^(?:嗯|哦|噢|啊)*(?:好的|好好|好|行|可以|知道了|明白了|清楚了|懂了|记住了)+(?:好|行|的)*"
                            r"[,，\s]*我?"
                            r"(?:等下|等一下|等会儿?|一会儿?|马上|这就|回头|待会儿?|明天|今天|现在|先)(?:就|去|再)?"
                            r"(?:去|打|拨打)?(?:幺幺零|一一零|110)?$")
_POLICE_ASKED_BEFORE = re.compile(r"(?:要不要|需不需要|用不用|是不是要|是否需?要?)[^，。,.!?！？]{0,3}$")
# The agent's advice said back in surprise: "还要报警啊" (field call 905, told to report a stolen card).
_POLICE_ECHOED = re.compile(r"(?:还|也|都)(?:要|得|需要)$")
_ONLY_PARTICLES = re.compile(r"[啊呀呢吗么哦?？]*$")


# Someone else about to call the police, with no 我 in between: "他在那边打电话叫人说要(报警)", "对方说去(报警)".
_OTHER_CALLS_POLICE = re.compile(r"(?:他|她|对方|司机|人家)们?[^我你您，。,.!?！？]{0,12}$")


def is_real_threat(text: str, start: int, end: int, word: str) -> bool:
    """Whether a threat-lexicon match in ``text`` is meant as a threat.

    Hotline numbers need a verb of calling before them or a complaint word in the turn;
    "多媒体" and camera "曝光度" are not threats.
    """
    if ("说" in text or "讲" in text) and not_own(text, start, end, may_quote(text)):
        return False  # "我邻居说要打12345投诉物业": a third party's intention, reported
    if word == "报警" and text.startswith(("器", "装置", "系统", "灯", "按钮"), end):
        return False  # "上门卖那个什么报警器" (field call 1160): a device named
    if word.isdigit() or word in _SPOKEN_HOTLINES:
        if (start > 0 and text[start - 1] in _DIGIT_CHARS) or (end < len(text) and text[end] in _DIGIT_CHARS):
            return False  # inside a longer number: "幺三九零一二三四五六七" is a phone number
        if _ASKED_NUMBER.match(text, end) or text.endswith("还是", 0, start) or text.endswith("是", 0, start):
            return False  # "投诉的话打12315还是12345": which number, asked; "喂是一二三四五不": the line checked
        if _TRANSFERRED_HERE.match(text, end):
            return False  # "我刚打的12345他们说给我转过来" (field call 1007): the hotline passed the call on here
        if any(not imagined(text, dm.start()) for dm in _DIAL_IN_TURN.finditer(text)):
            return True  # (an imagined "要是投诉的话" is no complaint in the turn)
        # "他们让我打12345问问": told to call it, the customer does not threaten to
        return bool(_DIAL_BEFORE.search(text[max(0, start - 4):start])
                    and not _TOLD_TO_DIAL.search(text[max(0, start - 6):start]))
    if word == "法院":
        return bool(_COURT_BEFORE.search(text, max(0, start - 2), start) or _COURT_AFTER.match(text, end)
                    or _OUTLET_IN_TURN.search(text[:start] + text[end:]))
    if word in _AUTHORITIES:
        return _COMPLAIN_IN_TURN.search(text) is not None
    if word in _OUTLETS:
        if word == "媒体" and _NOT_MEDIA.match(text, max(0, start - 1)):
            return False
        return bool(_TURN_TO_BEFORE.search(text[max(0, start - 4):start])
                    or _TURN_TO_AFTER.match(text, end)
                    or _OUTLET_IN_TURN.search(text[:start] + text[end:]))
    if word == "报警":
        if _OTHER_CALLS_POLICE.search(text, max(0, start - 14), start):
            return False  # "他在那边打电话叫人说要报警": the other driver's step, not the customer's threat (344)
        if _POLICE_ASKED_AFTER.match(text, end) or _POLICE_ASKED_BEFORE.search(text, max(0, start - 8), start):
            return False  # "那我在日本也要报警吗": asked what to do, no threat
        if _POLICE_AGREED.match(text[:start]):
            return False  # "好好我等下就报警": the agent's advice taken (445)
        if _POLICE_ECHOED.search(text, max(0, start - 3), start) and _ONLY_PARTICLES.match(text, end):
            return False  # "还要报警啊": the advice said back in surprise (905)
        return not _REPORTED_TO_POLICE.search(text, max(0, start - 3), end)
    if word == "曝光":
        return not _NOT_EXPOSURE.match(text, start)
    if word in _PORTING:
        # "我要办携号转网", "携号转网怎么办理": a request for the service, not a threat to leave
        if _PORT_REQUEST_BEFORE.search(text[max(0, start - 8):start]) or _PORT_REQUEST_AFTER.match(text, end):
            return False
        # a threat to leave is an ultimatum ("再不解决我就携号转网", "大不了转网"); the bare
        # words ("那个携号转网", the request of a porting call cut into sentences) are a topic
        return _PORT_ULTIMATUM.search(text[:start]) is not None
    return True


@dataclass(frozen=True, slots=True)
class TurnEmotion:
    """The emotion of one customer turn, with the cues that fired and where they are."""

    utterance: int
    emotion: Emotion
    score: float
    cues: tuple[str, ...]
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class EmotionTrend:
    """How the customer's emotion began, peaked and ended (CUS001).

    ``start`` is the strongest emotion of the first three customer turns, ``end`` that of
    the last two (so that a closing "好的再见" does not hide a customer who stayed angry),
    ``peak`` the strongest of the call. ``de_escalated`` is True when the call ends calmer
    than it began, or calmer than an angry or abusive peak reached later.
    """

    start: Emotion
    end: Emotion
    peak: Emotion
    de_escalated: bool


# ASR slips of 投诉 ("偷诉", "头诉", "投述"), read as the word: same length, offsets kept.
_COMPLAINT_SLIPS = re.compile(r"偷诉|头诉|投述|偷述")
_PENDING_REACH = 26  # how far _PENDING looks ahead for "到现在…", plus the cue's own start
# The customer asks after a matter: "想问一下", "查一下进度", "帮我看看".
_ASKS_AFTER = re.compile(r"问一下|问问|问下|查一下|查查|进度|帮我看|帮忙看|麻烦")


def without_slips(text: str) -> str:
    """``text`` with the ASR slips of 投诉 written as 投诉 and the northern "俺" as 我 ("俺不管", "气死俺了"),
    so that the word lists read them (the length never changes)."""
    if "俺" in text:
        text = text.replace("俺", "我")
    if "诉" not in text and "述" not in text:
        return text
    return _COMPLAINT_SLIPS.sub("投诉", text)


# The customer takes it back as a joke: "你说的是人话吗 哈哈开个玩笑", "都等三天了 开玩笑的 不急"
# (not "开玩笑吧 这么贵", "你开什么玩笑": those ask whether the agent is joking).
_JOKING = re.compile(r"开个玩笑|开玩笑的|开玩笑啦|开玩笑哈|说着玩的|逗你玩|逗你的")


def _retracted(text: str, cues: Sequence[tuple[int, str]]) -> bool:
    """Whether every cue stands before the customer's "开个玩笑" (the turn is a joke)."""
    joke = _JOKING.search(text)
    return joke is not None and all(at < joke.start() for at, _ in cues)


def _frames(text: str, anchored: frozenset[int]) -> list[tuple[str, str, re.Match[str]]]:
    """The matches in ``text`` of the frames anchored there, in table order: (name, grade, match)."""
    found: list[tuple[str, str, re.Match[str]]] = []
    for i in sorted(anchored):
        name, grade, pattern = _FRAMES[i]
        first = pattern.search(text)  # (most anchored turns hold no frame: one search, no iterator)
        if first is not None:
            found.append((name, grade, first))
            found.extend((name, grade, m) for m in pattern.finditer(text, first.end()))
    return found


def turn_emotion(utterance: Utterance, lex: LexScan | None = None, *,
                 anchored: frozenset[int] | None = None) -> TurnEmotion:
    """Score one turn's text (any role; callers pass customer turns).

    ``lex`` is the turn's :func:`~hotline_qa.analyzers.lexicon.scan` of the lower-cased
    text when the caller already has it, ``anchored`` its :func:`anchored_frames`.
    """
    text = without_slips(utterance.text.lower())
    if lex is None:
        lex = scan(text)
    idx = utterance.index
    has_le = "了" in text
    has_bang = "!" in text
    has_complain = "投诉" in text
    arbitrary = "就" in text and _ARBITRARY.search(text) is not None
    shabby = "破" in text or "跑" in text
    if anchored is None:
        anchored = anchored_frames(text)
    frames = _frames(text, anchored) if anchored else ()
    if lex.empty and not frames and not has_bang and not has_complain and not arbitrary and not (
            shabby) and not (has_le and (_WAITED.search(text) or ("太" in text and _TOO.search(text)))) and not (
            ("现在" in text or "至今" in text) and _PENDING.search(text)):
        return TurnEmotion(idx, Emotion.CALM, 0.0, ())  # no cue of any kind
    cues: list[tuple[int, str]] = []
    spans: list[Span] = []
    score = 0.0
    anger_grade = False
    taken: list[tuple[int, int]] = []
    original = utterance.text

    def add(start: int, end: int, word: str) -> None:
        cues.append((start, word))
        spans.append(Span(idx, start, end, original[start:end]))
        taken.append((start, end))

    def overlaps(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in taken)

    neutral = lex.find("emotion_neutral")

    def cues_of(name: str) -> list[LexMatch]:
        found = lex.find(name)
        if not neutral or not found:
            return found
        return [m for m in found if not any(n.start <= m.start and m.end <= n.end for n in neutral)]

    hearsay = may_quote(text)
    abusive = False
    interjections: list[LexMatch] = []
    for m in cues_of("emotion_abusive"):
        if not is_negated(text, m.start, m.end) and not _SELF_BLAME.search(text, max(0, m.start - 6), m.start):
            if is_quoted(text, m.start, m.end):
                # "他们说你们是骗子": someone else's insult; checked, or not naming the listener ("有个人说
                # 那个快递员是混蛋"), no cue at all, else displeasure
                if not not_own(text, m.start, m.end, hearsay):
                    score += W_DISSATISFIED
                    add(m.start, m.end, m.word)
                continue
            if m.word in _INTERJECTIONS:
                interjections.append(m)  # decided once the turn's other cues are counted
                continue
            if m.word in _PLAIN_WORDS and _asks_plain_words(text, m.start, m.end):
                score += W_ANGRY
                anger_grade = True
                add(m.start, m.end, m.word)
                continue
            if m.word in _THIRD_PARTY_INSULTS:
                aim = _aimed_at_listener(text, m.start, m.end)
            elif vented_at_third_party(text, m.start, m.end, m.word in _CURSES):
                # "楼上那个邻居真是个混蛋", "他妈的那个骗子把我钱骗走了": venting, not abuse of the agent
                score += W_DISSATISFIED
                add(m.start, m.end, m.word)
                continue
            else:
                aim = True
            if aim is None:
                continue  # "真的是骗子啊", "帮骗子卖假票": the scammer is someone else
            if not aim:  # "你们不会也是骗子吧": suspicion, asked
                score += W_DISSATISFIED
                add(m.start, m.end, m.word)
                continue
            abusive = True
            add(m.start, m.end, m.word)
    for m in cues_of("emotion_rage"):
        if (not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end)
                and not (not_own(text, m.start, m.end, hearsay))):
            score += W_RAGE
            anger_grade = True
            add(m.start, m.end, m.word)
    for m in cues_of("emotion_angry"):
        if (not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end)
                and not (not_own(text, m.start, m.end, hearsay))
                and not (m.word[-1] == "气" and text[m.end:m.end + 1] in _QI_COMPOUNDS)
                and not ("赔" in m.word and owed_by_third_party(text, m.start))
                # "这个事你们管不管得到啊" (field call 1042): whether it is the hotline's to handle, asked
                and not (m.word.endswith("管不管") and text.startswith(_CAN_REACH, m.end))):
            score += W_ANGRY
            anger_grade = True
            add(m.start, m.end, m.word)
    for m in cues_of("complaint_threats"):
        if (not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end)
                and is_real_threat(text, m.start, m.end, m.word)):
            score += W_THREAT
            anger_grade = True
            add(m.start, m.end, m.word)
    if has_complain:
        threats = [*_THREAT_COMPLAINT.finditer(text), *_THREAT_COMPLAINT_SOMEWHERE.finditer(text)]
        for tm in threats:
            at = text.index("投诉", tm.start())
            if (not overlaps(tm.start(), tm.end()) and not is_negated(text, tm.start())
                    and not not_meant(text, at) and not imagined(text, at)
                    and not complaint_about_third_party(text, tm.end())
                    and not (hearsay and is_quoted(text, tm.start(), tm.end()))):
                score += W_THREAT
                anger_grade = True
                add(tm.start(), tm.end(), tm.group(0))
    for name, _kind, fm in frames:
        # a rebuke of the agent weighs like an anger word, and takes its words before the bare "什么态度" can;
        # so does an accusation of bad faith asked back, before its "坑人" ("这不是坑人吗", field call 356)
        if (name in _EARLY_FRAMES and not overlaps(*fm.span())
                and not not_own(text, fm.start(), fm.end(), hearsay)):
            score += W_ANGRY
            anger_grade = True
            add(fm.start(), fm.end(), fm.group(0))
    sincere = _SINCERE.search(text) is not None and not lex.find("emotion_irony")  # ("我真是谢谢你们了" mocks)
    for m in cues_of("emotion_dissatisfied"):
        if (not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end)
                and not (not_own(text, m.start, m.end, hearsay))
                and not (sincere and m.word in _MOCK_PRAISE)
                and not (m.word == "受不了" and _BODILY_BEFORE.search(text, max(0, m.start - 3), m.start))):
            score += W_DISSATISFIED
            add(m.start, m.end, m.word)
    for name, kind, fm in frames:
        f_start, f_end = fm.span()
        if not_own(text, f_start, f_end, hearsay) or (name == "futile" and _POLITE_ASK.search(text)):
            continue  # ("说了半天还是没太明白 不好意思麻烦再讲一遍": confusion, asked politely)
        if kind == "abu":
            if _SELF_BLAME.search(text, max(0, f_start - 6), f_start) or (
                    name == "curse_open" and f_start and text[f_start - 1] not in _CURSE_OPENS):
                continue
            if is_quoted(text, f_start, f_end) or vented_at_third_party(
                    text, f_start, f_end, name in ("kin_curse", "curse_open")):
                score += W_DISSATISFIED  # "我朋友都说你们是一群猪": someone else's insult
            else:
                abusive = True
        elif overlaps(f_start, f_end) or (text[f_start] not in _FRAME_SUBJECTS and is_negated(text, f_start)):
            continue  # (a word already counted is not counted again: "你们就是忽悠人的")
        elif kind == "ang":
            score += W_ANGRY
            anger_grade = True
        elif kind == "thr":
            if not frame_threat_ok(text, f_start, f_end):
                continue
            score += W_THREAT
            anger_grade = True
        elif (kind == "uno" or name == "so_much") and _CHARGED.search(text) is None:
            continue  # "我从来没办过信用卡 想问问": a first-timer, not a charge disputed
        else:
            score += W_DISSATISFIED
        add(f_start, f_end, fm.group(0))
    if has_le:
        for wm in _WAITED.finditer(text):
            if not overlaps(wm.start(), wm.end()) and not own_effort(text, wm.start()):
                score += W_DISSATISFIED
                add(wm.start(), wm.end(), wm.group(0))
    if arbitrary:
        for am in _ARBITRARY.finditer(text):
            if not overlaps(am.start(), am.end()):
                score += W_DISSATISFIED
                add(am.start(), am.end(), am.group(0))
    if shabby:
        for sm in (*_SHABBY.finditer(text), *_ERRANDS.finditer(text)):
            if not overlaps(sm.start(), sm.end()) and not is_negated(text, sm.start()) \
                    and not _ERRAND_FEARED.search(text, max(0, sm.start() - 3), sm.start()):
                # ("要带什么东西啊我怕跑两趟", field call 1184: a trip feared, none made)
                score += W_DISSATISFIED
                add(sm.start(), sm.end(), sm.group(0))
    if "现在" in text or "至今" in text:
        for pm in _PENDING.finditer(text):
            # "想问一下进度 上个月就办了到现在还没拿到": asking after a long-pending matter is one
            # grievance, counted once ("到现在还没" already is); told without asking, it weighs more
            if not overlaps(pm.start(), pm.end()) and not (_ASKS_AFTER.search(text) and any(
                    pm.end() <= at < pm.end() + _PENDING_REACH for at, _ in cues)):
                score += W_DISSATISFIED
                add(pm.start(), pm.end(), pm.group(0))
    if score:
        # irony beside a grievance: "我真是谢谢你们了 修了三回还是坏的"; alone it is calm
        # (read after every other cue: "电梯坏了两个月 … 你们物业真是服务周到啊", field call 1019)
        for m in cues_of("emotion_irony"):
            if not overlaps(m.start, m.end) and not is_negated(text, m.start, m.end):
                score += W_DISSATISFIED
                add(m.start, m.end, m.word)
    intensity = 0.0
    for m in cues_of("emotion_intensifiers"):
        if not overlaps(m.start, m.end):
            intensity += W_INTENSIFIER
            add(m.start, m.end, m.word)
    if has_le and "太" in text:
        for too in _TOO.finditer(text):
            if too.group(1) not in _TOO_POSITIVE and not is_negated(text, too.start()) and not (
                    too.group(1) == "贵" and _CHEAPER_CHOICE.search(text)):
                intensity += W_TOO
                add(too.start(), too.end(), too.group(0))
    score += min(intensity, MAX_INTENSIFIERS)
    if interjections and (abusive or score >= DISSATISFIED_FROM):
        # "卧槽 又断网了": a curse beside a grievance; "卧槽 这么快就到账了": surprise, no cue at all
        abusive = True
        for m in interjections:
            add(m.start, m.end, m.word)
    if has_bang:
        strong = list(_STRONG_EXCLAIM.finditer(text))
        if strong:
            anger_grade = True
            score += min(W_STRONG_EXCLAIM * len(strong), MAX_STRONG_EXCLAIM)
            for sm in strong:
                add(sm.start(), sm.end(), sm.group(0))
        singles = text.count("!") - sum(m.group(0).count("!") for m in strong)
        if singles > 0:
            score += min(W_EXCLAIM * singles, MAX_EXCLAIM)
            cues.append((text.index("!"), "!"))
        if singles >= SHOUTED_SENTENCES or _DEMAND.search(text):
            anger_grade = True
    if not cues or (("玩" in text or "逗你" in text) and _retracted(text, cues)):
        return TurnEmotion(idx, Emotion.CALM, 0.0, ())
    score = min(score, 1.0)
    if abusive:
        emotion, score = Emotion.ABUSIVE, 1.0
    elif score >= ANGRY_FROM and anger_grade:
        emotion = Emotion.ANGRY
    elif score >= DISSATISFIED_FROM:
        emotion, score = Emotion.DISSATISFIED, min(score, DISSATISFIED_MAX)
    else:
        emotion = Emotion.CALM
    spans.sort(key=lambda sp: sp.start)
    words = tuple(dict.fromkeys(w for _, w in sorted(cues)))
    return TurnEmotion(idx, emotion, round(score, 3), words, tuple(spans))


def customer_emotions(call: Call, scans: Mapping[int, LexScan] | None = None) -> tuple[TurnEmotion, ...]:
    """One :class:`TurnEmotion` for each customer turn, in call order.

    ``scans`` maps utterance indexes to their lexicon scans (see :func:`scan_customer_turns`).
    """
    turns = [u for u in call.utterances if u.role is Role.CUSTOMER]
    anchored = anchored_frames_of([u.text for u in turns])
    get = anchored.get
    if scans is None:
        own = [turn_emotion(u, anchored=get(k, _NO_FRAMES)) for k, u in enumerate(turns)]
    else:
        own = [turn_emotion(u, scans.get(u.index), anchored=get(k, _NO_FRAMES)) for k, u in enumerate(turns)]
    return tuple(_by_speaking_turn(call, turns, own, scans))


# Marks that end a sentence said whole.
_SAID_WHOLE = ("。", "！", "？", "!", "?", ".", "…", "~")


def _by_speaking_turn(call: Call, turns: list[Utterance], own: list[TurnEmotion],
                      scans: Mapping[int, LexScan] | None = None) -> list[TurnEmotion]:
    """Sentence emotions with each cut-up run of one speaking turn (``Call.turn_of``) scored whole.

    ASR cuts one outburst into sentences of 6-9 characters ("我是学生啊你们" / "也太黑了吧我同学" /
    "也说你们这个自动" / "续费就是个坑专门" / "坑人的…"): each holds one mild cue, the turn many. A turn
    typed on one line is scored whole, as one utterance with one emotion; so is a run of sentences
    the ASR cut off mid-way (no sentence-final mark between them): when the run's emotion is
    stronger than any of its sentences', its last sentence (the words the agent answers) takes it,
    keeping its own cue spans; the others keep their own, so that counts of upset sentences do not
    grow with the cutting. Sentences said whole ("我的卡被盗刷了。") keep their own. A run of calm
    sentences is read whole too when one of them holds a lexicon word whose sense the run gives
    ("你们平台" / "就是一帮骗子": the insult's addressee in the sentence before, field call 573)."""
    turn_of = call.turn_of
    groups: list[list[int]] = []
    last_turn: int | None = None
    for k, u in enumerate(turns):
        t = turn_of.get(u.index)
        if t is not None and t == last_turn and not turns[groups[-1][-1]].text.rstrip().endswith(_SAID_WHOLE):
            groups[-1].append(k)  # the sentence before was cut off mid-way: this one goes on with it
        else:
            groups.append([k])
        last_turn = t
    for ks in groups:
        if len(ks) < 2 or (all(own[k].score == 0.0 for k in ks) and (
                scans is None or all(_no_words(scans.get(turns[k].index)) for k in ks))):
            continue
        first = turns[ks[0]]
        joined = turn_emotion(replace(first, text="".join(turns[k].text for k in ks)))
        strongest = max((own[k] for k in ks), key=lambda e: (e.emotion.level, e.score))
        if joined.emotion is Emotion.CALM and strongest.emotion is Emotion.DISSATISFIED:
            # the turn read whole is calm: what made a sentence of it mildly displeased reads otherwise in
            # the turn's context ("我想把这个套餐降一下" / "现在一百九十九的" / "太贵了我根本" / "用不完": a reason)
            for k in ks:
                if own[k].emotion is Emotion.DISSATISFIED:
                    own[k] = TurnEmotion(own[k].utterance, Emotion.CALM, 0.0, ())
            continue
        if (joined.emotion.level, joined.score) > (strongest.emotion.level, strongest.score):
            last = own[ks[-1]]
            own[ks[-1]] = TurnEmotion(last.utterance, joined.emotion, joined.score, joined.cues, last.spans)
        elif joined.emotion is not Emotion.ABUSIVE:
            # "什么光衰听不懂" / "你说人话行不行" (field call 634): plain words asked for after jargon the
            # sentence before did not understand, angry, not abuse
            for k in ks:
                if own[k].emotion is Emotion.ABUSIVE and _PLAIN_WORDS.intersection(own[k].cues):
                    own[k] = TurnEmotion(own[k].utterance, joined.emotion, joined.score, joined.cues, own[k].spans)
    return own


def _no_words(lex: LexScan | None) -> bool:
    return lex is None or lex.empty


def scan_customer_turns(call: Call) -> dict[int, LexScan]:
    """The lexicon scan of every customer turn, by utterance index, to share between analyzers."""
    turns = [u for u in call.utterances if u.role is Role.CUSTOMER]
    return {u.index: lex for u, lex in zip(turns, scan_texts([without_slips(u.text.lower()) for u in turns]),
                                           strict=True)}


def emotion_trend(emotions: Sequence[TurnEmotion]) -> EmotionTrend:
    """Start, end and peak of the customer's emotion, and whether the agent calmed it down."""
    if not emotions:
        return EmotionTrend(Emotion.CALM, Emotion.CALM, Emotion.CALM, False)

    def strongest(items: Sequence[TurnEmotion]) -> Emotion:
        return max([e.emotion for e in items], key=_LEVELS.__getitem__)  # the first strongest

    start = strongest(emotions[:3])
    end = strongest(emotions[-2:]) if len(emotions) > 3 else emotions[-1].emotion
    peak = strongest(emotions)
    de_escalated = end.level < start.level or (peak.level >= Emotion.ANGRY.level and end.level < peak.level)
    return EmotionTrend(start, end, peak, de_escalated)
