"""Key information the customer gives and the agent's read-back (CNF001)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.key_info import extract_key_info
from hotline_qa.core.call import Role

CST = timezone(timedelta(hours=8))


def _one(items, kind):
    found = [i for i in items if i.kind == kind]
    assert len(found) == 1, items
    return found[0]


def test_phone_in_chinese_numerals_read_back_in_arabic_groups(call_from) -> None:
    call = call_from([
        ("a", "您好请问您的联系电话是多少"),
        ("c", "幺三八幺二三四五六七八"),
        ("a", "好的跟您确认一下是138 1234 5678对吗"),
        ("c", "对的"),
    ])
    item = _one(extract_key_info(call), "phone")
    assert item.value == "13812345678"
    assert item.utterance == 1 and item.given_by is Role.CUSTOMER
    assert item.text == "幺三八幺二三四五六七八"
    assert call.utterances[1].text[item.start:item.end] == item.text
    assert item.read_back and item.read_back_utterance == 2


def test_number_never_read_back(call_from) -> None:
    call = call_from([
        ("c", "我手机号13812345678"),
        ("a", "好的我帮您查一下"),
        ("c", "嗯"),
    ])
    item = _one(extract_key_info(call), "phone")
    assert not item.read_back and item.read_back_utterance is None


def test_different_digits_are_not_a_read_back(call_from) -> None:
    call = call_from([("c", "电话13812345678"), ("a", "您的电话是13812345679对吗")])
    assert not _one(extract_key_info(call), "phone").read_back


def test_tail_digits_with_weihao_count_as_read_back(call_from) -> None:
    call = call_from([
        ("c", "我的银行卡号是6222 0212 3456 7890 123"),
        ("a", "好的尾号0123的这张卡对吧"),
    ])
    item = _one(extract_key_info(call), "bank_card")
    assert item.value == "6222021234567890123"
    assert item.read_back and item.read_back_utterance == 1


def test_tail_digits_without_cue_are_not_a_read_back(call_from) -> None:
    call = call_from([("c", "银行卡号6222021234567890123"), ("a", "0123这个是吧")])
    assert not _one(extract_key_info(call), "bank_card").read_back


def test_a_read_back_must_come_after_the_item(call_from) -> None:
    call = call_from([
        ("a", "您好"),
        ("c", "订单号是幺二三四五六七八"),
        ("c", "你们快点查"),
    ])
    item = _one(extract_key_info(call), "order")
    assert item.value == "12345678" and not item.read_back


def test_order_number_classified_by_context_and_by_the_agent_question(call_from) -> None:
    call = call_from([
        ("c", "我的订单号是20240815001"),
        ("a", "请问您的工单编号是多少"),
        ("c", "九八七六五四三二"),
    ])
    items = extract_key_info(call)
    assert [(i.kind, i.value) for i in items] == [("order", "20240815001"), ("order", "98765432")]


def test_numbers_the_agent_gave_are_not_customer_items(call_from) -> None:
    call = call_from([
        ("a", "这个订单号是20240815001您记一下"),
        ("c", "20240815001好的"),
    ])
    assert extract_key_info(call) == ()


def test_the_start_of_an_address_the_agent_gave_is_not_the_customers(call_from) -> None:
    """Field call 291: the customer repeats the street and number of the branch address the agent
    found; the customer's own address is still theirs to give."""
    call = call_from([
        ("a", "城西区能当场制卡的是人社局服务大厅地址是枫林路一百二十号一楼七号到十号窗口"),
        ("c", "枫林路一百二十号好的那我去了要带什么"),
        ("a", "带上身份证原件就可以"),
        ("c", "好的我家是住在枫林路一百四十号的"),
    ])
    items = [i for i in extract_key_info(call) if i.kind == "address"]
    assert [i.utterance for i in items] == [3]


def test_id_number_with_x_and_landline(call_from) -> None:
    call = call_from([
        ("c", "身份证号是11010519491231002x"),
        ("c", "座机010-8888 6666"),
        ("a", "身份证号11010519491231002X,座机01088886666,对吗"),
    ])
    items = extract_key_info(call)
    idn = _one(items, "id_number")
    assert idn.value == "11010519491231002X" and idn.read_back
    phone = _one(items, "phone")
    assert phone.value == "01088886666" and phone.read_back


def test_id_number_recognised_by_check_digit_without_context(call_from) -> None:
    call = call_from([("c", "440304199003071248")])
    assert _one(extract_key_info(call), "id_number").value == "440304199003071248"
    # the same length with a wrong check digit reads as a bank card number
    other = call_from([("c", "440304199003071249")])
    assert _one(extract_key_info(other), "bank_card").value == "440304199003071249"


def test_amounts_years_and_short_numbers_are_not_key_items(call_from) -> None:
    call = call_from([("c", "这个月电话费最多200元可是账单上有1500元2024年我就办了")])
    assert extract_key_info(call) == ()


def test_email_spoken_with_aite_and_dian(call_from) -> None:
    call = call_from([
        ("c", "我的邮箱是 ZhangSan88 艾特 qq 点 com"),
        ("a", "邮箱是zhangsan88@qq.com对吗"),
    ])
    item = _one(extract_key_info(call), "email")
    assert item.value == "zhangsan88@qq.com"
    assert item.read_back and item.read_back_utterance == 1


def test_email_with_chinese_digits_does_not_also_give_a_number(call_from) -> None:
    call = call_from([("c", "邮箱幺二三四五六七艾特163点com")])
    items = extract_key_info(call)
    assert [(i.kind, i.value) for i in items] == [("email", "1234567@163.com")]


def test_email_spoken_in_groups_with_a_chinese_numeral_domain(call_from) -> None:
    # field call 29: the local part in pinyin syllables, the domain "一六三" in numerals
    call = call_from([
        ("c", "邮箱是 zhang wei 八八 艾特 一六三 点 com 张伟的拼音"),
        ("a", "跟您确认一下邮箱 zhangwei88 艾特 163 点 com 对吗"),
    ])
    item = _one(extract_key_info(call), "email")
    assert item.value == "zhangwei88@163.com"
    assert item.read_back and item.read_back_utterance == 1
    wrong = call_from([("c", "邮箱是 zhang wei 八八 艾特 一六三 点 com"), ("a", "好的 zhangwei66 艾特 163 点 com")])
    assert not _one(extract_key_info(wrong), "email").read_back


