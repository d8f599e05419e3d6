"""Tencent Cloud ASR (腾讯云语音识别) recorded-file recognition results (录音文件识别).

Reads what ``DescribeTaskStatus`` returns, ``{"Response": {"Data": {"TaskId", "Status": 2,
"StatusStr": "success", "Result", "ResultDetail": [...], "AudioDuration"}}}``, and the bare
``Data`` object (as saved from a callback or an SDK). Each ``ResultDetail`` sentence
(``ResTextFormat`` 2 or more) has ``FinalSentence``, ``StartMs``/``EndMs`` (milliseconds)
and ``SpeakerId``: the diarised speaker (``SpeakerDiarization=1``) or, in a two-channel
recognition (``ChannelNum=2``), the channel (0 left, 1 right). The result does not say which,
so speakers become roles through ``roles`` (``{"0": "agent"}``) or the opening phrases, with
a warning. A ``ChannelId`` (some exports add it) follows the channel convention of the
Alibaba importer: 0 the agent, 1 the customer, unless the first turns clearly say the
opposite (swapped, with a warning). A ``SpeakerRoleName`` that is a role word
(坐席, 客户…) is used as it is.

Without ``ResultDetail`` the ``Result`` text is read: one ``[0:1.020,0:3.500,0]  text`` line
per sentence (start, end, speaker). A task still waiting or running (``Status`` 0/1), a
failed one (3, ``ErrorMsg``), the ``CreateRecTask`` answer (only a ``TaskId``) and an API
error (``Response.Error``) are errors that say so.

Also read: what the SDKs print (``resp.to_json_string()``: ``{"Data": {...}, "RequestId"}``,
without ``Response``), and the callback body, saved as it arrived
(``application/x-www-form-urlencoded``: ``code=0&requestId=…&text=…&resultDetail=…&audioTime=…``)
or as JSON with the same fields: ``text`` holds the ``Result`` lines and ``resultDetail`` the
``ResultDetail`` list as JSON text; a ``code`` other than 0 is a failed task.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import (
    RawTurn,
    build_utterances,
    check_convention,
    parse_clock,
    require_several_speakers,
    role_from_word,
    roles_for_sentences,
)
from hotline_qa.ingest.jsonutil import (
    check_span,
    expect_list,
    expect_object,
    load_json,
    optional_number,
    optional_text,
)

FORMAT = "tencent"
_FORM = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=[^&]*(?:&[A-Za-z_][A-Za-z0-9_]*=[^&]*)+$")
_CALLBACK_CODES = {
    "10000": "转码失败 (transcoding failed)", "10001": "识别失败 (recognition failed)",
    "10002": "语音时长太短 (audio too short)", "10003": "语音时长太长 (audio too long)",
    "10004": "无效的语音文件 (invalid audio)", "10005": "其他失败 (other failure)",
    "10006": "音轨个数不匹配 (channel count mismatch)", "10007": "音频下载失败 (download failed)",
}
_LINE = re.compile(r"^\s*\[(?P<start>[\d:.]+)\s*,\s*(?P<end>[\d:.]+)(?:\s*,\s*(?P<spk>\d+))?\]\s*(?P<text>.*)$")
_CHANNEL_ROLES = {0: Role.AGENT, 1: Role.CUSTOMER}
_NOT_DONE = {0: "waiting (排队中)", 1: "doing (识别中)"}
_HINT_SPEAKERS = ("提交 CreateRecTask 时对双声道电话录音设 ChannelNum=2，单声道录音设 SpeakerDiarization=1 "
                  "和 SpeakerNumber=2，并设 ResTextFormat=2 以得到 ResultDetail")


def _data(value: Any) -> tuple[Mapping[str, Any], str] | None:
    """The ``Data`` object and its JSON path, if this is a Tencent recognition document."""
    if not isinstance(value, Mapping):
        return None
    response = value.get("Response")
    if isinstance(response, Mapping) and ("Data" in response or "Error" in response):
        data = response.get("Data")
        return (data if isinstance(data, Mapping) else {}), "Response.Data"
    data = value.get("Data")  # the SDKs' to_json_string(): {"Data": {...}, "RequestId": "..."}
    if isinstance(data, Mapping) and "RequestId" in value and ("TaskId" in data or "Status" in data):
        return data, "Data"
    if "TaskId" in value and ("StatusStr" in value or "ResultDetail" in value or
                              ("Status" in value and isinstance(value.get("Result"), str))):
        return value, "Data"
    return None


def _is_callback(value: Any) -> bool:
    """The callback body (form fields ``code``, ``requestId``, ``text``, ``resultDetail``…)."""
    return isinstance(value, Mapping) and "requestId" in value and "code" in value and (
        "text" in value or "resultDetail" in value or "message" in value)


def form_fields(text: str) -> dict[str, str] | None:
    """The fields of a saved callback body (``application/x-www-form-urlencoded``), or None."""
    body = text.strip().lstrip("\ufeff")
    if "\n" in body or not _FORM.match(body):
        return None
    fields = {key: values[-1] for key, values in parse_qs(body, keep_blank_values=True).items()}
    return fields if _is_callback(fields) else None


def looks_tencent(value: Any) -> bool:
    """A ``DescribeTaskStatus`` answer (``Response.Data``), its ``Data`` object, or the
    callback body saved as JSON."""
    return _data(value) is not None or _is_callback(value)


def parse_tencent(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse a Tencent Cloud recorded-file recognition result (or callback body) into one call."""
    form = form_fields(text)
    value: Any = form if form is not None else load_json(text, source=source)
    if _is_callback(value):
        data, where, detail_field, result_field = _callback_data(value, source), "callback", "resultDetail", "text"
    else:
        found = _data(value)
        if found is None:
            raise InputError("没有找到 Response.Data (not a Tencent Cloud ASR result)", path=source,
                             hint="请保存 DescribeTaskStatus 接口的完整应答 JSON")
        data, where = found
        detail_field, result_field = f"{where}.ResultDetail", f"{where}.Result"
        _check_status(value, data, where, source)
    details = data.get("ResultDetail")
    if details:
        items = expect_list(details, detail_field, source=source)
        sentences = [_detail(item, f"{detail_field}[{i}]", source) for i, item in enumerate(items)]
        field = detail_field
    else:
        result = optional_text(data, "Result", result_field, source=source) or ""
        sentences = _result_lines(result, result_field, source)
        field = result_field
    if not any(s["text"].strip() for s in sentences):
        raise InputError("识别结果中没有任何句子 (the result has no sentences)", path=source, field=field,
                         hint="请确认录音有人声；识别时设 ResTextFormat=2 以得到带时间和说话人的 ResultDetail")
    sentences.sort(key=lambda s: s["begin"] if s["begin"] is not None else 0.0)
    require_several_speakers([s["speaker"] if s["role"] is None else None for s in sentences], source=source,
                             field=f"{field}[0].SpeakerId" if details else field, hint=_HINT_SPEAKERS)
    found_roles, warnings = roles_for_sentences([(s["speaker"], s["role"], s["text"]) for s in sentences], roles,
                                                source=source)
    swapped = check_convention(found_roles, [(s["speaker"] if s["by_channel"] else None, s["text"]) for s in sentences],
                               roles, source=source, convention="声道 (ChannelId) 0 为坐席、1 为客户",
                               keep="0=agent,1=customer")
    warnings.extend([swapped] if swapped else [])
    turns = [RawTurn(role=role, original=s["text"], start=s["begin"], end=s["end"], channel=s["channel"])
             for s, role in zip(sentences, found_roles, strict=True)]
    return [Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings), source_format=FORMAT)]


