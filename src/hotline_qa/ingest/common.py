"""Helpers shared by every importer: role labels, speaker ids, times, events, utterances."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from hotline_qa.core.call import EventKind, Role, Utterance
from hotline_qa.core.errors import InputError
from hotline_qa.text.normalize import (
    hanzi_count,
    normalize_text,
    normalize_texts,
    to_half_width,
    to_simplified,
)

ROLES_HINT = "用 --roles 指定角色，例如 --roles 张三=agent,李四=customer (map labels with --roles)"

_AGENT_LABELS = (
    "坐席", "座席", "坐席员", "座席员", "客服", "客服代表", "客服人员", "客服专员", "人工客服", "话务员",
    "接线员", "业务员", "回访员", "工作人员", "服务人员", "坐席人员", "座席人员", "话务人员", "agent", "csr", "rep", "representative", "a",
)
_CUSTOMER_LABELS = (
    "客户", "用户", "来电人", "来电者", "来电方", "呼入方", "顾客", "客人", "市民", "群众", "反映人", "投诉人",
    "咨询人", "乘客", "旅客", "患者", "病人", "家属", "民众", "来电民众", "来电市民", "来电群众", "来电客户", "来电用户",
    "诉求人", "求助人", "访客", "customer", "caller", "client", "user", "visitor", "b",
)
# The IVR and the chat robot of contact-center platforms speak too, but are no agent: "智能客服" is a robot.
_SYSTEM_LABELS = ("系统", "系统提示", "系统消息", "系统通知", "语音提示", "语音导航", "机器人", "智能客服", "机器人客服",
                  "在线机器人", "智能机器人", "智能助手", "虚拟客服", "ai客服", "ivr", "bot", "robot", "system")

DEFAULT_ROLE_LABELS: Mapping[str, Role] = {
    **{label: Role.AGENT for label in _AGENT_LABELS},
    **{label: Role.CUSTOMER for label in _CUSTOMER_LABELS},
    **{label: Role.SYSTEM for label in _SYSTEM_LABELS},
}

EVENT_ALIASES: Mapping[str, EventKind] = {
    "hold_start": EventKind.HOLD_START, "hold": EventKind.HOLD_START, "保持开始": EventKind.HOLD_START,
    "hold_end": EventKind.HOLD_END, "unhold": EventKind.HOLD_END, "保持结束": EventKind.HOLD_END,
    "transfer": EventKind.TRANSFER, "转接": EventKind.TRANSFER,
    "hangup": EventKind.HANGUP, "hang_up": EventKind.HANGUP, "挂机": EventKind.HANGUP,
    "开始保持": EventKind.HOLD_START, "结束保持": EventKind.HOLD_END, "取消保持": EventKind.HOLD_END,
    "挂断": EventKind.HANGUP,
}

# Agents open a call with these; used to tell which anonymous speaker is the agent.
_OPENING_WEIGHTS: Mapping[str, int] = {
    "工号": 3, "很高兴为您服务": 3, "有什么可以帮您": 3, "有什么可以帮助您": 3, "客服": 2,
    "热线": 2, "您好": 1,
}

_TRAILING_NUMBER = re.compile(r"[\s_\-#]*\d+$")
# A job title the platform invented, read by its head noun (field call 392: "<v 回访专员>"): "回访专员", "客户经理",
# "理赔顾问", "在线坐席" are the agent; "来电客户", "投保人", "车主" the customer. Only a label of Chinese
# characters, up to six, that ends so (the robot names are listed in full above and checked first).
_AGENT_ENDINGS = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:专员|坐席|座席|客服|话务员|接线员|回访员|服务员|顾问|经理|代表|管家"
                            r"|工程师|调度员|值班员|督导|班长|组长|主管)$")
_CUSTOMER_ENDINGS = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:客户|用户|顾客|乘客|旅客|患者|市民|业主|住户|车主|投保人|被保险人"
                               r"|持卡人|来电人|投诉人|反映人|家属|学员|家长|租户)$")


def _role_by_ending(key: str) -> Role | None:
    """The role a free job title names by its last word ("回访专员" -> agent), or None."""
    if _AGENT_ENDINGS.match(key):
        return Role.AGENT
    if _CUSTOMER_ENDINGS.match(key):
        return Role.CUSTOMER
    return None
# "坐席-王芳", "客户_138****0000", "王芳/坐席", "客服·小李": a role word and a name or an id joined by a
# separator. The other part must look like a name (up to four hanzi, a Latin name) or an id.
_JOINED_LABEL = re.compile(r"^(?P<a>[^\s\-_·•/|:]+)\s*[\-_·•/|]\s*(?P<b>[^\s\-_·•/|:]+)$")
_NAME_OR_ID = re.compile(r"^(?:[0-9A-Za-z*#]{1,16}|[\u4e00-\u9fff]{1,4}|[A-Za-z][A-Za-z.]{0,15})$")
# "坐席(张三)", "客户【138****0000】", "张三（坐席）": a label with a name, number or role in brackets.
_BRACKETED_SUFFIX = re.compile(r"^(?P<base>[^(\[【]+?)\s*[(\[【](?P<inner>[^)\]】]{0,24})[)\]】]$")
# Anonymous speakers from diarization: "Speaker 1", "说话人2", "SPEAKER_00", "spk0", "发言人 1", "角色1",
# "说话人A"; a letter only after a prefix ("A" alone is the agent).
# QA platforms name the two channels of a stereo recording: "左声道"/"右声道" (which one is the agent
# depends on how the switch records; inferred too).
_SPEAKER_ID = re.compile(r"^(?:(?:spk|speaker|ch|channel|说话人|发言人|讲话人|声道|角色)?[\s_\-]*\d{1,3}"
                         r"|(?:spk|speaker|说话人|发言人|讲话人|角色)[\s_\-]*[a-z]|[左右]声道)$", re.IGNORECASE)
# Labels that name a party but not its role: 甲/乙 (who is the agent is not written anywhere), 主叫/被叫
# (the caller is the customer on an inbound call and the agent on an outbound callback). They are
# resolved like speaker ids: from the opening phrases, or with --roles.
_PARTY_WORDS = frozenset({"甲", "乙", "甲方", "乙方", "主叫", "被叫", "主叫方", "被叫方"})
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,3}):(\d{1,2}(?:[.,]\d+)?)$")
# What ASR consoles and transcribers write where nobody spoke or nothing could be made out:
# [静音], (沉默), 【听不清】, <unk>, [noise]. Not speech: removed from the engine's text (the
# original keeps them), so they are never counted as words or matched as phrases.
PLACEHOLDER_WORDS = (
    "静音", "沉默", "停顿", "空白", "无声", "无人说话", "音乐", "彩铃", "等待音", "提示音", "按键音", "忙音",
    "噪音", "杂音", "噪声", "背景音", "背景噪音", "电流声", "笑声", "笑", "咳嗽", "咳嗽声", "哭声", "叹气",
    "呼吸声", "听不清", "听不清楚", "无法识别", "未识别", "识别失败", "模糊", "语音模糊", "方言", "外语",
    "多人说话", "重叠", "unk", "noise", "silence", "sil", "music", "laughter", "laugh", "cough", "breath",
    "inaudible", "unintelligible", "crosstalk", "overlap", "blank", "spn", "nsn",
)
PLACEHOLDER = re.compile(
    r"[\[【(（<〈{〔]\s*(?:" + "|".join(sorted(map(re.escape, PLACEHOLDER_WORDS), key=len, reverse=True))
    + r")\s*[\]】)）>〉}〕]", re.IGNORECASE)
# A turn with no letter, digit or hanzi left ("...", "……", "？") holds no words (a masked "***" does).
_WORDLESS = re.compile(r"^[^\w*＊]*$")

# Assumed speaking rate for a last turn that has only a start time (characters per second).
CHARS_PER_SECOND = 3.5


@lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    """The comparable form of a role label: simplified, half width, lower case, trimmed."""
    return to_simplified(to_half_width(label)).strip().lower()


def is_speaker_id(label: str) -> bool:
    """``Speaker 1``, ``说话人2``, ``SPEAKER_00``, ``spk_0``, ``0``, ``甲``, ``主叫``: a label with no role."""
    half = to_half_width(label).strip()
    return _SPEAKER_ID.match(half) is not None or half in _PARTY_WORDS


def role_from_word(word: str) -> Role | None:
    """``agent``/``customer``/``system`` or any default label alias (坐席, 客户, 系统…) -> Role."""
    key = label_key(word)
    for role in (Role.AGENT, Role.CUSTOMER, Role.SYSTEM):
        if key == role.value:
            return role
    return DEFAULT_ROLE_LABELS.get(_TRAILING_NUMBER.sub("", key) or key)


#: What a role mapping (``--roles A=customer``, a sidecar's ``"roles": {"A": "customer"}``) may name
#: as the role, for error messages.
ROLE_VALUES_HINT = ("角色写 agent（或 坐席、座席、客服、话务员…）、customer（或 客户、用户、来电人、市民…）、system（或 系统、"
                    "机器人、IVR）(a role is agent, customer or system, in English or Chinese)")


def role_value(word: object) -> Role | None:
    """The role a mapping names: ``agent``/``customer``/``system`` or a role word (坐席, 客服, 客户, 用户,
    系统, 机器人…), None for anything else. The one-letter labels ``A``/``B`` name a speaker, not a role."""
    if not isinstance(word, str) or len(label_key(word)) < 2:
        return None
    return role_from_word(word)


class RoleMap:
    """Resolves a speaker label or id to a Role; user ``roles`` override the defaults."""

    def __init__(self, roles: Mapping[str, str] | None = None, *, source: str | None = None,
                 use_defaults: bool = True) -> None:
        self._exact: dict[str, Role] = {}
        self._keyed: dict[str, Role] = {}
        self._resolved: dict[str, Role | None] = {}  # label -> resolve(label); the maps never change
        self._use_defaults = use_defaults
        for name, value in (roles or {}).items():
            role = role_value(str(value))
            if role is None:
                raise InputError(f"角色映射 {name}={value} 的角色无效 (invalid role)", path=source, field="roles",
                                 hint=ROLE_VALUES_HINT)
            self._exact[str(name).strip()] = role
            self._keyed[label_key(str(name))] = role

    @property
    def overrides(self) -> bool:
        """True when the user gave a mapping."""
        return bool(self._exact)

    def user_role(self, label: str) -> Role | None:
        """The role the user mapped this label to, or None."""
        return self._exact.get(label.strip()) or self._keyed.get(label_key(label))

    def resolve(self, label: str) -> Role | None:
        """User mapping first, then the default aliases (with an optional number: 坐席1)."""
        try:
            return self._resolved[label]
        except KeyError:
            pass
        if len(self._resolved) >= 4096:  # a file of free-form labels: keep the memory bounded
            self._resolved.clear()
        found = self._resolved[label] = self._resolve(label)
        return found

    def _resolve(self, label: str) -> Role | None:
        found = self.user_role(label)
        if found is not None or not self._use_defaults:
            return found
        key = label_key(label)
        found = DEFAULT_ROLE_LABELS.get(key) or DEFAULT_ROLE_LABELS.get(_TRAILING_NUMBER.sub("", key))
        if found is None:
            bracketed = _BRACKETED_SUFFIX.match(to_half_width(label).strip())
            if bracketed is not None:  # 坐席(张三) -> 坐席; 张三(坐席) -> 坐席
                found = self.resolve(bracketed.group("base")) or self.resolve(bracketed.group("inner"))
        if found is None:
            found = self._joined(label)
        if found is None:
            found = _role_by_ending(key)
        return found

    def _joined(self, label: str) -> Role | None:
        """``坐席-王芳`` / ``王芳-坐席`` -> agent: exactly one part a role word, the other a name or an id."""
        joined = _JOINED_LABEL.match(to_half_width(label).strip())
        if joined is None:
            return None
        a, b = joined.group("a", "b")
        # "A"/"B" alone are role words, but "B-2" is a seat or a flat rather than customer B's name
        roles = [self.user_role(part) or (DEFAULT_ROLE_LABELS.get(label_key(part)) if len(part) > 1 else None)
                 for part in (a, b)]
        if roles[0] is not None and roles[1] is None and _NAME_OR_ID.match(b):
            return roles[0]
        if roles[1] is not None and roles[0] is None and _NAME_OR_ID.match(a):
            return roles[1]
        return None


def event_kind(word: str) -> EventKind | None:
    """``hold_start``/``#保持开始``… -> EventKind, or None."""
    return EVENT_ALIASES.get(label_key(word).lstrip("#").replace("-", "_"))


