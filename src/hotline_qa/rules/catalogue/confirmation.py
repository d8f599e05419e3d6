"""CNF: confirmation (复述确认) — reading back key information, restating the customer's need."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from hotline_qa.core.call import Role, Utterance
from hotline_qa.core.findings import Finding
from hotline_qa.rules import scopes
from hotline_qa.rules.base import Rule, RuleConfig
from hotline_qa.rules.catalogue.closing import customer_cut_off
from hotline_qa.rules.catalogue.complaints import joined
from hotline_qa.rules.catalogue.fragments import next_fragment
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, RegexSet
from hotline_qa.rules.registry import register
from hotline_qa.text.hesitation import lead_hesitation
from hotline_qa.text.redact import redact_text

# Names for the analyzer's kinds when it does not name them itself.
_KIND_ZH = {
    "phone": "手机号", "order": "订单号", "account": "账号", "id_number": "身份证号",
    "bank_card": "银行卡号", "number": "号码", "email": "邮箱", "address": "地址", "date": "日期",
    "plate": "车牌号",
}


def kind_name(item: Any) -> str:
    """The Chinese name of a key-information item's kind ("手机号")."""
    name = getattr(item, "name_zh", None)
    if isinstance(name, str) and name and name != item.kind:
        return name
    return _KIND_ZH.get(str(item.kind), str(item.kind))


def mask_value(kind: str, value: str) -> str:
    """The value as it may appear in a report: ``138****5678``, ``z****@qq.com``, ``浙江省杭州市***``."""
    masked = redact_text(value)
    if masked != value:
        return masked
    if kind == "address":
        return value[:6] + "*" * max(0, len(value) - 6)
    if kind == "date" or len(value) <= 4:
        return value
    keep = 4 if len(value) >= 8 else 2
    return "*" * (len(value) - keep) + value[-keep:]


def item_match(item: Any, u: Utterance) -> Match | None:
    """Where the item stands in its utterance (falls back to searching its text)."""
    start, end = int(item.start), int(item.end)
    if 0 <= start < end <= len(u.text):
        return Match(u.index, start, end, u.text[start:end], str(item.kind))
    if item.text:
        i = u.text.find(item.text)
        if i >= 0:
            return Match(u.index, i, i + len(item.text), item.text, str(item.kind))
    return None


