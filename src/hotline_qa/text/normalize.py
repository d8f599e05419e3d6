"""Normalise Chinese text once on import: traditional -> simplified, full -> half width.

The result keeps one character for one character wherever OpenCC allows it, so that
offsets found in the normalised text can usually be shown on the original too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# Spaces between hanzi, and between a hanzi and an Arabic digit ("今天下午 5点前": word-segmented ASR
# with its numbers written as digits), carry nothing; between two digit groups they stay (a pause
# inside a number: "138 1234 5678", "九幺三三 0106").
_NUMERAL_HANZI = "零〇一二两三四五六七八九十百千万幺"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])"
                                rf"|(?<=[{_CJK}])(?<![{_NUMERAL_HANZI}])[ \t\u3000]+(?=[0-9])"
                                rf"|(?<=[0-9])[ \t\u3000]+(?=[{_CJK}])(?![{_NUMERAL_HANZI}])")
_MULTISPACE = re.compile(r"[ \t\u3000]+")
# A comma inside a sentence, between two hanzi (or a hanzi and a digit): where an ASR punctuation
# model heard a pause, often inside a phrase ("我们会在，两个小时之内", "不归，我们管"). Taken out
# (see ``_drop_pause_commas``) where the words before it do not end a clause of their own.
_INNER_COMMA = re.compile(rf"(?<=[{_CJK}]),(?=[{_CJK}0-9])")
#: The commas of an original that its text may have dropped (full and half width): what aligns the
#: original with the text (``aligned_positions``, the report's display, the masks) passes over them.
PAUSE_COMMAS = "，,"
_CLAUSE_BREAKS = frozenset(",.!?;:、…~\n \"“”‘’()")
# The comma after these stays: a particle ends a clause ("行吧，"), a filler is followed by its
# pause (FIL001 reads it: "那个，我们…", "…电池，这个，换完以后"), an answer or a greeting is a clause of
# its own ("不，知道了").
_ENDS_CLAUSE = frozenset("吗呢吧啊呀嘛哈啦哦噢嗯呃呗哟唉哎喔")
_FILLER_ENDS = ("那个", "这个", "然后", "就是", "就是说")
_OWN_CLAUSES = frozenset({
    "不", "不是", "不对", "不行", "不用", "不要", "对", "对对", "是", "是是", "好", "好好", "行", "没", "没有",
    "有", "可以", "没事", "知道", "明白", "谢谢", "您好", "你好", "喂", "那", "这", "所以", "但是", "可是",
    "因为", "如果", "其实", "而且", "另外", "首先", "其次", "最后", "第一", "第二", "第三", "然后呢",
    "没问题", "不客气", "没关系", "请讲", "您说",
})
# ... and these words at the end of the words before the comma ("的" and "了" end no clause by themselves:
# "感谢您的，耐心等待", "让您久，等了").
_ANSWER_ENDS = ("好的", "是的", "对的", "行的", "可以的", "好了", "行了", "算了", "对了", "完了", "知道了", "明白了",
                "了解了", "清楚了", "收到了", "记下了")
_FILLER_STARTS = ("那个", "这个", "然后", "就是", "嗯", "呃", "啊")
_ADDRESS_ENDS = ("先生", "女士", "小姐", "您好", "你好")

# Full-width forms U+FF01..U+FF5E map to ASCII U+0021..U+007E; U+3000 is the ideographic space.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
# Punctuation that differs between simplified and traditional typography.
_WIDTH_TABLE.update({ord("「"): ord("“"), ord("」"): ord("”"), ord("『"): ord("‘"), ord("』"): ord("’")})


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # the official binding; imported lazily so that start-up stays fast

    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config)
        except Exception:
            continue
    raise RuntimeError("OpenCC t2s configuration not found; reinstall the 'opencc' package")


# Taiwan writes the particle 着 (等著, 別著急, 接著說) as 著, which OpenCC's t2s keeps: 著 is also
# a simplified character, in words such as 著名, 显著, 名著. Outside those words it is the particle.
# (OpenCC's tw2s would convert it, but it also turns the 么 of 什么 into 幺 where a text has 麼.)
_ZHU_WORDS = re.compile(r"(?<![显名土卓编原专巨论昭遗译合新拙大杰])著(?![名作称述者录书有])")


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese with OpenCC (phrase-aware); Taiwan's particle 著 -> 着, 妳 -> 你;
    Taiwan and Hong Kong words -> the mainland's ("簡訊" -> "短信", ``lexicons/regional_words.txt``)."""
    if not text or text.isascii():
        return text
    return _regional_forms(_convert(text))


def _convert(text: str) -> str:
    """OpenCC's t2s; a text that had traditional characters is converted again with the regional
    words replaced first (simplified text, most calls, is compared once and not searched)."""
    converted = str(_converter().convert(text))
    if converted != text and (regional := mainland_words(text)) is not text:
        converted = str(_converter().convert(regional))
    return converted


