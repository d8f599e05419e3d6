"""Promises of a later action made by the agent, with their deadlines (SOL002, TAB005, AFT005).

A commitment is an agent clause in which the agent (我/我们/这边/专人…) undertakes a later
action — 回电, 反馈, 处理, 上门, 核实, 跟进, 上报, 安排, 退款, 寄送 — marked as future
(会/将/稍后/尽快/帮您/给您… or a deadline). Not commitments: the customer's words,
questions ("需要我给您回电吗?"), past actions ("已经帮您处理好了"), negated ones
("不会给您回电"), things the customer is told to do ("您可以拨打…联系"), and checks done
during the call ("我帮您查一下", and "请您提供一下订单号, 我帮您核实处理": a check right
after a request for a detail), aims ("我们的目标是帮您把问题解决") and notices the system
sends by itself ("到账以后会有短信通知您", "稍后会有短信通知": decided not the agent's
promise, so no SOL002 for a missing time frame). A proposal asking for consent
("两小时内给您回电可以吗?") and "等通知吧" (a notice will come) are commitments; money
"打到您的银行卡上" is one too (action 退款). A range "三到五个工作日" keeps its wording and is
due at its later bound.

Clauses are split on punctuation and, for unpunctuated ASR text, before cue words
(然后, 另外, 好的, 还有, 您看, 请问, 那我…). Deadlines are normalised against ``now``
(the call's start, plus the utterance's offset when known): "两小时内", "半小时",
"30分钟内", "今天下班前", "明天上午", "后天", "下周一", "3天内", "2个工作日内" (on the
working-day calendar), "月底前", "10月5日", "10号", "下午三点前" (a bare clock time already
past is the next day's), "节后第一个工作日", "国庆节后", "过完年" (the first working day after
the holiday the call is in, or the next one of that name).
"""

from __future__ import annotations

import calendar as _cal
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import NamedTuple

from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.text.hesitation import lead_hesitation, without_inner_hesitations
from hotline_qa.text.numbers import chinese_to_int, parse_quantity

END_OF_DAY = time(23, 59, 59)
END_OF_WORK = time(18, 0)  # "下班前"
DAY_PARTS = {"上午": time(12, 0), "一早": time(12, 0), "早上": time(12, 0), "中午": time(13, 0), "下午": time(18, 0), "傍晚": time(19, 0),
             "晚上": time(22, 0), "夜里": END_OF_DAY, "半夜": END_OF_DAY, "深夜": END_OF_DAY, "凌晨": time(6, 0)}
# The parts of the night: "夜里十二点" is midnight, "夜里两点" the small hours after it.
_NIGHT = frozenset(("晚上", "夜里", "半夜", "深夜", "今晚", "明晚"))
ABSOLUTE_WORDS = ("百分之百", "百分百", "一定", "保证", "绝对", "肯定", "必须")
_ABSOLUTE_RE = re.compile("|".join(ABSOLUTE_WORDS))

# Matched verb -> canonical action. Order of ACTION_PRIORITY decides between several verbs
# in one clause: the action the customer will notice wins ("反馈给相关部门处理" -> 反馈).
_VERBS: tuple[tuple[str, str], ...] = (
    ("安排师傅上门", "上门"), ("上门", "上门"), ("派师傅", "上门"), ("派人", "上门"),
    ("到达现场", "上门"), ("赶到", "上门"), ("到场", "上门"), ("到达", "上门"),
    ("到您家", "上门"), ("到您那", "上门"),  # "师傅两个小时之内就能到您家(那边)"
    ("回电话", "回电"), ("回个电话", "回电"), ("回电", "回电"), ("回拨", "回电"), ("致电", "回电"),
    ("打电话", "回电"), ("打给您", "回电"), ("给您打", "回电"), ("电话联系", "回电"),
    ("打个电话", "回电"),  # "回头我们 / 再给您儿子 / 打个电话" (field call 745)
    # "会有送水师傅打您这个电话" (field call 711)
    ("打您电话", "回电"), ("打您这个电话", "回电"), ("打您的电话", "回电"), ("打您手机", "回电"),
    ("联系您", "回电"), ("与您联系", "回电"), ("和您联系", "回电"), ("跟您联系", "回电"),
    ("联系你", "回电"), ("与您沟通", "回电"), ("和您沟通", "回电"), ("跟您沟通", "回电"), ("回过来", "回电"), ("打回来", "回电"), ("回给您", "回电"), ("联系", "联系"),
    ("反馈", "反馈"), ("回复", "反馈"), ("答复", "反馈"), ("告知", "反馈"), ("通知", "反馈"),
    ("回个话", "反馈"), ("告诉您", "反馈"), ("告诉你", "反馈"),
    # "有消息了再跟您说": a later word to the customer (only after a later marker, ``_SAY_VERBS``)
    ("跟您说", "反馈"), ("和您说", "反馈"), ("给您说", "反馈"), ("跟您讲", "反馈"), ("跟你说", "反馈"),
    ("退款", "退款"), ("退费", "退款"), ("退还", "退款"), ("退回", "退款"), ("返还", "退款"), ("补偿", "退款"),
    ("赔偿", "退款"), ("退到", "退款"), ("退给您", "退款"), ("打到", "退款"), ("打款", "退款"), ("汇到", "退款"), ("汇款", "退款"),
    ("补发", "寄送"), ("邮寄", "寄送"), ("寄给您", "寄送"), ("寄到您", "寄送"), ("寄过去", "寄送"), ("寄出", "寄送"),
    ("发货", "寄送"), ("发到您", "寄送"), ("发给您", "寄送"),
    # "把水给您送到家门口" (field call 711): brought to the door
    ("给您送到", "寄送"), ("给您送过去", "寄送"), ("送到您家", "寄送"),
    ("处理", "处理"), ("解决", "处理"), ("办理", "处理"), ("落实", "处理"), ("协调", "处理"),
    ("维修", "处理"), ("修好", "处理"), ("更换", "处理"),
    ("跟进", "跟进"), ("跟踪", "跟进"), ("催办", "跟进"), ("催促", "跟进"), ("催一下", "跟进"),
    ("上报", "上报"), ("提交", "上报"), ("转交", "上报"), ("转给", "上报"), ("升级", "上报"),
    ("报给", "上报"),
    # passed up the line: "我这边给您反馈上去" (on the call, like "提交"), not an answer to the customer
    ("反馈上去", "上报"), ("反映上去", "上报"), ("报上去", "上报"), ("提交上去", "上报"), ("递交上去", "上报"),
    ("核实", "核实"), ("核查", "核实"), ("查询", "核实"), ("调查", "核实"), ("查一下", "核实"),
    ("查清", "核实"), ("确认", "核实"),
    ("安排", "安排"),
    ("上去看看", "上门"), ("过去看看", "上门"),
    # "我让保安 / 过去看一下" (field call 808)
    ("上去看一下", "上门"), ("过去看一下", "上门"), ("上去看下", "上门"), ("过去看下", "上门"),
)
# A later notice by mail or text ("审核通过了会给您发邮件"): a promise only after a later marker or
# an awaited event, as "查一下" ("我现在给您发短信" is done now).
_NOTICE_VERBS: tuple[tuple[str, str], ...] = (("发邮件", "反馈"), ("发邮箱", "反馈"), ("发短信", "反馈"),
                                              # "那这样我回头把 / 报价单发您微信上" (field call 726)
                                              ("发您微信", "反馈"), ("发到您微信", "反馈"), ("发微信", "反馈"))
# ... and a text sent "some day" ("回头"), not at once: "好的幺三六…回头给您发过去您注意查收" (field call 1152),
# "延保的详细条款回头我让同事给您发个短信" (1030); "我一会儿也可以给您发个短信" (1112) and "会给您发一条短信" (893)
# are sent now.
_SENT_SOMEDAY_VERBS: tuple[tuple[str, str], ...] = (("给您发过去", "反馈"), ("给你发过去", "反馈"),
                                                    ("发个短信", "反馈"), ("发条短信", "反馈"), ("发一条短信", "反馈"))
_NOTICE_VERBS = _NOTICE_VERBS + _SENT_SOMEDAY_VERBS
_SENT_SOMEDAY = frozenset(v for v, _ in _SENT_SOMEDAY_VERBS)
_SOMEDAY = re.compile(r"回头|改天|过两天|过几天|之后再")
# The agent who says "你" makes the same promises: "发到你邮箱", "退给你", "打给你" (POL001 judges the 你).
_VERBS = _VERBS + _NOTICE_VERBS + tuple(
    (v.replace("您", "你"), a) for v, a in _VERBS if "您" in v and v.replace("您", "你") not in dict(_VERBS))
ACTION_PRIORITY = ("上门", "回电", "反馈", "退款", "寄送", "处理", "跟进", "上报", "核实", "安排", "联系")
_VERB_ACTION = dict(_VERBS)
_VERB_RE = re.compile("|".join(re.escape(v) for v, _ in sorted(_VERBS, key=lambda p: -len(p[0]))))
_IMMEDIATE = frozenset({"核实"})  # "我帮您查一下" is done now, on the call
# Verbs of an act done now whatever their action: "麻烦您报一下订单号 我帮您催一下" (a reminder
# sent on the call, like "查一下").
_IMMEDIATE_VERBS = frozenset({"催一下", *(v for v, _ in _NOTICE_VERBS)})
# Saying verbs, common in what is said now ("我跟您说一下"): a promise only after a later
# marker or a awaited event ("有消息了再跟您说", "到时候跟您说").
_SAY_VERBS = frozenset({"跟您说", "和您说", "给您说", "跟您讲", "跟你说", "和你说", "给你说", "跟你讲"})
# An awaited event the act follows: "有消息了(再)跟您说", "有结果了通知您" (a later act).
# Also a step of the case done: "审核通过了(会给您发邮件)", "核实完以后", "办好了" (the act follows it).
_EVENT_READY = re.compile(r"有(?:消息|结果|进展|回复|答复|回音|眉目|准信|定论)了|结果出来"
                          r"|(?:审核|审批|核实|核查|处理|办理|申诉|调查)(?:通过|完成|完毕|完|好|结束)(?:了|后|以后|之后)")
_SAY_LATER = re.compile(r"再(?!次|见)|到时|届时|回头|稍后|稍候|随后|之后|以后|晚点|等会|待会|一会")
# The offer to explain again whatever is unclear, now on the call: "还有哪里不清楚的我再给您说".
_UNCLEAR_OFFER = re.compile(r"(?:哪里|哪儿|什么|哪些|有)(?:地方)?(?:还)?(?:不清楚|不明白|没听懂|没听明白|没明白|不懂|听不懂)")
# ("我再跟您说几点您记一下", field call 1016: a few points said now, not "到时候再跟您说几点上门")
_SAY_NOW_AFTER = re.compile(r"一|声|明|清|过|了|的|个|吧|啊|哈|呀|句|件|点|下|实话|真的"
                            r"|[几两三](?:点|条|句|件事)(?:注意事项|事项|建议)?(?=[,，\s]|您|你|$)")

_FUTURE = re.compile(
    r"会|将|马上|立即|立刻|第一时间|尽快|尽早|稍后|稍候|随后|回头|等会|待会|一会|晚点|之后|以后|到时|届时|再|"
    r"帮您|给您|为您|替您|帮你|给你|为你|负责|保证|一定|肯定|争取|预计|今天|明天|后天|下周|月底"
)
# The check is made with the customer ("(再)跟您核实一下", "和您确认一下"): a question asked now.
_CHECK_WITH_YOU = re.compile(r"(?:跟|和|与|同|向)(?:您|你)$")
_LATER = re.compile(r"稍后|稍候|随后|之后|以后|回头|后续|晚点|等会|待会|一会|明天|后天|下周|到时|届时|再")
_AGENT_SUBJECT = re.compile(r"我们|我司|我方|我这边|这边|我|专人|同事|工作人员|师傅|专员|技术人员|相关部门|部门")
_CUSTOMER_SUBJECT = re.compile(
    r"您可以|您也可以|你可以|您需要|需要您|您要|要您|让您|由您|建议您|请您|麻烦您|您自己|您本人|您亲自|"
    r"您再|您先|您就|您能|您直接|您去|您到|您得|您携带|记得|记住|别忘了"
    # the customer as the subject right before the verb, opening a clause: "网就自己恢复了您回个电话把单子撤掉就行"
    # (field call 1036; not the object in "给您回个电话", "会有师傅联系您上门")
    r"|(?:^|(?<=[\s,，。.!?！？、了吧呢啊呀哈嘛那就后候时话]))(?:您|你)$"
    # the customer with another party: "拍完以后您和对方司机可以用交管12123…上传照片确认责任"
    r"|(?:您|你)(?:和|跟|与|同)[^，。,.？?！!的]{1,6}?(?:可以|需要|要|再|先|就|去|得|一起)"
    # what the customer did earlier: "您今天早上在APP上反馈手机落在车上了" (field call 262)
    r"|您(?:今天|昨天|前天|上周|早上|上午|中午|下午|晚上|刚才|之前|当时)(?:早上|上午|中午|下午|晚上)?(?:在|通过|从)"
    # going to a counter is the customer's part: "等您方便回绍兴的时候 / 再去营业厅办理销户" (field call 473)
    r"|(?:再|就|直接|先)?(?:去|到)(?:附近的?|就近的?|当地的?|线下)?(?:营业厅|门店|网点|柜台|窗口|派出所|服务大厅|办事大厅|政务大厅|车管所|社保局)")
_NEGATION = re.compile(r"不会|不能|不用|不需要|不必|没法|无法|没办法|不可能|不给|不再|不|没有|没|别")
# (not "明天一早就"; "当初办理合约时" tells what was done then, field call 366)
_PAST = re.compile(r"已经|已|刚才|刚刚|上次|(?<![一明])早就|当初|当时")
# The act named as what was applied for on the call: "申请了退货退款上门取件", "提交了上门维修" (no later
# marker between: "申请了退款会尽快给您回电" goes on to a promise).
_APPLIED_FOR = re.compile(r"(?:申请|提交|预约|登记|下)了(?:一个|一下|个)?(?:(?!会|将|再|尽快|马上|稍后|到时)[\u4e00-\u9fff]){0,8}$")
_PAST_AFTER = re.compile(r"^(?:好了|完了|过了|过(?![去来])|了|完毕)")  # "补发过去": a direction, not the past
# "经核实途中没有封路", "经过核查": what the check found, done before the call; not "已经", "神经"
_FOUND_BY = re.compile(r"(?:^|[^已曾神])经过?$")
_QUESTION_WORDS = re.compile(r"要不要|需不需要|需要我|是否需要|是不是|有没有|(?<!看看)(?<!看一下)能不能|可不可以帮")
_QUESTION_END = re.compile(r"[吗么呢]$")
_CONSENT_END = re.compile(r"(?:可以|好|行|方便|没问题)(?:吗|么|不|吧)$|好不好$|可不可以$|行不行$|是吧$|好吧$")

# A run of pause marks, or a full stop not between digits: "[,，。…~]+|(?<!\d)\.(?!\d)" written
# to start with a character class (the regex engine then skips in C to the next mark).
_PAUSE = "[,，。;；!！?？:：…~]"
_SPLIT_PUNCT = re.compile(rf"[,，。;；!！?？:：…~.](?:(?<={_PAUSE}){_PAUSE}*|(?<=\.)(?<!\d\.)(?!\d))")
# A "吗" that more words follow, with no mark between (not "干吗").
_UNMARKED_QUESTION = re.compile(rf"(?<!干)吗(?!{_PAUSE}|\.|\s|$)")
# Cue words; "(?<![帮给为让替请])您看" written as "您(?<![帮给为让替请]您)看" so that every
# branch starts with a literal character (the engine then skips to the next possible start).
# ("查到了" after "一下"/"嗯": the result of a check done now begins a new clause: "我查一下 嗯 查到了
# 您三月八号…"; not "我们查到了给您打电话", once found; "好的" not as a verb's result: "给您处理好的")
_SPLIT_CUE = re.compile(r"然后|另外|好(?<![理决弄办修搞做整调装挺很蛮太]好)的|还有|同时|您(?<![帮给为让替请]您)看|请问|那(?=[我您就这咱])"
                        r"|(?:(?<=一下)|(?<=[嗯哦噢啊]))查到了"
                        # the number asked for, then what is done with it: "您能不能留个电话我们专业组的老师会给您回电话"
                        # (field call 1207)
                        r"|我(?<=留个电话我)|我(?<=留一下电话我)|我(?<=留个手机号我)|我(?<=留个号码我)")

_Q = r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)(?:个半|个)?|半个?"
# "三到五个工作日", "3-5天": the upper bound is what the promise is held to.
# (found after the match, looking back from the quantity: cheaper than in every pattern)
_LOW_BEFORE = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)个?\s*(?:到|至|~|-)\s*$")
_N = r"(?:\d{1,2}|[零一二两三四五六七八九十]{1,3})"
# ASR slips of the units: 工作日 heard as "公作日"/"工做日", 小时 as "小事" ("两个小事之内", only
# before 内/之内/以内/左右: "一件小事" is a word of its own).
_WORKDAY = "(?:工作日|公作日|工做日)"
_IN = r"(?:之内|以内|内|左右)?"


@dataclass(frozen=True, slots=True)
class Commitment:
    """A promise of a later action in agent utterance ``utterance``.

    ``start``..``end`` locate the clause ``text`` in the utterance's text; ``deadline_text``
    is the time frame as said ("两小时内") and ``due`` its normalised end, when the call's
    start time is known. ``absolute_words`` are rash-promise words in the clause (TAB005).
    """

    utterance: int
    start: int
    end: int
    text: str
    action: str
    deadline_text: str | None
    due: datetime | None
    has_time_frame: bool
    absolute_words: tuple[str, ...]
    verb: str = ""
    deadline_span: tuple[int, int] | None = None  # in utterance ``deadline_utterance``'s text
    deadline_utterance: int | None = None  # the clause's own, or the next/previous sentence of its turn
    skipped: int = 0  # characters of a hesitation opening the sentence, read past ("嗯之内会有工作人员")

    @property
    def opens_sentence(self) -> bool:
        """The clause starts its sentence (after a hesitation, if one opens it)."""
        return self.start <= self.skipped


