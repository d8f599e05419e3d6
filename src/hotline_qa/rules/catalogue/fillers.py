"""FIL: filler words (口头语) — counted only where they are used as fillers.

Agents dispute filler counts, so precision comes before recall. A word counts only in a
filler use; every occurrence is reported with the reason it counted:

- 这个 / 那个(儿): repeated ("那个那个"), or at a clause start followed by a pause, a
  particle or another filler ("这个…", "那个，", "那个嗯"), or a clause of its own.
  "这个订单", "那个地址", "这个您放心" (a topic) are not fillers. Unpunctuated: "那个" at a
  clause start or after a particle or an acknowledgement, before a pronoun or "请问"
  ("是吧那个我看一下", "好的那个请问…").
- 嗯: inside the agent's running speech ("您的订单嗯已经发货了"), at a turn start followed
  by another filler ("嗯那个…"), or at a sentence start straight into the agent's own words
  ("嗯理解您着急", "嗯您这种情况首次…": 004 lists 嗯, and this is how agents use it), also when the
  ASR cut it into a sentence of its own before the content ("嗯" / "就诊当天您带上…"). A turn
  that is only "嗯"/"嗯嗯" (a backchannel, which 003 recommends) and an acknowledgement
  ("嗯，好的", "嗯对", "嗯是的", "嗯明白") and a turn inviting the customer to go on ("嗯您说",
  "嗯然后呢") are not counted; "嗯?" is TAB002's.
- 然后: repeated ("然后然后"), trailing off at the end of a turn, or followed by a pause
  mark or another filler ("然后…", "然后嗯"); or opening the agent's answer to the customer's
  words when the agent's turn before gave no steps to go on from ("那我上哪取去" / "然后您取的时候…").
  Sequencing ("然后您再点确认") is not a filler, nor "(嗯)然后呢" asking the customer to go on.
- 就是说: at a clause start as a hesitation; "也就是说" / "意思就是说" explain, not counted, nor
  does "就是说…" opening the answer to the customer's "X是什么意思" / "那X是".
- 没问题: a clause of its own ("好的，没问题。") or repeated; "没问题吧？", "如果没问题的话",
  "系统没问题" carry meaning and are not counted.
- 请稍等 (004 ⑪ lists it): counted only where no wait follows, i.e. repeated in one turn
  ("稍等稍等"), or — with timestamps — said without a reason or a duration and followed by
  speech within ``wait_gap_seconds`` and no hold. "麻烦您稍等一分钟，我帮您查询" announces a
  hold (HLD001 judges it) and never counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hotline_qa.core.call import Call, EventKind, Role, Utterance, is_backchannel
from hotline_qa.core.findings import Finding
from hotline_qa.rules.base import Rule
from hotline_qa.rules.catalogue.courtesy import (
    BREAKS,
    agent_turns,
    at_clause_end,
    at_clause_start,
    is_own,
    turns_matching,
)
from hotline_qa.rules.catalogue.fragments import fragment_pairs
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match
from hotline_qa.rules.registry import register
from hotline_qa.text.normalize import aligned_positions

_B = r"\s,.!?;:。，、…~"
_PAUSE = r"(?:[,，、…~]|\.\.\.)"
_NEXT_FILLER = r"(?:嗯|呃|啊|那个|这个|就是说|然后)"

_DEMONSTRATIVE_RUN = re.compile(r"(?:这个|那个)儿?(?:[\s,，、…]*(?:这个|那个)儿?)+")
_DEMONSTRATIVE = re.compile(rf"(?:这个|那个)儿?(?={_PAUSE}|嗯|呃|啊(?![?])|就是说|然后|$)")
# "那个" right before a pronoun or "请问" is no determiner ("那个您是说…", "是吧那个我看一下"),
# unless a relative clause follows ("那个您说的地址"). Counted at a clause start or after a
# sentence-final particle: unpunctuated ASR text keeps no other trace of the pause.
# "的话" is a condition, not a relative clause: "那个你这个课的话…" is a hesitation, and so is
# "那个您家的户号是多少" (a possessive) and "那个麻烦您提供一下…" (a request opener, field calls 321/333).
# "呃那个查到了": before the agent's own act found or done ("查到了", "看了一下"), field call 336.
# "嗯那个要不然你找一下…" (field call 524): before a conjunction, no noun follows to be determined.
_NAGE_PRONOUN = re.compile(r"那个(?=(?:您|你|我|咱)(?!们?(?!家的|自己的)[^,.!?的]{1,4}的(?!话))|请问|麻烦(?:您|你)"
                           r"|查到了|查了一下|看了一下|看到了|要不然|要不|不然|所以|但是|可是|因为|为了|其实|反正"
                           # another demonstrative that "那个" cannot modify: "那个那是网点的事" (field call 537),
                           # "那个这种的话就是说" (680)
                           # (and with a measure word: "好的那个这张卡您要确认一下", field call 1157)
                           r"|(?:那|这)(?:是|就是|就|样|么|种|张|个|笔|次|份|台|件|条|单)"
                           # a deictic time word, which takes no determiner: "好的那个今晚的话您要是着急…" (field
                           # call 1055); not "那个晚上", "那个时候"
                           r"|(?:今天|今晚|明天|后天|昨天|现在|刚才|目前))")
_PARTICLE_BEFORE = frozenset("吧吗呢啊哦噢嗯呃了")
# "嗯那个孙女士 / 您先别着急": "那个" before the customer's name and title said as an address (the
# title ends the clause or a pronoun follows); "那个王先生说的情况" (a third person) is a determiner.
# The title alone, with no name, is an address too ("那个阿姨我再说一遍", field call 433), but not
# "师傅"/"老师", who are as often a third person ("那个师傅我们已经派了").
_NAGE_ADDRESS = re.compile(r"那个(?=(?:[\u4e00-\u9fff]{1,2}(?:女士|先生|小姐|阿姨|叔叔|大爷|大妈|大姐|大哥|师傅|老师)"
                           r"|(?:女士|先生|小姐|阿姨|叔叔|大爷|大妈|大姐|大哥))"
                           rf"(?:$|[{_B}]|您|你|咱|我))")
# "那个赵先生再次向您致歉" (field call 835): the name and title go on into the sentence, and are the
# customer's address all the same when the agent addressed the customer so elsewhere ("赵先生我这边查到").
_NAGE_NAMED = re.compile(r"那个(?=(?P<who>[\u4e00-\u9fff]{1,2}(?:女士|先生|小姐|阿姨|叔叔|大爷|大妈|大姐|大哥)))")
# "我这边 然后 马上给您登记": "然后" right after a bare subject is a hesitation; sequencing follows
# an act ("查好然后给您回电").
_RANHOU_AFTER_SUBJECT = re.compile(r"(?:我这边|我们这边|我这里|我们这里)然后|(?:(?<![\u4e00-\u9fff])|(?<=[嗯呃啊吧]))这边然后")
_EN = re.compile(r"嗯+")
# An acknowledgement and the customer's name before "那个": "好的陈先生那个我需要进系统看一下" (field call 1151).
_ACK_NAME_BEFORE = re.compile(r"(?:^|[\s,，。])(?:嗯|好的|好|行|对|是的)[\s,，]*[\u4e00-\u9fff]{0,2}(?:先生|女士|小姐|阿姨|叔叔|大爷|师傅|老师)[\s,，]*$")
# "嗯然后呢", "嗯您说": the agent's whole turn invites the customer to go on, like a backchannel.
_PROMPT_ON = re.compile(rf"[{_B}]*(?:然后呢|[您你]请?[说讲](?:吧|一下)?|请讲)[{_B}]*$")
# "好的那个请问…", "对那个您…", "嗯好的那个您是想…": an acknowledgement opening the turn, then "那个"
# before a pronoun; "然后那个我看到…" (field call 343): another filler before it.
# ("嗯知道 / 那个你听我说", field call 617 with its sentences run together)
# ("我明白我明白那个我现在就给装修队打电话", field call 1083: "我明白" said twice acknowledges)
_ACK_BEFORE = re.compile(rf"(?:^|[{_B}])(?:嗯|呃)?(?:好的|好|行|对|嗯|是的|可以|(?:(?:我)?(?:知道|明白|了解|理解)了?)+)[{_B}]*$")
_FILLER_BEFORE = ("然后", "就是")
# ("…读卡器或者那个，用燃气APP的NFC写卡", field call 998: "或者" joins two things inside a clause, and the
# pause after "那个" says the second one was searched for)
_CONJ_BEFORE = re.compile(rf"(?:(?:^|[{_B}])(?:但是|可是|所以|不过|因为|其实|而且)|或者|或是)$")
# "嗯遇到这种情况确实挺闹心的": a turn-initial 嗯 straight into the agent's own content is a
# hesitation; "嗯好的", "嗯对", "嗯是的", "嗯明白" acknowledge, and "嗯" alone is a backchannel.
# (the content may start with a Latin word or a number: "嗯 app上也可以的", field call 424)
_EN_BEFORE_CONTENT = re.compile(rf"[{_B}]*(?!好|对|是|行|可以|明白|了解|知道|没错|嗯|哦|噢|啊|呃|ok|OK|$)[\u4e00-\u9fffA-Za-z0-9]")
_RANHOU_RUN = re.compile(r"然后(?:[\s,，、…]*然后)+")
# "就是就是…": a repeated 就是 is a hesitation ("就是" alone carries meaning: "这就是您的订单").
_JIUSHI_RUN = re.compile(r"就是(?:[\s,，、…]*就是)+")
_RANHOU = re.compile(r"然后(?:呢)?(?=…|\.\.\.|嗯|呃|那个|这个|就是说|$)")
_JIUSHISHUO = re.compile(r"(?<![也这那就不是思])就是说")
_MEIWENTI_RUN = re.compile(r"没问题(?:[\s,，、]*没问题)+")
_MEIWENTI = re.compile(rf"(?:^|(?<=[{_B}]))(?:好的|好|嗯|行|那|对)?没问题(?:的|啊|哈|哦|呀)?(?=$|[{_B}])(?![?])")
_ANY = re.compile(r"这个|那个|嗯|然后|就是|没问题|稍等")
_WAIT = re.compile(r"(?:请|您|麻烦您)?稍等(?:一下|片刻|一会儿?)?")
_WAIT_RUN = re.compile(r"(?:(?:请|您)?稍等(?:一下)?[\s,，、]*){2,}")
_WAIT_REASON = re.compile(r"查|核实|核对|确认|看一下|看看|帮您|为您|系统|转接|联系|记录|登记|处理")
_WAIT_DURATION = re.compile(r"[\d一二两三四五六七八九十几半]+\s*(?:分钟|秒|分)")


@dataclass(frozen=True, slots=True)
class FillerUse:
    """One counted filler: where, which word, and why it counted."""

    match: Match
    kind: str
    reason: str


def _prev_nonbreak(text: str, i: int) -> bool:
    """True when some spoken character precedes position ``i`` in the turn."""
    return any(ch not in BREAKS for ch in text[:i])


# The customer asks what something means: "那满五唯一是", "核定是什么意思", "啥叫差额".
_MEANING_QUESTION = re.compile(r"(?:是什么|什么意思|啥意思|是啥|什么叫|啥叫|怎么讲|指的是|指什么|是指|意思是|是)"
                               r"[吗呢啊呀\s?？]*$|^(?:什么|啥)叫")


def _answers_meaning_question(call: Call, u: Utterance) -> bool:
    """``u`` opens the agent's answer to the customer's question about what something means
    ("那满五唯一是" / "就是说房产证满五年而且是…": an explanation, not a hesitation)."""
    last: Utterance | None = None
    for v in call.utterances:
        if v is u:
            break
        if v.role is not Role.SYSTEM:
            last = v
    return last is not None and last.role is Role.CUSTOMER and _MEANING_QUESTION.search(last.text.strip()) is not None


def _next_speech_gap(call: Call, u: Utterance) -> float | None:
    """Seconds from the end of ``u`` to the next speech, or None without times.

    The customer's "好" / "嗯" after "您稍等" is no speech that ends the wait: the silence
    that follows is the wait.
    """
    if u.end is None:
        return None
    later = [v.start for v in call.utterances
             if v.index > u.index and v.role in (Role.AGENT, Role.CUSTOMER) and v.start is not None
             and not (v.role is not u.role and is_backchannel(v.text))]
    return (min(later) - u.end) if later else None


def _inside_own_turn(call: Call, u: Utterance) -> bool:
    """``u`` is neither the first nor the last sentence of its speaking turn, and the sentences either
    side are the agent's own (no customer sentence bridged between them)."""
    sentences = call.turn_sentences(u.index)
    at = next((k for k, v in enumerate(sentences) if v.index == u.index), None)
    return at is not None and 0 < at < len(sentences) - 1 \
        and sentences[at - 1].index == u.index - 1 and sentences[at + 1].index == u.index + 1


