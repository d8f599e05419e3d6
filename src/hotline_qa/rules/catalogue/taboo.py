"""TAB: forbidden language (禁忌用语) — buck-passing, casual words, rash promises, jargon.

TAB003 (confronting the customer, a red line) and TAB004 (shifting blame) are pure phrase
norms and live in ``defaults/TAB.yaml`` as phrase rules. The classes here carry context:
quoted/reported words are never the agent's wording, negations and polite questions are
not violations, and an explanation or an offer to act can excuse a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from types import MappingProxyType

from hotline_qa.analyzers.lexicon import inside_ascii_word
from hotline_qa.core.call import Role, Utterance, is_backchannel
from hotline_qa.core.errors import RulebookError
from hotline_qa.core.findings import Finding
from hotline_qa.rules.base import Rule, RuleConfig
from hotline_qa.rules.catalogue.courtesy import (
    agent_text,
    agent_turns,
    call_text,
    compile_any,
    regex_matches,
    turns_matching,
)
from hotline_qa.rules.catalogue.fragments import (
    CLAUSE_BREAKS,
    across_cuts,
    cross_fragment_matches,
    excluded_after_cut,
    fragment_pairs,
    position,
    reply_turn,
)
from hotline_qa.rules.catalogue.opening import SUMMONS_WEI, opening_turns
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, PhraseSet, in_ranges
from hotline_qa.rules.registry import register
from hotline_qa.text.hesitation import finditer_fluent
from hotline_qa.text.normalize import normalize_text
from hotline_qa.text.numbers import is_numeral

_B_CHARS = CLAUSE_BREAKS  # clause breaks (and a space), for ``str.rstrip``
_B = r"\s" + _B_CHARS.lstrip()  # the same, for lookarounds and classes

TAB001_SUGGESTION = ("不说“我不知道”“不归我管”，改为承接：“您的问题我需要查询后回复您，预计XX时间内给您回电可以吗？”"
                     "或“请您提供XX信息，我会帮您核实处理”（003 四(二)）。")


def _drop_excluded(matches: list[Match], text: str, exclude: re.Pattern[str]) -> list[Match]:
    if not matches:
        return matches
    spans = [(a, b) for a, b, _, _ in finditer_fluent(exclude, text)]
    return [m for m in matches if not in_ranges(m.start, m.end, spans)] if spans else matches


def _not_excluded(ctx: CallContext, u: Utterance, matches: list[Match], exclude: re.Pattern[str]) -> list[Match]:
    """``matches`` in ``u`` without those ``exclude`` covers in ``u`` or across the ASR's cuts around it."""
    return excluded_after_cut(ctx, u, _drop_excluded(matches, u.text, exclude), exclude)


def turn_rest(ctx: CallContext, u: Utterance) -> list[Utterance]:
    """The sentences after ``u`` in its speaker's turn (the ASR's cuts of one turn, ``Call.turn_of``),
    in order; the other party's backchannels in between are skipped, their next real turn ends it."""
    call = ctx.call
    turn_of = call.turn_of
    turn = turn_of.get(u.index)
    if turn is None:
        return []
    out: list[Utterance] = []
    for v in call.utterances[position(ctx, u) + 1:]:
        t = turn_of.get(v.index)
        if v.role is u.role:
            if t != turn:
                break
            out.append(v)
        elif t is not None and not is_backchannel(v.text):
            break
    return out


def turn_tail(ctx: CallContext, u: Utterance, start: int, reach: int, sep: str = "") -> str:
    """The first ``reach`` characters of ``u``'s words from ``start`` on, run on into the next
    sentences of its speaking turn (``turn_rest``), joined with ``sep``."""
    tail = u.text[start:]
    for v in turn_rest(ctx, u):
        if len(tail) >= reach:
            break
        tail += sep + v.text
    return tail[:reach]


# Words that say an act cannot be done: "没法查", "查不了" is no offer to look it up.
_NOT_POSSIBLE = re.compile(r"没法|没办法|没有办法|无法|不能|不了|不可以")
# What "没办法" cannot do, right after it ("没办法给您申请"), up to a break or the offer that follows
# ("没办法给您直接退但是可以帮您申请").
_CANNOT_DO = re.compile(r"(?:给|帮|为|替|跟|向)(?:您|你)[^\s,.!?;:。，、…~]*?(?=$|[\s,.!?;:。，、…~]|但是|不过|可是|我)")


@register
class BuckPassing(Rule):
    """The agent passes the buck or answers coldly: "我不知道", "不清楚", "这不是我的问题",
    "不归我管", "我也没办法", "你自己看说明"…

    Context: a polite question ("我不知道您是否方便") and an invitation ("不清楚的地方您随时
    问") are excluded; "不知道/不清楚" counts only with the agent as subject ("我不清楚") or
    as an answer on its own; the customer's words repeated by the agent ("您是说不知道密码
    吗") never count. A phrase from ``excusable_patterns`` ("我不太清楚", "我们没办法直接
    修改") is excused when the agent offers to act in the same breath ("…我帮您查询一下",
    "…但是可以帮您提交申请") — that is the compliant turn the seed asks for; the offer may come in
    the next ASR sentences of the same turn, not after the customer has taken the turn. A phrase
    the ASR cut between two sentences of one turn ("不归我们" / "管您得去营业厅") counts too.
    Doubt about a fact ("换上的那根管子 不知道是不是合格的", "不清楚有没有到账") is no refusal;
    with the agent as subject ("我也不知道是不是…") it is judged like "我不知道".

    Not buck-passing either: a limit stated as such ("没办法直接看到", "电话里没办法办理",
    "没办法给您保证" — TAB005's compliant hedge), account-safety notes ("我们不知道您的密码"),
    anti-fraud warnings ("那个电话跟我们没有关系 是诈骗电话"), "不管是不是我们的问题 我都…",
    "不管…都可以", "找别人去代办", and a hedge that gives its reason ("不好说 要看检查结果").
    """

    code = "TAB001"
    slug = "taboo.buck_passing"
    family = "TAB"
    name_zh = "推诿、冷漠用语"
    name_en = "Buck-passing or cold phrase"
    dimension = "courtesy"
    source = "003 四(二), 000 推诿"
    why = "严禁使用“我不知道”“这不是我的问题”“你自己看说明”等推诿、冷漠表述（003 四(二)）；服务时不能敷衍、推诿用户（000）。"
    suggestion = TAB001_SUGGESTION

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._hard = compile_any(self.param("patterns"))
        self._soft = compile_any(self.param("excusable_patterns"))
        self._exclude = compile_any(self.param("exclude_patterns"))
        self._action = compile_any(self.param("action_patterns"))
        self._window = int(self.param("action_window_chars"))
        # Literal anchors: a turn without any of them cannot match (the patterns start with
        # optional words, which makes them slow to try at every character).
        self._anchors = re.compile("|".join(re.escape(normalize_text(a)) for a in self.param("anchors")))

    def _excused(self, ctx: CallContext, u: Utterance, m: Match) -> bool:
        # The offer may come in the next ASR sentence of the same turn ("换上的那根管子 / 不知道
        # 是不是合格的 / 我这边给您登记安排师傅上门检查一下"): the tail runs on across them.
        tail = turn_tail(ctx, u, m.end, self._window, " ")
        if m.text.endswith(("办法", "辙")) and (refused := _CANNOT_DO.match(tail)) is not None:
            tail = tail[refused.end():]  # "我也没办法给您申请" (field call 700): what cannot be done is no offer
        # an act said not to be possible is no offer either: "我也不清楚…" / "我们这边没法查" (field call 732)
        return any(_NOT_POSSIBLE.search(a.group(0)) is None for a in self._action.finditer(tail))

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        findings: list[Finding] = []
        said: dict[int, list[tuple[int, int]]] = {}  # the phrases found within one sentence
        for u in turns_matching(ctx, self._anchors, agent_turns(ctx)):
            if not self._anchors.search(u.text):
                continue
            hard = _not_excluded(ctx, u, regex_matches(self._hard, u), self._exclude)
            soft = _not_excluded(ctx, u, regex_matches(self._soft, u), self._exclude)
            soft = [m for m in soft if not self._excused(ctx, u, m)
                    and not any(h.start <= m.start < h.end or m.start <= h.start < m.end for h in hard)]
            for m in sorted(hard + soft, key=lambda x: x.start):
                said.setdefault(u.index, []).append((m.start, m.end))
                findings.append(self.finding(
                    f"推诿/冷漠用语“{m.text}”", utterances=[u], matches=[m],
                    explanation="坐席本人话语中的推诿用语（已排除礼貌问句、邀请提问、转述客户的话，"
                                "以及紧接着承诺查询/核实的说法）"))
        # a phrase the ASR cut between two sentences of one turn ("这个补偿的事不归我们" / "管您得去营业厅"),
        # or twice ("具体的您" / "自己上网上看一下" / "政策文件吧", field call 354); an excusable one only
        # without an offer to act after it
        for rx, excusable in ((self._hard, False), (self._soft, True)):
            for run, parts in across_cuts(ctx, rx, self._exclude):
                first, last = parts[0], parts[-1]
                if (any(a <= first.start < b for a, b in said.get(run[0].index, ()))
                        or (excusable and self._excused(ctx, run[-1], last))):
                    continue  # (the same phrase found within the first sentence, or an excused one)
                findings.append(self.finding(
                    f"推诿/冷漠用语“{''.join(p.text for p in parts)}”", utterances=list(run), matches=list(parts),
                    explanation=f"坐席本人话语中的推诿用语（被转写切在{'两' if len(run) == 2 else '三'}句之间"
                                + ("，随后没有承诺查询/核实）" if excusable else "）")))
        return findings


