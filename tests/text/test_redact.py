"""Personal data is masked in every spelling a transcript uses; ordinary numbers are not."""

from __future__ import annotations

import re

import pytest

from hotline_qa.text.redact import redact_evaluation_dict, redact_text


def _digits_left(text: str) -> str:
    table = str.maketrans("幺一二三四五六七八九零〇０１２３４５６７８９", "1123456789000123456789")
    return re.sub(r"\D", "", text.translate(table))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我的手机13812345678谢谢", "我的手机138****5678谢谢"),
        ("手机号 138 1234 5678 ", "手机号 138 **** 5678 "),
        ("手机138-1234-5678", "手机138-****-5678"),
        ("号码１３８１２３４５６７８", "号码１３８****５６７８"),  # full width in the original text
        ("您记一下15912345678好吧", "您记一下159****5678好吧"),
    ],
)
def test_mobile_in_arabic_digits_keeps_first_three_and_last_four(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话是幺三八一二三四五六七八", "电话是*******五六七八"),
        ("一三八 一二三四 五六七八", "*** **** 五六七八"),
        ("138一二三四5678", "*******5678"),
        ("幺三八，一二三四，五六七八你记一下", "***，****，五六七八你记一下"),
    ],
)
def test_phone_spoken_in_chinese_numerals_keeps_last_four(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_id_number_with_check_letter() -> None:
    assert redact_text("身份证110101199003071234") == "身份证110***********1234"
    assert redact_text("证件号11010119900307123X好的") == "证件号110***********123X好的"


def test_bank_card_keeps_last_four_with_or_without_spaces() -> None:
    assert redact_text("卡号6222021234567890") == "卡号************7890"
    # read in groups of four, the last group short: the last four digits span two groups
    assert redact_text("卡号 6222 0212 3456 7890 123 ") == "卡号 **** **** **** ***0 123 "
    assert _digits_left(redact_text("6222 0212 3456 7890")) == "7890"


def test_landline() -> None:
    assert redact_text("座机010-87654321") == "座机***-****4321"
    assert redact_text("打8765 4321找我") == "打**** 4321找我"


def test_email_keeps_first_char_and_domain() -> None:
    assert redact_text("邮箱是zhang.san@example.com.cn谢谢") == "邮箱是z********@example.com.cn谢谢"


@pytest.mark.parametrize(
    ("text", "kept", "hidden"),
    [
        ("地址是北京市朝阳区建国路88号院3号楼，麻烦快点", "地址是北京市朝阳区*", "建国路"),
        ("我住在广东省深圳市南山区科技园麻烦您派人来", "我住在广东省深圳市*", "科技园"),
        ("送到上海市浦东新区世纪大道100号。", "送到上海市浦东新*", "世纪大道"),
        ("家庭住址：浙江省杭州市西湖区文三路", "家庭住址：浙江省杭州市*", "文三路"),
    ],
)
def test_address_keeps_first_six_characters(text: str, kept: str, hidden: str) -> None:
    out = redact_text(text)
    assert out.startswith(kept)
    assert hidden not in out
    assert "*" in out


@pytest.mark.parametrize(
    "text",
    [
        "这个月话费最多200元可账单上有500元",
        "我是工号1024的小王",
        "预计两小时内回电 下午3点 10:30 之前",
        "2个工作日内给您答复 2024-05-01",
        "一共1234567元",
        "金额1234567.89",
        "我等了两个小时了三四个人都不管",
        "送到了吗",
        "第一步 第二步 第三步",
    ],
)
def test_ordinary_numbers_and_words_untouched(text: str) -> None:
    assert redact_text(text) == text


def test_date_next_to_phone_only_phone_masked() -> None:
    assert redact_text("2024-05-01 13812345678") == "2024-05-01 138****5678"
    assert redact_text("工号1024 138 1234 5678") == "工号1024 138 **** 5678"


@pytest.mark.parametrize(
    "text",
    ["我的手机13812345678谢谢", "一三八 一二三四 五六七八", "地址是北京市朝阳区建国路88号", "a.b@c.com",
     "身份证11010119900307123X", ""],
)
def test_length_preserved(text: str) -> None:
    assert len(redact_text(text)) == len(text)


def test_redact_evaluation_dict_masks_copy_only() -> None:
    record = {
        "call_id": "20240501-13812345678",
        "results": [{"code": "CNF001", "status": "finding", "findings": [{
            "message": "电话13812345678未复述", "suggestion": "您的电话是13812345678对吗",
            "explanation": "", "details": {"digits": "13812345678"},
            "evidence": {"utterances": [0], "spans": [{"utterance": 0, "start": 4, "end": 15,
                                                        "text": "13812345678"}]}}]}],
        "analysis": {"key_info": [{"kind": "phone", "value": "13812345678", "text": "幺三八一二三四五六七八"}],
                     "commitments": [{"text": "明天回电到13812345678", "due": "2024-05-02T18:00:00+08:00"}]},
        "call": {"metadata": {"call_id": "20240501-13812345678", "caller_number": "13812345678"},
                 "utterances": [{"index": 0, "role": "customer", "text": "我的电话13812345678",
                                 "original": "我的電話13812345678"}],
                 "events": [{"kind": "transfer", "note": "转给13912345678"}]},
    }
    out = redact_evaluation_dict(record)
    dumped = repr(out)
    assert "13812345678" not in dumped.replace("20240501-13812345678", "")
    assert "13912345678" not in dumped
    assert "二三四五六七" not in dumped
    assert out["call_id"] == record["call_id"]  # identifiers are kept
    assert out["call"]["metadata"]["call_id"] == record["call_id"]
    assert out["analysis"]["commitments"][0]["due"] == "2024-05-02T18:00:00+08:00"
    # the input is untouched
    assert record["call"]["utterances"][0]["text"] == "我的电话13812345678"
    # offsets still fit the masked text
    span = out["results"][0]["findings"][0]["evidence"]["spans"][0]
    assert out["call"]["utterances"][0]["text"][span["start"]:span["end"]] == span["text"]


def test_key_info_address_masked_without_keyword() -> None:
    record = {"analysis": {"key_info": [{"kind": "address", "value": "北京市朝阳区建国路88号院3号楼",
                                         "text": "北京市朝阳区建国路88号院3号楼"}]}}
    item = redact_evaluation_dict(record)["analysis"]["key_info"][0]
    assert item["value"] == "北京市朝阳区" + "*" * len("建国路88号院3号楼")
    assert item["text"] == item["value"]
