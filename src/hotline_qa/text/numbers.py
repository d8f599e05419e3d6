"""Chinese numerals: digit strings spoken any way, value numerals and quantities.

Two kinds of numbers appear in a call and need different handling:

* identifiers (phone, order, ID card, bank card numbers) are read digit by digit, in Arabic
  digits, in Chinese numerals ("幺三八一二三四五六七八", capital "壹叁捌…"), or mixed, often in groups
  ("一三八 一二三四 五六七八", "138-1234-5678"): :func:`find_digit_sequences` finds them
  and gives their digits;
* values and quantities ("十五", "一百二", "两个半小时") are read with place units:
  :func:`chinese_to_int` and :func:`parse_quantity` turn them into numbers.

Everything is pure string work on the normalised text (half-width digits); no jieba.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Spoken digit characters. 幺 is the usual "1" in numbers, 两 is "2", 洞/拐/勾 are the
# radio-style 0/7/9 readings; 〇 is the written zero.
_DIGITS: dict[str, str] = {
    **{str(d): str(d) for d in range(10)},
    "零": "0", "〇": "0", "洞": "0",
    "一": "1", "幺": "1",
    "二": "2", "两": "2",
    "三": "3", "四": "4", "五": "5", "六": "6",
    "七": "7", "拐": "7",
    "八": "8", "九": "9", "勾": "9",
    # ASR homophones of spoken digits: 腰/么 for 幺, 亮 for 两.
    "腰": "1", "么": "1", "亮": "2",
    # Financial (capital) numerals, as some ASR engines and typed transcripts give them:
    # "壹叁捌壹贰叁肆伍陆柒捌".
    "壹": "1", "贰": "2", "叁": "3", "肆": "4", "伍": "5", "陆": "6", "柒": "7", "捌": "8",
    "玖": "9",
}
# Capital numerals that are also ordinary words with a neighbour ("队伍", "大陆", "放肆"):
# there they are the word, anywhere else a digit.
_WORDY_CAPITALS = frozenset("陆伍肆")
_WORDY_CAPITAL_WORDS = frozenset((
    "队伍", "入伍", "落伍", "退伍", "伍子", "大陆", "陆地", "陆续", "着陆", "登陆", "陆军",
    "内陆", "水陆", "陆路", "陆运", "陆家", "放肆", "肆意", "肆虐", "大肆",
))
# Radio-style digits are ordinary words too ("拐弯", "打勾"): they only continue a run.
_WEAK_DIGITS = frozenset("洞拐勾")
# A count of time said right after a long number: the number's last digit is the count, not part of the number
# ("申请编号是幺零零三二八七六三个工作日之内到帐", field call 1064).
COUNT_AFTER = re.compile(r"个(?:工作日|小时|钟头|月|星期|礼拜)|天(?:之内|以内|内)|(?:个)?(?:工作日|小时)(?:之内|以内|内)")
# ASR homophones are ordinary words too ("腰疼", "灯不亮", "什么"): one counts as a digit
# only next to a real digit character, and 洞 (a homophone of 零) also starts a run then.
_HOMOPHONES = frozenset("腰么亮")
# Words a homophone makes with its neighbour: there it is the word, not a digit.
_HOMOPHONE_WORDS = frozenset((
    "什么", "怎么", "那么", "这么", "多么", "要么", "干么", "么么",
    "不亮", "很亮", "明亮", "发亮", "点亮", "漂亮", "光亮", "闪亮", "天亮", "月亮", "灯亮",
    "亮了", "亮着", "亮起", "亮灯", "亮度", "亮光",
    "弯腰", "扭腰", "伸腰", "叉腰", "闪腰", "后腰", "山腰", "腰疼", "腰痛", "腰椎", "腰部",
))
_STRONG_DIGITS = "".join(ch for ch in _DIGITS
                         if ch not in _WEAK_DIGITS and ch not in _HOMOPHONES and ch not in _WORDY_CAPITALS)
_GAP_CHARS = frozenset(" -–—_")  # separators inside a number: "138 1234 5678", "138-1234"
_PAUSE_CHARS = frozenset(",、，")  # a pause between groups of 3+ digits: "138,1234,5678"
_ID_CHECK_CHARS = frozenset("xX叉")  # the last character of an 18-character ID number
# A speaker's filler between two groups of a number ("幺三八 嗯 一二三四 那个 五六七八"),
# after two digits and before two more: a pause inside the number, read like a space.
_FILLERS_IN_NUMBER = ("嗯", "呃", "额", "啊", "哦", "唔", "那个", "就是")
_FILLER_FIRST = frozenset(w[0] for w in _FILLERS_IN_NUMBER)
_FILLER_PAUSES = " ,，、"
_FILLER_WORDS = "|".join(f"{w}+" if len(w) == 1 else w for w in _FILLERS_IN_NUMBER)
# ASR slips for the spoken 幺 that are common words ("我要…"): one counts as 1 only before ten
# digits that make a mobile number with it.
_YAO_SLIPS = frozenset("要妖摇遥药耀")
_MOBILE_SECOND = frozenset("3456789")

_VALUE_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
# ``to_arabic`` rewrites runs of these: not the capital numerals, which would turn "陆家嘴"
# into "6家嘴" (``chinese_to_int`` reads them: "壹佰贰拾" is 120).
_RUN_DIGITS = "零〇一幺二两三四五六七八九"
_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
_NUMERAL_CHARS = _RUN_DIGITS + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + "0123456789"
_NUMERAL_RUN = re.compile(f"[{_NUMERAL_CHARS}]+")
_DECIMAL = re.compile(r"^\d+(?:\.\d+)?$")
# "两三", "三四", "一两": an approximate count; the upper bound is what a promise is held to.
_RANGE = re.compile(r"^([一二两三四五六七八九])([二两三四五六七八九十])$")


@dataclass(frozen=True, slots=True)
class DigitRun:
    """A digit string found in a text: characters ``start``..``end``, as said and as digits.

    ``digits`` holds only ``0``-``9``, except a final ``X`` of an ID card number.
    """

    start: int
    end: int
    surface: str
    digits: str


_FILLER_GAP = re.compile(rf"[{_FILLER_PAUSES}]*(?:{_FILLER_WORDS})[{_FILLER_PAUSES}]*(?=[{_STRONG_DIGITS}]{{2}})")
# The same gap after two digits: where ``mark_number_fillers`` finds one (starts with a class,
# so the regex engine skips in C to the next digit).
_FILLER_GAP_AFTER_DIGITS = re.compile(rf"[{_STRONG_DIGITS}]{{2}}(?P<gap>{_FILLER_GAP.pattern})")


def mark_number_fillers(text: str, mark: str = " ") -> str:
    """``text`` with every filler between two digit groups (and the pauses around it) written as
    ``mark``, character for character ("幺三八 嗯 一二三四" -> "幺三八   一二三四")."""
    if _FILLER_FIRST.isdisjoint(text):
        return text
    return _FILLER_GAP_AFTER_DIGITS.sub(lambda m: m.group()[:2] + mark * (m.end() - m.start("gap")), text)


def is_numeral(text: str) -> bool:
    """Whether ``text`` is numerals only ("二六零九", "2609", "三百"): a number said, no word."""
    return bool(text) and _NUMERAL_RUN.fullmatch(text) is not None


def digit_of(ch: str) -> str | None:
    """The digit a single spoken character stands for ("幺" -> "1"), or None."""
    return _DIGITS.get(ch)


def _group_ahead(text: str, pos: int) -> int:
    """How many digit characters follow ``pos`` directly (without separators)."""
    k = pos
    while k < len(text) and text[k] in _DIGITS:
        k += 1
    return k - pos


_STRONG_SET = frozenset(_STRONG_DIGITS)


def _is_strong(text: str, pos: int) -> bool:
    return 0 <= pos < len(text) and text[pos] in _STRONG_SET


def digit_here(text: str, pos: int, in_run: bool) -> str | None:
    """The digit ``text[pos]`` stands for at this place, or None.

    A radio-style digit only continues a run; a homophone (腰/么/亮, and 洞 for 零) counts
    when a real digit character stands directly before or after it.
    """
    ch = text[pos]
    d = _DIGITS.get(ch)
    if d is None or ch in _STRONG_SET:
        return d
    if ch in _WORDY_CAPITALS:
        return None if (text[pos - 1:pos + 1] in _WORDY_CAPITAL_WORDS
                        or text[pos:pos + 2] in _WORDY_CAPITAL_WORDS) else d
    if ch in _HOMOPHONES and (text[pos - 1:pos + 1] in _HOMOPHONE_WORDS
                              or text[pos:pos + 2] in _HOMOPHONE_WORDS):
        return None
    if ch in _HOMOPHONES or ch == "洞":
        if _is_strong(text, pos - 1) or _is_strong(text, pos + 1):
            return d
        return d if in_run and ch == "洞" else None
    return d if in_run else None


@cache
def _run_candidate(min_digits: int) -> re.Pattern[str]:
    """A pattern every run of ``min_digits`` or more digits starts with (a quick superset)."""
    # a homophone (and 洞) may start a run: see digit_here
    first = _STRONG_DIGITS + "".join(sorted(_HOMOPHONES | _WORDY_CAPITALS)) + "洞"
    seps = re.escape("".join(sorted(_GAP_CHARS | _PAUSE_CHARS)))
    more = max(0, min_digits - 1)
    return re.compile(f"[{first}](?:(?:[{seps}]|{_FILLER_WORDS})*[{''.join(_DIGITS)}]){{{more}}}")


def find_digit_sequences(text: str, *, min_digits: int = 4) -> list[DigitRun]:
    """Find identifier-like digit strings however they were spoken.

    Handles Arabic digits with spaces or dashes inside, Chinese numerals read digit by
    digit (幺/零/〇/洞/两…), mixtures of both, groups separated by spaces or by commas
    between groups of three or more digits, and an ``X`` (or "叉") ending an 18-character
    ID number. A filler between two groups ("幺三八 嗯 一二三四") is a pause inside the
    number, unless a whole mobile number ends before it. Runs shorter than ``min_digits``
    are dropped. Value numerals with place units ("二十四") are not digit strings: the unit
    ends the run.
    """
    runs: list[DigitRun] = []
    n = len(text)
    i = 0
    candidate = _run_candidate(min_digits)
    while i < n:
        # Jump to the next place where ``min_digits`` digits follow each other with at most
        # separators between: no run can start before it.
        found = candidate.search(text, i)
        if found is None:
            break
        i = found.start()
        start = i
        digits: list[str] = []
        group = 0
        j = i
        end = i
        while j < n:
            ch = text[j]
            d = _DIGITS.get(ch)
            if d is not None and ch not in _STRONG_SET:
                d = digit_here(text, j, bool(digits))
            if d is not None:
                digits.append(d)
                group += 1
                j += 1
                end = j
                continue
            if ch in _ID_CHECK_CHARS and len(digits) == 17:
                digits.append("X")
                end = j + 1
                break
            if ch in _GAP_CHARS:
                k = j
                while k < n and k - j < 2 and text[k] in _GAP_CHARS:
                    k += 1
                if k < n and text[k] in _ID_CHECK_CHARS and len(digits) == 17 \
                        and not (k + 1 < n and text[k + 1].isascii() and text[k + 1].isalpha()):
                    digits.append("X")  # "…幺二三 x": the check character after a pause
                    end = k + 1
                    break
                if k < n and digit_here(text, k, False) is not None:
                    group = 0
                    j = k
                    continue
            elif ch in _PAUSE_CHARS and group >= 3:
                k = j + 1
                while k < n and text[k] == " ":
                    k += 1
                if _group_ahead(text, k) >= 3:
                    group = 0
                    j = k
                    continue
            if group >= 2 and (ch in _FILLER_FIRST or ch in _FILLER_PAUSES) \
                    and not (len(digits) == 11 and digits[0] == "1"):
                gap = _FILLER_GAP.match(text, j)  # "幺三八 嗯 一二三四": a pause inside the number
                if gap is not None:
                    group = 0
                    j = gap.end()
                    continue
            break
        if (len(digits) == 10 and digits[0] in _MOBILE_SECOND and start
                and text[start - 1] in _YAO_SLIPS):
            start -= 1  # "要三八一二三四五六七八": the ASR wrote the spoken 幺 as a common word
            digits.insert(0, "1")
        if len(digits) >= min_digits:
            runs.append(DigitRun(start, end, text[start:end], "".join(digits)))
        i = max(end, i + 1)
    return runs


def digits_only(text: str) -> str:
    """All digits of ``text`` in order, spoken forms converted ("幺三八-12" -> "13812")."""
    return "".join(
        d for d in (_DIGITS.get(ch) for ch in text if ch not in _WEAK_DIGITS and ch not in _HOMOPHONES)
        if d
    )


def chinese_to_int(text: str) -> int:
    """The value of a numeral: "十五" -> 15, "两" -> 2, "一百二" -> 120, "两万三" -> 23000.

    Accepts Arabic digits ("15", "3千"), digit-by-digit readings ("二零二四" -> 2024) and
    the colloquial dropped last unit ("一百二" = 120, "三千五" = 3500). Raises
    ``ValueError`` when the text is not a numeral.
    """
    s = text.strip()
    if not s:
        raise ValueError("empty numeral")
    if s.isascii() and s.isdigit():
        return int(s)
    if all(ch in _VALUE_DIGITS or ch.isdigit() for ch in s):
        return int("".join(_DIGITS[ch] for ch in s))
    total = 0
    section = 0
    num: int | None = None
    last_unit = 1
    after_unit = False  # the pending digit directly follows a unit: "一百二"
    had_zero = False
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isascii() and ch.isdigit():
            k = i
            while k < len(s) and s[k].isascii() and s[k].isdigit():
                k += 1
            if num is not None:
                raise ValueError(f"not a numeral: {text!r}")
            num = int(s[i:k])
            i = k
            continue
        if ch in _VALUE_DIGITS:
            value = _VALUE_DIGITS[ch]
            if value == 0:
                had_zero = True
            else:
                if num is not None:
                    raise ValueError(f"not a numeral: {text!r}")
                num = value
                after_unit = last_unit > 1 and not had_zero
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            section += (1 if num is None else num) * unit
            num = None
            last_unit = unit
            had_zero = False
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            if num is not None:
                section += num
                num = None
            if section == 0 and total == 0:
                section = 1
            if unit > 10_000:
                total = (total + section) * unit
            else:
                total += section * unit
            section = 0
            last_unit = unit
            had_zero = False
        else:
            raise ValueError(f"not a numeral: {text!r}")
        i += 1
    if num is not None:
        section += num * (last_unit // 10) if after_unit and last_unit >= 10 else num
    return total + section


def parse_quantity(text: str) -> float:
    """A spoken amount of time units: "两" -> 2, "半" -> 0.5, "一个半" -> 1.5, "30" -> 30.

    Approximate counts ("两三", "一两", "十几", "二十几") give their upper bound. Raises
    ``ValueError`` for vague amounts ("几", "若干") and non-numerals.
    """
    s = text.strip().rstrip("个")
    if not s:
        raise ValueError("empty quantity")
    if s.endswith("十几") and len(s) <= 3:
        s = s[:-1] + "九"  # "十几秒" is at most nineteen
    if s == "半":
        return 0.5
    if s.endswith("半"):
        return parse_quantity(s[:-1]) + 0.5
    if _DECIMAL.match(s):
        return float(s)
    m = _RANGE.match(s)
    if m and _VALUE_DIGITS.get(m.group(1), 0) + 1 == _VALUE_DIGITS.get(m.group(2), -1):
        return float(_VALUE_DIGITS[m.group(2)])
    return float(chinese_to_int(s))


def to_arabic(text: str) -> str:
    """Rewrite value numerals in ``text`` as Arabic digits ("八十八号" -> "88号").

    Meant for comparing two texts (addresses, dates), not for display: words that contain
    numeral characters ("一下") are rewritten too.
    """

    def repl(m: re.Match[str]) -> str:
        try:
            return str(chinese_to_int(m.group(0)))
        except ValueError:
            return m.group(0)

    return _NUMERAL_RUN.sub(repl, text)
