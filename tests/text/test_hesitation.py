"""A hesitation opening a sentence of raw speech, read past by the analyzers (round 49)."""

from __future__ import annotations

import pytest

from hotline_qa.text.hesitation import lead_hesitation, without_lead_hesitation


@pytest.mark.parametrize(("text", "skipped"), [
    ("嗯之内会有工作人员", 1),
    ("嗯嗯呃那个我们会联系您", 5),
    ("那个，我们会联系您", 3),
    ("呃 跟您打包票", 2),
    ("那个师傅会上门", 2),
])
def test_a_hesitation_before_words_is_skipped(text: str, skipped: int) -> None:
    assert lead_hesitation(text) == skipped


@pytest.mark.parametrize("text", [
    "嗯",            # a backchannel, nothing after it
    "嗯嗯，",         # the same with a pause
    "额度已经调整了",  # "额" is a word here, not "呃"
    "那边会联系您",    # "那边" is no hesitation
    "我们会联系您",
    "",
])
def test_no_hesitation_or_nothing_after_it_is_kept(text: str) -> None:
    assert lead_hesitation(text) == 0
    assert without_lead_hesitation(text) == text


def test_a_hesitation_inside_a_sentence_is_read_past() -> None:
    from hotline_qa.text.hesitation import without_inner_hesitations

    fluent, back = without_inner_hesitations("感谢您的呃耐心等待") or ("", ())
    assert fluent == "感谢您的耐心等待"
    assert back == (0, 1, 2, 3, 5, 6, 7, 8)
    assert without_inner_hesitations("感谢您的,嗯嗯,耐心等待") is not None
    # one that opens or closes the sentence stays (FIL001 and the backchannels read it)
    assert without_inner_hesitations("嗯好的") is None
    assert without_inner_hesitations("好的嗯") is None
    assert without_inner_hesitations("好的") is None


def test_a_pattern_found_across_an_inner_hesitation_is_placed_on_the_text() -> None:
    import re

    from hotline_qa.text.hesitation import finditer_fluent

    assert finditer_fluent(re.compile("不归我们管"), "这个不归呃我们管") == [(2, 8, "不归呃我们管", "不归我们管")]
    assert finditer_fluent(re.compile("不归我们管"), "不归我们管") == [(0, 5, "不归我们管", "不归我们管")]
