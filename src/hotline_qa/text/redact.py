"""Mask personal data in call text: phone numbers, ID numbers, bank cards, e-mails, addresses.

Numbers are recognised whether they are written in Arabic digits, full-width digits or spoken
digit by digit in Chinese numerals ("幺三八一二三四五六七八", ASR homophones such as 腰/亮 next
to a digit), with or without spaces, commas or hyphens between the groups. Masking is
length-preserving (one ``*`` per masked character) so that highlight offsets computed on the
unmasked text still fit.

What is kept visible:
- mobile phone in Arabic digits: the first 3 and the last 4 digits (``138****5678``);
- ID number (18 characters, or 15 for the old cards): the first 3 and the last 4;
- bank card (16-19 digits), landline, any other run of 7 or more digits in any grouping, and
  any number spoken (partly) in Chinese numerals: the last 4 digits;
- e-mail, written or spoken ("… 艾特 163 点 com"): the first character of the name and the
  domain; letters spelled one by one ("z h a n g"): the first;
- licence plate: the province and the city letter (``浙A*****``);
- address after 地址/住址/住在/家在/送到: the first 6 characters (province and city);
- a person's name after 我叫/名字是/户主/收件人/联系人/持卡人/机主…, or given in answer to
  "怎么称呼/贵姓" (``redact_evaluation_dict``): the surname (``张*``), wherever it is said again.
  A surname alone ("我姓王", "王先生") and the agent's own name are left alone.

Ordinary short numbers (amounts, staff numbers, times, dates, "两小时") are left alone.
``redact_texts`` masks a conversation (a number over several sentences is one number),
``redact_identifier`` a call id or a file name, ``redact_evaluation_dict`` a whole record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hotline_qa.core.errors import install_maskers
from hotline_qa.text.normalize import HALF_WIDTH, PAUSE_COMMAS, aligned_positions
from hotline_qa.text.numbers import COUNT_AFTER, digit_here, mark_number_fillers, to_arabic

MASK = "*"

# Digit characters: ASCII, full width, and Chinese numerals as read out digit by digit.
_ARABIC = "0123456789０１２３４５６７８９"
_CHINESE_DIGITS = {
    "零": "0", "〇": "0", "○": "0", "幺": "1", "一": "1", "壹": "1", "二": "2", "两": "2",
    "兩": "2", "贰": "2", "三": "3", "叁": "3", "四": "4", "肆": "4", "五": "5", "伍": "5",
    "六": "6", "陆": "6", "陸": "6", "七": "7", "柒": "7", "八": "8", "捌": "8", "九": "9",
    "玖": "9", "貳": "2", "參": "3",
}
# ASR homophones (腰/么 for 幺, 亮 for 两) and radio-style digits (洞 0, 拐 7, 勾 9) are also
# ordinary words: one counts as a digit only next to a digit (``numbers.digit_here``), and is
# then read as the spoken digit it stands for.
_SOFT_DIGITS = {"腰": "幺", "么": "幺", "亮": "两", "洞": "零", "拐": "七", "勾": "九"}
_SOFT_RX = re.compile("[" + "".join(_SOFT_DIGITS) + "]")
_HALF_TABLE = str.maketrans(dict(HALF_WIDTH))
_DIGIT_CLASS = "0-9０-９" + "".join(_CHINESE_DIGITS)
# Between digit groups a speaker or an ASR engine writes spaces, hyphens or commas.
_SEP = r"(?:[ \t\u3000]*[-－,，、][ \t\u3000]*|[ \t\u3000]+)"
_CHAIN = re.compile(rf"[{_DIGIT_CLASS}]+(?:{_SEP}[{_DIGIT_CLASS}]+)*")
_GROUP = re.compile(rf"[{_DIGIT_CLASS}]+")
# Seven digits in a chain (separators between them allowed): no shorter number is masked.
_SEVEN_DIGITS = re.compile(rf"[{_DIGIT_CLASS}](?:{_SEP}?[{_DIGIT_CLASS}]){{6}}")

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

# A person's name: a common surname and a given name of one or two characters, after a word
# that introduces one ("我叫张伟", "户主是李秀英", "收件人 王芳"). Only the surname stays.
# Surnames that are also everyday words after 我叫 ("我叫车", "我叫师傅") are left out.
# Public: POL004 reads "林先生…" as the customer addressed by surname.
SURNAMES = (
    "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|司徒|夏侯|"
    "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍"
    "涂苗谷盛曲翁冉骆蓝辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆卓缪芦麦褚娄窦戚岑"
    "晏柏瞿桂佟臧闵苟邬卞姬仇栾刁荣巫寇郎甄虞敖巩苑邝]")
_NAME_KEYS = (r"我叫|我的名字(?:是|叫)|名字(?:是|叫)|姓名(?:是)?|户主(?:是|叫)?|收件人(?:是|叫)?"
              r"|收货人(?:是|叫)?|联系人(?:是|叫)?|持卡人(?:是|叫)?|机主(?:是|叫)?|开户人(?:是|叫)?"
              r"|登记人(?:是|叫)?|报修人(?:是|叫)?|投诉人(?:是|叫)?|本人(?:是|叫)")
# Characters that do not stand in a given name here: particles, pronouns and the words that
# follow a name in unpunctuated speech ("我叫张伟手机号是…", "张伟先生").
_NOT_GIVEN = "的了是吗吧啊呢呀嘛哈哦嗯呃我你您他她它在有和就也都还要想说先女手电身地住家号那这对不没去来到给跟把被从姓叫"
# "户主是我爱人王秀英": the name after the relative it names.
_RELATIVE = (r"(?:(?:我的?|我们家)?(?:爱人|老婆|老公|媳妇|丈夫|妻子|先生|太太|父亲|母亲|爸爸|妈妈|爸|妈|儿子|女儿"
             r"|孩子|哥哥|姐姐|弟弟|妹妹)[ \t\u3000，,]*)?")
_GIVEN = rf"[\u4e00-\u9fff](?<![{_NOT_GIVEN}])"
_NAME_AFTER_KEY = re.compile(
    rf"(?:{_NAME_KEYS}|姓(?:{SURNAMES})[ \t\u3000，,]*叫)[ \t\u3000:：]*(?:就是|是)?[ \t\u3000]*{_RELATIVE}"
    rf"(?P<name>(?:{SURNAMES})(?:(?:{_GIVEN}){{2}}|{_GIVEN}(?![\u4e00-\u9fff](?<![{_NOT_GIVEN}先女小同老]))))")
# The agent asking for the customer's name, and the customer's answer that is only a name
# ("嗯 李明", "我叫李明", "李明 木子李", "姓李 李明").
_NAME_QUESTION = re.compile(r"怎么称呼|贵姓|(?:您|你)的?(?:名字|姓名)|叫什么|全名")
_NAME_ANSWER = re.compile(
    rf"^[ \t\u3000，,。嗯呃啊哦我是叫免贵姓]*?(?:姓(?:{SURNAMES})[ \t\u3000，,]*)?"
    rf"(?P<name>(?:{SURNAMES})(?:{_GIVEN}){{1,2}})(?:[ \t\u3000，,。]|先生|女士|小姐|$)")

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
    return "".join(_mask_chars(text))


def _mask_chars(text: str) -> list[str]:
    """``text`` as a list of characters with personal data masked (one ``*`` per character)."""
    probe = _probe(text)
    chars = list(text)
    if "@" in probe or "艾特" in probe or " at " in probe or MAILBOX.search(probe) is not None:
        _mask_emails(probe, chars)
    _mask_plates(probe, chars)
    _mask_spelled_letters(probe, chars)
    if _SEVEN_DIGITS.search(probe) is not None:  # every number masked has 7 digits or more
        _mask_numbers(probe, chars)
    if _HOUSE_UNIT_HINT.search(probe) is not None:
        _mask_house_numbers(probe, chars)
    if _NAME_HINT.search(probe) is not None:
        _mask_names(probe, chars)
    if _ADDRESS.search(probe) is not None:
        _mask_addresses(probe if MASK not in chars else
                        "".join(ch if ch == MASK else p for ch, p in zip(chars, probe, strict=True)), chars)
    assert len(chars) == len(text)  # offsets of highlights depend on it
    return chars


def _probe(text: str) -> str:
    """``text`` as the detectors read it, character for character: full-width forms as ASCII,
    ASR homophones and radio-style digits that stand next to a digit as the digit, and a filler
    between two groups of a number ("幺三八 嗯 一二三四") as spaces."""
    half = mark_number_fillers(text.translate(_HALF_TABLE), " ")
    if _SOFT_RX.search(half) is None:
        return half
    out = list(half)
    in_run = False
    for i, ch in enumerate(half):
        if ch in _SOFT_DIGITS:
            if digit_here(half, i, in_run) is not None:
                out[i] = _SOFT_DIGITS[ch]
                in_run = True
            else:
                in_run = False
        elif ch in _CHINESE_DIGITS or ch.isdigit():
            in_run = True
        elif ch not in " \t-,、":
            in_run = False
    return "".join(out)


# A spoken e-mail: "zhang wei 八八 艾特 一六三 点 com", "zhangwei88 at 163 dot com".
_CN_DIGITS = "".join(_CHINESE_DIGITS)
_NAME_TOKEN = rf"[A-Za-z0-9._%+\-{_CN_DIGITS}]+"
_DOMAIN_TOKEN = rf"[A-Za-z0-9\-{_CN_DIGITS}]+"
_DOT = r"(?:\.|点|dot)"
_SPOKEN_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])({_NAME_TOKEN}(?: {_NAME_TOKEN})*) ?(?:@|艾特|(?<= )at(?= )) ?"
    rf"{_DOMAIN_TOKEN}(?: ?{_DOT} ?{_DOMAIN_TOKEN})*? ?{_DOT} ?[A-Za-z]{{2,}}(?![A-Za-z])"
)
#: Mail providers everyone knows, whose name marks where an address said without "at" has its domain
#: ("我邮箱是limin八八 一六三点com"). ``analyzers.key_info`` reads such addresses with the same list.
MAIL_PROVIDERS = r"(?:一六三|幺六三|163|一二六|幺二六|126|qq|扣扣|sina|新浪|sohu|搜狐|gmail|hotmail|outlook|foxmail|yeah)"
# The same address in one text, where the text speaks of a mailbox (``MAILBOX``); the name starts with a letter
# and is not the "at" of an address cut before it.
_BARE_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9])(?!at\s)([A-Za-z]{_NAME_TOKEN}?(?: {_NAME_TOKEN})*?)[ ,，]*"
    rf"{MAIL_PROVIDERS} ?{_DOT} ?(?:com|cn|net)(?![A-Za-z0-9])", re.IGNORECASE)
#: Words that name a mailbox: where a text says one, an address said without "at" is read (here and in
#: ``analyzers.key_info``).
MAILBOX = re.compile(r"邮箱|e-?mail|邮件地址", re.IGNORECASE)
# A name or an address spelled out letter by letter: "z h a n g w e i".
_SPELLED = re.compile(r"(?<![A-Za-z])[A-Za-z](?: [A-Za-z]){3,}(?![A-Za-z])")
# A licence plate: province, city letter, then 5 (6 for new energy) letters and digits, written
# or spoken ("浙A 七K 幺二八"), with spaces or a dot between the parts.
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z][·• \-]?"
    rf"((?:[A-Za-z0-9{_CN_DIGITS}] ?){{4,5}}[A-Za-z0-9{_CN_DIGITS}])(?![A-Za-z0-9{_CN_DIGITS}])"
)


def _mask_emails(text: str, chars: list[str]) -> None:
    """Keep the first character of the name and the domain; mask the rest of the name."""
    for m in _EMAIL.finditer(text):
        for i in range(m.start(1) + 1, m.end(1)):
            chars[i] = MASK
    for rx in (_SPOKEN_EMAIL, _BARE_EMAIL) if MAILBOX.search(text) else (_SPOKEN_EMAIL,):
        for m in rx.finditer(text):
            for i in range(m.start(1) + 1, m.end(1)):
                if not text[i].isspace():
                    chars[i] = MASK


def _mask_spelled_letters(text: str, chars: list[str]) -> None:
    for m in _SPELLED.finditer(text):
        for i in range(m.start() + 1, m.end()):
            if not text[i].isspace():
                chars[i] = MASK


def _mask_plates(text: str, chars: list[str]) -> None:
    """Keep the province and the city letter ("浙A"); mask the rest of the plate."""
    for m in _PLATE.finditer(text):
        tail = m.group(1)
        if sum(1 for ch in tail if ch.isdigit() or ch in _CHINESE_DIGITS) < 2:
            continue  # a word after a province name ("新version"), not a plate
        for i in range(m.start(1), m.end(1)):
            if not text[i].isspace():
                chars[i] = MASK


def _mask_addresses(text: str, chars: list[str]) -> None:
    for m in _ADDRESS.finditer(text):
        start, end = m.start(1), m.end(1)
        stop = _ADDRESS_END.search(text, start + 1, end)
        if stop is not None:
            end = stop.start()
        for i in range(start + _ADDRESS_KEEP, end):
            chars[i] = MASK


_NAME_HINT = re.compile(r"叫|名|户主|机主|[件货系卡户记修诉本]人")  # a word of _NAME_KEYS


def _mask_names(text: str, chars: list[str]) -> None:
    """Keep the surname of a name said after 我叫/户主是/收件人…; mask the given name."""
    for m in _NAME_AFTER_KEY.finditer(text):
        _mask_given_name(m.group("name"), m.start("name"), chars)


def _mask_given_name(name: str, at: int, chars: list[str]) -> None:
    keep = 2 if len(name) > 2 and re.fullmatch(SURNAMES, name[:2]) else 1
    for i in range(at + keep, at + len(name)):
        chars[i] = MASK


def _names_in(texts: Sequence[str], roles: Sequence[str | None]) -> set[str]:
    """The customer's names said in the call: after a key word, or as the answer to the
    agent's "怎么称呼/贵姓" (the customer's next turn, when it is only a name)."""
    names: set[str] = set()
    asked = False
    for text, role in zip(texts, roles, strict=True):
        probe = text.translate(_HALF_TABLE)
        if role == "agent":
            asked = _NAME_QUESTION.search(probe) is not None
            continue
        if role == "customer":
            if _NAME_HINT.search(probe) is not None:
                names.update(m.group("name") for m in _NAME_AFTER_KEY.finditer(probe))
            if asked and (m := _NAME_ANSWER.match(probe)) is not None:
                names.add(m.group("name"))
            asked = False
    return names


def _mask_names_everywhere(names: Iterable[str], texts: Sequence[str], masked: list[list[str]]) -> list[tuple[str, str]]:
    """Mask each name wherever a text of the call says it; the (name, masked) pairs."""
    pairs = []
    for name in names:
        hidden = list(name)
        _mask_given_name(name, 0, hidden)
        pair = (name, "".join(hidden))
        pairs.append(pair)
        for t, m in zip(texts, masked, strict=True):
            _mask_each(t, m, *pair)
    return pairs


# A house number chain, said in any turn with or without a street: "8栋1203", "四二三号楼二单元一零零二",
# "十二号楼三门六零一". Two numbers at least, the second with its unit or of 3+ digits (a room),
# so that "10号12点" (a date and a time) is left alone. Its digits are masked, its units kept.
_HOUSE_DIGIT = f"[{_DIGIT_CLASS}十]"
_HOUSE_UNIT = r"(?:号楼|号院|号|栋|幢|座|单元|门|楼|层|室|户)"
_HOUSE_UNIT_HINT = re.compile(rf"{_HOUSE_DIGIT}(?:栋|幢|座|单元|门|楼|层|室|户)")
_HOUSE_NUMBER = re.compile(
    rf"(?<![{_DIGIT_CLASS}十]){_HOUSE_DIGIT}{{1,5}}{_HOUSE_UNIT}"
    rf"(?:[ \t\u3000,，、]?(?:{_HOUSE_DIGIT}{{1,5}}{_HOUSE_UNIT}|{_HOUSE_DIGIT}{{3,5}}(?![{_DIGIT_CLASS}十])))+")


def _mask_house_numbers(text: str, chars: list[str]) -> None:
    for m in _HOUSE_NUMBER.finditer(text):
        for i in range(m.start(), m.end()):
            if text[i] in _CHINESE_DIGITS or text[i].isdigit() or text[i] == "十":
                chars[i] = MASK


def redact_address(address: str) -> str:
    """Mask a bare address after its first 6 characters (province and city), keeping spaces."""
    return "".join(ch if i < _ADDRESS_KEEP or ch.isspace() else MASK for i, ch in enumerate(address))


def _mask_numbers(text: str, chars: list[str]) -> None:
    for m in _CHAIN.finditer(text):
        groups = [_Group(m.start() + g.start(), g.group()) for g in _GROUP.finditer(m.group())]
        for part in _split_at_dates(groups, text):
            _mask_chain(text, part, chars)


_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_GROUPS = re.compile(r"(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])")


def _split_at_dates(groups: list[_Group], text: str) -> list[list[_Group]]:
    """The chain's groups in parts, a written date ("2024-05-01") left out: it is no identifier."""
    parts: list[list[_Group]] = [[]]
    i = 0
    while i < len(groups):
        three = groups[i:i + 3]
        if len(three) == 3 and all(g.chars.isascii() for g in three):
            start, end = three[0].start, three[2].start + len(three[2].chars)
            if _DATE_GROUPS.fullmatch(text[start:end]):
                parts.append([])
                i += 3
                continue
        parts[-1].append(groups[i])
        i += 1
    return [p for p in parts if p]


