"""POL: courtesy (礼貌用语) — "您" not "你", courtesy words, honorifics.

Also holds the small speech-context helpers the language families share (what is the
agent's own wording, where a clause starts). POL003 (thank before goodbye) is a pure
phrase norm and lives in ``defaults/POL.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from hotline_qa.core.call import Role, Utterance
from hotline_qa.core.findings import Finding
from hotline_qa.rules.base import Rule, RuleConfig
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, PhraseSet, in_ranges, quoted_ranges
from hotline_qa.rules.registry import register
from hotline_qa.text.hesitation import finditer_fluent
from hotline_qa.text.normalize import normalize_text
from hotline_qa.text.redact import SURNAMES

# --------------------------------------------------------------------------------------------
# Speech-context helpers shared by POL, TAB, FIL and CLS.
# --------------------------------------------------------------------------------------------

#: Characters after which a new clause (or a hesitation) starts.
BREAKS = frozenset(",.!?;:。，、！？；：…~ \t\"“”‘’()（）-—")

# Reported speech the shared matcher does not cover: "您是说…", "您问…", "您想知道…".
# What follows repeats the customer's words, so it is not the agent's wording. Capped at a
# short span because unpunctuated ASR text has no clause end to stop at.
_MORE_REPORTED = re.compile(r"(您|你)(刚才|刚刚|之前|一直)?(是说|是想说|是不是说|问|问的是|想问|想知道|提到)")
_REPORTED_SPAN = 24


@lru_cache(maxsize=8192)
def not_own_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Ranges of an agent's ``text`` that quote or report someone else's words."""
    ranges = list(quoted_ranges(text))
    for m in _MORE_REPORTED.finditer(text):
        end = m.end()
        stop = min(len(text), end + _REPORTED_SPAN)
        for i in range(end + 1, stop):
            if text[i] in BREAKS:
                stop = i
                break
        ranges.append((end, stop))
    return tuple(ranges)