@lru_cache(maxsize=1)
def _regional_words() -> tuple[dict[str, str], re.Pattern[str]]:
    name = "regional_words.txt"
    words: dict[str, str] = {}
    raw = resources.files("hotline_qa.text").joinpath("lexicons", name).read_text(encoding="utf-8")
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != len(parts[1]) or parts[0] == parts[1]:
            raise ValueError(f"lexicons/{name} line {number}: {line!r}: write the traditional word, a space and the "
                             "mainland word, both of the same length")
        words[parts[0]] = parts[1]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return words, re.compile(alternatives)


def mainland_words(text: str) -> str:
    """Taiwan and Hong Kong words in traditional characters -> the mainland's, same length
    ("簡訊" -> "短信", "寬頻" -> "宽带"); text without them comes back as it is."""
    words, pattern = _regional_words()
    return pattern.sub(lambda m: words[m.group(0)], text) if pattern.search(text) is not None else text


def _regional_forms(text: str) -> str:
    """What OpenCC leaves of Taiwan's forms (the particle 著, the feminine 妳, the digit 么) and of
    Hong Kong's written Cantonese (``_CANTONESE``: "喺", "咗", "嘅", "冇", "哋")."""
    if _CANTONESE_CHARS.search(text) is not None:
        text = text.translate(_CANTONESE)
    text = _CANTONESE_WORDS.sub(_cantonese_word, text)  # (one pass over the text, 系 included)
    if "唔" in text:
        text = _CANTONESE_NOT.sub("不", text)
    text = _ZHU_WORDS.sub("着", text) if "著" in text else text
    # Taiwan's feminine "妳" (OpenCC keeps it) is simplified "你": "妳是想把时间改到…对吗" (field call 658)
    text = text.replace("妳", "你") if "妳" in text else text
    return _YAO_DIGIT.sub("幺", text) if "么" in text else text


# Written Cantonese characters with one Mandarin reading each, character for character so offsets hold:
# "喺大阪遗失咗银包" (在, 了), "您嘅耐心" (的), "冇问题" (没), "我哋" (们), "帮我睇下" (看), "我要搵主管" (找),
# "佢哋" (他们), "快啲" (些), "返嚟" (来), "退返俾我" (给); "唔" see ``_CANTONESE_NOT``.
_CANTONESE = str.maketrans("喺咗嘅冇哋睇揾佢啲嚟俾畀", "在了的没们看找他些来给给")  # (OpenCC writes 搵 as 揾)
_CANTONESE_CHARS = re.compile("[喺咗嘅冇哋睇揾佢啲嚟俾畀]")
# Written Cantonese words, each read as a Mandarin word of its length (field call 959, a Guangdong caller on
# a roaming bill): "点解要我俾钱" (为啥), "乜嘢封顶啊" / "我不明你讲乜" (什么, 啥), "咩套外啊" (啥; a closing
# "系咩" asks 吗), "系咪搞错了" (是否), "唔得" (不行, not the 不得 of "must not"), "唔使" (不用), "点样" (怎样),
# "点知" (怎知). Only "点" words that Mandarin does not say: not "重点解决", "一点样子", "点知识".
# Cantonese "係" (OpenCC gives 系) is "是" after the words it follows there ("真係", "但係", "即係", "都係",
# "唔係") and before its particles ("係啊", "係啱"); not the 系 of 系统, 系列, 联系, nor "系好安全带".
# (every branch starts with its character, the look-behinds after it: the regex engine then skips ahead to
# those characters, most texts holding none)
_CANTONESE_IS = r"系(?<=[真但即都就不又仲也唔]系)(?![统列数着好上紧安鞋领带扣绳住在])|系(?<![联关维体派]系)(?=[啊呀啦喇啱咪吗咩])"
_CANTONESE_WORDS = re.compile(
    r"乜嘢|系咪|唔得|唔使|点解(?![决释答析读说除压剖])|点(?<![一有差]点)样(?![品本子板])|点知(?![识道])"
    r"|咩|乜|" + _CANTONESE_IS)
_CANTONESE_WORD = {"乜嘢": "什么", "系咪": "是否", "唔得": "不行", "唔使": "不用", "点解": "为啥", "点样": "怎样",
                   "点知": "怎知", "乜": "啥", "系": "是"}


def _cantonese_word(m: re.Match[str]) -> str:
    word = m.group(0)
    if word == "咩":  # "咩套外啊" asks what; "系咩" at the end asks whether
        after = m.string[m.end():m.end() + 1]
        return "啥" if after and "\u4e00" <= after <= "\u9fff" and after not in "啊呀啦吖喇" else "吗"
    return _CANTONESE_WORD[word]


# Cantonese "唔" before a word is "不" ("对唔住", "唔好意思", "唔关我哋事", field call 742), except in "唔该" (thanks).
_CANTONESE_NOT = re.compile(r"唔(?=[\u4e00-\u9fff])(?!该|該)")

