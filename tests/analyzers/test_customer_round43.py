"""Customer emotion on round 43's field call 634: "说人话" asked for right after jargon the customer did
not understand, in the sentence before of one speaking turn, is anger at the jargon, not abuse; the same
words with no such question before them stay abuse."""

from __future__ import annotations

from hotline_qa.analyzers.emotion import Emotion, customer_emotions, scan_customer_turns


def test_plain_words_asked_for_across_a_cut_are_not_abuse(call_from) -> None:
    # field call 634: "什么光衰听不懂" / "你说人话行不行", one speaking turn
    call = call_from([("a", "您这个光衰有点大", 174.9, 177.9), ("c", "什么光衰听不懂", 178.2, 179.9),
                      ("c", "你说人话行不行", 180.0, 181.8), ("a", "就是光纤的信号衰减了", 182.0, 184.2)])
    emotions = customer_emotions(call, scan_customer_turns(call))
    assert emotions[-1].emotion is not Emotion.ABUSIVE, emotions
    assert emotions[-1].emotion.level >= Emotion.DISSATISFIED.level, emotions


def test_plain_words_with_no_question_before_stay_abuse(call_from) -> None:
    call = call_from([("a", "您这个光衰有点大", 174.9, 177.9), ("c", "你们就会糊弄人", 178.2, 179.9),
                      ("c", "你说人话行不行", 180.0, 181.8), ("a", "就是光纤的信号衰减了", 182.0, 184.2)])
    emotions = customer_emotions(call, scan_customer_turns(call))
    assert emotions[-1].emotion is Emotion.ABUSIVE, emotions