def test_address_read_back_by_its_core(call_from) -> None:
    call = call_from([
        ("c", "我家住在朝阳区建国路八十八号华贸公寓3号楼2单元501"),
        ("a", "好的地址是建国路88号华贸公寓对吧"),
    ])
    item = _one(extract_key_info(call), "address")
    assert item.value.startswith("朝阳区建国路88号")
    assert item.read_back


def test_address_not_read_back_when_the_number_differs(call_from) -> None:
    call = call_from([("c", "地址是人民路12号"), ("a", "人民路21号是吧")])
    assert not _one(extract_key_info(call), "address").read_back


def test_address_read_back_with_one_character_of_the_name_heard_differently(call_from) -> None:
    # field call 233: the recognizer wrote "锦秀苑", the customer spelt it "锦绣的绣", the agent read back "锦绣苑"
    call = call_from([("c", "锦秀苑六栋"), ("c", "锦绣苑锦绣的锦 锦绣的绣六栋"), ("a", "好的跟您核对一下锦绣苑六栋对吗")])
    assert _one(extract_key_info(call), "address").read_back
    for wrong in ("锦绣苑九栋对吗", "锦华园六栋对吗"):  # the number, or two characters of the name
        other = call_from([("c", "锦秀苑六栋"), ("a", "好的跟您核对一下" + wrong)])
        assert not _one(extract_key_info(other), "address").read_back, wrong


def test_address_read_back_by_building_unit_and_room_without_the_estate(call_from) -> None:
    # field call 320: the estate is known to both; building, unit and room are read back
    call = call_from([("c", "锦城花园七栋二单元六零二"), ("a", "七栋二单元六零二那楼上就是七零二对吧")])
    assert _one(extract_key_info(call), "address").read_back
    for part in ("六零二对吧", "七栋二单元对吧", "七栋二单元六零三对吧"):  # one number alone, or one wrong
        other = call_from([("c", "锦城花园七栋二单元六零二"), ("a", part)])
        assert not _one(extract_key_info(other), "address").read_back, part


def test_address_read_back_without_or_with_the_word_xiaoqu(call_from) -> None:
    # field call 329: "东湖区丽景苑小区 / 十二栋二单元六零三" read back "东湖区丽景苑十二栋 / 二单元六零三对吗"
    call = call_from([("c", "东湖区丽景苑小区十二栋"), ("a", "东湖区丽景苑十二栋对吗")])
    assert _one(extract_key_info(call), "address").read_back
    call = call_from([("c", "丽景苑十二栋"), ("a", "丽景苑小区十二栋对吗")])
    assert _one(extract_key_info(call), "address").read_back
    call = call_from([("c", "东湖区丽景苑小区十二栋"), ("a", "丽景苑十三栋对吗")])
    assert not _one(extract_key_info(call), "address").read_back


def test_date_gets_the_year_of_the_call_and_is_read_back(call_from) -> None:
    call = call_from([
        ("c", "我是十月五号下的单"),
        ("a", "10月5日下单的对吧"),
    ], started_at=datetime(2026, 10, 20, 9, 0, tzinfo=CST))
    item = _one(extract_key_info(call), "date")
    assert item.value == "2026-10-05" and item.read_back


def test_date_without_a_call_date_keeps_month_and_day(call_from) -> None:
    call = call_from([("c", "2025年3月8日买的"), ("c", "3月9号坏的")])
    values = [i.value for i in extract_key_info(call) if i.kind == "date"]
    assert values == ["2025-03-08", "--03-09"]


def test_plate(call_from) -> None:
    call = call_from([("c", "车牌是浙a12345"), ("a", "浙A12345对吧")])
    item = _one(extract_key_info(call), "plate")
    assert item.value == "浙A12345" and item.read_back


def test_traditional_input_normalised(call_from) -> None:
    call = call_from([("c", "我的電話號碼是：幺三八 幺二三四 五六七八。"), ("a", "您的電話是１３８１２３４５６７８，對嗎？")])
    item = _one(extract_key_info(call), "phone")
    assert item.value == "13812345678" and item.read_back


def test_same_number_given_twice_is_one_item(call_from) -> None:
    call = call_from([("c", "电话13812345678"), ("c", "就是13812345678"), ("a", "好的13812345678")])
    items = extract_key_info(call)
    assert len(items) == 1 and items[0].utterance == 0 and items[0].read_back_utterance == 2


def test_unpunctuated_asr_turn_with_two_items(call_from) -> None:
    call = call_from([
        ("c", "嗯我的手机号是幺三八幺二三四五六七八然后地址是人民路十二号"),
        ("a", "好的人民路12号手机幺三八幺二三四五六七八"),
    ])
    items = {i.kind: i for i in extract_key_info(call)}
    assert items["phone"].value == "13812345678" and items["phone"].read_back
    assert items["address"].value == "人民路12号" and items["address"].read_back


def test_a_dictated_mobile_number_is_not_read_back_by_its_tail(call_from) -> None:
    """004 宜⑩ "重复一下所记录的内容，尤其是关于电话": "尾号5873是吧" leaves seven digits unchecked
    (field call 126); a bank card's tail is a read-back (it masks the rest)."""
    call = call_from([
        ("a", "请问您现在用的联系电话是多少"),
        ("c", "13867215873"),
        ("a", "尾号5873是吧 好的"),
    ])
    assert not _one(extract_key_info(call), "phone").read_back
    call = call_from([
        ("c", "卡号是6222 0212 3456 7890 123"),
        ("a", "好的 尾号7890123的这张卡对吧"),
    ])
    assert _one(extract_key_info(call), "bank_card").read_back


def test_asr_homophones_in_a_phone_number_in_comma_groups(call_from) -> None:
    call = call_from([
        ("a", "好的，请问您的联系电话是多少？"),
        ("c", "电话是腰八六，亮七三五，零九幺四"),
        ("a", "好的，幺八六二七三五零九幺四，对吗？"),
        ("c", "我姓陈，电话是，幺三五，七亮六八，二二九零"),
    ])
    phones = [i for i in extract_key_info(call) if i.kind == "phone"]
    assert [p.value for p in phones] == ["18627350914", "13572682290"]
    assert phones[0].read_back and not phones[1].read_back


def test_homophones_in_ordinary_words_are_no_number(call_from) -> None:
    call = call_from([("c", "小区路灯不亮一二三四五个都坏了我腰疼也下不了楼")])
    assert not [i for i in extract_key_info(call) if i.kind in ("phone", "number")]