def _mask_chain(text: str, groups: list[_Group], chars: list[str]) -> None:
    """Mask the runs of consecutive groups that have the shape of a personal number; then mask
    each run of the other groups that holds 7 or more digits (order, ticket and other numbers)
    but its last 4 digits, unless the digits are an amount or a quantity."""
    leftover: list[_Group] = []
    i = 0
    while i < len(groups):
        taken = 0
        for j in range(len(groups), i, -1):  # longest window first
            window = groups[i:j]
            if len(window) > 1 and any(len(g.chars) > _CHAIN_GROUP_MAX for g in window):
                continue
            keep = _shape_keep(window, text, whole=len(window) == len(groups))
            if keep is not None:
                _apply(window, keep, chars, text)
                taken = j - i
                break
        if taken:
            _mask_generic(leftover, text, chars)
            leftover = []
            i += taken
        else:
            leftover.append(groups[i])
            i += 1
    _mask_generic(leftover, text, chars)


def _mask_generic(groups: list[_Group], text: str, chars: list[str]) -> None:
    """A run of 7 or more digits that has no known shape keeps its last 4 digits."""
    total = sum(len(g.chars) for g in groups)
    if total < _GENERIC_MIN_DIGITS:
        return
    positions = [g.start + k for g in groups for k in range(len(g.chars))]
    if _is_quantity(groups, text):
        end = groups[-1].start + len(groups[-1].chars)
        if total - 1 < _GENERIC_MIN_DIGITS or COUNT_AFTER.match(text, end) is None:
            return
        positions = positions[:-1]  # "申请编号是幺零零三二八七六三个工作日" (field call 1064): the last digit counts days
    if all(g.chars.isascii() and _YEAR.fullmatch(g.chars) for g in groups):
        return  # years: "2023-2024"
    _mask_all_but_last4(positions, chars)


