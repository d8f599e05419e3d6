"""Key information the customer gives, and whether the agent read it back (CNF001, AFT002).

Found in customer turns: phone numbers (mobile and landline), order / ticket numbers,
account numbers, ID card numbers, bank card numbers, e-mail addresses (also spoken as
"艾特 … 点com"), street addresses, dates and car plates, and codes of letters and digits
spoken in pieces: a company's tax number "九幺三三 0106 MA 二七八 K 四四 X 两", a VIN, a
waybill "SF 幺四五六…", a flight "MU 五五幺幺" (after a flight word). Numbers are compared by
their digits, however they were spoken: "幺三八一二三四五六七八" equals "138-1234-5678" and
"壹叁捌壹贰叁肆伍陆柒捌". A group the customer corrects at once ("…五六七一 不对不对 五六七七")
gives the item as corrected.

An item counts as read back when a later agent turn contains the same digits (the whole
number, or its last four or more digits after "尾号"/"后四位" — not for a mobile number,
which 004 宜⑩ has repeated whole), the same e-mail (or its
user name), the same address core (street or estate with its number), the same date (a
month of a year, "房产证 二零二一年三月", by the same month) or the same plate. A number the
agent gave first (the customer only repeats it) is not a customer item, nor is a number
already given said again, or a part of it echoed while confirming a read-back ("户号 幺零零三
四五六七 八九 对吗" — "啥 幺零零三 对对对").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from itertools import pairwise

from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.text.numbers import (
    _NUMERAL_RUN,
    COUNT_AFTER,
    DigitRun,
    _run_candidate,
    chinese_to_int,
    digit_of,
    find_digit_sequences,
    to_arabic,
)
from hotline_qa.text.redact import MAIL_PROVIDERS, MAILBOX, valid_id_card

PHONE = "phone"
ORDER = "order"
ACCOUNT = "account"
ID_NUMBER = "id_number"
BANK_CARD = "bank_card"
NUMBER = "number"  # a long number whose kind neither its length nor its context tells
EMAIL = "email"
ADDRESS = "address"
DATE = "date"
PLATE = "plate"
_NUMBER_KINDS = frozenset({PHONE, ORDER, ACCOUNT, ID_NUMBER, BANK_CARD, NUMBER})
KINDS = (PHONE, ORDER, ACCOUNT, ID_NUMBER, BANK_CARD, NUMBER, EMAIL, ADDRESS, DATE, PLATE)

KIND_NAMES_ZH = {
    PHONE: "电话号码", ORDER: "订单/工单号", ACCOUNT: "账号/户号", ID_NUMBER: "身份证号",
    BANK_CARD: "银行卡号", NUMBER: "号码", EMAIL: "电子邮箱", ADDRESS: "地址", DATE: "日期",
    PLATE: "车牌号",
}


@dataclass(frozen=True, slots=True)
class KeyItem:
    """One piece of key information a customer gave.

    ``value`` is canonical (digits only for numbers, lower-case e-mail, ISO date —
    ``--MM-DD`` when the year is unknown, ``YYYY-MM`` for a month of a year ("二零二一年三月")
    — upper-case plate, address with Arabic digits);
    ``start``..``end`` are character offsets in utterance ``utterance``'s text.
    """

    kind: str
    value: str
    utterance: int
    start: int
    end: int
    text: str
    given_by: Role
    read_back: bool
    read_back_utterance: int | None
    partial: bool = False  # only part of an ID or card number: "身份证后六位" (a verification answer)
    # a number not read back that the agent read back wrong and never corrected: (the agent's sentence,
    # how many digits differ), one digit wrong or two neighbours swapped ("…三幺四" read "…三四幺")
    misread: tuple[int, int] | None = None

    @property
    def name_zh(self) -> str:
        return KIND_NAMES_ZH.get(self.kind, self.kind)


# Words before a number that say what it is; the nearest one wins.
_CONTEXT: tuple[tuple[str, str], ...] = (
    # "身份证号码": its "号码" must not make the number a phone number (listed first, the
    # longer word is taken)
    ("身份证号码", ID_NUMBER), ("身分证号码", ID_NUMBER),
    ("身份证", ID_NUMBER), ("身分证", ID_NUMBER), ("证件号", ID_NUMBER), ("证件", ID_NUMBER),
    ("银行卡", BANK_CARD), ("信用卡", BANK_CARD), ("储蓄卡", BANK_CARD), ("借记卡", BANK_CARD),
    # cards that are no bank card: their number is an account's ("就诊卡号", field call 559)
    ("就诊卡", ACCOUNT), ("诊疗卡", ACCOUNT), ("医保卡", ACCOUNT), ("社保卡", ACCOUNT), ("会员卡", ACCOUNT),
    ("加油卡", ACCOUNT), ("燃气卡", ACCOUNT), ("购电卡", ACCOUNT), ("公交卡", ACCOUNT), ("校园卡", ACCOUNT),
    ("一卡通", ACCOUNT), ("病历号", ACCOUNT), ("住院号", ACCOUNT), ("门诊号", ACCOUNT),
    ("卡号", BANK_CARD),
    ("订单", ORDER), ("单号", ORDER), ("工单", ORDER), ("运单", ORDER), ("快递单", ORDER),
    ("流水号", ORDER), ("受理号", ORDER), ("编号", ORDER), ("业务号", ORDER), ("合同号", ORDER),
    ("户号", ACCOUNT), ("账号", ACCOUNT), ("帐号", ACCOUNT), ("会员号", ACCOUNT),
    ("客户号", ACCOUNT), ("用户号", ACCOUNT), ("宽带", ACCOUNT), ("qq", ACCOUNT),
    ("手机", PHONE), ("电话", PHONE), ("座机", PHONE), ("固话", PHONE), ("联系方式", PHONE),
    ("号码", PHONE), ("打这个", PHONE),
    # codes of letters and digits: a company's tax number, a car's VIN, a flight
    ("税号", NUMBER), ("信用代码", NUMBER), ("识别号", NUMBER), ("识别代号", NUMBER),
    ("识别代码", NUMBER), ("车架号", NUMBER), ("航班", NUMBER),
)
_CONTEXT_RE = re.compile("|".join(re.escape(w) for w, _ in _CONTEXT))
_CONTEXT_KIND = dict(_CONTEXT)
_TAIL_RE = re.compile(r"(?:尾号|尾数|后四位|后4位|末四位|末4位|最后四位|最后几位|后几位|后六位|后6位|结尾是?|末尾是?)")
# A masked read-back of an ID number ending in X: "尾号二八四X" (three digits are too few for
# a digit run of their own), or with the ending word after it: "四四零开头二八四X结尾".
_TAIL_CHECK_RE = re.compile(
    _TAIL_RE.pattern + r"\s*([0-9零〇一二两三四五六七八九幺]{3,5})\s*[xX叉]"
    r"|([0-9零〇一二两三四五六七八九幺]{3,5})\s*[xX叉]\s*的?(?:结尾|收尾)")
# A unit right after a digit run makes it an amount, a year, a count …, not an identifier.
_UNIT_AFTER = frozenset("元块钱毛角年月日点分秒个岁次台件斤米度%万千百份张条期克升公")
# Words that start with a unit character but say no unit: "八八六六七七九九分机八零二".
# ("公" is a unit in 公里, 公斤 and 公分 only, "升" and "克" are units: "幺三八…公司的座机", "…升级" end no number.)
_NOT_UNIT_AFTER = ("分机", "公司", "公众", "公安", "公积", "公交", "公寓", "公园", "公路", "公告", "公证", "公章", "公共",
                   "公务", "公墓", "公厕", "公开", "公布", "公正", "公平", "升级", "升到", "克服")
# A long number followed by a count of time (``COUNT_AFTER``) has at least this many digits before its last.
_MIN_BEFORE_COUNT = 7
_DIGIT_CHAR_LAST = re.compile(r"[一二两三四五六七八九]$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{9,11}$")
_CONTEXT_WINDOW = 15
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_CHECK_CHARS = frozenset("xX叉")

_CN_DIGIT = "零〇一二两三四五六七八九幺壹贰叁肆伍陆柒捌玖"
_EMAIL_RE = re.compile(
    # the local part may be spoken in groups: "zhang wei 八八 艾特 一六三 点 com"
    rf"(?P<local>[a-z0-9{_CN_DIGIT}][a-z0-9._\-{_CN_DIGIT}]*(?:\s[a-z0-9{_CN_DIGIT}][a-z0-9._\-{_CN_DIGIT}]*){{0,4}})"
    r"\s*(?:@|艾特|\s+at\s+)\s*"
    rf"(?P<domain>(?:[a-z0-9\-{_CN_DIGIT}]+|扣扣)(?:\s*(?:\.|点|dot)\s*[a-z0-9\-]+)*?"
    r"\s*(?:\.|点|dot)\s*(?:com|cn|net|org|edu|gov|cc|io|hk|top)(?:\s*(?:\.|点)\s*cn)?)"
    r"(?![a-z0-9])"
)
_NUM = rf"[0-9{_CN_DIGIT}十百千]+"
def _hanzi_except(chars: str) -> str:
    """A character class of the CJK block U+4E00..U+9FFF without ``chars`` (one class is
    much faster to match than a look-ahead before every character)."""
    parts: list[str] = []
    lo = 0x4E00
    for cp in sorted({ord(c) for c in chars}):
        if cp > lo:
            parts.append(f"{chr(lo)}-{chr(cp - 1)}")
        lo = cp + 1
    parts.append(f"{chr(lo)}-\u9fff")
    return "[" + "".join(parts) + "]"


_NAME_CHAR = _hanzi_except("在是到住址我们的了呢吧吗啊呀嗯哦您你他她请就和跟")
# 和 is a conjunction only between two full items ("3号楼和5号楼": the match after it
# starts behind it, see _address_start); inside a name it is part of it ("东城区和平路",
# "太和路").
_NAME = _hanzi_except("在是到住址我们的了呢吧吗啊呀嗯哦您你他她请就跟")  # ("我们桂花城七幢", field call 783)
_AFTER_ITEM = frozenset("号院楼弄栋幢座元门层室户0123456789" + _CN_DIGIT + "十百")
_PLACE_SUFFIX = (r"(?:大道|大街|胡同|小区|花园|公寓|大厦|广场|新村|家园|社区|路|街|巷|弄|苑|园|村|里|庄|城)")
# A numbered part of an estate: "望京西园四区", "幸福里二期".
_SUBAREA = rf"(?:{_NUM}(?:区|期|街区|组团))"
_UNIT = r"(?:号院|号楼|号|弄|栋|幢|座|单元|门|楼|层|室|户)"
# What an unpunctuated or hesitant speaker puts between a street and its number: a pause,
# a filler, the street said again ("文三路，文三路那个，幺二八号").
_SEP = r"[，,、 ]"
_FILL = r"(?:那个|就是|这个|然后|嗯|呃)"
_GAP = rf"(?P<gap>(?:{_SEP}|{_FILL}|(?P=place)){{0,6}})"
# The numbered parts after the street's number go on after a pause, also where the ASR cut the
# sentence: "西湖路二十三号" / "四单元五零二" (field call 405) is one address.
_ADDRESS_RE = re.compile(
    rf"(?P<admin>(?:{_NAME}{{1,6}}?(?:省|市|区|县|镇|乡|街道){_SEP}?)*)"
    # (a building may be named by a letter: "富力城 D座 十六零三", field call 746)
    rf"(?P<core>(?P<place>{_NAME}{{1,10}}?{_PLACE_SUFFIX}{_SUBAREA}?){_GAP}(?P<num>(?:{_NUM}|[A-Za-z]){_UNIT}))"
    rf"(?:(?:{_SEP}|{_FILL}){{0,3}}(?:{_NAME_CHAR}{{1,8}}?{_PLACE_SUFFIX})?{_NUM}{_UNIT})*(?:{_NUM}(?!{_UNIT}))?"
)
# Building, unit and room without the estate's name, which the caller of a property hotline or
# the estate's own service desk leaves out: "七号楼二单元一零零三" (field call 400).
_BUILDING_RE = re.compile(rf"{_NUM}(?:号楼|栋|幢|座){_SEP}?{_NUM}单元{_SEP}?{_NUM}(?:室|号)?")
_SEP_RE = re.compile(_SEP)
_LEAD_FILLER = re.compile(r"^(?:那个|这个|就是|然后|嗯|呃|啊)+")
# A filler between the numbered parts ("三百八十弄，那个十二号"): no part of the address.
# ... and one right after a district or a city: "东湖区那个青枫路幺二八号" (field call 971; after a street it
# marks a street said again: "芳草街那个芳华路", field call 620).
_INNER_FILLER = re.compile(rf"{_FILL}+(?=[，,、 ]|{_NUM})|(?<=[省市区县]){_FILL}+")
_FALSE_START = re.compile(r"([\u4e00-\u9fff]{2,6})[，,、 ]?\1")
# A year said in full ("二零二一", "2021") or by its last two digits ("二一年", "21年"; not
# after another digit: the end of a longer number).
_YEAR = rf"\d{{4}}|[{_CN_DIGIT}]{{4}}|(?<![0-9{_CN_DIGIT}])(?:\d{{2}}|[零〇一二三四五六七八九]{{2}})"
# A month said in numerals is 一 to 十二: "七十月" is no month, so "幺幺零七十月二号" (a flight number and
# then its date, field call 965) finds "十月二号" after the digits.
_MONTH = r"\d{1,2}|十[一二]?|[一二三四五六七八九]"
_DATE_RE = re.compile(
    rf"(?:(?P<y>{_YEAR})年)?(?P<m>{_MONTH})月"
    rf"(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})(?:日|号)"
    # a month of a year, no day: "房产证 二零二一年三月", "21年3月份" (value ``YYYY-MM``)
    rf"|(?P<ymy>{_YEAR})年(?P<ymm>{_MONTH})月(?:份)?(?![0-9一二三四五六七八九十])"
    r"|(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
)


def _gated(branches: Sequence[tuple[str, str]]) -> re.Pattern[str]:
    """The alternation of ``first + rest`` over ``branches`` (``first`` the inside of a
    one-character class), written to match at the same places but much faster to search:
    ``[any first](?:(?<=[first1])rest1|...)``. A pattern that starts with a character
    class lets the regex engine skip in C to the next character that can start a match
    instead of trying every branch at every position."""
    union = "".join(first for first, _ in branches)
    alts = "|".join(f"(?<=[{first}]){rest}" for first, rest in branches)
    return re.compile(f"[{union}](?:{alts})")


def _split_first_class(pattern: str) -> tuple[str, str]:
    """``("abc", "rest")`` of a pattern written ``[abc]rest`` (no "]" inside the class)."""
    assert pattern.startswith("[") and "]" in pattern, pattern
    close = pattern.index("]")
    return pattern[1:close], pattern[close + 1:]


# An address said without "at" before a mail provider everyone knows ("我邮箱是limin八八 / 一六三点com",
# field call 701): the provider's name marks where the domain starts. Searched only where the turn
# speaks of a mailbox; the local part starts with a letter.
_BARE_EMAIL_RE = re.compile(
    # (not the "at" of an address the ASR cut before it: "七七六三零幺四九八 / at QQ点com", field call 565)
    rf"(?<![a-z])(?!at\s)(?P<local>[a-z][a-z0-9._\-{_CN_DIGIT}]*(?:\s[a-z0-9{_CN_DIGIT}][a-z0-9._\-{_CN_DIGIT}]*){{0,4}}?)"
    r"[\s,，。]*"  # (the turn's join after a digit: "limin八八。一六三点com")
    rf"(?P<domain>{MAIL_PROVIDERS}\s*(?:\.|点|dot)\s*(?:com|cn|net)(?:\s*(?:\.|点)\s*cn)?)(?![a-z0-9])"
)
_PROVIDER_NAMES = {"扣扣": "qq", "新浪": "sina", "搜狐": "sohu"}

# Cheap tests that rule an item kind out before its (costlier) pattern runs; each accepts
# every text its pattern can match. The gated ones match where "@|艾特|\sat\s",
# "月|\d[-/.]" and "{_NUM}{_UNIT}" do.
_LATIN_HINT = re.compile(r"[a-z]")
_NUMERAL_HINT = re.compile(rf"[0-9{_CN_DIGIT}十百千洞拐勾]")
_EMAIL_HINT = _gated((("@", ""), ("艾", "特"), (r"\s", r"at\s")))
_DATE_HINT = _gated((("月", ""), (r"\d", "[-/.]")))
_NUM_FIRST = f"0-9{_CN_DIGIT}十百千"  # the characters of ``_NUM``
_ADDRESS_HINT = _gated(((_NUM_FIRST, f"[{_NUM_FIRST}]*{_UNIT}"),))
_LETTER_BUILDING = re.compile(r"[A-Za-z](?:座|栋|幢|号楼)")  # "富力城 D座 十六零三"


# One test that rules every kind out at once (most turns hold no item): a latin letter
# (e-mail, plate; U+0130 and U+212A lower-case to latin letters), the date or address
# hint (as ``_DATE_HINT``, ``_ADDRESS_HINT``), or the start of a digit run of
# ``find_digit_sequences``.
_ANY_ITEM_HINT = _gated((
    (r"A-Za-z\u0130\u212a月", ""),
    (r"\d", "[-/.]"),
    (_NUM_FIRST, f"[{_NUM_FIRST}]*{_UNIT}"),
    _split_first_class(_run_candidate(4).pattern),
))
# The plate's digits may be spoken as Chinese numerals: "浙A一二三四五" is 浙A12345.
_PROVINCE = "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"  # a plate's first character
_PLATE_RE = re.compile(
    rf"{_PROVINCE}[a-z][·\s]?"
    rf"[a-z0-9{_CN_DIGIT}](?:[·\s]?(?:嗯|呃|啊)?[·\s]?[a-z0-9{_CN_DIGIT}]){{4,5}}(?![a-z0-9{_CN_DIGIT}])"
)
# A plate begun at the end of a sentence and the rest of one at the start of the next.
_PLATE_OPEN = re.compile(
    rf"{_PROVINCE}[A-Za-z][·\s]?[A-Za-z0-9{_CN_DIGIT}]{{0,4}}$")
_PLATE_GOES_ON = re.compile(rf"[A-Za-z0-9{_CN_DIGIT}]")
# A speaker's pause inside a plate ("浙A 幺二七 嗯 Q 八"), left out of its value.
_PLATE_SKIP = re.compile(r"[·\s嗯呃啊]")

# A code of letters and digits spoken in pieces: a company's tax number (统一社会信用代码)
# "九幺三三 0106 MA 二七八 K 四四 X 两", a VIN, a waybill "SF 幺四五六…", a flight "MU 五五幺幺".
# Letters come in words of up to five ("LSVAM"); pauses and fillers may stand between pieces.
_CODE_DIGITS = f"0-9{_CN_DIGIT}"
_CODE_LETTERS = r"(?<![a-z])[a-z]{1,5}(?![a-z])"
_CODE_SEP = r"(?:[ ·\-_,，、]|嗯|呃|啊|那个|就是)"
_CODE_TOKEN = rf"(?:{_CODE_LETTERS}|[{_CODE_DIGITS}])"
_CODE_RE = re.compile(rf"{_CODE_TOKEN}(?:{_CODE_SEP}{{0,4}}{_CODE_TOKEN})*")
_CODE_TOKEN_RE = re.compile(_CODE_TOKEN)
# Quick test: a letter and a digit side by side (a pause between them allowed).
_CODE_HINT = re.compile(rf"[a-z]{_CODE_SEP}{{0,3}}[{_CODE_DIGITS}]|[{_CODE_DIGITS}]{_CODE_SEP}{{0,3}}[a-z]")
_CODE_SKIP = re.compile(rf"{_CODE_SEP}+")
# 统一社会信用代码 (GB 32100): 18 characters, its third to eighth the region code.
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
# A VIN: 17 characters without I, O, Q, the last four digits.
_VIN = re.compile(r"[A-HJ-NPR-Z0-9]{13}\d{4}")
# A waybill or ticket with a letter prefix: "SF1456789012345", "JD0012…", "YT88…".
_PREFIXED = re.compile(r"([A-Z]{1,4})(\d{8,15})")
_NOT_A_PREFIX = frozenset({"QQ"})  # "QQ 12345678": the account is the digits
_FLIGHT = re.compile(r"(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\d{3,4}")
_FLIGHT_WORDS = re.compile(r"航班|机票|飞机|起飞|航空|落地|值机")
# A train number said right after a letter-led code: "订单号 E七三九二幺零五八六 G幺零三 上海虹桥到北京南"
# (field call 290) is order number E739210586 and train G103, not one code.
_TRAIN_AFTER_CODE = re.compile(r"^[A-Z][A-Z\d]*\d{6}(?P<train>[GDCKTZY]\d{1,4})$")
_TRAIN_WORDS = re.compile(r"车次|高铁|动车|火车|列车|车票|站|到")


def extract_key_info(call: Call) -> tuple[KeyItem, ...]:
    """The key items the customer gave, in call order, each with its read-back status.

    Items are looked for in speaking turns (``Call.turn_of``), not ASR sentences: a number
    said "幺三八幺二" / "三四五六七八" in two sentences of one turn is one number, and a
    read-back spread over the sentences of one agent turn is one read-back. The sentences
    of a turn are joined with a pause mark ("，"), as in a transcript typed line by line; where
    the ASR cut consecutive sentences between digits, by a space when the number goes on
    ("考生号是二六" / "三二零一零二", ``_number_goes_on``) and by a full stop when it does not
    (a whole mobile number, the number said again, an amount: "二九九元").
    """
    year = call.metadata.started_at.year if call.metadata.started_at else None
    turns = _speaking_turns(call)
    agent_values: set[tuple[str, str]] = set()
    agent_seen = 0  # turns[:agent_seen] have given their agent values
    items: list[KeyItem] = []
    seen: set[tuple[str, str]] = set()
    prev_agent_text = ""
    runs: dict[int, list[DigitRun]] = {}  # digit runs of agent turns, for read-back checks
    taken_from: dict[int, int] = {}  # turn position -> characters at its start a number took
    for pos, turn in enumerate(turns):
        if turn.role is Role.AGENT:
            prev_agent_text = turn.text
            continue
        if turn.role is not Role.CUSTOMER:
            continue
        text = turn.text
        rest = None
        if text and (text[-1] in _DIGIT_CHARS or (text[-1] in _END_MARKS and text.rstrip(_END_MARKS)[-1:] in _DIGIT_CHARS)):
            rest = _number_rest(turns, pos)
        if rest is not None:  # the number goes on in the customer's next turn
            taken_from[rest[0]] = rest[1]
            text = f"{text} {turns[rest[0]].text[:rest[1]]}"
        elif not turn.hinted:
            continue
        found = _items_in(text, prev_agent_text, year)
        if rest is not None:
            found = [f for f in found if f[2] < len(turn.text)]
        if pos in taken_from:
            found = [f for f in found if f[2] >= taken_from[pos]]
        if not found:
            continue
        # What the agent said first is not the customer's to give (collected only when needed).
        for earlier in turns[agent_seen:pos]:
            if earlier.role is Role.AGENT and earlier.hinted:
                for kind, value, *_ in _items_in(earlier.text, "", year):
                    agent_values.add((kind, value))
        agent_seen = pos
        for kind, value, start, end in found:
            key = (kind, value)
            if key in seen or key in agent_values or (NUMBER, value) in agent_values:
                continue
            if kind == ADDRESS and any(k == ADDRESS and _HERE.sub("", value) in v for k, v in agent_values):
                # "枫林路一百二十号 好的": the start of the address the agent gave (field call 291); "对对对就是这里
                # 七座一零零三" (field call 1145): its end, confirmed
                continue
            if kind in _NUMBER_KINDS and _misheard_agents(value, text, start, agent_values):
                continue  # "零五七幺八七零六幺幺四四是这个吧": the agent's number noted down wrong (field call 1034)
            if kind in _NUMBER_KINDS and (_echoed(value, text, start, end, prev_agent_text, seen | agent_values, agent_values)
                                          or _confirms_read_back(value, text, start, prev_agent_text)
                                          or _corrects_read_back(value, text, start, prev_agent_text, seen)
                                          or _said_again_on_request(turns, pos, value, year)):
                continue
            seen.add(key)
            back = _find_read_back(kind, value, turns[pos + 1:], year, runs)
            if back is None and kind in _NUMBER_KINDS:
                # "四九幺零 四九幺零 零零八三": a group said twice is one group of the number
                for once in _without_repeated_group(value):
                    once_back = (_find_read_back(kind, once, turns[pos + 1:], year, runs) if len(once) >= 4
                                 # "五零二 五 零 二": a door number said twice, read back "502" (field call 360)
                                 else _whole_read_back(once, turns[pos + 1:]))
                    if once_back is not None:
                        value, back = once, once_back
                        if kind == BANK_CARD and _MOBILE.match(once):
                            kind = PHONE  # (the stutter made it as long as a card: field call 1165)
                        break
            if back is None and kind in _NUMBER_KINDS:
                # "…幺幺零四" / "麻烦您再说一下最后四位" / "幺零四六": the tail given again (field call 322)
                for fixed in _tail_given_again(value, turns[pos + 1:pos + 1 + _CORRECTION_TURNS]):
                    fixed_back = _whole_read_back(fixed, turns[pos + 1:])
                    if fixed_back is not None:
                        value, back = fixed, fixed_back
                        break
            partial = (kind == ID_NUMBER and len(value) < 15) or (kind == BANK_CARD and len(value) < 12)
            misread = _first_misread(value, turns[pos + 1:], runs) if back is None and kind in _NUMBER_KINDS else None
            u, u_start, u_end = turn.locate(start, end)
            items.append(KeyItem(kind, value, u.index, u_start, u_end, text[start:end], u.role,
                                 back is not None, back, partial, misread))
    if sum(1 for k in items if k.kind == PLATE) > 1:
        items = [k for k in items if not _plate_said_again(k, items)]
    return tuple(items)


_PLATE_AGAIN_UTTERANCES = 4  # how soon after a plate the customer may say it again, corrected


def _plate_said_again(item: KeyItem, items: Sequence[KeyItem]) -> bool:
    """A plate the customer says again soon after, corrected or completed ("苏A六二八幺七" / "苏A的,D,D六二八幺七
    对苏AD六二八幺七", field call 1076): the first saying is no item of its own. The later one holds all the
    digits of the first."""
    if item.kind != PLATE or item.read_back:
        return False
    digits = "".join(ch for ch in item.value if ch.isdigit())
    return any(k.kind == PLATE and 0 < k.utterance - item.utterance <= _PLATE_AGAIN_UTTERANCES and k.value != item.value
               and digits in "".join(ch for ch in k.value if ch.isdigit()) and k.value[:1] == item.value[:1]
               for k in items)


# A number the customer says that differs from one the agent gave before in this many digits at most
# (of as many digits, seven or more) is the agent's number, noted down or said back wrong.
_MISHEARD_DIGITS = 2
_MISHEARD_MIN_LEN = 7


def _misheard_agents(value: str, text: str, start: int, agents: set[tuple[str, str]]) -> bool:
    """``value`` is a number the agent gave earlier, said back by the customer with a digit or two
    wrong ("零五七幺八七零六幺幺幺四" / "零五七幺八七零六幺幺四四是这个吧", field call 1034): no information
    of the customer's. Not when the customer corrects ("不对 是…"): that number is the customer's."""
    if len(value) < _MISHEARD_MIN_LEN or _CORRECTION_RE.search(text, max(0, start - _CORRECTION_GAP), start):
        return False
    return any(k in _NUMBER_KINDS and len(v) == len(value)
               and sum(a != b for a, b in zip(v, value, strict=True)) <= _MISHEARD_DIGITS
               for k, v in agents)


# The customer's word of assent: "对对对", "是的", "没错", "嗯".
_ASSENT = re.compile(r"对|是的|是啊|是呀|是吧|没错|正确|不错|嗯|没问题|可以")
# A read-back question at the end of the agent's turn: "…八九 对吗", "…是吧", "对不对".
_READ_BACK_QUESTION = re.compile(r"(?:吗|吧|嘛|对不对|是不是|没错|对不|是不)[\s，,。.？?！!啊呀]*$|[？?]\s*$")
_ASSENT_WINDOW = 6  # characters either side of the number


def _echoed(value: str, text: str, start: int, end: int, prev_agent_text: str,
            known: set[tuple[str, str]], agents: set[tuple[str, str]]) -> bool:
    """The number the customer says at ``text[start:end]`` repeats a number already given
    (``known``: by the customer or the agent): the whole of it said as another kind, or a part of
    it (its first, last or a middle group) said while confirming a read-back ("户号 幺零零三
    四五六七 八九 对吗" — "啥 幺零零三 对对对"), or while noting down the number the agent has
    just given (``agents``: "工单号我给您说一下 二零二五幺零零三 零四七二" — "零四七二 好我记一下",
    field calls 927, 589). That is no new information.

    A part counts as confirming with a word of assent next to it, or right after the agent's
    read-back question that holds the whole number; not where the customer names the part
    as another kind of number ("对 我户号是一二三四五六" after a phone number holding those
    digits, "我户号是三零四七二" after the agent's ticket number), which is then new information.
    """
    wholes = [(k, v) for k, v in known if k in _NUMBER_KINDS and value in v]
    if not wholes:
        return False
    if any(v == value for _, v in wholes):
        return True  # the same number said again (another word before it gave another kind)
    lower = text.lower()
    named = _nearest_context(lower[max(0, start - _CONTEXT_WINDOW):start])
    agent_digits = "".join(run.digits for run in find_digit_sequences(prev_agent_text))
    if len(value) >= 3 and any((k, v) in agents and v in agent_digits and named in (None, k) for k, v in wholes):
        return True  # the agent's own number, just given, noted down
    if named is not None and all(named != k for k, _ in wholes):
        return False
    if _ASSENT.search(text, max(0, start - _ASSENT_WINDOW), start) \
            or _ASSENT.search(text, end, end + _ASSENT_WINDOW):
        return True
    if not _READ_BACK_QUESTION.search(prev_agent_text):
        return False
    return any(v in agent_digits for _, v in wholes)


def _confirms_read_back(value: str, text: str, start: int, prev_agent_text: str) -> bool:
    """The customer assents to the agent's read-back question and repeats digits of it, perhaps
    twice: "幸福小区十二号楼三单元四零二对吗" — "对 四零二 四零二" (the room of an address read
    back, joined by the normaliser into "402402"). No new number."""
    if _ASSENT.search(text, max(0, start - _ASSENT_WINDOW), start) is None \
            or _READ_BACK_QUESTION.search(prev_agent_text) is None \
            or _nearest_context(text[max(0, start - _CONTEXT_WINDOW):start].lower()) is not None:
        return False  # (a number the customer names: "对 户号是幺二三四五六" is new information)
    said = to_arabic(prev_agent_text)  # short groups too ("四零二"), which are no digit run of their own
    return any(len(v) >= 3 and v in said for v in (value, *_without_repeated_group(value)))


def _corrects_read_back(value: str, text: str, start: int, prev_agent_text: str,
                        seen: set[tuple[str, str]]) -> bool:
    """The customer corrects the agent's wrong read-back with the right digits of the number given
    before: "幺八七二三零九五五六幺" / "幺八七二三零九五六六幺对吗" / "不对是五五六幺五五" (field call 1149). No new
    number: the read-back of the one given is judged."""
    if _CORRECTION_OPENS.match(text) is None or start > _CORRECTION_HEAD or not _ANY_DIGIT.search(prev_agent_text):
        return False
    return any(value[:4] in v for k, v in seen if k in _NUMBER_KINDS and len(v) > len(value))


_DIGIT_CHARS = frozenset(c for c in "0123456789" + _CN_DIGIT if digit_of(c) is not None)
_END_MARKS = " ，,。"
# The agent's word while the customer reads out a number: "嗯", "好", "您说".
_LISTENING = re.compile(r"[嗯哦噢好对是您你请说继续的啊，。,. ]{1,6}")
# What may stand before the rest of a number in the customer's next turn.
_BEFORE_REST = re.compile(r"(?:[嗯呃啊，,。 ]|然后|那个|就是|后面是?|再往后是?)*")


def _number_rest(turns: list[_Turn], pos: int) -> tuple[int, int] | None:
    """``(next customer turn, characters)`` when the number that ends customer turn ``pos``
    goes on at the start of the customer's next turn, right after it (two lines of a typed
    transcript) or after the agent only said "嗯"/"您说" ("幺三八一二三四" / "嗯" / "五六七八"):
    the two parts make a whole mobile, landline, ID card or bank card number and the first
    alone does not (``_number_goes_on``)."""
    nxt = pos + 1
    while nxt < len(turns) and nxt <= pos + 2 and turns[nxt].role is Role.AGENT \
            and _LISTENING.fullmatch(turns[nxt].text):
        nxt += 1
    if nxt >= len(turns) or turns[nxt].role is not Role.CUSTOMER:
        return None
    taken = _number_goes_on(turns[pos].text, turns[nxt].text, whole=True)
    return None if taken is None else (nxt, taken)


def _number_goes_on(text: str, after: str, *, whole: bool) -> int | None:
    """How many characters at the start of ``after`` go on with the number that ends ``text``
    (nothing but pause marks after it), or None.

    The first part is not a whole mobile, landline, ID card or bank card number by itself;
    ``after`` starts (after "嗯", "然后", "后面是" …) with a run of two or more digits (or one
    digit before a read-back question: "…七零四四" / "六对吗", or before an ID card's check
    character: "后六位是三二零五" / "一X") that
    does not say the first part again ("八六四二七七五一" / "八六四二七七五一") and is no
    amount, year or count (a unit after it: "三八八元", "二零二四年"). With ``whole`` the two
    parts must make a whole mobile, landline, ID card or bank card number: a number the
    customer finishes after the agent's "嗯", or on the next line of a typed transcript.
    Without it (a speaker's sentences cut by the ASR at a pause: "考生号是二六" / "三二零一零二"
    / "幺幺零八四七") any number goes on.
    """
    lead = _BEFORE_REST.match(after)
    offset = lead.end() if lead else 0
    if offset >= len(after) or digit_of(after[offset]) is None:
        return None
    first = find_digit_sequences(text, min_digits=1)
    if not first or text[first[-1].end:].strip(_END_MARKS):
        return None
    head = first[-1].digits
    if len(head) == 1 and not _SINGLE_DIGIT_LEAD.search(text, 0, first[-1].start):
        return None  # one digit goes on only after the number's lead-in: "卡号是零" / "零五一四四零八"
    second = find_digit_sequences(after[offset:], min_digits=2)
    if not second or second[0].start != 0:
        # one last digit cut off a read-back: "E幺二三八七零四四" / "六对吗" (field call 387), or off
        # a whole number: "证三七零二零三一九五八零四二七三二二" / "六预约三月十六号"
        second = find_digit_sequences(after[offset:], min_digits=1)
        if not second or second[0].start != 0 or len(second[0].digits) != 1 \
                or not (_ASKED_AFTER.match(after, offset + second[0].end)
                        or after[offset + second[0].end:offset + second[0].end + 1] in _CHECK_CHARS
                        or _complete_number(head + second[0].digits)):
            return None
    if _complete_number(head) and not _id_shaped(head + second[0].digits) \
            and not _card_tail(head, second[0].digits, after[offset + second[0].end:], whole):
        return None  # a whole number already, unless an ID card's last digit is cut off (17 + 1)
    if whole and not _complete_number(head + second[0].digits):
        return None
    if len(head) > 1 and second[0].digits.startswith(head[:4]):
        return None  # the speaker says the number again ("八六 四二 七七 五一" / "八六四二 七七五一")
    end = offset + second[0].end
    if end < len(after) and after[end] in _NOT_GOING_ON_BEFORE and not after.startswith(_NOT_UNIT_AFTER, end):
        return None  # an amount, a year, a floor … after the number
    if len(head) <= 4 and after.startswith("是", end) and not _ASKED_AFTER.match(after, end):
        # "我们家是五零三" / "五零二是对门" (field call 786): two short numbers, the next one a subject;
        # not "好的幺零二八" / "三七六五是吧" (871), a read-back asked
        return None
    return end


# A read-back question right after the digits: "…六 对吗", "六是吧".
_ASKED_AFTER = re.compile(r"[\s，,]*(?:对吗|对吧|是吗|是吧|对不对|是不是|没错吧|吗|吧)")
# A unit or an address part after the digits that would go on with a number: they are no part of it.
_NOT_GOING_ON_BEFORE = _UNIT_AFTER | frozenset("号楼层室栋幢")


# What one digit at the end of a sentence must follow to start a number the next sentence goes on
# with: "卡号是零" / "零五一四四零八", "身份证号码开头四一零一结尾三" / "七一二对吗".
_SINGLE_DIGIT_LEAD = re.compile(r"(?:是|为|号|尾|头|码|位|证)[\s，,:：]*$")


def _card_tail(head: str, tail: str, rest: str, whole: bool) -> bool:
    """A long bank card's last digits cut off into the sentence that ends it: "六二幺七零零零零" /
    "幺二三四五六七八" / "九零幺对吗" (19 digits, field call 811). The first part looks whole (16), the two make
    a card of at most 19 digits, and nothing but a read-back question follows."""
    return (not whole and 16 <= len(head) < len(head) + len(tail) <= 19 and head.isdigit() and tail.isdigit()
            and (not rest.strip(_END_MARKS) or _ASKED_AFTER.fullmatch(rest.rstrip(_END_MARKS)) is not None))


def _complete_number(digits: str) -> bool:
    """A whole mobile, landline, ID card (18) or bank card (16-19) number."""
    return bool(_MOBILE.match(digits) or _LANDLINE.match(digits) or _looks_like_id(digits)
                or (16 <= len(digits) <= 19 and digits.isdigit()))


_TURN_JOIN = "，"
# Between two sentences of one turn cut by the ASR between digits: a pause inside one number
# (a separator ``find_digit_sequences`` reads through) or the end of a number (one it stops at).
_NUMBER_GOES_ON = " "
_NUMBER_ENDS = "。"


class _Turn:
    """The sentences of one speaking turn and their text joined with a pause mark.

    A plain slotted class, not a frozen dataclass: one is built per turn of every call,
    and a frozen dataclass is several times slower to build. Treat it as read-only.
    """

    __slots__ = ("hinted", "index", "offsets", "role", "text", "utterances")

    def __init__(self, role: Role, utterances: tuple[Utterance, ...], text: str,
                 offsets: tuple[int, ...]) -> None:
        self.role = role
        self.utterances = utterances
        self.text = text
        self.offsets = offsets  # where each sentence starts in ``text``
        self.index = utterances[0].index
        # whether an item can be in the text at all (most turns hold none: they need neither
        # ``_items_in`` nor a digit-run search)
        self.hinted = _ANY_ITEM_HINT.search(text) is not None

    def locate(self, start: int, end: int) -> tuple[Utterance, int, int]:
        """The sentence holding ``text[start]`` and the span in its own text (cut at its end)."""
        k = bisect_right(self.offsets, start) - 1
        u, off = self.utterances[k], self.offsets[k]
        return u, start - off, min(end - off, len(u.text))


def _speaking_turns(call: Call) -> list[_Turn]:
    """The call's speaking turns in the order they start (``Call.turn_of``); other lines alone."""
    groups: dict[int | tuple[int], list[Utterance]] = {}
    turn_of = call.turn_of.get
    for u in call.utterances:
        key = turn_of(u.index)
        if key is None:
            groups[(u.index,)] = [u]  # a line of neither party: a turn of its own
            continue
        group = groups.get(key)
        if group is None:
            groups[key] = [u]
        else:
            group.append(u)
    out: list[_Turn] = []
    for group in groups.values():
        if len(group) == 1:
            u = group[0]
            out.append(_Turn(u.role, (u,), u.text, _AT_START))
            continue
        offsets: list[int] = []
        parts: list[str] = []
        pos = 0
        prev_index = -2
        for u in group:
            if parts:
                join = _TURN_JOIN
                if u.index == prev_index + 1 and _PLATE_OPEN.search(parts[-1]) \
                        and _PLATE_GOES_ON.match(u.text):
                    join = _NUMBER_GOES_ON  # a plate cut by the ASR: "车牌是青A七三幺" / "M九"
                elif u.index == prev_index + 1 and parts[-1].rstrip(_END_MARKS)[-1:] in _DIGIT_CHARS:
                    # cut by the ASR between digits: one number or two
                    join = _NUMBER_GOES_ON if _number_goes_on("".join(parts), u.text, whole=False) \
                        else _NUMBER_ENDS
                    last = parts[-1]
                    marks = len(last) - len(last.rstrip(_END_MARKS))
                    if marks:  # the ASR's own marks say the same, in as many characters
                        parts[-1] = last[:-marks] + join * marks
                if not _ends_with_pause(parts[-1]):
                    parts.append(join)  # a sentence the ASR left unpunctuated
                    pos += len(join)
            prev_index = u.index
            offsets.append(pos)
            parts.append(u.text)
            pos += len(u.text)
        out.append(_Turn(group[0].role, tuple(group), "".join(parts), tuple(offsets)))
    return out


_AT_START = (0,)  # the offsets of a one-sentence turn
_PAUSE_MARKS = frozenset(",.!?;:，。！？；：、…~")
# Every pause mark and a space: dropped where a read-back is compared whatever the pauses.
_ALL_MARKS = re.compile("[ " + re.escape("".join(sorted(_PAUSE_MARKS))) + "]")


def _ends_with_pause(text: str) -> bool:
    """True when ``text`` ends with a punctuation mark or white space."""
    return bool(text) and (text[-1] in _PAUSE_MARKS or text[-1].isspace())


# -- finding items in one text -------------------------------------------------------

def _items_in(text: str, prev_text: str, year: int | None) -> list[tuple[str, str, int, int]]:
    """``(kind, value, start, end)`` of every item in ``text``, in order of appearance.

    Callers skip a text where ``_ANY_ITEM_HINT`` does not match (``_Turn.hinted``): it holds
    no item.
    """
    lower = text.lower()
    latin = _LATIN_HINT.search(lower) is not None
    numeral = _NUMERAL_HINT.search(text) is not None
    if not numeral and not latin:
        return []  # every kind of item has a digit or a latin letter in it
    found: list[tuple[str, str, int, int]] = []
    taken: list[tuple[int, int]] = []
    if _EMAIL_HINT.search(lower):
        for m in _EMAIL_RE.finditer(lower):
            found.append((EMAIL, _email_value(m), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    if latin and MAILBOX.search(lower):
        for m in _BARE_EMAIL_RE.finditer(lower):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append((EMAIL, _email_value(m), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    if numeral and _DATE_HINT.search(text):
        for m in _DATE_RE.finditer(text):
            value = _date_value(m, year)
            if value and not _spells_digits_before(text, m.start(), value):
                found.append((DATE, value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    if latin:
        for m in _PLATE_RE.finditer(lower):
            plate = (PLATE, _plate_value(m.group(0)), m.start(), m.end())
            if found and found[-1][0] == PLATE and _corrects_last(text, found[-1][3], m.start()):
                found[-1] = plate  # "浙A幺二三四五" / "不对浙A幺二三五四" (field call 888): the plate as corrected
            else:
                found.append(plate)
            taken.append((m.start(), m.end()))
        if numeral and _CODE_HINT.search(lower):
            prev_lower = prev_text.lower()
            for m in _CODE_RE.finditer(lower):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                for code in _codes_in(lower, m, prev_lower):
                    found.append(code)
                    taken.append((code[2], code[3]))
    if numeral and (_ADDRESS_HINT.search(text) or (latin and _LETTER_BUILDING.search(text))):
        for m in _ADDRESS_RE.finditer(text):
            start = _address_start(m)
            found.append((ADDRESS, _address_value(m, start), start, m.end()))
            taken.append((start, m.end()))
        for m in _BUILDING_RE.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                # "幺幺三 幺幺三号楼两单元六零三" (field call 979): the building said twice is one building
                found.append((ADDRESS, to_arabic(_FALSE_START.sub(r"\1", _SEP_RE.sub("", m.group(0)))), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    if found:
        # "同安家园三栋呃不对是五栋" (field call 983): the address taken back at once is no item; its correction is
        # (and a date: "十月二十九号不对,是九月二十九号", field call 1014)
        found = [f for f in found if (f[0] != ADDRESS and f[0] != DATE) or _TAKEN_BACK.match(text, f[3]) is None]
    if numeral:
        last: tuple[int, DigitRun] | None = None  # the last number item: where in ``found``, its run
        for run in _with_check_chars(find_digit_sequences(text), text):
            if any(s < run.end and run.start < e for s, e in taken):
                continue
            if last is not None and (_corrects_last(text, last[1].end, run.start)
                                     or _restated_after_correction(text, last[1], run)):
                # (a number short of a whole length spliced to one first: "幺三五零六幺七八八二 不对不对 八八四二",
                # field call 1148, is "…七八八四二", not its last four changed)
                corrected = _spliced(last[1].digits, run.digits) or _corrected(last[1].digits, run.digits)
                if corrected is not None:  # "五六七一 不对不对 五六七七": the item as corrected
                    k = last[0]
                    found[k] = (found[k][0], corrected, found[k][2], run.end)
                    last = (k, DigitRun(last[1].start, run.end, text[last[1].start:run.end], corrected))
                    continue
                whole = run.digits if _restated(last[1].digits, run.digits) \
                    else _restated_after_tail(last[1].digits, run.digits)
                if whole is not None:
                    if whole is run.digits and text[:run.start].rstrip(" ，,").endswith("不是"):
                        # "13812345678 不是13912345678": the number it is not (not "…幺五二 不对不对 … 不是幺五二 /
                        # 就是三三零…幺五八X", field call 1107: only the wrong tail joined to the whole is)
                        continue
                    # the whole number said again, right
                    again = (_classify(run, lower, prev_text.lower()) if whole is run.digits else None) \
                        or found[last[0]][0]  # (the tail joined to it says nothing of its kind)
                    found[last[0]] = (again, whole, run.start, run.end)
                    last = (last[0], run)
                    continue
            if last is not None and not text[last[1].end:run.start].strip(" ，,。.") \
                    and (whole := _tail_said_first(last[1].digits, run.digits)) is not None:
                k = last[0]  # "六六二八 / 幺八六 五五零三 / 六六二八": the tail said first, then the whole
                found[k] = (PHONE, whole, found[k][2], run.end)
                last = (k, DigitRun(last[1].start, run.end, text[last[1].start:run.end], whole))
                continue
            if COUNT_AFTER.match(lower, run.end) and len(run.digits) > _MIN_BEFORE_COUNT \
                    and _DIGIT_CHAR_LAST.search(run.surface):
                # "申请编号是幺零零三二八七六三个工作日之内到帐" (field call 1064): the last digit counts the days
                run = DigitRun(run.start, run.end - 1, run.surface[:-1], run.digits[:-1])
            kind = _classify(run, lower, prev_text.lower())
            if kind:
                found.append((kind, run.digits, run.start, run.end))
                last = (len(found) - 1, run)
    if len(found) > 1:
        found.sort(key=lambda f: f[2])
    return found


# "这里" before the part of an address the customer confirms: "就是这里七座一零零三".
_HERE = re.compile(r"^(?:就是|是|在)?(?:这里|那里|这儿|那儿|这边|那边)")
# The customer takes back what was just said: "幺三九…五六七一 不对不对 是七不是一 五六七七",
# "七七八幺二三 不对 是七七八幺二四五五六".
_CORRECTION_RE = re.compile(r"不对|不是|错了|说错|搞错|口误|更正|重新说|重说")
# The customer's turn opens with "不对", "不是", "错了" (``_CORRECTION_RE``): what follows corrects the agent.
_CORRECTION_OPENS = re.compile(rf"^(?:嗯|啊|哎|呃)?[\s,，]*(?:{_CORRECTION_RE.pattern}|不不)")
_CORRECTION_HEAD = 8  # how far into the turn the corrected digits start
_CORRECTION_GAP = 14  # characters between the number and its correction, at most
# An address taken back as soon as it was said: "同安家园三栋呃不对是五栋".
_TAKEN_BACK = re.compile(r"[\s,，]*(?:呃|嗯|啊)?[\s,，]*(?:不对|不是不是|错了|说错了)")
# The correction said right before the number as corrected, after some words about the
# number ("…三零九五 就是十一位最后一个 是四 不对是 幺八六…三零九四", field call 357):
# the number may then be this far back.
_CORRECTION_AT_NUMBER = re.compile(r"(?:不对|错了|说错了?|搞错了?|口误)[\s，,]*(?:应该)?是?[\s，,]*$")
_CORRECTION_REACH = 30


def _corrects_last(text: str, last_end: int, start: int) -> bool:
    """The customer takes back the number that ended at ``last_end`` before saying the one at ``start``."""
    gap = start - last_end
    if gap <= _CORRECTION_GAP and _CORRECTION_RE.search(text, last_end, start):
        return True
    return gap <= _CORRECTION_REACH and _CORRECTION_AT_NUMBER.search(text, last_end, start) is not None


def _restated_after_correction(text: str, last: DigitRun, run: DigitRun) -> bool:
    """The whole number said anew a little after the customer took it back, with words about the
    wrong digits between ("…幺五二 / 不对不对后面是幺五八X 不是幺五二 / 就是三三零…幺五八X", field call 1107)."""
    return run.start - last.end <= _CORRECTION_REACH and _CORRECTION_RE.search(text, last.end, run.start) is not None \
        and (_restated(last.digits, run.digits) or _restated_after_tail(last.digits, run.digits) is not None)


def _corrected(said: str, again: str) -> str | None:
    """``said`` with its last group replaced by the group the customer said again to correct
    it ("…五六七一" then "五六七七": the last four), or None when ``again`` corrects no tail
    of it. The ASR may have joined a digit of the correcting words ("是七不是一") to the
    group: the shortest difference wins, the longer group on a tie."""
    if not 3 <= len(again) < len(said) or not again.isdigit():
        return None
    best: tuple[int, int] | None = None  # (differences, -length)
    for k in range(len(again) - 2):
        group = again[k:]
        diffs = sum(a != b for a, b in zip(said[-len(group):], group, strict=True))
        if 1 <= diffs <= max(1, len(group) // 2) and (best is None or (diffs, -len(group)) < best):
            best = (diffs, -len(group))
    if best is None:
        # "…幺七三三幺五" / "不对不对是三幺五二" (field call 1112): the last four said anew differ in more digits,
        # but only the corrected ID card number has a check character that fits
        whole = said[:-len(again)] + again
        if len(said) == 18 and len(again) >= 4 and said[:17].isdigit() and valid_id_card(whole) \
                and not valid_id_card(said):
            return whole
        return None
    return said[:len(said) + best[1]] + again[len(again) + best[1]:]


# The lengths of a whole number of a known kind: a mobile number, a bank card, an ID card number.
_WHOLE_LENGTHS = frozenset({11, 16, 17, 18, 19})
_SPLICE_BACK = 6  # how far back in the number the correction may restart


def _spliced(said: str, again: str) -> str | None:
    """``said`` with its tail said anew and run on to the end ("…零零幺九四四七" / "不对不对是四七四六四七四六然后三幺八",
    field call 1046): the correction restarts a digit or a few back (the same digit first), differs from what it
    replaces, and leaves a number of a whole length (``_WHOLE_LENGTHS``); a group the customer said twice in
    the correction counts once. None when no such splice is found."""
    if len(said) in _WHOLE_LENGTHS or not again.isdigit():
        return None
    for a in (again, *_without_repeated_group(again)):
        best: tuple[int, str] | None = None
        for k in range(max(1, len(said) - _SPLICE_BACK), len(said)):
            whole = said[:k] + a
            tail = said[k:]
            if len(whole) not in _WHOLE_LENGTHS or said[k] != a[0] or len(a) <= len(tail):
                continue
            diffs = sum(x != y for x, y in zip(tail, a, strict=False))
            if diffs and (best is None or diffs < best[0]):
                best = (diffs, whole)
        if best is not None:
            return best[1]
    return None


def _restated(said: str, again: str) -> bool:
    """``again`` is the whole number said anew after a correction (same start or length)."""
    return len(again) >= len(said) - 1 and (again[:3] == said[:3] or len(again) == len(said))


# The agent's short turn asking to hear it again: "啊什么", "您再说一遍", "没听清".
_ASKED_AGAIN = re.compile(r"^(?:啊|嗯|哦|呃|蛤|不好意思|抱歉)?[\s,，]*(?:您|你)?(?:刚才)?(?:说)?(?:的是)?(?:什么|啥)"
                          r"|再说一遍|再说一下|再报一下|再念一下|再(?:慢慢)?念一遍|没听清|听不清|重复一下|多少来着"
                          r"|(?:再|您|你)说慢(?:一)?点|慢(?:一)?点说")  # "不好意思 麻烦您再说慢一点" (field call 942)
_ASKED_AGAIN_CHARS = 14
# How much of the number said again must agree with the first try, where its start differs ("幺伞八 /
# 幺七四四 / 零九二二六": the ASR lost the "三" and heard "二" twice; said again "幺三八 幺七四四 零九二六").
_AGAIN_ALIKE = 0.75


def _said_again_on_request(turns: Sequence[_Turn], pos: int, value: str, year: int | None) -> bool:
    """The customer's number at ``turns[pos]`` is said again, the same at its start, right after the
    agent asked to hear it ("电话幺三五 / 零幺二那个 / 六六四七零幺" / "啊什么" / "幺三五零幺二八 / 六六四七",
    field call 708), or alike in most of its digits ("幺伞八 / 幺七四四 / 零九二二六" / "麻烦您再说慢一点", 942): the number
    given is the one said again, the first was misheard or misspoken."""
    if pos + 2 >= len(turns):
        return False
    ask, again = turns[pos + 1], turns[pos + 2]
    # (a polite ask may be longer, with no number in it: "不好意思张先生后面几位我没听清楚麻烦您再慢慢念一遍", field call
    # 1081; "…后面几位我这边没听太清麻烦您再慢一点说一遍一位一位地说", 1112)
    if ask.role is not Role.AGENT or again.role is not Role.CUSTOMER or _ASKED_AGAIN.search(ask.text) is None \
            or len(ask.text) > 3 * _ASKED_AGAIN_CHARS \
            or (len(ask.text) > _ASKED_AGAIN_CHARS and find_digit_sequences(ask.text, min_digits=2)):
        return False
    # (the first try stuttered, a group said twice: "四幺零四幺零三二六…", field call 1112)
    tries = (value, *_without_repeated_group(value))
    return any(kind in _NUMBER_KINDS and other != said and abs(len(other) - len(said)) <= 2
               and (other[:3] == said[:3] or SequenceMatcher(None, said, other).ratio() >= _AGAIN_ALIKE)
               for kind, other, *_ in _items_in(again.text, ask.text, year) for said in tries)


def _tail_said_first(said: str, tail: str) -> str | None:
    """The whole number when the customer said its tail first and then the whole, which the ASR
    joined to the tail: "尾号是六六二零" — "六六二八 / 幺八六 五五零三 / 六六二八" (field call 949) reads
    "66281865503" and then "6628"."""
    if len(tail) < 3 or not said.startswith(tail):
        return None
    whole = said[len(tail):] + tail
    return whole if _MOBILE.match(whole) else None


def _restated_after_tail(said: str, again: str) -> str | None:
    """The whole number said anew at the end of ``again``, after the corrected tail the ASR joined to
    it ("零九一二三八五 七四六 喔不对七六四 / 零九一二三八五七六四", field call 703): ``again`` ends
    with as many digits as ``said`` has, starting as it does. None when it does not."""
    if len(again) <= len(said) + 1:
        return None
    tail = again[-len(said):]
    return tail if tail[:3] == said[:3] else None


def _without_repeated_group(digits: str) -> list[str]:
    """The number with one group said twice in a row left out ("四九幺零 四九幺零 零零八三",
    repeated for a listener who missed it): a candidate for each repeated block of 3 to 6
    digits, longest first; and a false start of two digits ("三零 三零幺 五六八 二二四", field
    call 930). Two digits said twice further on count only where that leaves a mobile number of a
    thirteen-digit run: "幺三九八零二三四六四六七五" (field call 986, an elderly caller's stutter). The
    normaliser joins the spoken groups, so the blocks are found in the digits."""
    out: list[str] = []
    # a false start said over and over: "幺三六 幺三六 呃 幺三六零幺二四七七五八" (field call 1165) is the number once
    # (three times or more: the last start goes on to the rest)
    for size in (3, 4):
        head, n = digits[:size], 1
        while digits.startswith(head, n * size):
            n += 1
        if n >= 3:
            out.append(digits[(n - 1) * size:])
    stutter = len(digits) == 13 and digits.startswith("1")
    for size in range(min(6, len(digits) // 2), 1, -1):
        for i in range(len(digits) - 2 * size + 1 if size > 2 or stutter else 1):
            if digits[i:i + size] == digits[i + size:i + 2 * size]:
                once = digits[:i + size] + digits[i + 2 * size:]
                if size == 2 and i > 0 and _MOBILE.match(once) is None:
                    continue
                if once not in out:
                    out.append(once)
    return out


def _with_check_chars(runs: list[DigitRun], text: str) -> list[DigitRun]:
    """The runs, a five-digit one followed by an ID check character ("身份证后六位三四一二二X")
    taken with it: the last six characters of an ID card number."""
    out = runs
    for i, run in enumerate(runs):
        if len(run.digits) == 5 and run.end < len(text) and text[run.end] in _CHECK_CHARS:
            if out is runs:
                out = list(runs)
            out[i] = DigitRun(run.start, run.end + 1, text[run.start:run.end + 1], run.digits + "X")
    return out


def _address_start(m: re.Match[str]) -> int:
    """Where an address match starts, a conjunction 和 right after an earlier item left out."""
    start = m.start()
    text = m.string
    if text[start] == "和" and start > 0 and text[start - 1] in _AFTER_ITEM:
        return start + 1
    return start


def _address_value(m: re.Match[str], start: int) -> str:
    """The address with Arabic numbers, without pauses, fillers and the repeated street."""
    text = m.string
    kept = text[start:m.start("gap")] + text[m.end("gap"):m.end()]
    kept = _FALSE_START.sub(r"\1", _INNER_FILLER.sub("", _LEAD_FILLER.sub("", kept)))  # "金沙湾 金沙湾花园": said again
    return to_arabic(_SEP_RE.sub("", kept))


def _classify(run: DigitRun, lower: str, prev_lower: str) -> str | None:
    digits = run.digits
    if run.end < len(lower) and lower[run.end] in _UNIT_AFTER \
            and not lower.startswith(_NOT_UNIT_AFTER, run.end):
        return None
    if run.start > 0 and lower[run.start - 1] in "¥$":
        return None
    window = lower[max(0, run.start - _CONTEXT_WINDOW):run.start]
    tail = _TAIL_RE.search(window[-8:]) is not None
    context = _nearest_context(window)
    if context is None and (len(window) < 4 or tail):
        # A bare answer to the agent's question: "请问您的订单号是?" "一二三四五六"; or its tail
        # ("开户时登记的身份证号码 / 后六位" - "后六位是二八零零三X": part of the ID, field call 445)
        context = _last_context(prev_lower)
    if len(digits) < 6 and not tail and context is None:
        return None
    if context == PHONE:
        if _MOBILE.match(digits) or _LANDLINE.match(digits) or 7 <= len(digits) <= 8 or tail:
            return PHONE
        context = None  # "号码" before something that is not a phone number
    if context in (ID_NUMBER, BANK_CARD, ORDER, ACCOUNT):
        return context
    if tail:
        return NUMBER
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return PHONE
    if _looks_like_id(digits):
        return ID_NUMBER
    if 16 <= len(digits) <= 19 and digits.isdigit():
        return BANK_CARD
    return NUMBER if len(digits) >= 6 else None


def _codes_in(lower: str, m: re.Match[str], prev_lower: str) -> list[tuple[str, str, int, int]]:
    """The codes in a match of ``_CODE_RE``: one, or one per piece where a pause before letters
    starts a code of its own ("SF 幺四六…，SF幺四六…": said twice)."""
    cuts = [c.end() for c in _CODE_RESTART.finditer(lower, m.start(), m.end())]
    if cuts:
        bounds = [m.start(), *cuts, m.end()]
        pieces: list[tuple[str, str, int, int]] = []
        for start, end in pairwise(bounds):
            end = len(lower[:end].rstrip(" ·-_,，、"))
            value = _code_value(lower[start:end])
            kind = _code_kind(value, lower, start, end, prev_lower)
            if kind is None:
                break
            pieces.append((kind, value, start, end))
        else:
            return pieces  # every piece is a code of its own
    value = _code_value(m.group(0))
    train = _TRAIN_AFTER_CODE.match(value)
    if train is not None:
        cut = m.start() + m.group(0).rfind(train.group("train")[0].lower())
        end = len(lower[:cut].rstrip(" ·-_,，、"))
        first = _code_value(lower[m.start():end])
        kind = _code_kind(first, lower, m.start(), end, prev_lower)
        pieces = [(kind, first, m.start(), end)] if kind else []
        if _TRAIN_WORDS.search(lower, m.end(), m.end() + 8):
            pieces.append((NUMBER, train.group("train"), cut, m.end()))
        return pieces
    kind = _code_kind(value, lower, m.start(), m.end(), prev_lower)
    return [(kind, value, m.start(), m.end())] if kind else []


# A pause before letters: where a code said again starts.
_CODE_RESTART = re.compile(r"[,，、]\s*(?=[a-z])")


def _code_value(text: str) -> str:
    """A spoken code without pauses, upper-case, with Arabic digits ("MU 五五幺幺" -> "MU5511")."""
    return "".join(_DIGIT_MAP.get(t, t) for t in _CODE_TOKEN_RE.findall(text)).upper()


def _code_compact(text: str) -> str:
    """``text`` with pauses and fillers left out, upper-case, Arabic digits: a code read back
    in pieces ("MU五五 幺幺") is in it as one string."""
    return "".join(_DIGIT_MAP.get(ch, ch) for ch in _CODE_SKIP.sub("", text.lower())).upper()


def _code_kind(value: str, lower: str, start: int, end: int, prev_lower: str) -> str | None:
    """The kind of a code of letters and digits, or None (no code: a word next to a number,
    or digits alone, which the digit runs take)."""
    n_digits = sum(ch.isdigit() for ch in value)
    if n_digits == len(value) or n_digits < 3 or (value[-1] == "X" and n_digits == len(value) - 1):
        return None  # digits, or an ID number ending in X: the digit runs take them
    window = lower[max(0, start - _CONTEXT_WINDOW):start]
    context = _nearest_context(window)
    if context is None and len(window) < 4:
        context = _last_context(prev_lower)
    if _CREDIT_CODE.fullmatch(value) or _VIN.fullmatch(value):
        return NUMBER
    prefixed = _PREFIXED.fullmatch(value)
    if prefixed and prefixed.group(1) not in _NOT_A_PREFIX:
        return context if context in (ORDER, ACCOUNT) else ORDER
    if _FLIGHT.fullmatch(value) and (_FLIGHT_WORDS.search(window) or _FLIGHT_WORDS.search(lower, end, end + 6)
                                     or (len(window) < 4 and _FLIGHT_WORDS.search(prev_lower))):
        return NUMBER
    if context in (ORDER, ACCOUNT, NUMBER) and n_digits >= 4 and len(value) >= 6:
        return context  # "工单号 GD 二零二四…", "税号" with a character the ASR lost
    return None


def _nearest_context(window: str) -> str | None:
    best: str | None = None
    for m in _CONTEXT_RE.finditer(window):
        best = _CONTEXT_KIND[m.group(0)]  # later matches are nearer the number
    return best


def _last_context(text: str) -> str | None:
    return _nearest_context(text) if text else None


def _id_shaped(digits: str) -> bool:
    """18 digits with a birth date in the place an ID card number has it (its check digit may be
    misheard)."""
    if len(digits) != 18 or not digits.isdigit():
        return False
    year, month, day = int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
    return 1900 <= year <= 2030 and 1 <= month <= 12 and 1 <= day <= 31


def _looks_like_id(digits: str) -> bool:
    """18 characters with a valid check digit, or 15 digits with a plausible birth date."""
    if len(digits) == 18 and digits[:17].isdigit():
        total = sum(int(c) * w for c, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
        return _ID_CHECK[total % 11] == digits[17]
    if len(digits) == 15 and digits.isdigit():
        month, day = int(digits[8:10]), int(digits[10:12])
        return 1 <= month <= 12 and 1 <= day <= 31
    return False


def _email_value(m: re.Match[str]) -> str:
    local = "".join(_DIGIT_MAP.get(ch, ch) for ch in m.group("local"))
    domain = m.group("domain")
    for name, latin in _PROVIDER_NAMES.items():
        domain = domain.replace(name, latin)
    domain = "".join(_DIGIT_MAP.get(ch, ch) for ch in domain)
    domain = re.sub(r"\s*(?:点|dot|\.)\s*", ".", domain)
    return f"{local}@{domain}".replace(" ", "")


def _plate_value(text: str) -> str:
    """A plate (or a text searched for one) without separators, upper-case, Arabic digits."""
    return "".join(_DIGIT_MAP.get(ch, ch) for ch in _PLATE_SKIP.sub("", text)).upper()


# The digits of the spoken numerals of ``_CN_DIGIT``, from ``text.numbers`` (one table of digit values).
_DIGIT_MAP = {ch: d for ch in _CN_DIGIT if (d := digit_of(ch)) is not None}


# The digits said right before a date (``_spells_digits_before``).
_DIGITS_BEFORE = re.compile(rf"[0-9{_CN_DIGIT}]{{3,4}}[，, ]?$")


def _spells_digits_before(text: str, start: int, value: str) -> bool:
    """The date at ``start`` spells out the digits said right before it, no date of its own: "不对是零七幺二
    七月十二号的七月" (field call 967, the birth date inside an ID number being corrected)."""
    m = _DIGITS_BEFORE.search(text, max(0, start - 6), start)
    if m is None:
        return False
    digits = "".join(ch if ch.isdigit() else _DIGIT_MAP.get(ch, "") for ch in m.group(0))
    month_day = value[-5:].replace("-", "")
    return digits == month_day or digits == month_day.lstrip("0")


def _full_year(said: str, year: int | None) -> int:
    """The year a speaker said in full or by two digits ("二一" -> 2021; "九八" -> 1998: a
    two-digit year after the call's year, or after 2030 without one, is of the last century)."""
    y = chinese_to_int(said)
    if len(said) == 2:
        y += 2000 if 2000 + y <= (year or 2030) + 1 else 1900
    return y


def _date_value(m: re.Match[str], year: int | None) -> str | None:
    try:
        if m.group("ymy"):
            y, mo = _full_year(m.group("ymy"), year), chinese_to_int(m.group("ymm"))
            date(y, mo, 1)  # validates the month
            return f"{y:04d}-{mo:02d}"
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        else:
            y = _full_year(m.group("y"), year) if m.group("y") else (year or 0)
            mo, d = chinese_to_int(m.group("m")), chinese_to_int(m.group("d"))
        if not y:
            date(2000, mo, d)  # validates month and day (2000 is a leap year)
            return f"--{mo:02d}-{d:02d}"
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


# -- read-back -------------------------------------------------------------------------

def _find_read_back(kind: str, value: str, later: Sequence[_Turn], year: int | None,
                    runs: dict[int, list[DigitRun]]) -> int | None:
    """The agent sentence that completes the read-back of the item, or None."""
    if kind == ADDRESS:
        forms = [_address_core(value)]  # once for the item, not once per later turn
        said_once = _STUTTERED_DIGIT.sub(r"\1", value)
        if said_once != value:  # "文昌小区三 三单元": a stutter read back "三单元" (field call 341)
            forms.append(_address_core(said_once))
        def reads_back(text: str) -> bool:
            return any(_address_read_back(core, pieces, text, tail) for core, pieces, tail in forms)

        for turn in later:
            if turn.role is Role.AGENT and reads_back(turn.text):
                return _completing(turn, reads_back)
        return None
    misheard: tuple[int, int] | None = None  # the digits the agent read back wrong, and when
    tails = _tail_read_back_counts(kind, value)
    for k, turn in enumerate(later):
        if turn.role is not Role.AGENT:
            continue
        if kind in _NUMBER_KINDS:
            found = runs.get(turn.index)
            if found is None:
                found = runs[turn.index] = (_with_check_chars(find_digit_sequences(turn.text), turn.text)
                                            if turn.hinted else [])  # no digit run without the hint
            if _digits_read_back(value, turn.text, found, tails=tails):
                return _completing(turn, lambda text: _digits_read_back(
                    value, text, _with_check_chars(find_digit_sequences(text), text), tails=tails))
            if misheard is not None and k - misheard[1] <= _CORRECTION_TURNS \
                    and any(_corrects(value, misheard[0], run.digits) for run in found):
                return turn.index
            if misheard is None:
                wrong = next((w for w in (_misheard_at(value, run.digits) for run in found) if w >= 0), -1)
                if wrong >= 0:
                    misheard = (wrong, k)
        elif _reads_back(kind, value, turn.text, year):
            return _completing(turn, lambda text: _reads_back(kind, value, text, year))
    return None


# A read-back with one digit wrong, corrected by the customer, is complete when the agent says
# the right digits again within this many turns ("…五六七九?" "不对 最后是八" "哦 五六七八").
_CORRECTION_TURNS = 4


_ANY_DIGIT = re.compile(rf"[0-9{_CN_DIGIT}]")


def _tail_given_again(value: str, later: Sequence[_Turn]) -> list[str]:
    """``value`` with its last digits replaced by a shorter run (3 to 6 digits) the customer says
    in the next turns after the agent asked for them again ("后面几位没听清楚 麻烦您再说一下"):
    the customer's correction."""
    if len(value) < 7 or not value.isdigit():
        return []
    out: list[str] = []
    asked = False
    for turn in later:
        if turn.role is Role.AGENT:
            asked = asked or _ASK_AGAIN.search(turn.text) is not None
            continue
        if not asked or not _ANY_DIGIT.search(turn.text):
            continue
        for run in find_digit_sequences(turn.text):
            n = len(run.digits)
            if 3 <= n <= 6 and run.digits.isdigit() and not value.endswith(run.digits):
                out.append(value[:-n] + run.digits)
    return out


# The agent asks for digits again: "没听清楚 麻烦您再说一下最后四位", "您再报一遍".
_ASK_AGAIN = re.compile(r"没听清|没听到|再(?:说|报|讲|念|重复)|重复一下")


def _whole_read_back(value: str, later: Sequence[_Turn]) -> int | None:
    """The agent sentence that completes a read-back of all of ``value``'s digits (no tail), or None."""
    def reads_back(text: str) -> bool:
        runs = find_digit_sequences(text, min_digits=min(4, len(value)))
        return _digits_read_back(value, text, runs, tails=False)

    for turn in later:
        if turn.role is Role.AGENT and _ANY_DIGIT.search(turn.text) and reads_back(turn.text):
            return _completing(turn, reads_back)
    return None


def _differing(value: str, digits: str) -> list[int] | None:
    """Where ``digits`` (a read-back of the whole number, 7 digits or more) differs from ``value``;
    None when it is no read-back of the whole number (another length)."""
    if len(digits) != len(value) or len(value) < 7:
        return None
    return [i for i, (a, b) in enumerate(zip(value, digits, strict=True)) if a != b]


def _misheard_at(value: str, digits: str) -> int:
    """Where ``digits`` (a read-back of the whole number) has its one wrong digit, or -1."""
    wrong = _differing(value, digits)
    return wrong[0] if wrong is not None and len(wrong) == 1 else -1


def _first_misread(value: str, later: Sequence[_Turn], runs: dict[int, list[DigitRun]]) -> tuple[int, int] | None:
    """The agent's first sentence in ``later`` that reads ``value`` back with one digit wrong or two
    neighbouring digits swapped ("幺五九零二八七六三幺四" read back "…三四幺", field call 376), and how
    many digits differ. ``runs``: the digit runs of the turns already searched (filled in here)."""
    if not value.isdigit():
        return None
    for turn in later:
        if turn.role is not Role.AGENT or not turn.hinted:
            continue
        found = runs.get(turn.index)
        if found is None:
            found = runs[turn.index] = _with_check_chars(find_digit_sequences(turn.text), turn.text)
        for run in found:
            wrong = _differing(value, run.digits)
            if wrong and (len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1
                                              and value[wrong[0]] == run.digits[wrong[1]]
                                              and value[wrong[1]] == run.digits[wrong[0]])):
                return turn.locate(run.start, run.end)[0].index, len(wrong)
    return None


def _corrects(value: str, wrong: int, digits: str) -> bool:
    """``digits`` say the part of ``value`` around the digit the agent had wrong (3 or more)."""
    if len(digits) < 3:
        return False
    at = value.find(digits)
    while at >= 0:
        if at <= wrong < at + len(digits):
            return True
        at = value.find(digits, at + 1)
    return False


def _completing(turn: _Turn, reads_back: Callable[[str], bool]) -> int:
    """The sentence of ``turn`` by whose end the read-back is complete."""
    for k in range(1, len(turn.utterances)):
        if reads_back(turn.text[:turn.offsets[k]]):
            return turn.utterances[k - 1].index
    return turn.utterances[-1].index


def _address_core(value: str) -> tuple[str, list[str], str | None]:
    """The street or estate with its number of an address value, its non-numeral pieces, and
    the numbered rest from that number on when it has two numbers or more ("7栋2单元602").

    A street named with a numeral ("文三路") is in the value with an Arabic digit ("文3路"),
    which the address pattern does not take for a name: its core is then the value without
    the province, city and district, which an agent rarely reads back."""
    m = _ADDRESS_RE.search(value)
    core = to_arabic(m.group("core")) if m else _ADMIN_PREFIX.sub("", value) or value
    # "幸福路那边金色家园6栋": the road only locates the estate, which is the address (field call 629)
    core = _LOCATED_BY.sub("", core, count=1)
    tail = to_arabic(value[m.start("num"):]) if m else None
    if tail is not None and len(_DIGIT_GROUP.findall(tail)) < 2 and _BUILDING_ONLY.match(tail) is None:
        tail = None  # (one number alone is no read-back, unless it is the building with its word: "7幢")
    return core, [piece for piece in _NUMERAL_RUN.split(core) if piece], tail


_DIGIT_GROUP = re.compile(r"\d+")
# The numbered rest that is a building alone: "桂花城七幢" read back "好的七幢二单元" (field call 783).
_BUILDING_ONLY = re.compile(r"^\d+(?:栋|幢|号楼|座)$")
# A road or landmark that locates the estate named after it: "幸福路那边", "火车站旁边"; or a place the
# customer said first and corrected to the next ("芳草街那个 / 芳华路九十号", field call 620 run together).
_LOCATED_BY = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:那边|这边|附近|旁边|边上|对面|那块|那一块|(?<=[路街道巷])那个)"
                         r"(?=[\u4e00-\u9fff]{2})")
# The generic word of an estate's name, often left out or added in a read-back: "丽景苑小区12栋" read
# back "丽景苑12栋" (field call 329).
_GENERIC_PLACE = "小区"


_ADMIN_PREFIX = re.compile(rf"^(?:{_NAME}{{1,6}}?(?:省|自治区|市|区|县|镇|乡|街道))+")


# A hesitation inside an address read back: left out of the words compared.
_READ_BACK_HESITATION = re.compile(r"那个|这个|嗯+|呃+")
# A digit said twice before the unit it numbers: "33单元" from a stuttered "三 三单元".
_STUTTERED_DIGIT = re.compile(r"(?<!\d)(\d)\1(?=单元|栋|幢|号楼|楼)")


def _address_read_back(core: str, pieces: Sequence[str], text: str, tail: str | None = None) -> bool:
    """``text`` reads back the address: its core (the estate or street with its number), or,
    the estate known to both, the whole numbered rest ("锦城花园7栋2单元602" read back "七栋二单元
    六零二", field call 320: building, unit and room, not one number alone)."""
    # pauses, as in the item's value ("朝阳区，望京西路，五十号院"), and the mark of an ASR cut after a
    # number ("东城区和平路二十八" / "号院三号楼二" / "单元六零二": ``_speaking_turns``)
    compact = _ALL_MARKS.sub("", text)
    if _READ_BACK_HESITATION.search(compact) is not None:  # "滨江区望湖路 / 那个一六八号望湖花园"
        compact = _READ_BACK_HESITATION.sub("", compact)
        core = _READ_BACK_HESITATION.sub("", core)
        pieces = [_READ_BACK_HESITATION.sub("", p) for p in pieces]
    # to_arabic rewrites numeral runs only: the core's other words must be there as they are.
    said = to_arabic(compact)
    if all(piece in compact for piece in pieces) and core in said:
        return True
    if _GENERIC_PLACE in core or _GENERIC_PLACE in compact:
        short = core.replace(_GENERIC_PLACE, "")
        if short in said.replace(_GENERIC_PLACE, "") \
                and all(p.replace(_GENERIC_PLACE, "") in compact.replace(_GENERIC_PLACE, "") for p in pieces):
            return True
    if tail is not None and _tail_said(tail, said):
        return True
    return _read_back_with_one_slip(core, said)


def _tail_said(tail: str, said: str) -> bool:
    """The numbered rest of an address said back; a building alone ("7幢") only where no other estate's
    name comes right before it ("好的七幢二单元", not "锦华园六栋")."""
    at = said.find(tail)
    while at >= 0:
        if _BUILDING_ONLY.match(tail) is None or at == 0 or said[at - 1] not in _PLACE_END_CHARS:
            return True
        at = said.find(tail, at + 1)
    return False


_PLACE_END_CHARS = frozenset("园苑城区路街巷村里庄弄厦寓场院")


_ARABIC_DIGIT = re.compile(r"\d")


def _read_back_with_one_slip(core: str, text: str) -> bool:
    """The core said with its numbers as they are and one character of its name (three or more)
    heard differently: "锦秀苑6栋" read back "锦绣苑6栋" (a homophone slip of the recognizer,
    or the name the customer spelt out afterwards: "锦绣的绣")."""
    first = _ARABIC_DIGIT.search(core)
    if first is None or first.start() < 3:
        return False
    name, number = core[:first.start()], core[first.start():]
    at = text.find(number, len(name))
    while at >= 0:
        said = text[at - len(name):at]
        if sum(a != b for a, b in zip(name, said, strict=True)) == 1:
            return True
        at = text.find(number, at + 1)
    return False


def _reads_back(kind: str, value: str, text: str, year: int | None) -> bool:
    """Whether agent ``text`` reads back an item of ``kind`` (addresses and the number kinds are read
    back in ``_find_read_back``)."""
    if kind == EMAIL:
        lower = text.lower()
        if any(_email_value(m) == value for m in _EMAIL_RE.finditer(lower)):
            return True
        local = value.split("@", 1)[0]
        spoken = "".join(_DIGIT_MAP.get(ch, ch) for ch in lower)
        return len(local) >= 4 and local in spoken
    if kind == DATE and len(value) == 7 and value[:4].isdigit():  # a month of a year: "2021-03" (not "--05-20")
        return _year_month_read_back(value, text, year)
    if kind == DATE:
        month_day = value[-5:]
        if any((v := _date_value(m, year)) and v[-5:] == month_day for m in _DATE_RE.finditer(text)):
            return True
        day = int(value[-2:])
        if "日" not in text and "号" not in text:
            return False  # to_arabic keeps them: the search below cannot match
        return re.search(rf"(?<![\d月]){day}(?:日|号)(?!楼|线|院|门)", to_arabic(text)) is not None
    if kind == PLATE:
        compact = _plate_value(text)
        return value in compact or (len(value) > 6 and value[1:] in compact)
    return _digits_read_back(value, text, _with_check_chars(find_digit_sequences(text), text),
                             tails=_tail_read_back_counts(kind, value))


# A month in Arabic digits (``to_arabic``), with the year said before it, if any.
# (a day may follow: "二零一九年 / 八月十二号放款的", field call 724, the year and month cut by the ASR)
_MONTH_SAID = re.compile(r"(?:(?<!\d)(\d{4}|\d{2})年[，,\s]?)?(?<!\d)(\d{1,2})月")


def _year_month_read_back(value: str, text: str, year: int | None) -> bool:
    """A month of a year ("2021-03") is read back by the same month said with the same year
    ("二零二一年三月", "21年3月份", a day of it: "2021年3月15号") or with no year ("三月份的证")."""
    if "月" not in text:
        return False
    y, mo = int(value[:4]), int(value[5:])
    for m in _MONTH_SAID.finditer(to_arabic(text)):
        if int(m.group(2)) == mo and (m.group(1) is None or _full_year(m.group(1), year) == y):
            return True
    return False


def _tail_read_back_counts(kind: str, value: str) -> bool:
    """Whether the last digits after "尾号" read the item back. Not for a mobile number the
    customer dictated: "尾号5873是吧" leaves seven digits unchecked, and a wrong one loses the
    callback (a card or ID number is read back by its tail, which masks the rest)."""
    return not (kind == PHONE and _MOBILE.match(value) is not None)


def _digits_read_back(value: str, text: str, runs: Sequence[DigitRun], *, tails: bool = True) -> bool:
    value = value.upper()
    whole = value  # what a run of digits must hold to read the item back whole
    if not value.isdigit() and not (value[-1] == "X" and value[:-1].isdigit()):
        # a code of letters and digits: read back in pieces, or a waybill by its digits
        # ("顺丰单号幺四五六…" for "SF1456…")
        if value in _code_compact(text):
            return True
        prefixed = _PREFIXED.fullmatch(value)
        whole = prefixed.group(2) if prefixed else "\0"
    if value.endswith("X") and len(value) >= 15:
        for m in _TAIL_CHECK_RE.finditer(text):
            said = m.group(1) or m.group(2)
            if value.endswith("".join(_DIGIT_MAP.get(ch, ch) for ch in said) + "X"):
                return True
    for run in runs:
        digits = run.digits.upper()
        if whole in digits:
            return True
        if tails and len(digits) >= 4 and value.endswith(digits):
            before = text[max(0, run.start - 8):run.start]
            if _TAIL_RE.search(before) or text.startswith(_ENDS_WITH, run.end):
                return True
    return False


# After the last digits: "138开头5678结尾的" reads the number back by its ends.
_ENDS_WITH = ("结尾", "的结尾", "收尾", "这个结尾")