def is_own(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is the speaker's own wording (not quoted or reported)."""
    return not in_ranges(start, end, not_own_ranges(text))


def at_clause_start(text: str, i: int) -> bool:
    """True at the start of the text or right after punctuation or a space."""
    return i == 0 or text[i - 1] in BREAKS


def at_clause_end(text: str, i: int) -> bool:
    """True at the end of the text or right before punctuation or a space."""
    return i >= len(text) or text[i] in BREAKS


def regex_matches(rx: re.Pattern[str], u: Utterance, *, own_only: bool = True) -> list[Match]:
    """Matches of ``rx`` in one utterance, dropping quoted/reported words when ``own_only``; read past
    a hesitation inside the sentence ("我这边没办法嗯给您准确答复", ``text.hesitation.finditer_fluent``)."""
    out = []
    for start, end, said, _ in finditer_fluent(rx, u.text):
        if own_only and not is_own(u.text, start, end):
            continue
        out.append(Match(u.index, start, end, said, rx.pattern))
    return out


def compile_any(patterns: Iterable[str]) -> re.Pattern[str]:
    """One alternation of several patterns (each wrapped in a non-capturing group)."""
    pats = [p for p in patterns if p]
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else re.compile(r"(?!x)x")


def agent_turns(ctx: CallContext) -> tuple[Utterance, ...]:
    """The agent's turns with text (computed once per call)."""
    return ctx.memo("courtesy.agent_turns",
                    lambda: tuple(u for u in ctx.call.utterances if u.role is Role.AGENT and u.text))


def agent_text(ctx: CallContext) -> str:
    """All the agent's words, one turn a line (computed once per call; for prefilters)."""
    return ctx.memo("courtesy.agent_text", lambda: "\n".join(u.text for u in agent_turns(ctx)))


def call_text(ctx: CallContext) -> str:
    """Everything said in the call, one turn a line (computed once per call; for prefilters)."""
    return ctx.memo("courtesy.call_text", lambda: "\n".join(u.text for u in ctx.call.utterances if u.text))


def turns_matching(ctx: CallContext, rx: re.Pattern[str], turns: Iterable[Utterance]) -> list[Utterance]:
    """The turns among ``turns`` where ``rx`` can match (the others certainly do not).

    One literal prefilter pass over the whole call (``CallContext.candidates``), cached per
    pattern: rules that search every agent turn search only these.
    """
    found = ctx.candidates(rx)
    if found is None:
        return list(turns)
    return [u for u in turns if u.index in found]


def match_time(u: Utterance, char_index: int) -> float | None:
    """Estimated time of a character inside a turn (linear over the turn's span)."""
    if u.start is None:
        return None
    if u.end is None or not u.text:
        return u.start
    return u.start + (u.end - u.start) * min(1.0, char_index / len(u.text))


# --------------------------------------------------------------------------------------------
# POL001
# --------------------------------------------------------------------------------------------

# "你好"/"你们好" are greeting formulas (OPN002 judges them), "你们" is plural (the agent is
# not addressing the one customer as 你), "迷你" is a word, and so are idioms that pair 你
# with 我 ("你争我抢", "你来我往"): they address nobody.
_NI = re.compile(r"(?<!迷)[你妳](?![们們]|好|争我抢|追我赶|来我往|死我活|情我愿|一言我一语|中有我)")  # OpenCC keeps 妳


@register
class AddressWithNi(Rule):
    """The agent addresses the customer as "你" instead of "您".

    Each singular "你" in the agent's own words counts. Not counted: the greeting formulas
    "你好"/"你们好" (OPN002 judges the greeting), the plural "你们" ("你们那边", "你们公司"
    does not address the one customer as 你), the word "迷你", idioms such as "你争我抢",
    and the customer's words
    quoted or reported by the agent ("您刚才说'你们怎么回事'", "您是说你…").
    ASR sometimes writes 您 as 你: keep ``max_count`` at 0 only for good recognisers.
    """

    code = "POL001"
    slug = "courtesy.addressed_as_ni"
    family = "POL"
    name_zh = "称呼客户用“你”"
    name_en = "Customer addressed as 你 instead of 您"
    dimension = "courtesy"
    source = "004 忌② 忌⑫, 000 称谓"
    why = "服务用语中称呼客户须用“您”；说“你”显得随意、不尊重（004 忌②：客户服务用语中，说“你”“喂”）。"
    suggestion = "称呼客户一律用“您”，如“请问您有什么需要帮助的”“麻烦您提供一下订单号”（000：注意称谓及礼貌词语“您”“女士”“先生”“请”“感谢”）。"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        limit = int(self.param("max_count"))
        per_turn: list[tuple[Utterance, list[Match]]] = []
        total = 0
        for u in turns_matching(ctx, _NI, agent_turns(ctx)):
            found = regex_matches(_NI, u)
            if found:
                per_turn.append((u, found))
                total += len(found)
        ctx.report(self.code, {"count": total, "limit": limit,
                               "occurrences": [{"utterance": m.utterance, "start": m.start, "text": m.text}
                                               for _, ms in per_turn for m in ms]})
        if total <= limit:
            return []
        return [
            self.finding(f"称呼客户用了“你”（本句 {len(ms)} 处，全通话 {total} 处，允许 {limit} 处）",
                         utterances=[u], matches=ms,
                         explanation="坐席本人话语中的单数“你”（已排除“你好”“你们”和转述客户的话）")
            for u, ms in per_turn
        ]


# --------------------------------------------------------------------------------------------
# POL002
# --------------------------------------------------------------------------------------------


@register
class FewCourtesyWords(Rule):
    """The agent uses fewer kinds of courtesy words over the whole call than required.

    Kinds (rulebook ``kinds``): 请 / 感谢 / 谢谢 / 抱歉 / 对不起 / 麻烦您 / 不好意思. "请" inside
    words such as 申请, 邀请, 请假 does not count. Not applicable when the customer hung up
    right after the agent's opening (at most two agent turns, the call cut off), and in special
    calls (silent, wrong number, prank, voicemail, declined, transferred at once, cut off: see
    ``analyzers.call_kind``), whose two or three agent turns say nothing about variety.
    """

    code = "POL002"
    slug = "courtesy.few_courtesy_words"
    family = "POL"
    name_zh = "礼貌用语不足"
    name_en = "Too few courtesy words"
    dimension = "courtesy"
    source = "003 四(二), 000"
    why = "全程使用“请、您好、感谢、抱歉、麻烦您”等礼貌词（003 四(二)）。"
    suggestion = "通话中多用礼貌词：“请您提供一下……”“麻烦您稍等”“感谢您的耐心等待”“抱歉给您带来不便”（003 四(二)）。"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        kinds: Mapping[str, Any] = self.param("kinds")
        self._kind_of: dict[str, str] = {}
        self._kinds: list[str] = []
        phrases: list[str] = []
        exclude: list[str] = []
        for kind, spec in kinds.items():
            if isinstance(spec, Mapping):
                ph, ex = spec.get("phrases", [kind]), spec.get("exclude", [])
            else:
                ph, ex = spec, []
            self._kinds.append(str(kind))
            for p in ph:
                self._kind_of[normalize_text(p)] = str(kind)
            phrases += ph
            exclude += ex
        # One automaton pass over the call; quotes do not matter for courtesy words.
        self._set = PhraseSet(phrases, exclude=exclude, name="POL002", skip_quoted=False)

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        turns = agent_turns(ctx)
        if not turns:
            raise self.not_applicable("通话中没有坐席发言 (no agent speech)")
        if len(turns) <= 2 and ctx.memo("closing.customer_cut_off", lambda: _cut_off(ctx)):
            raise self.not_applicable("客户在坐席开场后即挂断，无从考察礼貌用语 (the customer hung up right after the opening)")
        call_kind = ctx.analysis.call_kind
        if call_kind.special:  # silent, wrong number, prank, voicemail…: too few turns to judge variety
            raise self.not_applicable(call_kind.reason)
        minimum = int(self.param("min_kinds"))
        present: dict[str, Match] = {}
        for m in ctx.find(self._set, turns):  # in turn order, then by position
            kind = self._kind_of.get(m.pattern)
            if kind is not None and kind not in present:
                present[kind] = m
                if len(present) == len(self._kinds):
                    break
        missing = [k for k in self._kinds if k not in present]
        ctx.report(self.code, {"kinds_used": sorted(present), "kinds_missing": missing, "min_kinds": minimum})
        if len(present) >= minimum:
            return []
        by_index = {u.index: u for u in turns}
        ms = list(present.values())
        used = "、".join(present) if present else "无"
        return [self.finding(
            f"全通话礼貌用语只用了 {len(present)} 种（{used}），至少应有 {minimum} 种",
            utterances=[by_index[m.utterance] for m in ms], matches=ms,
            explanation=f"在坐席全部发言中查找礼貌词种类：{'、'.join(self._kinds)}",
            details={"kinds_used": sorted(present), "min_kinds": minimum},
        )]


def _cut_off(ctx: CallContext) -> bool:
    from hotline_qa.rules.catalogue.closing import customer_cut_off  # closing imports this module

    return customer_cut_off(ctx.call)


# --------------------------------------------------------------------------------------------
# POL004
# --------------------------------------------------------------------------------------------

# The customer names themself: "我姓王", "免贵姓李", "我叫张伟", "我是王女士", "我是…的业主姓刘".
# Not a name: "我姓名写错了" (姓名), "我叫了个外卖" / "我叫快递员明天送" (叫 = to call for),
# "我是王先生的家属" (the caller is someone else). A name "我叫张伟" ends its clause, or runs on into the
# next detail in unpunctuated speech ("我叫吴建国身份证是…", field call 291).
_SELF_NAME = re.compile(
    r"(?:免贵姓|我姓)(?!名)(?P<s1>[\u4e00-\u9fff])"
    r"|我叫\s?(?![了过个一人车他她它的外快])(?P<s2>[\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}"
    r"(?=[\s,.!?;:。，、]|我|$|身份证|证件|手机|电话|联系|卡号|住在|住|家住|今年)"
    r"|我是(?P<s3>[\u4e00-\u9fff])(?P<g3>先生|女士|小姐)(?![的之])"
    # "我是七栋一单元三零二的业主姓刘" (field call 250): the surname after who the caller is
    r"|我是[^,.!?;。，]{0,16}?的?(?:业主|住户|租户|车主|家长|用户|持卡人|机主)[,，\s]*姓(?!名)(?P<s4>[\u4e00-\u9fff])"
    # "机主就是我陈志强" (field call 756): the holder is the caller, named in full
    r"|(?:机主|户主|持卡人|车主|投保人|开户人|业主)(?:就|也)?是我(?:本人)?[,，\s]*"
    r"(?P<s6>[\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}(?=[\s,.!?;:。，、]|$)"
)
_GENDER_WORD = re.compile(r"(?P<g>先生|女士|小姐)")
# The caller's spouse tells the caller's gender: "改成我老公的一八六…" (a woman, field call 351), "我老婆的卡"
# (a man). Not "我爱人"/"我老伴" (either gender), nor "我先生" (ASR drops the 是 of "我是王先生").
_SPOUSE = re.compile(r"我(?:的|家)?(?:(?P<f>老公|丈夫)|(?P<m>老婆|媳妇|妻子|太太))")
# The agent asks for the name; the customer's next turn answers it.
# ("麻烦您提供一下 / 机主姓名 / 和身份证后六位", field call 406: the caller checks in as the holder)
# ("请问收件人姓名" / "和电话是" / "黄志明" / "电话就是我这个号", field call 428: the caller's own name;
# "我妈王秀英" names someone else and is no surname answer)
_ASK_NAME = re.compile(r"贵姓|怎么称呼|如何称呼|您的姓名|您叫什么|您的名字"
                       r"|(?:机主|持卡人|户主|开户人|投保人|本人|收件人|收货人|联系人|报案人|申请人)的?姓名"
                       r"|(?:报|说|提供)(?:一下)?(?:您的?)?(?:姓名|全名)")
# ("姓刘 刘建军": the surname, then the full name, field call 629)
_ANSWER_SURNAME = re.compile(r"^(?:嗯|哦|噢|我)?(?:免贵)?姓?(?P<s>[\u4e00-\u9fff])"
                             r"(?:先生|女士|小姐|(?<=姓.)(?P=s)[\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff]{0,2})?(?:[,.!?。]|$)"
                             # the full name, then the surname spelt out ("刘秀兰文刀刘秀气的秀", field call 716)
                             r"|^(?:嗯|哦|噢|我)?(?:叫)?(?P<s5>[\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}"
                             r"(?:文刀|弓长|木子|耳东|口天|立早|双木|古月|言午|走肖|关耳|人可|子小|三横)(?P=s5)")
_VOCATIVE_AFTER = frozenset("您你好,.!?;:。，、！？ ")
# An acknowledgement or courtesy word just before an honorific makes it a vocative ("好的先生…").
_VOCATIVE_BEFORE = ("好的", "好", "嗯", "是的", "对的", "对", "哎", "您好", "你好", "不好意思", "抱歉", "谢谢",
                    "感谢", "请问", "麻烦")
_TITLES = frozenset(("先生", "女士", "小姐"))
# Honorifics that are trades as well: addressed only opening the clause or after an acknowledgement.
_TRADES = frozenset(("师傅", "老师"))
# A character before an honorific that makes it someone spoken of, not spoken to: "是片区师傅",
# "派师傅", "我们的师傅", "那位老师", "方便师傅 / 上门前跟您约时间" (field call 693), "等师傅", "跟师傅说".
_NAMED_BEFORE = frozenset("是的派让叫请找区个们位给便等跟和")
_SURNAME_BEFORE = re.compile(rf"(?:{SURNAMES})$")
_LATIN_BEFORE = re.compile(r"[A-Za-z]{2,}\s?$")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'-]+")
_GENDER_ZH = {"先生": "先生", "女士": "女士", "小姐": "女士", "male": "先生", "female": "女士",
              "m": "先生", "f": "女士", "男": "先生", "女": "女士"}


def _known_from_metadata(ctx: CallContext) -> tuple[str | None, str | None]:
    extra = ctx.call.metadata.extra
    name = extra.get("customer_name")
    gender = extra.get("customer_gender")
    name = str(name).strip() if name else ""
    latin = _LATIN_NAME.match(name)
    # (a foreign name is said whole, not by its first letter: "David Miller" is "David先生", field call 567)
    surname = latin.group() if latin else name[:1]
    title = _GENDER_ZH.get(str(gender).strip().lower()) if gender else None
    return surname or None, title


@register
class HonorificNotUsed(Rule):
    """Once the customer's name or gender is known, the agent never addresses them as
    先生/女士 (+ surname).

    The name is known from call metadata (``customer_name``/``customer_gender`` extra keys),
    from the customer naming themself ("我姓王", "免贵姓李", "我是王女士"), or from the
    customer's answer to "请问您贵姓"; the gender also from the customer's spouse ("我老公的手机"
    is a woman's, "我老婆的卡" a man's). Other respectful forms from the rulebook (``honorifics``:
    "陈阿姨", "王老师" for elderly customers or teachers) count as well. Info only: it steers
    coaching, it costs no points.
    """

    code = "POL004"
    slug = "courtesy.no_honorific"
    family = "POL"
    name_zh = "未用先生/女士称呼客户"
    name_en = "Customer not addressed as 先生/女士"
    dimension = "courtesy"
    source = "000 称谓"
    why = "服务过程中注意称谓：“您”“女士”“先生”（000）。知道客户姓氏后以“王先生/李女士”称呼，体现尊重。"
    suggestion = "得知客户姓氏后用“X先生/X女士”称呼，如“王女士，您反映的问题我已经记录下来了”。"

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self._honorific = compile_any([re.escape(w) for w in self.param("honorifics")])

    def _addresses(self, text: str, surname: str | None, title: str | None = None) -> bool:
        """An honorific used to address the customer: after the surname ("王先生", "赵阿姨") or
        as a vocative before "您"/a pause/the end ("好的先生您放心", "阿姨您别急"). "师傅明天上门"
        (the repairman) and "您先生的手机" (the customer's husband) address nobody; with the
        customer's gender known (``title``), "六零一是孙先生家登记的电话" speaks of a neighbour
        (field call 563)."""
        for m in self._honorific.finditer(text):
            if surname and text[max(0, m.start() - len(surname)):m.start()] == surname:
                return True
            if title and m.group() in _TITLES and _GENDER_ZH[m.group()] != title:
                continue  # another person's title
            if (m.group() in _TITLES or m.group() == "老先生") and (
                    _SURNAME_BEFORE.search(text, 0, m.start()) or _LATIN_BEFORE.search(text, 0, m.start())):
                # "林先生接下来我帮您查询", "好的王女士那您先忙", "好的王老先生" (field call 1100) with no
                # name heard before; a foreign name, given or family ("好的David先生请问…", "Miller先生")
                return True
            if m.group() == "老师" and m.start() > 0 and _SURNAME_BEFORE.search(text, 0, m.start()) and (
                    m.start() == 1 or text[:m.start() - 1].endswith(_VOCATIVE_BEFORE)
                    or text[m.end():m.end() + 1] in _VOCATIVE_AFTER):
                return True  # "周老师您是说…", "好的周老师" (field call 1137, a retired teacher): not "王老师说"
            if text[m.start() - 1:m.start()] in ("您", "你"):
                continue
            if m.group() in _TRADES and m.start() > 0 and text[m.start() - 1] not in _VOCATIVE_AFTER \
                    and not text[:m.start()].endswith(_VOCATIVE_BEFORE):
                continue  # "后面会有装维师傅", "数学老师": a trade named, nobody addressed (field call 756)
            if (m.end() >= len(text) or text[m.end()] in _VOCATIVE_AFTER) \
                    and (text[m.start() - 1:m.start()] not in _NAMED_BEFORE
                         or text[:m.start()].endswith(_VOCATIVE_BEFORE)
                         or (m.group() in _TITLES and text[m.start() - 1] == "是")):  # "请问是先生您本人吗"
                return True  # (not "肯定是片区师傅" / "那边没协调好": someone spoken of, field call 570)
            # unpunctuated speech runs the vocative into the next words: "好的先生持卡人本人需要…",
            # "不好意思女士这个…"; "先生的手机" is still nobody addressed, and "好的师傅明天上门" is the
            # repairman (only the titles 先生/女士/小姐 are read so)
            if (m.group() in _TITLES and m.end() < len(text) and text[m.end()] != "的"
                    and (m.start() == 0 or text[:m.start()].endswith(_VOCATIVE_BEFORE))):
                return True
        return False

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        surname, title = _known_from_metadata(ctx)
        known_at: int | None = -1 if (surname or title) else None
        evidence: Utterance | None = None
        utts = ctx.call.utterances
        asked = False
        spouse: tuple[Utterance, str] | None = None  # the first turn that tells the gender by the spouse
        by_spouse = False
        if known_at is None:
            # Turns where the patterns cannot match (no "贵姓", "我姓"… at all) are not searched.
            asks, names = ctx.candidates(_ASK_NAME), ctx.candidates(_SELF_NAME)
            for u in utts:
                if (u.role is Role.AGENT and (asks is None or u.index in asks)
                        and _ASK_NAME.search(u.text)):
                    asked = True
                    continue
                if u.role is not Role.CUSTOMER:
                    continue
                if spouse is None and (k := _SPOUSE.search(u.text)) is not None:
                    spouse = (u, "女士" if k.group("f") else "先生")
                m = _SELF_NAME.search(u.text) if names is None or u.index in names else None
                if m is None and asked:
                    m = _ANSWER_SURNAME.search(u.text)
                asked = False
                if m is not None:
                    groups = m.groupdict()
                    surname = (groups.get("s1") or groups.get("s2") or groups.get("s3") or groups.get("s4") or groups.get("s")
                               or groups.get("s5") or groups.get("s6"))
                    g = _GENDER_WORD.search(u.text)
                    title = _GENDER_ZH[g.group("g")] if g else None
                    known_at, evidence = u.index, u
                    break
            if spouse is not None and (known_at is None or spouse[0].index < known_at):
                by_spouse = surname is None  # only the gender is known, and the voice told it all along
                evidence, title = spouse[0], title or spouse[1]
                known_at = evidence.index
        if known_at is None:
            ctx.report(self.code, {"name_known": False})
            return []
        # A gender known only from the spouse was heard in the voice from the start: a title used
        # before it ("郑女士您好" in an outbound call, field call 318) counts.
        later = [u for u in agent_turns(ctx) if by_spouse or u.index > known_at]
        ctx.report(self.code, {"name_known": True, "surname": surname, "title": title,
                               "known_at_utterance": known_at if known_at >= 0 else None})
        if not later or any(self._addresses(u.text, surname, title) for u in later):
            return []
        how = f"{surname or 'X'}{title or '先生/女士'}"
        return [self.finding(
            f"已知客户称呼（{how}），坐席之后从未以“先生/女士”称呼客户",
            utterances=[evidence] if evidence else [],
            suggestion=f"得知客户姓氏后用“{how}”称呼，如“{how}，您反映的问题我已经记录下来了”。",
            explanation="客户自报姓氏/性别（或元数据给出）之后的坐席发言中没有“先生/女士/小姐”",
        )]


def spans_text(matches: Sequence[Match]) -> str:
    """The matched words, joined for a message."""
    return "、".join(dict.fromkeys(m.text for m in matches))
