"""Alibaba Cloud (阿里云智能语音交互) file-transcription results.

Reads ``{"Result": {"Sentences": [...]}}`` (录音文件识别), sentences at top level, and the
flash recogniser (``"flash_result": {"sentences": [...]}``, also under ``"Flash"``). Both the
CamelCase (``BeginTime``) and snake_case (``begin_time``) keys are understood; times are
milliseconds. Channel 0 is the agent and channel 1 the customer unless ``roles`` says
otherwise (``{"0": "customer", "1": "agent"}``), or unless the first turns clearly say the
opposite (the agent's opening phrases on channel 1 only: swapped, with a warning; with
``auto_split`` on mono audio ChannelId numbers the speakers in order of speaking, and the
customer of an outbound call speaks first). A mono result with ``SpeakerId`` maps speakers
like FunASR does.

Also read: the Bailian/DashScope Paraformer file transcription (the JSON behind
``transcription_url``: ``{"transcripts": [{"channel_id", "sentences": [{"begin_time",
"end_time", "text", "speaker_id"}]}]}``). A task status without sentences (a failed task,
``SUCCESS_WITH_NO_VALID_FRAGMENT``, a DashScope task response) is an error that says so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import (
    ONE_SIDED_MARK,
    RawTurn,
    RoleMap,
    assign_speaker_roles,
    build_utterances,
    check_convention,
)
from hotline_qa.ingest.jsonutil import (
    check_span,
    expect_list,
    expect_object,
    load_json,
    optional_number,
    optional_text,
)

FORMAT = "alibaba"

_CONTAINERS = ("Result", "result", "Flash", "flash", "flash_result", "FlashResult")
_SENTENCE_LISTS = ("Sentences", "sentences")
_KEYS = {
    "channel": ("ChannelId", "channel_id"), "begin": ("BeginTime", "begin_time"),
    "end": ("EndTime", "end_time"), "text": ("Text", "text"), "speaker": ("SpeakerId", "speaker_id"),
}
DEFAULT_CHANNEL_ROLES: Mapping[int, Role] = {0: Role.AGENT, 1: Role.CUSTOMER}
# With speaker separation on mono audio (auto_split) ChannelId numbers the speakers, the first
# to speak usually 0: on an outbound call that is the customer (“喂？”). The content decides then.
_CONVENTION = "声道 (ChannelId) 0 为坐席、1 为客户"
_HINT_SPEAKERS = ("录音文件识别提交任务时设 auto_split=true（智能分轨，8k 单声道）；百炼/DashScope Paraformer 设 "
                  "diarization_enabled=true；或使用双声道录音（坐席、客户各一个声道）重新识别")


def looks_alibaba(value: Any) -> bool:
    """Any Alibaba result layout, or an Alibaba task status that carries no result."""
    return find_sentences(value) is not None or _transcripts(value) is not None or _task_status(value) is not None


def _transcripts(value: Any) -> list[Any] | None:
    """DashScope/Paraformer: ``transcripts`` is a list of per-channel objects with ``sentences``."""
    if not isinstance(value, Mapping):
        return None
    transcripts = value.get("transcripts")
    if isinstance(transcripts, list) and transcripts and all(
            isinstance(t, Mapping) and ("sentences" in t or "channel_id" in t) for t in transcripts):
        return transcripts
    return None


def _task_status(value: Any) -> str | None:
    """The status text of an Alibaba task document with no sentences in it, else None."""
    if not isinstance(value, Mapping):
        return None
    if "TaskId" in value and ("StatusText" in value or "StatusCode" in value):
        return str(value.get("StatusText") or value.get("StatusCode"))
    output = value.get("output")
    if isinstance(output, Mapping) and ("task_status" in output or "results" in output) and (
            "task_id" in output or "task_status" in output):
        return str(output.get("task_status") or "")
    if "task_id" in value and "flash_result" in value:
        return str(value.get("message") or value.get("status"))
    return None


def find_sentences(value: Any) -> tuple[list[Any], str] | None:
    """The sentence list and where it sat (``Result.Sentences``…), or None if not Alibaba."""
    if not isinstance(value, Mapping):
        return None
    for key in _SENTENCE_LISTS:
        if isinstance(value.get(key), list):
            return value[key], key
    for container in _CONTAINERS:
        inner = value.get(container)
        if isinstance(inner, str):
            inner = _decoded(inner)  # some SDK wrappers keep the body as JSON text: "Result": "{\"Sentences\"…"
        if isinstance(inner, Mapping):
            for key in _SENTENCE_LISTS:
                if isinstance(inner.get(key), list):
                    return inner[key], f"{container}.{key}"
    return None


def _decoded(text: str) -> Any:
    """A JSON object or array written as a string, decoded; None when the string is not one."""
    stripped = text.strip()
    if stripped[:1] not in ("{", "["):
        return None
    try:
        return json.loads(stripped)
    except json.JSONDecodeError:
        return None


def _text_result(value: Any) -> tuple[str, str] | None:
    """The container (``Result``…) holding text that is not a sentence list, and that text."""
    if not isinstance(value, Mapping):
        return None
    for container in _CONTAINERS:
        inner = value.get(container)
        if isinstance(inner, str) and inner.strip():
            return container, inner.strip()
    return None


def _text_result_error(container: str, text: str, source: str) -> InputError:
    decoded = _decoded(text)
    if decoded is None:
        what = "不是 JSON (it is not JSON)"
        if text[:1] in ("{", "["):
            what = "是不完整或无效的 JSON (it is invalid or cut-off JSON)"
        return InputError(f"字段 {container} 是一段文本，{what}，读不出句子 (the {container} field is a string, "
                          "not a result object)", path=source, field=container,
                          hint=f"{container} 应为对象 {{\"Sentences\": [...]}}，或是这个对象的 JSON 文本；请保存 "
                               "GetTaskResult 查询接口的完整应答 (save the whole GetTaskResult answer)")
    return InputError(f"字段 {container} 的 JSON 文本中没有 Sentences 列表 (the decoded {container} has no "
                      "sentence list)", path=source, field=f"{container}.Sentences",
                      hint="请确认识别任务已成功 (StatusText=SUCCESS) 且录音中有人声")


def parse_alibaba(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse an Alibaba transcription result into one call."""
    value = load_json(text, source=source)
    found = find_sentences(value)
    transcripts = _transcripts(value) if found is None else None
    if transcripts is not None:
        sentences = _paraformer_sentences(transcripts, source)
    elif found is not None:
        items, where = found
        sentences = [_read_sentence(item, f"{where}[{i}]", source) for i, item in enumerate(items)]
    else:
        text_result = _text_result(value)
        if text_result is not None and (_decoded(text_result[1]) is None
                                        or _task_status(value) in (None, "SUCCESS")):
            raise _text_result_error(*text_result, source)
        raise _no_result(value, source)
    if not any(s["text"].strip() for s in sentences):
        raise InputError("识别结果中没有任何句子 (the result has no sentences)", path=source,
                         field="transcripts" if transcripts is not None else found[1] if found else None,
                         hint="请确认录音有人声、识别任务已成功 (StatusText=SUCCESS)")
    sentences.sort(key=lambda s: (s["begin"] if s["begin"] is not None else 0.0))
    mapping, warnings = _roles(sentences, roles, source)
    snake = found is None or not found[1].endswith("Sentences")  # flash_result.sentences, DashScope transcripts
    one_channel = _one_channel_warning(sentences, roles, snake)
    if one_channel is not None:
        warnings.append(one_channel)
    turns = [RawTurn(role=mapping[s["who"]], original=s["text"], start=s["begin"], end=s["end"],
                     channel=s["channel"]) for s in sentences]
    return [Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings),
                 source_format=FORMAT)]


