"""Mask personal data in call text: phone numbers, ID numbers, bank cards, e-mails, addresses.

Numbers are recognised whether they are written in Arabic digits, full-width digits or spoken
digit by digit in Chinese numerals ("幺三八一二三四五六七八"), with or without spaces, commas
or hyphens between the groups. Masking is length-preserving (one ``*`` per masked
character) so that highlight offsets computed on the unmasked text still fit.

What is kept visible:
- mobile phone in Arabic digits: the first 3 and the last 4 digits (``138****5678``);
- ID number (18 characters, or 15 for the old cards): the first 3 and the last 4;
- bank card (16-19 digits), landline, any other run of 7 or more digits, and any number
  spoken (partly) in Chinese numerals: the last 4 digits;
- e-mail: the first character of the name and the whole domain (``z*******@example.com``);
- address after 地址/住址/住在/家在/送到: the first 6 characters (province and city).

Ordinary short numbers (amounts, staff numbers, times, "两小时") are left alone.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

MASK = "*"

# Digit characters: ASCII, full width, and Chinese numerals as read out digit by digit.
_ARABIC = "0123456789０１２３４５６７８９"
_CHINESE_DIGITS = {
    "零": "0", "〇": "0", "○": "0", "幺": "1", "一": "1", "壹": "1", "二": "2", "两": "2",
    "兩": "2", "贰": "2", "三": "3", "叁": "3", "四": "4", "肆": "4", "五": "5", "伍": "5",
    "六": "6", "陆": "6", "陸": "6", "七": "7", "柒": "7", "八": "8", "捌": "8", "九": "9",
    "玖": "9",
}
_DIGIT_CLASS = "0-9０-９" + "".join(_CHINESE_DIGITS)
# Between digit groups a speaker or an ASR engine writes spaces, hyphens or commas.
_SEP = r"(?:[ \t\u3000]*[-－,，、][ \t\u3000]*|[ \t\u3000]+)"
_CHAIN = re.compile(rf"[{_DIGIT_CLASS}]+(?:{_SEP}[{_DIGIT_CLASS}]+)*")
_GROUP = re.compile(rf"[{_DIGIT_CLASS}]+")

_EMAIL = re.compile(r"([A-Za-z0-9._%+\-]+)@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")

_ADDRESS_KEYS = ("地址", "住址", "住在", "家在", "送到")
_ADDRESS = re.compile(
    r"(?:" + "|".join(_ADDRESS_KEYS) + r")"
    r"(?:[ \t\u3000]*(?:是|为|在|:|：)[ \t\u3000]*)?"
    r"([^，。,.!！?？;；、\s\"“”'‘’()（）]+)"
)
# Words that end the address in unpunctuated ASR text ("……3号楼麻烦快点送").
_ADDRESS_END = re.compile(r"对吗|对吧|是吧|麻烦|谢谢|请问|然后|吗|呢|吧|啊")
_ADDRESS_KEEP = 6

# Units after which a long number is an amount or a quantity, not an identifier.
_UNIT_AFTER = set("元块万亿%％年月日号时分秒个次米克斤份台件张笔")
_GENERIC_MIN_DIGITS = 7
_CHAIN_GROUP_MAX = 8


@dataclass(frozen=True, slots=True)
class _Group:
    start: int  # offset in the text
    chars: str

    @property
    def digits(self) -> str:
        return "".join(_to_digit(c) for c in self.chars)

    @property
    def spoken(self) -> bool:
        return any(c in _CHINESE_DIGITS for c in self.chars)


def _to_digit(ch: str) -> str:
    if ch in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[ch]
    if "０" <= ch <= "９":
        return chr(ord(ch) - 0xFEE0)
    return ch


def redact_text(text: str) -> str:
    """Return ``text`` with personal data masked by ``*``; the length never changes."""
    if not text:
        return text
    chars = list(text)
    _mask_emails(text, chars)
    _mask_numbers(text, chars)
    _mask_addresses("".join(chars), chars)
    out = "".join(chars)
    assert len(out) == len(text)  # offsets of highlights depend on it
    return out


def _mask_emails(text: str, chars: list[str]) -> None:
    for m in _EMAIL.finditer(text):
        for i in range(m.start(1) + 1, m.end(1)):
            chars[i] = MASK


def _mask_addresses(text: str, chars: list[str]) -> None:
    for m in _ADDRESS.finditer(text):
        start, end = m.start(1), m.end(1)
        stop = _ADDRESS_END.search(text, start + 1, end)
        if stop is not None:
            end = stop.start()
        for i in range(start + _ADDRESS_KEEP, end):
            chars[i] = MASK


def redact_address(address: str) -> str:
    """Mask a bare address after its first 6 characters (province and city), keeping spaces."""
    return "".join(ch if i < _ADDRESS_KEEP or ch.isspace() else MASK for i, ch in enumerate(address))


def _mask_numbers(text: str, chars: list[str]) -> None:
    for m in _CHAIN.finditer(text):
        groups = [_Group(m.start() + g.start(), g.group()) for g in _GROUP.finditer(m.group())]
        _mask_chain(text, groups, chars)


def _mask_chain(text: str, groups: list[_Group], chars: list[str]) -> None:
    """Mask the longest run of consecutive groups that has the shape of a personal number.

    A group that is part of no such run is judged on its own (7+ digits are masked).
    """
    i = 0
    while i < len(groups):
        taken = 0
        for j in range(len(groups), i + 1, -1):  # longest multi-group window first
            window = groups[i:j]
            if any(len(g.chars) > _CHAIN_GROUP_MAX for g in window):
                continue
            keep = _shape_keep(window, text)
            if keep is not None:
                _apply(window, keep, chars, text)
                taken = j - i
                break
        if taken:
            i += taken
            continue
        single = [groups[i]]
        keep = _shape_keep(single, text)
        if keep is None and _is_generic_identifier(groups[i], text):
            keep = _keep_last4(single)
        if keep is not None:
            _apply(single, keep, chars, text)
        i += 1


def _keep_last4(window: list[_Group]) -> Callable[[int, int], bool]:
    return lambda pos, n: pos >= n - 4


def _shape_keep(window: list[_Group], text: str) -> Callable[[int, int], bool] | None:
    """Which digit positions stay visible, or None when the digits are no personal number."""
    digits = "".join(g.digits for g in window)
    n = len(digits)
    spoken = any(g.spoken for g in window)
    id_x = _id_check_char(window, text) is not None

    def first3_last4(pos: int, total: int) -> bool:
        return pos < 3 or pos >= total - 4

    if n == 11 and digits[0] == "1" and digits[1] in "3456789":
        return _keep_last4(window) if spoken else first3_last4
    if n == 17 and id_x:  # 17 digits and the check character X
        return first3_last4
    if n == 18:
        return first3_last4
    if 16 <= n <= 19:
        return _keep_last4(window)
    if 10 <= n <= 12 and digits[0] == "0":  # landline with its area code
        return _keep_last4(window)
    if len(window) == 1 and n == 15:  # first-generation ID card
        return first3_last4
    if len(window) == 2 and n == 8 and all(len(g.chars) == 4 for g in window):
        return _keep_last4(window)  # local landline read as "8765 4321"
    return None


def _id_check_char(window: list[_Group], text: str) -> int | None:
    last = window[-1]
    pos = last.start + len(last.chars)
    if pos < len(text) and text[pos] in "Xx":
        after = text[pos + 1: pos + 2]
        if not (after.isascii() and after.isalpha()):
            return pos
    return None


def _is_generic_identifier(group: _Group, text: str) -> bool:
    """A lone run of 7+ digits that is not an amount, a quantity or a decimal."""
    if len(group.digits) < _GENERIC_MIN_DIGITS:
        return False
    end = group.start + len(group.chars)
    after = text[end: end + 1]
    before = text[group.start - 1: group.start] if group.start else ""
    if after in _UNIT_AFTER:
        return False
    if after == "." and text[end + 1: end + 2].isdigit():
        return False
    return not (before == "." and group.start >= 2 and text[group.start - 2].isdigit())


def _apply(window: list[_Group], keep: Callable[[int, int], bool], chars: list[str], text: str) -> None:
    positions = [g.start + k for g in window for k in range(len(g.chars))]
    check = _id_check_char(window, text)
    if check is not None and len(positions) == 17:
        positions.append(check)
    total = len(positions)
    for k, pos in enumerate(positions):
        if not keep(k, total):
            chars[pos] = MASK


# --- evaluation records ------------------------------------------------------------------

# Keys inside ``analysis`` whose values are identifiers or machine values, never personal data.
_ANALYSIS_SKIP = frozenset({"kind", "due", "type_id", "emotion", "start", "end", "peak", "risk",
                            "name_en"})
# Metadata keys that name the call and the agent; everything else (unknown keys such as a
# caller number) is masked.
_METADATA_KEEP = frozenset({
    "call_id", "started_at", "ring_seconds", "queue_seconds", "hangup_by", "direction",
    "center_name", "agent_name", "staff_no", "agent_id", "team", "business_line",
})


def _redact_tree(value: Any, skip: Iterable[str] = ()) -> Any:
    skip = frozenset(skip)
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: (v if k in skip else _redact_tree(v, skip)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_tree(v, skip) for v in value]
    return value


def redact_evaluation_dict(d: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of an ``Evaluation.to_dict()`` record with personal data masked.

    Masked: utterance text and original, event notes, evidence span texts, finding messages,
    suggestions, explanations and details, rule details, the analysis (key information,
    commitments, cues) and unknown metadata keys. Call id, agent and scores are kept.
    """
    out = copy.deepcopy(d)
    for result in out.get("results") or []:
        if isinstance(result.get("details"), dict):
            result["details"] = _redact_tree(result["details"])
        for finding in result.get("findings") or []:
            for key in ("message", "suggestion", "explanation"):
                if isinstance(finding.get(key), str):
                    finding[key] = redact_text(finding[key])
            if isinstance(finding.get("details"), dict):
                finding["details"] = _redact_tree(finding["details"])
            for span in (finding.get("evidence") or {}).get("spans") or []:
                if isinstance(span.get("text"), str):
                    span["text"] = redact_text(span["text"])
    if isinstance(out.get("analysis"), dict):
        out["analysis"] = _redact_tree(out["analysis"], _ANALYSIS_SKIP)
        for item in out["analysis"].get("key_info") or []:
            # An address item carries the bare address, without the words that announce it.
            if isinstance(item, dict) and item.get("kind") == "address":
                for key in ("value", "text"):
                    if isinstance(item.get(key), str):
                        item[key] = redact_address(item[key])
    call = out.get("call")
    if isinstance(call, dict):
        for u in call.get("utterances") or []:
            for key in ("text", "original"):
                if isinstance(u.get(key), str):
                    u[key] = redact_text(u[key])
        for e in call.get("events") or []:
            if isinstance(e.get("note"), str):
                e["note"] = redact_text(e["note"])
        if isinstance(call.get("warnings"), list):
            call["warnings"] = _redact_tree(call["warnings"])
        meta = call.get("metadata")
        if isinstance(meta, dict):
            call["metadata"] = {k: (v if k in _METADATA_KEEP else _redact_tree(v))
                                for k, v in meta.items()}
    return out