def parse_clock(text: str) -> float | None:
    """``mm:ss``, ``mm:ss.s`` or ``hh:mm:ss(.s)`` -> seconds; None if it is not a clock time."""
    match = _CLOCK.match(to_half_width(text).strip())
    if match is None:
        return None
    hours, minutes, seconds = match.group(1), int(match.group(2)), float(match.group(3).replace(",", "."))
    if seconds >= 60 or (hours is not None and minutes >= 60):
        return None
    return (int(hours) * 3600 if hours else 0) + minutes * 60 + seconds


def parse_seconds(value: object, *, unit: str = "s") -> float | None:
    """A number (seconds, or milliseconds with ``unit="ms"``) or a clock string -> seconds.

    Returns None for an empty value and for anything that is not a time.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = to_half_width(str(value)).strip()
        if not text:
            return None
        clock = parse_clock(text)
        if clock is not None:
            return clock
        text = text.removesuffix("s") if unit == "s" and not text.endswith("ms") else text
        try:
            number = float(text.removesuffix("ms"))
        except ValueError:
            return None
    if not math.isfinite(number) or number < 0:
        return None
    return number / 1000.0 if unit == "ms" else number


#: A first turn starting this late is a time of day (10:02:03), not an offset into the call.
WALL_CLOCK_SECONDS = 3600.0


def rebase_wall_clock(turns: Sequence[RawTurn], event_times: Sequence[float] = (), *,
                      force: bool = False) -> tuple[float, str | None]:
    """Turn times of day into offsets from the first turn, in place.

    Exports from call-center and QA tools often stamp each turn with the time of day
    (``客服 10:02:03``) instead of an offset into the recording. When the first timed turn
    starts an hour or more in (or ``force``, e.g. the times had a date), every time is moved
    back by that start. Returns the shift (0.0 if none) and a warning (None if none);
    ``event_times`` are only used for the earliest time and must be shifted by the caller.
    """
    times = [t for turn in turns for t in (turn.start, turn.end) if t is not None]
    first = min([*times, *event_times], default=None)
    if first is None or (first < WALL_CLOCK_SECONDS and not force) or first == 0:
        return 0.0, None
    for turn in turns:
        turn.start = round(turn.start - first, 3) if turn.start is not None else None
        turn.end = round(turn.end - first, 3) if turn.end is not None else None
    hours, rest = divmod(int(first), 3600)
    return first, (f"时间是一天中的时刻（首句 {hours:02d}:{rest // 60:02d}:{rest % 60:02d}），已换算为距首句的秒数 "
                   "(times of day converted to offsets from the first turn)")


def resolve_anonymous(anonymous: Sequence[tuple[RawTurn, str]], roles: Mapping[str, str] | None, *,
                      source: str) -> list[str]:
    """Give roles to turns labelled only ``Speaker 1``/``说话人2``, like FunASR speakers."""
    if not anonymous:
        return []
    mapping, warnings = assign_speaker_roles([(label, turn.original) for turn, label in anonymous], roles,
                                             source=source)
    for turn, label in anonymous:
        turn.role = mapping.get(label, Role.UNKNOWN)
    return warnings


def estimated_duration(text: str) -> float:
    """How long a turn probably took, at :data:`CHARS_PER_SECOND`."""
    return round(max(1, hanzi_count(text)) / CHARS_PER_SECOND, 3)


@dataclass(slots=True)
class RawTurn:
    """A turn being assembled by an importer (mutable); becomes an Utterance."""

    role: Role
    original: str
    start: float | None = None
    end: float | None = None
    confidence: float | None = None
    channel: int | None = None
    source_line: int | None = None
    end_estimated: bool = False


def fill_missing_ends(turns: Sequence[RawTurn], boundaries: Sequence[float] = ()) -> None:
    """A turn with a start and no end ends when the next timed turn starts.

    ``boundaries`` (event times: a hold starting, a hang-up) also end a turn, so that a turn
    never spans a hold. The last turn (or one whose next turn starts earlier) gets an
    estimate from its length at :data:`CHARS_PER_SECOND`.
    """
    for i, turn in enumerate(turns):
        if turn.start is None or turn.end is not None:
            continue
        start = turn.start
        turn.end_estimated = True
        following = next((t.start for t in turns[i + 1:] if t.start is not None), None)
        limits = [b for b in (following, *boundaries) if b is not None and b > start]
        if following is not None and following > start:
            turn.end = min(limits)
        else:
            estimate = round(start + estimated_duration(turn.original), 3)
            turn.end = min([estimate, *limits])


# Where a wrapped line of Chinese is joined to the one before: hanzi and CJK punctuation.
_CJK_EDGE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20]")


def join_wrapped(before: str, after: str) -> str:
    """A line wrapped onto the next one, joined again: with a space between words of Latin script
    (“hello” / “world”), without one between hanzi (“热” / “线” is 热线, not a pause — ASR text
    writes a pause as a space, and the engine reads it so)."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return before or after
    if _CJK_EDGE.match(before[-1]) and _CJK_EDGE.match(after[0]):
        return before + after
    return f"{before} {after}"


