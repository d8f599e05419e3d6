"""Chinese numerals: digit strings spoken any way, value numerals and quantities."""

from __future__ import annotations

import pytest

from hotline_qa.text.normalize import normalize_text
from hotline_qa.text.numbers import (
    chinese_to_int,
    digits_only,
    find_digit_sequences,
    parse_quantity,
    to_arabic,
)


def _digits(text: str) -> list[str]:
    return [r.digits for r in find_digit_sequences(text)]


@pytest.mark.parametrize("spoken", [
    "13812345678",
    "138 1234 5678",
    "138-1234-5678",
    "幺三八一二三四五六七八",
    "一三八一二三四五六七八",
    "138一二三四5678",
    "幺三八,幺二三四,五六七八",
    "一三八、一二三四、五六七八",
    "1 3 8 1 2 3 4 5 6 7 8",
])
def test_phone_number_spoken_any_way_gives_the_same_digits(spoken: str) -> None:
    assert _digits(f"我的电话是{spoken}谢谢") == ["13812345678"]


def test_grouped_reading_with_spaces_survives_normalisation() -> None:
    # normalize_text removes the spaces between hanzi; the groups join up again
    text = normalize_text("号码是 一三八 一二三四 五六七八")
    assert _digits(text) == ["13812345678"]


def test_zero_spellings_and_liang() -> None:
    assert _digits("零一零洞八八两两") == ["01008822"]
    assert _digits("〇五七一 八八八八 六六六六") == ["057188886666"]


def test_full_width_digits_after_normalisation() -> None:
    assert _digits(normalize_text("１３８１２３４５６７８")) == ["13812345678"]


def test_id_number_ending_in_x() -> None:
    runs = find_digit_sequences("身份证号11010519491231002x")
    assert [r.digits for r in runs] == ["11010519491231002X"]
    assert runs[0].surface == "11010519491231002x"
    assert _digits("幺幺零幺零五幺九四九幺二三幺零零二叉") == ["11010519491231002X"]


def test_offsets_point_at_the_surface() -> None:
    text = "好的,订单号是幺二三四五六,对吗"
    (run,) = find_digit_sequences(text)
    assert text[run.start:run.end] == run.surface == "幺二三四五六"


def test_short_runs_value_numerals_and_amounts_are_not_digit_strings() -> None:
    assert _digits("两三天之内") == []
    assert _digits("二十四小时") == []
    assert _digits("一共1,500元") == []  # a thousands separator, not a pause between groups
    assert _digits("拐弯以后第三个路口") == []
    assert _digits("一二三") == []
    assert [r.digits for r in find_digit_sequences("一二三", min_digits=3)] == ["123"]


def test_two_numbers_in_one_turn_stay_apart() -> None:
    assert _digits("手机13812345678,身份证110105194912310021") == ["13812345678", "110105194912310021"]


@pytest.mark.parametrize(("numeral", "value"), [
    ("十五", 15), ("两", 2), ("二十四", 24), ("一百二", 120), ("一百零五", 105), ("三千五", 3500),
    ("两万三", 23000), ("一万零五百", 10500), ("十", 10), ("3千", 3000), ("12万", 120000),
    ("二零二四", 2024), ("48", 48), ("一亿二千万", 120_000_000),
])
def test_chinese_to_int(numeral: str, value: int) -> None:
    assert chinese_to_int(numeral) == value


@pytest.mark.parametrize("bad", ["", "好的", "二三十五"])
def test_chinese_to_int_rejects_non_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        chinese_to_int(bad)


@pytest.mark.parametrize(("qty", "value"), [
    ("两", 2), ("半", 0.5), ("一个半", 1.5), ("两个半", 2.5), ("30", 30), ("1.5", 1.5), ("两三", 3),
    ("一两", 2), ("二十四", 24), ("两个", 2),
])
def test_parse_quantity(qty: str, value: float) -> None:
    assert parse_quantity(qty) == value


def test_parse_quantity_rejects_vague_amounts() -> None:
    with pytest.raises(ValueError):
        parse_quantity("几")