@register
class KeyInfoNotReadBack(Rule):
    """Key information the customer gave (phone, order or ID number, e-mail, address, date) is not read back.

    The items and whether the agent later repeated them come from the key-information
    analyzer, which compares the digits themselves, however they were spoken ("幺三八…").
    One finding per item not read back. Only part of an ID or bank-card number ("身份证后四位
    零零一二", answering an identity check) is a verification answer, not information to
    record: it needs no read-back (``skip_partial``).

    Anti-pattern: 客户报了手机号“幺三八一二三四五六七八”，坐席只说“好的”就结束了通话。
    Best practice: “跟您确认一下，您的手机号是138 1234 5678，对吗？”
    """

    code = "CNF001"
    slug = "confirmation.key_info_not_read_back"
    family = "CNF"
    name_zh = "关键信息未复述确认"
    name_en = "Key information not read back"
    dimension = "listening"
    source = "003 四(三), 004 宜⑩ 忌⑨"
    why = "在客户挂断电话前，要重复一下所记录的内容，尤其是电话、邮箱地址和通信地址等信息；未向客户确认所记录的信息前，不要让客户挂断电话。"
    suggestion = "记录后向客户复述确认：“跟您确认一下，您的手机号是138 1234 5678，对吗？”"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        kinds = set(self.param("kinds"))
        items = [k for k in ctx.analysis.key_info
                 if k.given_by == Role.CUSTOMER and (not kinds or str(k.kind) in kinds)]
        if bool(self.param("skip_partial")):
            partial = [k for k in items if getattr(k, "partial", False)]
            items = [k for k in items if not getattr(k, "partial", False)]
            if partial and not items:
                raise self.not_applicable("客户只报了证件/卡号的后几位用于身份核验，无需复述 "
                                          "(only a verification fragment of an ID or card number)")
        if not items:
            raise self.not_applicable("客户未提供需要复述的关键信息 (no key information given by the customer)")
        kind = ctx.analysis.call_kind
        if kind.special:  # hung up after giving the number, a voicemail prompt's digits, a prank
            raise self.not_applicable(kind.reason)
        by_index = {u.index: u for u in ctx.call.utterances}
        out: list[Finding] = []
        for item in items:
            if item.read_back or _answered_misdialled(ctx, item.utterance):
                continue
            u = by_index.get(item.utterance)
            name = kind_name(item)
            masked = mask_value(str(item.kind), str(item.value))
            m = item_match(item, u) if u is not None else None
            wrong = getattr(item, "misread", None)  # read back wrong and never corrected
            if wrong is None:
                message = f"客户提供的{name} {masked} 坐席未复述确认"
                explanation = (f"客户在第 {item.utterance} 句给出{name}，之后坐席的发言中没有再说出同样的"
                               f"{'数字' if str(item.value).isdigit() else '内容'}（汉字数字“幺三八…”按数字比较）")
            else:
                message = f"客户提供的{name} {masked} 坐席复述有误且未更正"
                explanation = (f"客户在第 {item.utterance} 句给出{name}，坐席在第 {wrong[0]} 句复述的号码"
                               f"有 {wrong[1]} 位与客户所说不同，之后没有更正为客户所说的号码")
            said = [u] if u is not None else []
            out.append(self.finding(
                message, utterances=said + ([by_index[wrong[0]]] if wrong else []), matches=[m] if m else [],
                suggestion=f"记录后向客户复述确认：“跟您确认一下，您的{name}是……，对吗？”",
                explanation=explanation,
                details={"kind": str(item.kind), "value_masked": masked}
                        | ({"misread_utterance": wrong[0]} if wrong else {}),
            ))
        return out


# The agent tells the caller they dialled the wrong line: "您可能拨错号码了", "您打错了".
_MISDIALLED = re.compile(r"(?:拨|打)错(?:了|号码?|电话)")


def _answered_misdialled(ctx: CallContext, at: int) -> bool:
    """The agent's next speaking turn after sentence ``at`` says the caller dialled the wrong line: what
    the caller gave there was for someone else ("送到那个金桥大厦B座十二楼" / "您可能拨错号码了", field 190)."""
    nxt = next((u for u in ctx.call.utterances if u.index > at and u.role is Role.AGENT), None)
    if nxt is None:
        return False
    return any(_MISDIALLED.search(u.text) for u in ctx.call.turn_sentences(nxt.index))


# Sentences of one agent turn joined when looking for a restatement cut at pauses: at least
# ``_RUN`` of them, and more while the run is shorter than ``_RUN_CHARS`` characters (FunASR
# sentences of 6-9 characters: "担心您是说东湖区" / … / "处理对吗" is eight of them).
_RUN = 6
_RUN_CHARS = 100
_CLAUSE_MARKS = re.compile(r"[,，。.!！?？;；]")
_TRAIL = " ,.!?;:。，、？！…~"
_NUMERALS = frozenset("0123456789零〇一二两三四五六七八九十百千万幺")
# Fillers and acknowledgements before a restatement: not part of what it repeats.
_NOT_CONTENT = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]|^(?:嗯|哦|噢|啊|好的|好|对|是的|明白了?|了解)+")


def _content(text: str) -> str:
    return _NOT_CONTENT.sub("", text)


def _covered(body: str, source: str) -> list[bool]:
    """For each character of ``body``, whether it lies in a run of 2+ characters also in ``source``."""
    out = [False] * len(body)
    i = 0
    while i < len(body) - 1:
        j = i + 2
        if body[i:j] not in source:
            i += 1
            continue
        while j < len(body) and body[i:j + 1] in source:
            j += 1
        for k in range(i, j):
            out[k] = True
        i = j
    return out


