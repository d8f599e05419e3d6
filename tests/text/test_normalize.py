"""Text normalisation: one call for a whole call's turns gives what one call per turn gives."""

from __future__ import annotations

import pytest

from hotline_qa.text.normalize import _WIDTH_TABLE, normalize_text, normalize_texts, to_half_width

# Messy turns: traditional phrases whose conversion depends on the neighbouring character
# (乾隆 keeps 乾, 乾淨 -> 干净, 瞭解 -> 了解), full-width digits and punctuation, ideographic
# spaces, spaces between hanzi, a combining accent (NFC), plain ASCII, and empty text.
TURNS = [
    "您好，這裡是客服中心，請問有甚麼可以幫您？",
    "乾", "隆", "瞭", "解", "乾淨", "理髮", "皇后",
    "我的訂單號是１２３４５６７８，麻煩　儘快處理！！",
    "中 文  之 间 有 空 格 ok  fine",
    "cafe\u0301 「好的」『嗯』",
    "   ",
    "",
    "plain ascii turn",
    "ＡＢＣ　ｄｅｆ\t\t结束 ",
]


def test_batch_equals_one_by_one_even_where_phrases_would_join() -> None:
    assert normalize_texts(TURNS) == [normalize_text(t) for t in TURNS]
    # the check is not vacuous: joined without a break, 乾+隆 is the phrase 乾隆 (乾 kept)
    assert normalize_text("乾" + "隆") != normalize_text("乾") + normalize_text("隆")


@pytest.mark.parametrize("odd", ["第一行\n第二行", "有\x00空字符", "尾部换行\n"])
def test_turns_holding_a_newline_or_nul_still_normalise_one_by_one(odd: str) -> None:
    turns = ["乾", odd, "隆"]
    out = normalize_texts(turns)
    assert out == [normalize_text(t) for t in turns]
    assert len(out) == 3


def test_single_and_no_turns() -> None:
    assert normalize_texts([]) == []
    assert normalize_texts(["請問"]) == [normalize_text("請問")] == ["请问"]


def test_half_width_maps_every_full_width_form_like_translate() -> None:
    every = "".join(chr(c) for c in _WIDTH_TABLE) + "普通文字abc"
    assert to_half_width(every) == every.translate(_WIDTH_TABLE)
    assert to_half_width("１３８　１２３４，「好」") == "138 1234,“好”"
    text = "没有全角字符"
    assert to_half_width(text) is text  # nothing to map: no copy


@pytest.mark.parametrize(("taiwan", "expected"), [
    ("您先別著急", "您先别着急"), ("我幫您查著", "我帮您查着"), ("接著說", "接着说"), ("睡著了", "睡着了"),
    ("著手處理", "着手处理"), ("為您著想", "为您着想"),
    # 著 of its own words stays: 著名, 显著, 名著, 著作
    ("著名景點", "著名景点"), ("效果顯著", "效果显著"), ("一部名著", "一部名著"), ("著作權", "著作权"),
])
def test_taiwan_particle_zhe_becomes_simplified(taiwan: str, expected: str) -> None:
    assert normalize_text(taiwan) == expected
    assert normalize_texts([taiwan, "好的"]) == [expected, "好的"]


@pytest.mark.parametrize(("taiwan", "expected"), [
    # Taiwan writes the spoken digit one 么 (field call 322: "三二零么零二", "么么零四")
    ("身份證號三二零么零二", "身份证号三二零幺零二"), ("么么零四", "幺幺零四"), ("工號二二三么", "工号二二三幺"),
    # the 么 of 什么/怎么/这么/那么 stays, also before a numeral
    ("為什麼一直不到", "为什么一直不到"), ("怎麼兩個都壞了", "怎么两个都坏了"), ("那麼一點錢", "那么一点钱"),
    ("這麼三天了", "这么三天了"), ("什麼", "什么"),
])
def test_taiwan_digit_yao_written_me_reads_as_yao(taiwan: str, expected: str) -> None:
    assert normalize_text(taiwan) == expected
    assert normalize_texts([taiwan, "好的"]) == [expected, "好的"]


def test_taiwan_feminine_you_is_simplified_you() -> None:
    # field call 658: "妳是想把時間改到 / 十九號星期六下午 / 對嗎" (OpenCC keeps 妳)
    assert normalize_text("妳是想把時間改到十九號星期六下午對嗎") == "你是想把时间改到十九号星期六下午对吗"
    assert normalize_texts(["謝謝妳啊", "妳們好"]) == ["谢谢你啊", "你们好"]


@pytest.mark.parametrize(("regional", "expected"), [
    ("我們會用簡訊通知您", "我们会用短信通知您"),  # Taiwan
    ("師傅會先聯絡您", "师傅会先联系您"),
    ("您的寬頻帳號是", "您的宽带账号是"),
    ("請提供身分證字號", "请提供身份证字号"),
    ("我們會發短訊畀你", "我们会发短信给你"),  # Hong Kong (畀 is 给)
    ("您先登入小程式點選報修", "您先登录小程序点击报修"),
])
def test_taiwan_and_hong_kong_words_become_the_mainlands(regional: str, expected: str) -> None:
    assert normalize_text(regional) == expected
    assert normalize_texts([regional, "好的"]) == [expected, "好的"]
    assert len(normalize_text(regional)) == len(regional)  # offsets stay one for one


def test_mainland_text_keeps_its_own_words() -> None:
    # simplified text is never searched for the regional words: "联络员", "资讯", "小程式" stay
    for text in ("请联络员登入系统查看资讯", "公司的小程式化流程"):
        assert normalize_text(text) == text
        assert normalize_texts([text, "好的"]) == [text, "好的"]


