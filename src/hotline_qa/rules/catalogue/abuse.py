"""ABU: abusive customers (情绪激动/辱骂) — calm apology and will to help, announced transfers,
and agent care after abusive calls."""

from __future__ import annotations

from collections.abc import Iterable

from hotline_qa.core.call import EventKind, Utterance
from hotline_qa.core.findings import Basis, Finding
from hotline_qa.rules import scopes
from hotline_qa.rules.base import Need, Rule, RuleConfig
from hotline_qa.rules.catalogue.complaints import first_across, joined
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, RegexSet
from hotline_qa.rules.registry import register


@register
class AbuseNotDeescalated(Rule):
    """After the customer turns abusive, the agent does not repeat the apology and the will to help.

    For each abusive customer turn (from the emotion analyzer), the next agent turns must
    contain an apology or understanding ("非常抱歉", "我非常理解您的愤怒") and the will to help
    ("帮您解决问题"). Several abusive turns answered by the same agent turn give one finding.
    When the customer keeps abusing after an earlier apology, announcing the transfer to a
    supervisor ("为了更好地解决您的问题，我将转接主管为您服务") is the seed's next step and passes.

    Anti-pattern: 客户骂人后，坐席只说“请您文明用语”或干脆不接话。
    Best practice: “我非常理解您的愤怒，我们的目标是帮您解决问题，您可以详细说明情况吗？”
    """

    code = "ABU001"
    slug = "abuse.no_apology_or_help_after_abuse"
    family = "ABU"
    name_zh = "客户辱骂后未安抚"
    name_en = "Abusive customer not de-escalated"
    dimension = "resolution"
    source = "003 五(三)"
    why = "客户情绪激动或辱骂时，保持语气平稳，避免被客户情绪带动，重复致歉并强调解决意愿。"
    suggestion = "保持冷静，重复致歉并强调解决意愿：“我非常理解您的愤怒，我们的目标是帮您解决问题，您可以详细说明情况吗？”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._sorry = RegexSet(joined(self.param("apology_patterns")), name="apology", skip_quoted=False)
        self._help = RegexSet(joined(self.param("help_patterns")), name="help", skip_quoted=False)
        self._escalate = RegexSet(joined(self.param("escalation_patterns")), name="escalation", skip_quoted=False)
        self._ending = RegexSet(joined(self.param("ending_warning_patterns")), name="ending", skip_quoted=False)
        self._civil = RegexSet(joined(self.param("civil_request_patterns")), name="civil", skip_quoted=False)
        self._end_now = RegexSet(joined(self.param("ending_now_patterns")), name="end now", skip_quoted=False)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        abusive = [e for e in ctx.analysis.emotions if str(e.emotion) == "abusive"]
        if not abusive:
            raise self.not_applicable("客户没有辱骂 (the customer was not abusive)")
        by_index = {u.index: u for u in ctx.call.utterances}
        turns = int(self.param("turns"))
        answered: set[int] = set()
        soothed = False  # an earlier abusive turn was already met with an apology
        warned = False  # ... and a later one with the warning that the call will end
        civil_asked = False  # the agent has asked the customer to keep their language civil
        out: list[Finding] = []
        for e in abusive:
            # the agent's next speaking turns (ASR sentences of one turn count once, Call.turn_of)
            after = list(scopes.first_turns(ctx.call, [u for u in ctx.agent_turns if u.index > e.utterance], turns))
            if after and after[0].index in answered:
                continue
            if not after and soothed:
                continue  # soothed before, and the agent says nothing more (a transfer, the end)
            answered.update(u.index for u in after)
            ending = ctx.first(self._ending, after) is not None
            asked_civil = ctx.first(self._civil, after) is not None
            warned_before = warned
            warned = warned or (ending and (asked_civil or civil_asked))  # (the request may have come before)
            civil_asked = civil_asked or asked_civil
            sorry = ctx.first(self._sorry, after)
            helping = first_across(ctx, self._help, after)  # also "我们一起" / "把这个问题解决好"
            missing = [n for n, m in (("致歉/理解", sorry), ("解决意愿", helping)) if m is None]
            if sorry is not None:
                soothed = True
            if not missing:
                continue
            if soothed and (
                    ctx.first(self._escalate, after) is not None
                    or (ending and (asked_civil or ctx.first(self._civil, _turn_before(ctx, after[0])) is not None))):
                # still abusive after being soothed: the announced transfer, or the polite request for civil
                # language with the warning that the call will end ("先生请您注意文明用语" / "如果您继续辱骂" /
                # "我将结束本次通话", field call 466; not "你先别骂人", 293), is the next step; the request may
                # come a turn before the warning ("请您文明用语" … "如果您继续辱骂 / 我将结束本次通话", 308)
                continue
            if soothed and asked_civil and helping is not None and sorry is None:
                continue  # still abusive after being soothed: "请您注意文明用语 / 我这边是想帮您解决问题的" (790)
            if soothed and warned_before and first_across(ctx, self._end_now, after) is not None:
                continue  # abusive after the warning: the call is ended as warned ("本次通话先到这里", 505; "很抱歉本次通话
                # 先到这里", 790)
            cu = by_index.get(e.utterance)
            cue = "、".join(e.cues[:3]) if e.cues else ""
            spans = [Match(s.utterance, s.start, s.end, s.text, "abuse") for s in getattr(e, "spans", ())[:3]]
            out.append(self.finding(
                f"客户辱骂后坐席未{'和'.join(missing)}",
                utterances=[u for u in (cu, *after) if u is not None],
                matches=spans + [m for m in (sorry, helping) if m is not None],
                explanation=f"客户第 {e.utterance} 句被判定为辱骂（{cue}），坐席随后 {len(after)} 句中没有"
                            f"{'，也没有'.join(missing)}的表达",
            ))
        return out