def _one_channel_warning(sentences: list[dict[str, Any]], roles: Mapping[str, str] | None,
                         snake: bool) -> str | None:
    """Every sentence on channel 0 and no speaker ids: a mono recording recognised without speaker
    separation (the customer's words then count as the agent's) — or a stereo call whose customer
    never spoke. The result cannot tell which, so it is read, with a warning saying how to check."""
    if len(sentences) < 4 or any(s["channel"] != 0 or s["speaker"] is not None for s in sentences):
        return None
    if roles and any(key.strip() == "0" for key in roles):
        return None  # --roles 0=agent: the user says what channel 0 is
    key = "channel_id" if snake else "ChannelId"
    return (f"所有句子都在声道 0（{key}），没有说话人编号，全部记为坐席：若这是未开启说话人分离的单声道录音，客户的话也"
            f"算作坐席的，{ONE_SIDED_MARK}。{_HINT_SPEAKERS}。若是双声道录音而客户一直没有说话，可忽略本提示，或用 "
            "--roles 0=agent 确认 (every sentence is on channel 0: unless the customer never spoke, turn on "
            "speaker separation)")


def _no_result(value: Any, source: str) -> InputError:
    status = _task_status(value)
    if isinstance(value, Mapping) and isinstance(value.get("output"), Mapping):
        return InputError(f"这是百炼/DashScope 任务状态 (task_status={status or '?'})，不是识别结果 "
                          "(a task response, not the transcript)", path=source, field="output.results",
                          hint="请下载 results[].transcription_url 指向的 JSON 文件，再用它评分")
    if status is not None:
        return InputError(f"阿里云识别任务没有结果：{status} (the task has no sentences)", path=source,
                          field="Result.Sentences",
                          hint="SUCCESS_WITH_NO_VALID_FRAGMENT 表示录音中没有可识别的人声；其他状态请重新提交识别任务")
    return InputError("没有找到 Result.Sentences (not an Alibaba transcription result)", path=source)