def _opens_turn_before(call: Call, u: Utterance) -> Utterance | None:
    """The next sentence when ``u`` opens its speaking turn and the agent's own next sentence follows
    it in the turn (no customer sentence between), else None."""
    sentences = call.turn_sentences(u.index)
    if len(sentences) < 2 or sentences[0].index != u.index or sentences[1].index != u.index + 1:
        return None
    return sentences[1]


def _hold_follows(call: Call, u: Utterance, within: float) -> bool:
    if u.start is None:
        return False
    end = (u.end or u.start) + within
    return any(e.at is not None and u.start <= e.at <= end for e in call.events_of(EventKind.HOLD_START))


def _spaced_demonstratives(u: Utterance) -> list[tuple[int, int]]:
    """"那个 快递是第三方的": a clause-initial 这个/那个 that the transcript follows with a space
    (ASR's pause), as ``(start, end)`` in ``u.text`` (the engine's text drops spaces between
    hanzi; the original keeps them). Not in word-segmented ASR ("那个 订单 已经 发货", where
    a space is a word boundary) nor before a word of under three characters ("那个 地址")."""
    original = _paused(u)
    if not original:
        return []
    found: list[tuple[int, int]] = []
    in_text: dict[int, int] | None = None  # original position -> u.text position
    for m in _SPACED_DEMONSTRATIVE.finditer(original):
        if len(m.group("next")) < 3 or _SUBJECT_OF.match(m.group("next")):
            continue
        if in_text is None:
            in_text = dict(aligned_positions(original, u.text))
        pos = in_text.get(m.start())
        if pos is not None and u.text[pos:pos + 2] in ("这个", "那个"):
            found.append((pos, pos + 2))
    return found