def _mask_all_but_last4(positions: list[int], chars: list[str]) -> None:
    for pos in positions[:-4]:
        chars[pos] = MASK


def _keep_last4(window: list[_Group]) -> Callable[[int, int], bool]:
    return lambda pos, n: pos >= n - 4


def _shape_keep(window: list[_Group], text: str, *, whole: bool = True) -> Callable[[int, int], bool] | None:
    """Which digit positions stay visible, or None when the digits are no personal number.

    ``whole``: the window is the whole chain (a local landline "8765 4321" is only that).
    """
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
    if (whole and len(window) == 2 and n == 8 and all(len(g.chars) == 4 for g in window)
            and not _is_quantity(window, text) and not all(_YEAR.fullmatch(g.digits) for g in window)):
        return _keep_last4(window)  # local landline read as "8765 4321", not "2023-2024年"
    return None


def _id_check_char(window: list[_Group], text: str) -> int | None:
    last = window[-1]
    pos = last.start + len(last.chars)
    if pos < len(text) and text[pos] in "Xx叉":
        after = text[pos + 1: pos + 2]
        if not (after.isascii() and after.isalpha()):
            return pos
    return None


def _is_quantity(groups: list[_Group], text: str) -> bool:
    """Digits that are an amount, a quantity or a decimal ("1234567元", "1,234,567.89")."""
    end = groups[-1].start + len(groups[-1].chars)
    start = groups[0].start
    after = text[end: end + 1]
    if after in _UNIT_AFTER:
        return True
    if after == "." and text[end + 1: end + 2].isdigit():
        return True
    return start >= 2 and text[start - 1] == "." and text[start - 2].isdigit()