def _check_status(value: Any, data: Mapping[str, Any], where: str, source: str) -> None:
    response = value.get("Response") if isinstance(value, Mapping) else None
    error = response.get("Error") if isinstance(response, Mapping) else None
    if isinstance(error, Mapping):
        raise InputError(f"腾讯云接口返回错误 {error.get('Code', '?')}: {error.get('Message', '')} (an API error, "
                         "not a result)", path=source, field="Response.Error",
                         hint="请检查任务 ID 和账号权限，任务结果只保留 24 小时；成功后保存 DescribeTaskStatus 的应答")
    status = data.get("Status")
    status_text = str(data.get("StatusStr") or "")
    if status is None and not status_text and "Result" not in data and "ResultDetail" not in data:
        raise InputError("这是提交识别任务 (CreateRecTask) 的应答，只有 TaskId，不是识别结果 (a task "
                         "submission, not the transcript)", path=source, field=f"{where}.TaskId",
                         hint="请用这个 TaskId 调用 DescribeTaskStatus，等 Status=2 (success) 后保存其应答")
    if not isinstance(status, (int, str, type(None))):
        raise InputError(f"Status 应为数字，实为 {type(status).__name__} (Status must be a number)", path=source,
                         field=f"{where}.Status", hint="请保存 DescribeTaskStatus 的原始应答，Status=2 表示成功")
    if status in _NOT_DONE or status_text in ("waiting", "doing"):
        state = _NOT_DONE.get(status, status_text) if isinstance(status, int) else status_text
        raise InputError(f"腾讯云识别任务尚未完成：{state} (the task is not finished)", path=source,
                         field=f"{where}.Status",
                         hint="稍后再调用 DescribeTaskStatus，等 Status=2 (success) 后保存其应答")
    if status == 3 or status_text == "failed":
        message = str(data.get("ErrorMsg") or "")
        raise InputError(f"腾讯云识别任务失败 (the task failed): {message}", path=source, field=f"{where}.ErrorMsg",
                         hint="请按 ErrorMsg 检查录音（格式、时长、下载地址）后重新提交识别任务")


