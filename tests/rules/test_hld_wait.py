"""HLD002 reads the announced wait in Arabic or Chinese numerals."""

from __future__ import annotations

import pytest

from hotline_qa.rules.catalogue.holds import announced_wait_seconds
from hotline_qa.text.normalize import normalize_text


@pytest.mark.parametrize(("text", "seconds"), [
    ("需要稍作查询，麻烦您稍等1分钟可以吗？", 60),
    ("大概一分钟您稍等", 60),
    ("麻烦您稍等两分钟", 120),
    ("大概两三分钟", 180),
    ("稍等30秒", 30),
    ("稍等半分钟", 30),
    ("可能要一分半", 90),
    ("稍等１到２分钟", 120),       # full-width digits are normalised first
    ("請您稍等兩分鐘", 120),        # traditional
])
def test_announced_wait(text: str, seconds: float) -> None:
    found = announced_wait_seconds(normalize_text(text))
    assert found is not None and found[0] == seconds


@pytest.mark.parametrize("text", ["请稍等", "稍等片刻", "我帮您查一下", "稍等几分钟", "一分钱都没少"])
def test_no_wait_announced(text: str) -> None:
    assert announced_wait_seconds(normalize_text(text)) is None
