"""Personal data is masked in every spelling a transcript uses; ordinary numbers are not."""

from __future__ import annotations

import re

import pytest

from hotline_qa.text.redact import redact_evaluation_dict, redact_identifier, redact_text, redact_texts


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
    assert "13812345678" not in dumped  # the call id named after the caller too
    assert "13912345678" not in dumped
    assert "二三四五六七" not in dumped
    assert out["call_id"] == "20240501-138****5678"  # the rest of the id is kept
    assert out["call"]["metadata"]["call_id"] == out["call_id"]
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


# --- spellings found in the field calls ---------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ASR homophones of digits: 腰 for 幺, 亮 for 两
        ("电话是腰八六，亮七三五，零九幺四", "电话是***，****，零九幺四"),
        ("幺三五，七亮六八，二二九零", "***，****，二二九零"),
        # an order number in groups that match no other shape: only its last 4 digits stay
        ("订单号20261118 0035，对吗", "订单号******** 0035，对吗"),
        ("是 三幺二八 七七零四 六五九二", "是 **** **** 六五九二"),
        ("票号是七八一，二四六八，一三五七九零", "票号是***，****，**五七九零"),
        ("订单号20260308556 12，对吗", "订单号*********56 12，对吗"),
    ],
)
def test_numbers_in_any_grouping_keep_at_most_four_digits(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    ["灯不亮了", "我腰疼 一二三", "2023-2024年度", "2023-2024", "新version 1.2 发布", "8765 4321元",
     "客服热线12345"],
)
def test_words_and_years_that_look_like_digits_untouched(text: str) -> None:
    assert redact_text(text) == text


def test_spoken_email_and_spelled_name() -> None:
    out = redact_text("邮箱是 zhang wei 八八 艾特 一六三 点 com，张伟的拼音，z h a n g w e i 八八")
    assert out == "邮箱是 z**** *** ** 艾特 一六三 点 com，张伟的拼音，z * * * * * * * 八八"
    assert redact_text("zhangwei88 艾特 163 点 com") == "z********* 艾特 163 点 com"
    assert redact_text("zhangwei88 at 163 dot com") == "z********* at 163 dot com"
    # full-width in the original text
    assert redact_text("ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ") == "ｚ****＠ｅｘａｍｐｌｅ．ｃｏｍ"


def test_an_email_said_without_at_is_masked_where_a_mailbox_is_spoken_of() -> None:
    # the engine reads "limin88 163.com" as an e-mail (field call 701): the name is personal data
    assert redact_text("我邮箱是limin88 163.com") == "我邮箱是l****** 163.com"
    assert redact_text("我邮箱是limin八八，一六三点com") == "我邮箱是l******，一六三点com"
    # not without a mailbox, and not the "at" of an address cut before it (field call 565)
    assert redact_text("我看到网页上写着abc一六三点com") == "我看到网页上写着abc一六三点com"
    assert redact_text("QQ邮箱 at QQ点com") == "QQ邮箱 at QQ点com"


def test_licence_plate_written_or_spoken() -> None:
    assert redact_text("车牌是 浙A 七K 幺二八 我在") == "车牌是 浙A ** *** 我在"
    assert redact_text("车牌浙A七K一二八 沪昆高速") == "车牌浙A***** 沪昆高速"
    assert redact_text("车牌粤B·D12345") == "车牌粤B·******"


def test_id_number_with_spoken_check_character() -> None:
    assert redact_text("三二零一二三一九九零零一零一四四一叉") == "三二零***********四四一叉"


def test_number_split_across_two_sentences_is_masked_as_one() -> None:
    texts = ["我的电话是幺三八一二。", "三四五六七八", "好的"]
    out = redact_texts(texts)
    assert out == ["我的电话是*****。", "**五六七八", "好的"]
    assert [redact_text(t) for t in texts] == texts  # each half alone is too short to mask