class Clause(NamedTuple):
    """Characters ``start``..``end`` of an utterance; ``question`` when it ends with "?"."""

    start: int
    end: int
    text: str
    question: bool


def split_clauses(text: str) -> list[Clause]:
    """Clauses of an utterance: split on punctuation, then before cue words.

    ``question`` is True when the clause ends with a question mark.
    """
    n = len(text)
    # Cue words hold no punctuation, so one pass over the whole text finds the same cues
    # as a pass over each punctuation-delimited segment.
    cue_starts = [c.start() for c in _SPLIT_CUE.finditer(text)]
    n_cues = len(cue_starts)
    clauses: list[Clause] = []
    marks = [(m.start(), m.end(), "?" in m.group() or "？" in m.group()) for m in _SPLIT_PUNCT.finditer(text)]
    if "吗" in text:
        # raw speech without punctuation: a question ends at its "吗" ("…想查一下原因对吗麻烦您提供一下账号")
        marks = sorted([*marks, *((m.end(), m.end(), True) for m in _UNMARKED_QUESTION.finditer(text))])
    pos = 0
    ci = 0
    for mark in [*marks, None]:
        if mark is None:
            seg_end, question = n, False
        else:
            seg_end, mark_end, question = mark
        # pieces: pos .. each cue inside the segment .. seg_end; the last one ends a question
        a = pos
        while True:
            if ci < n_cues and cue_starts[ci] < seg_end:
                b = cue_starts[ci]
                ci += 1
                if b <= pos:
                    continue
                last = False
            else:
                b, last = seg_end, True
            next_a = b
            while a < b and text[a] == " ":
                a += 1
            while b > a and text[b - 1] == " ":
                b -= 1
            if a < b:
                clauses.append(Clause(a, b, text[a:b], question and last))
            if last:
                break
            a = next_a
        pos = mark_end if mark is not None else n
    return clauses


# Where an unpunctuated clause starts a new promise between two verbs (raw ASR speech: "我帮您反馈给
# 相关部门有结果了会通知您我们的师傅明天上午会上门" is three clauses in writing): a doer, an awaited
# event or a joining word start one where they stand ...
_DOER_CUE = re.compile(r"我们|我这边|我司|我(?!们)|师傅|专人|专员|工作人员|同事|技术人员"
                       r"|有(?:消息|结果|进展|回复|答复)了?|结果出来|并且|而且"
                       r"|(?:审核|审批|核实|核查|复核)(?:通过|完成|完毕|清楚|好)了?(?:之?后|以后)")
# ... a time word or a time frame (``_match_deadline``) after the first verb's object, or else right
# after the first verb ("寄出 | 快递单号稍后发短信给您": the topic goes with its predicate).
_TIME_CUE = re.compile(r"到时候?|届时|稍后|随后|回头|尽快|尽早|第一时间")
# A verb that names a thing, no act: "联系电话", "联系方式", "催办件", "网上报名", "通知书", "申请表".
_NOUN_AFTER_VERB = re.compile(r"电话|方式|人|单|记录|费|件|名|书|表|结果|进度")
# A condition between two verbs: "…审核有问题的话我们会打给您", "如果…".
_CONDITION = re.compile(r"的话|如果|要是|万一|假如|假设|若是")
# How the object or complement of a verb starts ("反馈给相关部门", "核实一下", "上门到您家").
_OBJECT_START = re.compile(r"给|到|至|向|一下|下|过去|过来|上去|回去|您|你|的|了|好|完|清楚|一遍|处理|解决")
# The first verb is a step or a time the next act waits for: "上门前", "处理好以后", "审核通过后".
# ("材料提交完整以后七个工作日之内理赔专员会给您回电话", field call 1057)
_STEP_THEN = re.compile(r"(?:通过|完成|完毕|结束|完整|齐全|完|好|了)*(?:之前|以前|前|之后|以后|后|时|的时候)"
                        r"|(?:通过|完成|完毕|结束|完|好|上|到|通|下来|出来)+了")  # "联系上了会第一时间通知您"
# Words that lead a time frame into its clause: "预计/大概/会在 四十分钟左右到达".
_DEADLINE_LEAD = re.compile(r"(?:预计|大概|大约|估计|争取|最晚|最迟|会在|会|将|在|于)+$")
# Actions after which the clause is not cut: done now ("催一下", "查一下") or arranging the next
# verb's act ("给您安排师傅明天上午上门").
_NO_CUT_AFTER = _IMMEDIATE | {"安排"}
# A time frame that says when the act before it takes effect ("…的套餐下个月一号生效").
_TAKES_EFFECT = re.compile(r"(?:起|开始)?(?:就|才|会|即可|能)?(?:生效|到账|开通|恢复)(?:了|的)?")
# "核实完之后两个工作日内退款": a time frame counted from the step before stays with it (chained).
_AFTER_STEP_END = re.compile(r"后[的再会将在于大概预计一般最晚最迟]*$")


def _promise_units(clause: Clause) -> list[Clause]:
    """``clause`` cut before each later promise it holds, as punctuation would cut it.

    Between two verbs of a later action (``_VERB_RE``) the cut falls at the earliest time frame,
    doer or awaited event after the first verb's object: "…反馈给相关部门 | 有结果了会通知您 | 我们的
    师傅明天上午会上门". Verbs of one act ("安排师傅上门给您维修") have no such word between them
    and stay together."""
    text = clause.text
    hits = [h for h in _VERB_RE.finditer(text) if _NOUN_AFTER_VERB.match(text, h.end()) is None]
    if len(hits) < 2 or _is_question(clause):
        return [clause]  # one verb; a question ("…确认一下…预计四十分钟到达对吗") asks as a whole
    cuts: list[int] = []
    repeats: dict[int, int] = {}  # where a verb said twice in a row starts again ("给您退款退款一般是…")
    for prev, nxt in pairwise(hits):
        lo, hi = prev.end(), nxt.start()
        gap = text[lo:hi]
        if lo == hi and prev.group(0) == nxt.group(0):
            cuts.append(lo)  # the second one is the topic of what follows, or a stutter
            repeats[lo] = nxt.end()
            continue
        if hi - lo < 2 or _STEP_THEN.match(gap):
            continue  # "上门前半个小时给您打电话", "处理好以后我们会短信通知您": the first is the next one's time
        if prev.group(0) in _IMMEDIATE_VERBS or _VERB_ACTION[prev.group(0)] in _NO_CUT_AFTER:
            # "我尽量帮您催一下啊今天下班前给您回个电话": done now, no promise to cut off;
            # "给您安排师傅明天上午上门": the act arranged is the next verb
            continue
        if _CONDITION.search(gap, 2):
            continue  # "审核有问题的话我们会打给您": the condition goes with what it conditions
            # ("退款的话三个工作日内退回": the first verb is the topic, cut as usual)
        doer = next((m.start() for m in _DOER_CUE.finditer(gap) if m.start() > 0), None)
        times = [m.start() for m in _TIME_CUE.finditer(gap) if m.start() > 0][:1]
        found = _match_deadline(gap)
        if found is not None and not _AFTER_STEP_END.search(gap[:found[0].start()]):
            effect = _TAKES_EFFECT.match(gap, found[0].end())
            if effect is not None and (doer is None or doer < effect.end()):
                # the time the first act takes effect: "给您办理七十九元的套餐下个月一号生效 | 办好以后会有短信通知"
                # (with a doer after it, the cut stays before the time: "退款 | 3-5天到账我们会处理")
                cuts.append(lo + effect.end())
                continue
            # a time frame leads the act it times: "会调查核实 | 两个工作日之内由专人给您回电"
            at = found[0].start()
            if at > 1 and "q" in found[0].re.groupindex \
                    and (low := _LOW_BEFORE.search(gap, max(0, at - 8), at)) is not None:
                at = low.start()  # a range: "预计三到五个工作日内", cut before "三", not "五"
            lead = _DEADLINE_LEAD.search(gap, 0, at)  # "救援车 | 预计四十分钟左右到达"
            times.append(lead.start() if lead is not None else at)
        if times and (doer is None or min(times) < doer):
            # the first verb's object or complement ("给相关部门", "一下", "到您家") runs up to the time
            # word; anything else is the next clause's topic ("寄出 | 快递单号稍后发短信给您")
            cuts.append(lo + min(times) if min(times) > 0 and _OBJECT_START.match(gap) else lo)
        elif doer is not None:
            cuts.append(lo + doer)
    for b, end in repeats.items():
        # the repeated verb leads the next unit ("我们会给您退款 | 退款一般是三到五个工作日原路退回");
        # a stutter at the end ("给您退款退款") stays one unit
        cuts = [x for x in cuts if x != end] if end < len(text) else [x for x in cuts if x != b]
    if not cuts:
        return [clause]
    out: list[Clause] = []
    a = 0
    for b in [*cuts, len(text)]:
        last = b == len(text)
        out.append(Clause(clause.start + a, clause.start + b, text[a:b], clause.question and last))
        a = b
    return out


def find_commitments(call: Call, *, now: datetime | None, calendar: WorkCalendar) -> tuple[Commitment, ...]:
    """Every commitment the agent made in ``call``, in order.

    Clauses are read per speaking turn (``Call.turn_of``): ASR splits "预计两个工作日内" /
    "给您回复" into two sentences of one turn, and the time frame of one is the other's.
    """
    turns: dict[int, list[Utterance]] = {}
    turn_of = call.turn_of
    # the hesitations read past: the characters of one opening a sentence, and where the characters
    # left stand once those inside it are gone as well ("他会在呃半个小时之内")
    skipped: dict[int, tuple[int, tuple[int, ...] | None]] = {}
    for u in call.utterances:
        if u.role is Role.AGENT:
            k = lead_hesitation(u.text)
            inner = without_inner_hesitations(u.text[k:] if k else u.text)
            if k or inner is not None:
                skipped[u.index] = (k, inner[1] if inner is not None else None)
                u = replace(u, text=inner[0] if inner is not None else u.text[k:])
            turns.setdefault(turn_of.get(u.index, -1 - u.index), []).append(u)
    out: list[Commitment] = []
    for turn in turns.values():
        # no verb of a later action anywhere in the turn: no clause of it can promise one
        if any(_VERB_RE.search(u.text) is not None for u in turn):
            out.extend(_in_turn(turn, now, calendar))
    if skipped:
        out = [_in_sentence(c, skipped) for c in out]
    out.sort(key=lambda c: (c.utterance, c.start))
    return tuple(c for c in out if not _declined_offer(c, call) and not _done_after_cut(c, call)
                 and not _granted_later(c, call) and not _coupon_given_now(c, call)
                 and not _done_while_holding(c, call) and not _answers_what_if(c, call)
                 and not _done_later_on_call(c, call) and not _negated_before_cut(c, call)
                 and not _this_callback(c, call))


def _in_sentence(c: Commitment, skipped: dict[int, tuple[int, tuple[int, ...] | None]]) -> Commitment:
    """``c`` with its offsets in the sentence as said (with the hesitations ``find_commitments`` read
    past: one opening the sentence, and those inside it)."""
    own = skipped.get(c.utterance)
    span = c.deadline_span
    if span is not None and (d := skipped.get(c.utterance if c.deadline_utterance is None
                                              else c.deadline_utterance)) is not None:
        span = (_said_at(span[0], d), _said_at(span[1], d, end=True))
    if own is None:
        return c if span is c.deadline_span else replace(c, deadline_span=span)
    return replace(c, start=_said_at(c.start, own), end=_said_at(c.end, own, end=True), deadline_span=span,
                   skipped=own[0])


def _said_at(pos: int, skipped: tuple[int, tuple[int, ...] | None], *, end: bool = False) -> int:
    """Where position ``pos`` of a sentence read past its hesitations (``find_commitments``) stands in
    the sentence as said; ``end``: ``pos`` ends a span (it follows the character before it)."""
    k, back = skipped
    if back is None or not back:
        return pos + k
    if end:
        return k + (back[min(pos, len(back)) - 1] + 1 if pos > 0 else 0)
    return k + (back[pos] if pos < len(back) else back[-1] + 1)


# The customer asked to hold on, in the rest of the turn: "…看看有没有捡到您少等啊" (ASR: 稍等 -> 少等).
_HOLD_ON = re.compile(r"(?:稍|少|烧|捎)等|稍候|别挂|不要挂")
_NOW_ACTIONS = frozenset({"联系", "核实"})
_HOLD_FOR = re.compile(r"需要[^，,。！？!?]{0,4}?(?:分钟|秒)")


def _done_while_holding(c: Commitment, call: Call) -> bool:
    """An act of a moment ("一下") that the customer is asked to hold on for: "那我这边帮您联系一下车站" /
    "看看有没有捡到您少等啊" (field call 676), and the agent comes back with the answer. Done on the call."""
    if c.has_time_frame or c.action not in _NOW_ACTIONS or c.utterance >= len(call.utterances):
        return False
    u = call.utterances[c.utterance]
    at = c.text.find(c.verb)
    if u.index != c.utterance or at < 0:
        return False
    goes_on = _turn_goes_on(u, call, u.text[c.start:])[:_DONE_REACH + len(c.text)]
    if c.text.startswith("一下", at + len(c.verb)):
        return _HOLD_ON.search(goes_on) is not None
    # no "一下", but a hold announced with how long it takes: "我这边需要帮您联系 / 高速救援和我们的查勘员 /
    # 大概需要两分钟左右 / 麻烦您不要挂机好吗" (field call 841)
    return _HOLD_FOR.search(goes_on) is not None


def _done_later_on_call(c: Commitment, call: Call) -> bool:
    """The act's object is said done later on the call, in an agent sentence: "电话这边可以直接为您办理退票" …
    "退票已经办理成功了" (field call 846). Nothing is left to promise a time for."""
    if c.has_time_frame or not c.verb:
        return False
    if c.action == "核实" and any(v.role is Role.AGENT and _LOOKED_UP.search(v.text)
                                 for v in call.utterances[c.utterance + 1:]):
        return True  # "那我一会儿一块儿帮您查一下上回的记录" … "我查到了您是上周二报过一次" (field call 1103)
    at = c.text.find(c.verb)
    thing = _OBJECT_HEAD.match(c.text, at + len(c.verb)) if at >= 0 else None
    if thing is None:
        if at < 0 or at + len(c.verb) < len(c.text.rstrip(_CLAUSE_MARKS + "的了啊吧")):
            return False
        # the act with no object ends the promise: "问完我就给您处理" … "您的转账我这边已经处理好了" (field call 1075)
        done = re.compile(r"(?:已经|已)(?:为您|帮您|给您)?" + re.escape(c.verb[-2:]) + r"(?:好了|成功|完成|完毕)")
        return any(v.role is Role.AGENT and done.search(v.text) for v in call.utterances[c.utterance + 1:])
    word = thing.group(0)
    return any(v.role is Role.AGENT and (k := v.text.find(word)) >= 0 and _SAID_DONE.match(v.text, k + len(word))
               for v in call.utterances[c.utterance + 1:])


_OBJECT_HEAD = re.compile(r"[\u4e00-\u9fff]{2}")  # "(办理)退票", "(取消)订单"
# The look-up done, its result told: "我查到了", "查了一下", "核实过了".
_LOOKED_UP = re.compile(r"查到了|查到您|查了一下|查过了|核实了|核实过了|核实到|查询到")
# Said done: "已经办理成功了", "已取消成功", "已经办好了", "退订成功".
_SAID_DONE = re.compile(r"(?:已经|已)(?:为您|帮您|给您)?(?:办理|处理|办|提交|取消|退订|开通|关闭|修改|改|退)?"
                       r"(?:成功|好了|完成|完毕)|(?:办理|处理|提交|取消|退订)成功")


def _negated_before_cut(c: Commitment, call: Call) -> bool:
    """The sentence the ASR cut ``c`` from ends with its negation: "肯定不会再有人" / "给您打催收电话了"
    (field call 847), an act that will not happen."""
    if c.has_time_frame or not c.opens_sentence:
        return False
    sentences = call.turn_sentences(c.utterance)
    at = next((i for i, v in enumerate(sentences) if v.index == c.utterance), 0)
    return at > 0 and _NEGATED_TAIL.search(sentences[at - 1].text) is not None


# A sentence ending with a negation of what follows: "肯定不会再有人", "不会再", "就没有人会".
_NEGATED_TAIL = re.compile(r"(?:不会|不再|没有人会|没人会)(?:再)?(?:有人|给您|给你)?[\s,，]*$")


def _this_callback(c: Commitment, call: Call) -> bool:
    """The call back being made: an outbound call's opening says what it is about ("是关于您前天反映的那个" /
    "改期收费的问题给您回个电话", field call 853), before the customer has said more than a word or two."""
    if c.action != "回电" or c.has_time_frame or (call.metadata.direction or "").lower() != "outbound":
        return False
    before = [u for u in call.utterances[:c.utterance] if u.role is Role.CUSTOMER]
    if len(before) > _OPENING_REPLIES or any(len(u.text) > _OPENING_REPLY_CHARS for u in before):
        return False  # past the opening
    said = "".join(u.text for u in call.turn_sentences(c.utterance) if u.index < c.utterance) + c.text
    return _CALLBACK_LATER.search(said[-_CALLBACK_LEAD_CHARS:]) is None  # "回头我们 / 再给您 / 打个电话": later