def _apply(window: list[_Group], keep: Callable[[int, int], bool], chars: list[str], text: str) -> None:
    positions = [g.start + k for g in window for k in range(len(g.chars))]
    check = _id_check_char(window, text)
    if check is not None and len(positions) == 17:
        positions.append(check)
    total = len(positions)
    for k, pos in enumerate(positions):
        if not keep(k, total):
            chars[pos] = MASK


# --- identifiers and groups of texts -------------------------------------------------------

_ID_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_CARD = re.compile(r"(?<![0-9])\d{17}[0-9Xx](?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def valid_id_card(number: str) -> bool:
    """An 18-character ID card number whose check character (the last) fits its first 17 digits."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def redact_identifier(value: str) -> str:
    """A call id or a file name with the personal numbers in it masked, the rest kept.

    Recordings are often named after the caller ("13812345678_0501.wav"): a mobile number
    keeps its first 3 and last 4 digits, an ID number (with a valid check digit) its first 3
    and last 4, an e-mail its first character and domain. Other digits stay, so the id still
    finds the call. The length never changes.
    """
    if not value:
        return value
    half = "".join(HALF_WIDTH.get(ch, ch) for ch in value)
    chars = list(value)
    for m in _ID_MOBILE.finditer(half):
        for i in range(m.start() + 3, m.end() - 4):
            chars[i] = MASK
    for m in _ID_CARD.finditer(half):
        if valid_id_card(m.group()):
            for i in range(m.start() + 3, m.end() - 4):
                chars[i] = MASK
    _mask_emails(half, chars)
    return "".join(chars)


# A number said over several sentences ("幺三八幺二" | agent: "嗯" | "三四五六七八"): the digits (and
# separators, and the sentence's closing punctuation) at either side of each cut.
_DIGIT_OR_SOFT = _DIGIT_CLASS + "".join(_SOFT_DIGITS)
_PIECE_SEP = " \t\u3000,，、\\-－"
_CUT_PUNCT = "。.,，、！!？?…"
_TAIL = re.compile(rf"[{_DIGIT_OR_SOFT}][{_DIGIT_OR_SOFT}{_PIECE_SEP}]*[{_CUT_PUNCT}\s]*$")
_HEAD = re.compile(rf"^[{_CUT_PUNCT}\s]*[{_DIGIT_OR_SOFT}{_PIECE_SEP}]*[{_DIGIT_OR_SOFT}]")
_ONLY_DIGITS = re.compile(rf"[{_CUT_PUNCT}\s]*[{_DIGIT_OR_SOFT}][{_DIGIT_OR_SOFT}{_PIECE_SEP}]*[{_CUT_PUNCT}\s]*")
_FILLER_MAX = 6  # "嗯", "好的", "您说": the other side's short word between two pieces


def redact_texts(texts: Sequence[str], roles: Sequence[str | None] | None = None) -> list[str]:
    """``redact_text`` of each text of a conversation, in order; a number that one sentence
    begins and the next ones finish is masked as one number. With ``roles`` (one per text), a
    number runs on over the same speaker's sentences, past a short word of the other side."""
    return ["".join(c) for c in _mask_texts(texts, roles)]


def _is_filler(text: str) -> bool:
    core = "".join(ch for ch in text if not ch.isspace() and ch not in _CUT_PUNCT)
    return len(core) <= _FILLER_MAX and not any(ch in _DIGIT_OR_SOFT for ch in core)


def _next_piece(texts: Sequence[str], roles: Sequence[str | None] | None, k: int) -> int | None:
    """The sentence that may continue a number ending sentence ``k``, or None."""
    j = k + 1
    if roles is None:
        return j if j < len(texts) else None
    while j < len(texts) and roles[j] != roles[k] and _is_filler(texts[j]):
        j += 1
    return j if j < len(texts) and roles[j] == roles[k] else None


def _mask_texts(texts: Sequence[str], roles: Sequence[str | None] | None = None) -> list[list[str]]:
    masked = [_mask_chars(t) if t else [] for t in texts]
    k = 0
    while k < len(texts):
        tail = _TAIL.search(texts[k]) if texts[k] else None
        pieces = [(k, tail.start(), len(texts[k]))] if tail else []
        cur = k
        while pieces:
            j = _next_piece(texts, roles, cur)
            head = _HEAD.search(texts[j]) if j is not None and texts[j] else None
            if j is None or head is None:
                break
            if _ONLY_DIGITS.fullmatch(texts[j]):  # a sentence of digits only: the number may go on
                pieces.append((j, 0, len(texts[j])))
                cur = j
                continue
            pieces.append((j, 0, head.end()))
            break
        if len(pieces) > 1:
            _mask_pieces(texts, pieces, masked)
            k = max(k + 1, pieces[-1][0] if pieces[-1][2] < len(texts[pieces[-1][0]]) else pieces[-1][0] + 1)
        else:
            k += 1
    return masked


def _mask_pieces(texts: Sequence[str], pieces: Sequence[tuple[int, int, int]], masked: list[list[str]]) -> None:
    """Mask the pieces ``(text, start, end)`` of one number as the number they make together,
    the punctuation at each cut read as a space."""
    parts = ["".join(" " if ch in _CUT_PUNCT else ch for ch in texts[j][s:e]) for j, s, e in pieces]
    joined = _mask_chars(" ".join(parts))
    at = 0
    for (j, s, _e), part in zip(pieces, parts, strict=True):
        for i, ch in enumerate(joined[at:at + len(part)]):
            if ch == MASK:
                masked[j][s + i] = MASK
        at += len(part) + 1


def _mask_quoted(texts: Sequence[str], masked: list[list[str]]) -> None:
    """A stretch masked in one text is masked wherever another text says it again."""
    secrets = {s for t, m in zip(texts, masked, strict=True) for s in _secrets(t, m)}
    for raw, hidden in secrets:
        for t, m in zip(texts, masked, strict=True):
            _mask_each(t, m, raw, hidden)


def _mask_each(text: str, chars: list[str], raw: str, hidden: str) -> None:
    """Mask in ``chars`` (``text``'s characters) what ``hidden`` masks, wherever ``text`` says ``raw``."""
    at = text.find(raw)
    while at >= 0:
        for i, ch in enumerate(hidden):
            if ch == MASK:
                chars[at + i] = MASK
        at = text.find(raw, at + 1)


def _aligned_count(text: str) -> int:
    """The characters ``aligned_positions`` aligns on: neither spaces nor commas (normalising
    drops the pause commas inside a sentence)."""
    return sum(not c.isspace() and c not in PAUSE_COMMAS for c in text)


def _project_masks(original: str, text: str, masked: Sequence[str], out: list[str]) -> None:
    """Mask in ``out`` (the original's characters) what ``masked`` masks in ``text``.

    The normalised text is the original with traditional characters simplified, full-width
    forms made half-width, spaces between hanzi and pause commas removed and runs of spaces made
    one: the two are aligned on their other characters. Where they do not align (a conversion that
    changed the length), nothing is projected and the original keeps its own masking.
    """
    if MASK not in masked or _aligned_count(original) != _aligned_count(text):
        return
    for i, j in aligned_positions(original, text):
        if masked[j] == MASK and text[j] != MASK:
            out[i] = MASK


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
# The marks ``analyzers.key_info`` joins the sentences of one speaking turn with (before the item's text was cut).
_TURN_JOIN_RX = re.compile("[，。]")
# Key information kinds (``analyzers.key_info``) that are numbers: they keep their last 4 digits.
_NUMBER_KINDS = frozenset({"phone", "mobile", "landline", "order", "order_number", "account",
                           "id_number", "id", "bank_card", "number"})
_SECRET_MIN = 5  # masked stretches at least this long are masked wherever else they are quoted


def _is_digitlike(ch: str) -> bool:
    return ch.isdigit() or ch in _CHINESE_DIGITS or ch in "Xx叉"


def _mask_item(kind: str, text: str, chars: list[str], start: int, end: int) -> None:
    """Mask the key information item ``text[start:end]`` of the given kind in ``chars``."""
    probe = _probe(text[start:end])
    if kind == "date":
        return
    if kind == "address":
        keep, last = _ADDRESS_KEEP, end
    elif kind == "plate":
        keep, last = 2, end
    elif kind == "email":
        at = re.search(r"@|艾特| at ", probe)
        keep, last = 1, (start + at.start()) if at else end
    else:  # numbers, and any kind this code does not know yet
        # a code of letters and digits (a tax number, a VIN, "SF…" waybill): its letters too
        digits = [start + k for k, ch in enumerate(probe)
                  if _is_digitlike(ch) or (ch.isascii() and ch.isalpha())]
        visible = [pos for pos in digits if chars[pos] != MASK]
        if len(visible) == len(digits) or len(visible) > 7:  # a mobile shows 3 + 4 digits
            _mask_all_but_last4(visible, chars)
        return
    seen = 0
    for pos in range(start, last):
        if text[pos].isspace():
            continue
        if seen >= keep:
            chars[pos] = MASK
        seen += 1


_ADDRESS_BODY = re.compile(r"[^，。,.!！?？;；、\s\"“”'‘’()（）]+")


def _mask_address_said_again(address: str, text: str, chars: list[str]) -> None:
    """An address read back in other words ("文3路" said "文三路"): from where its first three
    characters recur in ``text``, mask what follows the first 6 characters up to the next pause."""
    anchor = "".join(ch for ch in address if ch not in " ,，、")[:3]
    if len(anchor) < 3:
        return
    at = text.find(anchor)
    while at >= 0:
        body = _ADDRESS_BODY.match(text, at)
        if body is not None:
            end = body.end()
            stop = _ADDRESS_END.search(text, at + 1, end)
            _mask_item("address", text, chars, at, stop.start() if stop else end)
        at = text.find(anchor, at + 1)


def _mask_street_number(address: str, text: str, chars: list[str]) -> None:
    """The address's street and house number said again anywhere, whole or in part and in any
    numerals ("文三路一百号" for "杭州市西湖区文3路100号3单元"): the number is masked, the street
    name stays (it tells the reader what was said, as the masked address does)."""
    wanted = {_street_number_key(m.group(0)) for m in _STREET_NUMBER.finditer(to_arabic(_SPACES.sub("", address)))}
    if not wanted or "号" not in text:
        return
    for m in _STREET_NUMBER.finditer(text):
        if _street_number_key(to_arabic(_SPACES.sub("", m.group(0)))) in wanted:
            for pos in range(m.start("number"), m.end()):
                if not text[pos].isspace():
                    chars[pos] = MASK


# A street (or lane, estate road) and its house number: "文三路一百号", "望京西路 50号".
_STREET_NUMBER = re.compile(r"(?P<street>[\u4e00-\u9fff0-9]{1,6}?(?:大道|大街|胡同|路|街|巷|弄))[ \t\u3000]*"
                            r"(?P<number>[0-9０-９零〇一二两三四五六七八九十百千幺]+[ \t\u3000]*号)")
_SPACES = re.compile(r"[ \t\u3000]+")


def _street_number_key(fragment: str) -> str:
    """The street's last characters and the number: "西湖区文3路100号" and "文3路100号" meet."""
    m = _STREET_NUMBER_TAIL.search(fragment)
    return f"{m.group(1)[-3:]}{m.group(2)}" if m else fragment


_STREET_NUMBER_TAIL = re.compile(r"([\u4e00-\u9fff0-9]{0,2}(?:大道|大街|胡同|路|街|巷|弄))(\d+号)$")


def _masked_value(kind: str, value: str) -> str:
    """An item's canonical value masked by its kind."""
    if kind == "date":
        return value
    if kind == "address":
        return redact_address(value)
    chars = _mask_chars(value)
    _mask_item(kind, value, chars, 0, len(value))
    if kind in _NUMBER_KINDS:
        shaped = redact_text(value)  # a mobile or an ID number keeps its first 3 digits too
        if shaped.count(MASK) >= len(value) - 7 and shaped != value:
            return shaped
    return "".join(chars)


def _secrets(text: str, masked: Sequence[str]) -> list[tuple[str, str]]:
    """The stretches of ``text`` that masking hid, with their masked form, for quoting elsewhere."""
    out: list[tuple[str, str]] = []
    if MASK not in masked:
        return out
    i, n = 0, len(text)
    while i < n:
        if masked[i] != MASK or text[i] == MASK:
            i += 1
            continue
        j = i
        while j < n and ((masked[j] == MASK and text[j] != MASK) or (text[j] in " ,，、-" and j + 1 < n
                         and masked[j + 1] == MASK)):
            j += 1
        raw = text[i:j]
        if sum(not c.isspace() for c in raw) >= _SECRET_MIN:
            out.append((raw, "".join(masked[i:j])))
        i = max(j, i + 1)
    return out


class _Scrubber:
    """Masks free text (messages, details, notes) with ``redact_text`` and, besides, every
    stretch that was masked in the call's utterances wherever a text quotes it."""

    def __init__(self, secrets: Iterable[tuple[str, str]]) -> None:
        self.secrets = sorted(set(secrets), key=lambda s: -len(s[0]))

    def text(self, value: str) -> str:
        if not value:
            return value
        chars = _mask_chars(value)
        for raw, masked in self.secrets:
            _mask_each(value, chars, raw, masked)
        return "".join(chars)

    def tree(self, value: Any, skip: frozenset[str] = frozenset()) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {k: (v if k in skip else self.tree(v, skip)) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.tree(v, skip) for v in value]
        return value

    def metadata_value(self, value: Any) -> Any:
        """An unknown metadata value: personal data found is masked; text in which none is
        found keeps only its first character, and a number of 7+ digits its last 4."""
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int | float):
            digits = str(value)
            return value if sum(c.isdigit() for c in digits) < _GENERIC_MIN_DIGITS else \
                "".join(c if c.isdigit() is False or k >= len(digits) - 4 else MASK
                        for k, c in enumerate(digits))
        if isinstance(value, str):
            masked = self.text(value)
            if masked != value or not value.strip():
                return masked
            return value[0] + "".join(c if c.isspace() else MASK for c in value[1:])
        if isinstance(value, Mapping):
            return {k: self.metadata_value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.metadata_value(v) for v in value]
        return value


