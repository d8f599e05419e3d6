"""Encodings: UTF-8 (BOM or not), UTF-16 with BOM, GB18030 and Big5, including short texts."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from hotline_qa.core.call import Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.decode import decode_bytes
from hotline_qa.ingest.detect import load_calls

SIMPLIFIED = "坐席：您好，这里是12345热线，请问有什么可以帮您\n客户：喂 我想反映一下那个噪音问题"
TRADITIONAL = "坐席：您好，這裡是市民熱線，請問有什麼可以幫您\n客戶：喂 我想反映一下噪音問題 吵得沒法睡覺"

# Short texts are where generic detectors fail (they guess Korean or UTF-16).
SHORT_TRADITIONAL = ["客戶：謝謝", "坐席：好的", "客戶：嗯", "坐席：您好", "客戶：我要投訴", "好", "謝謝您"]
SHORT_SIMPLIFIED = ["客户：谢谢", "坐席：好的", "客户：嗯", "坐席：请稍等", "客户：我要投诉", "好", "谢谢您"]


@pytest.mark.parametrize("text", SHORT_TRADITIONAL)
def test_short_big5(text: str) -> None:
    decoded = decode_bytes(text.encode("big5"))
    assert decoded.text == text
    assert decoded.encoding == "big5"


@pytest.mark.parametrize("text", SHORT_SIMPLIFIED + SHORT_TRADITIONAL)
def test_short_gb18030(text: str) -> None:
    decoded = decode_bytes(text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED.encode("utf-16"), "utf-16"),  # Python writes the BOM
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED.encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
    ],
)
def test_long_texts(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff") in (SIMPLIFIED, TRADITIONAL)


def test_undecodable_bytes_name_file_and_encodings() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"\x81\x30\xff\xfe\xfd" * 3 + b"\x00\x01", source="bad.txt")
    message = str(info.value)
    assert "bad.txt" in message
    for name in ("utf-8", "gb18030", "big5"):
        assert name in message


def test_big5_file_becomes_a_call_in_simplified(tmp_path: Path) -> None:
    path = tmp_path / "taipei_call.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    (call,) = load_calls(path)
    assert call.source_format == "dialogue_text/big5"
    assert call.utterances[1].role is Role.CUSTOMER  # 客戶 is a customer label
    assert call.utterances[1].original == "喂 我想反映一下噪音問題 吵得沒法睡覺"
    assert call.utterances[1].text == "喂我想反映一下噪音问题吵得没法睡觉"


def test_gb18030_file_becomes_a_call(tmp_path: Path) -> None:
    path = tmp_path / "gb_call.txt"
    path.write_bytes(SIMPLIFIED.encode("gb18030"))
    (call,) = load_calls(path)
    assert call.source_format == "dialogue_text/gb18030"
    assert call.utterances[0].text.startswith("您好,这里是12345热线")


def test_utf8_records_no_encoding_suffix(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"))
    (call,) = load_calls(path)
    assert call.source_format == "dialogue_text"
    assert call.utterances[0].original.startswith("您好")  # the BOM is not part of the text
