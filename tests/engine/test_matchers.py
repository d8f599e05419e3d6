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
    # the same exclusion, asked of a span found elsewhere (a hit read over more sentences)
    assert rs.excluded("这个不一定", 3, 5) and not rs.excluded("我一定给您处理", 1, 3)
    assert not RegexSet([r"一定"]).excluded("这个不一定", 3, 5)


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


def test_required_literals_are_words_every_match_contains() -> None:
    from hotline_qa.rules.matchers import required_literals

    assert required_literals(r"(您|你)(先)?听我(说|讲)") == frozenset(
        {"您听我说", "您听我讲", "你听我说", "你听我讲", "您先听我说", "您先听我讲", "你先听我说", "你先听我讲"})
    # Optional parts and lookarounds add nothing; the literal run after them is kept.
    assert required_literals(r"(?<![也这])不(?:太)?清楚(?=$|,)") == frozenset({"不清楚", "不太清楚"})
    # Nothing literal is required: no prefilter (every turn stays a candidate).
    assert required_literals(r".{2,}") is None
    assert required_literals(r"[^,]+好|好") is not None
    assert required_literals(r"(?i)ok") is None  # case folding is not followed


def test_regex_set_prefilter_never_drops_a_match() -> None:
    import re

    from hotline_qa.rules.matchers import required_literals

    patterns = [r"(你|您)再说一(遍|次|下)|^(啊|嗯)?再说一(遍|次)", r"([0-9]+|[一二两三]+)(个)?(工作日|小时)(内|之内)",
                r"祝(?:您|你)[^,.!?。]{0,8}(?:愉快|顺利)", r"(?:^|(?<=[,.]))(?:行了|得了)(?:吧)?(?=$|[,.])"]
    texts = ["再说一遍", "嗯再说一次好吗", "您再说一下", "3个工作日内", "两小时之内给您回复", "祝您生活愉快",
             "行了,就这样", "好的行了", "祝你一路顺利", "说一遍", "工作日"]
    for p in patterns:
        words = required_literals(p)
        assert words is not None
        for t in texts:
            if re.search(p, t):
                assert any(w in t for w in words), (p, t)


def test_call_scan_finds_anchored_patterns_in_every_turn() -> None:
    # A pattern anchored at the start of a turn ("^再说一遍") must be found in a later turn
    # too, not only at the start of the call (the whole call is scanned in one pass).
    from hotline_qa.core.call import Call, Role, Utterance
    from hotline_qa.rules.context import CallContext

    texts = ["您好请问有什么可以帮您", "我的宽带断了", "再说一遍", "宽带断了"]
    utts = tuple(Utterance(i, Role.AGENT if i % 2 == 0 else Role.CUSTOMER, t, t) for i, t in enumerate(texts))
    ctx = CallContext(Call("t", utts))
    rs = RegexSet([r"^(啊|嗯)?再说一(遍|次)"], skip_quoted=False)
    assert [(m.utterance, m.text) for m in ctx.find(rs, utts)] == [(2, "再说一遍")]


def test_candidates_tell_which_turns_can_match() -> None:
    import re

    from hotline_qa.core.call import Call, Role, Utterance
    from hotline_qa.rules.context import CallContext

    texts = ["你们那边", "好的", "你先听我说"]
    utts = tuple(Utterance(i, Role.AGENT, t, t) for i, t in enumerate(texts))
    ctx = CallContext(Call("t", utts))
    rx = re.compile(r"(您|你)(先)?听我(说|讲)")
    assert ctx.candidates(rx) == frozenset({2})
    assert not ctx.may_match(rx, utts[0]) and ctx.may_match(rx, utts[2])
    assert ctx.candidates(re.compile(r".+")) is None  # cannot tell: every turn is searched
    calls: list[int] = []
    assert ctx.memo("k", lambda: calls.append(1) or 5) == 5
    assert ctx.memo("k", lambda: calls.append(1) or 6) == 5 and calls == [1]