def speech_text(original: str) -> str:
    """``original`` without the placeholders of :data:`PLACEHOLDER` ([静音], <unk>…)."""
    return PLACEHOLDER.sub(" ", original) if _HAS_BRACKET.search(original) else original


_HAS_BRACKET = re.compile(r"[\[【(（<〈{〔]")


def is_wordless(text: str) -> bool:
    """Nothing but placeholders, punctuation and spaces: "[静音]", "……", "(沉默)…"."""
    stripped = text.lstrip()
    if stripped[:1].isalnum():  # most turns and lines: a word first (the quick answer)
        return False
    return _WORDLESS.match(speech_text(stripped)) is not None


def wordless_warning(turns: Sequence[RawTurn]) -> str | None:
    """A warning naming the turns :func:`build_utterances` drops as wordless, or None."""
    lines = [t.source_line for t in turns if t.original.strip() and is_wordless(t.original)]
    if not lines:
        return None
    where = "、".join(str(n) for n in lines[:5] if n is not None) + ("…" if len(lines) > 5 else "")
    return (f"{len(lines)} 个轮次只有 [静音]、[听不清]、…… 之类的占位符，不计为说话"
            + (f"（第 {where} 行）" if where else "") + " (turns with only placeholders were left out)")


def build_utterances(turns: Sequence[RawTurn]) -> tuple[Utterance, ...]:
    """Normalise the text and number the turns 0..n-1.

    Turns with no text, or with nothing but placeholders and punctuation (``[静音]``,
    ``……``), are dropped (:func:`wordless_warning` names them); placeholders within a turn
    are left out of its ``text`` (its ``original`` keeps them).
    """
    speech = [(t, speech_text(t.original)) for t in turns if t.original.strip()]
    kept = [(t, words) for t, words in speech if _WORDLESS.match(words) is None]
    texts = normalize_texts([words for _, words in kept])  # one OpenCC call for the whole call
    return tuple(
        Utterance(
            index=i, role=t.role, text=text, original=t.original.strip(),
            start=t.start, end=t.end, confidence=t.confidence, channel=t.channel,
            source_line=t.source_line, end_estimated=t.end_estimated,
        )
        for i, ((t, _), text) in enumerate(zip(kept, texts, strict=True))
    )


