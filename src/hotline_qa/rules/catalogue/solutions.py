"""SOL: answering the question (专业性、有效性) — steps, time frames of promises, corrections."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import takewhile
from typing import Any

from hotline_qa.analyzers.commitments import Commitment, names_an_act, time_frame_in
from hotline_qa.core.call import Role, Utterance
from hotline_qa.core.findings import Basis, Finding
from hotline_qa.rules import scopes
from hotline_qa.rules.base import Need, Rule, RuleConfig
from hotline_qa.rules.catalogue.fragments import breaths, next_fragment, position, previous_fragment
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, PhraseSet, clauses
from hotline_qa.rules.registry import register
from hotline_qa.text.hesitation import without_lead_hesitation


@register
class ProcedureNotStepwise(Rule):
    """The agent explains an operation of several actions in one breath, without step markers.

    A turn with at least ``min_actions`` operation verbs ("点击", "进入", "选择", "输入", "提交")
    and none of "第一步/首先/然后/接着/最后" is reported (info). A verb that says what did not
    happen ("未绑定", "没登录") and a restatement of the customer's problem ("您是说…登录提示设备
    未绑定…对吗") are no instructions.

    Anti-pattern: “您打开APP点我的进入设置选择账户安全输入新密码提交就可以了”
    Best practice: “您可以在手机端按以下步骤操作：第一步，打开APP点击‘我的’；第二步，进入‘设置’……”
    """

    code = "SOL001"
    slug = "resolution.procedure_not_stepwise"
    family = "SOL"
    name_zh = "复杂操作未分步说明"
    name_en = "Procedure not given step by step"
    dimension = "resolution"
    source = "003 五(二)"
    why = "将复杂问题拆解为客户易懂的步骤（如操作流程分3步说明），关键环节可建议客户记录。"
    suggestion = "分步说明并建议客户记录：“您可以在手机端按以下步骤操作：第一步……第二步……最后……”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._actions = PhraseSet(self.param("action_words"), exclude=self.param("action_exclude"),
                                  name="action", skip_quoted=False)
        self._steps = PhraseSet(self.param("step_markers"), name="step", skip_quoted=False)
        self._min = int(self.param("min_actions"))

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        out: list[Finding] = []
        per_turn: dict[int, list[Match]] = {}
        for m in ctx.find(self._actions, ctx.agent_turns):
            per_turn.setdefault(m.utterance, []).append(m)
        # one breath: a sentence, or a run of sentences the ASR cut without a clause break
        # ("可以的打开微信搜" / "健康青川小程序登录" / "选择儿童预防接种" / "选门诊选时间提交")
        for run in breaths(ctx):
            actions = [m for u in run for m in per_turn.get(u.index, ())
                       if not _NOT_DONE.search(u.text, max(0, m.start - 3), m.start)
                       and not _NOT_A_STEP_AFTER.match(u.text, m.end)]
            if len(actions) < self._min or _RESTATED.search("".join(u.text for u in run)):
                continue
            # an ordinal ("第一步", "首先") labels the step after it; a "then" counts between the steps, not before
            # the first ("嗯可以的然后" / "您打开中国移动APP" / "登录以后点我的" / "选择实名认证" / …, field call 860)
            order = {u.index: k for k, u in enumerate(run)}
            first = min((order[m.utterance], m.start) for m in actions)
            if any(m.text not in _THEN_MARKERS or (order[m.utterance], m.start) > first
                   for m in ctx.find(self._steps, run)):
                continue
            words = "、".join(m.text for m in actions)
            where = "这句话" if len(run) == 1 else f"这段话（转写切成了 {len(run)} 句）"
            out.append(self.finding(
                f"一句话连续说了 {len(actions)} 个操作步骤，未分步说明",
                utterances=list(run), matches=actions,
                explanation=f"坐席{where}包含 {len(actions)} 个操作动作（{words}），"
                            f"达到 {self._min} 个，但没有“第一步/首先/然后/最后”等分步标记",
            ))
        return out


# A symptom: the action did not or cannot happen ("未绑定", "收不到", "登录不了" is caught by the
# pattern before the word: "没法登录", "无法验证").
_NOT_DONE = re.compile(r"(?:未|没|没有|不|无法|不能|没法)$")
# Not a step of its own: a word that names a thing by an act ("退回您绑定的那张信用卡") or points back
# to the step just said ("提交冲正 / 冲正申请提交以后", field call 500).
_NOT_A_STEP_AFTER = re.compile(r"的(?!时候)|(?:以|之)?后(?![面边台])")
# The agent restates the customer's problem and asks back: "您是说换了新手机以后登录提示设备未绑定对吗".
_RESTATED = re.compile(r"(?:您|你)(?:是说|的意思是|说的是)[^。？?]*(?:对吗|是吗|对吧|是吧|对不对|是不是)[\s。？?]*$")


@register
class CommitmentWithoutTimeFrame(Rule):
    """A promise of a later action ("给您回电", "帮您反馈") is made without a time frame.

    Commitments come from the commitment analyzer; one finding per promise without a time
    frame ("预计两小时内", "2个工作日内"). A promise whose very next clause carries the time
    frame ("反馈给上级专员，2个工作日内由专人与您沟通") counts as one promise with a time frame,
    and so does a promise whose action gets its time frame within the next agent turns
    ("给您退款" … "退款三到五个工作日到账"); a generic "处理/跟进/安排" gets it from any
    time-framed step that follows ("上门帮您处理" … "师傅明天中午之前跟您联系"). A promise
    tied to an event ("师傅到了会联系您", "找到了我们通知您", "联系上了会第一时间通知您",
    ``conditional_patterns``) takes the time frame said for that event within ``same_action_turns``
    agent turns after it or ``event_lookback_turns`` before it ("预计二十分钟内到达", "一般一到三天内会有
    结果", ``event_time_frame_patterns``; the wait of a hold, "大概一分钟请您稍等", is not the
    event's); without one it is a finding even with "第一时间/马上/立即":
    those count from an event nobody has dated, so the customer still does not know when to
    expect the call (003 四(二) "预计XX时间内给您回电", 003 六(二) "在承诺时效内(如24小时)").
    A contingent promise ("审核有问题的话我们会打给您", "万一还是不行我们再安排师傅上门",
    ``contingency_patterns``) is a promise all the same (000: 如果许诺要言必见行必果): with a time
    frame of its own, or the date of its condition ("如果明天还没到的话我再帮您催一下"), it has
    one; without, it takes the time frame the agent said earlier in the call for the matter its
    condition names ("提交以后审核是五到七个工作日" … "审核有问题的话…", a shared two-character word,
    ``contingency_lookback_turns``), else it is a finding ("如果有问题的话我们会第一时间联系您": the
    customer cannot tell how long no news means no problem). A promise that waits for the
    customer's next call ("要是还不行的话 您再打过来 我们给您派师傅上门") is no commitment of this
    call (the analyzer does not record it), and neither is how long a step usually takes said of
    no one ("退款一般是三到五个工作日到账的"), which still gives an earlier promise of that action
    its time frame.
    The ways of getting back to the customer (``reply_actions``: 回电, 反馈, 联系) frame each
    other ("处理结果我们会回复您" … "承办单位两个工作日内会联系您"). A time frame the ASR cut between
    two sentences of one speaking turn ("承办单位两个" / "工作日内会联系您") is the promise's (the
    commitment analyzer joins it).
    When the customer asks how long ("那要多久啊", ``time_question_patterns``) after the promise,
    the agent's answer within the next agent turns is its time frame ("大概两个小时左右");
    a time frame said with no such question is not linked. A promise that is itself the answer
    to "什么时候联系我啊" and names no time ("很快的到时候会联系您的") stays a finding whatever is timed
    later: the customer asked and was not told.

    Anti-pattern: “我们会尽快给您回电的。”
    Best practice: “您的问题我需要查询后回复您，预计两小时内给您回电可以吗？”
    """

    code = "SOL002"
    slug = "resolution.commitment_without_time_frame"
    family = "SOL"
    name_zh = "承诺未给出时限"
    name_en = "Commitment without a time frame"
    dimension = "resolution"
    source = "003 四(二), 004 宜⑧"
    why = ("承诺后续处理须说明时限（“预计XX时间内给您回电”，003 四(二)），并记录为待办承诺；承诺了回电就不要忘记"
           "（004 宜⑧）。以某事为条件的承诺（“联系上了会第一时间通知您”“有结果了马上给您回电”）须同时说明该事预计多久"
           "（“一般一到三个工作日内会有结果”）：“第一时间/马上”从一个没有时间的事件算起，客户仍不知道要等多久。"
           "有条件的承诺（“审核有问题的话我们会打给您”）也是承诺（000“如果许诺要言必见行必果”）：须说明该事预计多久"
           "（此前说过“审核是五到七个工作日”即可）；以客户再次来电为条件的（“要是还不行您再打过来”）不是本通话的承诺。")
    suggestion = "承诺时说明具体时限：“您的问题我需要查询后回复您，预计两小时内给您回电可以吗？”"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._generic = frozenset(str(a) for a in self.param("generic_actions") or ())
        self._reply = frozenset(str(a) for a in self.config.params.get("reply_actions") or ())
        self._review = frozenset(str(a) for a in self.config.params.get("review_actions") or ())
        self._conditional = _alternation(self.config.params.get("conditional_patterns"))
        self._event_frame = _alternation(self.config.params.get("event_time_frame_patterns"))
        self._time_question = _alternation(self.config.params.get("time_question_patterns"))
        self._contingency = tuple(re.compile(str(p)) for p in self.config.params.get("contingency_patterns") or ())
        self._stop_bigrams = frozenset(str(w) for w in self.config.params.get("contingency_stop_words") or ())

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        commitments = ctx.analysis.commitments
        if not commitments:
            raise self.not_applicable("本通话没有后续处理承诺 (no commitment in this call)")
        by_index = {u.index: u for u in ctx.call.utterances}
        gap = int(self.param("chain_gap_chars"))
        reach = int(self.param("same_action_turns"))
        # agent speaking turns in order (ASR sentences of one turn count once, ``Call.turn_of``)
        turn_of = ctx.call.turn_of
        agent_order = _agent_turn_order(ctx)
        step_order = (_agent_turn_order(ctx, read_backs_join=True)
                      if any(k.read_back_utterance is not None for k in ctx.analysis.key_info) else agent_order)
        agent_sentence = {u.index: n for n, u in enumerate(ctx.agent_turns)}
        out: list[Finding] = []
        flagged: set[int] = set()
        for i, c in enumerate(commitments):
            if c.has_time_frame:
                continue
            nxt = commitments[i + 1] if i + 1 < len(commitments) else None
            if nxt is not None and nxt.has_time_frame and (
                    (nxt.utterance == c.utterance and 0 <= nxt.start - c.end <= gap)
                    or (not _recaps(nxt, by_index) and (
                        self._next_sentences(c, nxt, turn_of, agent_sentence, gap)
                        or (c.action in _PASS_ON and turn_of.get(nxt.utterance) == turn_of.get(c.utterance))))):
                # (not a recap of the visit after it: "延保的详细条款回头我让同事给您发个短信" / "然后我跟您确认一下…后天
                # 十月五号上午九点到十二点上门", field call 1030)
                # "反馈给上级专员，2个工作日内由专人与您沟通": one promise in two clauses (or sentences);
                # "会转交给出租车管理处由那边的工作人员核查处理五个工作日内给您回复": the case passed on
                # and the answer it brings, timed, in one speaking turn
                continue
            if nxt is not None and not nxt.has_time_frame and (
                    (nxt.utterance == c.utterance and nxt.start == c.end)
                    or (c.action in _PASS_ON and turn_of.get(nxt.utterance) == turn_of.get(c.utterance))):
                # unpunctuated speech cut between promises ("反馈给技术部门 | 我们会尽快给您回电"), or a case
                # passed on and the answer it brings in one speaking turn ("把情况反馈给车队" … "核实清楚后
                #我们尽快给您回电话"): one finding, on the last
                continue
            if i and _frame_closes_before(c, commitments[i - 1], ctx):
                continue  # "处理结果会在二十四小时内" / "给您回电": the frame the ASR cut off the promise
            generic = self._generic | {c.action} if _REGISTERS.search(c.text) else self._generic
            if c.action and not self._vague_answer(c, ctx) and self._framed_later(
                    c, commitments[i + 1:], step_order, reach, generic, self._reply, self._review):
                continue  # "给您退款" ... "退款三到五个工作日到账": the time frame came a turn later
            settled = [p for j, p in enumerate(commitments[:i]) if j not in flagged]  # earlier ones not reported
            if self._said_before(c, settled, agent_order, reach, self._reply):
                continue  # "审核通过的话这三百元会退回到您的卡里" ... "肯定能给您退回来的": a promise found in order, again
            if _recap_at_close(c, commitments[:i], ctx):
                continue  # "区教育局会在五个工作日内联系您" … "感谢您的来电有进展区教育局会联系您…再见" (1007)
            if self._then_of_timed(c, by_index.get(c.utterance), commitments[:i], agent_order, reach, ctx):
                continue  # "下周三下午三点半我再给您打过来" … "到时候我把正式报价 / 和保障明细一起跟您说" (825)
            if self._doer_framed_earlier(c, commitments[:i], agent_order, ctx, settled=settled):
                continue  # "查勘员会在三十分钟之内给您打电话" ... "查勘员会告诉您附近的修理厂"
            if self._event_framed(c, ctx, agent_order, reach):
                continue  # "师傅到了会联系您" ... "预计二十分钟内到达": the event's time frame is the promise's
            u = by_index.get(c.utterance)
            if u is not None and _affirms_customer_frame(c, u, ctx):
                continue  # "二十四小时之内是吧" / "是的" / "我们一定给您一个答复" (469)
            if self._answered_later(c, ctx, agent_order, reach):
                continue  # "他们会联系您" / "那要多久啊" / "大概两个小时左右"
            if self._stated_later(c, ctx, agent_order, reach):
                continue  # "给您退款" ... "退款一般是三到五个工作日到账" (a statement, no promise of its own)
            if _dispatched_later(c, commitments[i + 1:], ctx):
                continue  # "我马上给您派师傅" ... "抢修师傅已经派出去了 / 二十分钟之内赶到" (719)
            condition = self._condition(c)
            # (the condition may lead in the sentences the ASR cut the promise from: "如果核实确实" / "没有经过
            # 您同意" / "肯定给您全额退款", field call 616; "如果鉴定确认是假货" / "假一赔三" / "我们一定会帮您" / "落实的",
            # three sentences back, 809)
            led = condition if condition is not None else (self._condition(c, _cut_lead(c, ctx)) or _lead_condition(c, ctx))
            if led is not None and self._condition_framed(c, led, ctx):
                continue  # "审核是五到七个工作日" ... "审核有问题的话我们会打给您"
            said = _lead(c, ctx) + c.text
            lead_event = self._conditional.search(said) if self._conditional is not None else None
            awaited = _event_with_matter(said, lead_event) if lead_event is not None else ""
            # (who arrives, "师傅到了": only a frame of the arrival's own times it, field calls 618 and 563)
            arrival = lead_event is not None and lead_event.group(0).startswith("到") and awaited != lead_event.group(0)
            if lead_event is not None and self._condition_framed(c, awaited, ctx, frames_only=arrival):
                continue  # "一到三个工作日" / "最晚下周二之前" / "能到账" ... "退款到账以后" / "京东会给您发短信" (464)
            # "会有审核结果，结果会短信通知您": the matter is named right before the clause, or in the
            # sentence the ASR cut it from
            before = u.text[max(0, c.start - _LEAD_CHARS):c.start] if not c.opens_sentence and u is not None \
                else _lead(c, ctx)
            matter = _RESULT_OF.search(before + c.text)
            if matter is not None and self._condition_framed(c, matter.group(1), ctx):
                continue  # "一般三个工作日内审核" ... "审核结果会用短信通知您": the matter's time was said
            if _ahead_of_booking(c, ctx):
                continue  # "给您约九月十二号上午九点" ... "有变动会提前短信通知您": before that date
            if _framed_before_whether(c, ctx):
                continue  # "明天中午之前 / 不管司机那边 / 有没有找到 / 都会给您回复一个结果" (446)
            if c.action in self._generic and self._turn_framed_before(c, ctx):
                continue  # "今晚的情况 / 我同步推给夜间值班了 / 您放心 / 肯定给您处理": the turn said when (401)
            if _framed_just_before(c, ctx):
                continue  # "明天下午 / 两点到六点 / 之间送到 / 保证给您送到": the act timed right before (746)
            if _SCHEDULE.search(c.text):
                continue  # "帮您安排保安每天上午下午各一次帮老人家提东西上楼": a service on a schedule (348)
            if _CALL_DROPS.search(said) and _AT_ONCE.search(c.text):
                continue  # "万一断了我马上打回给您" (987): a call back the moment the line drops
            what = c.action or c.text
            matches: list[Match] = []
            if u is not None and 0 <= c.start < c.end <= len(u.text):
                matches = [Match(u.index, c.start, c.end, u.text[c.start:c.end], "commitment")]
            event = lead_event.group(0) if lead_event is not None else condition
            soon = _SOON.search(c.text)
            if event is not None:
                message = f"承诺“{what}”以“{event}”为前提，未说明预计多久"
                explanation = (f"第 {c.utterance} 句的承诺（“{c.text}”）要等“{event}”之后才兑现，"
                               "但前后几句都没有说明这件事预计多久（如“一般一到三个工作日内会有结果”）")
            else:
                message = f"承诺“{what}”未给出处理时限"
                explanation = (f"第 {c.utterance} 句是一个后续处理承诺（“{c.text}”），"
                               "其中没有“X小时内/X个工作日内/今天下班前”之类的具体时限")
            if soon is not None:
                explanation += f"；“{soon.group(0)}”不算时限"
            flagged.add(i)
            out.append(self.finding(
                message, utterances=[u] if u is not None else [], matches=matches,
                explanation=explanation,
                details={"action": what, **({"waits_for": event} if event is not None else {})},
            ))
        return out

    @staticmethod
    def _turn_framed_before(c: Commitment, ctx: CallContext) -> bool:
        """A generic promise ("肯定给您处理", ``generic_actions``) whose speaking turn gave a time frame
        before it: the handling it reassures about is the one timed there."""
        return time_frame_in(_turn_before(c, ctx)[1]) is not None

    def _condition(self, c: Commitment, lead: str = "") -> str | None:
        """The condition of a contingent promise ("审核有问题的话我们会打给您" -> "审核有问题"), or None;
        ``lead``: the sentences the ASR cut the promise from ("如果核实确实" / "没有经过您同意" / "肯定给您
        全额退款", field call 616)."""
        said = c.text if not lead else lead + c.text
        m = next((m for rx in self._contingency if (m := rx.search(said)) is not None), None)
        if m is None:
            return None  # the patterns in order: "如果有问题的话" names "有问题", not "话如果有问题"
        cond = _CONDITION_MARK.sub("", next((g for g in m.groups() if g), m.group(0)))
        return cond.strip() or None

    def _condition_framed(self, c: Commitment, condition: str, ctx: CallContext, *, frames_only: bool = False) -> bool:
        """Earlier in the call (up to ``contingency_lookback_turns`` agent turns back) the agent
        said how long the condition's matter takes: an agent sentence holding a time frame
        (``event_time_frame_patterns``) and a two-character word of the condition that is not
        a stop word ("审核" of "审核有问题的话…", said in "提交以后审核是五到七个工作日").
        ``frames_only``: only those patterns' frames count, not any date or day ("师傅到了" is timed by
        "二十分钟肯定到", not by "今天过节值班的师傅就一个", field calls 618 and 563)."""
        if self._event_frame is None:
            return False
        hanzi = "".join(ch for ch in condition if "\u4e00" <= ch <= "\u9fff")
        words = {hanzi[i:i + 2] for i in range(len(hanzi) - 1)} - self._stop_bigrams
        if not words:
            return False  # "如果有问题的话": nothing names the matter
        # the matter said in other words: "复核完以后" is the "上门重新核对水表读数" timed before (field call 834)
        words |= {kin for w in words for kin in _MATTER_KIN.get(w, ())}
        back = int(self.param("contingency_lookback_turns"))
        earlier = [u for u in ctx.agent_turns if u.index <= c.utterance]
        follows = next_fragment(ctx)
        for u in scopes.last_turns(ctx.call, earlier, back + 1):
            text = u.text[:c.start] if u.index == c.utterance else u.text
            # the word and the time frame in one clause: in "我马上给您处理, … 三个工作日内原路退回"
            # the three days are the refund's, not the handling's
            spans = clauses(text)
            found = [text[a:b] for a, b in spans]
            if spans and (nxt := follows.get(u.index)) is not None and nxt.index <= c.utterance:
                # the clause goes on in the next sentence ("申请提交后三个工作日内" / "会有审核结果")
                goes_on = nxt.text[:c.start] if nxt.index == c.utterance else nxt.text
                if first := clauses(goes_on):
                    found.append(found[-1] + goes_on[:first[0][1]])
                    # ... and on into a third when the second is one short clause ("由他们在三个" / "工作日内
                    # 联系您" / "核实行驶轨迹给您答复", field call 901)
                    # (not into the condition's own sentence: "…给您回电告诉您结果" / "如果找到了驿站会", 338)
                    if len(first) == 1 and (third := follows.get(nxt.index)) is not None and third.index < c.utterance \
                            and not _CONDITION_MARK.search(third.text) and (more := clauses(third.text)):
                        found.append(found[-1] + third.text[:more[0][1]])
            for clause in found:
                if any(w in clause for w in words) and self._frame_near(clause, words, frames_only):
                    return True
        return False

    def _frame_near(self, clause: str, words: set[str], frames_only: bool) -> bool:
        """A time frame in ``clause`` said near one of the matter's ``words``, with no other act named
        between them. In unpunctuated speech a clause runs long, and the words far from the frame may
        be another matter's: "多收的部分我马上给您处理按推荐路线重新计价…我现在给您申请退款三个工作日内
        原路退回" (the three days are the refund's, field call 198)."""
        assert self._event_frame is not None
        frame = self._event_frame.search(clause)
        if frame is not None:
            at, end = frame.span()
        elif frames_only or (said := time_frame_in(clause)) is None:
            return False
        else:
            at = clause.find(said)
            end = at + len(said)
        for w in words:
            i = clause.find(w)
            while i >= 0:
                # near the frame, and no other act named between the two: "我马上给您处理，我现在给您申请退款，
                # 三个工作日内原路退回" (the three days are the refund's, field call 198); the visit the matter
                # is done on is no other act ("三个工作日内上门重新核对水表读数", field call 834), nor the call
                # telling its result ("明天下午六点前 / 给您回电告诉您鉴定 / 和赔付的方案", field call 809)
                between = clause[i + len(w):at] if i < at else clause[end:i]
                if len(between) <= _NEAR_FRAME_CHARS and not names_an_act(_DONE_FOR_MATTER.sub("", between)):
                    return True
                i = clause.find(w, i + 1)
        return False

    def _stated_later(self, c: Commitment, ctx: CallContext, agent_order: dict[int, int], reach: int) -> bool:
        """Within ``reach`` agent turns after ``c`` the agent names the same action, or its outcome
        (``_OUTCOME``: a refund's "到账"), with a duration in one speaking turn ("退款一般是三到五个工作日
        到账": how long it takes, a statement rather than a promise). The ASR may cut the turn into
        sentences: "先帮您提交退款" / "申请第二财务审核" / "一般一个工作日" / "内完成…" (field call 364)."""
        if self._event_frame is None or not c.action:
            return False
        pos = agent_order.get(c.utterance)
        if pos is None:
            return False
        named = (c.action, *_OUTCOME.get(c.action, ()))
        frame = self._event_frame
        after = (u for u in ctx.agent_turns if (npos := agent_order.get(u.index)) is not None and 0 <= npos - pos <= reach)
        # the words of each speaking turn so far, after the promise
        return any(any(w in said for w in named) and frame.search(said) for said in _turn_so_far(
            ctx, after, lambda u: u.text[c.end:] if u.index == c.utterance else u.text))

    @staticmethod
    def _then_of_timed(c: Commitment, u: Utterance | None, earlier: Sequence[Commitment],
                       agent_order: dict[int, int], reach: int, ctx: CallContext) -> bool:
        """``c`` is said for "到时候" (then), or for before the visit ("来之前会先给您打电话"), and a promise
        within ``reach`` agent turns before it was timed: the then is that time ("我再给您打过来" at "十一月二十五号
        下午三点半" … "到时候我把正式报价 / 和保障明细一起跟您说", field call 825; "明天中午十二点前 / 上门取件的 /
        来之前会先给您打电话", 849). ``u``: the sentence ``c`` is in."""
        before = _lead(c, ctx, _LONG_LEAD_CHARS) + (u.text[:c.start] if u is not None else "")
        if not _THEN.search(before[-_LONG_LEAD_CHARS:]) and not _BEFORE_VISIT.match(c.text):
            return False
        pos = agent_order.get(c.utterance)
        return pos is not None and any(
            p.has_time_frame and (ppos := agent_order.get(p.utterance)) is not None and 0 <= pos - ppos <= reach
            for p in earlier)

    def _vague_answer(self, c: Commitment, ctx: CallContext) -> bool:
        """``c`` is the agent's answer to the customer's "什么时候联系我啊" and names no time ("很快的到时候 /
        会联系您的", field call 806): the customer was left without one, whatever is timed later."""
        if self._time_question is None:
            return False
        turn = ctx.call.turn_sentences(c.utterance)
        if not turn:
            return False
        first = position(ctx, turn[0])
        asked = next((u for u in reversed(ctx.call.utterances[:first]) if u.text), None)
        if asked is None or asked.role is not Role.CUSTOMER or not any(
                m.group(0) != "快点" for m in self._time_question.finditer(asked.text)):
            return False  # (an urging "你们让他们快点来" asks no time: a time said before may stand, 866)
        said = "".join(u.text for u in turn)
        return not _STALL.search(said) and not any(time_frame_in(t) is not None for t in _answer_clauses(said))

    def _answered_later(self, c: Commitment, ctx: CallContext, agent_order: dict[int, int], reach: int) -> bool:
        """After ``c`` the customer asks how long ("那要多久啊", ``time_question_patterns``) and the
        agent's answer, within ``reach`` agent turns of the promise, holds a time frame
        ("大概两个小时左右吧", also after "这个您别着急"). The answer is the agent's next speaking
        turn: "这个我也不清楚" is none, and a date said later of something else ("物流是三月二号签收的",
        field call 375) does not answer it."""
        if self._time_question is None:
            return False
        pos = agent_order.get(c.utterance)
        if pos is None:
            return False
        asked = answering = False
        turn_of = ctx.call.turn_of
        turn, said = None, ""  # the answer so far in its speaking turn: "一般三到五个" / "工作日到账" (318)
        for u in ctx.call.utterances:
            if u.index <= c.utterance:
                continue
            if u.role is Role.CUSTOMER:
                asked = asked or (self._time_question.search(u.text) is not None
                                  and _OTHER_PERIOD.search(u.text) is None)
                continue
            npos = agent_order.get(u.index)
            if npos is None:
                continue
            if npos - pos > reach:
                return False
            if turn_of.get(u.index) != turn:
                if answering and not _STALL.search(said) and not _ASK_PICK.search(said):
                    # the answer was the agent's turn after the question; "我再确认一下…您稍等" puts
                    # it off to the turn after the hold (field call 180), "您看您哪天家里有人" to the
                    # agent's turn after the customer picks ("这周六上午吧" / "好的这周六上午", 392)
                    asked = answering = False
                turn, said = turn_of.get(u.index), ""
            said += u.text
            if asked:
                answering = True
                if _NO_ANSWER.match(said):
                    continue  # "这个要看那边的 / 处理情况 / 我先帮您把七号的航班改签了": no answer (443)
                if any(time_frame_in(t) is not None or (self._event_frame is not None and self._event_frame.search(t))
                       for t in _answer_clauses(said)) or _SEEN_AT_ONCE.search(said):
                    return True
        return False


    def _event_framed(self, c: Commitment, ctx: CallContext, agent_order: dict[int, int], reach: int) -> bool:
        """``c`` waits for an event ("师傅到了", "找到了", "有结果了") whose time frame the agent
        gives in the rest of the turn or within ``reach`` agent turns ("预计二十分钟内到达")."""
        if self._conditional is None or self._event_frame is None:
            return False
        # ("受理了会有工作人员" / "电话联系您", field call 889: the lead a little longer)
        condition = self._conditional.search(said := _lead(c, ctx, _LONG_LEAD_CHARS) + c.text)
        if condition is None:
            return False
        pos = agent_order.get(c.utterance)
        if pos is None:
            return False
        back = int(self.config.params.get("event_lookback_turns") or 0)
        for u in ctx.agent_turns:
            npos = agent_order.get(u.index)
            if npos is None or npos - pos > reach or pos - npos > back:
                continue
            # the rest of the promise's own turn, and the agent turns around it ("审核一般一到三个
            # 工作日" ... "有结果了我们第一时间短信告诉您")
            text = u.text[c.end:] + " " + u.text[:c.start] if u.index == c.utterance else u.text
            frame = self._time_frame(text)
            if frame is None:
                continue
            if u.index < c.utterance and _untimed_act_between(ctx, u.index + 1, c):
                continue  # "要等三十天查询期" … "我帮您反馈给门店核实一下" / "有结果了会联系您的": a new act's result (312)
            if self._names_other_event(text, frame, said, condition):
                continue
            return True
        # the promise's own speaking turn before it, its sentences joined: the ASR cut the time frame
        # ("您完成认证以后一般" / "一到两个工作日就" / "可以放行放行之后" / "会安排派送", field call 352)
        own, text = _turn_before(c, ctx)
        if len(own) < 2 or _untimed_act_between(ctx, own[0].index, c):
            return False
        frame = self._time_frame(text)
        return frame is not None and not self._names_other_event(text, frame, said, condition)

    def _time_frame(self, text: str) -> re.Match[str] | None:
        """The first time frame (``event_time_frame_patterns``) in ``text`` that is not the wait of a
        look-up hold ("查一下…大概一分钟请您稍等不要挂机", field call 320)."""
        if self._event_frame is None:
            return None
        return next((f for f in self._event_frame.finditer(text)
                     if not _HOLD_WAIT.match(text, f.end(), f.end() + _HOLD_WAIT_REACH)), None)

    @staticmethod
    def _names_other_event(text: str, frame: re.Match[str], said: str, condition: re.Match[str]) -> bool:
        """The time ``frame`` in ``text`` dates an event of its own that the promise does not wait for:
        "预计中午十二点前恢复供水" dates the restoration, not "应急送水车有消息了" (field call 303)."""
        named = _FRAMED_EVENT.search(text, frame.start(), frame.end() + _FRAMED_EVENT_REACH)
        if named is None or named.group(0)[0] in said[max(0, condition.start() - 2):]:
            return False
        # "预计两个小时之内能恢复" dates "来电以后…发短信通知": power back is the restoration (field call 425)
        return not (_RESTORED.fullmatch(named.group(0)) and _RESTORED.search(condition.group(0)))

    def _doer_framed_earlier(self, c: Commitment, earlier: Sequence[Commitment],
                             agent_order: dict[int, int], ctx: CallContext,
                             settled: Sequence[Commitment] = ()) -> bool:
        """``c`` names a colleague who does it ("查勘员会告诉您…", "电工马上联系您") whose own contact
        or arrival the agent gave a time frame earlier (up to ``contingency_lookback_turns`` agent
        turns back): in a promise ("查勘员会在三十分钟之内给您打电话"), or in a sentence that says
        when the colleague comes ("值班电工已经往七号楼跑了 五分钟内到"). What the colleague will
        say or do comes then. A unit the case was passed to by an earlier promise that was settled (timed,
        or timed by the answer to "什么时候", ``settled``) does its part within that time ("会转给文新街道处理" …
        "一般是三个工作日内" … "街道会先上门协调", field call 652)."""
        # "好的师傅" / "出发后会给您打电话"; "抢修师傅到了以后可能会" / "给您打电话…" (the lead a little longer)
        said = _lead(c, ctx, _LONG_LEAD_CHARS) + c.text
        doer = _DOER.search(said) or _TASKED_UNIT.search(said) or _URGED.search(said)
        pos = agent_order.get(c.utterance)
        if doer is None or pos is None:
            return False
        back = int(self.param("contingency_lookback_turns"))
        name = doer.group(1)  # "以后查勘员": its ending names the colleague ("查勘员", "勘员")
        names = [name[k:] for k in range(len(name) - 1)] + _UNITS.findall(name)  # ("街道和物业": 街道, 物业)
        # (a unit's part is timed by the settled promise that passed the case to it)
        timed = {id(e) for e in earlier if e.has_time_frame} | ({id(p) for p in settled} if _UNITS.search(name) else set())
        if any(id(e) in timed and any(n in e.text for n in names)
               and 0 <= pos - agent_order.get(e.utterance, -10**6) <= back for e in earlier):
            return True
        if self._event_frame is None:
            return False
        # the colleague and the time frame in one speaking turn, which the ASR may cut into
        # sentences: "抢修师傅从东湖" / "站出发我们保证二十" / "分钟之内赶到" (field call 374)
        frame = self._event_frame
        before = (u for u in takewhile(lambda u: u.index < c.utterance, ctx.agent_turns)
                  if 0 <= pos - agent_order.get(u.index, -10**6) <= back)
        # (the technician is "师傅" in one sentence, "抢修人员" in another: field call 383)
        return any(frame.search(said) and (any(n in said for n in names) or (
            _FIELD_WORKER.search(name) and _FIELD_WORKER.search(said))) for said in _turn_so_far(ctx, before))

    @staticmethod
    def _next_sentences(c: Commitment, nxt: Commitment, turn_of: Mapping[int, int],
                        agent_sentence: dict[int, int], gap: int) -> bool:
        """``nxt`` opens a later ASR sentence of the same speaking turn, at most two agent
        sentences after ``c``'s ("派一个维修单" / "师傅会在" / "两个小时之内" / "先给您打电话")."""
        a, b = agent_sentence.get(c.utterance), agent_sentence.get(nxt.utterance)
        return (a is not None and b is not None and 0 < b - a <= 3 and nxt.start <= gap
                and turn_of.get(c.utterance) == turn_of.get(nxt.utterance))

    @staticmethod
    def _said_before(c: Commitment, earlier: Sequence[Commitment], agent_order: dict[int, int], reach: int,
                     reply: frozenset[str] = frozenset()) -> bool:
        """The same action was promised (and found in order) within ``reach`` agent turns before ``c``,
        in an earlier turn, or timed earlier in the same turn ("他会在呃半个小时之内 / 给您打电话 / 您放心一定会
        有人联系您的", field call 755): ``c`` repeats that promise. A way of getting back to the customer
        (``reply``) is said before when another was, timed, earlier in the same turn ("由他们在三个 / 工作日内联系您 /
        核实行驶轨迹给您答复", field call 901)."""
        pos = agent_order.get(c.utterance)
        if pos is None or not c.action:
            return False
        for p in earlier:
            q = agent_order.get(p.utterance)
            if q is None:
                continue
            same = p.action == c.action or (c.action in reply and p.action in reply)
            timed_in_turn = pos == q and p.has_time_frame and p.utterance < c.utterance
            if (p.action == c.action and 0 < pos - q <= reach) or (same and timed_in_turn):
                return True
        return False

    @staticmethod
    def _framed_later(c: Commitment, later: Sequence[Commitment], agent_order: dict[int, int], reach: int,
                      generic: frozenset[str] = frozenset(), reply: frozenset[str] = frozenset(),
                      review: frozenset[str] = frozenset()) -> bool:
        """A later commitment of the same action, within ``reach`` agent turns, has a time frame
        (or, later in the call, one of the same action said with the same verb: "给您申请赔偿" …
        "赔偿款三到五个工作日到账"); for a generic action (``generic_actions``: "师傅上门帮您处理") a time-framed later step of
        any action does ("师傅会在明天中午十二点之前跟您电话联系"); the ways of getting back to the
        customer (``reply_actions``: "处理结果我们会回复您" … "两个工作日内会联系您") frame each other, and a
        timed reply frames a review it brings back (``review_actions``: "请后台核实" … "三个工作日之内会有专人给您
        回电告知结果", field call 626)."""
        pos = agent_order.get(c.utterance)
        if pos is None:
            return False
        for n in later:
            npos = agent_order.get(n.utterance)
            if npos is None:
                continue
            if npos - pos > reach:
                if n.has_time_frame and n.action == c.action and _same_verb(n.verb, c.verb) and c.action not in generic \
                        and c.action not in reply:
                    # "给您申请赔偿" … "赔偿款三到五个工作日到账": the same act, timed later on (518); "我们会安排师傅上门" …
                    # "给您安排在明天下午两点到五点师傅上门" (field call 1070)
                    return True
                if n.has_time_frame and _PASSES_ON.search(c.text) and _PASSES_ON.search(n.text):
                    return True  # "转到相关部门处理" … "我会转给东湖街道办事处 / 他们会在五个工作日内…" (815)
                continue
            if n.has_time_frame and (n.action == c.action or c.action in generic
                                     or ((c.action in reply or c.action in review) and n.action in reply)
                                     or (c.action in reply and _result_of_action(c.text, n.action))):
                return True
        return False


# What an action comes to, said for how long it takes: a refund "到账" ("审核通过后三到五个工作日到账").
# A compensation is settled by its plan: "会按照箱子的购买价格 / 结合使用时间给您赔偿" … "由专人在两个工作日内
# / 给您回电确定赔偿方案" (field call 701).
# The line dropping, and the agent's call back at once ("您留一个电话给我万一断了我马上打回给您", field call 987).
_CALL_DROPS = re.compile(r"(?:万一|如果|要是)(?:电话|信号|线路)?(?:断了|断线|掉线|挂断了|中断)")
# ("万一信号断了我好给您打回去", field call 1059: so that the agent can call back)
_AT_ONCE = re.compile(r"马上|立刻|立即|立马|(?:我|我们)?好(?:给|跟|和)?(?:您|你)?(?:打|回|联系)")
# (a visit is booked for its date: "给您约个上门复核" … "那给您约十二月十八号周四 / 上午九点到十二点", field call 985)
_OUTCOME: dict[str, tuple[str, ...]] = {"退款": ("到账", "赔偿方案", "补偿方案", "赔付方案"), "退费": ("到账",),
                                        "上门": ("给您约", "帮您约", "约在", "约到")}
# The words that mark a condition, not part of what it names: "如果有问题" names "有问题".
_CONDITION_MARK = re.compile(r"如果|要是|万一|假如|假设|若是|一旦")
# How long the rest of a lead sentence after its condition mark may be to be the condition (in characters).
_LEAD_CONDITION_CHARS = (2, 20)
# The outcome a notice promises, naming its matter: "审核结果" (审核), "维修的进度" (维修).
_RESULT_OF = re.compile(r"([\u4e00-\u9fff]{2})的?(?:结果|进度|进展)")
# A colleague named as the doer: "查勘员会告诉您", "师傅到时候会联系您", "师傅出发后会给您打电话",
# "师傅一定会尽快赶到的" (field call 329), "抢修师傅 / 到了会跟您联系" (341), "一定会让师傅尽快联系您" (389),
# "专人联系您的时候 / 会告诉您材料怎么提交" (701), "抢修师傅到了以后可能会 / 给您打电话问具体位置" (868).
# ... or the unit the case was passed to: "街道会先上门协调" after "会转给文新街道处理" (field call 652).
_UNIT_WORDS = r"街道|社区|居委会|物业|承办单位"
_UNITS = re.compile(_UNIT_WORDS)
_DOER = re.compile(rf"([\u4e00-\u9fff]{{0,3}}(?:员|师傅|工程师|经理|同事|电工|专人|{_UNIT_WORDS}))"
                   r"(?:那边|这边)?"  # "社区那边肯定会把狗处理掉的" (field call 1127)
                   r"(?:到时候?|到了(?:以后|之后)?|到(?:之|以)?后|稍后|之后|出发(?:之|以)?[后前]|上门(?:之|以)?前"
                   r"|(?:联系|打给|致电)(?:您|你)的时候)?"
                   r"(?:一定|肯定|也|都|可能|应该)?(?:会|将|马上|稍后|待会儿?|一会儿?|尽快|尽早|第一时间|及时)")
# ... or the one the agent presses, already on the way: "预计六点五十之前到您家" … "我再催一下师傅" (field call 1172).
_URGED = re.compile(r"催(?:一下|一催|促一下|促)([\u4e00-\u9fff]{0,3}?(?:员|师傅|工程师|专员|同事|电工))")
# ... or the unit the agent sets to it: "这次我给您一并备注上让社区重点处理" (field call 1026).
_TASKED_UNIT = re.compile(rf"(?:让|请|由|交给|交由)([\u4e00-\u9fff]{{0,3}}(?:{_UNIT_WORDS}))")
# The agent's answer to "什么时候" says it cannot tell: "这个要看那边的处理情况", "这个不好说"; a time said
# after it in the turn is of another matter ("我先帮您把七号的航班改签了", field call 443).
_NO_ANSWER = re.compile(r"^(?:嗯|呃|啊|这个|那个|就是|具体|时间)*(?:要看|得看|还得看|要等|看(?:那边|他们|具体|情况)|不好说|说不好"
                        r"|说不准|不清楚|不太清楚|不确定|不一定|没法说|不能确定|暂时(?:还)?(?:不|没法)确定)")
# The agent puts the answer off: a look-up or hold, or calming words first.
_STALL = re.compile(r"稍等|稍候|等一下|查一下|确认一下|核实一下|看一下|别着急|不要着急")
# The agent answers "啥时候来" by asking the customer to pick the time: "您看您哪天家里有人", "您什么时候方便".
_ASK_PICK = re.compile(r"(?:哪天|哪一天|什么时候|啥时候|几点|哪个时间|哪个时段|什么时间)[^,.!?，。？！]{0,4}?"
                       r"(?:方便|有人|有空|在家|可以|合适|行)|(?:您|你)看(?:您|你)?(?:哪天|什么时候|几点|哪个时间)")
# The repair crew: the agent calls the same person 师傅, 抢修人员, 维修工 (not an electrician or a
# rescue team of another company).
_FIELD_WORKER = re.compile(r"师傅|抢修|维修")
# Haste words that are no time frame: "第一时间", "马上", "尽快".
# A notice "in advance" ("有变动会提前短信通知您", "提前一天给您打电话") is due before a date or hour the
# agent booked earlier in the call ("给您约九月十二号周六上午九点"): that is its time frame. A date that
# books nothing ("缴费截止日期是八月二十五号") gives none.
# ("上门之前会先给您 / 或者您儿子打电话", field call 633: the customer or a relative is called)
_AHEAD = re.compile(r"(?:提前|(?:出发|上门|过来|送货|派送|派件|送件|取件|配送|到达|到)(?:之|以)?前(?:[^,.!?，。？！\s]{0,6}?先)?)"
                    r"(?:(?:给|跟|和)(?:您|你)(?:或者|或是|或|和|跟)[^,.!?，。？！\s]{1,4}?)?"
                    r"[^,.!?，。？！\s]{0,4}?(?:通知|告知|告诉|联系|打电话|发短信|短信|电话)")
_BOOKED = re.compile(r"[号日周点]|星期|礼拜|明天|后天|大后天")
_BOOKING = re.compile(r"约|订|定在|安排在|排在|登记|时段|号源|上门|过来|到场|送到|送达|送过去|派送|配送")


# "不管司机那边有没有找到": a whether-or-not clause said between a time frame and the promise it times.
_WHETHER_OR_NOT = re.compile(r"(?:不管|无论|不论)[^,.!?，。？！]{0,16}$")


# A review whose result a promise waits for: "审核有结果了会发短信" (its time frame said earlier).
_REVIEW_BEFORE = re.compile(r"(?:审核|核实|检测|检定|鉴定|调查|复核|审批|核查|评估|定损)$")


# Who or what arrives: "师傅到了以后…" awaits the worker the agent timed before ("师傅已经派出去了 /
# 二十分钟肯定到", field call 618).
_ARRIVER_BEFORE = re.compile(r"(?:师傅|快递员?|包裹|货|车|工作人员|人员|专员|网格员|民警)$")


def _event_with_matter(said: str, event: re.Match[str]) -> str:
    """The awaited ``event`` in ``said`` with the review it is the result of: "有结果了" names no
    matter, "审核有结果了" does (field call 485); "有进展了", "有消息了" after other words stay bare.
    An arrival takes who arrives: "师傅到了" (field call 618)."""
    start = event.start()
    if event.group(0).startswith("有") and _REVIEW_BEFORE.search(said, 0, start):
        start -= 2
    elif event.group(0).startswith("到") and (who := _ARRIVER_BEFORE.search(said, 0, start)) is not None:
        start = who.start()
    return said[start:event.end()]


def _framed_before_whether(c: Commitment, ctx: CallContext) -> bool:
    """A time frame said right before a whether-or-not clause that leads into ``c`` in its speaking turn:
    "明天中午之前 / 不管司机那边 / 有没有找到 / 都会给您回复一个结果" promises the reply by noon,
    found or not (field call 446); the clause is no condition."""
    words = _turn_before(c, ctx)[1]
    m = _WHETHER_OR_NOT.search(words)
    return m is not None and time_frame_in(words[max(0, m.start() - 12):m.start()]) is not None


def _result_of_action(said: str, action: str) -> bool:
    """``said`` promises word of the result of ``action``: "后面处理结果会发短信通知您" of a 处理 timed later ("他们会
    在三个工作日内安排人员到现场维修", field call 1085); a time frame of another act (a visit) is none of it."""
    matter = _RESULT_OF.search(said)
    return matter is not None and matter.group(1) == action


def _same_verb(a: str, b: str) -> bool:
    """Two verbs of one act: the same, or one the other with its arranging said ("安排师傅上门" / "上门")."""
    return a == b or bool(a and b and (a.endswith(b) or b.endswith(a)))


def _recap_at_close(c: Commitment, earlier: Sequence[Commitment], ctx: CallContext) -> bool:
    """``c`` is said in the agent's last speaking turn, the goodbye, and repeats a promise of the same
    action the agent timed earlier in the call, however long ago ("区教育局会在五个工作日内联系您" …
    "好的感谢您的来电有进展区教育局会联系您祝您生活愉快再见", field call 1007)."""
    last = ctx.agent_turns[-1] if ctx.agent_turns else None
    turn_of = ctx.call.turn_of
    if last is None or turn_of.get(c.utterance, -1 - c.utterance) != turn_of.get(last.index, -1 - last.index):
        return False
    if not _GOODBYE.search("".join(u.text for u in ctx.call.turn_sentences(last.index) or (last,))):
        return False  # the last turn passes the call on ("我现在把电话转接到我们工程维修班", 250): no goodbye
    return any(p.has_time_frame and p.action == c.action and p.utterance < c.utterance for p in earlier)


_GOODBYE = re.compile(r"再见|拜拜|感谢您?的?来电|祝您")


def _frame_closes_before(c: Commitment, prev: Commitment, ctx: CallContext) -> bool:
    """``c`` opens the ASR sentence right after the one whose last words are ``prev``'s time frame,
    in one speaking turn: "处理结果会在二十四小时内" / "给您回电" is one promise, timed (field call 460);
    or right after a timed ``prev`` that ends that sentence with "以后"/"之后": the act that follows it."""
    if c.start - c.skipped > 2 or not prev.has_time_frame or prev.deadline_span is None \
            or prev.deadline_utterance is None:
        return False
    sentences = ctx.call.turn_sentences(c.utterance)
    at = next((k for k, u in enumerate(sentences) if u.index == c.utterance), 0)
    if at == 0:
        return False
    if sentences[at - 1].index == prev.utterance and prev.end >= len(
            sentences[at - 1].text.rstrip(_CLOSING_MARKS)) and prev.text.rstrip(_CLOSING_MARKS).endswith(_THEN_ENDS):
        return True  # "工作人员会在三个工作日内" / "核实处理以后" / "给您回复": the reply comes once that is done (747)
    if sentences[at - 1].index != prev.deadline_utterance:
        return False
    return prev.deadline_span[1] >= len(sentences[at - 1].text.rstrip(_CLOSING_MARKS))


# The act booked for the customer, whose next steps say when: "我给您登记一个上门认证" … "三个工作日之内 / 社区的
# 工作人员会 / 打这个电话联系您 / 约时间上门" (field call 769).
_REGISTERS = re.compile(r"(?:登记|预约|报)(?:了)?(?:一个|一下)?[^,，。]{0,4}?(?:上门|维修|安装|认证)")

# A timed act that the next one follows: "核实处理以后" / "给您回复".
_THEN_ENDS = ("以后", "之后", "后", "完")


# What may follow the last word of a sentence: ASR punctuation and spaces.
_CLOSING_MARKS = " ,，.。、!！?？;；…~"


def _agent_turn_order(ctx: CallContext, *, read_backs_join: bool = False) -> dict[int, int]:
    """Each agent sentence's speaking turn, numbered in call order (``Call.turn_of``: the ASR's
    sentences of one turn count once). With ``read_backs_join``, a turn that reads back a key item
    ("好的我复述一下 / 滨江区江南大道三幺八号…对吗") takes the number of the turn before it: collecting
    the address between "这边给您办理换货" and its later step "师傅会在四十八小时内上门取件" does not
    part the promise from the step's time frame (field call 456)."""
    turn_of = ctx.call.turn_of
    read_back = {turn_of.get(k.read_back_utterance) for k in ctx.analysis.key_info
                 if k.read_back_utterance is not None} if read_backs_join else set()
    numbers: dict[int, int] = {}
    count = -1
    order: dict[int, int] = {}
    for u in ctx.agent_turns:
        turn = turn_of.get(u.index, -1 - u.index)
        if turn not in numbers:
            if turn not in read_back or count < 0:
                count += 1
            numbers[turn] = count
        order[u.index] = numbers[turn]
    return order


# The agent's yes to the customer's question: "是的", "对", "没错", "嗯对的".
_AFFIRM = re.compile(r"^[嗯啊哦呃,，\s]*(?:是的|是|对的|对|没错|没问题|嗯)(?:[,，。.\s嗯呃]|那个|$)")
# The customer checks a time frame back: "二十四小时之内是吧", "明天上午对吗".
_CHECKS_BACK = re.compile(r"(?:是吧|对吧|对吗|是吗|是不是|对不对|吗)[?？]?$")


def _affirms_customer_frame(c: Commitment, u: Utterance, ctx: CallContext) -> bool:
    """``c`` (in sentence ``u``) opens the agent's speaking turn with a yes to the customer, who has
    just checked a time frame back ("二十四小时之内是吧" / "是的" / "我们一定给您一个答复", field call 469):
    the promise keeps the time frame the customer repeated."""
    own, lead = _turn_before(c, ctx)
    if _AFFIRM.match(lead) is None:
        return False
    utts = ctx.call.utterances
    k = position(ctx, own[0] if own else u) - 1  # the customer's words before the turn
    asked = ""
    while k >= 0 and utts[k].role is Role.CUSTOMER:
        asked = utts[k].text + asked
        k -= 1
    asked = asked.strip()
    return bool(asked) and _CHECKS_BACK.search(asked) is not None and time_frame_in(asked) is not None


def _ahead_of_booking(c: Commitment, ctx: CallContext) -> bool:
    """``c`` promises a notice in advance (``_AHEAD``: "有变动会提前短信通知您", "派送师傅出发前" /
    "会先给您打电话", "师傅上门前会跟您联系的") of a date or hour the agent booked before it ("给您约九月十二号
    上午九点", "明天上午一定" / "给您送到酒店": the booking word may be in the next or the previous sentence of the turn; or
    the time the customer picked, confirmed: "这周六上午吧" / "好的这周六上午")."""
    if _AHEAD.search(_lead(c, ctx) + c.text) is None:
        return False
    if any(e.utterance < c.utterance and e.has_time_frame and e.action == "上门" for e in ctx.analysis.commitments):
        return True  # "师傅四十分钟内 / 到您家 / 到之前会先给您 / 打电话" (field call 418): before the timed visit
    follows, leads = next_fragment(ctx), previous_fragment(ctx)
    for u in ctx.agent_turns:
        if u.index > c.utterance:
            break
        text = u.text[:c.start] if u.index == c.utterance else u.text
        said = time_frame_in(text)
        nxt, prev = follows.get(u.index), leads.get(u.index)
        if said is not None and _BOOKED.search(said) and (
                _BOOKING.search(text) or (nxt is not None and nxt.index < c.utterance and _BOOKING.search(nxt.text))
                or (prev is not None and _BOOKING.search(prev.text))  # "最早可以安排在" / "八月七号星期五" (472)
                or _picked_by_customer(ctx, u, said)):
            return True
    return False


def _picked_by_customer(ctx: CallContext, u: Utterance, said: str) -> bool:
    """``u`` confirms the time the customer just picked ("这周六上午吧" / "好的这周六上午", field call 392):
    the visit is booked for it."""
    utts = ctx.call.utterances
    before = next((v for v in reversed(utts[:position(ctx, u)]) if v.role is not Role.SYSTEM), None)
    return before is not None and before.role is Role.CUSTOMER and said in before.text


# The event a clock deadline names: "(预计中午十二点前)恢复(供水)", "(三点前)送到".
# How long something lasts is no event's time either: "冰箱不开门的话一般能保冷四五个小时" (field call 868).
_FRAMED_EVENT = re.compile(r"恢复|修复|修好|送到|送达|到达|到货|来水|来电|通水|通电|保冷|保温|保鲜|撑|坚持|维持")
_FRAMED_EVENT_REACH = 8
# The customer asks how long something else lasts: "这次换的排水泵 / 保修多久啊" (field call 436) asks
# about the warranty, not when the promised call comes.
_OTHER_PERIOD = re.compile(r"(?:保修|质保|保质|有效期|保障期|等待期|观察期|犹豫期|冷静期|租期|免费期|保险期)"
                           r"[^,.!?，。？！]{0,3}(?:多久|多长时间|几天|多少天|几年|几个月)")
# The supply back: one event however it is named ("恢复" / "来电以后", "修好" / "通水后").
_RESTORED = re.compile(r"恢复|修复|修好|来水|来电|通水|通电|送电|供电|供水")


def _untimed_act_between(ctx: CallContext, first: int, c: Commitment) -> bool:
    """A promise with no time frame of its own lies from utterance ``first`` up to ``c``'s: a time
    frame said before it is not ``c``'s event's."""
    return any(first <= e.utterance < c.utterance and not e.has_time_frame for e in ctx.analysis.commitments)


# A service on a schedule, which says when it comes: "每天上午下午各一次", "每隔两小时".
_SCHEDULE = re.compile(r"每(?:天|日|晚|周|星期|个?礼拜|隔[一两三四五六七八九十半\d]+个?(?:天|小时|钟头|分钟))")
# The wait of a hold right after a time: "大概一分钟请您稍等", "需要两分钟左右您别挂机".
_HOLD_WAIT = re.compile(r"[^,.!?，。？！]{0,4}?(?:稍等|稍候|别挂|不要挂|请您等|您等一下|等我一下)")
_HOLD_WAIT_REACH = 12


# The dispatch said done: "抢修师傅已经派出去了", "已经给您派单了", "师傅已经安排好了".
_DISPATCHED = re.compile(r"已经(?:给您|帮您|为您)?(?:派|安排)(?:出去|出|过去|好|单)?了|(?:派|安排)(?:出去|好)了")


def _dispatched_later(c: Commitment, later: Sequence[Commitment], ctx: CallContext) -> bool:
    """A visit promised untimed ("详细地址我马上给您派师傅") that the agent, later in the call, says was
    dispatched, timing the arrival in the same speaking turn ("抢修师傅已经派出去了" / "师傅保证二十分钟之内
    赶到", field call 719): the promise was kept on the call, and the visit owed is the timed one."""
    if c.action != "上门" or c.has_time_frame:
        return False
    turn_of = ctx.call.turn_of
    for e in later:
        if e.action != "上门" or not e.has_time_frame:
            continue
        turn = turn_of.get(e.utterance)
        said = "".join(u.text for u in ctx.call.turn_sentences(e.utterance) if u.index <= e.utterance) \
            if turn is not None else ""
        if _DISPATCHED.search(said):
            return True
    return False


def _turn_so_far(ctx: CallContext, sentences: Iterable[Utterance],
                 text_of: Callable[[Utterance], str] = lambda u: without_lead_hesitation(u.text)) -> Iterator[str]:
    """For each of ``sentences`` (agent sentences in call order), the words of its speaking turn
    (``Call.turn_of``) among them so far: the ASR cut one turn into sentences (a hesitation opening
    a sentence left out: "站出发我们保证二十" / "嗯分钟之内赶到")."""
    turn_of = ctx.call.turn_of
    turn, said = None, ""
    for u in sentences:
        if turn_of.get(u.index, -1 - u.index) != turn:
            turn, said = turn_of.get(u.index, -1 - u.index), ""
        said += text_of(u)
        yield said


def _turn_before(c: Commitment, ctx: CallContext) -> tuple[list[Utterance], str]:
    """The sentences of ``c``'s speaking turn up to ``c``'s, and their words before ``c``."""
    own = [u for u in ctx.call.turn_sentences(c.utterance) if u.index <= c.utterance]
    return own, "".join(u.text[:c.start] if u.index == c.utterance else u.text for u in own)


def _framed_just_before(c: Commitment, ctx: CallContext) -> bool:
    """The words of ``c``'s speaking turn just before it (``_FRAMED_BEFORE_CHARS``) name the same act
    with a time frame: "明天下午两点到六点之间送到" / "保证给您送到" says the delivery's time once."""
    core = c.verb.removeprefix("给您").removeprefix("帮您").removeprefix("为您") if c.verb else ""
    if len(core) < 2:
        return False
    before = _turn_before(c, ctx)[1][-_FRAMED_BEFORE_CHARS:]
    at = before.rfind(core)
    return at > 0 and time_frame_in(before[:at]) is not None


_FRAMED_BEFORE_CHARS = 24


def _lead(c: Commitment, ctx: CallContext, chars: int | None = None) -> str:
    """The tail of the agent's sentence before ``c`` when the ASR cut ``c``'s clause off it ("…肯定能
    通过有结果" / "我们会短信通知您"): up to ``chars`` (``_LEAD_CHARS``) characters, else ""."""
    return _cut_lead(c, ctx, 1)[-(chars or _LEAD_CHARS):]


_LEAD_CHARS = 8
#: How much of the sentence before a clause the ASR cut off is read for the colleague who does it
#: or the event it waits for ("抢修师傅到了以后可能会", "受理了会有工作人员": longer than ``_LEAD_CHARS``),
#: and for "到时候" before it.
_LONG_LEAD_CHARS = 12


def _lead_condition(c: Commitment, ctx: CallContext) -> str | None:
    """The condition when the sentence the ASR cut ``c``'s clause from is all condition ("如果核实确实存在绕路" /
    "多收的车费是会退给您的", field call 901): its words after the mark, or None."""
    mark = _CONDITION_MARK.match(sentence := _cut_lead(c, ctx, 1))
    rest = sentence[mark.end():] if mark is not None else ""
    return rest if _LEAD_CONDITION_CHARS[0] <= len(rest) <= _LEAD_CONDITION_CHARS[1] else None


def _cut_lead(c: Commitment, ctx: CallContext, sentences: int = 3) -> str:
    """Up to ``sentences`` whole agent sentences the ASR cut ``c``'s clause from, in order ("" when the
    clause does not start its sentence or none goes on into it)."""
    if not c.opens_sentence:
        return ""
    before = previous_fragment(ctx)
    parts: list[str] = []
    at = c.utterance
    while len(parts) < sentences and (u := before.get(at)) is not None:
        parts.insert(0, u.text)
        at = u.index
    return "".join(parts)


# Acts done for a matter, not other acts: the visit it is done on, the call that tells its result.
# ("三个工作日内联系您 / 核实行驶轨迹", field call 901: the contact that makes the check)
_DONE_FOR_MATTER = re.compile(r"上门|(?:给|跟)?(?:您|你)?(?:回电话?|回个电话|打电话)?(?:告诉|告知|通知)(?:您|你)|联系(?:您|你)")
# A matter's other words: a re-check is a check done again ("复核" / "重新核对").
_MATTER_KIN: dict[str, tuple[str, ...]] = {"复核": ("核对", "核实", "核查"), "复查": ("核查", "检查")}

# Step markers that join one step to the next, rather than number it.
_THEN_MARKERS = frozenset({"然后", "接着", "之后"})

# "Then", pointing back at a time said: "到时候我把正式报价…跟您说".
_THEN = re.compile(r"到时候?|届时")
# Before the visit just timed: "快递员会在明天中午十二点前 / 上门取件的 / 来之前会先给您打电话" (field call 849).
_BEFORE_VISIT = re.compile(r"(?:他|师傅|快递员)?(?:来|上门|过来|到|取件|送货)(?:之|以)?前")
# The case passed on, said in so many words: "转到相关部门处理", "转给东湖街道办事处".
_PASSES_ON = re.compile(r"转(?:到|给|交|派)")
# Passing the case on: the answer it brings is the customer's promise.
_PASS_ON = frozenset({"反馈", "上报"})
_SOON = re.compile(r"第一时间|马上|立即|立刻|尽快|尽早|及时|赶紧")
# A sentence that sums up what was arranged: "然后我跟您确认一下…".
_RECAP_OPENS = re.compile(r"确认一下|核对一下|总结一下|重复一下|复述一下")


def _recaps(c: Commitment, by_index: Mapping[int, Utterance]) -> bool:
    """``c`` is said in a sentence that sums up what was arranged ("然后我跟您确认一下…上门")."""
    u = by_index.get(c.utterance)
    return u is not None and _RECAP_OPENS.search(u.text[:max(0, c.start)] + c.text[:_RECAP_HEAD]) is not None


_RECAP_HEAD = 12  # how far into a promise its sentence may say it sums up ("然后我跟您确认一下刘女士…")
# An answer to "啥时候到" that it is there at once, to be seen now: "这个是马上就退 您一会儿刷新一下App 余额里就能看到"
# (field call 1140), "实时到账".
_SEEN_AT_ONCE = re.compile(r"(?:实时|即时|立即|马上就?)到账|秒到|(?:一会儿|现在|等下|待会儿?)(?:您)?(?:刷新|打开|看)[^，。,.!?！？]{0,12}?就(?:能)?(?:看到|到账|收到|有了)")


def _alternation(patterns: Any) -> re.Pattern[str] | None:
    """One compiled alternation of the rulebook's regex list (None when empty)."""
    items = [str(p) for p in patterns or ()]
    return re.compile("|".join(f"(?:{p})" for p in items)) if items else None


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "是", "已更正", "有误"}
    return bool(value)


