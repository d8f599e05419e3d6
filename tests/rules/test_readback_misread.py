"""CNF001 tells a wrong read-back from none (field call 376): the finding names the agent's
sentence that read the number back wrong, so the QA specialist sees what to correct."""

from __future__ import annotations

from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine

_ENGINE = Engine(only={"CNF001"})

_GIVEN = ("[01:17.3-01:20.1 客户] 我爱人的手机 幺五九零二八七六三幺四\n"
          "[01:20.7-01:24.0 坐席] {read_back}\n"
          "[01:25.6-01:26.2 客户] 嗯对\n"
          "[01:26.7-01:29.8 坐席] 好的那我这边登记了\n")


def _finding(read_back: str) -> tuple[str, tuple[int, ...], dict[str, object]]:
    ev = _ENGINE.evaluate(parse_dialogue(_GIVEN.format(read_back=read_back)))
    (result,) = [r for r in ev.results if r.code == "CNF001"]
    (f,) = result.findings
    return f.message, f.evidence.utterances, dict(f.details)


def test_two_swapped_digits_are_a_wrong_read_back_with_its_sentence_as_evidence() -> None:
    message, utterances, details = _finding("OK幺五九零二八七六三四幺是吧")
    assert "复述有误且未更正" in message and "159****6314" in message
    assert utterances == (0, 1)
    assert details["misread_utterance"] == 1


def test_one_wrong_digit_is_a_wrong_read_back() -> None:
    message, _, _ = _finding("您爱人的手机是幺五九零二八七六三幺七对吗")
    assert "复述有误" in message


def test_no_digits_said_back_is_no_read_back_at_all() -> None:
    message, utterances, details = _finding("好的我记一下")
    assert message.endswith("坐席未复述确认")
    assert utterances == (0,) and "misread_utterance" not in details


def test_another_number_of_the_same_length_is_no_misread() -> None:
    # three digits differ: the agent said a different number (its own hotline, say), not a slip
    message, _, _ = _finding("您也可以打我们幺五九零二八七幺二三四")
    assert message.endswith("坐席未复述确认")


def test_a_wrong_read_back_cut_over_two_sentences_is_found_in_its_turn() -> None:
    # field call 252: "一三八五七二零" / "六九四一好的" reads back "…六九一四" with its last two digits swapped
    ev = _ENGINE.evaluate(parse_dialogue(
        "[00:50.0-00:53.0 客户] 幺三八五七二零六九一四\n[00:54.0-00:56.0 坐席] 一三八五七二零\n"
        "[00:56.2-00:57.5 坐席] 六九四一好的\n[00:58.0-00:59.0 客户] 嗯\n"))
    (result,) = [r for r in ev.results if r.code == "CNF001"]
    (f,) = result.findings
    assert "复述有误且未更正" in f.message and f.details["misread_utterance"] == 1