def test_address_in_chinese_numerals_with_estate_subarea(call_from) -> None:
    call = call_from([
        ("a", "请问安装地址是哪里？"),
        ("c", "朝阳区望京西园四区四一六号楼一单元一八零三"),
        ("a", "好的，我这边给您登记了"),
    ])
    item = _one(extract_key_info(call), "address")
    assert item.value == "朝阳区望京西园4区416号楼1单元1803"
    assert not item.read_back


def test_address_with_pauses_and_the_street_said_twice(call_from) -> None:
    call = call_from([
        ("c", "在，在西湖区，文三路，文三路那个，幺二八号"),
        ("a", "好的，西湖区文三路一二八号幸福里小区，对吗？"),
    ])
    item = _one(extract_key_info(call), "address")
    assert item.value == "西湖区文3路128号"
    assert item.read_back and item.read_back_utterance == 1


def test_he_inside_a_street_name_is_not_a_conjunction(call_from) -> None:
    call = call_from([("c", "东城区和平路二十八号院三号楼二单元六零二")])
    assert _one(extract_key_info(call), "address").value == "东城区和平路28号院3号楼2单元602"
    two = call_from([("c", "我住北京路3号和南京路5号")])
    values = [i.value for i in extract_key_info(two) if i.kind == "address"]
    assert values == ["北京路3号", "南京路5号"]


def test_last_six_of_an_id_card_in_traditional_is_a_partial_id(call_from) -> None:
    call = call_from([
        ("a", "麻煩您提供一下持卡人身分證後六位"),
        ("c", "三四一二二X"),
        ("a", "好的，身分證後六位三四一二二X，核實通過"),
    ])
    item = _one(extract_key_info(call), "id_number")
    assert item.value == "34122X" and item.partial
    assert item.read_back and item.read_back_utterance == 2
    missed = call_from([("a", "请提供身份证后六位"), ("c", "三四一二二X"), ("a", "三四一二二九对吗")])
    assert not _one(extract_key_info(missed), "id_number").read_back


def test_id_number_answering_a_question_about_the_shenfenzheng_haoma(call_from) -> None:
    # "身份证号码": the nearer "号码" must not make the answer a phone (then a bank card) number
    call = call_from([
        ("a", "为了核实机主身份 麻烦您报一下机主的身份证号码"),
        ("c", "四幺零幺零五 一九八七 幺幺二三 三七幺二"),
        ("a", "好的 跟您核对一下 身份证号码开头四一零一 结尾三七一二 对吗"),
    ])
    item = _one(extract_key_info(call), "id_number")
    assert item.value == "410105198711233712"
    assert item.read_back and item.read_back_utterance == 2  # masked: the tail after "结尾"


@pytest.mark.parametrize(("ask", "said", "right", "wrong"), [
    # the tail after "尾号"
    ("麻烦您提供一下身份证号码", "三三零一零六 一九九三零七一五 二八四X",
     "好的 跟您核对一下 身份证号码尾号二八四X 对吗", "好的 身份证号码尾号二八五X 对吗"),
    # field call 242: "四四零开头二八四X 结尾对吗" — the tail's word comes after the digits
    ("请问您的姓名和身份证号", "林晓燕身份证是四四零幺零六幺九九二零五幺三二八四 X",
     "林晓燕林女士身份证四四零开头二八四X 结尾对吗", "林女士身份证四四零开头二八五X 结尾对吗"),
])
def test_masked_read_back_of_an_id_number_ending_in_x(call_from, ask: str, said: str, right: str,
                                                      wrong: str) -> None:
    item = _one(extract_key_info(call_from([("a", ask), ("c", said), ("a", right)])), "id_number")
    assert item.read_back and item.read_back_utterance == 2
    assert not _one(extract_key_info(call_from([("a", ask), ("c", said), ("a", wrong)])), "id_number").read_back


def test_a_digit_group_said_twice_is_one_group_of_the_number(call_from) -> None:
    # dialect caller asked to repeat the middle of the card number says "四九幺零" twice
    call = call_from([
        ("a", "不好意思 卡号中间那段我没有听清楚 麻烦您再慢慢说一遍中间那几位"),
        ("c", "四九幺零 四九幺零 零零八三"),
        ("a", "好的 跟您核对一下 卡号是六二幺七 四九幺零 零零八三 二六五幺 七七四 对吗"),
    ])
    item = _one(extract_key_info(call), "bank_card")
    assert item.value == "49100083"
    assert item.read_back and item.read_back_utterance == 2
    wrong = call_from([("a", "请说一下卡号中间几位"), ("c", "四九幺零 四九幺零 零零八三"), ("a", "卡号是六二幺七 四九幺九 零零八三 对吗")])
    assert not _one(extract_key_info(wrong), "bank_card").read_back


def test_the_last_digits_of_a_card_are_a_partial_number(call_from) -> None:
    call = call_from([("a", "为了核实身份 请您说一下卡号后四位"), ("c", "三四五六"), ("a", "好的 核实通过")])
    item = _one(extract_key_info(call), "bank_card")
    assert item.value == "3456" and item.partial and not item.read_back
    full = call_from([("a", "请您说一下卡号"), ("c", "六二二二 零二零二 一二三四 五六七八"), ("a", "好的")])
    assert not _one(extract_key_info(full), "bank_card").partial


def test_address_with_entrance_number_and_a_leading_filler(call_from) -> None:  # type: ignore[no-untyped-def]
    # Beijing style "三门" (entrance 3) between the building and the flat; "那个" is a filler
    call = call_from([("a", "您的地址是"), ("c", "那个东城区和平里七区十二号楼三门六零一"),
                      ("a", "和平里七区十二号楼三门六零一对吧")])
    (item,) = [k for k in extract_key_info(call) if k.kind == "address"]
    assert item.value == "东城区和平里7区12号楼3门601"
    assert item.read_back


def test_false_start_in_an_address_and_a_filler_inside_a_plate(call_from) -> None:  # type: ignore[no-untyped-def]
    call = call_from([("c", "金沙湾 金沙湾花园 二期 十六栋"), ("a", "金沙湾花园二期十六栋 对吗"),
                      ("c", "车牌 浙A 幺二七 嗯 Q 八"), ("a", "浙A 幺二七Q八 对吗")])
    items = {k.kind: k for k in extract_key_info(call)}
    assert items["address"].value == "金沙湾花园2期16栋" and items["address"].read_back
    assert items["plate"].value == "浙A127Q8" and items["plate"].read_back