# --------------------------------------------------------------------------------------------

# Dismissive "行了/得了" at a clause start and standing alone or with 吧, or repeated.
_DISMISS = re.compile(
    rf"(?:^|(?<=[{_B}]))(?:行了|得了)(?:吧|呗|啊)?(?=$|[{_B}]|别说|知道了|就这样)"
    r"|(?<![就也都才])(?:(?:行了|得了)[\s,.，、]*){2,}"
    # "得了吧" standing alone, not "记得了吧"/"办得了吧" (a verb's complement); "行了吧" not
    # as a check ("现在行了吧", "这样行了吧")
    rf"|(?:^|(?<=[{_B}好算哎唉那]))得了吧(?![?吗])"
    r"|(?<![就也都才行在样回下该])行了吧(?![?吗])"
    # opening the turn, before the next words (unpunctuated ASR: "行了 已经退订了"); "得了"
    # there only before a break or a dismissal, not "得了手足口病的话…" (caught an illness)
    r"|^(?:嗯+|呃+|哦|噢)?行了(?![吗吧呢没?])"
    # cutting the call short mid-turn, after a filler (unpunctuated ASR: "然后嗯行了就这样"), not
    # "这样就行了" / "都行了"
    r"|(?<![就也都才在样回下该能可])行了(?=就这样|就这么着|就这么办|别说了|知道了|我知道了)"
    rf"|^(?:嗯+|呃+|哦|噢)?得了(?=$|[{_B}]|别说|知道了|就这样|我知道)"
    # after a sentence-final particle, the unpunctuated ASR's clause break ("一起写上吧行了", "好吧得了
    # 就这样"), not "能办吧行了吗"
    rf"|(?<=[吧啊呀嘛呗])(?:行了|得了)(?=$|[{_B}]|就这样|就这么着|就这么办|别说了|知道了)"
)
# The ASR cut "行了 / 就这样" into two sentences of one turn: "行了" ending one, the cut-short in the next.
_DISMISS_TAIL = re.compile(r"(?<![就也都才在样回下该能可])(?:行了|得了)$")
_CUT_SHORT_HEAD = re.compile(r"^(?:就这样|就这么着|就这么办|别说了|我?知道了)")
# Not "OK镜" (orthokeratology lens), "OK绷" (plaster), "卡拉OK".
_OK = re.compile(r"(?<![A-Za-z])(?<!卡拉)(?:OK|ok|Ok|okay|Okay|OKAY)(?![A-Za-z镜绷繃])|欧克")
# "喂" before these is feeding ("，喂的时候兑点温水", "喂给孩子"), not a summons.
_FEEDING = re.compile(r"喂(?:的|给|了|过|完|食|药|奶|水|饭|养)")
_AI = re.compile(r"哎+(?:呀|哟|呦)?")
# Rising 啊/嗯 asking the customer to say it again, also unpunctuated: "啊?", "啊您说啥", "嗯你说什么"
# (field call 420); the words after it are the question that the rise carries.
# (after a hesitation too: "那个啊您说啥")
_RISING = re.compile(rf"(?:^|(?<=[{_B}呃])|(?<=那个))(?:(?:啊|嗯|哈|啥)+\?|(?:啊|嗯)+[{_B}]*(?:(?:您|你)(?:刚才)?说(?:的)?(?:是)?)?"
                     rf"(?:啥|什么)(?:呀|啊)?(?=$|[{_B}]))")
# "我不清楚" as an answer (004 names it); not "有我不清楚的地方" (a noun), not the hedge "我不太清楚".
_DONT_KNOW = re.compile(r"我(?:也|这边|这儿)?不清楚(?!的)")
_TAB002_PRE = re.compile(r"喂|行了|得了|[Oo][Kk]|欧克|哎|[啊嗯哈啥]\?|[啊嗯][\s,，]*(?:[您你](?:刚才)?说的?是?)?(?:啥|什么)"
                         r"|不清楚")