@register
class NeedNotConfirmed(Rule):
    """The customer made a request, and the agent never restated it and asked for confirmation.

    A request is a customer turn with a request cue ("我想…", "帮我…", "能不能…", "要退款") or a
    reported fault ("路灯坏了", "支付不了"). A confirmation is an agent turn such as "您是说……对吗",
    "跟您确认一下……", "您的意思是……是吗", "就是说您……是吧", recognised with or without
    punctuation, anywhere after the customer first described the problem. A bare restatement
    that echoes the customer's own words and ends in a tag question ("十八路 人民医院站 早上七点四十
    司机没停站 是吧") confirms too, when most of it repeats the customer's request turn
    (``echo_min_share``, at least ``echo_min_chars`` characters other than numerals); reading back a
    number, or a detail from the system ("是海悦酒店今天入住的对吧"), is not a restatement.

    Anti-pattern: 客户说完需求，坐席直接“好的”就开始办理，没有复述。
    Best practice: “您是说2023年10月5日购买的XX产品，使用时出现无法开机的情况，对吗？”
    """

    code = "CNF002"
    slug = "confirmation.need_not_restated"
    family = "CNF"
    name_zh = "未复述确认客户诉求"
    name_en = "Customer's need not restated"
    dimension = "listening"
    source = "003 四(三)"
    why = "对客户核心诉求、关键信息进行复述确认。"
    suggestion = "复述客户诉求并请客户确认：“您是说2023年10月5日购买的XX产品，使用时出现无法开机的情况，对吗？”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        # Kept apart, not joined into one alternation: a turn runs only the patterns whose literal
        # words it holds (the request list is long and grows with every field round).
        self._request = RegexSet(self.param("request_patterns"), exclude=joined(self.param("request_exclude")),
                                 name="request", skip_quoted=False)
        self._confirm = RegexSet(self.param("confirm_patterns"), name="confirm", skip_quoted=False)
        self._min_chars = int(self.param("min_request_chars"))
        self._echo_tag = re.compile(f"(?:{self.param('echo_tag')})$")
        self._echo_share = float(self.param("echo_min_share"))
        self._echo_chars = int(self.param("echo_min_chars"))

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        requests = [m for m in ctx.find(self._request, ctx.customer_turns)]
        by_index = {u.index: u for u in ctx.call.utterances}
        # The length is the turn's: sentence-level ASR cuts "…内胆是裂的" / "我想退货" into sentences
        # of their own, and a four-character request closing a long turn is a request.
        turn_chars = {u.index: chars for turn in scopes.turn_groups(ctx.call, ctx.customer_turns).values()
                      for chars in (sum(len(v.text) for v in turn),) for u in turn}
        requests = [m for m in requests if turn_chars.get(m.utterance, 0) >= self._min_chars]
        if not requests:
            raise self.not_applicable("客户没有提出具体诉求 (no customer request found)")
        kind = ctx.analysis.call_kind
        if kind.special:  # cut off after the first words, a prank, a wrong number, transferred at once
            raise self.not_applicable(kind.reason)
        first = requests[0]
        if first.utterance == ctx.customer_turns[-1].index and ctx.memo(
                "closing.customer_cut_off", lambda: customer_cut_off(ctx.call)):
            raise self.not_applicable("客户说出诉求后即挂断，坐席来不及复述 (the customer hung up right after the request)")
        # The restatement may come before the request words: the customer first describes the
        # problem ("收到是坏的 插上电没反应"), the agent restates it, then the customer asks "怎么申请".
        opened = next((u.index for u in ctx.customer_turns if len(u.text) >= self._min_chars), first.utterance)
        later_agent = [u for u in ctx.agent_turns if u.index > min(opened, first.utterance)]
        follows = next_fragment(ctx)  # "好的周女士跟您核对一下" / "卡号六二二八…"

        def said_on(i: int) -> str:
            return by_index[i].text + (follows[i].text if i in follows else "")

        if any(not _no_restatement(said_on(m.utterance), m.text, m.end) for m in ctx.find(self._confirm, later_agent)) \
                or self._confirmed_across(ctx, later_agent) \
                or self._echoed(ctx, later_agent, {opened, first.utterance}):
            return []
        u = by_index[first.utterance]
        return [self.finding(
            "客户提出诉求后，坐席未复述确认",
            utterances=[u], matches=[first],
            explanation=f"客户第 {u.index} 句提出诉求（“{first.text}”），之后坐席没有“您是说……对吗”"
                        "“跟您确认一下”“您的意思是……是吗”这类复述确认",
        )]

    def _echoed(self, ctx: CallContext, agent: list[Utterance], request_at: set[int]) -> bool:
        """An agent sentence ending in a tag question ("…是吧") that mostly repeats the customer's
        request turn (the turns of ``request_at``, all their sentences)."""
        turn_of = ctx.call.turn_of
        turns = {turn_of.get(i, -1 - i) for i in request_at}
        said = "".join(u.text for u in ctx.customer_turns if turn_of.get(u.index, -1 - u.index) in turns)
        if not said:
            return False
        read_backs = {k.read_back_utterance for k in ctx.analysis.key_info}
        for u in agent:
            text = u.text.rstrip(_TRAIL)
            tag = self._echo_tag.search(text)
            if tag is None:
                continue
            body = self._echo_body(text[:tag.start()])
            if len(body) < self._echo_chars:
                continue
            # (or the customer's words just before it, the case told after the request: "我想挂个号" … "两岁…吃了
            # 药不退刚才手抖了一下" / "孩子两岁现在烧到三十九度八吃了药不退刚才手抖了一下是吧", field call 1167; not a
            # read-back of the address or number just given, "幸福里小区七号楼二单元六零二对吗", 179)
            told = "" if u.index in read_backs else "".join(
                v.text for v in scopes.before_index(ctx.call, u.index, role=Role.CUSTOMER, turns=1))
            covered = _covered(body, _content(said + told))
            if sum(1 for c, k in zip(body, covered, strict=True) if k and c not in _NUMERALS) >= self._echo_chars \
                    and sum(covered) >= self._echo_share * len(body):
                return True
        return False

    def _echo_body(self, before_tag: str) -> str:
        """What a tagged sentence restates: its last clauses before the tag, back to ``echo_min_chars``
        characters ("大爷您好，这里是社保热线，您慢慢说，是社保卡取不出钱来了，对吗" restates "是社保卡取不出钱
        来了", field call 55); the whole sentence when it has no clause marks."""
        clauses = [c for c in _CLAUSE_MARKS.split(before_tag) if _content(c)]
        body = ""
        for clause in reversed(clauses):
            body = _content(clause) + body
            if len(body) >= self._echo_chars:
                break
        return body

    def _confirmed_across(self, ctx: CallContext, agent: list[Utterance]) -> bool:
        """Sentence-level ASR (Alibaba, FunASR) cuts one restatement at its pauses: "您是想咨询孩子"
        / "明年入园的报名" / "对吗". Match each run of consecutive agent sentences (no customer
        sentence between them), joined: ``_RUN`` sentences, more while shorter than ``_RUN_CHARS``."""
        after = {u.index for u in agent}
        utts = ctx.call.utterances
        for i, u in enumerate(utts):
            if u.index not in after or (i > 0 and utts[i - 1].index in after and utts[i - 1].role == Role.AGENT):
                continue  # runs start at their first sentence
            run = [u.text]
            chars = len(u.text)
            for v in utts[i + 1:]:
                if v.role != Role.AGENT or (len(run) >= _RUN and chars >= _RUN_CHARS):
                    break
                run.append(v.text)
                chars += len(v.text) - lead_hesitation(v.text)  # ("嗯嗯在ATM取现了三千元": the hesitation says nothing)
            # joined as said: a cut without a mark may fall inside the cue ("…体验您" / "是说给孩子报的")
            joined_run = "".join(run)
            if len(run) > 1 and any(not _no_restatement(joined_run, joined_run[h.start:h.end], h.end)
                                    for h in self._confirm.find(joined_run)):
                return True
        return False


