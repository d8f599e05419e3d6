"""Gaps found by the last trials: a role mapping per file in the sidecar (a folder mixes exports of
several systems), the call information written in the transcript itself (a block above a table's
header, key lines above a dialogue's first turn), and transcripts whose turns are all one side's."""

from __future__ import annotations

import io
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import ONE_SIDED_MARK, role_value
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes, load_calls_from_text
from hotline_qa.ingest.meta import read_sidecar

DATA = Path(__file__).parent / "data"
A, C = Role.AGENT, Role.CUSTOMER
OPEN = "您好，12345热线，工号3527，很高兴为您服务"


def _roles(call: Call) -> list[Role]:
    return [u.role for u in call.utterances]


def _copy(tmp_path: Path, *names: str) -> None:
    for name in names:
        shutil.copy(DATA / f"roles_{name}", tmp_path / name)


def _one_sided(call: Call) -> list[str]:
    return [w for w in call.warnings if ONE_SIDED_MARK in w]


# --- 1. the sidecar's role mapping --------------------------------------------------------------------

def test_a_folder_mixing_exports_gets_each_files_roles_from_its_sidecar(tmp_path: Path) -> None:
    _copy(tmp_path, "ab_customer_first.txt", "ab_customer_first.meta.json", "named_export.txt",
          "named_export.meta.json")
    # a third export, of the system where A is the agent (the default), has no sidecar
    (tmp_path / "ab_default.txt").write_text(f"A：{OPEN}\nB：我家停水了\nA：请问地址\nB：幸福路8号\n", encoding="utf-8")
    (ab,) = load_calls(tmp_path / "ab_customer_first.txt")
    assert _roles(ab) == [C, A, A, C, A, C]
    assert ab.metadata.call_id == "YB-20261118-0007" and ab.metadata.direction == "inbound"
    assert not any("roles" in w for w in ab.warnings)  # a known key: no "unknown metadata key" warning
    assert "roles" not in ab.metadata.extra
    (named,) = load_calls(tmp_path / "named_export.txt")  # 张三/李四 would be unknown labels without it
    assert _roles(named) == [A, C, A, C, A] and named.metadata.agent_name == "李四"
    (plain,) = load_calls(tmp_path / "ab_default.txt")
    assert _roles(plain) == [A, C, A, C]


def test_the_sidecar_wins_over_the_command_line_for_its_file(tmp_path: Path) -> None:
    _copy(tmp_path, "ab_customer_first.txt", "ab_customer_first.meta.json")
    run_roles = {"A": "agent", "B": "customer"}  # --roles A=agent,B=customer for the whole run
    (call,) = load_calls(tmp_path / "ab_customer_first.txt", roles=run_roles)
    assert _roles(call) == [C, A, A, C, A, C]
    (note,) = [w for w in call.warnings if "--roles" in w and "meta.json" in w]
    assert "ab_customer_first.meta.json" in note and "A=customer" in note
    # look-alike: a sidecar without roles leaves the run's --roles in force, and says nothing about it
    (tmp_path / "ab_customer_first.meta.json").write_text('{"call_id": "X1"}', encoding="utf-8")
    (other,) = load_calls(tmp_path / "ab_customer_first.txt", roles={"A": "customer", "B": "agent"})
    assert _roles(other) == [C, A, A, C, A, C] and other.metadata.call_id == "X1"
    assert not any("meta.json" in w and "--roles" in w for w in other.warnings)


def test_sidecar_roles_map_speaker_ids_and_channels_of_asr_results(tmp_path: Path) -> None:
    shutil.copy(DATA / "funasr_result.json", tmp_path / "rec_0815.json")
    (inferred,) = load_calls(tmp_path / "rec_0815.json")  # the opening phrases make speaker 0 the agent
    assert _roles(inferred) == [C, A, C]
    # the sidecar says otherwise (speaker 1 is the agent): it is followed, and no inference is warned
    (tmp_path / "rec_0815.meta.json").write_text('{"roles": {"1": "坐席"}}', encoding="utf-8")
    (mapped,) = load_calls(tmp_path / "rec_0815.json")
    assert _roles(mapped) == [A, C, A]
    assert not any("推断" in w for w in mapped.warnings)


def test_sidecar_roles_confirm_a_mono_alibaba_result_like_the_command_line(tmp_path: Path) -> None:
    shutil.copy(DATA / "alibaba_mono_no_split.json", tmp_path / "mono.json")
    (tmp_path / "mono.meta.json").write_text('{"roles": {"0": "agent"}}', encoding="utf-8")
    (call,) = load_calls(tmp_path / "mono.json")
    assert not _one_sided(call)