@register
class CasualWords(Rule):
    """The agent uses casual everyday words in service speech: "喂", "我不清楚", "得了", "行了",
    "OK", "哎", or a rising "啊?"/"嗯?" as a question.

    "喂" counts only as a summons (clause start, "喂喂听得到吗"), and not in the opening
    window, where OPN002 judges it. "行了/得了" count when dismissive (standing alone,
    "行了吧", "行了行了", or opening the turn: "行了 已经给您退订了"), not in "这样就行了",
    "现在行了吧" (a check), "您都记得了吧" or "得了手足口病" (an illness). "喂" before
    "的/给/药/奶…" is feeding ("，喂的时候兑点温水"); "OK镜", "OK绷", "卡拉OK" are names.
    "嗯" as a backchannel is fine; only "嗯?" as a question counts, written with a question mark or,
    unpunctuated, followed by the words that ask ("啊您说啥", "嗯你说什么"). "我不清楚" (004 names it,
    "我也不清楚", "我这边不清楚") counts here as the casual word, and TAB001 judges it as a cold answer
    as well; the hedge "我不太清楚" and "我不清楚的地方" do not. "你" is judged by POL001, not here.
    """

    code = "TAB002"
    slug = "taboo.casual_words"
    family = "TAB"
    name_zh = "随意使用生活用语"
    name_en = "Casual everyday words"
    dimension = "courtesy"
    source = "004 忌⑫"
    why = "忌随意使用生活用语，如“喂”“我不清楚”“啊（升调）”“得了”“行了”“OK”“嗯（升调）”“哎”“你”等（004）。"
    suggestion = "用规范服务用语代替口语：“好的”“明白了”“请问您是说……吗？”；没听清时说“麻烦您再详细说明一下”（003 四(三)）。"

    KINDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
        ("喂", SUMMONS_WEI, "用“喂”招呼客户"),
        ("行了/得了", _DISMISS, "不耐烦的“{m}”"),
        ("OK", _OK, "口语“{m}”"),
        ("哎", _AI, "口语叹词“{m}”"),
        ("升调啊/嗯", _RISING, "用升调“{m}”发问"),
        ("我不清楚", _DONT_KNOW, "口语“{m}”"),
    )

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        findings: list[Finding] = []
        if not _TAB002_PRE.search(agent_text(ctx)):
            return findings
        skip = {u.index for u in opening_turns(ctx, int(self.param("opening_turns")))}
        candidates = [ctx.candidates(rx) for _, rx, _ in self.KINDS]
        for u in agent_turns(ctx):
            for (kind, rx, message), cand in zip(self.KINDS, candidates, strict=True):
                if kind == "喂" and u.index in skip:
                    continue
                if cand is not None and u.index not in cand:
                    continue
                for m in regex_matches(rx, u):
                    if kind == "喂" and _FEEDING.match(u.text, m.start):
                        continue
                    findings.append(self.finding(
                        message.format(m=m.text.strip()), utterances=[u], matches=[m],
                        explanation=f"生活用语（{kind}）"))
        findings.extend(self._dismissal_across_sentences(ctx))
        return sorted(findings, key=lambda f: f.evidence.spans[0].utterance * 10_000 + f.evidence.spans[0].start)

    def _dismissal_across_sentences(self, ctx: CallContext) -> list[Finding]:
        """"行了" ending an agent sentence that the agent's next sentence, right after, ends with
        "就这样"/"别说了" (the ASR's cut of one sentence)."""
        out: list[Finding] = []
        for u, v in pairwise(ctx.call.utterances):
            if u.role is not Role.AGENT or v.role is not Role.AGENT:
                continue
            if u.end is not None and v.start is not None and v.start - u.end > _CUT_GAP_S:
                continue
            tail = _DISMISS_TAIL.search(u.text.rstrip(_B_CHARS))
            if tail is None or _DISMISS.search(u.text) or not _CUT_SHORT_HEAD.match(v.text):
                continue  # (a "行了" the sentence's own reading already caught is not counted twice)
            m = Match(u.index, tail.start(), tail.end(), tail.group(), "行了/得了")
            out.append(self.finding(f"不耐烦的“{tail.group()}”", utterances=[u, v], matches=[m],
                                    explanation="生活用语（行了/得了），下一句“" + v.text[:6] + "”把通话草草收住"))
        return out


_CUT_GAP_S = 2.0  # at most this pause between the two sentences
# An arrival after an absolute word and a time said ("二十分钟肯定到"); not "肯定到了" (a guess that it came),
# "一定到期", "肯定到时候…".
_TIMED_ARRIVAL = r"(?:能|会)?(?:到|赶到|到达|过来|过去|上门)(?![了过期底位时])"
# Who arrives, named between the time and the absolute word: "今天下午四点之前师傅肯定过去" (field call 961).
_ARRIVER = r"(?:维修|上门|维保)?(?:师傅|工程师|工作人员|人员|同事|快递员|司机)|我们的人|我们|人"
# A sentence ending with a length of time: "电工五分钟之内", "半个小时".
_WITHIN_TIME_END = re.compile(r"(?:分钟|小时|钟头)(?:之内|以内|内)?就?$")


# --------------------------------------------------------------------------------------------