# "跟您核对一下 / 卡号六二二八…对吗" (field call 390): the check-in opener reads back a number or a detail
# of the customer's (CNF001's), not the need.
_DETAIL_READ_BACK = re.compile(r"[\s,，:：]*(?:好的)?(?:一下)?[\s,，:：]*(?:您|你)?(?:的)?(?:银行卡号|卡号|手机号码?|电话号码?|联系电话"
                               r"|号码|身份证(?:号码?)?|证件号码?|账号|户号|订单号|运单号|单号|车牌号?|地址|姓名|名字"
                               # (a waybill's letters first: "SF幺四二五六六", field call 649)
                               r"|[A-Za-z]{0,4}[0-9零〇一二两三四五六七八九幺]{3})")
_TAGGED = re.compile(r"(?:吗|吧|对不对|是不是)$")


# "就是说您昨天晚上 / 十点零五分 / 望京到T三航站楼这一单是吧" (field call 661): which order or trip is
# meant, looked up in the system, not what the customer wants done about it.
_RECORD_ASKED = re.compile(r"(?:这|那)(?:一|个)?(?:单|笔|趟|订单|单子|行程|航班|车次|快递|包裹|件)(?:业务|交易|扣费|费用)?"
                           r"(?:是吧|对吧|对吗|是吗|没错吧|对不对|是不是)$")