def test_number_with_fillers_between_its_groups_is_one_item(call_from) -> None:
    call = call_from([
        ("a", "请问您的联系电话"),
        ("c", "我手机号是幺三八 嗯 一二三四 那个 五六七八"),
        ("a", "好的幺三八一二三四五六七八对吧"),
    ])
    item = _one(extract_key_info(call), "phone")
    assert item.value == "13812345678" and item.read_back
    assert "嗯" in item.text and "那个" in item.text  # the whole stretch, as said
    assert call.utterances[1].text[item.start:item.end] == item.text


def test_number_the_customer_finishes_after_the_agents_backchannel(call_from) -> None:
    call = call_from([
        ("a", "您的手机号是"),
        ("c", "幺三八一二三四"),
        ("a", "嗯"),
        ("c", "五六七八"),
        ("a", "幺三八一二三四五六七八是吧"),
        ("c", "对的"),
    ])
    items = extract_key_info(call)
    assert [(i.kind, i.value) for i in items] == [("phone", "13812345678")]
    item = items[0]
    assert item.utterance == 1 and item.read_back and item.read_back_utterance == 4


def test_number_the_customer_finishes_on_the_next_line(call_from) -> None:
    # a typed transcript: one number over two untimed lines of the customer, nothing between
    call = call_from([
        ("c", "电话是幺三八一二三四"),
        ("c", "五六七八"),
        ("a", "幺三八一二三四五六七八"),
    ])
    items = extract_key_info(call)
    assert [(i.kind, i.value, i.read_back) for i in items] == [("phone", "13812345678", True)]
    assert items[0].utterance == 0


def test_two_numbers_on_two_lines_stay_two_items(call_from) -> None:
    call = call_from([("c", "幺三八一二三四五六七八"), ("c", "幺三九八七六五四三二一")])
    assert [i.value for i in extract_key_info(call)] == ["13812345678", "13987654321"]


def test_a_number_said_again_on_the_next_line_is_not_its_rest(call_from) -> None:
    # a local landline without area code, said twice: not one 16-digit card number
    call = call_from([("c", "座机 八六 四二 七七 五一"), ("c", "八六四二 七七五一"),
                      ("a", "好的 八六四二七七五一 对吧")])
    items = extract_key_info(call)
    assert {i.value for i in items} == {"86427751"} and all(i.read_back for i in items)


def test_two_whole_numbers_in_two_turns_stay_two_items(call_from) -> None:
    # the first part is a whole mobile number already: the next turn's number is another one
    call = call_from([
        ("c", "手机幺三八一二三四五六七八"),
        ("a", "好的"),
        ("c", "幺三九八七六五四三二一"),
    ])
    assert [i.value for i in extract_key_info(call)] == ["13812345678", "13987654321"]


def test_a_number_is_not_joined_across_a_real_agent_turn(call_from) -> None:
    # the agent asked something in between: the customer's next digits answer that question
    call = call_from([
        ("c", "订单尾号是幺三八一二三四"),
        ("a", "请问您下单时留的电话后四位是多少"),
        ("c", "五六七八"),
    ])
    values = [i.value for i in extract_key_info(call)]
    assert "13812345678" not in values


def test_number_read_back_by_its_ends(call_from) -> None:
    call = call_from([
        ("c", "订单号是二零二六一二零八三三五一"),
        ("a", "好的 2026开头3351结尾的对吧"),
    ])
    assert _one(extract_key_info(call), "order").read_back
    # a dictated mobile number is repeated whole (004 宜⑩): its ends are not enough
    call = call_from([
        ("c", "电话一三八一二三四五六七八"),
        ("a", "好的 138开头5678结尾的对吧"),
    ])
    assert not _one(extract_key_info(call), "phone").read_back
    # the last digits said without "结尾"/"尾号" are no read-back of the number
    call = call_from([
        ("c", "电话一三八一二三四五六七八"),
        ("a", "好的 5678 我记一下"),
    ])
    assert not _one(extract_key_info(call), "phone").read_back


def test_street_named_with_a_numeral_read_back_without_the_city(call_from) -> None:
    call = call_from([
        ("c", "地址是杭州市西湖区文三路幺二八号"),
        ("a", "文三路一二八号是吧"),
    ])
    assert _one(extract_key_info(call), "address").read_back
    call = call_from([
        ("c", "地址是杭州市西湖区文三路幺二八号"),
        ("a", "文三路一二九号是吧"),  # the wrong number is no read-back
    ])
    assert not _one(extract_key_info(call), "address").read_back


def test_a_misheard_read_back_the_agent_corrects_counts(call_from) -> None:
    turns = [
        ("c", "电话一三八一二三四五六七八"),
        ("a", "一三八一二三四五六七九是吗"),
        ("c", "不是 最后是八"),
        ("a", "哦 五六七八 好的"),
    ]
    item = _one(extract_key_info(call_from(turns)), "phone")
    assert item.read_back and item.read_back_utterance == 3
    # never corrected: the wrong read-back is no read-back
    item = _one(extract_key_info(call_from([*turns[:3], ("a", "好的我给您登记")])), "phone")
    assert not item.read_back
    # "corrected" with digits away from the wrong one: still no read-back
    item = _one(extract_key_info(call_from([*turns[:3], ("a", "一三八一 好的")])), "phone")
    assert not item.read_back


# --- codes of letters and digits, capital numerals, corrections (blind set 15) -----------

def test_a_tax_number_spoken_in_pieces_is_one_code(call_from) -> None:
    turns = [("a", "请问开票的单位税号是多少"), ("c", "嗯 税号是 九幺三三 0106 MA 二七八 K 四四 X 两")]
    whole = call_from([*turns, ("a", "好的 跟您核对一下 税号是九一三三零一零六MA二七八K四四X二 对吗")])
    item = _one(extract_key_info(whole), "number")
    assert item.value == "91330106MA278K44X2" and item.read_back
    assert item.text == "九幺三三 0106 MA 二七八 K 四四 X 两"
    # two characters of its tail are no read-back; a letter wrong is none either
    for said in ("好的 税号尾号 X 二 对吧", "好的 税号是九一三三零一零六MA二七八K四四Y二 对吗"):
        assert not _one(extract_key_info(call_from([*turns, ("a", said)])), "number").read_back