def _paused(u: Utterance) -> str:
    """``u``'s original text when its spaces are ASR pauses, else "": no space, or a space after
    every word or two (word segmentation, "那个 订单 已经 发货")."""
    original = u.original or ""
    if " " not in original and "\u3000" not in original:
        return ""
    pieces = original.split()
    if len(pieces) >= 4 and sum(len(p) for p in pieces) / len(pieces) <= _SEGMENTED_MEAN:
        return ""
    return original


def _after_pause(u: Utterance, word: str) -> set[int]:
    """Where ``word`` starts in ``u.text`` right after an ASR pause (a space in the original):
    "王先生您先别急着挂 就是说 这个活动…" (field call 328) opens a clause there."""
    original = _paused(u)
    if not original or word not in original:
        return set()
    in_text = dict(aligned_positions(original, u.text))
    out: set[int] = set()
    at = original.find(word)
    while at >= 0:
        if at > 0 and original[at - 1] in " \u3000" and (pos := in_text.get(at)) is not None \
                and u.text.startswith(word, pos):
            out.add(pos)
        at = original.find(word, at + 1)
    return out


# A clause-initial demonstrative, then a space and the next piece of speech (original text,
# traditional or simplified, before normalisation).
_SPACED_DEMONSTRATIVE = re.compile(
    r"(?:^|(?<=[\s,.!?;:。，、！？；：…~]))(?:这个|那个|這個|那個)(?:儿|兒)?[ \u3000]+(?P<next>[^\s,.!?;:。，、！？；：…~]+)")