_CALLBACK_LATER = re.compile(r"会|将|稍后|稍候|随后|回头|等会|待会|一会|晚点|之后|以后|到时|届时|再|今天|明天|后天|下周")
_OPENING_REPLY_CHARS = 8  # "对我是哪位", "喂你好"
_OPENING_REPLIES = 3  # the customer's sentences before it: "喂" / "对我是哪位"
_CALLBACK_LEAD_CHARS = 16  # the words before the call back that may say it is a later one


# The customer asks what happens if: "要是没做会怎样啊", "会不会停我的钱", "万一没赶上怎么办".
_WHAT_IF = re.compile(r"(?:如果|要是|万一|假如|要不|不)[^？?。]{0,12}?(?:会怎么?样|会咋样|怎么办|咋办|会不会)")


def _answers_what_if(c: Commitment, call: Call) -> bool:
    """``c`` is in the agent's answer to the customer's what-if question, an answer that opens with the
    condition and names no doer: the rule's consequence told, not an act owed ("要是没做会怎样啊" / "会不会
    停我的钱" / "如果逾期没有认证 / 养老金会暂停发放 / 补做认证以后会恢复发放 / 暂停期间的钱也会一起补发",
    field call 836)."""
    if c.has_time_frame:
        return False
    sentences = call.turn_sentences(c.utterance)
    if not sentences or _IF_OPENS.match(sentences[0].text) is None:
        return False
    said = "".join(u.text for u in sentences if u.index < c.utterance) + c.text
    if _AGENT_SUBJECT.search(said) is not None or _FOR_YOU.search(said) is not None:
        return False
    first = sentences[0].index
    asked = [u for u in call.utterances[max(0, first - _WHAT_IF_SENTENCES):first] if u.role is Role.CUSTOMER]
    return bool(asked) and asked[-1].index == first - 1 and _WHAT_IF.search("".join(u.text for u in asked)) is not None


_WHAT_IF_SENTENCES = 3  # the customer's sentences before the answer that may ask


# A coupon, red packet or points: issued to the account as the agent says so.
_COUPON = re.compile(r"券|红包|积分")
_GRANT_LATER_AFTER = 6  # characters after the coupon where it may be put later
_GRANT_VERB = re.compile(r"补偿|补|退|返|送|发|给您一张|赠")
# Words that put the grant later: "稍后给您补偿", "会给您补一张券", "核实以后".
_GRANT_LATER = re.compile(r"会|将|稍后|之后|以后|随后|回头|晚点|到时|审核|核实|申请")


def _coupon_given_now(c: Commitment, call: Call) -> bool:
    """A grant of a coupon ("另外再给您" / "补偿一张三十元的" / "无门槛券", field call 381) with nothing
    that puts it later: given on the call, nothing is owed. Money ("补偿您二十元", "退款") is still a promise."""
    u = _grant_sentence(c, call)
    if u is None:
        return False
    before = u.text[:c.start]
    turn = call.turn_of.get(u.index)
    if c.opens_sentence and u.index > 0 and (prev := call.utterances[u.index - 1]).role is Role.AGENT \
            and turn is not None and call.turn_of.get(prev.index) == turn:
        before = prev.text + before  # the ASR cut "另外再给您" off the grant
    rest = _turn_goes_on(u, call, u.text[c.start:])
    clause_start = max(before.rfind(mark) for mark in "，,。 ") + 1
    head = before[clause_start:][-8:] + c.text
    verb = _GRANT_VERB.search(head)
    coupon = _COUPON.search(rest[:_DONE_REACH])
    if coupon is None or _GRANT_LATER.search(head[:verb.start()] if verb is not None else head) is not None:
        return False
    # "补偿您一张" / "二十元无门槛红包稍后" / "发到您账户里": put later after the coupon
    return _GRANT_LATER.search(rest, coupon.end(), coupon.end() + _GRANT_LATER_AFTER) is None


# What a grant gives, named again when it is said done: "补偿一张十五元的无门槛红包" … "红包已经先给您发过去了".
_GRANTED_THING = re.compile(r"红包|优惠券|代金券|抵用券|券|积分|话费|流量|会员")
_GRANTED_REACH = 4  # agent speaking turns after the grant


def _granted_later(c: Commitment, call: Call) -> bool:
    """A grant offered on the call (``_GRANTS``) and, a few agent turns later, said done by its thing:
    "我这边给您补偿一张十五元的无门槛红包", the customer protests, "红包已经先给您发过去了" (field call 369)."""
    if c.has_time_frame or c.action not in _GRANTS:
        return False
    things = {m.group(0) for m in _GRANTED_THING.finditer(c.text)}
    if not things:
        return False
    turn_of = call.turn_of
    turns = set()
    for v in call.utterances:
        if v.index <= c.utterance or v.role is not Role.AGENT:
            continue
        turns.add(turn_of.get(v.index, -1 - v.index))
        if len(turns) > _GRANTED_REACH:
            return False
        if any(t in v.text for t in things) and _DONE_AFTER.search(v.text) is not None:
            return True
    return False


def _done_after_cut(c: Commitment, call: Call) -> bool:
    """A grant whose object the ASR cut into the next sentences of the turn, said done there:
    "另外再补偿您一张" / "二十元无门槛红包已经" / "发到您账户里了" (field call 270)."""
    u = _grant_sentence(c, call)
    if u is None or c.end < len(u.text.rstrip(" ,，")):
        return False  # the clause ends before its sentence does: the rest is its own
    return _DONE_AFTER.search(_turn_goes_on(u, call, "")[:_DONE_REACH]) is not None


def _grant_sentence(c: Commitment, call: Call) -> Utterance | None:
    """The sentence of a grant with no time frame of its own (``_GRANTS``), else None."""
    if c.has_time_frame or c.action not in _GRANTS:
        return None
    u = call.utterances[c.utterance] if c.utterance < len(call.utterances) else None
    return u if u is not None and u.index == c.utterance else None


def _turn_goes_on(u: Utterance, call: Call, text: str) -> str:
    """``text`` followed by the next sentences of ``u``'s speaking turn, until it holds ``_DONE_REACH``
    characters (the ASR cut the grant's object off: "另外再补偿您一张" / "二十元无门槛红包已经")."""
    turn = call.turn_of.get(u.index)
    for v in call.utterances[u.index + 1:]:
        if v.role is not Role.AGENT or turn is None or call.turn_of.get(v.index) != turn or len(text) >= _DONE_REACH:
            break
        text += v.text
    return text


# Grants the agent may make on the call ("补偿您一张红包", "给您退款"); said done right after, nothing is owed.
_GRANTS = frozenset({"退款", "补偿"})
_DONE_REACH = 24
_DONE_AFTER = re.compile(r"已经(?:先|都|直接)?(?:给您|帮您|为您)?(?:发|充|存|打|退|转|放|补)(?:到|进|入|给|回|至|过去)?(?:了|您|你|到)"
                         r"|已经(?:到账|到您|在您|发放|充值|发过去)")


# An option offered ("可以给您走EMD补偿") that the customer turns down in one of the next two answers
# ("什么E什么D" … "我不要什么抵钱的单子我要现金"): nothing was promised (field call 237).
_OFFER = re.compile(r"可以(?:给|帮|为|替)您")
_DECLINED = re.compile(r"^[嗯啊哦噢呃那不]*[,，、\s]*(?:我|俺)?(?:不要|不用|不需要|用不着|算了)")


def _declined_offer(c: Commitment, call: Call) -> bool:
    if c.has_time_frame or _OFFER.search(c.text) is None:
        return False
    answers = [u for u in call.utterances if u.index > c.utterance and u.role is Role.CUSTOMER][:2]
    return any(_DECLINED.match(u.text) is not None for u in answers)


def _in_turn(turn: list[Utterance], now: datetime | None, cal: WorkCalendar) -> list[Commitment]:
    """The commitments in the clauses of one speaking turn (its sentences in order)."""
    clauses = [(u, c) for u in turn for whole in split_clauses(u.text) for c in _promise_units(whole)]
    request_in_turn = any(_INFO_REQUEST.search(u.text) is not None for u in turn)
    verbal = [_VERB_RE.search(c.text) is not None for _, c in clauses]
    restated = _restated(clauses) if any(_RESTATE.search(u.text) for u in turn) else frozenset()
    found: list[Commitment] = []
    for i, (u, clause) in enumerate(clauses):
        if not verbal[i] or i in restated:
            continue
        base = now + timedelta(seconds=u.start) if now is not None and u.start is not None else now
        own = _match_deadline(clause.text)
        cut = 0  # characters of the previous sentence's tail in front of the text ``own`` was found in
        if own is None and clause.start == 0 and i > 0 and clauses[i - 1][0] is not u:
            # "承办单位两个" / "工作日内会联系您": the ASR cut the time frame between two sentences
            own, cut = _straddling(clauses[i - 1][0].text, clause.text)
        asked = -1  # where in the clause a request for a detail has been made, if any
        if request_in_turn:
            if any(_INFO_REQUEST.search(c.text) for _, c in clauses[max(0, i - 2):i]):
                asked = 0
            elif (req := _INFO_REQUEST.search(clause.text)) is not None:
                asked = req.end()
        b = i - 1  # the clause before, past a filler said as a clause of its own ("打我们电话，这个，我们安排…")
        while b > 0 and clauses[b][0] is u and clauses[b][1].text.strip(_CLAUSE_MARKS) in _FILLER_CLAUSES:
            b -= 1
        before = clauses[b][1].text if b >= 0 and clauses[b][0] is u else ""
        if _CONDITIONAL_OFFER.search(before + "，" + clause.text):
            continue  # "如果车开不了，我们可以免费给您安排拖车": an option offered, not a promise
        if own is None and before and _customer_calls_next(before):
            continue  # "还不行的话您再给我们来电话, 我们派师傅上门" (field call 19): it answers that call
        # "明天上午九点到十二点之间, 师傅上门": the time frame leads in a verbless clause before
        framed = own is not None or (i > 0 and not verbal[i - 1] and clauses[i - 1][0] is u
                                     and _match_deadline(clauses[i - 1][1].text) is not None)
        hit = _commitment_verb(clause, framed, asked)
        cut_before = clause.start == 0 and i > 0 and clauses[i - 1][0] is not u \
            and clauses[i - 1][0].text[-1:] not in _WHOLE_END
        lead_at: list[int] = []  # the verbless sentences that lead this clause, when the ASR cut it
        if hit is None and clause.start == 0 and i > 0 and clauses[i - 1][0] is not u:
            # "师傅会在" / "两个小时之内" / "先给您打电话": the ASR cut one clause into
            # sentences; its subject and "会" are in the verbless sentences before
            lead_at = _verbless_lead(clauses, verbal, i)
            lead = "".join(clauses[k][1].text for k in lead_at)
            lead_frame = _lead_frame(lead)
            if lead and (_OPEN_END.search(lead) or lead_frame or _EVENT_END.search(lead)
                         or _BA_LEAD.search(lead) or _DELEGATE_LEAD.search(lead) or _SENDS_SOMEONE.search(lead)):
                joined = Clause(0, len(lead) + len(clause.text), lead + clause.text, clause.question)
                hit = _commitment_verb(joined, own is not None or lead_frame, asked)
        if hit is None and cut_before \
                and not (found and found[-1].utterance == clauses[i - 1][0].index
                         and found[-1].start == clauses[i - 1][1].start):
            # "我这边联系锦里酒店给您保留房间然后给您" / "回电告诉您结果": the ASR cut between "给您"
            # and its verb; the previous sentence's tail leads this clause (unless that clause is a
            # promise already: "…内会有专员给您回电" / "告诉您结果" goes on with it)
            lead = clauses[i - 1][1].text
            if _ALTERNATIVE_START.match(clause.text) is None:
                lead = lead[-_VERB_LEAD:]  # (an alternative "或者退款" keeps its clause's subject: "商家那边会给您补发", 362)
            joined = Clause(0, len(lead) + len(clause.text), lead + clause.text, clause.question)
            hit = _commitment_verb(joined, own is not None, asked)
            if hit is None and _RECORD_LEAD.search(whole := clauses[i - 1][1].text):
                # "我给您记录一下" / "反馈给相关部门" (field call 678): the agent records it, then passes it on
                joined = Clause(0, len(whole) + len(clause.text), whole + clause.text, clause.question)
                hit, lead = _commitment_verb(joined, own is not None, asked), whole
            if hit is not None and joined.text.rfind(hit[0]) + len(hit[0]) <= len(lead):
                hit = None  # the verb is all in the previous sentence ("…给您修好" / "请问联系电话")
        if hit is not None and cut_before and not verbal[i - 1] \
                and _LEAD_MANNER.search(lead := clauses[i - 1][1].text) is not None \
                and _commitment_verb(Clause(0, len(lead) + len(clause.text), lead + clause.text, clause.question),
                                     framed or _match_deadline(lead) is not None, asked) is None:
            # "我现在就帮您" / "办理退款", "以后卡是统一制卡" / "制好了会短信通知": the verbless
            # sentence the ASR cut off before says the act is done now, or is how things go
            continue
        if hit is not None and cut_before and (_customer_acts_first(clauses[i - 1][1].text, clause.text)
                                               or _customer_calls_across(clauses[i - 1][1].text, clause.text)
                                               or (own is None and _if_customer_calls(clauses, i))):
            continue  # "到了外面再" / "打电话", "您再打我们热线" / "我们给您加急催办": cut off from the customer's act
        if hit is not None and cut_before and own is None and _STANDING.search(clauses[i - 1][1].text):
            continue  # "以后有停电计划" / "会短信通知您" (field call 780): a standing notice, cut by the ASR
        if hit is not None and cut_before and _AIM_END.search(clauses[i - 1][1].text):
            continue  # "我们的目标是尽快" / "帮您把问题解决": an aim the ASR cut in two (field call 381)
        if hit is not None and cut_before and own is None and _URGE.search(clauses[i - 1][1].text):
            continue  # "街道会督促物业" / "尽快维修" (field call 440): the act urged is the other party's
        if hit is None:
            continue
        if _third_party_steps(clauses, i):
            continue  # "护士先给孩子量体温" / "问一下情况" / "再告诉您去哪个诊室" (519): the next step is theirs too
        verb, action = hit
        if verb == "通知" and _NOTICE_NOUN.search(clause.text):
            continue  # "您稍后会收到" / "一条退款的短信通知" (field call 608): the notice received, a noun
        if action == "处理" and "的" in clause.text and _CAN_BE_DONE.search(
                (clauses[i - 1][1].text[-8:] if clause.start == 0 and i > 0 else "") + clause.text):
            continue  # "这个情况我们是可以 / 帮您处理的" (field call 498): it can be handled, said as a fact
        if clause.text.endswith(("或者", "或是")) and i + 1 < len(clauses) and clauses[i + 1][1].start == 0 \
                and _CHOICE_AFTER.match(clause.text[-2:] + clauses[i + 1][1].text):
            continue  # "补好了寄给您或者" / "您自己去领": a choice the ASR cut in two
        if action in _IMMEDIATE and own is None and i + 1 < len(clauses) and _WAIT_NEXT.match(clauses[i + 1][1].text):
            continue  # "我再确认一下申诉需要的材料，您稍等": checked now, while the customer holds
        if action == "回电" and own is None and _CALLING_NOW.search(
                clause.text + (clauses[i + 1][1].text if i + 1 < len(clauses) else "")):
            continue  # "我给您" / "回个电话现在方便" / "说话吗": this call is the callback (an outbound opening)
        if action in _PASS_ON_ACTIONS and own is None and (
                (i + 1 < len(clauses) and _IMPROVE_NEXT.match("".join(c.text for _, c in clauses[i + 1:i + 3])))
                or ((at := clause.text.rfind(verb)) >= 0 and _IMPROVE_NEXT.match(clause.text, at + len(verb)))):
            # "反馈给转运中心，加强管理，避免再发生": an improvement pledge, no answer owed; the
            # pledge may be the turn's next ASR sentence ("…反馈给安装班组" / "加强安装后的检查"),
            # or the one after ("我们也会反馈" / "给教学部门" / "改进老师变更时…", field call 529), or the
            # clause goes on into it where no comma was kept ("反馈给相关部门避免类似的问题再次发生")
            continue
        deadline = _resolve_cut(own, cut, base, cal) if own is not None else None
        if deadline is not None and not cut and "后" in clause.text:
            # "审核是五个工作日内 审核通过后两个工作日内打到您的银行卡": due after the step before it
            deadline = _chained_deadline(clauses, i, turn, base, cal) or deadline
        offset, where = clause.start, u
        if deadline is None and not lead_at and cut_before:
            lead_at = _verbless_lead(clauses, verbal, i)
        for k in lead_at if deadline is None else ():
            # "二十四小时内由" / "站点负责人给您" / "回电说明处理结果": the time frame leads two sentences
            # back, followed by the doer (not by an act of its own: "明天上午送到" / "这一单的药费" / "退给您")
            lead_deadline = _find_deadline(text := clauses[k][1].text, base, cal)
            rest = text[lead_deadline[1]:] + "".join(clauses[m][1].text for m in lead_at if m > k) \
                if lead_deadline is not None else ""
            if lead_deadline is not None and (_DOER_NEXT.match(rest)
                                              or _DOER_WILL_BEFORE.search(text, 0, lead_deadline[0])):
                # (or the doer before the time frame: "我们会在今天早上六点前" / "通过短信和小区公告" /
                # "通知到受影响的用户", field call 579)
                deadline, offset, where = lead_deadline, clauses[k][1].start, clauses[k][0]
                break
        if deadline is None:
            # "预计两小时之内, 给您回电": a time frame in a neighbouring verbless fragment, also
            # in the turn's next or previous ASR sentence
            for j in (i - 1, i + 1):
                if 0 <= j < len(clauses) and not verbal[j]:
                    deadline = _find_deadline(clauses[j][1].text, base, cal)
                    if deadline is not None and _OTHER_EVENT_AFTER.match(clauses[j][1].text, deadline[1]):
                        # "好的十点二十左右上车" / "十一点半左右下车" / "我这边查一下…" (field call 901): the time of
                        # another event, said back to the customer, not the look-up's
                        deadline = None
                        continue
                    if deadline is not None and 0 < j < i and clauses[j][1].start == 0 \
                            and clauses[j - 1][0] is not clauses[j][0] and not verbal[j - 1]:
                        # "九月三号" / "下午六点之前" / "给您回电" (field call 529): the day is in the
                        # sentence before the hour
                        cross, cut = _straddling(clauses[j - 1][0].text, clauses[j][1].text)
                        if cross is not None:
                            deadline = _resolve_cut(cross, cut, base, cal)
                    if deadline is None and j > i and clauses[j][0] is not u and clauses[j][1].start == 0 \
                            and clause.end == len(u.text.rstrip()):
                        # "给您回电大概两个" / "小时以内": cut between this sentence and the next
                        cross, cut = _straddling(clause.text, clauses[j][1].text)
                        if cross is not None:
                            deadline = _resolve_cut(cross, cut, base, cal)
                        elif j + 1 < len(clauses) and clauses[j + 1][0] is not clauses[j][0] \
                                and clauses[j + 1][1].start == 0 and clauses[j][1].end == len(clauses[j][0].text.rstrip()):
                            # "我们审核打款" / "一般是五到七个" / "工作日到您的": cut in the sentence after next
                            cross, cut = _straddling(clauses[j][1].text, clauses[j + 1][1].text)
                            if cross is not None:
                                deadline, j = _resolve_cut(cross, cut, base, cal), j + 1
                    if deadline is None and j < i and j > 0 and clause.start == 0 and clauses[j][0] is not u \
                            and clauses[j][1].start == 0 and clauses[j - 1][0] is not clauses[j][0]:
                        # "有禁停标志五个工作日" / "之内会有工作人员" / "给您回电答复": the time frame
                        # was cut between the two sentences before the verb's
                        cross, cut = _straddling(clauses[j - 1][0].text, clauses[j][1].text)
                        if cross is not None:
                            deadline = _resolve_cut(cross, cut, base, cal)
                    if deadline is not None:
                        offset, where = clauses[j][1].start, clauses[j][0]
                        break
        if deadline is None and _destination_cut(clauses, verbal, i):
            # "款项会退回到" / "您付款的支付宝里" / "三到五个工作日到账" (field call 936): the ASR cut the
            # promise from its destination, and the sentence after that times its arrival (or from who
            # comes: "一起安排拖车" / "拖车师傅大概" / "一个小时到", 948)
            far = _find_deadline(clauses[i + 2][1].text, base, cal)
            if far is not None and far[0] <= _ARRIVES_LEAD \
                    and _ARRIVES_AFTER.fullmatch(clauses[i + 2][1].text, far[1]) is not None:
                deadline, offset, where = far, clauses[i + 2][1].start, clauses[i + 2][0]
        if deadline is None and cut_before and verbal[i - 1] \
                and (_DOER_NEXT.match(clause.text) or _RESULT_NEXT.match(clause.text)):
            # "要求物业先做临时防水" / "处理三个工作日内" / "会有工作人员跟您联系" (field call 286): the time
            # frame ends the sentence before, the ASR cut right after it, and this sentence goes on with
            # its doer ("会", "由", "我们") or with the result owed ("提交以后十个工作日内" / "复核结果会
            # 短信通知您", field call 502)
            prev = clauses[i - 1][1].text.rstrip()
            last = _last_deadline(prev)
            if last is not None and last[0].end() >= len(prev) - _FRAME_TAIL_SLACK:
                deadline, offset, where = _resolve_deadline(last, base, cal), clauses[i - 1][1].start, clauses[i - 1][0]
        if deadline is None and i >= 2 and clause.start == 0 and _WILL_OPENS.match(clause.text) \
                and not verbal[i - 1] and clauses[i - 1][1].start == 0 and clauses[i - 1][0] is not u \
                and _DOER_ALONE.fullmatch(clauses[i - 1][1].text.strip()) and clauses[i - 2][0] is not clauses[i - 1][0]:
            # "这台电梯我们今晚 / 先停用明天上午十点之前" / "工程部的同事" / "会给您回电话" (field call 904): the
            # time frame ends the sentence two back, the doer stands alone in the next, then the act
            prev = clauses[i - 2][1].text.rstrip()
            last = _last_deadline(prev)
            if last is not None and last[0].end() >= len(prev) - _FRAME_TAIL_SLACK:
                deadline, offset, where = _resolve_deadline(last, base, cal), clauses[i - 2][1].start, clauses[i - 2][0]
        if deadline is None and _ALONG.match(clause.text):
            # "三个工作日内给您答复 … 同时也会给您回电": done along with the previous promise of the
            # turn, within its time frame
            prior = next((c for c in reversed(found) if c.has_time_frame), None)
            if prior is not None:
                found.append(replace(prior, utterance=u.index, start=clause.start, end=clause.end, text=clause.text,
                                     action=action, verb=verb, absolute_words=()))
                continue
        if deadline is not None and _past_date(deadline[2], base):
            continue  # "订购记录显示是" / "九月三号" / "通过短信回复订购的" (field call 406): when it was done
        absolute = tuple(dict.fromkeys(
            m.group(0) for m in _ABSOLUTE_RE.finditer(clause.text)
            if not clause.text[:m.start()].endswith(("不", "没", "不能", "无法", "不敢"))))
        d_text = deadline[2] if deadline else None
        span = (offset + deadline[0], offset + deadline[1]) if deadline else None
        found.append(Commitment(
            utterance=u.index, start=clause.start, end=clause.end, text=clause.text, action=action,
            deadline_text=d_text, due=deadline[3] if deadline else None,
            has_time_frame=deadline is not None, absolute_words=absolute, verb=verb,
            deadline_span=span, deadline_utterance=where.index if deadline else None,
        ))
    return found