@register
class RashPromise(Rule):
    """The agent makes a rash promise with absolute words ("我保证明天一定给您解决",
    "百分之百能退").

    An absolute word counts only inside a commitment: followed, in the same clause, by an
    action the agent promises ("一定给您解决", "肯定能到账"), or "保证" with the agent as
    subject. Not counted: hedges ("不一定", "不能保证", "无法保证" — the compliant form),
    advice to the customer ("您一定要注意安全", "一定要保管好密码"), requirements ("必须本人
    办理"), purpose clauses ("为了保证您的资金安全") and words like "一定程度".
    """

    code = "TAB005"
    slug = "taboo.rash_promise"
    family = "TAB"
    name_zh = "轻率承诺、绝对化用语"
    name_en = "Rash promise with absolute words"
    dimension = "resolution"
    source = "000 严谨性"
    why = "回答用户疑问时不要轻易许诺，注重严谨性；许诺要言必见行必果，尽量不用程度较深的词语，例如“一定”“必须”（000）。"
    suggestion = "不做绝对化承诺，给出可兑现的时限：“我会尽快为您处理，预计XX时间内给您回复”（000 严谨性，003 四(二)）。"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        words = "|".join(re.escape(normalize_text(w)) for w in self.param("absolute_words"))
        # longest first: at one position "能到账" wins over "能到"
        actions = "|".join(re.escape(w) for w in sorted({normalize_text(w) for w in self.param("action_words")},
                                                          key=lambda w: (-len(w), w)))
        gap = int(self.param("max_gap_chars"))
        # "肯定能开", "一定可以修好": an absolute word right before "能/可以" and a verb guarantees
        # the result whatever the verb ("必须能…" states a requirement, not a promise)
        sure = "|".join(re.escape(normalize_text(w)) for w in self.param("absolute_words") if w != "必须")
        modals = "|".join(re.escape(normalize_text(w)) for w in self.param("result_modals") or ())
        modal_alt = rf"|(?:{sure})(?:是|都|也)?(?:{modals})(?=[\u4e00-\u9fff])" if sure and modals else ""
        # "二十分钟肯定到", "半小时一定过来": an arrival guaranteed within the time just said (field call 618);
        # "电工五分钟之内" / "肯定到" (field call 904)
        # "今天下午四点之前师傅肯定过去": by a time of day, who comes named after it (field call 961)
        # (who comes may be named after a length of time too: "二十分钟师傅肯定到")
        # (and said again after the arrival: "十五分钟内到肯定到", field call 1059)
        arrival = (rf"|(?:(?<=分钟|小时|钟头|之内|以内|内到|钟到)(?:{_ARRIVER})?|(?<=分钟就|小时就|钟头就))(?:{sure}){_TIMED_ARRIVAL}"
                   rf"|(?:(?<=点之前|点以前)|(?<=点前))(?:{_ARRIVER})?(?:{sure}){_TIMED_ARRIVAL}"
                   # "明天上午师傅肯定到" (field call 1185): by a part of a day
                   rf"|(?:(?<=上午|下午|中午|晚上|今天|明天|后天|今晚|明早))(?:{_ARRIVER})(?:{sure}){_TIMED_ARRIVAL}") if sure else ""
        self._promise = re.compile(
            rf"(?P<w>{words})(?:[^{_B}]{{0,{gap}}}?)(?:{actions})"
            rf"|(?:我|我们|我这边|我们这边|跟您|向您|给您)(?:可以|敢)?(?P<p>保证|打包票|担保)(?!金|书|期|险|人|不了)"
            + modal_alt + arrival
        )
        # the arrival guaranteed at the start of a sentence the ASR cut after its time ("电工五分钟之内" /
        # "肯定到维保师傅", field call 904)
        self._arrival_opens = re.compile(rf"(?:{sure}){_TIMED_ARRIVAL}") if sure else None
        self._exclude = compile_any(self.param("exclude_patterns"))
        self._pre = re.compile(rf"{words}|保证|打包票|担保")
        self._words = [(str(w), normalize_text(w)) for w in self.param("absolute_words")]

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        findings: list[Finding] = []
        if not self._pre.search(agent_text(ctx)):
            return findings
        own: dict[int, list[Match]] = {}
        gap = int(self.param("max_gap_chars"))
        # "…我保证师傅" / "四十分钟一定到" (field call 341): one promise the ASR cut, its second sentence's
        # word within the gap of the first's is not a promise of its own
        goes_on = {v.index: u for u, v in fragment_pairs(ctx)}
        groups: list[list[tuple[Utterance, Match]]] = []
        ends: dict[int, list[tuple[int, list[tuple[Utterance, Match]]]]] = {}  # utterance -> (match end, group)
        for u in turns_matching(ctx, self._promise, agent_turns(ctx)):
            found = regex_matches(self._promise, u)
            found = _not_excluded(ctx, u, found, self._exclude)
            for m in _merge_near(found, gap=gap):
                m = Match(m.utterance, m.start, m.end, u.text[m.start:m.end], m.pattern)
                own.setdefault(u.index, []).append(m)
                before = goes_on.get(u.index)
                group = next((g for end, g in ends.get(before.index, ()) if len(before.text) - end <= gap), None) \
                    if before is not None and m.start <= gap else None
                if group is None:
                    group = []
                    groups.append(group)
                group.append((u, m))
                ends.setdefault(u.index, []).append((m.end, group))
        if self._arrival_opens is not None:
            agent = {x.index: x for x in agent_turns(ctx)}
            for at, prev in goes_on.items():
                if at in own or prev.role is not Role.AGENT or _WITHIN_TIME_END.search(prev.text) is None \
                        or self._pre.search(prev.text) or ((w := goes_on.get(prev.index)) is not None and self._pre.search(w.text)):
                    continue  # (an absolute word said with the time, "保证" / "二十分钟之内" / "一定到": one promise, found there)
                after = agent.get(at)
                hit = self._arrival_opens.match(after.text) if after is not None else None
                if after is not None and hit is not None:
                    m = Match(at, 0, hit.end(), hit.group(0), "arrival")
                    if _not_excluded(ctx, after, [m], self._exclude):
                        own[at] = [m]
                        groups.append([(after, m)])
        for group in groups:
            said = "…".join(m.text for _, m in group)
            word = "、".join(w for w, nw in self._words if nw in said) or said
            said_in = list(dict.fromkeys(u for u, _ in group))
            findings.append(self.finding(
                f"承诺中使用绝对化用语“{word}”：“{said}”", utterances=said_in, matches=[m for _, m in group],
                explanation="绝对化用语后紧跟坐席承诺的动作（已排除“不一定”“无法保证”、对客户的提醒和规定说明）"
                            + ("；语音识别把这句承诺切成了同一轮的几句" if len(said_in) > 1 else "")))
        # The ASR cut one promise into two sentences of the turn ("您放心钱百分百" / "少不了您的").
        for u, v, m, n in cross_fragment_matches(ctx, self._promise, self._exclude):
            if any(x.end > m.start for x in own.get(u.index, ())) or any(x.start < n.end for x in own.get(v.index, ())):
                continue  # already reported within one of the two sentences
            said = m.text + n.text
            word = "、".join(w for w, nw in self._words if nw in said) or said
            findings.append(self.finding(
                f"承诺中使用绝对化用语“{word}”：“{said}”", utterances=[u, v], matches=[m, n],
                explanation="绝对化用语后紧跟坐席承诺的动作，语音识别把这句承诺切成了同一轮的两句"))
        return findings


# --------------------------------------------------------------------------------------------


def _merge_near(matches: list[Match], *, gap: int) -> list[Match]:
    """One promise said with two absolute words ("我保证明天一定给您解决") is one finding."""
    out: list[Match] = []
    for m in sorted(matches, key=lambda x: x.start):
        if out and m.start - out[-1].end <= gap:
            last = out[-1]
            out[-1] = Match(last.utterance, last.start, max(last.end, m.end), "", last.pattern)
        else:
            out.append(m)
    return out


@lru_cache(maxsize=64)
def _normalized_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalize_text(t) for t in terms if t))


# A long term whose last characters the customer said first ("资格认证" of "待遇资格认证") is a word they know.
_CORE_FROM = 6
_CORE = 4


# One empty mapping for a rulebook without jargon lists, so the per-line cache recognises it call after call.
_NO_JARGON: Mapping[str, Sequence[str]] = MappingProxyType({})


@lru_cache(maxsize=64)
def _jargon_set(terms: tuple[str, ...], exclude: tuple[str, ...] = ()) -> PhraseSet:
    variants: list[str] = []
    for t in terms:
        variants.append(t)
        if t.isascii():
            variants += [t.lower(), t.upper()]
    # (a term in the agent's restatement, "您是说今年的个税汇算清缴申请了退税以后…是吧", is still the agent's word
    # when the customer never said it: a word the customer used first is excused by ``_listed`` itself)
    return PhraseSet(variants, exclude=exclude, name="jargon", skip_quoted=False)


_LINE_WORDS = re.compile(r"[0-9a-z]+|[^\W\d_a-z]+")  # the words of a business-line name (casefolded)


def _latin_word(name: str) -> bool:
    return name.isascii() and name.isalpha()