@register
class WrongAnswerNotCorrected(Rule):
    """A call flagged as having given a wrong answer has no linked correcting callback.

    Reads the call's metadata (``extra``): a call that is itself the correcting callback
    (``corrects_call_id``) passes; a call flagged ``corrected`` must name the callback
    (``callback_call_id``). Calls with neither flag are not applicable.

    Anti-pattern: 质检发现坐席答复的资费有误，但没有任何回电更正的记录。
    Best practice: 发现答复有误后主动回电：“您好，关于您上午咨询的资费，我需要更正一下……”
    """

    code = "SOL003"
    slug = "resolution.wrong_answer_not_corrected"
    family = "SOL"
    name_zh = "错误答复未回电更正"
    name_en = "Wrong answer not corrected by a callback"
    dimension = "resolution"
    needs = (Need.METADATA,)
    source = "000 及时性"
    why = "答复有误时，应及时回电向客户更正，并在系统中关联更正回电。"
    suggestion = "发现答复有误后主动回电更正：“您好，关于您之前咨询的问题，我需要向您更正一下……”，并在系统中关联这次回电。"

    def basis(self, ctx: CallContext) -> Basis:
        return Basis.METADATA

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        extra = ctx.call.metadata.extra
        corrects = extra.get(str(self.param("corrects_key")))
        if corrects:
            ctx.report(self.code, {"corrects_call_id": str(corrects)})
            return []
        flag = extra.get(str(self.param("flag_key")))
        if flag is None or not _truthy(flag):
            raise self.not_applicable("通话未标记为答复有误 (no correction flag in the call metadata)")
        links = [str(extra[k]) for k in self.param("link_keys") if extra.get(k)]
        if links:
            ctx.report(self.code, {"callback_call_id": links[0]})
            return []
        return [self.finding(
            "通话被标记为答复有误，但没有关联的更正回电",
            explanation=f"元数据 {self.param('flag_key')} = {flag!r}，但 "
                        f"{'/'.join(self.param('link_keys'))} 均为空",
        )]


# How near a time frame the matter's word must be said in a long clause (see ``_frame_near``).
_NEAR_FRAME_CHARS = 14

# A clause that tells the customer what they may do, or under what condition: its time is not the
# answer to "那要多久啊" ("今晚如果实在吵得厉害您也可以打幺幺零", field 265).
_CUSTOMER_OPTION = re.compile(r"如果|要是|假如|万一|您也可以|您可以|你也可以|你可以")


def _answer_clauses(text: str) -> list[str]:
    """The clauses of an agent's answer that can give a promise its time frame."""
    return [t for a, b in clauses(text) if not _CUSTOMER_OPTION.search(t := text[a:b])] if text else []