def test_a_vin_with_fillers_is_read_back_by_its_last_six(call_from) -> None:
    call = call_from([
        ("a", "请问车架号是多少"),
        ("c", "车架号是 L S V 嗯 A M 四幺八七 C 二幺八四八四七 车是二零一八年买的"),
        ("a", "好的车架号后六位是幺八四八四七对吧"),
    ])
    item = _one(extract_key_info(call), "number")
    assert item.value == "LSVAM4187C2184847" and item.read_back


@pytest.mark.parametrize(("said", "value"), [
    ("单号是SF 幺四五六 七八九零 一二三四五", "SF1456789012345"),
    ("京东的 单号 JD 零零幺二 三四五六 七八九零", "JD001234567890"),
    ("圆通的 YT 八八 嗯 六五四三 二幺零 九八七 六", "YT8865432109876"),
    ("单号是 J T 幺二三四五六七八九零幺二", "JT123456789012"),
])
def test_a_waybill_with_a_letter_prefix_keeps_it(call_from, said: str, value: str) -> None:
    item = _one(extract_key_info(call_from([("c", said), ("a", "好的 我帮您查一下")])), "order")
    assert item.value == value and not item.read_back
    digits = value.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for back in (f"{value} 对吧", f"单号{digits}对吧", f"尾号{digits[-4:]}的单子对吧"):
        assert _one(extract_key_info(call_from([("c", said), ("a", back)])), "order").read_back, back
    # one digit wrong is no read-back
    wrong = value[:-1] + ("0" if value[-1] != "0" else "1")
    assert not _one(extract_key_info(call_from([("c", said), ("a", f"{wrong} 对吧")])), "order").read_back


def test_a_waybill_said_twice_in_one_turn_is_one_item(call_from) -> None:
    call = call_from([("c", "单号是 SF 幺四六 零二七 三九幺 八五五，SF幺四六零二七三九幺八五五")])
    assert [(i.kind, i.value) for i in extract_key_info(call)] == [("order", "SF146027391855")]


def test_a_flight_number_needs_a_flight_word(call_from) -> None:
    asked = call_from([("a", "请问您的航班号是多少"), ("c", "嗯 MU 五五幺幺 明天早上八点十分的"),
                       ("a", "好的 MU五五幺幺 明天八点十分 帮您查一下")])
    item = _one(extract_key_info(asked), "number")
    assert item.value == "MU5511" and item.read_back
    after = call_from([("c", "我是 CA 幺八三幺 航班 十月一号的"), ("a", "好的 帮您查一下")])
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(after)] == [
        ("number", "CA1831", False), ("date", "--10-01", False)]
    # the same shape with no flight in sight is no item
    assert extract_key_info(call_from([("c", "我那个 MU 五五幺幺 型号的空调坏了")])) == ()


@pytest.mark.parametrize("said", [
    "我用的 iphone 十三 五百一十二G的",
    "办的5G套餐 一百九十九 一个月",
    "QQ 八八六六 一二三四",
    "wifi 密码是 一二三四五六七八",
])
def test_words_and_letters_next_to_numbers_are_no_code(call_from, said: str) -> None:
    items = extract_key_info(call_from([("c", said)]))
    assert all(i.value.isdigit() for i in items), items


def test_capital_numerals_are_digits(call_from) -> None:
    call = call_from([("c", "我的电话是壹叁捌壹贰叁肆伍陆柒捌"), ("a", "好的 一三八一二三四五六七八 对吧"),
                      ("c", "订单号 贰零贰肆零捌壹伍零零叁"), ("a", "好的 我查一下")])
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(call)] == [
        ("phone", "13812345678", True), ("order", "20240815003", False)]


def test_a_landline_before_its_extension_is_a_phone(call_from) -> None:
    call = call_from([("c", "座机是 零五七幺 八八 六六 七七 九九 分机 八零二"),
                      ("a", "零五七幺八八六六七七九九 分机八零二 好的")])
    item = _one(extract_key_info(call), "phone")
    assert item.value == "057188667799" and item.read_back
    # minutes are still a unit: no item
    assert extract_key_info(call_from([("c", "我等了一二三四五六分钟")])) == ()


def test_a_group_the_customer_corrects_replaces_the_wrong_one(call_from) -> None:
    turns = [("a", "您的手机号是多少"), ("c", "幺三九 幺二三四 五六七一 不对不对 是七不是一 五六七七")]
    item = _one(extract_key_info(call_from([*turns, ("a", "幺三九幺二三四五六七七 对吧")])), "phone")
    assert item.value == "13912345677" and item.read_back
    # the number as first said, read back, is the wrong one
    assert not _one(extract_key_info(call_from([*turns, ("a", "幺三九幺二三四五六七一 对吧")])), "phone").read_back


def test_a_plate_the_customer_corrects_is_the_item(call_from) -> None:
    # field call 888: "浙A幺二三四五" / "不对浙A幺二三五四", the agent reads back the corrected plate
    turns = [("a", "请问您的车牌号是多少"), ("c", "浙A幺二三四五 不对浙A幺二三五四")]
    call = call_from([*turns, ("a", "车牌浙A幺二三五四")])
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(call)] == [("plate", "浙A12354", True)]
    # two plates given one after the other, without a correction, are two items
    two = call_from([("c", "浙A幺二三四五 还有一辆浙B六七八九零")])
    assert [i.value for i in extract_key_info(two)] == ["浙A12345", "浙B67890"]


def test_a_number_said_again_after_a_correction_is_the_item(call_from) -> None:
    call = call_from([("c", "工单号是 七七八 幺二三 不对 是七七八 幺二四 五五六"), ("a", "七七八幺二四五五六 好的")])
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(call)] == [("order", "778124556", True)]
    # "不是" before the second: it is the number the customer's is not
    negated = call_from([("c", "我电话是13812345678 不是13912345678"), ("a", "13812345678 好的")])
    assert [(i.value, i.read_back) for i in extract_key_info(negated)] == [("13812345678", True)]
    # a different number after "不是" is an item of its own
    other = call_from([("c", "手机13812345678 不是座机 座机是 8888 6666")])
    assert [i.value for i in extract_key_info(other)] == ["13812345678", "88886666"]