# Taiwan writes the spoken digit one "么" (OpenCC s2tw: 幺 -> 么), which stays "么" in simplified:
# "三二零么零二", "么么零四". Read as 幺 next to another numeral, not in 什么/怎么/这么/那么/多么/要么.
_YAO_DIGIT = re.compile(r"(?<=[零〇一二两三四五六七八九幺])么|(?<![什怎这那多要为甚])么(?=[零〇一二两三四五六七八九幺么])")


_NEEDS_WIDTH = re.compile("[" + "".join(re.escape(chr(c)) for c in _WIDTH_TABLE) + "]")
# The same mapping by character. No value is also a key, so replacing one character after
# another gives what ``str.translate`` gives, and ``str.replace`` is much the faster of the two
# on hanzi text with a few full-width commas in it.
HALF_WIDTH: Mapping[str, str] = {chr(k): chr(v) for k, v in _WIDTH_TABLE.items()}
_WIDTH_MAP = HALF_WIDTH


def to_half_width(text: str) -> str:
    """Full-width letters, digits, punctuation and spaces -> their ASCII forms."""
    found = _NEEDS_WIDTH.findall(text)
    if not found:  # most labels and times: nothing to map, skip the copy
        return text
    for ch in set(found):
        text = text.replace(ch, _WIDTH_MAP[ch])
    return text


def _keeps_comma(text: str, at: int) -> bool:
    """Whether the comma at ``at`` (inside a sentence) ends a clause of its own words."""
    if text[at - 1] in _ENDS_CLAUSE or text.startswith(_FILLER_STARTS, at + 1):
        return True
    start = at - 1
    while start > 0 and text[start - 1] not in _CLAUSE_BREAKS:
        start -= 1
    piece = text[start:at]
    return piece in _OWN_CLAUSES or piece.endswith(_FILLER_ENDS) or piece.endswith(_ADDRESS_ENDS) \
        or piece.endswith(_ANSWER_ENDS)


def _drop_pause_commas(text: str) -> str:
    """``text`` without the commas an ASR put where the speaker paused inside a sentence."""
    if "," not in text:
        return text
    cuts = [m.start() for m in _INNER_COMMA.finditer(text) if not _keeps_comma(text, m.start())]
    if not cuts:
        return text
    pieces = []
    last = 0
    for at in cuts:
        pieces.append(text[last:at])
        last = at + 1
    pieces.append(text[last:])
    return "".join(pieces)


def normalize_text(text: str) -> str:
    """The engine's text: NFC, simplified, half width, single spaces, no spaces between hanzi (nor
    between a hanzi and a digit), no pause commas inside a sentence (``_drop_pause_commas``)."""
    text = unicodedata.normalize("NFC", text)
    text = to_half_width(to_simplified(text))
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _drop_pause_commas(text)
    text = _MULTISPACE.sub(" ", text)
    return text.strip()


def normalize_texts(texts: Sequence[str]) -> list[str]:
    """``[normalize_text(t) for t in texts]``, with one OpenCC call for all of them.

    The texts are joined with newlines and converted at once: OpenCC's dictionaries hold no
    newline, so no phrase match crosses one and each line converts as it would alone; the
    width mapping and the space rules do not cross a newline either. Texts that hold a
    newline (or a NUL, which the C library may treat as an end) are done one by one.
    """
    if len(texts) < 2 or any("\n" in t or "\x00" in t for t in texts):
        return [normalize_text(t) for t in texts]
    nfc = [unicodedata.normalize("NFC", t) for t in texts]
    # OpenCC sees the non-ASCII texts only, as to_simplified does.
    todo = [i for i, t in enumerate(nfc) if not t.isascii()]
    if todo:
        converted = _regional_forms(_convert("\n".join([nfc[i] for i in todo]))).split("\n")
        if len(converted) != len(todo):  # cannot happen (see above); stay exact if it does
            return [normalize_text(t) for t in texts]
        for i, t in zip(todo, converted, strict=True):
            nfc[i] = t
    joined = to_half_width("\n".join(nfc))
    joined = _SPACE_BETWEEN_CJK.sub("", joined)
    joined = _drop_pause_commas(joined)
    joined = _MULTISPACE.sub(" ", joined)
    return [t.strip() for t in joined.split("\n")]


def aligned_positions(original: str, text: str) -> Iterator[tuple[int, int]]:
    """``(i, j)``: ``original[i]`` is ``text[j]`` once normalised (:func:`normalize_text`), the two
    aligned on their other characters (normalising removes spaces between hanzi and the pause
    commas inside a sentence, and keeps every other character one for one, save the rare OpenCC
    phrase that changes length; callers that must be exact compare the counts of characters that
    are neither spaces nor commas first)."""
    i = j = 0
    while i < len(original) and j < len(text):
        if original[i].isspace():
            i += 1
        elif text[j].isspace():
            j += 1
        elif original[i] in PAUSE_COMMAS and text[j] != ",":  # a pause comma the text dropped
            i += 1
        else:
            yield i, j
            i += 1
            j += 1


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def hanzi_count(text: str) -> int:
    """Characters that are spoken as one syllable each: hanzi plus digits and letters."""
    return sum(1 for ch in text if is_cjk(ch) or ch.isalnum())
