"""The engine's speed-ups give the same answers as the plain computations they stand in for.

Each shortcut (a first-character check, a per-pattern router, a per-call cache, a sort
skipped) is compared with the long way on inputs where the two could differ.
"""

from __future__ import annotations

import random
import re

from hotline_qa.core.call import _BACKCHANNEL, _BACKCHANNEL_FIRST, Call, Role, Utterance, is_backchannel
from hotline_qa.rules.context import CallContext, may_match_text
from hotline_qa.rules.matchers import Hit, RegexSet, leftmost_longest


def test_backchannel_first_characters_cover_every_acknowledgement_word() -> None:
    words = re.match(r"\^\(\?:([^)]*)\)\+", _BACKCHANNEL.pattern)
    assert words is not None
    assert {w[0] for w in words.group(1).split("|")} <= _BACKCHANNEL_FIRST
    for text in ["嗯", "嗯嗯。", "好的呀", "没问题", "可以的", "了解了", "知道了", "明白", "行"]:
        assert is_backchannel(text), text
    for text in ["", "您好", "我明白", "那好吧", "喂？"]:  # look-alikes that take the turn
        assert not is_backchannel(text), text
        assert (_BACKCHANNEL.match(text) is not None) is is_backchannel(text)


def _all_patterns_find(rs: RegexSet, text: str) -> list[tuple[int, int, str]]:
    """``RegexSet.find`` the long way (no exclusions, quotes kept): every pattern searched."""
    hits = [Hit(m.start(), m.end(), m.group(0)) for rx in rs._compiled
            for m in rx.finditer(text) if m.end() > m.start()]
    return [(h.start, h.end, h.phrase) for h in leftmost_longest(hits)]


def test_regex_set_runs_only_the_patterns_that_can_match_with_the_same_hits() -> None:
    patterns = [r"(你|您)再说一(遍|次)", r"([0-9]+|[一二两三]+)个?(工作日|小时)内", r"祝(您|你).{0,6}愉快",
                r"[a-z]{3,}", r"不(知道|清楚)"]  # "[a-z]{3,}" has no required word: always run
    rs = RegexSet(patterns, skip_quoted=False)
    texts = ["您再说一遍好吗", "两个工作日内给您回复，祝您生活愉快", "abc不知道", "好的", "再说一遍", "3小时内不清楚"]
    for text in texts:
        assert [(h.start, h.end, h.phrase) for h in rs.find(text)] == _all_patterns_find(rs, text), text
    router = rs._router
    assert router is not None
    assert router.runnable("好的") == [3]  # only the pattern without words
    assert router.runnable("您再说一遍,不知道") == [0, 3, 4]
    assert RegexSet([r"不(知道|清楚)"])._router is None  # one pattern: the call-wide prefilter suffices


def test_may_match_text_is_false_only_without_a_required_word() -> None:
    rx = re.compile(r"(这里是|欢迎致电)[^,]{1,8}")
    assert not may_match_text(rx, "请问您的手机号码是多少")
    assert may_match_text(rx, "您好这里是星河客服")
    assert may_match_text(re.compile(r".{3}"), "随便什么")  # cannot tell: searched


def _call(turns: list[tuple[Role, str, float, float]]) -> Call:
    return Call("t", tuple(Utterance(i, r, t, t, a, b) for i, (r, t, a, b) in enumerate(turns)))


def test_time_resolution_stops_at_the_first_fraction_with_the_same_answer() -> None:
    from hotline_qa.rules.catalogue.listening import time_resolution

    whole = _call([(Role.AGENT, "您好", 0.0, 3.0), (Role.CUSTOMER, "喂", 4.0, 6.0)])
    assert time_resolution(whole) == 1.0
    assert time_resolution(_call([(Role.AGENT, "您好", 0.0, 3.0)])) == 0.0  # too few times to tell
    assert time_resolution(_call([(Role.AGENT, "您好", 0.0, 3.5), (Role.CUSTOMER, "喂", 4.0, 6.0)])) == 0.0
    est = Call("t", (Utterance(0, Role.AGENT, "您好", "您好", 0.0, 2.5, end_estimated=True),
                     Utterance(1, Role.CUSTOMER, "喂", "喂", 3.0, 5.0), Utterance(2, Role.AGENT, "嗯", "嗯", 6.0, 7.0)))
    assert time_resolution(est) == 1.0  # an estimated end is no time the transcript gave


def test_timing_functions_give_the_same_answer_on_sorted_and_shuffled_segments() -> None:
    from hotline_qa.rules.catalogue.listening import (
        SortedSegments,
        find_gaps,
        find_monologues,
        find_overlaps,
        segments_from_call,
    )

    rng = random.Random(3)
    turns, t = [], 0.0
    for i in range(40):
        d = rng.uniform(0.5, 9.0)
        turns.append((Role.AGENT if i % 3 else Role.CUSTOMER, "好的" if i % 5 == 0 else "我帮您查一下", t, t + d))
        t += d + rng.uniform(-1.5, 4.0)
    segs = segments_from_call(_call(turns))
    assert isinstance(segs, SortedSegments)
    shuffled = list(segs)
    rng.shuffle(shuffled)
    assert find_overlaps(segs, min_overlap=0.3) == find_overlaps(shuffled, min_overlap=0.3)
    assert find_gaps(segs, min_gap=2.0) == find_gaps(shuffled, min_gap=2.0)
    assert (find_monologues(segs, min_seconds=5, max_pause=2.0)
            == find_monologues(shuffled, min_seconds=5, max_pause=2.0))


def test_opening_rules_search_each_opening_turn_once_per_call(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from hotline_qa.pipeline import Engine
    from hotline_qa.rules.catalogue import opening

    engine = Engine(only={"OPN001", "OPN003"})
    call = _call([(Role.AGENT, "您好，这里是星河通信客服中心，我是客服专员小周", 0.0, 4.0),
                  (Role.AGENT, "请问有什么可以帮您？", 4.2, 6.0), (Role.CUSTOMER, "我家宽带断了", 7.0, 9.0)])
    plain = [(r.code, r.status, r.details) for r in engine.evaluate(call).results]
    searched: list[int] = []
    unit = opening.CompanyMatchers.unit
    monkeypatch.setattr(opening.CompanyMatchers, "unit",
                        lambda self, u, extra=(): searched.append(u.index) or unit(self, u, extra))
    again = [(r.code, r.status, r.details) for r in engine.evaluate(call).results]
    assert again == plain
    assert sorted(searched) == [0, 1]  # OPN001 (3 turns) and OPN003 (2 turns) share the search
    assert [code for code, *_ in plain] == ["OPN001", "OPN003"]
    ctx = CallContext(call)
    assert opening.opening_turns(ctx, 2) is opening.opening_turns(ctx, 2)