def test_a_correction_said_right_before_the_number_reaches_back_past_words_about_it(call_from) -> None:
    # field call 357: the customer counts the digits, then takes the number back "不对是…"
    turns = [("a", "您打车用的手机号是多少", 0.0, 3.0),
             ("c", "幺八六幺二七七三零九五就是十一位最后一个", 4.0, 8.0), ("c", "是四不对是幺八六幺二七七三零九四", 8.3, 12.0)]
    call = call_from([*turns, ("a", "跟您核对一下 186 1277 3094 对吗", 13.0, 16.0)])
    assert [(i.value, i.read_back) for i in extract_key_info(call)] == [("18612773094", True)]
    # the number as first said is not the customer's any more; read back wrong, it is a finding
    wrong = call_from([*turns, ("a", "跟您核对一下 186 1277 3095 对吗", 13.0, 16.0)])
    assert [(i.value, i.read_back) for i in extract_key_info(wrong)] == [("18612773094", False)]
    # without a correction, two numbers that far apart are two items
    two = call_from([("c", "幺八六幺二七七三零九五就是十一位最后一个 是四 我老婆的是幺八六幺二七七三零九四")])
    assert [i.value for i in extract_key_info(two)] == ["18612773095", "18612773094"]


def test_a_read_back_whose_last_digit_the_asr_cut_off(call_from) -> None:
    # field call 387: "E幺二三八七零四四" / "六对吗" reads back the order number whole
    turns = [("a", "请问您的订单号是多少", 28.0, 31.0), ("c", "订单号是E幺二三八", 31.7, 34.3), ("c", "七零四四六", 34.4, 36.0)]
    call = call_from([*turns, ("a", "E幺二三八七零四四", 36.2, 38.6), ("a", "六对吗", 38.7, 40.0)])
    assert [(i.value, i.read_back) for i in extract_key_info(call)] == [("E123870446", True)]
    # a lone digit that is no question's ("…七零四四" / "六个工作日内到") does not go on with it
    other = call_from([*turns, ("a", "E幺二三八七零四四", 36.2, 38.6), ("a", "六个工作日内到", 38.7, 40.0)])
    assert [i.read_back for i in extract_key_info(other)] == [False]


def test_a_door_number_said_twice_is_read_back_once(call_from) -> None:
    # field call 360: "五零二 五 零 二" asked for again, read back inside the address
    call = call_from([("a", "不好意思刚才没听清楚麻烦您再说一下门牌号"), ("c", "五零二五零二"),
                      ("a", "好的和平里小区 12号楼 3单元 502 对吗")])
    assert all(i.read_back for i in extract_key_info(call))
    wrong = call_from([("a", "麻烦您再说一下门牌号"), ("c", "五零二五零二"), ("a", "好的 3单元 520 对吗")])
    assert [i.read_back for i in extract_key_info(wrong)] == [False]


def test_an_id_number_with_its_check_character_after_a_pause(call_from) -> None:
    call = call_from([("a", "麻烦报一下身份证号"), ("c", "三三零幺零六 一九九零 零三幺五 幺二三 x"),
                      ("a", "好的 身份证号尾号幺二三X 对吧")])
    item = _one(extract_key_info(call), "id_number")
    assert item.value == "33010619900315123X" and item.read_back


def _timed(*turns: tuple[str, str]) -> list[tuple[str, str, float, float]]:
    """Sentences of sentence-level ASR: consecutive ones of a speaker make one turn."""
    return [(role, text, 1.7 * i, 1.7 * i + 1.5) for i, (role, text) in enumerate(turns)]


_EXAM_NUMBER = [("c", "考生号是二六"), ("c", "三二零一零二"), ("c", "幺幺零八四七"), ("c", "名字叫林浩然")]


def test_a_number_cut_by_the_asr_into_sentences_is_one_number_and_so_is_its_read_back(call_from) -> None:
    # a group of two digits on either side of the cut: no pause between groups of three
    call = call_from(_timed(*_EXAM_NUMBER, ("a", "好的二六三二"), ("a", "零一零二幺幺零八"), ("a", "四七林浩然对吗")))
    item = _one(extract_key_info(call), "number")
    assert item.value == "26320102110847" and item.utterance == 0
    assert item.read_back and item.read_back_utterance == 6  # complete with its last sentence
    # a mobile number cut after its first two digits
    mobile = call_from(_timed(("c", "手机号幺三"), ("c", "八一二三四五六七八"), ("a", "幺三八一二三四五六七八对吧")))
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(mobile)] == [("phone", "13812345678", True)]


def test_a_read_back_of_part_of_a_number_cut_into_sentences_is_none(call_from) -> None:
    call = call_from(_timed(*_EXAM_NUMBER, ("a", "好的二六三二"), ("a", "零一零二 对吗")))
    item = _one(extract_key_info(call), "number")
    assert item.value == "26320102110847" and not item.read_back


def test_a_customer_sentence_between_the_agents_pieces_does_not_join_them(call_from) -> None:
    call = call_from(_timed(("c", "考生号是二六三二零一零二幺幺零八四七"), ("a", "好的二六"), ("c", "嗯"),
                            ("a", "三二零一零二幺幺零八四七对吗")))
    assert not _one(extract_key_info(call), "number").read_back


@pytest.mark.parametrize(("second", "values"), [
    ("座机零五七一八八八八六六六六", ["13812345678", "057188886666"]),
    # a whole mobile number ends the first sentence: the next digits are another number
    ("零五七一八八八八六六六六", ["13812345678", "057188886666"]),
])
def test_two_numbers_in_two_sentences_stay_two(call_from, second: str, values: list[str]) -> None:
    call = call_from(_timed(("c", "手机一三八一二三四五六七八"), ("c", second)))
    assert [i.value for i in extract_key_info(call)] == values


@pytest.mark.parametrize("second", ["二九九元的那个", "二零二四年买的", "一二三四五六七八"])
def test_an_amount_a_year_or_the_number_again_in_the_next_sentence_is_no_part_of_it(call_from, second: str) -> None:
    call = call_from(_timed(("c", "订单号是一二三四五六七八"), ("c", second)))
    assert [(i.kind, i.value) for i in extract_key_info(call)] == [("order", "12345678")]


# -- the customer echoes a number while confirming its read-back ---------------------------

_ACCOUNT_READ_BACK = (
    ("c", "喂 还在吗 戶號是 么零零三 四五六七 八九"),
    ("a", "在的 阿姨 戶號 么零零三 四五六七 八九 對嗎"),
)


