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