# A promise cut before its destination ("退回到" / "您付款的支付宝里"), and the arrival that may
# follow a time frame in the sentence after it ("三到五个工作日到账", "两个小时以内送到").
_TO_END = re.compile(r"(?:回到|退到|退回|转到|打到|存到|发到|寄到|送到|返到|返还到|到|至|进|给)$")
_ARRIVES_AFTER = re.compile(r"(?:之内|以内|内|左右)?(?:就|会|即可|可以|能)?(?:到账|到|退回|退到|返还|送到|寄到)(?:了|的|哈|啊)?[。，,\s]*")
_ARRIVES_LEAD = 2  # characters before the time frame: "三到五个工作日" is found from "五"


def _destination_cut(clauses: list[tuple[Utterance, Clause]], verbal: list[bool], i: int) -> bool:
    """Clause ``i`` ends its sentence, and the next two sentences, of the same speaking turn and
    verbless, go on with it: clause ``i`` ends with a verb of sending that wants a destination
    ("款项会退回到" / "您付款的支付宝里"), or the sentence after names who comes and leads into a
    time frame ("一起安排拖车" / "拖车师傅大概" / "一个小时到", field call 948)."""
    u, clause = clauses[i]
    if i + 2 >= len(clauses) or clause.end != len(u.text.rstrip()):
        return False
    (u1, c1), (u2, c2) = clauses[i + 1], clauses[i + 2]
    if not (u1 is not u and u2 is not u1 and c1.start == 0 and c2.start == 0
            and c1.end == len(u1.text.rstrip()) and not verbal[i + 1] and not verbal[i + 2]):
        return False
    return _TO_END.search(clause.text) is not None or _DEADLINE_LEAD.search(c1.text.rstrip()) is not None


# A clause that goes on with the next step of the one before: "再告诉您…", "然后通知您…".
_STEP_LEAD = re.compile(r"然后|之后|接着|随后|再")


def _third_party_steps(clauses: list[tuple[Utterance, Clause]], i: int) -> bool:
    """Clause ``i`` starts with the next step ("再", "然后") of a run of steps whose subject, named in
    one of the two clauses before it, is another party ("护士先给孩子量体温" / "问一下情况" / "再告诉您去
    哪个诊室", field call 519) and not the agent's side."""
    if _STEP_LEAD.match(clauses[i][1].text) is None:
        return False
    for k in range(i - 1, max(-1, i - 3), -1):
        text = clauses[k][1].text
        third = _THIRD_PARTY.search(text)
        if third is not None:
            return max((m.end() for m in _AGENT_SUBJECT.finditer(text)), default=-1) < third.start()
        if _AGENT_SUBJECT.search(text):
            return False
    return False


def _verbless_lead(clauses: list[tuple[Utterance, Clause]], verbal: list[bool], i: int) -> list[int]:
    """The verbless sentences (at most two) right before clause ``i`` that the ASR cut from it:
    "师傅会在" / "两个小时之内" / "先给您打电话"; oldest first."""
    j = i - 1
    while j >= max(0, i - 2) and not verbal[j] and clauses[j][0] is not clauses[j + 1][0]:
        j -= 1
    return list(range(j + 1, i))


# The agent restates the customer's words to confirm them: "您是说…对吗", "您的意思是…是吧".
_RESTATE = re.compile(r"您是说|你是说|您的意思是|你的意思是|您说的是|您是想|您是希望|您希望|您是要|你是要")  # ("您是要我们让快递员…是吧", field call 580)
# How far (in clauses) a restatement may run before the question that closes it.
_RESTATE_REACH = 10


def _restated(clauses: list[tuple[Utterance, Clause]]) -> frozenset[int]:
    """Clauses of the turn that restate the customer's words, from the restating cue to the question
    that closes it: "您是说东湖区" / "实验小学北门外" … / "希望尽快安排人来" / "处理对吗" (ASR sentences
    of one turn). What the customer wants done is no promise of the agent's; a restatement that no
    question closes within ``_RESTATE_REACH`` clauses marks nothing."""
    out: set[int] = set()
    i, n = 0, len(clauses)
    while i < n:
        if _RESTATE.search(clauses[i][1].text) is None:
            i += 1
            continue
        for q in range(i, min(n, i + _RESTATE_REACH)):
            c = clauses[q][1]
            if _is_question(c) or _QUESTION_TAG.search(c.text.rstrip(" 啊呀")):
                out.update(range(i, q + 1))
                i = q
                break
        i += 1
    return frozenset(out)


# A question tag that closes a restatement: "…处理对吗", "…是吧", "…对不对".
_QUESTION_TAG = re.compile(r"(?:对吗|是吗|对吧|是吧|对不对|是不是|没错吧|对么)$")


def _chained_deadline(clauses: list[tuple[Utterance, Clause]], i: int, turn: list[Utterance],
                      base: datetime | None, cal: WorkCalendar) -> tuple[int, int, str, datetime | None] | None:
    """The deadline of clause ``i`` when its time frame counts from a step before it: "审核是五个
    工作日内 审核通过后两个工作日内打到您的银行卡" is due two working days after the review's five,
    as "同时也会给您回电" is due with the promise before it (``_ALONG``).

    The time frame follows "X后" ("审核通过后", "收到以后", "核实完之后"), and the step X has a
    time frame of its own said before it, in the clause or in an earlier clause of the same or
    the previous sentence of the turn. X is that step when it only says the step is done
    ("通过后", "收到后", "完了以后") or names it again: its verb, the two characters before the
    words of completion, said before it ("审核" … "审核通过后"), as SOL002 matches the matter of
    a condition to a time frame said earlier. Otherwise ("款项退回后", "师傅出发后" after "预计
    四十分钟到达": a step nobody dated) the time frame counts from now.
    ``(start, end, surface, due)`` in the clause's text, the surface "审核通过后两个工作日内"."""
    text = clauses[i][1].text
    p = text.find("后")
    while p > 0:
        found = _chained_at(clauses, i, turn, text, p, base, cal)
        if found is not None:
            return found
        p = text.find("后", p + 1)
    return None


def _chained_at(clauses: list[tuple[Utterance, Clause]], i: int, turn: list[Utterance], text: str, p: int,
                base: datetime | None, cal: WorkCalendar) -> tuple[int, int, str, datetime | None] | None:
    """``_chained_deadline`` for the "后" at ``text[p]``."""
    gap = _CHAIN_GAP.match(text, p + 1)
    at = gap.end() if gap else p + 1
    second = _match_deadline(text[at:])
    if second is None or second[0].start() != 0:
        return None  # no time frame right after "X后"
    mark = p - 1 if text[p - 1] in "以之" else p
    first = _last_deadline(text[:mark])
    if first is not None:
        step_from, earlier = first[0].end(), ""
    else:
        u = clauses[i][0]
        pos = next(k for k, v in enumerate(turn) if v is u)
        sentences = (u, turn[pos - 1]) if pos > 0 else (u,)
        j = i - 1
        while j >= 0 and clauses[j][0] in sentences:
            first = _last_deadline(clauses[j][1].text)
            if first is not None:
                break
            j -= 1
        if first is None:
            return None
        step_from, earlier = 0, clauses[j][1].text
    step_from = max(step_from, mark - _STEP_MAX)
    step = text[step_from:mark]
    if not step or _NUMERAL.search(step) or step[-1] in _NOT_STEP_END:
        return None  # "然后", "三天后", "节后": no step of the case
    named = _STEP_DONE.sub("", step)  # "审核通过" -> "审核"; "收到" -> "" (the step before)
    if named:
        matter = named[-2:]  # the step's verb, right before "通过/完/后"
        before = earlier + text[:step_from + len(named) - len(matter)]
        if matter not in before:
            return None  # another step ("款项退回后", "师傅出发后" after "预计四十分钟到达")
        if matter in named[:-len(matter)]:
            # "三个工作日内核实完 核实完之后两个工作日内": the first step's own words end the window;
            # the surface starts where the step is named again
            step_from += len(named) - len(matter)
    first_due = _resolve_deadline(first, base, cal)[3]
    _, second_end, _, due = _resolve_deadline(second, first_due, cal)
    end = at + second_end
    return step_from, end, text[step_from:end], due if first_due is not None else None


# How many characters of the sentence before are looked at for a time frame the ASR cut in two, and
# the marks that end a sentence whole (no time frame runs on past them).
_CUT_TAIL = 8
# How many characters of the sentence before may lead a clause whose verb the ASR cut off ("然后给您" / "回电").
_VERB_LEAD = 4
# ... or the whole of it, when it records the matter for the agent to pass on: "我给您记录一下" / "反馈给…".
_RECORD_LEAD = re.compile(r"(?:我|我们|我这边|我们这边)(?:先|这边)?[给帮为]您(?:记录|登记|备注|记)(?:一下|下来)?$")
# A clause that offers the alternative to the one before it: "商家那边会给您补发" / "或者退款".
_ALTERNATIVE_START = re.compile(r"或者|或是|还是|以及")
_WHOLE_END = frozenset("。！？!?；;，,、.")


def _straddling(before: str, text: str) -> tuple[tuple[re.Match[str], _Resolver] | None, int]:
    """A time frame the ASR cut between two sentences of one turn, ``before`` and ``text``:
    "承办单位两个" / "工作日内会联系您", "提交以后三个工作日" / "内会有专员给您回电". The match is in
    the last ``_CUT_TAIL`` characters of ``before`` followed by ``text`` and runs across the cut;
    returns it with the number of characters taken from ``before`` (``(None, 0)`` when there is
    none, or when ``before`` ends with a mark: a sentence said whole)."""
    head = before.rstrip()
    if not head or head[-1] in _WHOLE_END:
        return None, 0
    head = head[-_CUT_TAIL:]
    found = _match_deadline(head + text)
    if found is None or not found[0].start() < len(head) < found[0].end():
        return None, 0
    return found, len(head)


def _resolve_cut(found: tuple[re.Match[str], _Resolver], cut: int, base: datetime | None,
                 cal: WorkCalendar) -> tuple[int, int, str, datetime | None]:
    """:func:`_resolve_deadline` of a match found in a text led by ``cut`` characters of the
    sentence before (:func:`_straddling`; 0 for none): the span is the part in this sentence,
    the surface the whole time frame ("两个" / "工作日内": span "工作日内", surface "两个工作日内")."""
    start, end, surface, due = _resolve_deadline(found, base, cal)
    return max(0, start - cut), end - cut, surface, due


def _last_deadline(text: str) -> tuple[re.Match[str], _Resolver] | None:
    """The last deadline expression in ``text`` (its match on ``text``), or None."""
    last: tuple[re.Match[str], _Resolver] | None = None
    pos = 0
    while (found := _match_deadline(text[pos:])) is not None:
        m = found[0].re.match(text, pos + found[0].start())
        if m is None:
            break
        last = (m, found[1])
        pos += found[0].end()
    return last


# What may stand between "X后" and its time frame: "审核通过后(会在)两个工作日内".
_CHAIN_GAP = re.compile(r"(?:的|再|会|将|在|于|大概|预计|一般|最晚|最迟|\s)+")
_STEP_MAX = 8  # characters of the step before "后", at most
# Words saying a step is done, not which, at the end of the step ("审核通过后": the step is 审核).
_STEP_DONE = re.compile(r"(?:通过|完成|完毕|结束|办好|办完|做完|弄好|批下来|下来|出来|收到|到账|到达|寄到|送到"
                        r"|的|了|完|好|到)+$")
# Not a step before "后": "然后", "稍后", "最后", "三天后", "节后" (a time frame itself).
_NUMERAL = re.compile(r"[0-9零一二两三四五六七八九十百几半]")
_NOT_STEP_END = frozenset("然稍随最先今落背前天周月年时钟节假期日分秒")


# A promise made along with the previous one, in its time frame: "同时也会给您回电", "届时会短信通知您",
# "到时候也会给您打电话", "并且会给您回电", "(四十八小时内上门检查处理)并给您回电" (field call 313; not
# "另外": a new act, with its own time frame).
_ALONG = re.compile(r"(?:同时|届时|到时候?|并且|并|一并|一起)(?:也|还|都)?(?:会|将)"
                    r"|(?:并且|并)(?:给|跟|和|与|向|为)(?:您|你)")