def test_identifier_keeps_all_but_a_phone_id_number_or_email() -> None:
    assert redact_identifier("13812345678_20260301") == "138****5678_20260301"
    assert redact_identifier("CALL-20260301-000123") == "CALL-20260301-000123"
    assert redact_identifier("recordings/110101199003071233.wav") == "recordings/110***********1233.wav"
    assert redact_identifier("202603011200001234") == "202603011200001234"  # check digit wrong: no ID
    assert redact_identifier("zhang.san@example.com.wav") == "z********@example.com.wav"


def _record(utterances: list[dict[str, object]], **extra: object) -> dict[str, object]:
    return {"call_id": "C1", "results": [], "analysis": extra.pop("analysis", {}),
            "call": {"metadata": extra.pop("metadata", {}), "utterances": utterances}, **extra}


def test_bare_address_masked_where_said_and_where_read_back_in_other_words() -> None:
    record = _record(
        [{"index": 0, "role": "customer", "text": "朝阳区望京西园四区四一六号楼一单元一八零三",
          "original": "朝陽區望京西園四區四一六號樓一單元一八零三"},
         {"index": 1, "role": "agent", "text": "好的,朝阳区望京西园4区416号楼1单元1803,对吗"}],
        analysis={"key_info": [{"kind": "address", "value": "朝阳区望京西园4区416号楼1单元1803", "utterance": 0,
                                "text": "朝阳区望京西园四区四一六号楼一单元一八零三", "read_back_utterance": 1}]})
    out = redact_evaluation_dict(record)
    utts = out["call"]["utterances"]
    assert utts[0]["text"] == "朝阳区望京西" + "*" * 15
    assert utts[0]["original"] == "朝陽區望京西" + "*" * 15
    assert utts[1]["text"] == "好的,朝阳区望京西" + "*" * 15 + ",对吗"
    assert out["analysis"]["key_info"][0]["text"] == utts[0]["text"]


def test_street_and_number_said_again_in_part_and_in_other_numerals_are_masked() -> None:
    """The agent repeats only "文三路一百号" of "杭州市西湖区文三路一百号三单元" (no read-back by key
    information: the unit is missing): the house number is still the customer's address."""
    record = _record(
        [{"index": 0, "role": "customer", "text": "地址是杭州市西湖区文三路一百号三单元"},
         {"index": 1, "role": "agent", "text": "好的文三路一百号我帮您查一下", "original": "好的 文三路一百号 我帮您查一下"},
         {"index": 2, "role": "agent", "text": "文三路这边今天有点堵 学院路8号也是"}],
        analysis={"key_info": [{"kind": "address", "value": "杭州市西湖区文3路100号3单元", "utterance": 0,
                                "text": "杭州市西湖区文三路一百号三单元", "read_back_utterance": None}]})
    utts = redact_evaluation_dict(record)["call"]["utterances"]
    assert utts[1]["text"] == "好的文三路***我帮您查一下"
    assert utts[1]["original"] == "好的 文三路*** 我帮您查一下"
    # the street alone, and another street's number, are not the customer's address
    assert utts[2]["text"] == "文三路这边今天有点堵 学院路8号也是"


@pytest.mark.parametrize(("text", "original", "masked_text", "masked_original"), [
    # the normaliser removes the spaces between hanzi: "七八四 二三幺零 …" is one number there
    ("票号七八四二三幺零五五六九零八", "票号 七八四 二三幺零 五五六 九零八",
     "票号*********六九零八", "票号 *** **** **六 九零八"),
    # ... and the commas an ASR put inside the number
    ("电话是幺三八一二三四五六七八", "电话是幺三八，一二三四，五六七八",
     "电话是*******五六七八", "电话是***，****，五六七八"),
])
def test_original_gets_the_masks_of_the_normalised_text(text: str, original: str, masked_text: str,
                                                        masked_original: str) -> None:
    record = _record([{"index": 0, "role": "customer", "text": text, "original": original}])
    out = redact_evaluation_dict(record)["call"]["utterances"][0]
    assert out["text"] == masked_text
    assert out["original"] == masked_original


