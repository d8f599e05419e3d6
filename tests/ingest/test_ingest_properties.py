"""Whatever bytes arrive, the importers return calls or raise InputError — nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotline_qa.core.call import Call
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import FORMAT_NAMES, load_calls_from_bytes

DATA = Path(__file__).parent / "data"
SAMPLES = sorted(p for p in DATA.iterdir() if not p.name.endswith(".meta.json"))
NAMES = ["x.txt", "x.json", "x.jsonl", "x.srt", "x.vtt", "x.csv", "x.tsv", "x.xlsx", "upload"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that steer random text into the parsers' interesting paths.
FRAGMENTS = ["坐席：", "客户:", "[00:03.2 坐席] ", "[01:10 #hold_start]", "[#挂机 客户]", "-->", "WEBVTT\n",
             "1\n00:00:01,000 --> 00:00:02,000\n", "<v 坐席>", "{", "}", "[", "]", '"Sentences": [',
             '"sentence_info"', '"utterances": [', "role,text,start\n", ",", "\t", "\n", "：", "99:99",
             "-1", "1e309", "NaN", "null", '"', "\\", "\ufeff", "客戶", "喂", "您好", "#transfer", "  ",
             "客服 10:02:03\n", "说话人1 00:03\n", "[SPEAKER_00]: ", "坐席(张三)：", '"transcripts": [',
             '"stamp_sents"', '"text": ["', '"ParticipantId"', "2024-06-12 09:31:05", '"StatusText"',
             "坐席 ", "客户\t", "\n客服\n", "<坐席>", "客户->", "坐席-", "(00:12) ", "[00:12][坐席] ", "[静音]",
             "<unk>", "……", "2024/3/5 10:02 ", "甲：", "主叫 ", "说话人A ", "通话记录,,\n", "-----\n",
             '"segments": [', '"speaker": "SPEAKER_00"', '"transcription": [', '"offsets": {', '"ts_list"',
             "code=0&requestId=1&text=", "&resultDetail=", '{"resp": {', '"Data": {', '"RequestId"',
             '"status": "processing"', "{}"]


def _check(data: bytes, name: str, fmt: str | None = None) -> None:
    try:
        calls = load_calls_from_bytes(data, name=name, fmt=fmt)
    except InputError:
        return
    assert isinstance(calls, list) and calls
    for call in calls:
        assert isinstance(call, Call)
        assert [u.index for u in call.utterances] == list(range(len(call.utterances)))
        for u in call.utterances:
            assert u.start is None or u.end is None or u.end >= u.start


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(NAMES))
def test_random_bytes(data: bytes, name: str) -> None:
    _check(data, name)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30),
       st.sampled_from(NAMES), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_text(parts: list[str], name: str, encoding: str) -> None:
    data = "".join(parts).encode(encoding, errors="replace")
    _check(data, name)


@SETTINGS
@given(st.sampled_from(SAMPLES), st.data())
def test_mutated_valid_files(sample: Path, data: st.DataObject) -> None:
    raw = bytearray(sample.read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        kind = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        at = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if kind == "flip" and raw:
            raw[at] = data.draw(st.integers(0, 255))
        elif kind == "delete" and raw:
            del raw[at:at + data.draw(st.integers(1, 8))]
        elif kind == "insert":
            raw[at:at] = data.draw(st.sampled_from(FRAGMENTS)).encode()
        else:
            raw = raw[:at]
    fmt = data.draw(st.one_of(st.none(), st.sampled_from(FORMAT_NAMES)))
    _check(bytes(raw), sample.name, fmt)
