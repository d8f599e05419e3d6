"""A customer's outburst the ASR cut into sentences of 6-9 characters is scored whole, as the same
turn typed on one line is (field call 163); sentences said whole keep their own emotion."""

from __future__ import annotations

from hotline_qa.analyzers.emotion import Emotion, customer_emotions
from hotline_qa.ingest.dialogue_text import parse_dialogue

OUTBURST = ("对就是三次七十五", "块我是学生啊你们", "也太黑了吧我同学", "也说你们这个自动",
            "续费就是个坑专门", "坑人的开的时候", "根本没提醒关又")


def _timed(*sentences: str, role: str = "客户", pause: float = 0.15) -> str:
    lines, t = [], 0.0
    for s in sentences:
        lines.append(f"[00:{t:04.1f}-00:{t + 1.5:04.1f} {role}] {s}")
        t += 1.5 + pause
    return "\n".join(lines) + "\n"


def test_a_cut_up_outburst_is_scored_like_the_same_turn_on_one_line() -> None:
    cut = customer_emotions(parse_dialogue(_timed(*OUTBURST)))
    whole = customer_emotions(parse_dialogue("客户：" + "".join(OUTBURST)))
    assert max(e.emotion.level for e in cut) == whole[0].emotion.level >= Emotion.DISSATISFIED.level
    # the run's last sentence (what the agent answers) takes it; the others keep their own
    assert (cut[-1].emotion, cut[-1].score) == (whole[0].emotion, whole[0].score)
    assert sum(e.emotion is not Emotion.CALM for e in cut) <= 2
    assert cut[-1].cues == whole[0].cues


def test_sentences_said_whole_keep_their_own_emotion() -> None:
    said = ("我的信用卡昨天被盗刷了两笔。", "你们到底管不管！再不处理我就投诉到银保监会！")
    emotions = customer_emotions(parse_dialogue(_timed(*said)))
    assert emotions[0].emotion is Emotion.CALM
    assert emotions[1].emotion is not Emotion.CALM


def test_two_speaking_turns_are_not_joined() -> None:
    # a long pause between them: two turns, each scored on its own
    emotions = customer_emotions(parse_dialogue(_timed(*OUTBURST, pause=6.0)))
    assert all(e.emotion is not Emotion.DISSATISFIED or e.score < 0.5 for e in emotions)


# field call 385: a downgrade asked for, the price its reason, cut into sentences
DOWNGRADE = ("你好我想把我", "这个套餐降一下", "现在一百九十九的", "太贵了我根本", "用不完")


def test_a_price_given_as_the_reason_for_a_cheaper_plan_is_calm_in_every_sentence() -> None:
    emotions = customer_emotions(parse_dialogue(_timed(*DOWNGRADE)))
    assert [e.emotion for e in emotions] == [Emotion.CALM] * len(DOWNGRADE)
    assert customer_emotions(parse_dialogue("客户：" + "".join(DOWNGRADE)))[0].emotion is Emotion.CALM


def test_a_price_grumbled_about_without_a_cheaper_choice_stays_displeased() -> None:
    grumble = ("你好我这个套餐", "现在一百九十九的", "太贵了我根本", "用不起")
    emotions = customer_emotions(parse_dialogue(_timed(*grumble)))
    assert any(e.emotion is Emotion.DISSATISFIED for e in emotions)