# An option offered for a case that may not come: "如果车开不了，我们可以免费给您安排拖车"
# ("可以": the customer may take it; "审核有问题的话我们会打给您" stays a promise).
_CONDITIONAL_OFFER = re.compile(
    r"(?:如果|要是|万一|假如|若是|假设)[^。！？!?]{1,15}?(?:的话)?[，,\s]*那?(?:我们|我|这边|我这边)(?:这边)?"
    r"(?:也|都|还)?(?:是)?可以(?!吗|么|不|的)[^，,。！？!?]{0,16}$")


# The customer's request said back to check it: "我再确认一下您是退那双鞋…现在是要我们这边先理赔退款是这个意思吧"
# (field call 1118).
_CHECKS_REQUEST = re.compile(r"(?:确认|核对)一下.*(?:您|你)(?:的意思|的诉求|的要求|(?:就)?是|要|想|希望|需要)"
                             r".*(?:是这个意思|是这样|对吗|是吗|对吧|是吧|对不对|没错)[吧吗么呢啊]?$")


def _is_question(clause: Clause) -> bool:
    text = clause.text.rstrip(" 啊呀")
    if _CONSENT_END.search(text):
        return False  # "两小时内给您回电可以吗": a proposal, not a question
    if _QUESTION_WORDS.search(text):
        return True
    return clause.question or bool(_QUESTION_END.search(text))


def _commitment_verb(clause: Clause, has_deadline: bool,
                     asked_at: int = -1) -> tuple[str, str] | None:
    """The clause's promised action ``(verb, action)``, or None when it promises nothing.

    ``has_deadline`` tells whether the clause holds a time frame; ``asked_at`` where the
    agent asked the customer for a detail (0 for an earlier clause, -1 for none): a check
    after it is done now.
    """
    text = clause.text
    if _is_question(clause) or _CHECKS_REQUEST.search(text):
        return None
    qualified: list[tuple[str, str]] = []
    prev_end = 0
    prev_ok = False
    for m in _VERB_RE.finditer(text):
        verb = m.group(0)
        if verb.endswith("联系") and _CONTACT_NOUN.match(text, m.end()):
            continue  # "再留一个" / "联系电话": the number asked for, no call promised
        if verb in _SENT_SOMEDAY and _SOMEDAY.search(text, 0, m.start()) is None:
            continue  # "我一会儿也可以给您发个短信", "会给您发一条短信": sent at once (field calls 1112, 893)
        action = _VERB_ACTION[verb]
        prefix = text[:m.start()]
        local = text[prev_end:m.start()]
        prev_end = m.end()
        asked = 0 <= asked_at <= m.start()
        ok = _verb_qualifies(text, prefix, local, m.end(), action, has_deadline, prev_ok, asked,
                             immediate=verb in _IMMEDIATE_VERBS, say=verb in _SAY_VERBS)
        prev_ok = ok
        if ok:
            qualified.append((verb, action))
    if not qualified:
        return None
    return min(qualified, key=lambda va: ACTION_PRIORITY.index(va[1]))


def _customer_acts_first(lead: str, text: str) -> bool:
    """The sentence the ASR cut off before a promise names the customer's act that comes first: a
    call once out of danger ("到了外面再" / "打电话", field call 285; "人撤到护栏外面" / "再打电话", 380)
    or the customer's next call, which the promise answers ("如果十点以后还没有来水" / "您再打我们热线" /
    "我们给您加急催办", 297)."""
    if _GONE_OUT.search(lead) is not None or (text.startswith("再") and _GONE_OUT.search(lead + "再")):
        return True
    return _customer_calls_next(lead)


def _customer_calls_across(lead: str, text: str) -> bool:
    """The customer's next call begins in the sentence the ASR cut off before ``text`` and runs on
    into it: "还没到账您可以" / "再联系我们帮您查" (field call 364)."""
    tail = lead[-_VERB_LEAD:]
    joined = tail + text[:3 * _VERB_LEAD]
    trigger = _CUSTOMER_TRIGGER.search(joined)
    return trigger is not None and trigger.start() < len(tail) < trigger.end() and not _made_before(joined, trigger)


def _if_customer_calls(clauses: list[tuple[Utterance, Clause]], i: int) -> bool:
    """A condition and the customer's call in the turn's last few ASR sentences before clause ``i``,
    which goes on with the agent's answer to that call: "到时候如果" / "没有接到电话" / "您可以直接" /
    "拨打我们的热线" / "报订单编号" / "我们会优先处理" (field call 529)."""
    u = clauses[i][0]
    lead = "".join(c.text for v, c in clauses[max(0, i - _IF_CALL_SENTENCES):i] if v is not u)
    condition = _IF_MARK.search(lead)
    return condition is not None and _customer_calls_next(lead[condition.end():])


# A clause that is only a filler ("这个", "那个", "嗯"): the clause before it leads the next one.
_FILLER_CLAUSES = frozenset({"这个", "那个", "嗯", "呃", "啊", "然后", "就是", "就是说", "嗯嗯"})
_CLAUSE_MARKS = " ,.!?;:、，。！？；：…~"

# How many ASR sentences before a promise may hold "如果…您(可以)打过来" that it answers.
_IF_CALL_SENTENCES = 5
_IF_MARK = re.compile(r"如果|要是|万一|假如|若是")
# The opening condition of an answer to a what-if question (``_answers_what_if``): "如果逾期没有认证", "要是超过期限".
_IF_OPENS = re.compile(rf"(?:嗯|呃|那个|就是)?(?:{_IF_MARK.pattern}|逾期|超过)")


def _customer_calls_next(text: str) -> bool:
    """``text`` names the customer's next call, not one made before ("您再打过来", "节后您再打过来";
    not "您上次打过来")."""
    trigger = _CUSTOMER_TRIGGER.search(text)
    return trigger is not None and not _made_before(text, trigger)


def _made_before(text: str, call: re.Match[str]) -> bool:
    """The customer's ``call`` in ``text`` is one made before ("您上次打过来")."""
    return _PAST.search(text, max(0, call.start() - 4), call.start()) is not None


# A work order sent back to be done again: "(退回)去让他们重新办理".
_REDO_WHO = r"(?:他们|对方|部门|承办单位)"
_SENT_BACK_AFTER = re.compile(rf"去?(?:让|叫|给){_REDO_WHO}?重新(?:办|处理|核实|派|做)")
_REDONE_BY_THEM = re.compile(rf"(?:让|叫){_REDO_WHO}重新$")
# A step that must come first: "…处理好才能送电", "核实完才可以退".
_THEN_ONLY = re.compile(r"(?:好|完|了)?(?:以后|之后)?才(?:能|可以|会)")
# The reason a detail is asked for: "麻烦您再说一下您家的具体位置 / 有需要的话抢修师傅好联系您".
_PURPOSE_OF_ASK = re.compile(r"(?:麻烦|请)(?:您|你)[^，。,.!?？！]{0,24}(?:好|方便|以便)$")
# The detail the handling needs, asked for at once after the verb: "帮您处理 / 麻烦您报一下注册的手机号".
_ASKS_DETAIL_NOW = re.compile(r"(?:一下|下)?[\s,，]*(?:那|先)?(?:麻烦|请)(?:您|你)(?:先)?(?:报|提供|说|告诉我|讲)")
# How a report is handled, not a handling to come: "给您做保密处理", "做匿名处理".
_MANNER_OF_HANDLING = ("保密", "匿名", "加密", "脱敏", "隐私", "隐藏")


# A reply reported, its words after "说": "回复说是管网末端压力不足", "答复说要等配件".
_REPORTED_AFTER = re.compile(r"(?:我们|我|您|你|他们)?说(?:是|要|已经|没|不|会)")


def _verb_qualifies(text: str, prefix: str, local: str, verb_end: int, action: str,
                    has_deadline: bool, prev_ok: bool, asked_info: bool = False,
                    immediate: bool = False, say: bool = False) -> bool:
    # whose action is it? the last subject named before the verb decides
    # (a possessive names no doer: "根据我们的退费规则开课以后申请退费的…")
    agent_at = max((m.end() for m in _AGENT_SUBJECT.finditer(prefix) if not prefix.startswith("的", m.end())),
                   default=-1)
    customer_at = max((m.end() for m in _CUSTOMER_SUBJECT.finditer(prefix)), default=-1)
    if customer_at > agent_at:
        return False
    if _customer_calls_next(prefix):
        # "要是还不行的话您再打过来我们给您派师傅上门", "节后您再打过来我们给您处理": the act answers
        # the customer's next call, a request not yet made; nothing is owed from this call
        return False
    if _ONLY_BEFORE.search(prefix[-4:]) and _ONLY_TELL.match(text, len(prefix)):
        return False  # "核实以后也只能告诉您报告的出具状态" (field call 510): the limit of what is told
    if agent_at < 0 and _HABITUAL.search(text) is not None and not (has_deadline and _FOR_YOU.search(prefix)):
        # "退款一般是三到五个工作日到账的": how it usually goes, said of no one, even with a time frame; not "一般会在
        # 三个工作日内给您回复处理情况" (field call 983), this customer's answer by a date
        return False
    if agent_at < 0 and _SYSTEM.search(prefix) is not None and "自动" in text[:verb_end + 4]:
        return False  # "系统会在二十四小时内自动给您发送短信通知": the system's act, not the agent's
    if agent_at < 0 and not has_deadline and (_STEP.search(prefix, _lead_then(prefix)) or _GONE_OUT.search(prefix)) \
            and not _FOR_YOU.search(prefix):
        return False  # "然后点击充值缴费 … 最后确认提交就行", "到了外面再打电话": a step the customer takes
    if agent_at < 0 and not has_deadline and _UI_PICK.search(prefix):
        return False  # "首先打开…公众号 / 然后点击…智慧服务 / 再点报告查询" (field call 648): a menu item the customer taps
    if agent_at < 0 and prefix.endswith("申请") and not _FOR_YOU.search(prefix):
        return False  # "根据我们的退费规则 / 开课以后申请退费的 / 已上课时按原价…扣除" (493): whoever applies
    after = text[verb_end:]
    if not has_deadline and after.startswith("的话"):
        return False  # "按照合同第九条 / 开课以后退费的话 / 要扣除已上的课时费" (field call 677): the rule's condition
    if not has_deadline and _WILL_ONLY.search(prefix):
        return False  # "我这边是想帮您解决问题的" (field call 790): the will to help, said to an abusive caller
    if not has_deadline and _STANDING.search(prefix):
        return False  # "以后有停电计划会短信通知您" (field call 780): a standing notice of events to come
    if _EVERY_USER.match(after):
        return False  # "以后遇到区域障碍 / 会主动发短信通知用户" (field call 675): a practice for all, not this caller's
    if _REPORTED_AFTER.match(after):
        return False  # "都反映过供热公司 / 回复说是管网 / 末端压力不足" (field call 708): what was answered before
    if agent_at < 0 and not has_deadline and _ENOUGH_AFTER.match(after) and not _FOR_YOU.search(prefix) \
            and not prefix.endswith(("等", "等着")):  # "你等通知就行了": the agent will notify
        return False  # "再选分摊方式提交就行了": the last step the customer takes (field call 386)
    if action == "联系" and _US_AFTER.match(after):
        return False  # "然后你那个后面有什么问题 / 可以在App里再联系我们" (field call 832): the customer's contact
    if _CHOICE_AFTER.match(after):
        return False  # "补好了寄给您或者您自己去领": one of two ways offered, the customer chooses
    if _PURPOSE_AFTER.match(after):
        return False  # "(今天)给您打电话是想提醒您…": why the agent calls now, not a later call
    if _WELCOME_BEFORE.search(prefix[-4:]):
        return False  # "欢迎致电…客服中心 我是38号客服": the greeting, not a call to come
    if _DEVICE_BEFORE.search(prefix):
        return False  # "记录是桩子上报的拔枪时间", "电表上报的读数": a device's act, not the agent's
    if prefix.endswith(("负责", "来负责", "负责给您")) and after.startswith("的") and "是" in prefix:
        return False  # "水表和水表前面的管道 / 是我们负责维修的" (field call 418): whose duty it is
    if (action == "退款" and _SENT_BACK_AFTER.match(after)) or _REDONE_BY_THEM.search(prefix):
        return False  # "我们会退回去让他们重新办理" (field call 1199): the case sent back to the department, no refund
    if _THEN_ONLY.match(after):
        return False  # "师傅要先沿着线路巡一遍找到故障点处理好才能送电" (field call 1177): a step before the outcome
    if _PURPOSE_OF_ASK.search(prefix):
        return False  # "麻烦您再说一下您家的具体位置有需要的话抢修师傅好联系您" (field call 1177): why the detail is asked
    if action == "处理" and not has_deadline and _ASKS_DETAIL_NOW.match(after):
        return False  # "我这边一个一个帮您处理麻烦您报一下注册的手机号" (field call 1140): handled now, on the call
    if action == "处理" and prefix.endswith(_MANNER_OF_HANDLING):
        return False  # "给您做保密处理" (field call 409): how the report is kept, no act owed later
    if after.startswith("的") and _ASKED_WHEN_BEFORE.search(prefix[-8:]):
        return False  # "什么时间办理的" (field call 1096): when the customer did it, asked
    if action == "上门" and prefix.endswith(_THING_MOVES):
        return False  # "楼里的热还是会通过墙和楼板过到您家" (field call 1058): heat, water, smell reach the home
    if _RELATIVE_AFTER.match(after):
        return False  # "更换的配件保修九十天" (field call 436): the part that was replaced, a noun
    if _DONE_WELL_AFTER.match(after):
        return False  # "您处理得挺好的" (field call 967): praise of how it was done, no act owed
    if _NOMINAL_AFTER.match(after) or (action in _NOUN_RESULT_ACTIONS and _RESULT_NOUN.match(after)):
        return False  # "维修单上标注加急", "维修费用", "退款申请", "处理结果": a noun, not the act
    if _MARK_CONTENT.search(prefix):
        return False  # "在工单上标注加急处理": what the note says, marked on the call
    if say and _UNCLEAR_OFFER.search(prefix):
        return False  # "还有哪里不清楚的我再给您说" (field call 1112): explained again now, if asked
    if say and (_SAY_NOW_AFTER.match(after)
                or not (_SAY_LATER.search(prefix) or _EVENT_READY.search(prefix) or has_deadline)):
        return False  # "我跟您说一下", "再次跟您说声抱歉", "跟您说明": said now; "有消息了再跟您说" is later
    if _INTERCEDE.search(prefix):
        return False  # "等楼上业主回来我们会出面协调": stepping in with another party, nothing owed to date
    if _NOMINAL_BEFORE.search(prefix[-6:]) or _AS_CASE.search(prefix[-10:]) or _SUBORDINATE_AFTER.match(after):
        return False  # "作为这次的补偿", "按通知时间": a noun; "上门之前会先联系您": a time clause
    if (by := _BY_OTHER.search(prefix)) is not None and not _AGENT_SUBJECT.match(prefix, by.end()) \
            and not _OWN_STAFF.match(prefix, by.end()) and not (has_deadline and (
                _BY_OTHER_DATED.search(prefix, by.end()) or (action in _REPLIES and _TO_YOU.search(text, verb_end - 1, verb_end + 1)))):
        # "需要由电力热线为您办理": another organisation's act, told to the customer; a dated answer the
        # agent arranged is a promise ("三个工作日内由负责部门电话回复您", field call 866)
        return False
    if action == "反馈" and text[verb_end - 3:verb_end] in ("告诉您", "告诉你") and _TELL_NOW_AFTER.match(after):
        return False  # "我再告诉您一遍", "我告诉您怎么操作": said now, on the call
    clause_from = prefix.rfind("了") + 1  # "商家已经同意退款了, 退款会…退回": a new predicate
    if clause_from and (came := _OTHER_ARRIVED.search(prefix, 0, clause_from)) is not None:
        clause_from = came.start()  # "交警来了会处理" (field call 1105): who arrives acts, not a new predicate
    if (third := _THIRD_PARTY.search(prefix, clause_from)) is not None and third.end() > agent_at \
            and not (third.group(0) == "那边" and _OWN_UNIT.search(prefix, 0, third.start())) \
            and not _sends_someone(prefix[:third.end()]):  # "让主治医生跟您联系": sent by the agent
        return False  # "如果对方再用其他号码联系您": someone else's act, not the agent's promise
    if _URGE.search(prefix):
        return False  # "我们会督促经营者退款": the agent presses a third party; the act is theirs
    if _NOT_TO_CUSTOMER.search(prefix[-4:]):
        return False  # "司机看到消息就会跟我们联系": a third party gets in touch with us
    if not has_deadline and (_ONGOING.search(prefix[-3:]) or _STILL_AT.search(prefix)):
        # "我们会继续联系司机", "会持续跟进", "刘先生还在为您联系" (a hold's check-back, field call 841): ongoing
        # effort, no discrete act to date
        return False
    if text[verb_end - 3:verb_end] in _SEND_VERBS and _MESSAGE.search(prefix):
        return False  # "报案号稍后会短信发到您手机上": a text message on its way, nothing to date
    if action == "退款" and _TERMS_AFTER.match(after) and not _UNDERTAKEN.search(prefix[-6:]):
        return False  # "开课以后退费要扣除已上课时的费用" (field call 818): the terms of a refund, told
    if _IMPROVE_AFTER.search(after[:20]):
        return False  # "反馈给转运中心 加强装卸的管理": an improvement pledge, no answer owed
    if _IMPROVE_BEFORE.search(prefix[-10:]):
        return False  # "我们会改进派单跟踪": the act is what is improved, a pledge, nothing owed to this customer
    if agent_at < 0 and not has_deadline and _POLICY.search(prefix):
        return False  # "余额会在转网之后按原路退回", "一般是年中公布": how things go, not an undertaking
    if _APPLIED_FOR.search(prefix):
        return False  # "我这边先帮您 / 申请了退货退款上门取件" (field call 809): what was applied for, done now
    head = prefix[agent_at:] if agent_at >= 0 else local
    if "了" in head:
        head = head[head.rindex("了") + 1:]  # "已经帮您登记了, 会尽快给您回电": a new predicate
    if _NEGATION.search(_strip_ok_words(head)) or _PAST.search(head):
        return False
    if _PAST_AFTER.match(after) and not after.startswith("了解"):
        return False
    if _FOUND_BY.search(prefix):
        return False  # "经核实途中没有封路": the result of a check already made
    if _RESPONSIBLE.search(prefix) and _RESPONSIBLE_AFTER.match(after):
        return False  # "这种问题是属地街道负责协调处理的" (field call 815): whose job it is, no act undertaken
    if after.startswith("的") and "是" in head and not _FUTURE.search(head):
        return False  # "您是八月十二号在营业厅办理的": when it was done (是…的), not "我们是会给您处理的"
    if _SO_PLANNED.search(prefix) and action in ("安排", "处理"):
        # "我给您标了加急 这样安排您看可以吗", "审核有结果了会发短信 / 到这个手机上 / 这样给您处理您看可以吗"
        # (field call 485): the plan just told, asked about, no new act
        return False
    if after.startswith("的") and _CAN_HEAD.search(head) and not _FUTURE_WILL.search(head):
        return False  # "按标准规则 / 我这边能给您办理的 / 只有刚才说的那个金额" (field call 564): what can be done
    if _CAPABILITY.search(prefix[-5:]):
        return False  # "他有权限处理超出保价的赔付": the supervisor's authority, told before a transfer
    if action in ("处理", "安排") and not has_deadline and _EFFORT.search(head):
        # "我会全力帮您解决": an assurance of effort (the seed's own wording), no later act; "我们这边会尽量给您
        # / 安排妥当的" (field call 797)
        return False
    if action == "处理" and not has_deadline and _SURE_OUTCOME_HEAD.search(head) and _SURE_OUTCOME_AFTER.match(after):
        return False  # "您放心这个事情 / 街道肯定会给您处理好的" (field call 553): the outcome assured, no act to date
    if action == "跟进" and not has_deadline and "全程" in head:
        return False  # "这次我会全程 / 跟进您的申请" (field call 529): how the case will be watched, no act owed
    if ("是" in prefix or "致力" in prefix or "希望" in prefix or "力争" in prefix or "为了" in prefix) \
            and any(a.start() >= agent_at for a in _AIM.finditer(prefix)):
        # (the aim after the last subject: "为了安全 还是建议我们师傅上门帮您处理" names its own doer)
        return False  # "我们的目标是帮您把问题解决", "为了更好地解决您的问题": an aim, not an undertaking
    if action == "反馈" and _SUGGESTION.search(prefix):
        return False  # "您的建议我记下来了 会反馈给相关部门": a suggestion passed on, no answer owed
    if action == "反馈" and _AUTO_NOTICE.search(prefix[-8:]):
        return False  # "到账以后会有短信通知您": the system's notice, not the agent's act
    if asked_info and not has_deadline and action in _NOW_AFTER_REQUEST and not _LATER.search(prefix, _request_end(prefix)):
        # "请您提供一下订单号, 我帮您核实处理": done now, with what was asked for ("麻烦您再提供一下…我这边核实一下",
        # field call 1028: the "再" is the request's)
        return False
    if action in _DONE_NOW_ACTIONS and not has_deadline and _DONE_NOW.search(head):
        return False  # "我现在就给您办理退款", "我先帮您提交申请": done now, on the call
    if action == "上报" and not has_deadline and not _WILL.search(prefix):
        return False  # "我这边给您提交一个工单": submitted on the call, nothing later to date
    if (action in _IMMEDIATE or immediate) and _WAIT_NOW.search(after):
        return False  # "我再确认一下申诉需要的材料 您稍等": checked now, while the customer holds
    if action in _IMMEDIATE and not has_deadline and _CHECK_WITH_YOU.search(prefix) \
            and not _LATER.search(prefix.replace("再", "")):
        return False  # "陈女士您好 再跟您核实一下 / 您的预留手机号码" (field call 427): checked with the customer, now
    if action in _IMMEDIATE or immediate:
        return bool(_LATER.search(prefix) or _EVENT_READY.search(prefix)) or has_deadline \
            or (prev_ok and not local.strip("并和再后"))
    if action == "反馈" and _AWAIT.search(local):
        return True  # "等通知吧": the agent tells the customer a notice will come
    # ("我们查到了给您打电话": once found, a later call; "师傅给您打电话, 打哪个号码" names no later act)
    if action == "反馈" and _AGENT_BA.search(head):
        return True  # "我把您的情况 / 反馈给我们服务经理" (field call 546): what the agent will do with the case
    return bool(_FUTURE.search(prefix) or _EVENT_READY.search(prefix) or _FOUND_THEN.search(prefix)
                or (action in _SENT_ACTIONS and _sends_someone(prefix))) or has_deadline or prev_ok


