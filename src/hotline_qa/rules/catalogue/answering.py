"""ANS: answering on time (接听时效) — ring time, and the apology after a queue wait."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hotline_qa.core.findings import Basis, Finding
from hotline_qa.rules.base import Need, Rule, RuleConfig
from hotline_qa.rules.catalogue.courtesy import compile_any, regex_matches
from hotline_qa.rules.catalogue.opening import is_outbound, opening_turns
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import fuzzy_find
from hotline_qa.rules.registry import register


@register
class SlowAnswer(Rule):
    """The agent answers after more than 3 rings (ring time above ``max_ring_seconds``).

    Judged from the call metadata ``ring_seconds``; not applicable to outbound calls.
    """

    code = "ANS001"
    slug = "answering.slow_answer"
    family = "ANS"
    name_zh = "未在三声内接听"
    name_en = "Not answered within 3 rings"
    dimension = "opening"
    needs = (Need.METADATA,)
    metadata_keys = ("ring_seconds",)
    source = "003 三(一)"
    why = "客户来电后，需在3声铃响内接听，避免因响应延迟降低客户体验（003 三(一)）。"
    suggestion = "振铃3声（约15秒）内接起；确实延迟时先致歉：“抱歉让您久等了，这里是XX客服中心……”（003 三(一)）"

    def basis(self, ctx: CallContext) -> Basis:
        return Basis.METADATA

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        if is_outbound(ctx.call):
            raise self.not_applicable("呼出电话没有振铃接听时效 (outbound call)")
        ring = float(ctx.call.metadata.ring_seconds or 0.0)
        limit = float(self.param("max_ring_seconds"))
        per_ring = float(self.param("seconds_per_ring"))
        ctx.report(self.code, {"ring_seconds": ring, "limit_seconds": limit})
        if ring <= limit:
            return []
        first = opening_turns(ctx, 1)
        return [self.finding(
            f"振铃 {ring:g} 秒（约 {ring / per_ring:.0f} 声）才接听，超过 {limit:g} 秒（{limit / per_ring:.0f} 声）",
            utterances=first, explanation=f"元数据 ring_seconds={ring:g} > {limit:g}",
            details={"ring_seconds": ring, "limit_seconds": limit})]


@register
class NoApologyAfterQueue(Rule):
    """After a long queue wait the agent does not apologise for the wait in the first turns.

    Applies when ``queue_seconds`` exceeds ``min_queue_seconds``. An apology is a wait phrase
    that carries it ("让您久等了", "久等了", "让您等候多时"), or an apology word together with
    the reason for the wait in one turn ("不好意思，现在来电较多…"); ASR slips such as
    "让您就等了" are caught by fuzzy matching.
    """

    code = "ANS002"
    slug = "answering.no_queue_apology"
    family = "ANS"
    name_zh = "排队后未致歉"
    name_en = "No apology after a queue wait"
    dimension = "opening"
    needs = (Need.TEXT, Need.METADATA)
    metadata_keys = ("queue_seconds",)
    source = "003 三(一), 001 极端案例1"
    why = "系统排队等特殊情况需向客户致歉并说明等待时长（003 三(一)）；客户“排了二十分钟的队”时首先要道歉（001）。"
    suggestion = "接起后先致歉：“抱歉让您久等了，这里是XX客服中心，我是客服专员小周，请问有什么可以帮您？”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._phrases = compile_any(self.param("apology_patterns"))
        self._apology = re.compile(r"抱歉|对不起|不好意思|sorry")
        self._reason = re.compile(r"排队|等待|等候|久等|来电(?:量)?(?:较|比较|很|太)?多|线路(?:繁忙|忙)|占线|忙")

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        if is_outbound(ctx.call):
            raise self.not_applicable("呼出电话没有排队 (outbound call)")
        queue = float(ctx.call.metadata.queue_seconds or 0.0)
        limit = float(self.param("min_queue_seconds"))
        ctx.report(self.code, {"queue_seconds": queue, "threshold_seconds": limit})
        if queue <= limit:
            return []
        window = opening_turns(ctx, int(self.param("turns")))
        if not window:
            raise self.not_applicable("通话中没有坐席发言 (no agent speech)")
        fuzzy = float(self.param("fuzzy"))
        for u in window:
            if regex_matches(self._phrases, u):
                return []
            if self._apology.search(u.text) and self._reason.search(u.text):
                return []
            if fuzzy_find(u.text, ("让您久等了", "抱歉让您久等"), fuzzy):
                return []
        return [self.finding(
            f"客户排队 {queue:g} 秒后接通，开场未就等待致歉",
            utterances=list(window),
            explanation=f"排队 {queue:g} 秒 > {limit:g} 秒，前 {len(window)} 句坐席发言中没有“让您久等了”类致歉",
            details={"queue_seconds": queue})]