def jargon_lists_for(line: str, jargon: Mapping[str, Sequence[str]],
                     aliases: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """The keys of the rulebook's ``jargon`` lists that a call's ``business_line`` names.

    The line's name need not be the list's key: "Telecom" names "telecom" (case is ignored),
    "tax_service" and "12366-tax" name "tax" (a key or alias in Latin letters counts as one
    word of the name, split at "_", "-", spaces and digits: "tax" is not found in "taxi"),
    and "税务"/"12366纳税服务" name "tax" through its aliases (``line_aliases``; an alias in
    Chinese characters or digits counts anywhere in the name). A name may pick several lists
    ("bank_ecommerce"); ``"*"`` is never picked here (it applies to every line anyway).
    """
    keys = [str(k) for k in jargon if str(k) != "*"]
    if line in jargon and line != "*":
        return [line]
    folded = line.casefold()
    exact = [k for k in keys if k.casefold() == folded]
    if exact:
        return exact[:1]
    words = set(_LINE_WORDS.findall(folded))
    out: list[str] = []
    for k in keys:
        for name in (k, *((aliases or {}).get(k, ()))):
            n = str(name).casefold().strip()
            if not n:
                continue
            if (n in words) if _latin_word(n) else (n in folded):
                out.append(k)
                break
    return out


@register
class UnexplainedJargon(Rule):
    """The agent uses jargon the customer is unlikely to know, without explaining it.

    Terms come from the rulebook's ``jargon`` lists: ``"*"`` for every business line plus the
    lists the call's ``business_line`` names (``jargon_lists_for``: the key itself ignoring case,
    a word of the name such as "tax" in "tax_service", or an alias from ``line_aliases`` such as
    "税务"); a ``business_line`` that names no list ("停复机/实名制") gives way to the call's
    ``center_name`` ("中国移动10086客服"). A term is excused when an explanation follows within
    ``explain_window_chars`` ("也就是…", "意思是…", "就是指…"; a bare amount after "也就是" restates a
    figure and explains nothing), or when the customer used the term first (for a term of six
    characters or more, its last four: "资格认证" before "待遇资格认证", unless the customer then asks
    about it). Each term is reported once per call.

    The customer's reply right after the agent's turn is evidence too: a question that names the
    term or a piece of it ("什么差额", "核定是什么意思", "什么叫满五唯一") or, at the start of the
    reply to a turn that ends soon after the term, "什么意思/听不懂" ("什么不一致 我听不懂";
    not "你这话什么意思", which protests). The term was then not understood: an explanation given
    only after that question does not excuse it.
    """

    code = "TAB006"
    slug = "taboo.unexplained_jargon"
    family = "TAB"
    name_zh = "使用客户听不懂的专业术语"
    name_en = "Unexplained jargon"
    dimension = "courtesy"
    source = "004 忌⑬"
    why = "忌与客户说客户听不懂的专业术语（004）。"
    suggestion = "用客户听得懂的话说，或术语后立即解释：“……工单号，也就是您这次反映问题的登记编号”。"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._explain = compile_any(self.param("explain_patterns"))
        self._window = int(self.param("explain_window_chars"))
        # Everyday words that contain a term ("二线城市" holds "二线"): a covering one cancels it.
        self._exclude = tuple(str(p) for p in (self.config.params.get("exclude_phrases") or ()))
        params = self.config.params
        self._generic = compile_any(params.get("generic_question_patterns") or ())
        self._generic_exclude = compile_any(params.get("generic_question_exclude") or ())
        self._head = int(params.get("question_head_chars") or 0)
        self._term_tail = int(params.get("question_term_tail_chars") or 0)
        aliases = params.get("line_aliases") or {}
        if not isinstance(aliases, Mapping) or not all(isinstance(v, list | tuple) for v in aliases.values()):
            raise RulebookError("line_aliases 须为“术语表键: [别名, …]”的映射 (a mapping of list key to aliases)",
                                key=f"rules.{self.code}.params.line_aliases")
        self._aliases = {str(k): tuple(str(a) for a in v) for k, v in aliases.items()}
        known = params.get("line_known_terms") or {}
        if not isinstance(known, Mapping) or not all(isinstance(v, list | tuple) for v in known.values()):
            raise RulebookError("line_known_terms 须为“业务线键: [术语, …]”的映射 (a mapping of line key to terms)",
                                key=f"rules.{self.code}.params.line_known_terms")
        self._known = {str(k): tuple(str(t) for t in v) for k, v in known.items()}
        self._terms_cache: dict[tuple[str, str], tuple[Mapping[str, Sequence[str]], tuple[str, ...]]] = {}

    def _terms(self, ctx: CallContext) -> tuple[str, ...]:
        """The terms checked in this call, looked up once per business line and centre (calls of
        one line share them; the lookup walks every list's key and aliases)."""
        jargon: Mapping[str, Sequence[str]] = ctx.settings.get("jargon") or _NO_JARGON
        meta = ctx.call.metadata
        key = (meta.business_line or "", meta.center_name or "")
        cached = self._terms_cache.get(key)
        if cached is not None and cached[0] is jargon:
            return cached[1]
        if len(self._terms_cache) >= 256:
            self._terms_cache.clear()
        terms = self._look_up_terms(ctx, jargon)
        self._terms_cache[key] = (jargon, terms)
        return terms

    def _look_up_terms(self, ctx: CallContext, jargon: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
        line = (ctx.call.metadata.business_line or "").strip()
        keys = jargon_lists_for(line, jargon, self._aliases)
        if not keys:
            # a line named by its desk alone ("停复机/实名制") is the centre's: "中国移动10086客服" (field call 601)
            line = (ctx.call.metadata.center_name or "").strip() or line
            keys = jargon_lists_for(line, jargon, self._aliases)
        terms = list(jargon.get("*", ()))
        if line:
            for key in keys:
                terms += list(jargon[key])
            # terms the customers of this kind of line know ("工单号" on 12345) are no jargon there
            known = {normalize_text(t) for key in jargon_lists_for(line, self._known, self._aliases)
                     for t in self._known[key]}
            if known:
                return tuple(t for t in _normalized_terms(tuple(terms)) if t not in known)
        return _normalized_terms(tuple(terms))

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        terms = self._terms(ctx)
        findings = self._listed(ctx, terms) if terms else []
        reported = {m.text.lower() for f in findings for m in f.evidence.spans}
        # a question already cited for a listed term ("起付线" … "比例下降是啥意思 起起什么线") asks nothing more
        cited = {i for f in findings for i in f.evidence.utterances[1:]}
        findings += self._asked_unlisted(ctx, reported, cited)
        if not terms and not findings:
            raise self.not_applicable("规则库未配置该业务线的术语表 (no jargon list for this business line)")
        return findings

    def _asked_unlisted(self, ctx: CallContext, reported: set[str], cited: set[int]) -> list[Finding]:
        """Words on no list that the customer says at once they did not understand: the reply to an
        agent turn asks about a word of that turn ("什么BOM 什么清分我听不懂", "你说的那个UID 是啥意思
        我听不懂") and says it did not understand (``_NOT_UNDERSTOOD``; a bare "X是什么意思" after a list of
        options asks, and the term lists judge it). Everyday words (``_NOT_TERMS``), words
        the customer used first and words the agent explained before the question are not reported."""
        out: list[Finding] = []
        may = ctx.may_match  # (the word bank's one pass tells the turns where the patterns can match)
        if not any((may(_NOT_UNDERSTOOD, u) and _NOT_UNDERSTOOD.search(u.text))
                   or (may(_INFIX_ASK, u) and _INFIX_ASK.search(u.text)) for u in ctx.customer_turns):
            return out
        done: set[int] = set()  # sentences read with an earlier sentence of their turn
        hears_badly = any(_HARD_OF_HEARING.search(u.text) for u in ctx.customer_turns)
        for u in agent_turns(ctx):
            if u.index in done:
                continue
            rest = turn_rest(ctx, u)
            done.update(v.index for v in rest)
            reply = reply_turn(ctx, rest[-1] if rest else u)
            run = [u, *rest]
            if not reply or reply[0].index in cited:
                continue
            text = " ".join(v.text for v in reply)
            infix = _asked_infix(text, run)
            if _NOT_UNDERSTOOD.search(text) is None and not infix:
                continue  # "那个约定分摊是什么意思?" after a list of options asks; it does not say "听不懂"
            if hears_badly and _SAID_NOT_UNDERSTOOD.search(text) is None:
                continue  # "啥科": a customer hard of hearing asks for the word again
            for pieces in [*_asked_words(text), *infix, *_asked_heads(text, run), *_asked_starts(text, run)]:
                # the longest piece of the asked word that the agent said ("什么清分我听" -> "清分")
                found = next(((key, v, i) for key in (w.lower() for w in pieces) if key not in _NOT_TERMS
                              for v in run if (i := v.text.lower().find(key)) >= 0), None)
                # ("记录转移" in "违法记录转移"; "做PIR" around the listed "PIR", field call 965; digits asked for again,
                # "二六零零什么" after "我的工号是二六零九", 1165)
                # (nor a claim thrown back: "什么叫不可能拍错", field call 1186)
                if found is None or any(found[0] in r or r in found[0] for r in reported) or is_numeral(found[0]) \
                        or found[0].startswith(("不", "没")):
                    continue
                key, v, i = found
                customer_first = any(key in c.text.lower() for c in ctx.customer_turns if c.index < v.index)
                if customer_first or self._explain.search(v.text[i + len(key):i + len(key) + self._window]):
                    continue
                reported.add(key)
                m = Match(v.index, i, i + len(key), v.text[i:i + len(key)], "customer_asked")
                out.append(self.finding(
                    f"使用专业术语“{m.text}”未作解释", utterances=[v, reply[0]], matches=[m],
                    explanation=f"坐席说了“{m.text}”，客户随即追问并表示没听懂（“{text[:30]}”），说明是客户听不懂的说法"))
        return out

    def _listed(self, ctx: CallContext, terms: tuple[str, ...]) -> list[Finding]:
        """Findings for the terms of the rulebook's lists."""
        ps = _jargon_set(terms, self._exclude)
        findings: list[Finding] = []
        if not ps.raw_hits(call_text(ctx)):
            return findings
        seen: set[str] = set()
        customer_said: list[str] = []
        agent = agent_turns(ctx)
        next_agent = {a.index: b for a, b in pairwise(agent)}
        for u in ctx.call.utterances:
            if not u.text:
                continue
            hits = [m for m in ctx.find(ps, (u,)) if not inside_ascii_word(u.text, m.start, m.end)]
            if u.role is not Role.AGENT:
                seen.update(m.text.lower() for m in hits)  # the customer knows the word
                if u.role is Role.CUSTOMER:
                    customer_said.append(u.text.lower())
                continue
            for m in hits:
                key = m.text.lower()
                if key in seen or _spelled_first(key, customer_said):
                    continue
                seen.add(key)
                # the ASR may cut the explanation off: "是融合套餐带" / "宽带和两张副卡" (385)
                tail = turn_tail(ctx, u, m.end, self._window)
                if key.endswith("号") and _number_given(key, u.text, _next_text(ctx, u), m.end):
                    continue  # "工单号是幺二零六三八七七": the number given with it says what it is (323)
                if self._explain.search(tail) or self._explains(u.text[m.end:], key) or _NOUN_IS.match(u.text, m.end):
                    # explained at once, or named again and explained ("按完税价格来算 完税价格就是…"), or heading a
                    # short noun explained ("PIR编号就是机场给您的那张…单上的号码", field call 259)
                    continue
                if _NAMED_AFTER_TOLD.search(u.text, 0, m.start) or _COVER_BEFORE.search(u.text, 0, m.start):
                    # told first, then named: "如果多还了钱,就是卡里有溢缴款" (field call 1056); what a cover pays, said
                    # before its name: "撞了别人赔给对方的三者险" (1175)
                    continue
                asked = self._asked(ctx, u, m)
                if asked is None and self._echoed(ctx, u, m):
                    continue  # the customer took the word up at once without asking: understood
                if asked is None and len(key) >= _CORE_FROM and any(key[-_CORE:] in t for t in customer_said):
                    # the customer spoke of "养老金 / 资格认证" before the agent named "待遇资格认证" and asked nothing
                    # (548); not "缴费年限" before "视同缴费年限" / "啥视同什么什么缴费" (449)
                    continue
                nxt = next_agent.get(u.index)
                if (nxt is not None and self._explains(nxt.text, key)
                        and len(u.text) - m.end < self._window
                        and (asked is None or position(ctx, nxt) < position(ctx, asked[0]))):
                    continue  # explained in the next sentence, before any question of the customer's
                why = (f"术语表（通用+{ctx.call.metadata.business_line or '未指定业务线'}）命中，"
                       f"其后 {self._window} 字内没有“也就是/意思是/就是指”等解释")
                if asked is not None:
                    why += f"；客户随即追问“{asked[1]}”，说明没听懂"
                findings.append(self.finding(
                    f"使用专业术语“{m.text}”未作解释", utterances=[u] + ([asked[0]] if asked else []),
                    matches=[m], explanation=why))
        return findings

    def _explains(self, text: str, term: str) -> bool:
        """``text`` (the agent's next sentence) explains at its start, or names the term again and
        explains it ("起付线就是医保开始报销之前…")."""
        if self._explain.search(text[:self._window]):
            return True
        i = text.lower().find(term)
        if 0 <= i < self._window:
            end = i + len(term)
            # "代垫服务费就是…": the term heads a short noun that is then explained
            return bool(self._explain.search(text[end:end + self._window]) or _NOUN_IS.match(text, end))
        return False

    def _echoed(self, ctx: CallContext, u: Utterance, m: Match) -> bool:
        """The customer's reply right after the agent's turn uses the term itself, not as a question
        ("工单号多少", "那调单要多久"; not "工单号?" nor "调单是啥", which ``_asked`` has): the term is
        understood (the customer's own use of a word excuses it, see ``check``)."""
        rest = turn_rest(ctx, u)
        reply = reply_turn(ctx, rest[-1] if rest else u)
        term = m.text.lower()
        for v in reply:
            text = v.text.lower()
            if _NOT_UNDERSTOOD.search(text):
                continue  # "那个LPR我真的听不懂" (field call 503): named to say it was not understood
            i = text.find(term)
            while i >= 0:
                after = text[i + len(term):i + len(term) + 1]
                if after not in ("?", "？") and not _ECHO_QUESTION.match(text, i + len(term)):
                    return True
                i = text.find(term, i + 1)
        return False

    def _asked(self, ctx: CallContext, u: Utterance, m: Match) -> tuple[Utterance, str] | None:
        """The customer's question about the term in the reply right after the agent's turn: the
        customer's first sentence of it and the words that ask."""
        rest = turn_rest(ctx, u)
        reply = reply_turn(ctx, rest[-1] if rest else u)
        if not reply:
            return None
        text = " ".join(v.text for v in reply)
        named = _term_question(m.text.lower()).search(text.lower())
        if named is not None:
            return reply[0], text[named.start():named.end()]
        after = len(u.text) - m.end + sum(len(v.text) + 1 for v in rest)
        if after > self._term_tail:
            return None
        head = text[:self._head]
        protest = [(x.start(), x.end()) for x in self._generic_exclude.finditer(head)]
        for g in self._generic.finditer(head):
            if not in_ranges(g.start(), g.end(), protest):
                return reply[0], g.group()
        return None


_QUESTION_END = rf"(?=$|[{_B}]|啊|呀|呢|吗|么|哦)"
# The term repeated as a question ("工单号吗", "工单号啊?", "工单号是啥"): no sign it is understood.
_ECHO_QUESTION = re.compile(r"(?:啊|呀|呢|哦)?(?:吗|么|嘛|[?？])|(?:是|叫|指)?(?:个)?(?:什么|啥)")


# Words a customer asks about: "什么BOM", "什么清分", "那个UID是啥意思", "清分是什么意思".
_ASKED_WORD = re.compile(
    # (a letter and Chinese numerals: "什么R三R四的我听不懂", field call 1148)
    r"(?:什么|啥)(?:是|叫)?\s*([A-Za-z][A-Za-z0-9]{1,9}|[A-Za-z][A-Za-z0-9零一二三四五六七八九幺两]{1,5}|[\u4e00-\u9fff]{2,4})"
    r"|([A-Za-z][A-Za-z0-9]{1,9}|[\u4e00-\u9fff]{2,4}?)\s*(?:是|指|叫|指的是)?(?:个)?\s*(?:什么|啥)(?:意思|东西)")
# The customer says the words were not understood.
# (not the insult "听不懂人话是吧", which says the agent did not understand the customer: field call 293)
# The customer stutters the first character of the word and asks, a question of its own: "暗 暗什么"
# after "家里有暗漏" (field call 333); not "看看什么时候", a verb said twice.
_STUTTER_ASK = (r"(?![看想问说试听找查等聊谈走弄搞玩算写读])([\u4e00-\u9fff])[\s,，、]*\1(?:什么|啥)"
                r"(?:啊|呀|呢|东西|意思)?(?=[\s,，、。?？!！]|$)")
# (the stuttered question says the same)
# So does "什么" before the word's last character alone, the rest of it not caught: "啊什么源" / "号源是什么意思啊"
# after "这周的号源已经没有了" (field call 420); not "什么事", "什么样", "什么呀".
_HEAD_ASK_ALONE = r"(?:^|(?<=[\s,，。?？!！啊嗯哈]))(?:什么|啥)(?![事样人时呀啊呢吗嘛的])[\u4e00-\u9fff](?=[\s,，、。?？!！]|$)"
_SAYS_NOT_UNDERSTOOD = (r"听不(?:太|大)?(?:懂|明白)(?!人话)|没(?:太|大)?听(?:懂|明白)|(?<![听])不(?:太|大)?(?:懂|明白)(?!事|人话)"
                        # Cantonese "我唔明你讲乜" (我不明你讲啥, field call 959); not "原因不明", "不明显"
                        r"|(?:我|俺)(?:还是|真的|都)?不明(?=你|您|$|[啊呀啦喔,，。?？!！\s])|搞不懂|弄不懂")
_NOT_UNDERSTOOD = re.compile(_SAYS_NOT_UNDERSTOOD + "|" + _STUTTER_ASK + "|" + _HEAD_ASK_ALONE)
_SAID_NOT_UNDERSTOOD = re.compile(_SAYS_NOT_UNDERSTOOD)
# A customer who says they hear badly ("啊你说啥大点声我耳朵不好") asks "啥科" to hear the word again, not because
# the word is strange (field call 969): only "听不懂"-like words say it was not understood then.
_HARD_OF_HEARING = re.compile(r"耳朵(?:不太|不大|不)(?:好|行|灵)|耳朵(?:有点)?(?:背|聋)|耳背|听不(?:太|大)?清|听不见|大(?:点|一点)声|声音大(?:点|一点)")
# Everyday words after "什么" ("什么意思", "什么时候", "什么东西") are no terms.
_NOT_TERMS = frozenset({"意思", "时候", "东西", "情况", "问题", "事情", "地方", "办法", "原因", "玩意", "玩意儿",
                        "这个", "那个", "这是", "那是", "说的", "的话", "简单", "听不懂", "不懂", "我听", "我听不"})


def _asked_words(text: str) -> list[list[str]]:
    """The words the customer asks about in ``text``, each as the pieces that could be the term,
    longest first (for a Chinese word, every piece of two characters or more on the side of the
    question word: "什么清分我听" -> "清分我听", "清分我", "清分"; "那个清分是啥意思" -> "那个清分",
    "个清分", "清分"). The caller takes the longest piece the agent said."""
    out: list[list[str]] = []
    for m in _ASKED_WORD.finditer(text):
        w = m.group(1) or m.group(2)
        if w.isascii():
            out.append([w])
        elif m.group(1):
            out.append([w[:k] for k in range(len(w), 1, -1)])
        else:
            out.append([w[-k:] for k in range(len(w), 1, -1)])
    return out


# The customer names only the last character of the term: "什么网我听不懂" after "二次网" (field call 313).
_ASKED_HEAD = re.compile(rf"(?:什么|啥)([\u4e00-\u9fff])(?=我|你|听|不|啊|呀|呢|[{_B}]|$)")
# Where a term starts before its last character: after a particle or a pronoun ("您楼的|二次网").
_TERM_START = re.compile(r".*[的了是在和与您你我他她这那个把被给就都也还]")
_HEAD_TERM_CHARS = 4
_ASKED_FIRST = re.compile(_STUTTER_ASK)
# Where a term ends after its first character: before a particle or a pronoun ("暗漏|的问题").
_TERM_END = re.compile(r"[的了是在和与您你我他她这那个把被给就都也还吗呢吧啊，,。.!?！？\s]")


def _asked_heads(text: str, run: Sequence[Utterance]) -> list[list[str]]:
    """The agent's words ending in the one character the customer asks about ("什么网" ->
    "二次网"), or starting with the one the customer stutters ("暗 暗什么" -> "暗漏"), each as
    a list like ``_asked_words``'s."""
    out: list[list[str]] = []
    for rx, first in ((_ASKED_FIRST, True), (_ASKED_HEAD, False)):
        for m in rx.finditer(text):
            pieces = next((p for v in run if (p := _term_around(v.text, m.group(1), first=first))), None)
            if pieces:
                out.append(pieces)
    return out


def _term_around(said: str, char: str, *, first: bool) -> list[str]:
    """The pieces of the agent's last word in ``said`` that starts (``first``) or ends with ``char``,
    longest first; [] when there is none of two characters or more."""
    if first:
        return _term_from(said, char, _HEAD_TERM_CHARS - 1, 2)
    i = said.rfind(char)
    if i < 1:
        return []
    before = said[max(0, i - _HEAD_TERM_CHARS + 1):i]
    cut = _TERM_START.match(before)
    term = (before[cut.end():] if cut else before) + char
    return [term] if len(term) >= 2 else []


def _term_from(said: str, start: str, rest: int, shortest: int) -> list[str]:
    """The agent's last word in ``said`` that begins with ``start``: ``start`` and up to ``rest`` more
    characters, ended by a particle or a pronoun (``_TERM_END``), as its pieces longest first down to
    ``shortest`` characters; [] when ``said`` does not hold ``start``."""
    i = said.rfind(start)
    if i < 0:
        return []
    j = i + len(start)
    stop = _TERM_END.search(said, j, j + rest)
    term = said[i:stop.start() if stop else j + rest]
    return [term[:k] for k in range(len(term), shortest - 1, -1)]


# The customer names the start of the term and asks "what": "代位什么我不懂啊" after "走我们的代位追偿"
# (field call 380); not "为什么", "干什么", nor a verb asking what was said or done ("你说什么").
_ASKED_START = re.compile(rf"([\u4e00-\u9fff]{{2,4}}?)(?:什么|啥)(?=我|你|听|不|啊|呀|呢|[{_B}]|$)")
_NOT_A_START = frozenset("为干凭说讲做叫是要有在看问想搞弄")
_START_REST_CHARS = 2  # how far the agent's term may go on after the piece the customer said


def _asked_starts(text: str, run: Sequence[Utterance]) -> list[list[str]]:
    """The agent's words that begin with what the customer names before "什么" ("代位什么" ->
    "代位追偿"), each as a list like ``_asked_words``'s."""
    out: list[list[str]] = []
    for m in _ASKED_START.finditer(text):
        w = m.group(1)
        if w[-1] in _NOT_A_START:
            continue
        for piece in (w[-k:] for k in range(len(w), 1, -1)):
            said = next((v.text for v in run if piece in v.text), None)
            if said is not None:
                out.append(_term_from(said, piece, _START_REST_CHARS, len(piece)))
                break
    return out


# The customer says the term back with its middle replaced by "什么": "违法记录什么移" after "可以办理违法记录转移"
# (field call 1038). The start said (three characters or more) and the last character frame the agent's term.
_INFIX_ASK = re.compile(r"([\u4e00-\u9fff]{3,6}?)(?:什么|啥)([\u4e00-\u9fff])(?=[\s,，、。?？!！啊呀]|$)")
_INFIX_GAP = r"[^\s,，。.!?！？的了是在和与您你我他她这那个把被给就都也还]{1,3}?"


def _asked_infix(text: str, run: Sequence[Utterance]) -> list[list[str]]:
    """The agent's terms the customer says back with a "什么" in the middle (``_INFIX_ASK``), each as a
    one-piece list like ``_asked_words``'s: the agent's word that starts with the customer's start (its
    last three characters or more) and ends with the character after "什么", one to three characters apart."""
    out: list[list[str]] = []
    for m in _INFIX_ASK.finditer(text):
        head, last = m.group(1), m.group(2)
        for piece in (head[-k:] for k in range(len(head), 2, -1)):
            rx = re.compile(re.escape(piece) + _INFIX_GAP + re.escape(last))
            found = next((f.group(0) for v in run if (f := rx.search(v.text)) is not None), None)
            if found is not None:
                out.append([found])
                break
    return out


# What the term means told in a clause just before it, then "就是" naming it: "如果多还了钱,就是卡里有溢缴款".
_NAMED_AFTER_TOLD = re.compile(r"[\u4e00-\u9fff]{4,}[,，、]\s*(?:也)?就是(?:说)?[^,.!?。？！，、]{0,6}$")
_COVER_BEFORE = re.compile(r"(?:赔给|赔偿给?)[\u4e00-\u9fff]{1,6}的$")
# A reference number given right after its name: "工单号是幺二零六三八七七", "流水号 2026…".
_NUMBER_GIVEN = re.compile(r"[\s,，:：]*(?:是|为|呢是)?[\s,，:：]*[A-Za-z]{0,3}[0-9零〇一二两三四五六七八九幺]{4}")


def _number_given(key: str, text: str, after: str, end: int) -> bool:
    """The number a "…号" term names is given with it (``text`` from ``end``, running on into ``after``, the
    turn's next sentence), or with the term said again in that next sentence ("…报一下工单号我们当天就帮您催办" /
    "您的工单号是J二零二六零三幺四零零八七", field call 1007)."""
    if _NUMBER_GIVEN.match(text + after, end):
        return True
    again = after.lower().find(key)
    return again >= 0 and _NUMBER_GIVEN.match(after, again + len(key)) is not None


def _next_text(ctx: CallContext, u: Utterance) -> str:
    """The next sentence of ``u``'s speaking turn, if any ("工单号是" / "幺二零六…")."""
    rest = turn_rest(ctx, u)
    return rest[0].text if rest else ""


# A term that heads a short noun, explained right after it: "(代垫)服务费就是我们先帮您垫付…".
_NOUN_IS = re.compile(rf"[^{_B}]{{1,3}}?也?就是(?![\s,，]*[0-9零一二两三四五六七八九十百千万幺])")


@lru_cache(maxsize=256)
def _term_question(term: str) -> re.Pattern[str]:
    """A question that names ``term`` or a piece of it (two characters or more of a Chinese term):
    "什么差额", "什么叫核定", "核定是什么意思", "满五唯一是啥", "那满五唯一是" (cut off), "DDU是什么
    我听不太懂"."""
    if term.isascii():
        pieces = [term]
    else:
        pieces = sorted({term[i:j] for i in range(len(term)) for j in range(i + 2, len(term) + 1)},
                        key=lambda p: (-len(p), p))
    p = "|".join(re.escape(x) for x in pieces)
    return re.compile(
        rf"(?<![为干凭做没])(?:什么|啥)(?:是|叫)?(?:{p})"
        rf"|(?:{p})(?:是|指|叫|指的是)?(?:个)?(?:(?:什么|啥)+(?:意思|东西|玩意儿?)|(?:什么|啥){_QUESTION_END})"
        # the piece, a few words on it, then "是啥意思" ("比例下降是啥意思")
        rf"|(?:{p})[^{_B}]{{0,4}}?(?:是|指)?(?:什么|啥)意思"
        rf"|(?:{p})(?:是|指的是|指)(?=$|[{_B}])"
        # "DDU是什么 我听不太懂耶": "X是什么" followed by more words (not "是什么时候")
        rf"|(?:{p})\s?是(?:什么|啥)(?!时候|时间|日子|地方|颜色)"
        # the term's first character echoed, then "什么" ("双录的" / customer "双什么", field call 502:
        # the reply's whole clause)
        + (rf"|(?:^|(?<=[{_B}]))[嗯啊呃哦]*{re.escape(term[0])}+(?:什么|啥)(?:{re.escape(term[1:])})?(?=$|[{_B}啊呀呢])"
           if not term.isascii() and len(term) >= 2 else "")
    )


_LATIN_HEAD = re.compile(r"[a-z][a-z0-9+]+")
_SPELLED_OUT = re.compile(r"(?<![a-z])[a-z](?:[\s,，.、]{0,2}[a-z])+(?![a-z])")


def _spelled_first(term: str, customer_said: Sequence[str]) -> bool:
    """The customer said the Latin letters ``term`` starts with before the agent named it, letter by
    letter as read off a device ("那个猫上面有个灯红的 L O S 一闪一闪的" before the agent's "LOS灯",
    field call 1013): the customer knows the word."""
    head = _LATIN_HEAD.match(term)
    if head is None:
        return False
    word = head.group(0)
    return any(re.sub(r"[\s,，.、]", "", m.group(0)) == word
               for said in customer_said if word[0] in said for m in _SPELLED_OUT.finditer(said))