def opening_score(texts: Sequence[str]) -> int:
    """How much these (first) turns sound like an agent's opening."""
    joined = normalize_text(" ".join(texts))
    return sum(weight for phrase, weight in _OPENING_WEIGHTS.items() if phrase in joined)


#: Said by agents only, at the start of a call: the company's greeting with a staff number, the
#: offer to help (the weight-3 phrases above), or an outbound caller asking for the customer by
#: name (“请问是王先生吗”). Enough to overrule a fixed channel convention; 您好, 客服 and 热线 are not
#: (a customer says “喂您好，是客服吗”).
_AGENT_ONLY_OPENING = tuple(phrase for phrase, weight in _OPENING_WEIGHTS.items() if weight >= 3)
_OUTBOUND_IDENTITY = re.compile(r"请问(?:您|你)?是.{1,4}(?:先生|女士|小姐)(?:吗|吧|么)")
#: How many first turns of each side :func:`openings_contradict` reads, within how many turns.
_CONVENTION_TURNS = 3
_CONVENTION_WINDOW = 16


def openings_contradict(turns: Iterable[tuple[Role, str]]) -> bool:
    """True when a fixed convention put the agent's opening on the customer's side.

    ``turns`` are (role given by the convention, text) in spoken order: channel 0 taken as
    the agent, Huawei's ``AGENT`` from a ``LEFT_AGENT`` setting… Only the first
    :data:`_CONVENTION_TURNS` turns of each side among the first :data:`_CONVENTION_WINDOW`
    are read (the check runs once per file). The sides are swapped only when the evidence is
    clear: the customer side says an agent-only phrase (工号, 很高兴为您服务, 请问有什么可以帮您,
    请问是王先生吗), the agent side says none, and the customer side sounds more like an
    opening overall. Weak evidence (both say 您好) or evidence on both sides keeps the
    convention.
    """
    firsts: dict[Role, list[str]] = {Role.AGENT: [], Role.CUSTOMER: []}
    for role, text in itertools.islice(turns, _CONVENTION_WINDOW):
        side = firsts.get(role)
        if side is not None and len(side) < _CONVENTION_TURNS and text.strip():
            side.append(text)
    if not firsts[Role.AGENT] or not firsts[Role.CUSTOMER]:
        return False
    agent = normalize_text(" ".join(firsts[Role.AGENT]))
    customer = normalize_text(" ".join(firsts[Role.CUSTOMER]))
    if not _agent_only(customer) or _agent_only(agent):
        return False
    return _side_score(customer) > _side_score(agent)


