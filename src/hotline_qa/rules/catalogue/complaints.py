"""CMP: complaint handling (投诉处理) — first apology, the six steps, apology without action,
escalation, arguing against venting. Every rule here runs on complaint calls only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hotline_qa.analyzers.call_kind import CallKind
from hotline_qa.analyzers.commitments import Commitment
from hotline_qa.analyzers.complaint import SERVICE_BLAMED
from hotline_qa.core.call import Role, Utterance
from hotline_qa.core.call import is_backchannel as is_acknowledgement
from hotline_qa.core.findings import Finding, Severity
from hotline_qa.rules import scopes
from hotline_qa.rules.base import Rule, RuleConfig
from hotline_qa.rules.catalogue.closing import ended_for_abuse
from hotline_qa.rules.catalogue.fragments import breaths, cross_fragment_matches
from hotline_qa.rules.catalogue.listening import call_segments, clock, find_overlaps, is_backchannel
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, RegexSet
from hotline_qa.rules.registry import register
from hotline_qa.text.normalize import normalize_text

NOT_COMPLAINT = "不是投诉来电 (not a complaint call)"


def joined(patterns: Sequence[str]) -> list[str]:
    """The patterns as one alternation: one pass over the text instead of one per pattern."""
    return ["|".join(f"(?:{p})" for p in patterns)] if patterns else []


def _regex(patterns: Sequence[str], name: str, exclude: Sequence[str] = ()) -> RegexSet:
    return RegexSet(joined(patterns), exclude=joined(exclude), name=name, skip_quoted=False)


def first_across(ctx: CallContext, rx: RegexSet, utterances: Sequence[Utterance]) -> Match | None:
    """The first match of ``rx`` in ``utterances``, else the first that runs across the ASR cut
    between two of them of one speaking turn ("非常抱歉给您带来这么" / "糟糕的体验"): its part in
    the first sentence."""
    found = ctx.first(rx, utterances)
    if found is not None or len(utterances) < 2:
        return found
    across = cross_fragment_matches(ctx, rx, within={u.index for u in utterances})
    return across[0][2] if across else None


# A complaint about someone else, made to a hotline that is to act on it (12345: "我想投诉一下我房东" /
# "押金三千块到现在不退给我", field call 296; "我要反映一个事就是" / "我们楼下那家养了条狗", 265). The service
# did nothing wrong: no apology is owed (CMP001 asks for the feelings to be acknowledged, CMP002 drops
# the two apology steps), unless the customer also blames the service ("你们这什么服务").
_THIRD_PARTY_TARGET = re.compile(
    r"(?:投诉|举报|反映|反应)[^，。,.!?！？]{0,12}?(?:二房东|房东|邻居|楼上|楼下|隔壁|对门|物业|商家|卖家|店家|商户|饭店|餐馆"
    r"|工地|施工方|施工队|开发商|中介|养了?(?:一)?条?狗|噪音|扰民"
    # what a citizen reports on 12345: "我要反映个事儿 / 我们小区的消防通道 / 天天被车堵着" (460)
    r"|消防通道|违停|违章停车|乱停|占道|违建|违章建筑|乱搭|摆摊|油烟)")


def third_party_complaint(ctx: CallContext) -> bool:
    """The complaint is about a third party (``_THIRD_PARTY_TARGET`` in a customer turn, its ASR
    sentences joined), no customer turn blames the service itself ("你们这些人就是吃干饭的"), and it
    is not a repeat call (the hotline's earlier handling failed: field call 245)."""
    def decide() -> bool:
        if ctx.analysis.complaint.repeat_call:
            return False  # called about it before: the hotline's own handling is complained of too (245)
        texts = ["".join(u.text for u in turn) for turn in scopes.turn_groups(ctx.call, ctx.customer_turns).values()]
        return any(_THIRD_PARTY_TARGET.search(t) for t in texts) and not any(SERVICE_BLAMED.search(t) for t in texts)
    return ctx.memo("complaints.third_party", decide)


class _ComplaintRule(Rule):
    """Shared: the complaint gate and the agent turns after the complaint starts."""

    def complaint_turns(self, ctx: CallContext) -> tuple[Utterance, ...]:
        info = ctx.analysis.complaint
        if not info.is_complaint:
            raise self.not_applicable(NOT_COMPLAINT)
        kind = ctx.analysis.call_kind
        if kind.special and kind.kind is not CallKind.TRANSFER_OUT:  # "我要投诉你们那个" and the line is gone
            raise self.not_applicable(kind.reason)
        start = info.start_utterance if info.start_utterance is not None else -1
        return tuple(u for u in ctx.agent_turns if u.index > start)

    def vague_actions(self) -> frozenset[str]:
        """The promised actions that are no solution without a time frame (``vague_actions``)."""
        return frozenset(str(a) for a in self.config.params.get("vague_actions") or ())

    @staticmethod
    def is_vague(c: Commitment, vague: frozenset[str]) -> bool:
        """A promise with no time frame of a vague action: "我们会尽快给您处理的", "尽快安排"."""
        return c.action in vague and not c.has_time_frame


@register
class NoApologyFirst(_ComplaintRule):
    """After the complaint starts, the agent's first turns do not both apologise and acknowledge the feelings.

    Both are needed (the catalogue's "非常抱歉给您带来了不好的体验，您先消消气"): a bare "非常抱歉先生"
    followed by "请问您贵姓" leaves the feelings unacknowledged. An apology that comes only after the
    agent first put the blame elsewhere in the window
    ("那是营业厅的问题 … 您得去找办理的营业厅", ``deflect_patterns``) is not first either. A
    complaint about a third party (a landlord, a neighbour's dog, on 12345) owes no apology:
    acknowledging the feelings is enough ("遇到这种情况确实挺闹心的 您别着急"), also when said as the
    matter was first told, before the complaint's words ("理解您的心情 / 消防通道被占确实存在安全隐患").
    An apology made when the matter was first told ("非常抱歉先生 / 给您出行带来这么大的影响") need
    not be said again when the later outburst is met with "理解您的心情"; the greeting's "抱歉让您
    久等了" is no such apology.

    Anti-pattern: 客户：你们又把我话费算错了！ 坐席：请提供一下您的手机号。
    Best practice: “非常抱歉给您带来了不好的体验，您先消消气，我会全力帮您解决这个问题。”
    """

    code = "CMP001"
    slug = "complaint.no_apology_first"
    family = "CMP"
    name_zh = "投诉未先致歉安抚"
    name_en = "Complaint not met with an apology first"
    dimension = "resolution"
    source = "003 五(一), 001 第一步"
    why = "客户投诉时，优先致歉并认可客户感受（第一步，要受理投诉，首先要道歉）。"
    suggestion = "先致歉并认可客户感受：“非常抱歉给您带来了不好的体验，您先消消气，我会全力帮您解决这个问题。”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._apology = _regex(self.param("apology_patterns"), "apology", self.param("apology_exclude"))
        self._feelings = _regex(self.param("feelings_patterns"), "feelings")
        self._deflect = _regex(self.param("deflect_patterns"), "deflect")

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        # the agent's first speaking turns after the complaint starts (Call.turn_of); its "嗯" /
        # "好的" while the customer vents is listening, not the response
        # "好的,您说,我听着" to "你先听我说完" hands the floor back (field call 1029): listening too
        replies = [u for u in self.complaint_turns(ctx)
                   if not is_acknowledgement(u.text) and _HANDS_BACK.match(u.text) is None]
        window = scopes.first_turns(ctx.call, replies, int(self.param("turns")))
        if not window:
            return [self.finding("客户投诉后坐席没有回应", explanation="投诉开始后没有坐席发言")]
        # the agent's turn the outburst answers counts too: "是我们的失误 真的很抱歉" / "你们这也太不负责了
        # …我要投诉你们" (the apology came first)
        heard = [*answered_turns(ctx), *window]
        apology = first_across(ctx, self._apology, heard)
        feelings = first_across(ctx, self._feelings, heard)
        if third_party_complaint(ctx):
            if feelings is None:  # "理解您的心情 / 消防通道被占确实存在安全隐患" (460), said when the matter was told
                feelings = first_across(ctx, self._feelings, _told_before(ctx, window[0].index))
            if feelings is not None:
                return []  # "确实挺闹心的 您别着急" for a landlord who keeps the deposit: no apology owed
        if apology is None and feelings is not None:
            # apologised when the matter was told ("非常抱歉先生 / 给您出行带来这么大的影响"), the outburst
            # later met with "理解您的心情 / 带着老人孩子确实很辛苦": the apology need not be said again (443)
            told = [u for u in _told_before(ctx, window[0].index) if not _FOR_THE_WAIT.search(u.text)]
            apology = first_across(ctx, self._apology, told)
        elif feelings is None and apology is not None:
            # the feelings met when the matter was told ("非常抱歉给您的生意添麻烦了停一整天对饭店来说影响确实挺大的我理解"),
            # the later outburst met with "不好意思您说您说" (field call 1065): the feelings need not be said again
            feelings = first_across(ctx, self._feelings, _told_before(ctx, window[0].index))
        missing = [n for n, m in (("致歉", apology), ("安抚/认可客户感受", feelings)) if m is None]
        deflect = first_across(ctx, self._deflect, window) if not missing and self._deflect.patterns else None
        if deflect is not None and apology is not None and deflect.utterance < apology.utterance:
            # "那是营业厅的问题 … 您得去找办理的营业厅", and only the next turn "不好意思": not first
            return [self.finding(
                "客户投诉后坐席先推脱责任或辩解，之后才致歉",
                utterances=window, matches=[deflect, apology],
                explanation=f"投诉开始后坐席第 {deflect.utterance} 句先推脱或否认己方有错（“{deflect.text}”），"
                            f"第 {apology.utterance} 句才致歉；应先致歉、认可客户感受，再说明情况",
            )]
        if not missing:
            return []
        examples = {"致歉": "“非常抱歉”“给您添麻烦了”", "安抚/认可客户感受": "“您先消消气”“理解您的心情”"}
        said = "".join(f"；已有{name}（“{m.text}”），但这不能代替{'和'.join(missing)}"
                       for name, m in (("致歉", apology), ("安抚/认可客户感受", feelings)) if m is not None)
        return [self.finding(
            f"客户投诉后坐席未先{'和'.join(missing)}",
            utterances=window, matches=[m for m in (apology, feelings) if m is not None],
            explanation=f"投诉开始后坐席的前 {len(window)} 句中没有{'，也没有'.join(missing)}的话术"
                        f"（如{'、'.join(examples[n] for n in missing)}）{said}",
        )]


# The agent gives the floor back and says no more: "好的,您说,我听着", "您请讲", "您继续说".
_HANDS_BACK = re.compile(r"(?:好的?|嗯|行|可以|是)?[\s,，.。]*(?:您|你)?(?:请|先)?(?:说|讲|继续说|继续|接着说|慢慢说)吧?"
                         r"[\s,，.。]*(?:我(?:在)?听着(?:呢)?|我在听)?[\s,，.。!！]*$")
# An apology for the wait in the queue ("不好意思让您久等了"), not for the matter (field call 161).
_FOR_THE_WAIT = re.compile(r"久等|等(?:了)?(?:这么|那么|很)(?:久|长时间|长)|排队")


def _told_before(ctx: CallContext, before: int) -> list[Utterance]:
    """The agent's sentences after the customer first spoke and before sentence ``before``: what the
    agent answered when the matter was told (not the greeting's "抱歉让您久等了")."""
    first = next((u.index for u in ctx.customer_turns), None)
    if first is None:
        return []
    return [u for u in ctx.agent_turns if first < u.index < before]


@dataclass(frozen=True, slots=True)
class StepResult:
    """One of the six complaint-handling steps: found or not, where, and in order or not."""

    number: int
    name: str
    present: bool
    utterance: int | None
    in_order: bool
    matched: Match | None

    def as_dict(self) -> dict[str, Any]:
        return {"step": self.number, "name": self.name, "present": self.present,
                "utterance": self.utterance, "in_order": self.in_order,
                "matched": self.matched.text if self.matched else None}


def order_steps(names: Sequence[str], candidates: Sequence[Sequence[Match]],
                groups: Sequence[Sequence[int]], turn_start: Mapping[int, int] | None = None) -> list[StepResult]:
    """Place each step greedily in order: the first occurrence at or after the previous group.

    ``groups`` lists step positions (0-based) that may come in either order (001 gives
    steps 2 and 3 both ways). A step found only before its predecessors is present but
    out of order. ``turn_start`` maps an utterance to the first utterance of its speaking turn:
    steps said in one turn ("非常理解您的" / "心情真的很抱歉") are in order whatever their order in it.
    """
    def at(m: Match) -> int:
        return turn_start.get(m.utterance, m.utterance) if turn_start is not None else m.utterance

    results: dict[int, StepResult] = {}
    pos = -1
    for group in groups:
        reached = pos
        for s in group:
            cands = sorted(candidates[s], key=lambda m: (m.utterance, m.start))
            ahead = [m for m in cands if at(m) >= pos]
            if ahead:
                m = ahead[0]
                results[s] = StepResult(s + 1, names[s], True, m.utterance, True, m)
                reached = max(reached, at(m))
            elif cands:
                m = cands[0]
                results[s] = StepResult(s + 1, names[s], True, m.utterance, False, m)
            else:
                results[s] = StepResult(s + 1, names[s], False, None, True, None)
        pos = reached
    return [results[i] for i in range(len(names))]


def _trigger_turns(ctx: CallContext) -> list[Utterance]:
    """The agent's turn the complaint reacts to: its sentences after the customer's last words
    before the complaint starts ("查到了，这个件…可能是在中转的时候遗失了" -> "丢了？…"). The cause
    told there is step 2 already; an explanation given earlier in the call is not. Found once per
    call (CMP001 and CMP002 ask for it; shared: do not modify)."""
    return ctx.memo("complaints.trigger_turns", lambda: _find_trigger_turns(ctx))


def _find_trigger_turns(ctx: CallContext) -> list[Utterance]:
    start = ctx.analysis.complaint.start_utterance
    if start is None:
        return []
    turn_of = ctx.call.turn_of
    opening = turn_of.get(start)
    lead = 0  # the customer's own words leading into the outburst ("丢了？")
    out: list[Utterance] = []
    for u in reversed([u for u in ctx.call.utterances if u.index < start and u.role in _SPEAKERS]):
        if u.role is Role.CUSTOMER:
            if out:
                if is_acknowledgement(u.text):
                    continue  # a "嗯" while the agent explains
                break  # the customer's words before the agent's turn: it starts after them
            if not (opening is not None and turn_of.get(u.index) == opening) and not is_acknowledgement(u.text):
                lead += 1  # "丢了？" / "你们干什么吃的！" (the complaint's own turn, begun earlier, is free)
                if lead > _LEAD_IN:
                    break
            continue
        out.append(u)
    return out[::-1]


_LEAD_IN = 2


def answered_turns(ctx: CallContext) -> list[Utterance]:
    """``_trigger_turns`` when they come after the customer's first words (the agent's answer to the
    problem that the outburst reacts to), else none: the opening's "不好意思让您久等了" answers nothing."""
    first = next((u.index for u in ctx.call.utterances if u.role is Role.CUSTOMER and u.text), None)
    turns = _trigger_turns(ctx)
    if first is None or not turns or turns[0].index < first:
        return []
    return turns


_SPEAKERS = (Role.AGENT, Role.CUSTOMER)


# The steps that answer for the service's own fault (1: accept and apologise; 2: explain the cause;
# 5: apologise again and commit to improve): not asked of a complaint about a third party.
_OWN_FAULT_STEPS = frozenset({1, 2, 5})


@register
class ComplaintSteps(_ComplaintRule):
    """The six steps of complaint handling are not all covered, or not in order.

    Steps (001): 1 accept and apologise; 2 explain the cause; 3 show understanding and
    sympathy; 4 give the solution and act; 5 apologise again and commit to improve; 6 thank
    the customer. Steps 2 and 3 may come in either order (001 gives both). The result's
    details list each step: present or missing, the utterance, in order or not. For a
    complaint about a third party (``third_party`` in the details: "我想投诉一下我房东", with no
    word against the service) steps 1, 2 and 5 answer for a fault that is not the service's
    and are not asked for. A promise of the analyzer counts as step 4 unless it is vague, with no
    time frame ("我们这边会尽快处理的", "尽快安排", ``vague_actions`` as in CMP003), and goodwill
    ("我们会全力帮您解决") is no solution.

    Anti-pattern: 坐席道歉后直接挂断，没有解释原因、给出方案和致谢。
    Best practice: 道歉→说明原因→表示理解→告知方案并办理→再次致歉并表示改进→感谢客户。
    """

    code = "CMP002"
    slug = "complaint.steps_missing_or_out_of_order"
    family = "CMP"
    name_zh = "投诉处理六步缺失或顺序不当"
    name_en = "Complaint-handling steps missing or out of order"
    dimension = "resolution"
    source = "001 投诉处理六步"
    why = "投诉的有效处理六步：受理并道歉；解释原因；表示同情和理解；告知解决方案并付诸行动；再次致歉并表明改进的决心；感谢客户的惠顾。"
    suggestion = "按六步处理投诉：“非常抱歉……（道歉）经核实是因为……（原因）给您带来不便我们非常理解（理解）我马上为您……（方案）再次向您致歉，我们会改进……（改进）感谢您的理解与支持（致谢）”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        steps: Sequence[Mapping[str, Any]] = self.param("steps")
        if len(steps) != 6:
            raise ValueError(f"{self.code}: params.steps must list 6 steps, got {len(steps)}")
        self._names = [str(s["name"]) for s in steps]
        self._sets = [_regex(s["patterns"], f"step{i + 1}", s.get("exclude", ())) for i, s in enumerate(steps)]
        self._suggest = [str(s.get("say", "")) for s in steps]
        self._vague = self.vague_actions()

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        turns = self.complaint_turns(ctx)
        if scopes.ended_in_transfer(ctx.call):
            raise self.not_applicable(scopes.TRANSFERRED)
        searched = turns
        if ended_for_abuse(ctx, turns):  # "由于您持续辱骂 本次通话将结束" gives no cause and takes no step (308)
            searched = turns[:len(turns) - len(scopes.last_turns(ctx.call, turns, 1))]
        cands: list[list[Match]] = [ctx.find(rx, searched) for rx in self._sets]
        lead = answered_turns(ctx)  # an apology or sympathy in the turn the outburst answers is step 1 or 3
        for k in (0, 2):
            cands[k] = ctx.find(self._sets[k], lead) + cands[k]
        by_index = {u.index: u for u in ctx.call.utterances}
        start = min((u.index for u in turns), default=0)
        for c in ctx.analysis.commitments:  # a promise of action is a solution given
            u = by_index.get(c.utterance)
            if self.is_vague(c, self._vague):
                continue  # "我们这边会尽快处理的" names no solution (CMP003's vague promise)
            if u is not None and u.is_agent and c.utterance >= start and 0 <= c.start < c.end <= len(u.text):
                cands[3].append(Match(u.index, c.start, c.end, u.text[c.start:c.end], "commitment"))
        # Step 5 is an apology said as a second one ("再次为航班延误给您带来的不便表示歉意") or a pledge to
        # improve; a plain "非常抱歉" after the solution that leads into more handling ("非常抱歉 / 我把您这个
        # 情况升级一下", field call 664) is neither. The ASR may cut either: "再次跟您说声 / 抱歉",
        # "加强 / 分拣环节的管理" (362).
        if not cands[4]:
            within = {u.index for u in searched}
            cands[4] = [m for _, _, m, _ in cross_fragment_matches(ctx, self._sets[4], within=within)]
        turn_of = ctx.call.turn_of
        first_of: dict[int, int] = {}
        turn_start = {u.index: first_of.setdefault(turn_of[u.index], u.index)
                      for u in ctx.call.utterances if u.index in turn_of}
        third_party = third_party_complaint(ctx)
        if third_party:  # a landlord, a neighbour's dog: no apology or cause of its own is owed, nor ordered
            for k in _OWN_FAULT_STEPS:
                cands[k - 1] = []
        steps = order_steps(self._names, cands, groups=[[0], [1, 2], [3], [4], [5]], turn_start=turn_start)
        if not third_party and not (steps[1].present and steps[1].in_order):
            told = ctx.find(self._sets[1], _trigger_turns(ctx))
            if told:  # "查到了…可能是中转时遗失了" -> "丢了？你们干什么吃的": the cause was told first
                steps[1] = StepResult(2, self._names[1], True, told[0].utterance, True, told[0])
        missing = [s for s in steps if not s.present]
        late = [s for s in steps if s.present and not s.in_order]
        if third_party:
            missing = [s for s in missing if s.number not in _OWN_FAULT_STEPS]
        ctx.report(self.code, {
            "third_party": third_party,
            "steps": [s.as_dict() for s in steps],
            "missing": [s.number for s in missing],
            "out_of_order": [s.number for s in late],
            "order_ok": not late,
        })
        out: list[Finding] = []
        for s in missing:
            say = self._suggest[s.number - 1]
            out.append(self.finding(
                f"投诉处理缺少第{s.number}步：{s.name}",
                utterances=turns[-1:] if turns else [],
                suggestion=f"补上“{s.name}”：{say}" if say else None,
                explanation=f"投诉开始后坐席的 {len(turns)} 句发言中没有第{s.number}步（{s.name}）的话术",
                details={"step": s.number},
            ))
        if late:
            names = "、".join(f"第{s.number}步{s.name}" for s in late)
            out.append(self.finding(
                f"投诉处理步骤顺序不当：{names}出现得过早",
                utterances=[by_index[s.utterance] for s in late if s.utterance in by_index],
                matches=[s.matched for s in late if s.matched is not None],
                suggestion="按顺序处理：先道歉，再说明原因并表示理解，然后给出方案并办理，最后再次致歉、表示改进并感谢客户。",
                explanation="按六步的顺序，这些步骤只出现在前面步骤之前（第2、3步可互换）",
                severity=Severity(str(self.param("out_of_order_severity"))),
                deduction=float(self.param("out_of_order_deduction")),
                details={"steps": [s.number for s in late]},
            ))
        return out


@register
class ApologyWithoutAction(_ComplaintRule):
    """The agent apologises repeatedly but offers no solution, step or time frame.

    Apologies count once per speaking turn: "抱歉抱歉，我能理解" is one apology, and an
    apology in ``min_apologies`` turns with no action, step, time frame or commitment is
    the seed's "总说对不起". A vague promise with no time frame ("我们会尽快处理的", "尽快安排",
    "给您一个答复", "师傅那边排好了 / 会联系您的", ``vague_actions``) and goodwill ("我们会尽力帮您解决")
    are no action.

    Anti-pattern: “对不起……真的很抱歉……实在不好意思……”，却没有任何处理办法。
    Best practice: “非常抱歉，我马上为您重新核算话费，多收的费用2个工作日内退回您的账户。”
    """

    code = "CMP003"
    slug = "complaint.apology_without_action"
    family = "CMP"
    name_zh = "只道歉不行动"
    name_en = "Apology without action"
    dimension = "resolution"
    source = "002 原则"
    why = "不能总说对不起，态度很好却没有行动；要迅速告知解决方案并付诸行动。"
    suggestion = "道歉之后给出具体行动和时限：“非常抱歉，我马上为您重新核算话费，多收的费用2个工作日内退回您的账户。”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._apology = _regex(self.param("apology_patterns"), "apology", self.param("apology_exclude"))
        self._action = _regex(self.param("action_patterns"), "action")
        self._vague = self.vague_actions()

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        turns = self.complaint_turns(ctx)
        if scopes.ended_in_transfer(ctx.call):
            raise self.not_applicable(scopes.TRANSFERRED)  # the solution comes from who takes over
        apologies = ctx.find(self._apology, turns)
        # Apologies are counted per speaking turn (``Call.turn_of``): "抱歉抱歉", "对不起 真的很抱歉"
        # in one breath is one apology; the seed's "总说对不起" is apologising turn after turn.
        turn_of = ctx.call.turn_of
        times = len({turn_of.get(m.utterance, -1 - m.utterance) for m in apologies})
        if times < int(self.param("min_apologies")):
            return []
        start = min((u.index for u in turns), default=0)
        promised = any(c.utterance >= start and not self.is_vague(c, self._vague) for c in ctx.analysis.commitments)
        if promised or ctx.first(self._action, turns) is not None:
            return []
        by_index = {u.index: u for u in ctx.call.utterances}
        return [self.finding(
            f"坐席道歉 {times} 次，但没有给出任何解决办法、处理步骤或时限",
            utterances=[by_index[i] for i in sorted({m.utterance for m in apologies})],
            matches=apologies,
            explanation=f"投诉后坐席在 {times} 轮发言中道歉（不少于 {self.param('min_apologies')} 轮），"
                        "但没有“为您处理/办理/安排”“X个工作日内”等行动或时限，也没有后续承诺",
        )]


@register
class EscalationNotSpecified(_ComplaintRule):
    """An escalation is announced without saying who will follow up and when.

    A complaining customer's demand for a supervisor ("叫你们主管来跟我说") that the agent puts
    off ("主管现在不在", "您找主管也是一样的") without saying who follows up and when counts too:
    the escalation the customer asked for was refused.

    Only the announcement in the call is checked here; checking that the escalation ticket
    exists needs the ticket records (工单记录) and is done once they are available.

    Anti-pattern: “这个我给您往上反映一下吧。”
    Best practice: “我会将您的情况反馈给上级专员，2个工作日内由专人与您沟通解决方案。”
    """

    code = "CMP004"
    slug = "complaint.escalation_without_who_or_when"
    family = "CMP"
    name_zh = "升级处理未说明由谁何时跟进"
    name_en = "Escalation without who and when"
    dimension = "resolution"
    source = "003 五(一)"
    why = "若需升级处理，说明“我会将您的情况反馈给上级专员，2个工作日内由专人与您沟通解决方案”，并同步记录升级工单。"
    suggestion = "升级时说明由谁、何时跟进：“我会将您的情况反馈给上级专员，2个工作日内由专人与您沟通解决方案。”"

    TICKET_NOTE = "升级工单是否创建需要工单记录（ticket records）才能核对，本次只检查通话中的告知"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._escalate = _regex(self.param("escalation_patterns"), "escalation",
                                self.config.params.get("escalation_exclude") or ())
        self._who = _regex(self.param("who_patterns"), "who")
        self._when = _regex(self.param("when_patterns"), "when")
        self._demand = _regex(self.config.params.get("demand_patterns") or (), "demand")
        self._refusal = _regex(self.config.params.get("refusal_patterns") or (), "refusal")

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        turns = self.complaint_turns(ctx)
        hits = ctx.find(self._escalate, turns)
        if not hits:  # "情况反馈给车队" / "调度负责人": the ASR cut the announcement
            hits = [m for _, _, m, _ in cross_fragment_matches(ctx, self._escalate, within={u.index for u in turns})]
        hits = [m for m in hits if not self._for_improvement(ctx, m)]
        if not hits:
            if scopes.ended_in_transfer(ctx.call):  # escalated by handing the call over: who and when are now
                raise self.not_applicable("投诉当场转接处理，由接手人当场跟进 (escalated by a live transfer)")
            refused = self._refused_demand(ctx, turns)
            if refused:
                return refused
            raise self.not_applicable("投诉未升级处理 (no escalation announced)")
        ctx.report(self.code, {"ticket_check": self.TICKET_NOTE})
        first = hits[0]
        # the announcing speaking turn and the agent's next (ASR sentences of one turn count once)
        window = list(scopes.first_turns(ctx.call, [u for u in turns if first.utterance <= u.index], 2))
        who = first_across(ctx, self._who, window)
        when = first_across(ctx, self._when, window)
        missing = [n for n, m in (("由谁跟进", who), ("何时联系", when)) if m is None]
        if not missing:
            return []
        return [self.finding(
            f"升级处理未说明{'和'.join(missing)}",
            utterances=window, matches=[first] + [m for m in (who, when) if m is not None],
            explanation=f"坐席说了“{first.text}”，但随后没有说明{'和'.join(missing)}；{self.TICKET_NOTE}",
        )]

    def _refused_demand(self, ctx: CallContext, turns: Sequence[Utterance]) -> list[Finding]:
        """The complaining customer asks for a supervisor ("那你叫你们主管来跟我说") and the agent's next two
        speaking turns put it off ("主管现在不在", "您找主管也是一样的"), and no later turn says who follows up
        and when (field call 970): the escalation the customer asked for is refused."""
        if not turns:
            return []
        start = turns[0].index
        for c in ctx.customer_turns:
            if c.index < start - 1 or (demand := ctx.first(self._demand, (c,))) is None:
                continue
            later = [u for u in turns if u.index > c.index]
            window = list(scopes.first_turns(ctx.call, later, 2))
            refusal = ctx.first(self._refusal, window)
            if refusal is None or (first_across(ctx, self._who, later) and first_across(ctx, self._when, later)):
                continue  # (put off at first, then escalated with who and when: "主管现在在开会" … "我给您登记一个
                # 升级的公单我们值班主管今天下班前给您回电", field call 1041)
            return [self.finding(
                f"客户要求升级（“{demand.text}”），坐席推脱（“{refusal.text}”），未升级也未说明由谁何时跟进",
                utterances=[c, *window], matches=[demand, refusal],
                explanation="客户投诉中要求找主管/上级，坐席随后两轮以主管不在、找谁都一样等推脱，"
                            f"没有升级处理，也没有说明由谁、何时跟进；{self.TICKET_NOTE}")]
        return []

    def _for_improvement(self, ctx: CallContext, hit: Match) -> bool:
        """The hit is inside an exclusion (``escalation_exclude``: passed on for an improvement) read
        over its breath from the hit on, more ASR sentences than one cut: "我们也会反馈" / "给教学部门" /
        "改进老师变更时…" (field call 529)."""
        run = next((r for r in breaths(ctx) if any(u.index == hit.utterance for u in r)), ())
        said = "".join(u.text[hit.start:] if u.index == hit.utterance else u.text
                       for u in run if u.index >= hit.utterance)
        return self._escalate.excluded(said, 0, len(hit.text))


def _runs_past_backchannels(ctx: CallContext, backchannels: Sequence[str], max_chars: int) -> dict[int, int]:
    """Each customer sentence's run: the customer's sentences up to the agent's next words that are not
    a backchannel ("嗯", "对")."""
    out: dict[int, int] = {}
    run = 0
    for u in ctx.call.utterances:
        if u.role is Role.CUSTOMER:
            out[u.index] = run
        elif u.role is Role.AGENT and not is_backchannel(u.text, backchannels, max_chars):
            run += 1
    return out


def _threats_after_grievance(ctx: CallContext) -> dict[int, Any]:
    """Displeased sentences that threaten a complaint ("我要投诉你们") after a grievance in the same speaking turn
    or the customer's one before ("这么多年的积分说没就没了 / 我要投诉你们", field call 1126; "我根本不知道有这个东西
    你们当时也没告诉我" / "你们现在卡着我不让我走 … 我要投诉你们", 1128). A bare "我要投诉你们" vents not."""
    threats = frozenset(ctx.analysis.complaint.threats)
    if not threats:
        return {}
    turn_of = ctx.call.turn_of
    customer_turns: list[int] = []  # the customer's speaking turns, in order
    for u in ctx.customer_turns:
        t = turn_of.get(u.index, -1 - u.index)
        if not customer_turns or customer_turns[-1] != t:
            customer_turns.append(t)
    rank = {t: k for k, t in enumerate(customer_turns)}
    scored = [(e, rank.get(turn_of.get(e.utterance, -1 - e.utterance))) for e in ctx.analysis.emotions if e.score > 0]
    out: dict[int, Any] = {}
    for e, at in scored:
        if at is None or str(e.emotion) == "calm" or not any("投诉" in c or c in threats for c in e.cues):
            continue
        if any(other is not e and r is not None and 0 <= at - r <= 1 for other, r in scored):
            out[e.utterance] = e
    return out


@register
class ArguingWithVenting(_ComplaintRule):
    """The agent argues or justifies while the customer is venting, or talks over an angry customer.

    Arguing: "这不是我们的问题", "您听我说", "您这话就不对了", "不能怪我们" right after an
    angry or abusive customer turn, or a dissatisfied one of high intensity (``venting_min_score``:
    several exclamations, "你们就是不负责任！"). Talking over: with timestamps, the agent starts
    while such a turn is still running (overlap above the limit, backchannels excluded).
    Not when the customer's turn right before asks for the rule or invites the explanation and
    does not vent itself ("行你说" / "到底哪条规定的" -> "条款里写的是…").

    Anti-pattern: 客户：你们太过分了！ 坐席：您先别激动，听我解释，这不是我们的问题。
    Best practice: 让客户说完，“您先消消气，我非常理解您的心情，我们一起看看怎么解决。”
    """

    code = "CMP005"
    slug = "complaint.arguing_with_venting_customer"
    family = "CMP"
    name_zh = "与宣泄的客户争辩"
    name_en = "Arguing with a venting customer"
    dimension = "resolution"
    source = "002 原则, 000"
    why = "倾听客户的不满，不与客户争辩；让客户把话说完，先处理情绪再处理事情。"
    suggestion = "先让客户说完，再安抚：“您先消消气，我非常理解您的心情，我们一起看看怎么帮您解决。”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._argue = _regex(self.param("argue_patterns"), "argue", self.param("argue_exclude"))
        self._venting = frozenset(str(e) for e in self.param("venting_emotions"))
        self._min_score = float(self.param("venting_min_score"))
        self._bc = tuple(normalize_text(w) for w in self.param("backchannels"))

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        turns = self.complaint_turns(ctx)
        turn_of = ctx.call.turn_of
        venting = {e.utterance: e for e in ctx.analysis.emotions
                   if str(e.emotion) in self._venting or (str(e.emotion) != "calm" and e.score >= self._min_score)}
        venting.update(_threats_after_grievance(ctx))
        # A speaking turn with two dissatisfied sentences or more vents as a whole ("飞机晚点我已经折腾一晚上了"
        # / "你们平台怎么能这样" / "我要投诉你们", field call 583), each sentence mild on its own.
        # (the agent's "嗯" while the customer goes on ends no turn: "换电池跟我屏幕碎了有什么关系啊" / "嗯" / "你们那个
        # 条款谁会去看啊", field call 1176)
        run_of = _runs_past_backchannels(ctx, self._bc, int(self.param("backchannel_max_chars")))
        upset: dict[int, list[Any]] = {}
        for e in ctx.analysis.emotions:
            if str(e.emotion) != "calm":
                upset.setdefault(run_of.get(e.utterance, -1 - e.utterance), []).append(e)
        for sentences in upset.values():
            if len(sentences) >= 2:
                venting.update((e.utterance, e) for e in sentences if e.utterance not in venting)
        window = int(self.param("venting_window"))
        # the customer's last ``window`` speaking turns, every ASR sentence of each ("那我管你什么施工" /
        # "…你们赔吗上次断网也是" -> "您先听我说", field call 263)
        customers = [u.index for u in ctx.customer_turns]
        out: list[Finding] = []
        flagged: set[int] = set()
        argued: dict[int, list[Match]] = {}
        said: dict[int, list[str]] = {}  # the words quoted, whole when the ASR cut them
        for m in ctx.find(self._argue, turns) if venting else ():  # no venting: nothing to argue with
            argued.setdefault(m.utterance, []).append(m)
            said.setdefault(m.utterance, []).append(m.text)
        if venting and len(turns) > 1:  # "新表出厂都是检定合格的 水表不可能" / "有问题的" (field call 335)
            for _, second, head, tail in cross_fragment_matches(ctx, self._argue, within={u.index for u in turns}):
                if any(m.start < head.end and head.start < m.end for m in argued.get(head.utterance, ())):
                    continue  # the words the first sentence holds were found there, and said so
                argued.setdefault(second.index, []).extend((head, tail))
                said.setdefault(second.index, []).append(head.text + tail.text)
        for u in turns:
            hits = argued.get(u.index)
            if not hits:
                continue
            quoted = "、".join(f"“{t}”" for t in said[u.index])
            vent = self._vent_before(ctx, u.index, customers, venting, window)
            if vent is None or _asked_for_the_rule(ctx, u.index, venting):
                continue
            flagged.add(u.index)
            out.append(self.finding(
                f"客户宣泄情绪时坐席争辩：{quoted}",
                utterances=[v for v in turns if v.index == u.index or any(m.utterance == v.index for m in hits)],
                matches=hits,
                explanation=f"第 {vent.utterance} 句客户情绪为“{_emotion_zh(vent.emotion)}”，"
                            f"坐席随后说了{quoted}，是在与客户争辩或辩解",
            ))
        if ctx.call.has_timestamps and venting:
            by_index = {u.index: u for u in ctx.call.utterances}
            max_bc = int(self.param("backchannel_max_chars"))
            start = min((u.index for u in turns), default=0)
            for ov in find_overlaps(call_segments(ctx),
                                    min_overlap=float(self.param("min_overlap_seconds")),
                                    ignore=lambda s: is_backchannel(s.text, self._bc, max_bc)):
                ci, ai = ov.customer.index, ov.agent.index
                if ai is None or ci is None or ai < start or ai in flagged:
                    continue
                if ci not in venting:
                    # the sentence talked over goes on with a venting turn: "你们这叫什么服务" / "我跟你说我上次
                    # 也是" -> "先生先生我跟您说" (field call 613)
                    vent = next((venting[i] for i in venting if turn_of.get(i, -1 - i) == turn_of.get(ci, -1 - ci)
                                 and i < ci), None)
                    if vent is None:
                        continue
                else:
                    vent = venting[ci]
                ev = [by_index[i] for i in (ci, ai) if i is not None and i in by_index]
                a = by_index[ai]
                out.append(self.finding(
                    f"客户情绪激动时坐席抢话 {ov.seconds:.1f} 秒 ({clock(ov.agent.start)})",
                    utterances=ev, matches=[Match(ai, 0, min(12, len(a.text)), a.text[:12], "overlap")],
                    explanation=f"客户第 {vent.utterance} 句情绪为“{_emotion_zh(vent.emotion)}”，还没说完坐席就开口，"
                                f"重叠 {ov.seconds:.1f} 秒",
                    time_start=ov.agent.start,
                ))
        return out

    @staticmethod
    def _vent_before(ctx: CallContext, at: int, customers: Sequence[int], venting: Mapping[int, Any],
                     window: int) -> Any:
        """The latest venting sentence among the customer's last ``window`` speaking turns before
        sentence ``at``, or None. Turns that only answered the agent's question for a detail
        ("你家是几零几" / "三栋二单元五零一", field call 563) do not count among them, unless the agent
        met the venting before asking ("非常抱歉…您先别着急" / "麻烦您提供一下订单号", field call 274)."""
        turn_of = ctx.call.turn_of
        plain: list[int] = []  # the last ``window`` turns
        wide: list[int] = []  # the same, answers not counted
        seen: set[int] = set()
        answers: set[int] = set()
        for i in reversed([i for i in customers if i < at]):
            turn = turn_of.get(i, -1 - i)
            if turn not in seen:
                if len(seen) - len(answers) >= window:
                    break
                seen.add(turn)
                if _answers_question(ctx, i, turn, venting):
                    answers.add(turn)
            if len(seen) <= window:
                plain.append(i)
            wide.append(i)
        vent = next((venting[i] for i in plain if i in venting), None)
        if vent is None and answers:
            vent = next((venting[i] for i in wide if i in venting), None)
            if vent is not None and _SOOTHED.search("".join(
                    v.text for v in ctx.call.utterances[vent.utterance + 1:at] if v.role is Role.AGENT)):
                return None
        return vent


# The agent met the venting: an apology, the feelings acknowledged, a plea to calm down.
_SOOTHED = re.compile(r"抱歉|对不起|理解(?:您|你)|(?:别|不要)(?:着急|急|生气|激动)|消消气")
# An agent question for a detail: "你家是几零几", "啊什么几单元", "您的电话是多少".
_DETAIL_QUESTION = re.compile(r"[?？吗]$|几|哪|什么|多少|是$")
_ANSWER_CHARS = 20  # an answer to it is short


def _answers_question(ctx: CallContext, last: int, turn: int, venting: Mapping[int, Any]) -> bool:
    """The customer's speaking turn ending at sentence ``last`` only answered the agent's question
    for a detail ("你家是几零几" / "三栋二单元五零一", field call 563): the venting before it goes on
    (it does not count among the turns CMP005 looks back over). Not when the answer vents itself."""
    utts = ctx.call.utterances
    turn_of = ctx.call.turn_of
    first = last
    while first > 0 and utts[first - 1].role is Role.CUSTOMER and turn_of.get(first - 1, -first) == turn:
        first -= 1
    said = [v for v in utts[first:last + 1] if v.role is Role.CUSTOMER]
    if any(v.index in venting for v in said) or sum(len(v.text) for v in said) > _ANSWER_CHARS:
        return False
    asked = next((v for v in reversed(utts[:first]) if v.role is Role.AGENT), None)
    return asked is not None and _DETAIL_QUESTION.search(asked.text.rstrip(" ，,。.")) is not None


# The customer asks for the rule or invites the explanation: "行你说" / "到底哪条规定的" (field call 805),
# "依据是什么", "你给我解释解释" (not "凭什么", which vents).
_ASKS_FOR_THE_RULE = re.compile(r"哪(?:一)?条|什么(?:规定|条款|规矩|政策)|(?:依据|根据)(?:是)?(?:什么|啥)|怎么(?:规定|写)的"
                                r"|^(?:行|好|那)*(?:你|您)(?:说|讲)(?:吧|啊|呀)?$|(?:你|您)(?:给我)?解释(?:解释|一下)")


def _asked_for_the_rule(ctx: CallContext, at: int, venting: Mapping[int, Any]) -> bool:
    """The customer's speaking turn right before sentence ``at`` asks for the rule or invites the
    explanation, and does not vent itself: the agent's "条款里写的是…" answers the question."""
    last = next((v for v in reversed(ctx.call.utterances[:at]) if v.role is Role.CUSTOMER), None)
    if last is None:
        return False
    said = [v for v in ctx.call.turn_sentences(last.index) if v.index <= last.index] or [last]
    return (not any(v.index in venting for v in said)
            and any(_ASKS_FOR_THE_RULE.search(v.text.rstrip(" ，,。.?？")) for v in said))


def _emotion_zh(emotion: Any) -> str:
    name = getattr(emotion, "name_zh", None)
    return str(name) if name else str(emotion)