def _sends_someone(prefix: str) -> bool:
    """The agent sends someone (``_SENDS_SOMEONE``), not the customer ("您可以让师傅跟您联系")."""
    sent = _SENDS_SOMEONE.search(prefix)
    return sent is not None and _CUSTOMER_SUBJECT.search(prefix, 0, sent.start()) is None


def _lead_frame(lead: str) -> bool:
    """A time frame in the verbless sentences before a clause that times it: not a period in which
    something may be done ("航班结束六个月以内 / 都可以申请 / 我现在帮您提交补登申请", field call 657)."""
    found = _match_deadline(lead)
    return found is not None and _ELIGIBLE_AFTER.match(lead, found[0].end()) is None


_ELIGIBLE_AFTER = re.compile(r"(?:都|也|均)?(?:可以|能|能够|允许|可)")
# A menu item or button named after the act, tapped by the customer: "再点报告查询", "点击在线退款", "选择人工核实".
# (not "找到了第一时间通知您": a search, then a promise)
_UI_PICK = re.compile(r"(?:点|点击|点开|点一下|选择|选|进入)[^，,。！？!?\s您你我了]{0,6}$")
# The agent sends someone to do it: a visit, a repair or a call ("让管家有空的时候 / 过去看看", field call 624;
# "我马上帮您催一下网点 / 让师傅跟您联系", 644).
_SENT_ACTIONS = frozenset({"上门", "处理", "回电"})
# ("我让楼栋管家小刘 / 跟您联系", field call 783: the colleague's post named before; "让片区的师傅联系你", 848)
_SENDS_SOMEONE = re.compile(r"(?:^|(?<![您你]))(?:让|叫|安排|派)(?:我们的?|咱们的?)?(?:(?:楼栋|片区|小区|维修|值班|网点|社区)的?)?"
                            r"(?:管家|师傅|维修工|维修人员|工作人员|同事|专员|专人|工程师|网格员|保安|快递员|片警|技术人员"
                            # "转给消化内科 / 让主治医生那边跟您联系" (a hospital line, field call 689)
                            r"|(?:主治|主管|值班)?(?:医生|大夫)|护士|负责人|主管|经理|客户经理)")


# The agent takes the case in hand to pass it on ("我把您的情况反馈给…"): said without 会, still a promise
# (done, it would be "已经"/"了", read above).
_BA_ADVERBS = "先|马上|现在|稍后|这就"
_AGENT_BA = re.compile(rf"^(?:这边|{_BA_ADVERBS})*把")


_SO_PLANNED = re.compile(r"(?:这样|这么|那样|那么)(?:给|帮|为|替)?(?:您|你)?$")
# The act is one of two ways the customer may choose: "寄给您或者您自己去领", "…寄给您或者" / "您自己去领".
# ("可以自己寄给您或者等您回国再用", field call 653: the daughter's choice, said to the customer)
_CHOICE_AFTER = re.compile(r"[^，,。]{0,8}?(?:或者|或是)(?:等|让|由)?(?:您|你)")
# Contacting us, the customer's act whoever was named before: "可以在App里再联系我们" (not "联系我们的师傅").
_US_AFTER = re.compile(r"(?:我们|咱们)(?!的)|我(?![们的])")
# The greeting's "欢迎致电", "感谢您致电", "谢谢您的来电": the customer's call, made now.
_WELCOME_BEFORE = re.compile(r"(?:欢迎|感谢|谢谢)(?:您|你)?$")
# The purpose of the call being made: "(给您)打电话是想提醒您", "联系您主要是为了确认…", "致电的目的是".
_PURPOSE_AFTER = re.compile(r"(?:电话)?(?:过来|来)?(?:主要|就|其实)?是(?:想|要|为了|因为|跟您|和您|给您|通知|提醒|告诉|确认)"
                            r"|(?:电话)?的(?:目的|原因)")
# A device right before the verb is its subject: "桩子上报的拔枪时间", "电表自己上报", "设备反馈的数据"
# ("系统会给您回复" names no device right before the verb).
_DEVICE_BEFORE = re.compile(r"(?:充电桩|桩子|(?<![打木])桩|设备|机器|仪表|电表|水表|燃气表|气表|表计|终端|传感器|机顶盒|路由器)"
                            r"(?:自己|自动|会|会自动)?$")
# A verb heading a noun: "维修单", "处理单号", "维修记录", "维修费用", "退款申请" (submitted on the call).
_NOMINAL_AFTER = re.compile(
    r"单(?![独纯])|[工公]单|记录|费|申请|人(?![帮来去过给])"  # "退给办理人", "联系人": the person (field call 473)
    # ("给您生成了一个维修公单", field call 1185: the ASR's 公单 for 工单)
    # "给您打八折": a discount, not a call; "以后联系您的电话": the number, not a call;
    # "回复我们发给您的短信": the message already sent, not a sending
    r"|[零一二两三四五六七八九\d]{1,2}折|的(?:电话|号码|手机|方式|地址|短信|信息|消息|链接|邮件)"
    # "保修九十天 / 从维修那天开始算" (field call 436): the day it was done, a date named
    r"|(?:的)?(?:那天|那日|当天|那次|之日)"
    # "班主任处理慢的问题 / 我们也会反馈改进": how the handling went, a complaint about it named
    r"|(?:得|的)?(?:太|很|比较|有点|特别)?(?:慢的|慢了|太慢|不及时|不到位|拖拉)"
    # "退费专员会在九月三号…给您回电", "维修师傅会在明天": the one who does it, named by the act and
    # the subject of what follows ("帮您联系专员" is an act)
    r"|(?:专员|师傅|人员|工程师|班组|小组|专席|部门)(?=会|将|已经|那边|这边|一般|都)"
    # "二十九号维修站的师傅上门 / 给您家暖气片放过气" (field call 664): the place or team named by the act
    # ("联系站长", "联系部门", "联系厂家", "联系工程师" are acts)
    r"|站(?![长点])|部(?![分门])|队(?!长)|厂(?![家商长])|店(?![长家铺])|工(?![作期程人])"
    # "绑定以后在报告查询里面 / 就能看到" (field call 787): a section of an app or site, named by the act
    r"|(?:里面|页面|栏目|菜单|模块|入口)")
# The verb heads a relative clause before a noun: "更换的配件", "上门的师傅", "维修的时间".
_RELATIVE_AFTER = re.compile(r"的(?:配件|零件|部件|东西|设备|产品|商品|机器|师傅|人员|工作人员|时间|日期|地址|费用|单子|订单)")
# How well something was done, said after the verb: "您处理得挺好的", "办得很及时" (not "处理得快一点", a vague pledge).
_DONE_WELL_AFTER = re.compile(r"得(?:挺|很|非常|特别|真|蛮|还|相当|比较|太)?(?:好|不错|对|及时|到位|棒|漂亮|周到|妥当)(?!一点|一些|点)")
# ... and, for a handling or refund, its outcome or place: "处理结果", "维修进度", "维修网点"
# ("反馈结果" is an answer owed, "联系网点" an act).
# "联系电话", "联系方式", "联系人", "联系地址": a detail named, not getting in touch.
_CONTACT_NOUN = re.compile(r"电话|方式|号码|人|地址")
_NOUN_RESULT_ACTIONS = frozenset({"处理", "核实", "退款"})
_RESULT_NOUN = re.compile(r"结果|进度|意见|方案|情况|人员|部门|时效|流程|范围|网点|中心"
                          r"|审核|审批|手续|政策|规定|规则|标准"  # "特殊退费审核" (field call 564)
                          # "发一条办理指引的短信" (field call 1097): a guide to it, sent now
                          r"|指引|指南|须知|攻略|步骤|条件|渠道|方式")
# What a mark in the system says, put there on the call: "(工单上)标注加急", "备注优先", "标记为紧急".
# "标注为催办" (field call 54): the verb is the mark itself.
# "我在备注里给您写上 / 联系张先生" (field call 752): the words written down follow.
_MARK_CONTENT = re.compile(r"(?:标注|备注|注明|标记|标明|写明|写上|标成|标为)(?:[^，。,.]{0,3}(?:加急|紧急|优先|特急)|为|成)$"
                           r"|(?:写上|记上|备注上|标上)$")
# Stepping in between the customer and another party: "(等楼上业主回来)我们会出面协调", "出面调解"
# (the outcome is the other party's; the customer's answer is the callback, if one is promised).
_INTERCEDE = re.compile(r"出面(?:帮您|给您|为您)?$")


# A verb used as a noun: "作为这次的补偿", "按通知时间", "根据处理结果" ("尽快的处理": 的 for 地 stays a verb),
# "会作为集体投诉优先处理" (how a kind of case is handled).
_NOMINAL_BEFORE = re.compile(r"(?:作为|按照|按|根据|凭)[^，。,.]{0,4}$|(?<!尽快|及时|认真|马上|立即|优先)的$"
                             r"|(?:张贴|贴出|贴|发布|下发|出具|开具|收到|看到)$"  # "在小区张贴通知": a notice posted
                             # what is thanked for, a noun: "谢谢您的理解和反馈", "感谢您的反馈"
                             r"|(?:谢谢|感谢|多谢)[^，。,.？?！!]{0,4}$|的[^，。,.？?！!]{1,3}[和与及跟]$")
_AS_CASE = re.compile(r"作为[^，。,.]{1,8}$")
# "我再告诉您一遍", "告诉您怎么操作": telling now, not a later answer.
_TELL_NOW_AFTER = re.compile(r"一遍|一下|一声|一个|怎么|如何|的|吧|啊")
# Someone else named as the subject: "如果对方再用其他号码联系您", "商家会给您退款" (the
# merchant's act, reported), "楼上邻居会联系您".
# (a subject, not an object or owner: "先把楼上的总阀关了再联系楼上业主" is the agent's act)
_THIRD_PARTY = re.compile(r"(?<![把的给跟和与向找让叫请])(?:对方|骗子|诈骗分子|商家|卖家|经营者|楼上|邻居|房东|厂家|厂商|"
                          r"交警|警察|民警|派出所|公安|消防员?|消防队|急救中心|救护车|医生|护士|分诊台|法院|"
                          # the agencies a government hotline tells of ("杭州社保中心会打电话通知您", field call 526)
                          r"社保中心|社保局|人社局|医保局|医保中心|公积金中心|税务局|车管所|房管局|不动产登记中心|"
                          r"(?:快递|物流|保险|航空|运营商|第三方)公司|(?<![我们咱])那边)(?!的)")
# Another party's arrival before what it does: "交警来了会处理", "消防到了会…".
_OTHER_ARRIVED = re.compile(rf"(?:{_THIRD_PARTY.pattern})(?:到场|过来|赶到|来|到)了$")
# "快递公司那边会联系您", "保险公司那边一般会联系您定损": another organisation ("X那边", not "我们那边").
# A unit of the service's own, or the one the case is passed to, is not another organisation: "回头车站那边
# 会联系您的" (a metro hotline, field call 676), "后台那边", "街道那边".
# (and the service's own field staff: "回头让抄表员那边跟您联系", field call 1050)
_OWN_UNIT = re.compile(r"(?:车站|站点|站里|网点|后台|审核|售后|技术|财务|维修|工程|客服|专员|主管|班组|部门|街道|社区|物业"
                       r"|承办单位|医生|大夫|科室|抄表员?|安装|装维|检修|抢修|查勘员?|网格员|片区)$")
# A question about a past act: "(您)什么时间办理的", "在哪买的".
_ASKED_WHEN_BEFORE = re.compile(r"(?:什么时间|什么时候|哪天|哪一天|几号|几月|哪年|哪里|在哪|哪儿)[^，,。.？?！!]{0,4}$")
# A thing, not a person, comes "到您家": "热…过到您家", "水渗到您家", "味道飘到您家".
_THING_MOVES = ("过", "传", "流", "漏", "渗", "飘", "串", "窜", "吹", "蔓延")
# The customer's next contact, the condition of the agent's act: "您再打过来", "您到时候来电".
_CUSTOMER_TRIGGER = re.compile(r"(?:您|你)(?:可以|就|再|到时候?|随时|直接|也)*(?:(?:给|跟)我们(?:再)?(?:打个?电话|来个?电话|打过来)|"
                               r"打过来|打回来|来电|致电|打电话过来|打我们|拨打|联系我们|找我们|过来找"
                               # "您可以再打一二三四五报一下这次的受理编号我们会再催办" (field call 1085)
                               r"|打(?:一二三四五|12345|这个(?:热线|电话|号码)|热线))(?!的时候)")
# Habitual statements: "一般是三到五个工作日到账", "通常两小时内会有人联系" (said of no one).
_HABITUAL = re.compile(r"一般|通常|正常情况下|一般来说|往往|(?:任何|每次|每一次|每笔|每一笔)[^，。,.]{0,10}都(?:会|要)"
                       # "这个合约当时是有签字确认的营业厅都会告知的" (field call 1128): what counters do, told of all
                       r"|(?:营业厅|门店|网点|柜台|业务员|营业员|店员)[^，。,.]{0,4}都(?:会|要)"
                       # "新车次票价如果比原来高需要补差价低的话 / 差额会退回原支付账户" (field call 511): the
                       # rule for either price, told of no one
                       r"|(?:高|低|多|少|贵|便宜)了?的话")