def _agent_only(text: str) -> bool:
    return any(phrase in text for phrase in _AGENT_ONLY_OPENING) or _OUTBOUND_IDENTITY.search(text) is not None


def _side_score(text: str) -> int:
    """:func:`opening_score`, with the outbound identity question weighing like 工号."""
    return opening_score([text]) + (3 if _OUTBOUND_IDENTITY.search(text) else 0)


def swap_role(role: Role) -> Role:
    """Agent <-> customer; other roles unchanged."""
    return {Role.AGENT: Role.CUSTOMER, Role.CUSTOMER: Role.AGENT}.get(role, role)


def swapped_warning(convention: str, keep: str) -> str:
    """The warning for a call whose convention roles were swapped by :func:`openings_contradict`.

    ``convention`` says what was assumed (“声道 0 为坐席”), ``keep`` the ``--roles`` value that
    forces the convention (“0=agent,1=customer”).
    """
    return (f"按约定{convention}，但坐席的开场白（工号、很高兴为您服务、请问有什么可以帮您…）出现在另一方，"
            f"已调换坐席和客户；如需按原约定，请用 --roles {keep} "
            "(the agent's opening phrases are on the other side: agent and customer swapped; "
            f"--roles {keep} keeps the convention)")


def check_convention(found: list[Role], turns: Sequence[tuple[str | None, str]], roles: Mapping[str, str] | None,
                     *, source: str, convention: str, keep: str) -> str | None:
    """Swap agent and customer in ``found`` (in place) when :func:`openings_contradict` says so.

    ``turns`` are (label, text) for each sentence in spoken order; the label is the channel or
    role name that the convention turned into ``found[i]``, None for a sentence whose role came
    from elsewhere (left alone). Nothing is checked when ``roles`` maps any of the labels: an
    explicit ``--roles`` always wins. Returns the warning for the call, or None.
    """
    conventional = [i for i, (label, _) in enumerate(turns) if label is not None]
    if not conventional:
        return None
    role_map = RoleMap(roles, source=source, use_defaults=False)
    if role_map.overrides and any(role_map.user_role(label) for label in {turns[i][0] or "" for i in conventional}):
        return None
    if not openings_contradict((found[i], turns[i][1]) for i in conventional):
        return None
    for i in conventional:
        found[i] = swap_role(found[i])
    return swapped_warning(convention, keep)