def test_digits_only_and_to_arabic() -> None:
    assert digits_only("幺三八-1234") == "1381234"
    assert to_arabic("建国路八十八号三单元") == "建国路88号3单元"


@pytest.mark.parametrize(("spoken", "digits"), [
    ("电话是腰八六，亮七三五，零九幺四", "18627350914"),  # ASR: 腰 for 幺, 亮 for 两
    ("电话是，幺三五，七亮六八，二二九零", "13572682290"),
    ("号码幺三八么二三四洞六七八", "13812340678"),  # 么 for 幺, 洞 for 零 inside the run
])
def test_asr_homophones_inside_a_digit_run(spoken: str, digits: str) -> None:
    runs = find_digit_sequences(normalize_text(spoken))
    assert [r.digits for r in runs] == [digits]


@pytest.mark.parametrize("text", [
    "路灯不亮一二三四五个都不亮了",  # 不亮 is a word, not "2"
    "我腰疼了三四五天",
    "什么一二三四的我不知道",
    "灯亮亮的",
])
def test_homophones_that_are_words_invent_no_digits(text: str) -> None:
    for run in find_digit_sequences(text):
        assert not set(run.surface) & set("腰么亮"), run


@pytest.mark.parametrize("spoken", [
    "幺三八 嗯 一二三四 那个 五六七八",
    "幺三八嗯一二三四嗯五六七八",
    "138，呃，1234，就是5678",
    "一三八 啊 一二三四五六七八",
])
def test_a_filler_between_groups_is_a_pause_inside_the_number(spoken: str) -> None:
    runs = find_digit_sequences(f"我电话是{spoken}好的")
    assert [r.digits for r in runs] == ["13812345678"]
    assert runs[0].surface == spoken  # the surface is the original text, filler and all


@pytest.mark.parametrize(("text", "digits"), [
    # a whole mobile number ends before the filler: the next number is another one
    ("手机一三八一二三四五六七八 嗯 座机零五七一八八八八一二三四", ["13812345678", "057188881234"]),
    # one digit after the filler is no group: "我要两个 嗯 三个" holds no number at all
    ("订单一二三四五六 嗯 三个", ["123456"]),
    ("我要两个 嗯 三个", []),
    # a filler that is a word between two amounts is not inside a number
    ("两三天 嗯 四五天", []),
])
def test_a_filler_joins_no_separate_numbers(text: str, digits: list[str]) -> None:
    assert _digits(text) == digits


def test_a_common_word_for_yao_before_ten_digits_is_the_mobile_ones_digit() -> None:
    # the ASR wrote the spoken 幺 as 要: ten digits after it make a mobile number with it
    assert _digits("电话要三八一二三四五六七八") == ["13812345678"]
    # the same word before anything else stays a word
    assert _digits("我要三八一二三四") == ["381234"]
    assert _digits("我要五零二房间") == []


def test_capital_numerals_are_digits_and_values() -> None:
    runs = find_digit_sequences("我的电话是壹叁捌壹贰叁肆伍陆柒捌")
    assert [r.digits for r in runs] == ["13812345678"]
    assert chinese_to_int("壹佰贰拾") == 120 and chinese_to_int("叁仟伍佰") == 3500
    # 陆/伍/肆 in a word are the word: "队伍" adds no 5 to the digits after it
    assert [r.digits for r in find_digit_sequences("排队伍一二三四")] == ["1234"]
    assert [r.digits for r in find_digit_sequences("陆地一二三四")] == ["1234"]
    # to_arabic leaves them alone: "陆家嘴" is a name
    assert to_arabic("陆家嘴环路一千号") == "陆家嘴环路1000号"


def test_id_check_character_after_a_pause() -> None:
    assert [r.digits for r in find_digit_sequences("三三零幺零六 一九九零 零三幺五 幺二三 x")] == ["33010619900315123X"]
    # sixteen digits are no ID number; an x starting a word is no check character
    assert [r.digits for r in find_digit_sequences("三三零幺零六 一九九零 零三幺五 幺二 x")] == ["3301061990031512"]
    assert [r.digits for r in find_digit_sequences("三三零幺零六 一九九零 零三幺五 幺二三 xyz")] == ["33010619900315123"]