def _callback_data(fields: Mapping[str, Any], source: str) -> Mapping[str, Any]:
    """The callback body as a ``Data``-like object: ``Result`` from ``text``, ``ResultDetail``
    from the JSON text in ``resultDetail``. A failed task (``code`` other than 0) is an error."""
    code = str(fields.get("code", "")).strip()
    if code != "0":
        meaning = _CALLBACK_CODES.get(code, "")
        message = str(fields.get("message") or "")
        raise InputError(f"腾讯云识别任务失败 (the task failed): code={code} {meaning} {message}".rstrip(),
                         path=source, field="code", hint="请按状态码检查录音（格式、时长、声道数、下载地址）后重新提交识别任务")
    raw = fields.get("resultDetail")
    details: Any = None
    if isinstance(raw, str) and raw.strip():
        try:
            details = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"resultDetail 中的 JSON 文本无效 (invalid JSON text): {exc.msg}", path=source,
                             field="resultDetail", hint="请保存回调的原始内容，不要改动其中的字符") from exc
    elif isinstance(raw, list):
        details = raw
    return {"Result": fields.get("text"), "ResultDetail": details}


def _detail(item: Any, where: str, source: str) -> dict[str, Any]:
    obj = expect_object(item, where, source=source)
    if any(key[:1].islower() for key in obj):  # a callback's detail written in lowerCamelCase
        obj = {key[:1].upper() + key[1:]: value for key, value in obj.items()}
    begin = optional_number(obj, "StartMs", where, source=source, scale=1000.0)
    end = optional_number(obj, "EndMs", where, source=source, scale=1000.0)
    check_span(begin, end, where, source=source)
    text = optional_text(obj, "FinalSentence", where, source=source)
    if not text:
        slices = optional_text(obj, "SliceSentence", where, source=source) or ""
        text = _join_slices(slices.split())
    channel = optional_number(obj, "ChannelId", where, source=source)
    speaker = optional_text(obj, "SpeakerId", where, source=source)
    role_name = optional_text(obj, "SpeakerRoleName", where, source=source)
    role = role_from_word(role_name) if role_name else None
    by_channel = role is None and channel is not None
    if by_channel and channel is not None:
        role = _CHANNEL_ROLES.get(int(channel))
        speaker = str(int(channel))
    return {"begin": begin, "end": end, "text": text, "speaker": speaker, "role": role, "by_channel": by_channel,
            "channel": int(channel) if channel is not None else None}


def _join_slices(words: list[str]) -> str:
    """``SliceSentence`` words (split by spaces): Chinese joins without spaces, Latin keeps one."""
    text = ""
    for word in words:
        if text and text[-1].isascii() and text[-1].isalnum() and word[0].isascii() and word[0].isalnum():
            text += " "
        text += word
    return text


def _result_lines(result: str, where: str, source: str) -> list[dict[str, Any]]:
    sentences: list[dict[str, Any]] = []
    for number, line in enumerate(result.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        begin = parse_clock(match.group("start")) if match else None
        end = parse_clock(match.group("end")) if match else None
        if match is None or begin is None or end is None:
            raise InputError(f"Result 第 {number} 行不是 “[开始,结束,说话人] 文本” (bad Result line)", path=source,
                             field=where, hint="例如 [0:1.020,0:3.500,0]  您好；或保存带 ResultDetail 的结果")
        check_span(begin, end, f"{where} 第 {number} 行", source=source)
        sentences.append({"begin": begin, "end": end, "text": match.group("text").strip(),
                          "speaker": match.group("spk"), "role": None, "by_channel": False, "channel": None})
    return sentences