def assign_speaker_roles(
    turns: Sequence[tuple[str, str]], roles: Mapping[str, str] | None, *, source: str,
) -> tuple[dict[str, Role], list[str]]:
    """Map anonymous speaker ids (``spk_0``, ``0``, ``ch_1``) to roles.

    ``turns`` are (speaker id, text) in spoken order. With ``roles`` the user's mapping is
    used (with two speakers, an unmapped one gets the other role). Without it the agent is
    the speaker whose first turns sound like an opening (您好/工号/很高兴为您服务…), else the
    first speaker; a warning names the choice.
    """
    speakers = list(dict.fromkeys(spk for spk, _ in turns))
    role_map = RoleMap(roles, source=source, use_defaults=False)
    if role_map.overrides:
        return _apply_user_roles(speakers, role_map)
    if not speakers:
        return {}, []
    firsts = {spk: [text for s, text in turns if s == spk][:2] for spk in speakers}
    scores = {spk: opening_score(texts) for spk, texts in firsts.items()}
    best = max(scores.values())
    leaders = [spk for spk in speakers if scores[spk] == best]
    if best > 0 and len(leaders) == 1:
        agent, why = leaders[0], "开场白 (opening phrases)"
    else:
        agent, why = speakers[0], "第一个说话人 (first speaker)"
    mapping = {spk: (Role.AGENT if spk == agent else Role.CUSTOMER) for spk in speakers}
    warning = (f"未指定角色，按{why}推断说话人 {agent} 为坐席，其余为客户 "
               f"(speaker {agent} taken as the agent; use --roles to set it)")
    return mapping, [warning]


