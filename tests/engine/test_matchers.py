from __future__ import annotations

from hotline_qa.rules.matchers import PhraseSet, RegexSet, clauses, fuzzy_find, quoted_ranges


def test_exclusion_cancels_covered_hit() -> None:
    ps = PhraseSet(["这个"], exclude=["这个订单"])
    assert [h.phrase for h in ps.find("这个,您的这个订单已经发货")] == ["这个"]
    assert ps.find("这个订单") == []


def test_traditional_phrases_are_normalised_when_the_set_is_built() -> None:
    ps = PhraseSet(["我不知道"])
    assert ps.find("我不知道")  # text is already normalised by ingest
    ps_trad = PhraseSet(["這不是我的問題"])
    assert ps_trad.find("这不是我的问题")


def test_quoted_words_are_not_the_speakers_own() -> None:
    ps = PhraseSet(["你们"])
    assert ps.find("您刚才说你们怎么回事,我理解") == []
    assert ps.find("“你们怎么回事”这句话") == []
    assert ps.find("你们那边") != []


def test_leftmost_longest_resolution() -> None:
    ps = PhraseSet(["不知道", "我不知道"])
    hits = ps.find("我不知道啊")
    assert [(h.start, h.end, h.phrase) for h in hits] == [(0, 4, "我不知道")]


def test_regex_with_exclusion() -> None:
    rs = RegexSet([r"一定"], exclude=[r"不一定"])
    assert len(rs.find("我一定给您处理")) == 1
    assert rs.find("这个不一定") == []


def test_fuzzy_find_tolerates_recognition_errors() -> None:
    # "协助" heard as "鞋助": a one-character ASR error still counts as the closing question.
    assert fuzzy_find("请问还有其他需要鞋助的吗", ["请问还有其他需要协助的吗"], 0.85) is not None
    assert fuzzy_find("今天天气不错", ["请问还有其他需要协助的吗"], 0.85) is None


def test_clauses_split_on_any_punctuation() -> None:
    text = "您好,请问。有什么可以帮您?"
    assert [text[a:b] for a, b in clauses(text)] == ["您好", "请问", "有什么可以帮您"]


def test_quoted_ranges_cover_reported_speech_to_clause_end() -> None:
    text = "您说你们不管,我来帮您"
    (a, b), = quoted_ranges(text)
    assert text[a:b] == "你们不管"