# "这个 要看后台那边的处理进度" (field call 330): the demonstrative is the subject of what follows.
_SUBJECT_OF = re.compile(r"(?:要看|得看|需要看|主要看|取决于|是(?!不是)|就是|属于)")
# Mean characters per space-separated piece at or under which spaces are word boundaries.
_SEGMENTED_MEAN = 2.5


def _addressed_elsewhere(call: Call, u: Utterance, who: str) -> bool:
    """The agent addresses the customer as ``who`` ("赵先生") in another sentence of the call: opening it
    or ending a clause with it, or with a pronoun after it ("赵先生我这边查到", "我明白赵先生")."""
    address = re.compile(rf"(?:^|[{_B}]){re.escape(who)}|{re.escape(who)}(?:$|[{_B}]|您|你|我|吗|啊|呀)")
    return any(v.role is Role.AGENT and v is not u and address.search(v.text) is not None for v in call.utterances)


def _ranhou_before_subject(before: str, siblings: Sequence[Utterance], u: Utterance) -> bool:
    """A "然后" ending sentence ``u`` (``before``: its words before it) that leads no step: nothing before
    it opens a sequence ("先", "第一"), and the turn's next sentence starts afresh with a subject ("有假一赔十
    的规则然后" / "我这边给您登记…", "就花了四十多然后" / "你升级以后…", field calls 835 and 838), not with
    the next step ("等三十秒然后" / "再插回去")."""
    if _STEP_BEFORE.search(before) is not None:
        return False
    at = next((i for i, v in enumerate(siblings) if v is u), -1)
    return 0 <= at < len(siblings) - 1 and _SUBJECT_OPENS.match(siblings[at + 1].text) is not None