# "能给您办理的": what can be done, a relative clause or a fact, unless "会" says it will be.
_CAN_HEAD = re.compile(r"能|可以")
_FUTURE_WILL = re.compile(r"会|将|马上|稍后|明天|尽快")
# "是可以(帮您)…的": what can be done, said as a fact ("这个情况我们是可以帮您处理的").
_CAN_BE_DONE = re.compile(r"是(?:可以|能|能够)(?:帮|给|为|替)?(?:您|你)?(?:处理|解决)的")
# What the agent may tell at most: "只能告诉您", "只能跟您说".
_ONLY_BEFORE = re.compile(r"只能够?先?$")
_ONLY_TELL = re.compile(r"告诉|告知|(?:跟|和|给|向)(?:您|你)(?:说|讲)")
# An automatic sender: "系统会…自动给您发送短信通知".
_SYSTEM = re.compile(r"系统|平台|app|短信")
# The agent presses a third party to act: "我们会督促经营者退款", "责令物业维修".
_URGE = re.compile(r"(?:督促|敦促|责令|监督|要求)[^，。,.]{1,8}$")
# A verb in a time clause: "(抄表员)上门之前(会先联系您)", "核实完以后".
_SUBORDINATE_AFTER = re.compile(r"之前|以前|之后|以后|的时候|完(?:以后|之后|了)|前(?![往去来面台])|后(?![续面台来期])")
# Done by someone named after 由: "由电力热线为您办理" (by us only with an agent subject, "由专人").
_BY_OTHER = re.compile(r"由(?=[^，。,.]{2,12}$)")
# A colleague of the agent's named after 由: "今天下班前由工程部主管给您回电" (field call 348); not
# another organisation ("由电力热线为您办理", "由供热公司的负责人").
# A dated call to the customer arranged with a partner: "二十四小时内由站点负责人给您回电" (the agent
# set it up; the time frame is the agent's word).
_BY_OTHER_DATED = re.compile(r"(?:给|联系|通知)(?:您|你)$")
_REPLIES = frozenset(("反馈", "回电"))
_TO_YOU = re.compile("[您你]")
_OWN_STAFF = re.compile(r"(?:我们|我司)?(?:的)?(?:(?![公单局委厅站司])[\u4e00-\u9fff]){0,4}?"
                        r"(?:主管|经理|组长|班长|工程师|技术员|负责人)")
# Getting in touch with us, not with the customer: "司机就会跟我们联系".
_NOT_TO_CUSTOMER = re.compile(r"(?:跟|和|与|给)(?:我们|我)(?:这边)?$")
# A message sent to the customer's phone: "报案号会短信发到您手机上", "链接发给您".
# (and the notice verbs: "发短信", "发邮件" after a message word say the same)
_SEND_VERBS = frozenset({"发到您", "发给您", "发到你", "发给你", *(v for v, _ in _NOTICE_VERBS)})
_MESSAGE = re.compile(r"短信|信息|消息|链接|验证码|二维码|报案号|单号|编号|取件码")
# Ongoing effort: "会继续联系司机", "会持续跟进".
_ONGOING = re.compile(r"继续|持续|一直")
_STILL_AT = re.compile(r"还在(?:为|帮|给|跟)?(?:您|你)?$")
# What a refund is cut by, told: "退费要扣除已上课时的费用", "退款需要扣百分之二十的手续费".
_TERMS_AFTER = re.compile(r"(?:的话)?(?:要|需要|得|需|就要|是要|会)(?:先)?(?:扣除|扣掉|扣|收取|按照|按)")
_UNDERTAKEN = re.compile(r"会|将|给您|帮您|为您|给你|帮你|替您")  # "我们会给您退款(要扣除手续费)": a promise still
# Whose job it is, told: "是属地街道负责协调处理的", "这个是物业负责维修的".
_RESPONSIBLE = re.compile(r"是[^，。,.!?？！\s]{0,10}负责(?:统一)?(?:协调|处理|解决|办理|管理|维修|跟进)*$")
_RESPONSIBLE_AFTER = re.compile(r"(?:协调|处理|解决|办理|管理|维修|跟进)*的")
# An improvement pledge after passing a case on: "反馈给转运中心 加强装卸的管理".
_IMPROVE_WORDS = "加强|改进|整改|完善|提升|杜绝"
# ... or pressing the other party to take care next time: "反馈给商家 督促他们出餐的时候仔细核对" (field call 295;
# "督促他们尽快退款" is an outcome for the customer, a promise)
_IMPROVE_AFTER = re.compile(rf"{_IMPROVE_WORDS}|(?:督促|提醒|要求)[^，,。！？!?]{{0,10}}"
                            r"(?:仔细|认真|注意|规范|核对|改正|纠正|避免|以后|今后|下次)")
# ... or before the verb, which then names what is improved: "改进派单跟踪", "加强后续的跟进".
_IMPROVE_BEFORE = re.compile(rf"(?:{_IMPROVE_WORDS}|优化|规范)[^，,。！？!?]{{0,6}}$")
# The customer is asked to hold on while the agent checks: "您稍等", "请稍候", "先别挂机".
_WAIT_NOW = re.compile(r"稍等|稍候|等一下|等一等|等一会|别挂|不要挂")
# Asking whether the customer can talk now: the call under way is the one promised.
# ("好的那打扰您了 / 再见" takes leave, field call 957)
_CALLING_NOW = re.compile(r"现在(?:是否|方不方便|方便)|方便(?:说话|讲话|接听|通话)|打扰您(?!了)")
_WAIT_NEXT = re.compile(r"(?:那|好)?(?:麻烦|请)?(?:您|你)?(?:先)?(?:稍等|稍候|等一下|等一等|别挂|不要挂)")
# ... also when the pledge is the next clause of the sentence: "我们会把情况反馈给转运中心，加强管理，
# 避免再发生这样的事" (a case passed on so that it improves, nothing to come back to the customer).
# The ASR may cut before the receiver: "…的问题我们也会反馈" / "给产品部门改进".
_IMPROVE_NEXT = re.compile(r"\s*(?:(?:给|到|至)?[\u4e00-\u9fff]{0,8}?(?:部门|团队|中心|组|科|处|室|仓库|门店|商家|站点|网点)"
                           r"(?:去|来|进行)?)?"
                           r"(?:以|来|并|从而|进一步|让他们|请他们|督促(?:他们|对方)?|要求(?:他们|对方)?)?"
                           rf"(?:{_IMPROVE_WORDS}|避免(?:再|类似|此类|以后|今后))")
_PASS_ON_ACTIONS = frozenset({"反馈", "上报"})
# How things go, said with no agent as subject: "一般是年中公布 调整以后会补发", "按原路退回".
_POLICY = re.compile(r"一般|通常|按规定|按照规定|根据规定|每年|每个月|每月|统一|原路|系统会|自动")
# A marker of a later act (beyond "给您/帮您", which also introduce an act done now).
_WILL = re.compile(r"会|将|稍后|稍候|随后|之后|以后|回头|等会|待会|一会|晚点|到时|届时|再|明天|后天|下周")


# A sentence the ASR cut before its verb: "师傅会在" / "我们将于" / (a time frame) / "给您回电",
# or after the event the act waits for: "这个不好说 审核通过了" / "会给你发邮件".
_OPEN_END = re.compile(r"(?:会|将|要|在|于)$")
# "我把您的情况" / "反馈给我们服务经理": the agent takes up the object of the act in the next sentence.
_BA_LEAD = re.compile(rf"(?:我|我们|这边)(?:这边)?(?:{_BA_ADVERBS})*把[^，,。！？!?\s]{{1,12}}$")
# "回头我让同事" / "把延保的介绍发短信给您" (field call 574): the act handed to a colleague, its object and
# verb in the next sentence.
_DELEGATE_LEAD = re.compile(rf"(?:我|我们|这边)(?:这边)?(?:{_BA_ADVERBS}|回头|会|待会|等会)*(?:让|叫|请|安排)(?:我们的?)?"
                            r"(?:同事|专员|专人|师傅|工作人员|客户经理|技术人员|工程师|值班长|主管|经理)$")
_EVENT_END = re.compile(rf"(?:{_EVENT_READY.pattern})$")
# Aims and wishes: "目标是帮您解决" states a goal, it undertakes nothing.
_AIM = re.compile(r"目标是|目的是|宗旨是|初衷是|致力于|希望能?|力争|为了")
_AIM_END = re.compile(rf"(?:{_AIM.pattern})[^，,。！？!?\s]{{0,4}}$")
# Instructions in steps with no one named: "首先打开app 然后点击充值 … 最后确认提交就行".
_STEP = re.compile(r"首先|然后|接着|最后|第[一二三四五六七八九1-9]步|先[^，,。！？!?]{1,12}再")
# "…就行了", "…即可": the end of an instruction, with no one named.
_ENOUGH_AFTER = re.compile(r"\s*(?:了\s*)?(?:就行|就可以|就好|即可|就ok)", re.IGNORECASE)
# "然后" opening a sentence of raw speech joins it to what was said before, as a filler does
# ("然后那个调单核实以后有结果会联系您", field call 373): not a step of an instruction.
_LEAD_THEN = re.compile(r"(?:[嗯啊呃额哦][\s,，]*)*然后(?:[\s,，]*(?:那个|就是|这个|嗯|呃|啊))*")


def _lead_then(prefix: str) -> int:
    """Where the instruction steps of ``prefix`` may start: after a sentence-opening "然后"."""
    m = _LEAD_THEN.match(prefix)
    return m.end() if m is not None else 0


# The customer calls once out of danger: "人马上到室外去 到了外面再打电话" (the gas-leak safety step, field call 285).
# "人撤到护栏外面" / "再打电话" (field call 380): a place before 外面, the ASR cut before 再.
_GONE_OUT = re.compile(r"(?:到|去|出|下|在)了?(?:[\u4e00-\u9fff]{1,3}?(?=外面|外边|以外))?"
                       r"(?:室外|外面|外边|以外|楼下|户外|门外|屋外|安全的?地方)(?:以后|之后|后)?再$")
_FOR_YOU = re.compile(r"[帮给为替]您")
# The agent's aim, not an act owed: "我这边是想帮您解决问题的", "我们的目标是帮您把问题解决".
# (the target said: "我们的目标就是帮您把事情解决", field call 1186, the seed's words to an abusive caller)
# (and all it names: "我们的目的就是帮您把这个事情查清楚帮您解决", field call 1180)
_WILL_ONLY = re.compile(r"(?:是想|就是想|只是想|目标(?:就)?是|目的(?:就)?是|为的(?:就)?是)(?:帮|为|给)(?:您|你)[^,，。!?？！]{0,14}$")
# Events to come, each met by the same service: "以后有停电计划 / 会短信通知您", "今后再有这种情况".
_STANDING = re.compile(r"(?:以后|今后|往后)(?:如果|要是)?(?:再)?有(?!结果|消息|进展)[^,，。!?？！]{1,10}")
# Everyone the service reaches, not the caller: "(会主动发短信)通知用户", "告知广大市民".
_EVERY_USER = re.compile(r"(?:通知|告知|提醒|给)?(?:所有|全体|各位|广大|受影响的|相关)?(?:用户|市民|居民|大家)(?![委楼区])")
# "(我们)查到了" right before the act: the act waits for the search ("查到了给您打电话").
_FOUND_THEN = re.compile(r"(?:查|找|问|核实|查询)到了?$")
# A notice the system sends by itself: "会有短信通知", "系统会自动提醒".
# "到账以后会有通知": a notice that will come, from no one the agent names.
_AUTO_NOTICE = re.compile(r"(?:有|由)(?:短信|简讯|信息|消息|邮件|推送|系统)(?:的?形式)?$|"
                          r"(?:短信|简讯|系统|平台|app)(?:会|将)?自动(?:发送)?$|(?:会|将)有$")
# The customer's suggestion relayed ("您的建议/宝贵意见…反馈给相关部门"): nothing is owed back.
_SUGGESTION = re.compile(r"建议|宝贵意见|宝贵的意见")
# "等通知吧", "等我们消息": waiting for the agent's side.
_AWAIT = re.compile(r"(?:^|[^不别])(?:等|等着|等待)(?:我们|我|这边)?(?:的)?$")
# Asked for a number or a detail, the agent checks it on the call: "我帮您核实处理".
_INFO_REQUEST = re.compile(r"提供|告诉我|报一下|说一下|报给我|发给我|念一下|输入")
_NOW_AFTER_REQUEST = frozenset({"核实", "处理"})


def _request_end(prefix: str) -> int:
    """Where the last request for a detail in ``prefix`` ends (0 when there is none)."""
    end = 0
    for m in _INFO_REQUEST.finditer(prefix):
        end = m.end()
    return end


# Done now, on the call: "我现在就给您办理全额退款", "我先帮您提交减免申请" (then "已经帮您提交了").
# "我马上帮您办理挂失", "我现在为您办理停机": the agent does it now (办理/提交/查询, not 回电).
# "我来帮您解决问题": "let me", the will to help now (ABU001's wording), no later act.
_DONE_NOW = re.compile(r"现在就|这就|现在马上|现在立即|现在立刻|当场|当下|(?:^|[我这边])[先来](?:帮|给|为|替)"
                       # "我哋即刻帮您处理" (Hong Kong, field call 687)
                       r"|(?:^|[我这边们哋])(?:马上|立即|立刻|即刻)(?:就)?(?:帮|给|为|替)|^现在(?:帮|给|为|替)")
_DONE_NOW_ACTIONS = frozenset({"处理", "上报", "退款", "核实"})
# How many characters may follow a time frame that ends the sentence before a promise ("三个工作日内吧").
_FRAME_TAIL_SLACK = 1
# What follows a time frame that leads a promise cut into sentences: its doer ("二十四小时内由站点负责人").
# (the rest of the time frame may come first: "周四" + "下午两点到五点" / "由我们抄表班的师傅")
# (an adverb may come first: "我保证三个工作日内" / "一定会有工作人员" / "给您回电答复", field call 760)
_DOER_NEXT = re.compile(r"[\d一二三四五六七八九十两零半点分号日月周至到上下中午晚早凌晨傍:]*"
                        r"(?:内|之内|以内|之前|以前|前)?(?:一定|肯定|保证|绝对|都|也|就)*"
                        r"(?:由|会|将|我们|我|专人|有专人|有人|安排"
                        # a doer named: "三个工作日之内 / 社区的工作人员会 / 打这个电话联系您" (field call 769)
                        r"|[\u4e00-\u9fff]{0,6}?(?:人员|师傅|专员|专人|同事|工程师|客户经理|经理)(?:会|将|就会))")

# An event named right after a clock time in a fragment without a promise verb: "十一点半左右下车".
_OTHER_EVENT_AFTER = re.compile(r"(?:左右|多|钟)?(?:上车|下车|上的车|下的车|起飞|降落|到站|出发|发车|开门|关门|打的|打过来|收到|签收|下单|付款)")

# A sentence that is only the doer ("工程部的同事", "维修的师傅"), and one that opens with its "会".
_DOER_ALONE = re.compile(r"[\u4e00-\u9fff]{0,8}?的?(?:工作人员|人员|师傅|专员|专人|同事|工程师|客户经理|经理|负责人)")
_WILL_OPENS = re.compile(r"(?:也|都|就)?(?:会|将)")

# "短信通知" as a thing received ("一条退款的短信通知"), not an act ("审核结果会短信通知", "短信通知您").
_NOTICE_NOUN = re.compile(r"(?:的|一条|条|一个|个|一封|封)(?:短信|消息|推送|邮件|微信)通知(?!(?:您|你|到|客户|用户))")
# The doer and "会" right before a time frame: "我们会在(今天早上六点前)".
_DOER_WILL_BEFORE = re.compile(r"(?:我们|我|这边|我这边|我们这边)(?:这边)?(?:会|将)(?:在|于)?$")
# A sentence that goes on with the result owed as its subject: "复核结果会短信通知您", "处理结果我们会电话告知".
_RESULT_NEXT = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:结果|结论|答复|回复|进度)(?:我们|这边|也|都)?(?:会|将)")

# An outcome assured, said whole: "肯定会给您处理好的", "一定给您解决好" (TAB005 judges the absolute word).
_SURE_OUTCOME_HEAD = re.compile(r"肯定|一定|绝对|保证")
_SURE_OUTCOME_AFTER = re.compile(r"好(?:的|了)?(?:的|吧|啊|呀|哈)?$")
# Effort words: "全力/尽力帮您解决" promises an attitude, not an action with a due date.
_EFFORT = re.compile(r"全力|尽力|尽量|尽最大努力|尽我所能|竭尽全力|努力")
# A verbless sentence the ASR cut off before a promise that says it is done now, is how things go,
# is a step of the customer's or an assurance of effort: "我现在就帮您" / "办理退款", "以后卡是统一
# 制卡" / "制好了会短信通知", "人先离开房间到" / "室外再打电话", "我一定尽力" / "帮您处理".
_LEAD_MANNER = re.compile(rf"{_DONE_NOW.pattern}|{_POLICY.pattern}|{_HABITUAL.pattern}|{_STEP.pattern}|先|{_EFFORT.pattern}")
# Who may act, not what will be done: "值班主管他有权限处理超出保价的赔付", "主管有权审批".
_CAPABILITY = re.compile(r"(?:有|没有)?(?:权限|权力|权利|资格|授权)(?:去|来)?$|有权(?:去|来)?$")


