"""Promises found in the blind field calls of round 23 (a grant said done after the ASR cut)."""

from __future__ import annotations

from .test_commitments_fragments import _promises as _actions
from .test_commitments_fragments import _timed


def test_a_grant_said_done_in_the_sentences_after_the_cut_is_no_promise() -> None:
    # field call 270: the red packet "已经发到您账户里了"; the refund keeps its time frame
    done = _timed("这一单给您全额退款三十八块五", "原路退回一到三个工作日", "到账另外再补偿您一张",
                  "二十元无门槛红包已经", "发到您账户里了您看这样", "可以吗")
    assert [a for a, _ in _actions(done)] == ["退款", "退款"]
    assert ("退款", "一到三个工作日") in _actions(done)


def test_a_grant_still_to_come_after_the_cut_stays_a_promise() -> None:
    later = _timed("这一单给您全额退款三十八块五", "原路退回一到三个工作日", "到账另外再补偿您一张",
                   "二十元无门槛红包稍后", "发到您账户里您看这样", "可以吗")
    assert [a for a, _ in _actions(later)].count("退款") == 3