_STEP_BEFORE = re.compile(r"先|首先|第一|一是|等")
# A speaking turn that opens on "然后" (after a hesitation), not "然后呢" asking the customer to go on.
_TURN_OPENING_RANHOU = re.compile(rf"[{_B}嗯呃]*然后(?!呢)")
# Steps the agent was giving: the next one may open a turn with "然后" after the customer's words.
_STEPS_GIVEN = re.compile(r"先(?!生)|第一|第二|一是|接着|再|之后|以后|完了")


def _answers_customer(call: Call, u: Utterance) -> bool:
    """``u`` opens an agent turn right after the customer's own words (no backchannel), and the agent's
    turn before gave no steps that "然后" could go on with ("您先打开APP" / "好的" / "然后点我的")."""
    earlier = call.utterances[:u.index]
    said = next((v for v in reversed(earlier) if v.role is not Role.SYSTEM and v.text), None)
    if said is None or said.role is not Role.CUSTOMER or is_backchannel(said.text):
        return False
    agent = next((v for v in reversed(earlier) if v.role is Role.AGENT), None)
    if agent is None:
        return True
    return not any(_STEPS_GIVEN.search(v.text) for v in (call.turn_sentences(agent.index) or (agent,)))


_SUBJECT_OPENS = re.compile(r"(?:我们|我这边|我|您|你|咱们)(?!们?的)")