def test_quoted_stretches_masked_in_messages_details_reasons_and_notes() -> None:
    said = "朝阳区望京西园四区四一六号楼一单元一八零三"
    record = _record(
        [{"index": 0, "role": "customer", "text": said}],
        analysis={"key_info": [{"kind": "address", "value": said, "utterance": 0, "text": said}],
                  "commitments": [{"text": f"师傅明天到{said}", "utterance": 0}]},
        metadata={"caller": 13812345678, "customer_name": "张伟", "hold_count": 2,
                  "staff_no": "1024"})
    record["results"] = [
        {"code": "CNF001", "status": "finding", "reason": "", "details": {"said": said},
         "findings": [{"message": f"客户提供的地址 {said} 坐席未复述", "details": {"value": said},
                       "evidence": {"spans": [{"utterance": 0, "start": 0, "end": len(said), "text": said}]}}]},
        {"code": "XYZ001", "status": "error", "reason": f"规则运行出错 (rule crashed): ValueError: {said}"},
    ]
    out = redact_evaluation_dict(record)
    dumped = repr(out)
    assert "四一六号楼" not in dumped and "13812345678" not in dumped and "张伟" not in dumped
    assert out["call"]["metadata"] == {"caller": "*******5678", "customer_name": "张*", "hold_count": 2,
                                       "staff_no": "1024"}


def test_number_over_three_sentences_past_the_other_sides_filler() -> None:
    # ASR sentences of one turn, the agent's "嗯" between them
    texts = ["快递单号", "七五三，", "嗯。", "八八二一，", "零四六九。", "好的"]
    roles = ["agent", "customer", "agent", "customer", "customer", "agent"]
    out = redact_texts(texts, roles)
    assert out == ["快递单号", "***，", "嗯。", "****，", "零四六九。", "好的"]
    # without roles the filler breaks the number: each piece alone is short
    assert redact_texts(texts)[1] == "七五三，"


def test_phone_split_by_the_customer_is_masked_where_the_agent_reads_it_back() -> None:
    utts = [("customer", "幺三八幺二"), ("agent", "嗯"), ("customer", "三四五六七八"),
            ("agent", "好的跟您核对一下"), ("agent", "号码是幺三八幺二"), ("agent", "三四五六七八"), ("agent", "对吗")]
    record = _record([{"index": i, "role": r, "text": t, "original": t} for i, (r, t) in enumerate(utts)])
    out = [u["text"] for u in redact_evaluation_dict(record)["call"]["utterances"]]
    assert out == ["*****", "嗯", "**五六七八", "好的跟您核对一下", "号码是*****", "**五六七八", "对吗"]