@pytest.mark.parametrize("echo", [
    "啥 么零零三 對對對",  # its first group (traditional characters, raw ASR spacing)
    "对 是四五六七八九",  # its last groups, assent before
    "么零零三四五 没错",  # a prefix, assent after
    "么零零三 四五六七",  # no assent word, right after the agent's read-back question
    "对对 么零零三 四五六七 八九",  # the whole number said back
])
def test_a_number_echoed_while_confirming_its_read_back_is_no_new_item(call_from, echo: str) -> None:
    call = call_from([*_ACCOUNT_READ_BACK, ("c", echo), ("a", "好的 我帮您看一下")])
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(call)] == [
        ("account", "1003456789", True)]


def test_a_short_group_of_an_address_said_twice_while_confirming_is_no_item(call_from) -> None:
    # field call 253: the room number of the address read back, said twice ("402402" once joined)
    call = call_from([("c", "幸福小区十二号楼三单元四零二"), ("a", "幸福小区十二号楼三单元四零二对吗"),
                      ("c", "对四零二四零二"), ("a", "我帮您查一下您稍等")])
    assert [(i.kind, i.read_back) for i in extract_key_info(call)] == [("address", True)]
    other = call_from([("c", "幸福小区十二号楼三单元四零二"), ("a", "幸福小区十二号楼三单元四零二对吗"),
                       ("c", "对四零三四零三"), ("a", "我帮您查一下您稍等")])
    assert len(extract_key_info(other)) == 2  # digits the agent did not say are new


def test_a_new_number_said_with_assent_is_still_an_item(call_from) -> None:
    call = call_from([*_ACCOUNT_READ_BACK, ("c", "對對 我手机号是 幺三九 零零零幺 幺二二三"),
                      ("a", "好的 我帮您看一下")])
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(call)] == [
        ("account", "1003456789", True), ("phone", "13900011223", False)]


def test_a_part_named_as_another_kind_of_number_is_an_item(call_from) -> None:
    # "123456" is in the phone number, but the customer gives it as the account number
    call = call_from([("c", "我电话是幺三八幺二三四五六七八"), ("a", "幺三八 幺二三四 五六七八 对吗"),
                      ("c", "对 户号是幺二三四五六"), ("a", "好的")])
    assert [(i.kind, i.value, i.read_back) for i in extract_key_info(call)] == [
        ("phone", "13812345678", True), ("account", "123456", False)]


def test_a_part_said_without_confirming_a_read_back_is_an_item(call_from) -> None:
    # the agent asked for another number: the digits the customer gives are no echo
    call = call_from([*_ACCOUNT_READ_BACK, ("c", "对"), ("a", "您的户号后面还有几位吗"),
                      ("c", "户号 么零零三四五")])
    assert ("account", "100345") in [(i.kind, i.value) for i in extract_key_info(call)]


# -- a month of a year ---------------------------------------------------------------------

@pytest.mark.parametrize(("said", "value"), [
    ("房产证 二零二一年三月", "2021-03"),
    ("房產證是二一年三月份辦的", "2021-03"),  # two-digit year, traditional characters
    ("21年3月份买的", "2021-03"),
    ("九八年十二月的房子", "1998-12"),
    ("二〇二一年三月十五號", "2021-03-15"),  # a whole date with 〇 and 號
    ("我是21年3月15号买的", "2021-03-15"),
])
def test_dates_with_a_year_in_chinese_numerals_and_two_digits(call_from, said: str, value: str) -> None:
    call = call_from([("c", said), ("a", "好的")], started_at=datetime(2026, 5, 1, 9, 0, tzinfo=CST))
    assert [(i.kind, i.value) for i in extract_key_info(call)] == [("date", value)]


@pytest.mark.parametrize("said", ["过了一两年三个月才修好", "2024年我就办了", "三月份的电费多了好多", "二零二一年十三月"])
def test_no_month_of_a_year_is_no_date(call_from, said: str) -> None:
    assert [i for i in extract_key_info(call_from([("c", said)])) if i.kind == "date"] == []


@pytest.mark.parametrize(("agent", "read_back"), [
    ("哦 好 二零二一年三月的证 对吧", True),
    ("21年3月份的是吧", True),
    ("三月份办的 对吧", True),  # the month without a year
    ("二零二二年三月的证 对吧", False),  # another year
    ("二零二一年五月的证 对吧", False),
])
def test_a_month_of_a_year_is_read_back_by_the_same_month(call_from, agent: str, read_back: bool) -> None:
    call = call_from([("c", "房产证 二零二一年三月"), ("a", agent)])
    assert _one(extract_key_info(call), "date").read_back is read_back


def test_a_day_without_a_year_is_not_taken_for_a_month_of_a_year(call_from) -> None:
    # "--05-20" has as many characters as "2021-03"
    call = call_from([("c", "五月二十号出的险"), ("a", "五月二十号出险的对吧")])
    item = _one(extract_key_info(call), "date")
    assert item.value == "--05-20" and item.read_back