def _turn_before(ctx: CallContext, u: Utterance) -> list[Utterance]:
    """The agent's speaking turn (every ASR sentence of it) before the one ``u`` is in."""
    turn_of = ctx.call.turn_of
    earlier = [v for v in ctx.agent_turns if v.index < u.index and turn_of.get(v.index) != turn_of.get(u.index)]
    return list(scopes.last_turns(ctx.call, earlier, 1))


@register
class TransferNotAnnounced(Rule):
    """A transfer to a supervisor happens without first telling the customer why and asking them to wait.

    A transfer is a ``#transfer`` event or the agent saying "转接主管/班长/组长/经理". The
    announcement must give the purpose ("为了更好地解决您的问题") and ask the customer to wait
    ("请您稍等"). Before a ``#transfer`` event, an announced transfer to any desk ("我将电话转接到
    国际业务专席") counts as the announcement.

    Anti-pattern: 坐席一言不发直接把电话转给了班长。
    Best practice: “为了更好地解决您的问题，我将转接主管为您服务，请您稍等。”
    """

    code = "ABU002"
    slug = "abuse.transfer_not_announced"
    family = "ABU"
    name_zh = "转接主管未提前告知"
    name_en = "Transfer to a supervisor not announced"
    dimension = "resolution"
    source = "003 五(三)"
    why = "若客户持续辱骂且不听劝阻，可按流程申请主管介入，需提前告知客户：“为了更好地解决您的问题，我将转接主管为您服务，请您稍等。”"
    suggestion = "转接前告知客户：“为了更好地解决您的问题，我将转接主管为您服务，请您稍等。”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._transfer = RegexSet(joined(self.param("transfer_patterns")), exclude=joined(self.param("offer_patterns")),
                                  name="transfer", skip_quoted=False)
        self._any_transfer = RegexSet(joined(self.param("any_transfer_patterns")),
                                      exclude=joined(self.param("offer_patterns")), name="transfer", skip_quoted=False)
        self._purpose = RegexSet(joined(self.param("purpose_patterns")), name="purpose", skip_quoted=False)
        self._wait = RegexSet(joined(self.param("wait_patterns")), name="wait", skip_quoted=False)
        self._announce_turns = int(self.param("announce_turns"))

    def basis(self, ctx: CallContext) -> Basis:
        return Basis.EVENTS if ctx.call.events_of(EventKind.TRANSFER) else Basis.TEXT

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        agent = ctx.agent_turns
        windows: list[tuple[str, list[Utterance], Match | None, float | None]] = []
        for ev in ctx.call.events_of(EventKind.TRANSFER):
            if ev.at is not None and ctx.call.has_timestamps:
                before = [u for u in agent if u.start is not None and u.start <= ev.at]
            else:
                before = list(agent)
            windows.append(("转接事件", self._announced(ctx, before), None, ev.at))
        mention = ctx.first(self._transfer, agent)
        if mention is not None and not windows:
            # the transfer is made at the last word of it that follows ("我现在把电话转接给我们的值班主管" … "请您稍等
            # 不要挂机现在为您转接", field call 1113), with the rest of the speaking turn that says it: "给您转接值班
            # 主管" / "请您稍等不要挂机" (575)
            follow = [u for u in agent if u.index > mention.utterance][:self._announce_turns]
            end = max((h.utterance for h in ctx.find(self._any_transfer, follow)), default=mention.utterance)
            rest = {u.index for u in ctx.call.turn_sentences(end)}
            before = [u for u in agent if u.index <= end or u.index in rest]
            windows.append(("坐席说转接", self._announced(ctx, before), mention, None))
        if not windows:
            raise self.not_applicable("本通话没有转接主管 (no transfer to a supervisor)")
        out: list[Finding] = []
        for source, turns, m, at in windows:
            purpose = first_across(ctx, self._purpose, turns)  # "为了尽快" / "帮您办理退款" (field call 532)
            wait = ctx.first(self._wait, turns)
            said = ctx.first(self._transfer, turns) or m
            if said is None and m is None:  # a #transfer event: a transfer to any desk may be announced
                said = ctx.first(self._any_transfer, turns)
            missing = [n for n, x in (("告知转接", said), ("说明转接原因", purpose), ("请客户稍等", wait)) if x is None]
            if not missing:
                continue
            whom = "转接主管" if (m is not None or ctx.first(self._transfer, turns) is not None) else "转接"
            out.append(self.finding(
                f"{whom}前未{'、'.join(missing)}",
                utterances=turns, matches=[x for x in (said, purpose, wait) if x is not None],
                explanation=f"{source}之前坐席的最后 {len(turns)} 句话中没有{'、'.join(missing)}"
                            "（应包含“为了更好地解决您的问题”“转接主管”“请您稍等”）",
                time_start=at,
            ))
        return out

    def _announced(self, ctx: CallContext, before: list[Utterance]) -> list[Utterance]:
        """The agent's last two speaking turns before the transfer (ASR sentences of one turn count
        once), or, when the transfer was announced up to ``announce_turns`` turns back ("我现在帮您把
        电话转接到街道值班室 … 请您不要挂机" / "请问还有其他需要吗" / "现在为您转接 再见"), all
        from that announcement on."""
        reach = scopes.last_turns(ctx.call, before, self._announce_turns)
        told = ctx.first(self._any_transfer, reach)
        if told is not None:
            # from the start of the announcing turn: the ASR may cut the purpose into the sentence
            # before ("为了尽快帮您处理" / "我现在给您转接到城东网点…", field 276)
            turn = ctx.call.turn_of.get(told.utterance)
            start = min((u.index for u in reach if turn is not None and ctx.call.turn_of.get(u.index) == turn),
                        default=told.utterance)
            return [u for u in reach if u.index >= min(start, told.utterance)]
        return list(scopes.last_turns(ctx.call, before, 2))