def _apply_user_roles(speakers: list[str], role_map: RoleMap) -> tuple[dict[str, Role], list[str]]:
    mapping: dict[str, Role] = {}
    warnings: list[str] = []
    for spk in speakers:
        number = re.search(r"\d+$", spk)  # spk_0 / ch_1 may be mapped as "0" / "1"
        role = role_map.user_role(spk) or (role_map.user_role(number.group()) if number else None)
        if role is not None:
            mapping[spk] = role
    missing = [spk for spk in speakers if spk not in mapping]
    given = set(mapping.values())
    if len(speakers) == 2 and len(missing) == 1 and len(given) == 1 and given <= {Role.AGENT, Role.CUSTOMER}:
        mapping[missing[0]] = Role.CUSTOMER if Role.AGENT in given else Role.AGENT
    else:
        for spk in missing:
            mapping[spk] = Role.UNKNOWN
            warnings.append(f"说话人 {spk} 不在 --roles 映射中，角色记为 unknown (speaker not mapped)")
    return mapping, warnings


def roles_for_sentences(
    sentences: Sequence[tuple[str | None, Role | None, str]], roles: Mapping[str, str] | None, *, source: str,
) -> tuple[list[Role], list[str]]:
    """Roles for the sentences of an ASR result, each given as (speaker id, role, text).

    A role the result states (Huawei ``AGENT``/``USER``) is used as it is, unless ``roles``
    maps that sentence's label; anonymous speaker or channel ids go through
    :func:`assign_speaker_roles` (``roles`` or the opening phrases, with a warning); a
    sentence with neither is ``unknown`` (warned).
    """
    role_map = RoleMap(roles, source=source, use_defaults=False)
    anonymous = [(spk, text) for spk, given, text in sentences if given is None and spk is not None]
    mapping, warnings = assign_speaker_roles(anonymous, roles, source=source) if anonymous else ({}, [])
    result: list[Role] = []
    unknown = 0
    for spk, given, _ in sentences:
        if given is not None:
            result.append((role_map.user_role(spk) if spk is not None else None) or given)
        elif spk is not None:
            result.append(mapping.get(spk, Role.UNKNOWN))
        else:
            result.append(Role.UNKNOWN)
            unknown += 1
    if unknown:
        warnings.append(f"{unknown} 句没有说话人或声道，角色记为 unknown (sentences without a speaker; use --roles)")
    return result, warnings