@pytest.mark.parametrize("cut", [("车牌是青A七三幺", "M九罚单编号我看一下"), ("车牌是青A", "七三幺M九")])
def test_a_plate_cut_by_the_asr_into_sentences_is_one_plate(call_from, cut: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    call = call_from(_timed(("c", cut[0]), ("c", cut[1]), ("a", "好的跟您核对一下车牌青A七三幺M九")))
    item = _one(extract_key_info(call), "plate")
    assert item.value == "青A731M9" and item.utterance == 0 and item.read_back


def test_a_sentence_after_a_finished_plate_is_not_glued_to_it(call_from) -> None:  # type: ignore[no-untyped-def]
    call = call_from(_timed(("c", "车牌是青A七三幺M九"), ("c", "三点到的")))
    assert [i.value for i in extract_key_info(call) if i.kind == "plate"] == ["青A731M9"]


def test_a_train_number_said_after_the_order_number_is_not_part_of_it(call_from) -> None:
    """Field call 290: "E七三九 二幺零 五八六 G幺零三 上海虹桥到北京南" is order E739210586 and train G103;
    the agent reads both back with the date between them."""
    call = call_from([
        ("a", "请您提供一下订单号"),
        ("c", "订单号 我看一下啊 是 E 七三九 二幺零 五八六 G幺零三 上海虹桥 到 北京南"),
        ("a", "订单号E七三九二幺零五八六 明天四月二十二号 G幺零三 上海虹桥到北京南 早上八点零五开 对吗"),
    ])
    items = extract_key_info(call)
    assert [(i.kind, i.value, i.read_back) for i in items] == [("order", "E739210586", True), ("number", "G103", True)]
    # a code with letters inside that is no train number stays one code
    vin = call_from([("c", "车架号是LSVAU2180N2183294")])
    assert [i.value for i in extract_key_info(vin)] == ["LSVAU2180N2183294"]


def test_tail_given_again_after_the_agent_asked_corrects_the_number(call_from) -> None:
    # field call 322: the last four digits misheard, asked again, and the whole corrected number read back
    call = call_from([
        ("c", "身份证啊三二零幺零二一九五一零八二三幺幺零四"),
        ("a", "不好意思阿姨刚才后面几位没听清楚麻烦您再说一下最后四位"),
        ("c", "幺零四六"),
        ("a", "好的跟您核对一下三二零幺零二一九五一零八二三幺零四六对吗"),
    ])
    item = _one(extract_key_info(call), "id_number")
    assert item.value == "320102195108231046" and item.read_back


def test_another_items_tail_does_not_correct_the_number(call_from) -> None:
    # field call 02: the card's tail "八八六二" after the ID number is no correction of it
    call = call_from([
        ("c", "身份证是三二零一零二一九七五零三一八四四一二"),
        ("a", "好的卡号您还记得吗"),
        ("c", "卡号记不住尾号是八八六二"),
        ("a", "尾号八八六二的储蓄卡对吧"),
    ])
    ids = [i for i in extract_key_info(call) if i.kind == "id_number"]
    assert ids and ids[0].value == "320102197503184412" and not ids[0].read_back


def test_an_address_with_a_stuttered_digit_is_read_back_once(call_from) -> None:
    # field call 341: "文昌小区三 三单元" / "六零二", read back "文昌小区三单元六零二对吗"
    call = call_from([("c", "就是文昌小区三三单元六零二"), ("a", "文昌小区三单元六零二对吗")])
    assert _one(extract_key_info(call), "address").read_back
    other = call_from([("c", "就是文昌小区三三单元六零二"), ("a", "文昌小区四单元六零二对吗")])
    assert not _one(extract_key_info(other), "address").read_back


def test_address_cut_by_the_asr_after_the_street_number_is_one_address(call_from) -> None:
    # field call 405: "西湖路二十三号" / "四单元五零二" was stored as "西湖路23号"
    call = call_from([
        ("a", "请问您家地址是"),
        ("c", "西湖路二十三号", 74.0, 76.0),
        ("c", "四单元五零二", 76.3, 78.3),
        ("a", "好的西湖路二十三号四单元五零二对吗"),
    ])
    item = _one(extract_key_info(call), "address")
    assert item.value == "西湖路23号4单元502" and item.read_back
    # a count after the pause is no part of it
    call = call_from([("c", "西湖路二十三号", 1.0, 2.0), ("c", "两个人在家", 2.2, 3.0)])
    assert _one(extract_key_info(call), "address").value == "西湖路23号"


def test_id_tail_whose_check_character_the_asr_cut_off(call_from) -> None:
    # field call 406: "后六位是三二零五" / "一X" was read as "3205"
    call = call_from([
        ("a", "麻烦您提供一下身份证后六位"),
        ("c", "后六位是三二零五", 35.9, 38.0),
        ("c", "一X", 38.6, 39.2),
        ("a", "后六位三二零五一X对吗"),
    ])
    item = _one(extract_key_info(call), "id_number")
    assert item.value == "32051X" and item.read_back and item.partial


def test_tail_answering_an_identity_check_is_part_of_that_number(call_from) -> None:
    # field call 445: "开户时登记的身份证号码 / 后六位" - "后六位是 / 二八零零三X" answers an identity check:
    # part of the ID (a verification answer CNF001 does not ask to read back), not a number of its own
    call = call_from([
        ("a", "再麻烦您报一下", 68.7, 70.6),
        ("a", "开户时登记的身份证号码", 70.8, 73.7),
        ("a", "后六位", 73.9, 75.0),
        ("c", "后六位是", 75.8, 77.0),
        ("c", "二八零零三X", 77.1, 79.2),
        ("a", "好的", 79.3, 80.0),
    ])
    item = _one(extract_key_info(call), "id_number")
    assert item.value == "28003X" and item.partial and not item.read_back
    call = call_from([("a", "请问您卡号的后四位是多少"), ("c", "后四位是9584")])
    item = _one(extract_key_info(call), "bank_card")
    assert item.value == "9584" and item.partial


def test_building_unit_and_room_without_the_estate_is_an_address(call_from) -> None:
    # field call 400 (a property hotline): "七號樓二單元一零零三" was no key information at all
    call = call_from([
        ("a", "请问您是哪户"),
        ("c", "七號樓二單元一零零三"),
        ("a", "七号楼二单元一零零三对吧"),
    ])
    item = _one(extract_key_info(call), "address")
    assert item.value == "7号楼2单元1003" and item.read_back
    # a building and unit alone say where something is ("七栋二单元那个电梯坏了"), not whose home
    call = call_from([("c", "还有那个电梯七栋二单元那个电梯上个月坏了三次了")])
    assert [i for i in extract_key_info(call) if i.kind == "address"] == []


@pytest.mark.parametrize("asked", ["刘先生您的就诊卡号 / 能提供一下吗", "您的会员卡号是多少", "麻烦报一下医保卡号"])
def test_a_card_that_is_no_bank_card_is_an_account_to_read_back(call_from, asked) -> None:
    # field call 559: an eight-digit patient card number is no partial bank card number
    call = call_from([("a", t, 146.0 + 3 * i, 148.0 + 3 * i) for i, t in enumerate(asked.split(" / "))] + [
        ("c", "卡号啊我看看", 151.1, 152.5),
        ("c", "零零八三五二七幺", 156.7, 159.1),
        ("a", "好的", 159.6, 160.2),
    ])
    item = _one(extract_key_info(call), "account")
    assert item.value == "00835271" and not item.partial and not item.read_back


def test_a_bank_card_number_is_still_a_bank_card(call_from) -> None:
    call = call_from([("a", "您的卡号是多少"), ("c", "六二二二 零二一二 三四五六 七八九零")])
    assert _one(extract_key_info(call), "bank_card").value == "6222021234567890"