@register
class AbusiveCallsPerAgent(Rule):
    """Agent care: too many abusive calls for one agent in one day.

    Counts the abusive calls per agent and day; after one, the agent is offered a short
    recovery break (``break_minutes``), and past ``max_per_day`` the team lead is alerted.
    Needs the agent's call history, which a single transcript does not give.

    Anti-pattern: 坐席一天内接了 4 通辱骂电话，没有安排调整休息，也没有通知班长。
    Best practice: 每通辱骂电话后安排短暂休息；当天超过 3 通时提醒班长关注坐席状态。
    """

    code = "ABU003"
    slug = "abuse.agent_overexposed"
    family = "ABU"
    name_zh = "坐席当日辱骂来电过多"
    name_en = "Agent exposed to too many abusive calls"
    dimension = "resolution"
    needs = (Need.HISTORY,)
    source = "000 自我排解压力"
    why = "客服人员需要自我排解压力；遭遇辱骂后应给予短暂调整，频繁遭遇时班组长应及时关注。"
    suggestion = "辱骂来电后安排坐席短暂休息调整；当天超过上限时提醒班组长关注坐席状态。"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        # Reached only when call history is wired in; until then the engine reports not_applicable.
        raise self.not_applicable(f"缺少坐席历史通话 (needs call history; limit {self.param('max_per_day')} per day)")