def find_fillers(call: Call, u: Utterance, *, wait_gap: float) -> list[FillerUse]:
    """The filler uses in one agent turn (see the module docstring for what counts)."""
    text = u.text
    out: list[FillerUse] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, reason: str) -> None:
        if any(a < end and start < b for a, b in taken) or not is_own(text, start, end):
            return
        taken.append((start, end))
        out.append(FillerUse(Match(u.index, start, end, text[start:end], kind), kind, reason))

    if not _ANY.search(text):
        return out
    has = text.__contains__
    demonstrative = has("这个") or has("那个")  # what the next three searches need
    for m in (_DEMONSTRATIVE_RUN.finditer(text) if demonstrative else ()):
        add(m.start(), m.end(), "这个/那个", "重复")
    for m in (_DEMONSTRATIVE.finditer(text) if demonstrative else ()):
        if at_clause_start(text, m.start()) or text[m.start() - 1:m.start()] in ("嗯", "呃") \
                or _ACK_BEFORE.search(text, 0, m.start()) or _CONJ_BEFORE.search(text, 0, m.start()):
            # ("好的 那个，我帮您查一下", "但是那个，记录上显示": after an acknowledgement or a conjunction, field call 823)
            reason = "独立成句" if at_clause_end(text, m.end()) else "句首犹豫，后接停顿或语气词"
            add(m.start(), m.end(), "这个/那个", reason)
    for start, end in (_spaced_demonstratives(u) if demonstrative else ()):
        add(start, end, "这个/那个", "句首犹豫，后接停顿（转写中的空格）")
    for m in (_NAGE_PRONOUN.finditer(text) if has("那个") else ()):
        if at_clause_start(text, m.start()) or text[m.start() - 1:m.start()] in _PARTICLE_BEFORE \
                or _ACK_BEFORE.search(text, 0, m.start()) or text.endswith(_FILLER_BEFORE, 0, m.start()) \
                or _ACK_NAME_BEFORE.search(text, 0, m.start()):
            add(m.start(), m.end(), "这个/那个", "犹豫，后接人称代词、“请问”、连词或“今天”等时间词")
    for m in (_NAGE_ADDRESS.finditer(text) if has("那个") else ()):
        if at_clause_start(text, m.start()) or text[m.start() - 1:m.start()] in _PARTICLE_BEFORE:
            add(m.start(), m.start() + 2, "这个/那个", "犹豫，后接对客户的称呼")
    for m in (_NAGE_NAMED.finditer(text) if has("那个") else ()):
        if (at_clause_start(text, m.start()) or text[m.start() - 1:m.start()] in _PARTICLE_BEFORE) \
                and _addressed_elsewhere(call, u, m.group("who")):
            add(m.start(), m.start() + 2, "这个/那个", "犹豫，后接对客户的称呼")
    for m in (_RANHOU_RUN.finditer(text) if has("然后") else ()):
        add(m.start(), m.end(), "然后", "重复")
    for m in (_RANHOU_AFTER_SUBJECT.finditer(text) if has("然后") else ()):
        add(m.end() - 2, m.end(), "然后", "犹豫，紧跟在主语“我这边”之后")
    siblings = (call.turn_sentences(u.index) or (u,)) if has("然后") or has("稍等") else (u,)
    for m in (_RANHOU.finditer(text) if has("然后") else ()):
        alone = m.end() == len(text.rstrip("".join(BREAKS))) and not text[:m.start()].strip("".join(BREAKS) + "嗯")
        if alone and (siblings[-1] is u or m.group().endswith("呢")):
            continue  # a turn that is only "(嗯)然后(呢)?" asks the customer to go on
        if alone:  # "然后" / "您这个月已经用了二十二个G" (field call 646): a sentence of its own, the turn goes on
            add(m.start(), m.end(), "然后", "独立成句")
            continue
        if m.end() >= len(text.rstrip("".join(BREAKS))) and siblings[-1] is not u \
                and not _ranhou_before_subject(text[:m.start()], siblings, u):
            continue  # "等三十秒然后" / "再插回去": the ASR split the turn there, a pause like "然后，"
        add(m.start(), m.end(), "然后", "句尾拖音" if m.end() >= len(text.rstrip("".join(BREAKS))) else "后接停顿或语气词")
    if has("然后") and (opening := _TURN_OPENING_RANHOU.match(text)) and text[opening.end():].strip("".join(BREAKS)) \
            and siblings[0] is u and _answers_customer(call, u):
        # "那我上哪取去" / "然后您取的时候第一步…" (field call 912): the turn opens on it, nothing said before to go
        # on from (a turn of only "然后" asks the customer to go on)
        add(opening.end() - 2, opening.end(), "然后", "轮首犹豫，前面没有可接续的话")
    for m in (_JIUSHI_RUN.finditer(text) if has("就是就是") or has("就是，就是") or has("就是 就是") else ()):
        add(m.start(), m.end(), "就是", "重复")
    paused = _after_pause(u, "就是说") if has("就是说") else set()
    for m in (_JIUSHISHUO.finditer(text) if has("就是说") else ()):
        if at_clause_start(text, m.start()) or any(b == m.start() for _, b in taken) or m.start() in paused \
                or text[m.start() - 1:m.start()] in ("嗯", "呃"):  # "…心情嗯嗯就是说按照规定" (336)
            if not _prev_nonbreak(text, m.start()) and _answers_meaning_question(call, u):
                continue  # "那满五唯一是" / "就是说房产证满五年…": the explanation asked for
            add(m.start(), m.end(), "就是说", "句首犹豫")
    for m in (_EN.finditer(text) if has("嗯") else ()):
        if text[m.end():m.end() + 1] == "?":
            continue  # rising 嗯? is TAB002
        if _prev_nonbreak(text, m.start()):
            if text[m.end():].strip("".join(BREAKS)):
                add(m.start(), m.end(), "嗯", "话语中间的犹豫")
        elif _PROMPT_ON.match(text, m.end()):
            continue  # "嗯然后呢", "嗯您说": a listener's turn inviting the customer to go on
        elif re.match(rf"[{_B}]*{_NEXT_FILLER}", text[m.end():]) and not re.match(rf"[{_B}]*啊?\?", text[m.end():]):
            add(m.start(), m.end(), "嗯", "句首犹豫，后接其他口头语")
        elif _EN_BEFORE_CONTENT.match(text, m.end()):
            add(m.start(), m.end(), "嗯", "句首犹豫，后接正文")
        elif not text[m.end():].strip("".join(BREAKS)) and _inside_own_turn(call, u):
            # "如果审核没有通过的话" / "嗯" / "您还是可以…" (field call 643): the agent's own speech goes on
            add(m.start(), m.end(), "嗯", "话语中间的犹豫（独立成句）")
        elif not text[:m.start()].strip("".join(BREAKS)) and not text[m.end():].strip("".join(BREAKS)) \
                and (nxt := _opens_turn_before(call, u)) is not None and _EN_BEFORE_CONTENT.match(nxt.text):
            # "嗯" / "就诊当天您带上老人的…" (field call 810): "嗯就诊当天…" cut by the ASR after the 嗯
            add(m.start(), m.end(), "嗯", "句首犹豫，后接正文（独立成句）")
    for m in (_MEIWENTI_RUN.finditer(text) if has("没问题") else ()):
        add(m.start(), m.end(), "没问题", "重复")
    for m in (_MEIWENTI.finditer(text) if has("没问题") else ()):
        add(m.start(), m.end(), "没问题", "独立成句的口头禅")
    if not has("稍等"):
        return sorted(out, key=lambda f: f.match.start)
    for m in _WAIT_RUN.finditer(text):
        add(m.start(), m.end(), "请稍等", "重复")
    said = "，".join(v.text for v in siblings)  # "大概需要三十秒" / "您稍等": the turn gives the reason
    if not _WAIT_REASON.search(said) and not _WAIT_DURATION.search(said):
        gap = _next_speech_gap(call, u)
        if gap is not None and gap < wait_gap and not _hold_follows(call, u, wait_gap):
            for m in _WAIT.finditer(text):
                add(m.start(), m.end(), "请稍等", f"说了稍等却未让客户等待（{gap:.1f} 秒后即继续通话）")
    return sorted(out, key=lambda f: f.match.start)