# ... unless the order is what the customer wants something done about: "送来的是麻辣烫 / 想要处理一下这个
# 订单对吗" (field call 295)
_NEED_VERB = re.compile(r"想|要|需要|希望|申请|投诉|反映|退|取消|处理|改|换|赔|补|催|查")


def _no_restatement(text: str, found: str, end: int) -> bool:
    """Whether the confirmation ``found``, ending at ``end`` in ``text``, is no restatement of the
    need: an opener ("跟您核对一下", no restatement of its own ending in a tag question) that goes on
    to read back a number or a detail ("…卡号六二二八…"), or a question which record is meant
    ("…望京到T三航站楼这一单是吧")."""
    if _SUMMED_UP.search(found):
        return False  # "我给您总结一下 车牌… 被…追尾…" (field call 1078): a summary restates the case
    record = _RECORD_ASKED.search(found.rstrip(_TRAIL))
    if record is not None and _NEED_VERB.search(found, 0, record.start()) is None:
        return True
    return (_TAGGED.search(found) is None and _DETAIL_READ_BACK.match(text, end) is not None
            and _NEED_AFTER_DETAIL.search(text, end) is None and _NEED_NAMED.search(text, end) is None)


# The need named in the read-back: "跟您核对一下订单号… 服务费一共七十六元 诉求是退还服务费 联系电话…对吗" (field call 1156).
_NEED_NAMED = re.compile(r"(?:诉求|需求)(?:是|为|就是)[^,.!?。？！]{2,}?(?:对吗|是吧|对吧|是吗|对不对)[\s?？]*$")


_SUMMED_UP = re.compile(r"总结|归纳|梳理|汇总")
# The read-back goes on from the detail to the need, tagged: "跟您核对一下地址建设路三十七号院四号楼二单元一楼到二楼
# 之间的水管爆裂对吗" (field call 1051).
_NEED_AFTER_DETAIL = re.compile(r"(?:的|是|要|想|需要)[^,.!?。？！]{0,12}?(?:爆裂|爆了|漏水|漏气|漏电|坏了|故障|停电|停水|停气"
                                r"|断网|不通|退款|退货|退费|投诉|维修|报修)[^,.!?。？！]{0,8}?(?:对吗|是吧|对吧|是吗|对不对)[\s?？]*$")