def _copy_tree(value: Any) -> Any:
    """A copy of a JSON-like tree (dicts, lists, tuples as lists; leaves shared: they are immutable)."""
    if isinstance(value, dict):
        return {k: _copy_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_copy_tree(v) for v in value]
    return value


def redact_evaluation_dict(d: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of an ``Evaluation.to_dict()`` record with personal data masked.

    Masked: utterance text and original (a number split over two sentences too, and every
    key information item where it was said or read back, even without a keyword such as
    地址), event notes, evidence span texts, finding messages, suggestions, explanations and
    details, rule details and reasons, the analysis (key information, commitments, cues),
    warnings and unknown metadata keys; a stretch masked in an utterance is masked wherever
    another text quotes it. The call id and the source keep everything but a mobile number,
    an ID number or an e-mail in them. Agent and scores are kept. ``d`` itself is left as it
    is (``Evaluation.to_dict()`` shares the call and analysis records of the evaluation).
    """
    out = _copy_tree(d)
    call = out.get("call") if isinstance(out.get("call"), dict) else {}
    assert isinstance(call, dict)
    analysis = out.get("analysis") if isinstance(out.get("analysis"), dict) else None
    key_info = [k for k in (analysis or {}).get("key_info") or [] if isinstance(k, dict)]
    utts = [u for u in call.get("utterances") or [] if isinstance(u, dict)]
    texts = [u["text"] if isinstance(u.get("text"), str) else "" for u in utts]
    roles = [str(u.get("role")) if u.get("role") else None for u in utts]
    masked = _mask_texts(texts, roles)
    by_index = {u.get("index"): k for k, u in enumerate(utts)}

    # Key information: masked where the customer said it and wherever it is said again.
    for item in key_info:
        kind, item_text, value = str(item.get("kind") or ""), item.get("text"), item.get("value")
        needles: tuple[object, ...] = (item_text, value)
        if kind == "email" and isinstance(item_text, str) and (cut := _TURN_JOIN_RX.search(item_text)) is not None:
            # an address the ASR cut into sentences ("limin八八" / "一六三点com"): its name, where said
            needles += (item_text[:cut.start()],)
        for needle in needles:
            if not isinstance(needle, str) or len(needle) < 4 or kind == "date":
                continue
            for k, t in enumerate(texts):
                at = t.find(needle)
                while at >= 0:
                    _mask_item(kind, t, masked[k], at, at + len(needle))
                    at = t.find(needle, at + 1)
        if kind == "address" and isinstance(value, str):
            for k, t in enumerate(texts):  # "文三路一百号" said again, in part, in other numerals
                _mask_street_number(value, t, masked[k])
        back = by_index.get(item.get("read_back_utterance"))
        if kind == "address" and back is not None:
            for needle in (item_text, value):
                if isinstance(needle, str):
                    _mask_address_said_again(needle, texts[back], masked[back])
        home = by_index.get(item.get("utterance"))
        if isinstance(item_text, str) and home is not None and item_text in texts[home]:
            at = texts[home].find(item_text)
            item["text"] = "".join(masked[home][at:at + len(item_text)])
        elif isinstance(item_text, str):
            item["text"] = _masked_value(kind, item_text)
        if isinstance(value, str):
            item["value"] = _masked_value(kind, value)

    _mask_quoted(texts, masked)
    secrets = [s for t, m in zip(texts, masked, strict=True) for s in _secrets(t, m)]
    secrets += _mask_names_everywhere(_names_in(texts, roles), texts, masked)
    scrub = _Scrubber(secrets)

    originals = [u["original"] if isinstance(u.get("original"), str) else "" for u in utts]
    masked_originals = _mask_texts(originals, roles)
    for u, t, m, o, mo in zip(utts, texts, masked, originals, masked_originals, strict=True):
        if isinstance(u.get("text"), str):
            u["text"] = "".join(m)
        if isinstance(u.get("original"), str):
            _project_masks(o, t, m, mo)
            u["original"] = scrub.text("".join(mo))

    for result in out.get("results") or []:
        if isinstance(result.get("details"), dict):
            result["details"] = scrub.tree(result["details"])
        if isinstance(result.get("reason"), str):
            result["reason"] = scrub.text(result["reason"])
        for finding in result.get("findings") or []:
            for key in ("message", "suggestion", "explanation"):
                if isinstance(finding.get(key), str):
                    finding[key] = scrub.text(finding[key])
            if isinstance(finding.get("details"), dict):
                finding["details"] = scrub.tree(finding["details"])
            for span in (finding.get("evidence") or {}).get("spans") or []:
                if not isinstance(span.get("text"), str):
                    continue
                at, start, end = by_index.get(span.get("utterance")), span.get("start"), span.get("end")
                if (at is not None and isinstance(start, int) and isinstance(end, int)
                        and texts[at][start:end] == span["text"]):
                    span["text"] = "".join(masked[at][start:end])
                else:
                    span["text"] = scrub.text(span["text"])
    if analysis is not None:  # key information is masked above; the rest here
        out["analysis"] = scrub.tree(analysis, _ANALYSIS_SKIP)
    for e in call.get("events") or []:
        if isinstance(e, dict) and isinstance(e.get("note"), str):
            e["note"] = scrub.text(e["note"])
    if isinstance(call.get("warnings"), list):
        call["warnings"] = scrub.tree(call["warnings"])
    meta = call.get("metadata")
    if isinstance(meta, dict):
        call["metadata"] = {k: (v if k in _METADATA_KEEP else scrub.metadata_value(v)) for k, v in meta.items()}
        if isinstance(meta.get("call_id"), str):
            call["metadata"]["call_id"] = redact_identifier(meta["call_id"])
    for key in ("call_id", "source"):
        if isinstance(out.get(key), str):
            out[key] = redact_identifier(out[key])
    audio = out.get("audio")
    if isinstance(audio, dict):
        if isinstance(audio.get("source"), str):
            audio["source"] = redact_identifier(audio["source"])
        if isinstance(audio.get("warnings"), list):
            audio["warnings"] = scrub.tree(audio["warnings"])
    return out


# Error messages quote lines and values from the user's files: mask them (see core.errors).
install_maskers(redact_text, redact_identifier)