# A filler the ASR cut between its two sayings: "有一个行程然后" / "然后我跟您核对一下", "车牌是一致的就是" / "就是您
# 现在这个" (field call 288).
_CUT_REPEAT = ("然后", "就是", "那个", "这个")


# A sentence the ASR cut right after a trailing 这个/那个/然后, when the next sentence of the turn opens
# with another filler: "由一方扣也可以那个" / "就是看你们约定" (field call 386).
_TRAILING = ("这个", "那个", "然后")
_OPENS_WITH_FILLER = re.compile(r"(?:嗯|呃|就是|然后|那个|这个)")
# "您这个" / "就是属于正常扣费": after a pronoun or 的, the demonstrative is the subject ("yours").
_OWNER_BEFORE = frozenset("您你我咱他她它们的")


def _repeated_across_cut(ctx: CallContext, uses: list[FillerUse]) -> list[FillerUse]:
    """The second saying of a filler word that ends one sentence and starts the next of the same
    agent turn (``fragment_pairs``: no clause break between them), not already counted there; and
    a trailing 这个/那个/然后 before a next sentence that opens with another filler: the agent trailing
    off from one filler into the next, not a word the cut separated from its noun or its act."""
    counted = {(f.match.utterance, f.match.start) for f in uses}
    out: list[FillerUse] = []
    for u, v in fragment_pairs(ctx):
        for word in _CUT_REPEAT:
            if u.text.endswith(word) and v.text.startswith(word) and (v.index, 0) not in counted \
                    and (u.index, len(u.text) - len(word)) not in counted:
                out.append(FillerUse(Match(v.index, 0, len(word), word, word), word, "重复（被转写切在两句之间）"))
                break
        else:
            end = len(u.text)
            for word in _TRAILING:
                if u.text.endswith(word) and end > len(word) and (u.index, end - len(word)) not in counted \
                        and u.text[end - len(word) - 1] not in _OWNER_BEFORE and _OPENS_WITH_FILLER.match(v.text):
                    kind = "然后" if word == "然后" else "这个/那个"
                    out.append(FillerUse(Match(u.index, end - len(word), end, word, kind), kind,
                                         "句尾拖音，下一句又以口头语开头（被转写切在两句之间）"))
                    break
    return out