def _strip_ok_words(text: str) -> str:
    # "没问题", "不好意思", "不客气" are courtesy, not negation of the promise.
    for w in ("没问题", "不好意思", "不客气", "不要紧", "不用担心", "别着急", "别担心"):
        text = text.replace(w, "")
    return text


# -- deadlines ---------------------------------------------------------------------------

_Resolver = Callable[[re.Match[str], datetime | None, WorkCalendar], datetime | None]


def _at(day: date, t: time, base: datetime) -> datetime:
    return datetime.combine(day, t, tzinfo=base.tzinfo)


#: More time units than any time frame a hotline gives ("幺三八五个工作日": digits the ASR ran into the
#: amount): no due date is worked out (counting that many working days would take long, or run past
#: the calendar's last year).
_MAX_QUANTITY = 3660


def _qty(m: re.Match[str]) -> float:
    q = parse_quantity(m.group("q"))
    if q > _MAX_QUANTITY:
        raise ValueError(f"no time frame runs {q:g} units")
    return q


def _hours(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    return base + timedelta(hours=_qty(m)) if base else None


def _minutes(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    return base + timedelta(minutes=_qty(m)) if base else None


def _workdays(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    if base is None:
        return None
    end = cal.add_workdays(base, math.ceil(_qty(m)))
    return _at(end.date(), END_OF_DAY, base)


def _days(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    return base + timedelta(days=_qty(m)) if base else None


def _weeks(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    return base + timedelta(weeks=_qty(m)) if base else None


def _months(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    return base + timedelta(days=30 * _qty(m)) if base else None


_DAY_OFFSETS = {"今天": 0, "今日": 0, "今晚": 0, "当天": 0, "明天": 1, "明日": 1, "明早": 1,
                "明晚": 1, "后天": 2, "大后天": 3}


def _clock(m: re.Match[str], day: date, base: datetime) -> datetime:
    part = m.group("part") or ""
    word = m.group("day") or ""
    if m.group("hour"):
        hour = chinese_to_int(m.group("hour"))
        minute = 30 if m.group("half") else (chinese_to_int(m.group("min")) if m.group("min") else 0)
        if m.group("min") and m.string.startswith("刻", m.end("min")):
            minute *= 15  # "十点一刻", "三点三刻": quarters
        night = part in _NIGHT or word in _NIGHT
        if night and hour in (12, 24):  # "夜里十二点前恢复来电" (field call 868): midnight, not noon
            return _at(day, END_OF_DAY, base) if not minute else _at(day + timedelta(days=1), time(0, minute), base)
        if part in ("夜里", "半夜", "深夜") and hour <= 5:
            # "夜里两点": after midnight (the night still to come, unless said in the small hours)
            after = day if not word and base.hour < 6 else day + timedelta(days=1)
            return _at(after, time(hour, minute), base)
        if part != "凌晨" and (part in ("下午", "傍晚") or night or (not part and hour <= 7)) and hour < 12:
            hour += 12
        return _at(day, time(min(hour, 23), min(minute, 59)), base)
    if "下班" in (m.group("suffix") or ""):
        return _at(day, END_OF_WORK, base)
    if part:
        return _at(day, DAY_PARTS[part], base)
    if word in ("今晚", "明晚"):
        return _at(day, DAY_PARTS["晚上"], base)
    if word == "明早":
        return _at(day, DAY_PARTS["上午"], base)
    return _at(day, END_OF_DAY, base)


def _day_time(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    if base is None:
        return None
    day = base.date() + timedelta(days=_DAY_OFFSETS.get(m.group("day") or "今天", 0))
    due = _clock(m, day, base)
    if not m.group("day") and due < base:
        # a bare clock time already past ("九点前给您回电" at 23:30) is the next one
        due = _clock(m, day + timedelta(days=1), base)
    return due


_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
             "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}


def _weekday(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    if base is None:
        return None
    today = base.date()
    monday = today - timedelta(days=today.weekday())
    target = _WEEKDAYS[m.group("wd")]
    if m.group("rel") in ("下", "下个"):
        day = monday + timedelta(days=7 + target)
    else:
        day = monday + timedelta(days=target)
        if day < today:
            day += timedelta(days=7)
    return _at(day, END_OF_DAY, base)


def _week_end(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    if base is None:
        return None
    today = base.date()
    sunday = today + timedelta(days=6 - today.weekday())
    if m.group(0).startswith("下"):
        sunday += timedelta(days=7)
    return _at(sunday, END_OF_DAY, base)


def _month_end(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    if base is None:
        return None
    last = _cal.monthrange(base.year, base.month)[1]
    return _at(date(base.year, base.month, last), END_OF_DAY, base)


def _next_month_end(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    """"下个月", "下期电费里", "下个账单": by the end of next month (bills come monthly)."""
    if base is None:
        return None
    year, month = (base.year + 1, 1) if base.month == 12 else (base.year, base.month + 1)
    return _at(date(year, month, _cal.monthrange(year, month)[1]), END_OF_DAY, base)


def _explicit_date(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    if base is None:
        return None
    today = base.date()
    day_no = chinese_to_int(m.group("dd"))
    try:
        if m.group("mm"):
            month = chinese_to_int(m.group("mm"))
            day = date(today.year, month, day_no)
            if day < today:
                day = date(today.year + 1, month, day_no)
        else:
            day = date(today.year, today.month, day_no)
            if day < today:
                y, mo = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
                day = date(y, mo, day_no)
    except ValueError:
        return None
    return _clock(m, day, base)  # "九月三号下午六点之前", "三号下班前"; the day's end when no time is said


# A month and day already gone this year, at most half a year back: "九月三号" said on 13 October
# dates what was done (a promise would not run eleven months ahead).
_MONTH_DAY = re.compile(rf"(?P<mm>{_N})月(?P<dd>{_N})(?:日|号)")
_PAST_DATE_DAYS = 183


def _past_date(surface: str, base: datetime | None) -> bool:
    """Whether the time frame ``surface`` is a month and day earlier this year than ``base``."""
    m = _MONTH_DAY.match(surface)
    if m is None or base is None:
        return False
    today = base.date()
    try:
        day = date(today.year, chinese_to_int(m.group("mm")), chinese_to_int(m.group("dd")))
    except ValueError:
        return False
    return day < today and (today - day).days <= _PAST_DATE_DAYS


# "节后第一个工作日", "国庆节后", "过完年": the first working day after the holiday the call
# is in, or else the next one (of that name) within ``_HOLIDAY_AHEAD_DAYS``.
_HOLIDAY_AHEAD_DAYS = 120
_AFTER_HOLIDAY_NAMES = {"春节": "春节", "国庆": "国庆节", "元旦": "元旦", "五一": "劳动节", "劳动节": "劳动节",
                        "端午": "端午节", "中秋": "中秋节"}


def _after_holiday(m: re.Match[str], base: datetime | None, cal: WorkCalendar) -> datetime | None:
    if base is None:
        return None
    wanted = "春节" if (m.group("year") or m.group("year2")) else _AFTER_HOLIDAY_NAMES.get(m.group("hol") or "")
    day = base.date()
    for _ in range(_HOLIDAY_AHEAD_DAYS):
        off, name = cal.is_holiday(day)
        if off and name is not None and (wanted is None or name == wanted):
            return _at(cal.next_workday(day), END_OF_DAY, base)
        day += timedelta(days=1)
    return None


# A decimal point, not a clock: "十二点一公里", "一点五倍", "三点五度" (the digits after 点, then a unit).
_NOT_MEASURE = (r"(?![零〇一二两三四五六七八九十\d]*(?:公里|千米|厘米|公分|米|元|块|毛|角|公斤|斤|克|吨|升|度|倍|万|亿|"
                r"个百分点|%|折|平方|立方))")

_DEADLINES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (re.compile(r"(?:(?P<hol>春节|国庆|元旦|五一|劳动节|端午|中秋)节?(?:假期)?(?:结束)?(?:以后|之后|后)"
                r"|(?:节日|节假日|(?<![环细章关音季礼过])节|长假|假期|假日)(?:结束)?(?:以后|之后|后)"
                r"|收假(?:以后|之后|后)?|过完(?P<year>年)(?:以后|之后|后)?"
                r"|(?<![\d零一二两三四五六七八九十几明去今前后当半每])(?P<year2>年)(?:以后|之后|后))"
                r"(?:的)?(?:第一个工作日|第一天|上班(?:第一天)?|一上班)?"), _after_holiday),
    (re.compile(rf"(?P<q>{_Q})\s*个?{_WORKDAY}{_IN}"), _workdays),
    (re.compile(rf"(?P<q>{_Q})\s*(?:小时|钟头|小事(?=之内|以内|内|左右)){_IN}"), _hours),
    (re.compile(rf"(?P<q>{_Q})\s*分钟{_IN}"), _minutes),
    # (not the days just past: "前两天", "最近两天", "过去三天"; "前一天下午" is the day before the visit)
    (re.compile(rf"(?<![近去\d零一二两三四五六七八九十百])(?:(?<!前)|(?=一天))(?P<q>{_Q})\s*(?:天(?:之内|以内|内|后|之后|左右)?|日(?:之内|以内|内))"), _days),
    (re.compile(rf"(?P<q>{_Q})\s*(?:周|星期|礼拜)(?:之内|以内|内|左右|之后|以后|后)"), _weeks),
    (re.compile(rf"(?P<q>{_Q})\s*个月(?:之内|以内|内)"), _months),
    (re.compile(
        rf"(?P<day>大后天|今天|今日|今晚|当天|明天|明日|明早|明晚|后天)(?P<part>上午|一早|早上|中午|下午|傍晚|晚上|夜里|半夜|深夜|凌晨)?"
        rf"(?:(?P<hour>{_N})点{_NOT_MEASURE}(?:(?P<half>半)|(?P<min>{_N})(?:分|刻)?)?)?"
        r"(?P<suffix>下班之前|下班前|之内|以内|内|之前|以前|前)?"), _day_time),
    (re.compile(
        # ("开慢一点", "早一点", "有一点": a bit, no clock time)
        rf"(?P<day>)(?:(?P<part>上午|中午|下午|傍晚|晚上|夜里|半夜|深夜|凌晨)|(?<![慢快早晚多少小大好轻高低近远稍再有差重松紧短长细]))"
        rf"(?P<hour>{_N})点(?![儿点]){_NOT_MEASURE}(?:(?P<half>半)|(?P<min>{_N})(?:分|刻)?)?"
        r"(?P<suffix>之前|以前|前)?"), _day_time),
    # (not "上周五", "上个星期五": a day gone by)
    (re.compile(r"(?<!上)(?<!上个)(?P<rel>下个|下|这|本)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])(?:之前|以前|前)?"),
     _weekday),
    (re.compile(r"(?:本周|这周|这个星期|这个礼拜|下周|下个星期|下个礼拜)(?:之内|以内|内|前)"), _week_end),
    (re.compile(r"(?:本月底|这个月底|月底|月末)(?:之前|以前|前)?"), _month_end),
    # the next bill: "会在下期电费里给您退还" (field call 389), "下个月的话费里返还", "下个账单周期" (not "下个月开始
    # 执行新标准": when something else starts, see _TOPIC)
    # ("下个月五号之前": the date is the time frame; "退回来或者抵扣下个月水费": the bill is where, not when, field
    # call 222 — a bill is a time frame said as "在…里" or with 里/中/内/前)
    (re.compile(r"(?:(?<=[在从于])(?:下个月|下月|下期|下一期|下个账期|下个账单|下个计费周期|下个结算周期)"
                r"(?![\d零一二两三四五六七八九十]+[日号])(?:的)?(?:电费|水费|燃气费|气费|话费|账单|费用|月费|物业费|帐单)?(?:周期)?"
                r"(?:里|中|上|之内|以内|内|前|底前?)?"
                r"|(?:下个月|下月|下期|下一期|下个账期|下个账单|下个计费周期|下个结算周期)(?![\d零一二两三四五六七八九十]+[日号])"
                r"(?:的)?(?:电费|水费|燃气费|气费|话费|账单|费用|月费|物业费|帐单)?(?:周期)?(?:里|中|之内|以内|内|前|底前?)"
                # the next monthly payment, when what was held back is paid: "下个月发放的时候会把暂停期间的一起补发",
                # "下个月会一起补发" (field call 997, a pension)
                r"|(?:下个月|下月)(?=发放的时候|发放时|发的时候|会一起|就会一起|会给您补|会补|会退|会返))"),
     _next_month_end),
    # ("九月三号下午六点之前": the day and the hour, field call 529)
    # (a house number is no date: "龙口西路幺二八号三楼", "芳华路九十号", field call 634 run together)
    (re.compile(rf"(?:(?P<mm>{_N})月|(?<![\d零〇一二两三四五六七八九十百幺路街道巷弄村]))(?P<dd>{_N})(?:日|号)"
                rf"(?!楼|线|院|门|码|单元)(?P<day>)"
                rf"(?P<part>上午|中午|下午|傍晚|晚上|(?:一早|早上)(?={_N}点))?"  # ("三号早上" stays the day)
                rf"(?:(?P<hour>{_N})点{_NOT_MEASURE}(?:(?P<half>半)|(?P<min>{_N})(?:分|刻)?)?)?"
                r"(?P<suffix>下班之前|下班前|之前|以前|前)?"),
     _explicit_date),
)
_DEADLINE_HINT = re.compile(
    r"小时|钟头|小事|分钟|天|工作日|公作日|工做日|周|星期|礼拜|个月|今|明|后天|点|月底|月末|日|号|节|假|年(?:以|之)?后|过完年"
    r"|下月|下期|下一期|下个账|下个计费|下个结算")


# Words each pattern of ``_DEADLINES`` (same order) cannot match without: a pattern runs
# only on a text that holds one of its words. Each is a literal of every branch of its
# pattern (the unit, the day word, 点, 日/号 …).
_DEADLINE_WORDS: tuple[tuple[str, ...], ...] = (
    ("节", "假", "年后", "年以后", "年之后", "过完年"),
    ("工作日", "公作日", "工做日"),
    ("小时", "钟头", "小事"),
    ("分钟",),
    ("天", "日"),
    ("周", "星期", "礼拜"),
    ("个月",),
    ("今天", "今日", "今晚", "当天", "明天", "明日", "明早", "明晚", "后天"),
    ("点",),
    ("周", "星期", "礼拜"),
    ("周", "星期", "礼拜"),
    ("月底", "月末"),
    ("下个月", "下月", "下期", "下一期", "下个账", "下个计费", "下个结算"),
    ("日", "号"),
)
# "今天的话…", "明天开始放假…", "明天就放假了": the time is a topic or when something else starts;
# a later time frame in the text is the promise's.
_TOPIC = re.compile(r"的话|(?:就|要|才)?(?:开始|放假|休假|休息|上班)")
# The end of a clock range after a clock time: "(两点)到四点之间".
_CLOCK_RANGE = re.compile(rf"\s*(?:到|至|~|-|—)\s*(?P<to>(?:上午|中午|下午|傍晚|晚上)?{_N}点(?:半|{_N}分?)?)"
                          r"(?:之间|之前|以前|前)?")
_DEADLINE_CHECKS = tuple(zip(_DEADLINES, _DEADLINE_WORDS, strict=True))


def _match_deadline(text: str) -> tuple[re.Match[str], _Resolver] | None:
    """The earliest (then longest) deadline expression in ``text`` and its resolver."""
    if _DEADLINE_HINT.search(text) is None:
        return None
    best: tuple[re.Match[str], _Resolver] | None = None
    topic: tuple[re.Match[str], _Resolver] | None = None
    for (pattern, resolver), words in _DEADLINE_CHECKS:
        for w in words:
            if w in text:
                break
        else:
            continue  # none of the pattern's words: it cannot match
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            if _TOPIC.match(text, m.end()):
                # "今天的话师傅排满了…今天下班前给您回电": a topic; a later time frame wins
                if topic is None or m.start() < topic[0].start():
                    topic = (m, resolver)
                continue
            if best is None or (m.start(), -m.end()) < (best[0].start(), -best[0].end()):
                best = (m, resolver)
            break
    return best if best is not None else topic


def names_an_act(text: str) -> bool:
    """Whether ``text`` names an act that can be promised (a verb of ``_VERBS``: "退款", "回电", "处理")."""
    return _VERB_RE.search(text) is not None


def time_frame_in(text: str) -> str | None:
    """The first time frame said in ``text`` ("两个小时左右", "明天上午", "三个工作日内"), as said,
    or None. For answers that carry no verb of their own ("大概两个小时左右吧")."""
    found = _match_deadline(text)
    return found[0].group(0) if found is not None else None


def _find_deadline(text: str, base: datetime | None,
                   cal: WorkCalendar) -> tuple[int, int, str, datetime | None] | None:
    """``(start, end, surface, due)`` of the earliest deadline in ``text``, or None."""
    found = _match_deadline(text)
    return _resolve_deadline(found, base, cal) if found is not None else None


def _resolve_deadline(found: tuple[re.Match[str], _Resolver], base: datetime | None,
                      cal: WorkCalendar) -> tuple[int, int, str, datetime | None]:
    """``(start, end, surface, due)`` of a deadline expression found by :func:`_match_deadline`."""
    match, resolver = found
    end = match.end()
    if resolver is _day_time and match.start("hour") >= 0 \
            and (to := _CLOCK_RANGE.match(match.string, end)) is not None:
        # "下午两点到四点之间上门": the promise is held to the end of the range
        second = match.re.match(match.string[match.start():match.start("hour")] + to.group("to"))
        if second is not None:
            match, end = second, to.end()
    try:
        due = resolver(match, base, cal)
    except ValueError:
        due = None
    if end != match.end():
        return found[0].start(), end, found[0].string[found[0].start():end], due
    start = match.start()
    if start > 1 and "q" in match.re.groupindex:
        low = _LOW_BEFORE.search(match.string, max(0, start - 8), start)
        if low is not None:
            start = low.start()
    return start, match.end(), match.string[start:match.end()], due