@pytest.mark.parametrize(("word", "role"), [("客户", C), ("坐席", A), ("客服", A), ("用户", C), ("Customer", C),
                                            ("系统", Role.SYSTEM), ("座席员", A), ("來電人", C)])
def test_sidecar_role_words_chinese_and_english(word: str, role: Role) -> None:
    calls = load_calls_from_bytes("X：您好\nY：喂\n".encode(), name="w.txt",
                                  sidecar={"roles": {"X": word, "Y": "agent" if role is not A else "customer"}})
    assert _roles(calls[0])[0] is role


def test_a_bad_role_names_the_sidecar_the_key_and_the_words_allowed(tmp_path: Path) -> None:
    _copy(tmp_path, "ab_customer_first.txt")
    sidecar = tmp_path / "ab_customer_first.meta.json"
    sidecar.write_text('{"roles": {"A": "顾问", "B": "坐席"}}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_calls(tmp_path / "ab_customer_first.txt")
    err = info.value
    assert err.path == str(sidecar) and err.field == "roles.A" and "顾问" in err.reason
    assert err.hint is not None and "agent" in err.hint and "客户" in err.hint and "系统" in err.hint
    # written the wrong way round ({"坐席": "A"}): the hint says so
    sidecar.write_text('{"roles": {"坐席": "B", "客户": "A"}}', encoding="utf-8")
    with pytest.raises(InputError) as backwards:
        load_calls(tmp_path / "ab_customer_first.txt")
    assert backwards.value.field == "roles.坐席" and "写反" in (backwards.value.hint or "")
    for bad, field in (('{"roles": ["A=customer"]}', "roles"), ('{"roles": {"A": 1}}', "roles.A")):
        sidecar.write_text(bad, encoding="utf-8")
        with pytest.raises(InputError) as wrong:
            load_calls(tmp_path / "ab_customer_first.txt")
        assert wrong.value.field == field and wrong.value.path == str(sidecar)


def test_one_letter_labels_are_no_role_values() -> None:
    # "A"/"B" are labels (A is the agent by default), never the role a mapping names
    assert role_value("A") is None and role_value("b") is None and role_value("") is None
    assert role_value("坐席1") is A and role_value("agent") is A


def test_a_recordings_sidecar_read_for_metadata_keeps_roles_out_of_extra(tmp_path: Path) -> None:
    path = tmp_path / "rec.meta.json"
    path.write_text('{"team": "夜班", "roles": {"0": "agent"}}', encoding="utf-8")
    metadata, warnings = read_sidecar(path)
    assert metadata.team == "夜班" and "roles" not in metadata.extra and not warnings


# --- 2. call information in the transcript ----------------------------------------------------------

def test_call_information_block_above_a_csv_header_fills_the_metadata() -> None:
    (call,) = load_calls(DATA / "info_block_export.csv")
    meta = call.metadata
    assert meta.call_id == "20261118-0042" and meta.agent_name == "王芳" and meta.staff_no == "3527"
    assert meta.team == "早班二组" and meta.business_line == "供水" and meta.direction == "inbound"
    assert meta.started_at is not None and meta.started_at.utcoffset() == timedelta(hours=8)
    assert meta.started_at.replace(tzinfo=None) == datetime(2026, 11, 18, 9, 12, 5)
    assert meta.ring_seconds == 6 and meta.queue_seconds == 41
    assert meta.extra == {"来电号码": "139****2210", "满意度": "未评价"}  # unknown keys, as written
    assert _roles(call) == [A, C, A, C, A, C] and call.utterances[1].start == 5.2
    (summary,) = [w for w in call.warnings if "通话信息" in w]
    assert "第 11 行" in summary and "来电号码" in summary and "139" not in summary  # no personal data


def test_the_sidecar_wins_over_the_block(tmp_path: Path) -> None:
    shutil.copy(DATA / "info_block_export.csv", tmp_path / "x.csv")
    (tmp_path / "x.meta.json").write_text('{"agent_name": "李强", "started_at": "2026-11-18T09:13:00+08:00"}',
                                          encoding="utf-8")
    (call,) = load_calls(tmp_path / "x.csv")
    assert call.metadata.agent_name == "李强" and call.metadata.started_at is not None
    assert call.metadata.started_at.minute == 13
    assert call.metadata.staff_no == "3527"  # what the sidecar does not say stays the block's


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_block_in_a_workbook_with_english_keys_and_excel_values() -> None:
    data = _workbook([["Call ID:", "C-77"], ["Agent", "Wang Fang", "Staff No", 3527],
                      ["Start Time", datetime(2026, 11, 18, 9, 12, 5)], ["Direction", "Outbound"],
                      ["Queue Time", 12.0], [],
                      ["Speaker", "Start", "Transcript"], ["坐席", 1.0, OPEN], ["客户", 5.0, "停水了"]])
    (call,) = load_calls_from_bytes(data, name="e.xlsx")
    meta = call.metadata
    assert (meta.call_id, meta.agent_name, meta.staff_no, meta.direction) == ("C-77", "Wang Fang", "3527", "outbound")
    assert meta.started_at is not None and meta.started_at.hour == 9 and meta.started_at.utcoffset() is not None
    assert meta.queue_seconds == 12.0


def test_a_bad_block_value_is_a_warning_naming_the_row_not_a_refusal() -> None:
    text = ("通话ID,HX9\n开始时间,昨天上午九点\n振铃时长,很久\n方向,转接\n"
            "角色,内容\n坐席,您好\n客户,喂\n")
    (call,) = load_calls_from_text(text, source="b.csv")
    assert call.metadata.call_id == "HX9" and call.metadata.started_at is None
    assert call.metadata.ring_seconds is None and call.metadata.direction is None
    bad = [w for w in call.warnings if "无法读取" in w]
    assert len(bad) == 3
    assert "第 2 行" in bad[0] and "2026-11-18 09:12:05" in bad[0]
    assert "第 3 行" in bad[1] and "00:00:12" in bad[1] and "第 4 行" in bad[2] and "呼入" in bad[2]
    assert call.metadata.extra["开始时间"] == "昨天上午九点"


def test_a_date_row_and_a_time_row_make_the_start() -> None:
    text = "日期,2026/11/18\n时间,21:40:08\n挂机方,客户挂机\n\n说话人,内容\n坐席,您好\n客户,喂\n"
    (call,) = load_calls_from_text(text, source="d.csv")
    assert call.metadata.started_at is not None
    assert (call.metadata.started_at.day, call.metadata.started_at.hour) == (18, 21)
    assert call.metadata.hangup_by is C


def test_a_date_cell_is_no_midnight_start_and_a_call_time_no_time_of_day() -> None:
    # look-alikes: an Excel date under 日期 is a day (not 00:00, which night-time rules would read),
    # and 通话时间 00:05:12 is how long the call took, not when it started
    data = _workbook([["日期", datetime(2026, 11, 18)], ["通话时间", "00:05:12"], [],
                      ["角色", "内容"], ["坐席", OPEN], ["客户", "停水了"]])
    (call,) = load_calls_from_bytes(data, name="d.xlsx")
    assert call.metadata.started_at is None
    assert call.metadata.extra == {"日期": "2026-11-18", "通话时间": "00:05:12"}
    assert not any("无法读取" in w for w in call.warnings)


def test_a_title_row_is_no_call_information() -> None:
    # look-alike: a title with a date above the header says no start time and no call id
    text = "12345热线通话记录 2026-11-18 09:12\n角色,内容\n坐席,您好\n客户,喂\n"
    (call,) = load_calls_from_text(text, source="t.csv")
    assert call.metadata.started_at is None and call.metadata.call_id == "t" and not call.metadata.extra
    assert any("标题" in w for w in call.warnings)


def test_a_call_id_column_keeps_its_ids_under_a_block() -> None:
    text = "通话ID,BLOCK-1\n坐席,王芳\n通话ID,角色,内容\nK1,坐席,您好\nK1,客户,喂\nK2,坐席,您好\nK2,客户,在吗\n"
    calls = load_calls_from_text(text, source="k.csv")
    assert [c.metadata.call_id for c in calls] == ["K1", "K2"]
    assert all(c.metadata.agent_name == "王芳" for c in calls)


def test_key_lines_above_a_dialogue_fill_the_metadata() -> None:
    (call,) = load_calls(DATA / "info_lines_dialogue.txt")
    assert call.metadata.staff_no == "3527" and call.metadata.started_at is not None
    assert (call.metadata.started_at.hour, call.metadata.started_at.minute) == (14, 3)
    assert _roles(call) == [A, C, A, C, A]
    assert any("第 1、2、3 行在第一轮对话之前" in w for w in call.warnings)


def test_a_role_line_at_the_top_of_a_dialogue_is_a_turn_not_metadata() -> None:
    # look-alike of "坐席：王芳 工号3527" call information: 坐席 is a role word, the line is the agent's turn
    (call,) = load_calls_from_text("坐席：王芳 工号3527 您好\n客户：喂 我家停水了\n坐席：请问地址\n", source="r.txt")
    assert _roles(call) == [A, C, A] and call.utterances[0].text.startswith("王芳")
    assert call.metadata.agent_name is None and call.metadata.staff_no is None
    # a title line with a date is skipped, but no start time is made of it
    (titled,) = load_calls_from_text("通话记录 2026-11-18 09:12\n坐席：您好\n客户：喂\n", source="t.txt")
    assert titled.metadata.started_at is None
    # the same title in traditional characters (field call 437, a Big5 file), with a time in the turns
    (trad,) = load_calls_from_text("通話記錄 2025-10-03 08:40:12\n[00:00.0-00:01.9 坐席] 早上好節日快樂\n"
                                   "[00:02.2-00:04.7 客戶] 我要掛號\n", source="t.txt")
    assert _roles(trad) == [A, C] and trad.utterances[0].original == "早上好節日快樂"


# --- 3. transcripts with only one side ----------------------------------------------------------------

def test_labels_mapped_to_one_side_are_warned_naming_the_file() -> None:
    # --roles A=customer on a file whose B is a customer word too: nobody is the agent
    text = f"A：{OPEN}\nB：我家停水了\nA：请问地址\nB：幸福路8号\n"
    (call,) = load_calls_from_text(text, source="导出/0042.txt", roles={"A": "customer"})
    (warning,) = _one_sided(call)
    assert "0042.txt" in warning and "--roles" in warning and "单声道" in warning and "客户" in warning


def test_a_table_with_only_agent_rows_is_warned() -> None:
    text = "角色,内容\n" + "".join(f"坐席,{t}\n" for t in (OPEN, "我家停水了", "请问地址", "幸福路8号", "好的"))
    (call,) = load_calls_from_text(text, source="mono.csv")
    (warning,) = _one_sided(call)
    assert "mono.csv" in warning and "坐席" in warning


@pytest.mark.parametrize("text", [
    # a silent line: the agent checks it and gives up (call_kind "silent")
    "坐席：您好，12345热线\n坐席：喂，您好\n坐席：请问能听到我说话吗\n坐席：您那边没有声音，我先挂断了\n",
    # a voicemail: the customer side is the network's prompt (call_kind "voicemail")
    "客户：您拨打的用户暂时无法接通\n客户：请稍后再拨\n客户：Sorry, the number you dialed is not available\n"
    "客户：请在提示音后留言\n",
    # the agent leaves a message after the beep
    "坐席：您好，这里是12345热线\n坐席：关于您反映的停水问题\n坐席：已经转供水公司处理\n坐席：您方便时请回电\n",
    # three turns only: too few to tell
    f"坐席：{OPEN}\n坐席：请问有什么可以帮您\n坐席：喂？\n",
    # both sides speak
    f"坐席：{OPEN}\n客户：停水了\n坐席：请问地址\n客户：幸福路\n",
])
def test_calls_one_sided_by_nature_or_two_sided_are_not_warned(text: str) -> None:
    (call,) = load_calls_from_text(text, source="ok.txt")
    assert not _one_sided(call)


def test_a_format_that_warns_itself_is_not_warned_twice() -> None:
    (alibaba,) = load_calls(DATA / "alibaba_mono_no_split.json")
    assert len(_one_sided(alibaba)) == 1 and "auto_split" in _one_sided(alibaba)[0]
    transcript = [{"ParticipantRole": "CUSTOMER", "Content": t, "BeginOffsetMillis": i * 5000,
                   "EndOffsetMillis": i * 5000 + 4000} for i, t in enumerate([OPEN, "停水了", "请问地址", "幸福路", "好"])]
    data = json.dumps({"JobStatus": "COMPLETED", "Transcript": transcript}).encode()
    (analytics,) = load_calls_from_bytes(data, name="ca.json")
    assert len(_one_sided(analytics)) == 1 and "ChannelDefinitions" in _one_sided(analytics)[0]
    (confirmed,) = load_calls_from_bytes(data, name="ca.json", roles={"CUSTOMER": "customer"})
    assert not _one_sided(confirmed)  # --roles confirmed the one side: neither warning


def test_each_call_of_a_file_is_checked_and_named() -> None:
    text = ("通话ID,角色,内容\n" + "".join(f"K1,坐席,{t}\n" for t in (OPEN, "停水了", "请问地址", "好的"))
            + "K2,坐席,您好\nK2,客户,喂\n")
    k1, k2 = load_calls_from_text(text, source="batch.csv")
    assert len(_one_sided(k1)) == 1 and "K1" in _one_sided(k1)[0] and not _one_sided(k2)
