"""Sidecar metadata: both file names, flat keys, zones, unknown keys, bad values, CLI overrides."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from hotline_qa.core.call import Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes
from hotline_qa.ingest.meta import metadata_from_mapping

DATA = Path(__file__).parent / "data"
DIALOGUE = "坐席：您好 供热热线\n客户：暖气不热"


def _write(tmp_path: Path, meta: object, sidecar_name: str = "call1.meta.json") -> Path:
    transcript = tmp_path / "call1.txt"
    transcript.write_text(DIALOGUE, encoding="utf-8")
    (tmp_path / sidecar_name).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return transcript


def test_sidecar_beside_the_sample_file(tmp_path: Path) -> None:
    for name in ("complaint_dialogue.txt", "complaint_dialogue.meta.json"):
        shutil.copy(DATA / name, tmp_path / name)
    (call,) = load_calls(tmp_path / "complaint_dialogue.txt")
    meta = call.metadata
    assert meta.ring_seconds == 12
    assert meta.hangup_by is Role.CUSTOMER  # written 客户 in the file
    assert meta.started_at is not None and meta.started_at.utcoffset() == timedelta(hours=8)
    assert meta.team == "夜班"
    assert meta.extra["recording_url"] == "file:///rec/0603/001.wav"
    assert any("recording_url" in w for w in call.warnings)
    assert meta.call_id == "complaint_dialogue"  # default: the file stem


def test_customer_name_and_gender_are_read_without_a_warning() -> None:
    # POL004 reads them; field round 31 found them reported as unknown keys
    meta, warnings = metadata_from_mapping({"customer_name": "王建国", "customer_gender": "男", "crm_level": "VIP"})
    assert meta.extra["customer_name"] == "王建国" and meta.extra["customer_gender"] == "男"
    assert len(warnings) == 1 and "crm_level" in warnings[0]


@pytest.mark.parametrize("sidecar_name", ["call1.meta.json", "call1.txt.meta.json"])
def test_both_sidecar_names(tmp_path: Path, sidecar_name: str) -> None:
    transcript = _write(tmp_path, {"queue_seconds": 95, "agent_name": "李娜"}, sidecar_name)
    (call,) = load_calls(transcript)
    assert call.metadata.queue_seconds == 95.0
    assert call.metadata.agent_name == "李娜"


def test_naive_started_at_is_shanghai_with_a_warning(tmp_path: Path) -> None:
    transcript = _write(tmp_path, {"started_at": "2024-10-01 08:15:00"})
    (call,) = load_calls(transcript)
    assert call.metadata.started_at is not None
    assert call.metadata.started_at.utcoffset() == timedelta(hours=8)
    assert any("Asia/Shanghai" in w for w in call.warnings)


def test_zone_given_is_kept(tmp_path: Path) -> None:
    transcript = _write(tmp_path, {"started_at": "2024-10-01T00:15:00Z"})
    (call,) = load_calls(transcript)
    assert call.metadata.started_at is not None
    assert call.metadata.started_at.utcoffset() == timedelta(0)
    assert not call.warnings


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ring_seconds", "三秒"),
        ("queue_seconds", -4),
        ("ring_seconds", True),
        ("hangup_by", "boss"),
        ("started_at", "昨天晚上"),
        ("started_at", 20240501),
        ("agent_name", ["王", "芳"]),
    ],
)
def test_bad_values_name_file_and_field(tmp_path: Path, field: str, value: object) -> None:
    transcript = _write(tmp_path, {field: value})
    with pytest.raises(InputError) as info:
        load_calls(transcript)
    assert info.value.field == field
    assert info.value.path is not None and info.value.path.endswith("call1.meta.json")


def test_broken_sidecar_json_names_the_line(tmp_path: Path) -> None:
    transcript = tmp_path / "call1.txt"
    transcript.write_text(DIALOGUE, encoding="utf-8")
    (tmp_path / "call1.meta.json").write_text('{\n "ring_seconds": 3,\n "team" "a"\n}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_calls(transcript)
    assert info.value.line == 3


@pytest.mark.parametrize(("word", "role"), [("agent", Role.AGENT), ("坐席", Role.AGENT),
                                            ("customer", Role.CUSTOMER), ("客户", Role.CUSTOMER),
                                            ("system", Role.SYSTEM), ("系统", Role.SYSTEM)])
def test_hangup_by_words(word: str, role: Role) -> None:
    meta, _ = metadata_from_mapping({"hangup_by": word})
    assert meta.hangup_by is role


def test_options_win_over_sidecar(tmp_path: Path) -> None:
    transcript = _write(tmp_path, {"team": "一组", "ring_seconds": 20, "call_id": "S-1"})
    (call,) = load_calls(transcript, metadata={"team": "三组", "ring_seconds": "4"})
    assert call.metadata.team == "三组"
    assert call.metadata.ring_seconds == 4.0
    assert call.metadata.call_id == "S-1"  # only what the options set is replaced


def test_sidecar_given_with_uploaded_bytes() -> None:
    (call,) = load_calls_from_bytes(DIALOGUE.encode("gb18030"), name="up.txt",
                                    sidecar={"staff_no": 37, "business_line": "供热"})
    assert call.metadata.staff_no == "37"
    assert call.metadata.business_line == "供热"


def test_sidecar_over_native_json_metadata(tmp_path: Path) -> None:
    shutil.copy(DATA / "call_native.json", tmp_path / "n.json")
    (tmp_path / "n.meta.json").write_text('{"team": "夜班", "direction": "inbound"}', encoding="utf-8")
    (call,) = load_calls(tmp_path / "n.json")
    assert call.metadata.team == "夜班"  # sidecar wins over the file's own metadata
    assert call.metadata.direction == "inbound"
    assert call.metadata.agent_name == "王芳"  # untouched keys stay
