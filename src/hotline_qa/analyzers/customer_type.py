"""The difficult-customer type of seed 000 (and the analytical customer of seed 001), CUS002.

Types: 0 ordinary; 1 reasoned and restrained but lectures (讲大道理); 2 polite but
persistent and exacting (较真); 3 abusive, agitated, will not hear explanations; 4
unreasonable, venting under a show of reason (无理取闹); 5 analytical (分析型). The type
steers coaching and live hints, so each carries the seed's handling strategy.

Decided from cue lexicons over the customer's turns and from the emotion track: abuse, or
anger together with refusing to listen, is type 3; unreasonable demands with displeasure
type 4; otherwise the type with the most cues among 1 (only when the customer is displeased
somewhere — the seed's lecturer is "虽不满但仍能克制" — or gives a real lecture of three
distinct cues or more), 2 (only with polite speech and no
anger) and 5 (only when the customer never gets angry), with at least two cues.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hotline_qa.analyzers.complaint import ComplaintInfo
from hotline_qa.analyzers.emotion import ANGRY_OR_WORSE, Emotion, TurnEmotion, without_slips
from hotline_qa.analyzers.lexicon import LexScan, is_negated, scan
from hotline_qa.core.call import Call, Role


@dataclass(frozen=True, slots=True)
class CustomerType:
    """The customer's type with its handling strategy and the cues that decided it."""

    type_id: int
    name_zh: str
    name_en: str
    strategy_zh: str
    cues: tuple[str, ...]
    confidence: float


# Names and strategies, condensed from seed 000 疑难客户解答技巧 (types 1–4), seed 001 and the
# catalogue CUS002 (type 5).
TYPES: dict[int, tuple[str, str, str]] = {
    0: ("普通客户", "ordinary customer",
        "按标准流程服务：热情耐心、积极解答，使用规范礼貌用语，答复准确，不轻易许诺。"),
    1: ("讲理克制型（爱讲大道理）", "reasoned but lecturing",
        "语气不能软绵，要热情积极、不卑不亢；既要安抚，在一定程度上附和其观点，又要穿插相关规则，"
        "尽量使解释的规则与其所讲的道理相符；此类客户自尊心强、希望被尊重和理解，一味附和不行，"
        "要给出明确的解决方案；结果既定无法更改时，用其所说的道理来安抚，言之有物，安抚但不媚俗。"),
    2: ("礼貌较真型", "polite but persistent and exacting",
        "表现得非常有耐心，语气尽量轻柔；既定事实无法更改时以安抚为主，做其宣泄不满的“回收站”："
        "耐心认真地倾听，偶尔附和，表明在听且站在对方角度，不让自己成为不满的对象；态度认真、语气轻柔。"),
    3: ("情绪激动谩骂型", "abusive and agitated",
        "不要顶撞，以安抚为主；对方不让说话就先让其发泄，发泄完再说明结果已为既定事实，不轻易追加，"
        "安抚多次未果才可追加；语气得当，不过分迁就也不太过强硬，柔中带刚：既让其感到被尊重、被理解，"
        "又让其知道规则、规定无法更改。"),
    4: ("无理取闹型", "unreasonable, venting under a show of reason",
        "安抚要适当但不能妥协；语气不能绵软，以防得寸进尺，也不能太过生硬，要照顾其自尊；话语柔中带刚，"
        "给予尊重和安慰，但明确不合理的要求无法实现、不能抱有不切实际的幻想，使其知难而退，"
        "同时不让对方抓到服务上的毛病。"),
    5: ("分析型", "analytical",
        "以事实和数据说话：说明依据、明细和计算或核对过程，逻辑清晰、准确严谨，不夸大、不含糊，"
        "必要时提供可核查的记录，并给出明确结论。"),
}

_NO_LISTEN = re.compile(r"别跟我说|少废话|别废话|你听我说|别打断我|我不听|不用解释|别解释|你别说了|闭嘴|少跟我")
_POLITE = re.compile(r"请|麻烦|谢谢|不好意思|劳驾|打扰|您")
MIN_CUES = 2


def _cues(turns: Sequence[tuple[str, LexScan]], lexicon: str) -> list[str]:
    found: list[str] = []
    for text, lex in turns:
        found.extend(x.word for x in lex.find(lexicon) if not is_negated(text, x.start))
    return found


def _make(type_id: int, cues: Sequence[str], confidence: float) -> CustomerType:
    name_zh, name_en, strategy = TYPES[type_id]
    return CustomerType(type_id, name_zh, name_en, strategy, tuple(dict.fromkeys(cues)),
                        round(min(confidence, 0.95), 2))


def classify_customer(call: Call, emotions: Sequence[TurnEmotion], complaint: ComplaintInfo,
                      scans: Mapping[int, LexScan] | None = None) -> CustomerType:
    """The customer's type (0–5) from the customer's words, emotions and complaint signals.

    ``scans`` are the customer turns' lexicon scans when the caller already has them.
    """
    present = {e.emotion for e in emotions}
    peak = max((e.level for e in present), default=0)
    abusive = [c for e in emotions if e.emotion is Emotion.ABUSIVE for c in e.cues]
    angry_turns = sum(1 for e in emotions if e.emotion in ANGRY_OR_WORSE)
    customer = [u for u in call.utterances if u.role is Role.CUSTOMER]
    customer_text = "".join(u.text for u in customer)
    no_listen = _NO_LISTEN.findall(customer_text)

    if abusive:
        return _make(3, abusive + no_listen, 0.6 + 0.1 * len(abusive))
    if angry_turns and no_listen:
        return _make(3, no_listen, 0.5 + 0.1 * (len(no_listen) + angry_turns))

    turns: list[tuple[str, LexScan]] = []
    for u in customer:
        lex = scans.get(u.index) if scans is not None else None
        if lex is None:
            lex = scan(without_slips(u.text.lower()))
        if not lex.empty:  # (most turns: their text is not needed)
            turns.append((u.text.lower(), lex))
    unreasonable = _cues(turns, "customer_unreasonable")
    if peak >= Emotion.DISSATISFIED.level and (
            len(unreasonable) >= MIN_CUES or (unreasonable and peak >= Emotion.ANGRY.level)):
        return _make(4, unreasonable + list(complaint.threats), 0.4 + 0.15 * len(unreasonable))

    candidates: list[tuple[int, list[str]]] = []
    lecturing = _cues(turns, "customer_lecturing")
    # Seed 000 type 1 is "虽不满但仍能克制": a calm "按道理账单应该出来了吧" lectures no one. Without
    # a displeased turn it takes a real lecture: more distinct cues than a passing remark has.
    if len(lecturing) >= MIN_CUES and (
            peak >= Emotion.DISSATISFIED.level or len(set(lecturing)) > MIN_CUES):
        candidates.append((1, lecturing))
    persistent = _cues(turns, "customer_persistent")
    if len(persistent) >= MIN_CUES and _POLITE.search(customer_text) and peak < Emotion.ANGRY.level:
        candidates.append((2, persistent))
    analytical = _cues(turns, "customer_analytical")
    if len(analytical) >= MIN_CUES and peak < Emotion.ANGRY.level:
        candidates.append((5, analytical))
    if candidates:
        type_id, cues = max(candidates, key=lambda c: len(c[1]))
        return _make(type_id, cues, 0.35 + 0.15 * len(cues))
    return _make(0, (), 0.7 if peak == 0 else 0.5)
