"""CLS: closing (结束) — anything else?, problem solved?, farewell, who hangs up first.

The closing window is the last ``turns`` agent turns (never the first agent turn, so that
"请问有什么可以帮您" in a short call is not taken for "还有什么可以帮您"). ASR slips are
caught by fuzzy matching ("请问还有其他须要帮助的吗", "祝您生活愉快在见"). When the customer
hung up in the middle of the conversation, the agent had no chance to close: CLS001–CLS003
are then not applicable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from hotline_qa.analyzers.call_kind import CallKind, CallKindSettings, classify_call, settings_from
from hotline_qa.core.call import Call, EventKind, Role, Utterance, agent_words_before
from hotline_qa.core.findings import Basis, Finding, Severity
from hotline_qa.rules import scopes
from hotline_qa.rules.base import Need, Rule, RuleConfig
from hotline_qa.rules.catalogue.courtesy import agent_turns, compile_any, regex_matches
from hotline_qa.rules.catalogue.fragments import breaths, cross_fragment_matches, reply_turn
from hotline_qa.rules.catalogue.opening import is_outbound
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, fuzzy_find
from hotline_qa.rules.registry import register
from hotline_qa.text.hesitation import without_lead_hesitation
from hotline_qa.text.normalize import hanzi_count

# A customer's last words that close the call politely (not cut off mid-conversation).
_CUSTOMER_CLOSES = re.compile(r"再见|拜拜|谢谢|感谢|好的|好嘞|好|行|嗯|没有了|没了|没事了|知道了|明白了|OK|ok")


def hangup_party(call: Call) -> tuple[Role | None, float | None, str]:
    """Who ended the call, when (seconds, if known) and where that came from."""
    events = call.events_of(EventKind.HANGUP)
    at = events[-1].at if events else None
    if call.metadata.hangup_by is not None:
        return call.metadata.hangup_by, at, "metadata hangup_by"
    for e in reversed(events):
        if e.by is not None:
            return e.by, e.at, "#hangup event"
    return None, at, ""


def speech(call: Call) -> tuple[Utterance, ...]:
    return tuple(u for u in call.utterances if u.role in (Role.AGENT, Role.CUSTOMER) and u.text)


def customer_cut_off(call: Call) -> bool:
    """The customer hung up mid-conversation: last speech is theirs and does not close.

    An agent fragment cut by the hang-up ("好的 那您…", ending within a second of the
    ``#hangup`` event, without farewell words) does not count as the agent's last speech.
    """
    party, at, _ = hangup_party(call)
    said = speech(call)
    if party is not Role.CUSTOMER or not said:
        return False
    i = len(said) - 1
    last = said[i]
    # The agent's closing question broken off mid-way ("不客气请问还有"): the customer hung up on it.
    unfinished = (last.role is Role.AGENT and len(said) > 1 and said[-2].role is Role.CUSTOMER
                  and not _AGENT_FAREWELL.search(last.text) and _UNFINISHED.search(last.text) is not None
                  and (at is None or last.end is None or 0 <= at - last.end <= _CUT_MARGIN_S))
    if unfinished:
        return True  # even after the customer's "知道了谢谢啊": the agent could not close
    if (last.role is Role.AGENT and len(said) > 1 and at is not None and last.end is not None
            and 0 <= at - last.end <= _CUT_MARGIN_S and not _AGENT_FAREWELL.search(last.text)
            and (hanzi_count(last.text) <= _CUT_MAX_CHARS
                 or (said[-2].role is Role.CUSTOMER and _CUSTOMER_LEAVES.search(said[-2].text[-_CLOSE_TAIL_CHARS:])))):
        # "好的 那您…"; or, after the customer's "算了算了 不修了", any agent sentence the hang-up cut
        i -= 1
        last = said[i]
    if last.role is not Role.CUSTOMER:
        return False
    j = i - 1  # the agent's sentence before the customer's last turn (its sentences: "行 我等着" / "要是没人联系我" / …)
    while j >= 0 and said[j].role is Role.CUSTOMER:
        j -= 1
    if j >= 0 and said[j].role is Role.AGENT and _AGENT_GOODBYE.search(said[j].text[-_CLOSE_TAIL_CHARS:]):
        # "好 那再见" / "哼": the agent had closed; the customer's grunt ends the call, not cuts it; so do
        # the customer's last words after it ("那就这样 再见" / "行 我等着 / … / 我就去曝光你们", field call 941)
        return False
    # the end of the turn decides: "喂 你好 我想问一下… 算了 我等会再打吧" does not close
    return not _CUSTOMER_CLOSES.search(_GREETING.sub("", last.text)[-_CLOSE_TAIL_CHARS:])


_CUT_MARGIN_S = 1.0
# An agent sentence that stops before its words do ("请问还有", "那您", "您看"; "那您看明天白天我再",
# field call 517): cut by the hang-up.
# ... or before what a conjunction opens ("…主管六点之前一定会联系您您这边如果", field call 1041).
_UNFINISHED = re.compile(r"(?:还有|请问|那您|您看|您还|还有没有|还有其他|还有别的|还有什么"
                         r"|[我们边天头点后]再|(?<![打发寄送交转递还退])给(?:您|你)|(?:帮|跟|为|替)(?:您|你)|[把将]"
                         r"|如果|要是|万一|假如|但是|不过|所以|因为|而且|然后)$")
# How many sentences of the customer's reply CLS002 reads for the result affirmed ("有了有了出来了").
_REPLY_SENTENCES = 7
_CLOSE_TAIL_CHARS = 10
_GREETING = re.compile(r"[你您]好")
_CUT_MAX_CHARS = 6
_AGENT_FAREWELL = re.compile(r"再见|拜拜|感谢|谢谢|祝您")
# The agent's goodbye ending its turn ("好 那再见"), not "再见面".
_AGENT_GOODBYE = re.compile(r"再见(?!面)|拜拜")
# The customer giving up before hanging up: "算了算了 不修了", "不用了", "不跟你说了".
_CUSTOMER_LEAVES = re.compile(r"算了|不用了|不要了|不(?:修|办|弄|买|退|查|换|装|寄|投诉)了|不(?:想)?(?:跟|和)你(?:们)?说了|挂了")
# Calls with nothing to serve: a polite goodbye of either kind ("没关系，再见") is the farewell.
_GOODBYE_ONLY = frozenset({CallKind.WRONG_NUMBER, CallKind.PRANK, CallKind.VOICEMAIL, CallKind.DECLINED})
_KIND_ZH = {CallKind.WRONG_NUMBER: "打错电话", CallKind.PRANK: "骚扰电话", CallKind.VOICEMAIL: "语音留言",
            CallKind.DECLINED: "客户婉拒的呼出", CallKind.SILENT: "无声电话", CallKind.CUT_OFF: "线路中断"}
# The agent may end these calls after checking the line / warning / saying goodbye (CLS004).
_FOLLOW_UP_KINDS = frozenset({CallKind.SILENT, CallKind.PRANK, CallKind.CUT_OFF})


def closing_window(ctx: CallContext, turns: int) -> tuple[Utterance, ...]:
    """The agent's utterances in the last ``turns`` speaking turns, without the very first
    agent turn (the opening)."""
    agent = agent_turns(ctx)
    tail = scopes.last_turns(ctx.call, agent, turns) if turns else ()
    turn_of = ctx.call.turn_of
    if agent and len({turn_of.get(u.index) for u in agent}) > 1:
        first = turn_of.get(agent[0].index)
        tail = tuple(u for u in tail if turn_of.get(u.index) != first)
    return tail


def turn_texts(ctx: CallContext, window: Sequence[Utterance]) -> list[str]:
    """The text of each speaking turn in ``window``, its ASR sentences joined: sentence-level
    ASR (Alibaba, FunASR…) cuts one question at a pause ("不客气请问还有" / "其他可以帮您的吗"),
    and neither half matches alone. A hesitation opening a later sentence is read past ("陈先生请问还有" /
    "那个其他需要帮您的吗")."""
    return [parts[0].text + "".join(without_lead_hesitation(u.text) for u in parts[1:])
            for parts in scopes.turn_groups(ctx.call, window).values() if len(parts) > 1]


# The parameters CLS001/CLS002 once had for their own wrong-number / declined-call detector,
# and the ``call_kinds`` settings of ``analyzers.call_kind`` each one now feeds.
LEGACY_CALL_KIND_PARAMS = {
    "no_service_patterns": "wrong_number_patterns",
    "outbound_decline_patterns": "decline_patterns",
    "no_service_tail_chars": "tail_chars",
    "no_service_max_customer_turns": "max_customer_turns",
}


def legacy_call_kind_settings(params: Mapping[str, Any]) -> CallKindSettings | None:
    """The call-kind settings a rulebook gives through the old closing parameters
    (``no_service_patterns`` …, see ``LEGACY_CALL_KIND_PARAMS``), or None when it sets none."""
    given = {new: params[old] for old, new in LEGACY_CALL_KIND_PARAMS.items() if params.get(old) is not None}
    return settings_from(given) if given else None


# The agent ends the call on the customer: "本次通话将结束", "我将结束本次通话", "只能先挂断了".
_ABUSE_END = re.compile(r"(?:结束|挂断|终止)(?:本次|这次|此次|这个|我们的)?(?:通话|电话)|只能(?:先)?挂(?:断)?了"
                        r"|(?:本次|这次|此次)通话(?:将|就|要|会|只能)*(?:结束|挂断|终止)")
# "本次通话先到这里" ends the call for abuse only with the abuse named: "由于您持续使用 / 不文明用语 /
# 本次通话先到这里" (field call 554), not "主管五点前会联系您 / 本次通话先到这里 / 感谢您的来电" (399).
_SOFT_END = re.compile(r"(?:本次|这次|此次|今天的?)通话(?:就|先|只能|只好)*(?:到这里|到这儿|到此)(?:为止)?")
_ABUSE_NAMED = re.compile(r"骂|不文明|脏话|人身攻击|侮辱")  # ("辱骂", "骂人")
_WARNING_IF = re.compile(r"如果|要是|假如|若|再这样|继续.{0,6}的话")
ENDED_FOR_ABUSE = "客户持续辱骂，坐席依规结束通话，不适用 (the agent ends the call for abuse)"


def ended_for_abuse(ctx: CallContext, window: Sequence[Utterance]) -> bool:
    """The agent ends the call in ``window`` because the customer abused them ("由于您持续辱骂
    本次通话将结束 再见", field call 308). Asking for more, checking the result or thanking a
    customer who says "滚" makes no sense, so the closing courtesies do not apply; whether the
    warning came first is ABU001's, whether hanging up was right CLS004's."""
    # the agent's last speaking turn ends the call; "如果您继续辱骂 我将结束本次通话" only warns
    last = "".join(u.text for u in scopes.last_turns(ctx.call, window, 1))
    end = _ABUSE_END.search(last) or (_SOFT_END.search(last) if _ABUSE_NAMED.search(last) else None)
    return end is not None and _WARNING_IF.search(last, 0, end.start()) is None \
        and any(str(e.emotion) == "abusive" for e in ctx.analysis.emotions)


class _ClosingRule(Rule):
    """Shared scope handling for CLS001–CLS003."""

    # call-kind cues a user rulebook still sets through the old parameters (CLS001/CLS002)
    _legacy_kinds: CallKindSettings | None = None
    # the customer cannot talk now (``customer_busy_patterns``, CLS001/CLS002; compiled once)
    _busy: re.Pattern[str] | None = None
    # the agent lets a busy customer go ("不打扰您开会了", ``agent_busy_ack_patterns``)
    _busy_ack: re.Pattern[str] | None = None

    def _compile_busy(self) -> None:
        busy = self.config.params.get("customer_busy_patterns")
        self._busy = compile_any(busy) if busy else None
        ack = self.config.params.get("agent_busy_ack_patterns")
        self._busy_ack = compile_any(ack) if ack else None

    def _scope(self, ctx: CallContext) -> tuple[Utterance, ...]:
        if ctx.memo("closing.customer_cut_off", lambda: customer_cut_off(ctx.call)):
            raise self.not_applicable("客户在通话中途挂断，坐席未及结束语 (the customer hung up mid-conversation)")
        kind = ctx.analysis.call_kind
        if kind.kind is CallKind.CUT_OFF:  # also a dropped line with no hang-up record
            raise self.not_applicable(kind.reason)
        if scopes.ended_in_transfer(ctx.call):
            raise self.not_applicable(scopes.TRANSFERRED)
        window = closing_window(ctx, int(self.param("turns")))
        if not window:
            raise self.not_applicable("通话中没有坐席发言 (no agent speech)")
        return window

    def _skip_no_service(self, ctx: CallContext) -> None:
        """Not applicable to a call with nothing to serve: the special call kinds of
        ``analyzers.call_kind`` (silent, voicemail, wrong number, prank, declined, transferred at
        once, cut off after the first words). ``analyzers.call_kind`` is the one detector; a
        rulebook that still widens the wrong-number / decline cues through this rule's old
        parameters (``no_service_patterns``, ``outbound_decline_patterns``,
        ``no_service_tail_chars``, ``no_service_max_customer_turns``) has the call classified
        again with them."""
        kind = ctx.analysis.call_kind
        if kind.special:
            raise self.not_applicable(kind.reason)
        legacy = self._legacy_kinds
        if legacy is not None:
            kind = ctx.memo(("closing.call_kind", legacy), lambda: classify_call(ctx.call, legacy))
            if kind.special:
                raise self.not_applicable(kind.reason)

    def _skip_abuse_end(self, ctx: CallContext, window: Sequence[Utterance]) -> None:
        if ended_for_abuse(ctx, window):
            raise self.not_applicable(ENDED_FOR_ABUSE)

    def _skip_busy(self, ctx: CallContext, window: Sequence[Utterance]) -> None:
        """Not applicable when the customer, in their last ``customer_turns`` speaking turns, says
        they cannot talk now ("我开车呢", "在开会", ``customer_busy_patterns``): asking for more
        before letting them go would keep them on the phone (field call 178, an outbound call
        the customer takes while driving and ends once a callback is agreed)."""
        if self._busy is not None and self._customer_after(ctx, window, self._busy):
            raise self.not_applicable("客户表示正在开车/开会等不便通话，要求结束，不宜再追问 "
                                      "(the customer is busy and ends the call)")
        # said early on ("我在开会呢 你快点说"), and the agent lets them go for it ("那不打扰您开会了", field call 294)
        if self._busy is not None and self._busy_ack is not None and any(self._busy_ack.search(u.text) for u in window) \
                and any(self._busy.search(u.text) for u in ctx.customer_turns):
            raise self.not_applicable("客户表示正在开会/开车等不便通话，坐席据此结束通话，不宜再追问 "
                                      "(the customer is busy; the agent lets them go)")

    @staticmethod
    def _fuzzy(window: Sequence[Utterance], phrases: Sequence[str], threshold: float,
               must: re.Pattern[str] | None = None) -> Match | None:
        for u in window:
            hit = fuzzy_find(u.text, phrases, threshold)
            if hit is not None:
                text = u.text[hit.start:hit.end]
                if must is None or must.search(text):
                    return Match(u.index, hit.start, hit.end, text, f"fuzzy:{hit.phrase}")
        return None

    def _customer_after(self, ctx: CallContext, window: Sequence[Utterance], rx: re.Pattern[str], *,
                        every: bool = False, skip: Callable[[Utterance], bool] | None = None) -> bool:
        """The customer said ``rx`` in their last ``customer_turns`` speaking turns (from the
        window's first turn on; ASR sentences of one turn count once); ``every``: in any of their
        turns from there on; ``skip``: sentences whose words do not count."""
        first = window[0].index - 1 if window else 0
        cust = [u for u in ctx.call.utterances if u.role is Role.CUSTOMER and u.text]
        # not the turn that states the problem ("我就问一下 没别的事 …") when the customer spoke again
        turn_of = ctx.call.turn_of
        opening = turn_of.get(cust[0].index, -1) if cust else -1
        if cust and turn_of.get(cust[-1].index, -1) != opening:
            cust = [u for u in cust if turn_of.get(u.index, -1) != opening]
        cust = [u for u in cust if u.index >= first]
        if not every:
            cust = list(scopes.last_turns(ctx.call, cust, int(self.param("customer_turns"))))
        return any(rx.search(u.text) and not (skip is not None and skip(u)) for u in cust)


@register
class NoAnythingElse(_ClosingRule):
    """Before closing, the agent does not ask whether the customer needs anything else
    ("请问还有其他需要协助的吗？").

    Excused when the customer already said there is nothing else ("没有别的了", "就这些") in any
    of their turns since the closing window began (not "不用了" declining an offer of the agent's,
    ``offer_patterns``: "您要不要了解一下" / "不用了不用了"), the answer to a question asked just before it
    included (a goodbye the customer then talked over with one more question, answered by the agent)
    — not in the turn stating the problem ("我就问一下 没别的事 …"), after which the customer may well
    raise a second matter. Asked up to ``turns`` agent turns before the window and answered "没了" in
    the customer's next turn, the question counts: a last small question of the customer's ("旧的
    那个光猫要带过去吗"), answered before the goodbye, does not call for a second one. Not applicable
    when the customer says in their last ``customer_turns`` speaking turns that they cannot talk now
    ("我开车呢", ``customer_busy_patterns``).
    """

    code = "CLS001"
    slug = "closing.no_anything_else"
    family = "CLS"
    name_zh = "结束前未询问其他需求"
    name_en = "No 'anything else?' before closing"
    dimension = "closing"
    source = "003 四(二)"
    why = "通话结束前需确认“请问还有其他需要协助的吗？”（003 四(二)）。"
    suggestion = "结束前询问：“请问还有其他需要协助的吗？”（003 四(二)）"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._rx = compile_any(self.param("patterns"))
        self._done = compile_any(self.param("customer_done_patterns"))
        offers = self.config.params.get("offer_patterns")
        self._offer = compile_any(offers) if offers else None
        self._legacy_kinds = legacy_call_kind_settings(self.config.params)
        self._compile_busy()
        self._must = re.compile(r"还|其他|其它|别的|另外")

    def _declines_offer(self, ctx: CallContext, u: Utterance) -> bool:
        """"不用了" right after an offer of the agent's ("您要不要了解一下" / "不用了不用了", field call 402)
        declines the offer: it does not say there is nothing else."""
        m = self._done.search(u.text)
        return (m is not None and m.group().startswith("不用") and self._offer is not None
                and self._offer.search(agent_words_before(ctx.call, u)) is not None)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        window = self._scope(ctx)
        self._skip_no_service(ctx)
        if any(regex_matches(self._rx, u, own_only=False) for u in window):
            return []
        if self._fuzzy(window, self.param("fuzzy_phrases"), float(self.param("fuzzy")), self._must):
            return []
        if any(self._rx.search(t) for t in turn_texts(ctx, window)):  # one question cut in two sentences
            return []
        # "没有了" right before the window answers the question asked there, also when the customer then
        # raised one more thing over the goodbye and the agent answered it (field call 262)
        if self._customer_after(ctx, window, self._done, every=True,
                                skip=lambda u: self._declines_offer(ctx, u)):
            return []
        if self._asked_before(ctx, window):
            return []
        self._skip_busy(ctx, window)
        self._skip_abuse_end(ctx, window)
        return [self.finding("结束前未询问客户是否还有其他需要", utterances=list(window),
                             explanation=f"最后 {len(window)} 句坐席发言中没有“还有其他需要…吗”类询问（含模糊匹配）")]

    def _asked_before(self, ctx: CallContext, window: Sequence[Utterance]) -> bool:
        """The agent asked a little before the window and the customer's next turn said there is
        nothing else ("请问还有其他需要帮您的吗" / "没了 旧的那个光猫要带过去吗" / the agent answers
        and says goodbye, field call 324): the question was asked, a last small question of the
        customer's does not call for a second one. Searched in the ``turns`` agent turns before the window."""
        if not window:
            return False
        turn_of = ctx.call.turn_of
        earlier = [u for u in agent_turns(ctx) if u.index < window[0].index]
        earlier = list(scopes.last_turns(ctx.call, earlier, int(self.param("turns"))))
        opening = turn_of.get(agent_turns(ctx)[0].index)
        for turn in reversed(list(scopes.turn_groups(ctx.call, earlier).values())):
            if turn_of.get(turn[0].index) == opening:
                break
            if not self._rx.search(turn[0].text + "".join(without_lead_hesitation(u.text) for u in turn[1:])):
                continue
            answer = "".join(u.text for u in reply_turn(ctx, turn[-1]))
            return self._done.search(answer) is not None
        return False


def _noted_staff_number(call: Call, u: Utterance) -> bool:
    """The customer's "记住了" takes down the agent's staff number just given ("我的工号是二零六七" /
    "二零六七是吧 / 行我记住了", field call 448: to complain), not the answer."""
    if _NOTED.search(u.text) is None:
        return False
    first = next(iter(call.turn_sentences(u.index)), u)  # (the words before the customer's speaking turn)
    return "工号" in agent_words_before(call, first)


_NOTED = re.compile(r"记住了|记下了")


@register
class NoResolutionCheck(_ClosingRule):
    """Before closing, the agent does not confirm the problem is solved
    ("请问您的问题已经得到妥善处理了吗？").

    Two kinds of check count. For a matter resolved on the call, a question whether the result
    is there (``patterns``: "解决了吗", "现在能用了吧", "您再试一下看看好了没有", "那您这个问题就解决
    了哈") in the last ``turns`` agent turns — earlier, "现在使用正常吗" is a diagnostic
    question. For a matter still pending (a crew on its way, a ticket escalated) the agent
    confirms the arrangement instead, usually when proposing it, before taking the phone
    number and saying goodbye (``arrangement_patterns``: "这样处理您看可以吗", "明天下午五点
    前给您回电可以吗", "您对这个处理方式还有疑问吗"); a check that the customer understood
    ("您都听懂了吗", "还有哪里不清楚的吗", the seed's "还有其他疑问吗") counts the same way.
    These are searched in the last ``confirm_turns`` agent turns (never the opening turn). A survey
    question about one part of the service ("另外请问您对我们 / 报修电话的受理 / 还满意吗",
    ``service_satisfaction_patterns``) is no such check; "您对这次的维修处理结果还满意吗" is.

    A proposal followed in the same speaking turn by a consent question counts too, also when
    the ASR cut the turn into sentences (``consent_patterns`` after a commitment of the
    analyzer: "今天下午六点之前," / "给您回个电话," / "可以吗?").

    Excused when the customer reports the outcome or plainly accepts the arrangement on their
    own in their last ``customer_turns`` speaking turns (not the turn stating the problem):
    "好了，解决了", "挺清楚的", "能看到我的钱了", "行，那我就在楼下等着", "那行，没问题". A grudging
    turn (``customer_grudging_patterns``: "那行吧 也只能这样了", "算了算了 就这样吧 还能怎么办")
    is no such confirmation: the problem is not settled for the customer, and the verdict is
    left to what the agent did (003 六(一)). Not applicable when the customer says in those turns
    that they cannot talk now ("就这样 我开车呢", ``customer_busy_patterns``). On an outbound callback
    (``direction: outbound``) the question is usually asked right after the opening
    ("宽带现在使用正常吗？"), so the whole call is searched.
    """

    code = "CLS002"
    slug = "closing.no_resolution_check"
    family = "CLS"
    name_zh = "结束前未确认问题已解决"
    name_en = "Resolution not confirmed before closing"
    dimension = "closing"
    source = "003 六(一)"
    why = "结束环节需再次确认客户诉求是否完全解决（003 六(一)）。"
    suggestion = "结束前确认：“请问您的问题已经得到妥善处理了吗？还有其他疑问吗？”（003 六(一)）"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._rx = compile_any(self.param("patterns"))
        self._arrangement = compile_any(self.param("arrangement_patterns"))
        aspect = self.config.params.get("service_satisfaction_patterns")
        self._service_satisfaction = compile_any(aspect) if aspect else None
        self._confirmed = compile_any(self.param("customer_confirm_patterns"))
        self._grudging = compile_any(self.param("customer_grudging_patterns"))
        # the arrangement is confirmed earlier than the closing question: a window at least as wide
        self._wide_turns = max(int(self.param("confirm_turns")), int(self.param("turns")))
        consent = self.config.params.get("consent_patterns")
        block = self.config.params.get("consent_block_patterns")
        self._consent = compile_any(consent) if consent else None
        self._consent_block = compile_any(block) if block else None
        self._legacy_kinds = legacy_call_kind_settings(self.config.params)
        self._compile_busy()
        affirm = self.config.params.get("customer_affirm_patterns")
        denied = self.config.params.get("customer_denied_patterns")
        self._affirm = compile_any(affirm) if affirm else None
        self._denied = compile_any(denied) if denied else None

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        window = self._scope(ctx)
        self._skip_no_service(ctx)
        searched = window
        wide = closing_window(ctx, self._wide_turns)
        if bool(self.param("outbound_whole_call")) and is_outbound(ctx.call):
            searched = wide = tuple(agent_turns(ctx)[1:]) or window  # a callback asks early on
        if any(regex_matches(self._rx, u, own_only=False) for u in searched):
            return []
        survey = self._service_survey(ctx, wide)
        if any(regex_matches(self._arrangement, u, own_only=False) for u in wide if u.index not in survey) \
                or any(self._arrangement.search(rest) for rest in survey.values()):
            return []  # "明天下午五点前给您回电可以吗" before the phone number and the goodbye
        if self._proposal_put(ctx, wide):
            return []  # the same, said across the ASR sentences of one turn
        if cross_fragment_matches(ctx, self._rx, within={u.index for u in searched}) \
                or cross_fragment_matches(ctx, self._arrangement,
                                          within={u.index for u in wide if u.index not in survey}):
            return []  # "嗯这样安排您看" / "可以吗": the check cut by the ASR
        if self._fuzzy(searched, self.param("fuzzy_phrases"), float(self.param("fuzzy"))):
            return []
        if self._customer_confirmed(ctx, wide) or self._result_affirmed(ctx, wide):
            return []
        kind = ctx.analysis.call_kind
        if kind.kind is CallKind.BRIEF:  # "几点下班" -> answer -> "好的谢谢": the answer was the solution
            raise self.not_applicable(kind.reason)
        self._skip_busy(ctx, window)
        self._skip_abuse_end(ctx, window)
        return [self.finding("结束前未确认客户的问题是否已经解决", utterances=list(window),
                             explanation=f"最后 {len(window)} 句坐席发言中没有“问题解决了吗/现在能用了吗”类确认，"
                                         f"最后 {len(wide)} 句中也没有“这样处理您看可以吗/您都听明白了吗”类确认，"
                                         "客户也未自行确认")]

    def _service_survey(self, ctx: CallContext, window: Sequence[Utterance]) -> dict[int, str]:
        """The sentences of ``window`` in a breath (``breaths``: the ASR's cuts joined) that asks how
        satisfied the customer is with a part of the service (``service_satisfaction_patterns``:
        "另外请问您对我们" / "报修电话的受理" / "还满意吗"), each with the breath's words left once that
        question is taken out. Such a survey is no check of the result: only those words are searched."""
        if self._service_satisfaction is None:
            return {}
        inside = {u.index for u in window}
        out: dict[int, str] = {}
        for run in breaths(ctx):
            if run[-1].index not in inside and run[0].index not in inside:
                continue
            joined = "".join(u.text for u in run)
            if "满意" in joined and self._service_satisfaction.search(joined):
                rest = self._service_satisfaction.sub("，", joined)
                out.update((u.index, rest) for u in run)
        return out

    def _customer_confirmed(self, ctx: CallContext, window: Sequence[Utterance]) -> bool:
        """The customer confirmed on their own in their last ``customer_turns`` turns from the
        window's first turn on — not in the turn that states the problem ("我收到了扣费短信")
        when the customer spoke again after it."""
        first = window[0].index - 1 if window else 0
        cust = [u for u in ctx.call.utterances if u.role is Role.CUSTOMER and u.text]
        opening = cust[0].index if len(cust) > 1 else -1
        cust = [u for u in cust if u.index >= first and u.index != opening]
        # speaking turns, not ASR sentences: "行吧?" / "那我等你们电话," / "我跟你说啊," … is one turn
        last = scopes.last_turns(ctx.call, cust, int(self.param("customer_turns")))
        return any(self._confirmed.search(u.text) and not self._grudging.search(u.text)
                   and not _noted_staff_number(ctx.call, u) for u in last)

    def _result_affirmed(self, ctx: CallContext, window: Sequence[Utterance]) -> bool:
        """The agent asked whether the result is there ("电视现在有画面了吗", ``patterns``) a few
        turns before the end (``window``: the arrangement's wider one), and the customer's next turn
        said yes ("有了有了出来了" / "好了好了", ``customer_affirm_patterns``) with no "还是不行" in it."""
        if self._affirm is None:
            return False
        for u in window:
            if not regex_matches(self._rx, u, own_only=False):
                continue
            said = "".join(v.text for v in reply_turn(ctx, u)[:_REPLY_SENTENCES])
            if not said:
                continue
            if self._affirm.match(said) and (self._denied is None or self._denied.search(said) is None):
                return True
        return False

    def _proposal_put(self, ctx: CallContext, window: Sequence[Utterance]) -> bool:
        """In one agent speaking turn of ``window`` a commitment (the arrangement) is followed,
        within ``consent_gap_chars``, by a consent question (``consent_patterns``: "可以吗", "您看
        行吗"), also when the ASR cut the turn into sentences ("今天下午六点之前," / "给您回个电话," /
        "告诉您具体送达时间," / "可以吗?"); not after asking the customer to wait or give a detail
        (``consent_block_patterns``: "麻烦您稍等一分钟可以吗")."""
        commitments = ctx.analysis.commitments
        if not commitments or self._consent is None:
            return False
        turns = scopes.turn_groups(ctx.call, window)
        by_utterance: dict[int, list[int]] = {}
        for c in commitments:
            by_utterance.setdefault(c.utterance, []).append(c.end)
        gap = int(self.param("consent_gap_chars"))
        for utts in turns.values():
            if not any(u.index in by_utterance for u in utts):
                continue
            text = ""
            ends: list[int] = []
            for u in sorted(utts, key=lambda x: x.index):
                ends += [len(text) + e for e in by_utterance.get(u.index, ())]
                text += u.text + ","
            for end in ends:
                m = self._consent.search(text, end, end + gap)
                if m is not None and (self._consent_block is None
                                      or self._consent_block.search(text, end, m.start()) is None):
                    return True
        return False


@register
class ImproperFarewell(_ClosingRule):
    """The agent's last turns lack a proper farewell: a wish or thanks for the call
    ("祝您生活愉快", "感谢您的来电") and "再见".

    "拜拜" instead of "再见" is casual and is reported as such.
    """

    code = "CLS003"
    slug = "closing.improper_farewell"
    family = "CLS"
    name_zh = "结束语不规范"
    name_en = "Improper farewell"
    dimension = "closing"
    source = "003 四(二) 六(一), 004 宜⑥"
    why = "结束语需包含“祝您生活愉快，再见！”（003 四(二)）；使用规范结束语如“感谢您的来电，祝您一切顺利，再见！”（003 六(一)）。"
    suggestion = "规范结束：“感谢您的来电，祝您生活愉快，再见！”（003）"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._wish = compile_any(self.param("wish_patterns"))
        self._bye = compile_any(self.param("bye_patterns"))
        self._casual = re.compile(r"拜拜|白白|bye", re.IGNORECASE)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        window = self._scope(ctx)
        threshold = float(self.param("fuzzy"))
        wish = [m for u in window for m in regex_matches(self._wish, u, own_only=False)]
        if not wish:
            fm = self._fuzzy(window, self.param("fuzzy_wish_phrases"), threshold)
            wish = [fm] if fm else []
        bye = [m for u in window for m in regex_matches(self._bye, u, own_only=False)]
        casual = [m for u in window for m in regex_matches(self._casual, u, own_only=False)]
        missing = []
        if not wish:
            missing.append("祝福/感谢来电")
        if not bye and not (wish and _bye_cut_by_hangup(ctx.call)):
            missing.append("“再见”")
        if not missing:
            return []
        self._skip_abuse_end(ctx, window)
        kind = ctx.analysis.call_kind.kind
        if kind in _GOODBYE_ONLY:
            if wish or bye:  # "没关系，再见" to a wrong number, "不好意思打扰了，再见"
                return []
            return [self.finding(f"{_KIND_ZH[kind]}结束时未礼貌道别", utterances=list(window), matches=casual,
                                 explanation=f"{_KIND_ZH[kind]}只需礼貌道别（“再见”或祝福/致谢），"
                                             f"最后 {len(window)} 句坐席发言中一样也没有",
                                 details={"missing": missing, "call_kind": kind.value})]
        msg = f"结束语缺少{'和'.join(missing)}"
        if kind is CallKind.SILENT:
            msg = "无声电话" + msg
        if not bye and casual:
            msg += f"（用了口语“{casual[0].text}”）"
        return [self.finding(msg, utterances=list(window), matches=wish + bye + casual,
                             explanation=f"最后 {len(window)} 句坐席发言中未找到{'、'.join(missing)}（含模糊匹配）",
                             details={"missing": missing})]


# The agent's last word cut by the customer's hang-up: "…祝您生活愉快 再" (the "再见" half said).
_BYE_CUT = re.compile(r"(?<!再)再[\s,.!?;:。，！？、…~]*$")


def _bye_cut_by_hangup(call: Call) -> bool:
    """The call's last speech is the agent's farewell ending in a cut "再" ("祝您生活愉快 再"),
    and the agent did not end the call: the customer hung up on the "再见"."""
    said = speech(call)
    party, _, _ = hangup_party(call)
    return (bool(said) and said[-1].role is Role.AGENT and party is not Role.AGENT
            and _BYE_CUT.search(said[-1].text) is not None)


@register
class AgentHungUpFirst(Rule):
    """The agent ends the call before the customer hangs up.

    Who hung up comes from the metadata ``hangup_by``, else from a ``#hangup`` event. Fatal
    (red line) when the customer was still speaking — a customer turn spans the hang-up
    (a farewell such as "再见" that had ended does not), or the customer's last words were not
    a closing — or had just complained (complaint words
    or a dissatisfied/angry emotion in their last turns); major otherwise. With a stereo
    recording the hang-up is the end of the recording when no time is given, and "still
    speaking" is heard on the customer's channel; when nobody recorded who hung up, a
    recording that ends while the customer is still speaking is taken as the agent cutting
    the customer off.
    """

    code = "CLS004"
    slug = "closing.agent_hung_up_first"
    family = "CLS"
    name_zh = "坐席先挂机"
    name_en = "Agent hung up first"
    dimension = "closing"
    needs = (Need.TEXT,)
    audio_replaces = (Need.TEXT,)
    source = "003 六(一), 004 宜⑦ 忌⑥, 001"
    why = "待客户挂断后再结束通话，避免因抢先挂断引发不满（003 六(一)）；在客户挂电话后才可以挂电话（004 宜⑦）。"
    suggestion = "说完“感谢您的来电，祝您生活愉快，再见！”后，等客户先挂断再结束通话（003 六(一)）。"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._complaint = compile_any(self.param("complaint_patterns"))

    def basis(self, ctx: CallContext) -> Basis:
        if ctx.call.metadata.hangup_by is not None:
            return Basis.METADATA
        if hangup_party(ctx.call)[0] is None and ctx.audio is not None and ctx.audio.stereo:
            return Basis.AUDIO
        return Basis.EVENTS

    def _from_audio(self, ctx: CallContext, margin: float) -> list[Finding]:
        """Nobody recorded who hung up: does the recording end while the customer is speaking?"""
        audio = ctx.audio
        if audio is None or not audio.stereo:
            raise self.not_applicable("缺少挂机方：元数据 hangup_by 或 #hangup 事件 (hang-up party unknown)")
        end = audio.duration
        last_customer = audio.last_speech(Role.CUSTOMER)
        cut = audio.speaking_at(Role.CUSTOMER, end, margin) is not None
        ctx.report(self.code, {"hangup_by": None, "from": "audio", "at": round(end, 2),
                               "last_speaker": audio.last_speaker.value if audio.last_speaker else None,
                               "tail_seconds": audio.tail_seconds,
                               "customer_last_speech": last_customer})
        if not cut:
            who = {Role.AGENT: "坐席", Role.CUSTOMER: "客户"}.get(audio.last_speaker, "无人") if audio.last_speaker else "无人"
            raise self.not_applicable(f"没有挂机方记录；录音显示最后说话的是{who}，结束前 {audio.tail_seconds or 0:.1f} 秒"
                                      "无人说话，无法判断谁先挂机 (hang-up party unknown; the recording does not tell)")
        said = speech(ctx.call)
        # Inferred, not recorded: the customer may have hung up mid-sentence too. A red line needs
        # the hang-up party on record (hangup_by or #hangup), so the inference is major.
        return [self.finding(
            "通话在客户说话时结束，疑似坐席先挂机（推断，需核实挂机方）",
            utterances=[u for u in said[-2:]], severity=Severity.MAJOR,
            explanation=f"没有挂机方记录（hangup_by / #hangup）；录音在 {end:.1f} 秒结束时客户声道仍有语音"
                        f"（客户最后的语音到 {last_customer or 0:.1f} 秒，距结束不足 {margin:g} 秒），"
                        "客户话未说完通话即中断；挂机方未记录，按严重而非红线处理",
            time_start=end, time_end=end)]

    def _upset(self, ctx: CallContext, last: Sequence[Utterance]) -> str:
        for u in reversed(last):
            m = self._complaint.search(u.text)
            if m:
                return f"客户第{u.index}句说“{m.group(0)}”"
        idx = {u.index for u in last}
        upset = {"dissatisfied", "angry", "abusive"}
        try:
            emotions = tuple(getattr(ctx.analysis, "emotions", ()) or ())
        except Exception:
            emotions = ()
        for e in emotions:
            value = str(getattr(e.emotion, "value", e.emotion))
            if e.utterance in idx and value in upset:
                return f"客户第{e.utterance}句情绪为 {value}"
        return ""

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        kind = ctx.analysis.call_kind
        if kind.kind is CallKind.VOICEMAIL:
            raise self.not_applicable(kind.reason)
        if kind.kind in _FOLLOW_UP_KINDS and kind.agent_followed_up:
            raise self.not_applicable(f"{_KIND_ZH[kind.kind]}：坐席已确认线路、劝告或道别后结束通话，符合处理流程，不适用 "
                                      "(silent, dropped or prank call ended by the agent after checking the line / saying goodbye)")
        party, at, origin = hangup_party(ctx.call)
        margin = float(self.param("still_speaking_margin_seconds"))
        if party is None:
            return self._from_audio(ctx, margin)
        audio = ctx.audio if ctx.audio is not None and ctx.audio.stereo else None
        if at is None and audio is not None:
            at = audio.duration  # the recording ends when the line is cut
        ctx.report(self.code, {"hangup_by": party.value, "from": origin, "at": at})
        if party is not Role.AGENT:
            return []
        if scopes.ended_in_transfer(ctx.call):
            # "好的请您稍等不要挂机马上为您转接" (field call 377): the agent leaves the line to whom
            # the call goes on with; the switch records that as the agent's hang-up
            raise self.not_applicable("通话已转接：坐席转出后离开通话，不是先于客户挂机 (a transfer, not the agent hanging up)")
        said = speech(ctx.call)
        customer = [u for u in said if u.role is Role.CUSTOMER]
        # the customer's last speaking turns (ASR sentences of one turn count once)
        last_customer = list(scopes.last_turns(ctx.call, customer, int(self.param("complaint_lookback_turns"))))
        reasons: list[str] = []
        evidence: list[Utterance] = []
        if at is not None:
            # The margin absorbs ASR end times; a farewell that had ended ("再见", hang-up
            # 0.5 s later) is not the customer still speaking.
            spanning = [u for u in customer if u.start is not None and u.end is not None
                        and u.start <= at <= u.end + margin
                        and not (at > u.end and _CUSTOMER_CLOSES.search(
                            _GREETING.sub("", u.text)[-_CLOSE_TAIL_CHARS:]))]
            if spanning:
                reasons.append(f"挂机时（{at:.1f} 秒）客户仍在说话")
                evidence += spanning
            elif audio is not None and audio.speaking_at(Role.CUSTOMER, at, margin) is not None:
                reasons.append(f"挂机时（{at:.1f} 秒）录音中客户仍在说话")
        if not reasons and said and said[-1].role is Role.CUSTOMER and not _CUSTOMER_CLOSES.search(said[-1].text):
            reasons.append("客户最后一句话尚未得到回应")
            evidence.append(said[-1])
        upset = self._upset(ctx, last_customer)
        if upset:
            reasons.append(f"客户刚表达不满（{upset}）")
            evidence += last_customer
        tail = [u for u in said[-2:]]
        if reasons:
            return [self.finding(
                "坐席先挂机：" + "；".join(reasons), utterances=sorted(set(evidence + tail), key=lambda u: u.index),
                severity=Severity.FATAL, deduction=float(self.param("fatal_deduction")),
                explanation=f"挂机方 agent（来自 {origin}）；" + "；".join(reasons),
                time_start=at, time_end=at)]
        if kind.kind is CallKind.SILENT:
            return [self.finding("无声电话未确认线路、未道别即挂机", utterances=tail,
                                 explanation=f"挂机方 agent（来自 {origin}）；客户未发言，坐席没有询问“请问能听到我说话吗”"
                                             "也没有道别就结束了通话",
                                 suggestion="无声电话先确认线路：“您好，请问能听到我说话吗？”，仍无声音时道别："
                                            "“电话没有声音，请您稍后再拨，感谢您的来电，再见！”")]
        farewell = any(u.role is Role.CUSTOMER and _CUSTOMER_CLOSES.search(u.text) for u in said[-2:])
        return [self.finding("坐席先于客户挂机", utterances=tail,
                             explanation=f"挂机方 agent（来自 {origin}），客户" + ("已道别且" if farewell else "")
                             + "没有表示不满；按规范应等客户先挂机")]