def _paraformer_sentences(transcripts: list[Any], source: str) -> list[dict[str, Any]]:
    sentences: list[dict[str, Any]] = []
    for c, transcript in enumerate(transcripts):
        obj = expect_object(transcript, f"transcripts[{c}]", source=source)
        channel = optional_number(obj, "channel_id", f"transcripts[{c}]", source=source)
        items = expect_list(obj.get("sentences") or [], f"transcripts[{c}].sentences", source=source)
        for i, item in enumerate(items):
            sentence = _read_sentence(item, f"transcripts[{c}].sentences[{i}]", source)
            if "channel_id" not in item and "ChannelId" not in item:
                sentence["channel"] = int(channel) if channel is not None else c
            sentences.append(sentence)
    return sentences


def _get(obj: Mapping[str, Any], name: str) -> str:
    return next((key for key in _KEYS[name] if key in obj), _KEYS[name][0])


def _read_sentence(item: Any, where: str, source: str) -> dict[str, Any]:
    obj = expect_object(item, where, source=source)
    begin = optional_number(obj, _get(obj, "begin"), where, source=source, scale=1000.0)
    end = optional_number(obj, _get(obj, "end"), where, source=source, scale=1000.0)
    check_span(begin, end, where, source=source)
    channel = optional_number(obj, _get(obj, "channel"), where, source=source)
    speaker = optional_text(obj, _get(obj, "speaker"), where, source=source)
    return {"begin": begin, "end": end, "channel": int(channel) if channel is not None else 0,
            "speaker": speaker, "text": optional_text(obj, _get(obj, "text"), where, source=source) or ""}


def _roles(sentences: list[dict[str, Any]], roles: Mapping[str, str] | None,
           source: str) -> tuple[dict[str, Role], list[str]]:
    channels = {s["channel"] for s in sentences}
    if len(channels) <= 1 and all(s["speaker"] is not None for s in sentences) and sentences:
        for s in sentences:
            s["who"] = str(s["speaker"])
        return assign_speaker_roles([(s["who"], s["text"]) for s in sentences], roles, source=source)
    role_map = RoleMap(roles, source=source, use_defaults=False)
    mapping: dict[str, Role] = {}
    warnings: list[str] = []
    for s in sentences:
        s["who"] = str(s["channel"])
        if s["who"] in mapping:
            continue
        role = role_map.user_role(s["who"]) or DEFAULT_CHANNEL_ROLES.get(s["channel"])
        if role is None:
            role = Role.UNKNOWN
            warnings.append(f"声道 {s['channel']} 没有角色，记为 unknown (channel has no role; use --roles)")
        mapping[s["who"]] = role
    found = [mapping[s["who"]] for s in sentences]
    swapped = check_convention(found, [(s["who"], s["text"]) for s in sentences], roles, source=source,
                               convention=_CONVENTION, keep="0=agent,1=customer")
    if swapped is not None:
        mapping = {s["who"]: role for s, role in zip(sentences, found, strict=True)}
        warnings.append(swapped)
    return mapping, warnings