@pytest.mark.parametrize(("text", "expected"), [
    # a house number chain in any turn, with or without a street or a keyword: digits masked
    ("好的望京西园四区四二三号楼二单元一零零二对吧", "好的望京西园四区***号楼*单元****对吧"),
    ("四二三号楼 二单元 一零零二", "***号楼 *单元 ****"),
    ("十二号楼三门六零一", "**号楼*门***"),
    ("阳光小区8栋1203", "阳光小区*栋****"),
])
def test_house_number_chains_are_masked_in_any_turn(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("text", ["我们10号12点前回电", "3号线2号口出来", "住5楼", "1号楼和2号楼都停电了",
                                  "二零二四年三月五号", "我买了3台2000元的"])
def test_dates_floors_and_single_buildings_are_not_house_number_chains(text: str) -> None:
    assert redact_text(text) == text


@pytest.mark.parametrize("text", [
    "我手机号是幺三八 嗯 一二三四 那个 五六七八",
    "电话138嗯1234嗯5678好的",
])
def test_a_number_said_with_fillers_between_its_groups_is_masked(text: str) -> None:
    masked = redact_text(text)
    assert len(masked) == len(text)
    assert _digits_left(masked).endswith("5678") and "1234" not in _digits_left(masked)
    assert "嗯" in masked  # the filler stays as it was said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我叫张伟", "我叫张*"),
        ("我叫张伟手机号是多少来着", "我叫张*手机号是多少来着"),  # unpunctuated: the name ends before 手机
        ("户主是李秀英", "户主是李**"),
        ("收件人 王芳 电话", "收件人 王* 电话"),
        ("我叫欧阳娜娜", "我叫欧阳**"),  # a two-character surname stays whole
        ("名字叫陈小明先生", "名字叫陈**先生"),
        ("持卡人是刘德华本人", "持卡人是刘**本人"),
        ("我姓李叫李明", "我姓李叫李*"),
        ("联系人是我老公 赵强", "联系人是我老公 赵*"),
    ],
)
def test_a_name_after_the_words_that_introduce_one_keeps_only_its_surname(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    ["我姓王", "王先生您好", "我叫小王", "我叫车过来", "我叫师傅上门看看", "我叫什么名字不重要",
     "联系人写我爱人就行", "机主是我老婆", "这个联系人是谁", "我叫了外卖"],
)
def test_a_surname_alone_and_words_after_jiao_are_not_names(text: str) -> None:
    assert redact_text(text) == text


def test_a_name_given_in_answer_is_masked_wherever_it_is_said_but_not_the_agents_own() -> None:
    record = _record([
        {"index": 0, "role": "agent", "text": "您好工号3527我是张丽很高兴为您服务"},
        {"index": 1, "role": "agent", "text": "请问您怎么称呼"},
        {"index": 2, "role": "customer", "text": "嗯 李明"},
        {"index": 3, "role": "agent", "text": "好的李明先生我帮您查一下"},
        {"index": 4, "role": "customer", "text": "户主是我爱人王秀英"},
    ])
    record["results"] = [{"code": "POL001", "status": "finding", "reason": "",
                          "findings": [{"message": "坐席称呼客户为李明先生", "evidence": {"spans": []}}]}]
    out = redact_evaluation_dict(record)
    texts = [u["text"] for u in out["call"]["utterances"]]
    assert texts == ["您好工号3527我是张丽很高兴为您服务", "请问您怎么称呼", "嗯 李*", "好的李*先生我帮您查一下",
                     "户主是我爱人王**"]
    assert out["results"][0]["findings"][0]["message"] == "坐席称呼客户为李*先生"


def test_a_name_answer_only_counts_right_after_the_name_question() -> None:
    record = _record([
        {"index": 0, "role": "agent", "text": "请问是哪个小区"},
        {"index": 1, "role": "customer", "text": "金地花园"},
    ])
    assert [u["text"] for u in redact_evaluation_dict(record)["call"]["utterances"]] == ["请问是哪个小区", "金地花园"]


def test_a_code_of_letters_and_digits_keeps_only_its_last_four() -> None:
    said = "税号 是 九幺三三 0106 MA 二七八 K 四四 X 两"
    record = {"analysis": {"key_info": [{"kind": "number", "value": "91330106MA278K44X2", "utterance": 0,
                                         "text": "九幺三三 0106 MA 二七八 K 四四 X 两"}]},
              "call": {"utterances": [{"index": 0, "role": "customer", "text": said}]}}
    out = redact_evaluation_dict(record)
    assert out["call"]["utterances"][0]["text"] == "税号 是 **** **** ** *** * 四四 X 两"
    assert out["analysis"]["key_info"][0]["value"] == "*" * 14 + "44X2"
    # a number item without letters keeps the shape it had: a mobile shows 3 + 4 digits
    phone = {"analysis": {"key_info": [{"kind": "phone", "value": "13812345678", "text": "13812345678"}]}}
    assert redact_evaluation_dict(phone)["analysis"]["key_info"][0]["value"] == "138****5678"