def require_several_speakers(speakers: Sequence[str | None], *, source: str, field: str, hint: str) -> None:
    """An ASR result whose sentences all carry the same speaker id was recognised without
    speaker separation: customer and agent would be one person. Refuse it, saying how to
    get speakers (a short result, up to three sentences, may well be one-sided)."""
    named = [s for s in speakers if s is not None]
    if len(named) >= 4 and len(set(named)) == 1 and len(named) == len(speakers):
        raise InputError(f"识别结果只有一个说话人 “{named[0]}”，无法区分坐席和客户 (only one speaker in the result)",
                         path=source, field=field, hint=hint)


#: In every warning about a transcript whose turns are all on one side (a mono result, roles mapped
#: to one side): the generic check (:func:`one_sided_warning`) does not repeat a format's own.
ONE_SIDED_MARK = "评分无效"
_ONE_SIDED_MIN = 4
# A call that is one-sided by nature (call_kind's ``silent`` and ``voicemail``): the agent checks a
# dead line or leaves a message, the customer side is a machine's prompt.
_ONE_SIDED_AGENT = re.compile(r"听(?:得|的)?(?:到|见|清)|能听|听不|没(?:有)?声音|无声|信号不好|还在(?:线|吗)|有人吗"
                              r"|留言|回电|回拨|稍后再(?:联系|致电|拨)")
_ONE_SIDED_AGENT_CHARS = 240
_MACHINE_PROMPT = re.compile(
    r"您拨打的(?:用户|电话|号码)|无法接通|已关机|不在服务区|正在通话中|已停机|是空号|暂停服务"
    r"|(?:提示音|嘀声|滴声|哔声|信号音)后|语音信箱|(?:请|开始)留言|留言请|呼叫转移|稍后再拨"
    r"|the number you|is not available|leave a message", re.IGNORECASE)


def one_sided_warning(utterances: Sequence[Utterance], *, name: str) -> str | None:
    """A warning when every turn of a call (four or more) is the agent's, or every one the customer's.

    Labels mapped to one role (``--roles A=customer`` on a file whose other label ``B`` is a
    customer word too), a mono recording transcribed without speaker separation, or roles
    swapped in an export put both people on one side; the rules then judge nonsense. Not
    warned: a call one-sided by nature (what ``call_kind`` calls ``silent`` and ``voicemail``):
    the agent only checks a dead line or leaves a message, in a few short turns; the customer
    side is a machine's prompt ("您拨打的用户暂时无法接通"). Turns of unknown role are warned
    about where they are read, so a call with any is left alone. ``name`` names the file.
    """
    spoken = [u for u in utterances if u.text.strip() and u.role is not Role.SYSTEM]
    sides = {u.role for u in spoken}
    if len(spoken) < _ONE_SIDED_MIN or len(sides) != 1 or Role.UNKNOWN in sides:
        return None
    side = sides.pop()
    if side is Role.AGENT:
        short = sum(len(u.text) for u in spoken) <= _ONE_SIDED_AGENT_CHARS
        if short and any(_ONE_SIDED_AGENT.search(u.text) for u in spoken):
            return None
    elif all(_MACHINE_PROMPT.search(u.text) for u in spoken):
        return None
    word, other = ("坐席", "客户") if side is Role.AGENT else ("客户", "坐席")
    return (f"{name}：全部 {len(spoken)} 句都是{word}的，没有{other}的话：{other}的话若被算作{word}的，{ONE_SIDED_MARK}。"
            f"可能的原因：角色标签对应错了（--roles 或旁注文件的 roles 把双方映射成同一角色，或 A/B 哪个是客户弄反了）、"
            f"单声道录音未做说话人分离、或只导出了一个声道。若{other}确实没有说话，可忽略本提示 (every turn is the "
            f"{side.value}'s: check the role labels and --roles, or a mono recording without speaker separation)")