@register
class TooManyFillers(Rule):
    """The agent uses filler words more often than allowed in one call ("这个", "那个", "嗯",
    "然后", "就是说", "没问题", "请稍等" used as fillers — see the module docstring).

    Every counted occurrence is reported with the reason it counted, with the count and the
    limit (``max_count``, 3 by default).
    """

    code = "FIL001"
    slug = "fillers.too_many_fillers"
    family = "FIL"
    name_zh = "口头语过多"
    name_en = "Too many filler words"
    dimension = "voice"
    source = "004 忌⑪"
    why = "忌频繁使用口头语，如“请稍等”“就是说”“这个（儿）”“那个（儿）”“没问题”“嗯”“然后”等；一次通话中使用口头语的次数应累计不超过3次（004）。"
    suggestion = "想好再说，用停顿代替口头语；需要查询时完整说明：“您的问题比较专业，我需要稍作查询，麻烦您稍等1分钟可以吗？”（003 五(二)）"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        limit = int(self.param("max_count"))
        gap = float(self.param("wait_gap_seconds"))
        turns = agent_turns(ctx)
        if not turns:
            raise self.not_applicable("通话中没有坐席发言 (no agent speech)")
        # find_fillers finds nothing in a turn without any filler word: skip those turns.
        uses = [f for u in turns_matching(ctx, _ANY, turns) for f in find_fillers(ctx.call, u, wait_gap=gap)]
        uses += _repeated_across_cut(ctx, uses)
        by_kind: dict[str, int] = {}
        for f in uses:
            by_kind[f.kind] = by_kind.get(f.kind, 0) + 1
        ctx.report(self.code, {
            "count": len(uses), "limit": limit, "by_kind": by_kind,
            "occurrences": [{"utterance": f.match.utterance, "start": f.match.start, "end": f.match.end,
                             "text": f.match.text, "kind": f.kind, "reason": f.reason} for f in uses],
        })
        if len(uses) <= limit:
            return []
        by_index = {u.index: u for u in turns}
        kinds = "、".join(f"{k} {n} 次" for k, n in by_kind.items())
        return [self.finding(
            f"口头语 {len(uses)} 次，超过每通 {limit} 次（{kinds}）",
            utterances=[by_index[i] for i in sorted({f.match.utterance for f in uses})],
            matches=[f.match for f in uses],
            explanation="；".join(f"第{f.match.utterance}句“{f.match.text}”：{f.reason}" for f in uses),
            details={"count": len(uses), "limit": limit, "by_kind": by_kind},
        )]

