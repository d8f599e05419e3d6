"""The speed-ups of the shared analysis and the matchers give the same answers as the plain
forms they replace (regex searches per turn, ``Hit`` objects, per-text lexicon scans)."""

from __future__ import annotations

import itertools
import re

from hotline_qa.analyzers.commitments import _SPLIT_CUE, _SPLIT_PUNCT
from hotline_qa.analyzers.key_info import _ADDRESS_HINT, _ANY_ITEM_HINT, _DATE_HINT, _EMAIL_HINT, _NUM, _UNIT
from hotline_qa.analyzers.lexicon import scan, scan_texts
from hotline_qa.core.call import _asks
from hotline_qa.rules.matchers import PhraseSet, quoted_ranges
from hotline_qa.text.numbers import _run_candidate

# The forms the fast paths replace.
_PLAIN_EMAIL_HINT = re.compile(r"@|艾特|\sat\s")
_PLAIN_DATE_HINT = re.compile(r"月|\d[-/.]")
_PLAIN_ADDRESS_HINT = re.compile(rf"{_NUM}{_UNIT}")
_PLAIN_ITEM_HINT = re.compile("|".join((
    r"[A-Za-z\u0130\u212a]", _PLAIN_DATE_HINT.pattern, _PLAIN_ADDRESS_HINT.pattern, _run_candidate(4).pattern,
)))
_PLAIN_QUESTION_END = re.compile(r"(?:[吗呢?？]|对吧|是吧|对不对|是不是|好不好|行不行|可以不)[\s,.!。，！…~]*$")


def _texts(alphabet: str, max_len: int) -> list[str]:
    return ["".join(p) for n in range(max_len + 1) for p in itertools.product(alphabet, repeat=n)]


def test_item_hint_matches_where_the_plain_alternation_does() -> None:
    texts = [
        *_texts("a1月-号两五 你@t", 3),
        "我的手机号是幺三八 一二三四", "住在文三路128号", "3月5号", "2024-05-01", "邮箱 zhang at 163", "什么都没有",
        "İ", "\u212a", "二十三号楼", "一二三", "一 二 三 四", "腰一二三", "zhang@qq", "张艾特", "x at y", "x\tat\n",
    ]
    for text in texts:
        for fast, plain in ((_ANY_ITEM_HINT, _PLAIN_ITEM_HINT), (_EMAIL_HINT, _PLAIN_EMAIL_HINT),
                            (_DATE_HINT, _PLAIN_DATE_HINT), (_ADDRESS_HINT, _PLAIN_ADDRESS_HINT)):
            assert (fast.search(text) is None) == (plain.search(text) is None), (text, plain.pattern)


def test_question_end_matches_the_plain_regex() -> None:
    texts = [*_texts("吗呢?对吧是 。\n~", 3), "可以吗？ ", "好不好!!", "行不行\u3000", "是不是。。", "好的。", "您说呢…"]
    for text in texts:
        assert _asks(text) == (_PLAIN_QUESTION_END.search(text) is not None), text


def test_lexicon_scan_of_joined_texts_equals_one_scan_per_text() -> None:
    texts = ["我要投诉你们", "", "太过分了!", "usb 坏了 sb", "好的谢谢", "你们什么破服务\n还骗人", "气死我了"]
    lowered = [t.lower() for t in texts]
    joined = scan_texts(lowered)
    assert len(joined) == len(texts)
    assert any(not s.empty for s in joined)
    for text, one in zip(lowered, joined, strict=True):
        assert one._hits == scan(text)._hits, text


def test_quoted_ranges_pairs_each_opening_mark_with_its_closer() -> None:
    assert quoted_ranges("他说“不行”然后《规定》") == [(2, 6), (8, 12)]
    assert quoted_ranges("只有“开头没有结尾") == []
    assert quoted_ranges('"a" "b') == [(0, 3)]


def test_resolve_spans_keeps_what_resolve_keeps() -> None:
    phrases = PhraseSet(["请", "这个", "订单"], exclude=["申请", "这个订单"], skip_quoted=True)
    for text in ("请您申请一下这个订单", "请问这个", "您说“请稍等”请", "这个订单这个", "申请请"):
        raw = phrases.raw_hits(text)
        spans = phrases.raw_spans(text)
        assert spans == [(h.start, h.end, h.phrase) for h in raw]
        expected = [(h.start, h.end, h.phrase) for h in phrases.resolve(text, raw)]
        assert phrases.resolve_spans(text, spans) == expected, text


def test_clause_split_patterns_find_what_the_plain_ones_find() -> None:
    plain_punct = re.compile(r"[,，。;；!！?？:：…~]+|(?<!\d)\.(?!\d)")
    plain_cue = re.compile(r"然后|另外|好的|还有|同时|(?<![帮给为让替请])您看|请问|那(?=[我您就这咱])")
    for text in [*_texts("1.,，您看帮那我a", 4), "3.5元。好的,然后您看", "您看看。帮您看一下...那我"]:
        assert [m.span() for m in _SPLIT_PUNCT.finditer(text)] == [m.span() for m in plain_punct.finditer(text)], text
        assert [m.span() for m in _SPLIT_CUE.finditer(text)] == [m.span() for m in plain_cue.finditer(text)], text