def test_a_regional_promise_is_read_as_one() -> None:
    # "師傅明天上午會先聯絡您" promises a call as "…会先联系您" does
    from ..analyzers.test_commitments_fragments import _promises
    assert _promises("坐席：師傅明天上午會先聯絡您\n") == [("回电", "明天上午")]
    assert _promises("坐席：審核結果三個工作天內會用簡訊通知您\n") != []


def test_a_bad_regional_word_line_names_the_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from hotline_qa.text import normalize

    class _File:
        def __init__(self, text: str) -> None:
            self.text = text

        def joinpath(self, *parts: str) -> _File:
            return self

        def read_text(self, encoding: str) -> str:
            return self.text

    normalize._regional_words.cache_clear()
    try:
        monkeypatch.setattr(normalize.resources, "files", lambda package: _File("# 注释\n簡訊 短信\n聯絡 联系人\n"))
        with pytest.raises(ValueError, match=r"regional_words\.txt line 3: '聯絡 联系人'.*same length"):
            normalize.mainland_words("聯絡")
    finally:
        monkeypatch.undo()
        normalize._regional_words.cache_clear()
    assert normalize.mainland_words("聯絡") == "联系"  # the shipped list loads again


def test_spaces_between_a_hanzi_and_a_digit_go_and_those_inside_a_number_stay() -> None:
    # word-segmented ASR with its numbers written as digits (whisperx with ITN): "今天 下午 5点 前"
    assert normalize_text("今天 下午 5点 前 由 专人 给您 回电") == "今天下午5点前由专人给您回电"
    assert normalize_text("手机 138 1234 5678 对吗") == "手机138 1234 5678对吗"
    assert normalize_text("MU 5511 航班") == "MU 5511航班"  # a letter and a digit keep theirs


def test_written_cantonese_particles_read_as_mandarin() -> None:
    # field call 715: "多謝您嘅耐心等候", "喺大阪遺失咗銀包"; "唔該" (thanks) keeps its 唔
    assert normalize_text("多謝您嘅耐心等候") == "多谢您的耐心等候"
    assert normalize_text("即係您今日喺大阪遺失咗銀包") == "即是您今日在大阪遗失了银包"
    assert normalize_text("冇问题，我哋即刻帮您处理") == "没问题,我们即刻帮您处理"
    assert normalize_text("唔该晒") == "唔该晒"


def test_cantonese_negation_reads_as_mandarin_but_thanks_stay() -> None:
    # field call 742: "對唔住", "唔關我哋事"; "唔該晒" is thanks
    assert normalize_text("陳伯真係對唔住") == "陈伯真是对不住"
    assert normalize_text("唔關我哋事嘅") == "不关我们事的"
    assert normalize_text("唔該晒你等咗咁耐") == "唔该晒你等了咁耐"


def test_cantonese_words_read_as_mandarin_words_of_their_length() -> None:
    # field call 959: a Guangdong caller disputes a roaming bill
    assert normalize_text("唔得 我冇開過點解要我俾錢") == "不行我没开过为啥要我给钱"
    assert normalize_text("咩套外啊 我唔明你講乜") == "啥套外啊我不明你讲啥"
    assert normalize_text("乜嘢封頂啊") == "什么封顶啊"
    assert normalize_text("你幫我睇下係咪搞錯咗啊") == "你帮我看下是否搞错了啊"
    assert normalize_text("唔使 我要搵主管") == "不用我要找主管"
    assert normalize_text("係咩") == "是吗"
    assert normalize_text("我平時每個月都係") == "我平时每个月都是"
    # Mandarin words that hold the same characters stay
    for text in ("但系统显示正常", "重点解决", "有一点样子", "联系啊", "没关系吗", "不系安全带", "都系好了", "一点知识"):
        assert normalize_text(text) == text
    for text in ("但系統顯示正常", "重點解決", "聯繫"):
        assert len(normalize_text(text)) == len(text)  # one character for one: offsets hold


def test_a_pause_comma_inside_a_sentence_is_dropped() -> None:
    # an ASR punctuation model puts a comma where the speaker paused, often inside a phrase
    assert normalize_text("我们会在，两个小时之内，给您回复") == "我们会在两个小时之内给您回复"
    assert normalize_text("这个不归，我们管") == "这个不归我们管"
    assert normalize_text("感谢您的，耐心等待") == "感谢您的耐心等待"
    # the same in one call of normalize_texts
    assert normalize_texts(["不归，我们管", "好的吧，我们马上"]) == ["不归我们管", "好的吧,我们马上"]


def test_a_comma_that_ends_a_clause_of_its_own_stays() -> None:
    assert normalize_text("不，知道了") == "不,知道了"  # an answer
    assert normalize_text("好的，我帮您查一下") == "好的,我帮您查一下"
    assert normalize_text("您好，这里是12345热线") == "您好,这里是12345热线"  # a greeting
    assert normalize_text("王先生，您的订单") == "王先生,您的订单"  # an address
    assert normalize_text("行吧，那就这样") == "行吧,那就这样"  # a particle
    # a filler keeps its pause on both sides (FIL001 counts "那个" said as a clause of its own)
    assert normalize_text("那个，我们会处理") == "那个,我们会处理"
    assert normalize_text("换两节电池，这个，换完就好了") == "换两节电池,这个,换完就好了"
    # digits: a thousands separator and a sentence end are no pause commas
    assert normalize_text("一共1,000元") == "一共1,000元"
    assert normalize_text("已经处理了。我们") == "已经处理了。我们"


def test_the_original_aligns_with_the_text_past_a_dropped_comma() -> None:
    from hotline_qa.text.normalize import aligned_positions

    original = "不归，我们管"
    text = normalize_text(original)
    assert dict(aligned_positions(original, text)) == {0: 0, 1: 1, 3: 2, 4: 3, 5: 4}
