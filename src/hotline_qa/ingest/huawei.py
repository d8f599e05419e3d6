"""Huawei Cloud SIS (华为云语音交互服务) recorded-file recognition (录音文件识别) results.

Reads what ``CollectTranscriberJob`` returns (``GET .../asr/transcriber/jobs/{job_id}``, also
the callback body): ``{"status": "FINISHED", "audio_duration", "segments": [{"start_time",
"end_time", "result": {"text", "score", "analysis_info": {"role", "emotion", "speed"},
"word_info"}}]}``. Times are milliseconds. The role is given: ``AGENT`` (坐席) and ``USER``
(客户) for 8 kHz and two-channel audio when the job asked for ``need_analysis_info``
(``diarization``, ``channel`` LEFT_AGENT/RIGHT_AGENT); 16 kHz mono audio has ``speaker1`` …
``speaker10`` instead, mapped through ``roles`` or the opening phrases with a warning.
``roles`` can also remap ``AGENT``/``USER``; without it, stated roles whose first turns clearly
say the opposite (the agent's opening phrases on the ``USER`` side only) are swapped, with a
warning. ``score`` (0–1, when present) is the confidence.

Also read: the flash recogniser (录音文件识别极速版, ``RecognizeFlashAsr``): ``{"trace_id",
"audio_duration", "flash_result": [{"channel_id", "sentences": [{"start_time", "end_time",
"result": {"text", "score", "word_info"}}]}]}``. It has no speaker separation: the channels of
two-channel audio are the speakers (roles from the opening phrases or ``roles``); a single
channel is an error. A one-sentence result (``RecognizeShortAudio``: ``trace_id`` and
``result.text`` only) is an error saying what to use instead.
A job still ``WAITING``, an ``ERROR`` job and the submit answer (only a ``job_id``) are errors
that say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import RawTurn, build_utterances, check_convention, roles_for_sentences
from hotline_qa.ingest.jsonutil import (
    check_span,
    expect_list,
    expect_object,
    load_json,
    optional_number,
    optional_text,
)

FORMAT = "huawei"
_ROLES = {"AGENT": Role.AGENT, "USER": Role.CUSTOMER}
_STATUSES = ("WAITING", "FINISHED", "ERROR")
# For two-channel audio the roles come from the job's channel setting (LEFT_AGENT/RIGHT_AGENT),
# chosen once for a whole trunk: the content decides when it clearly says the opposite.
_CONVENTION = "结果中的角色 AGENT 为坐席、USER 为客户（双声道时来自提交任务时的 channel 设置）"
_HINT_ROLES = ("提交 PushTranscriberJobs 时在 config 中加 need_analysis_info: {\"diarization\": true, "
               "\"channel\": \"LEFT_AGENT\"}（双声道按坐席所在声道选 LEFT_AGENT 或 RIGHT_AGENT）")


def looks_huawei(value: Any) -> bool:
    """A job result with ``segments`` of ``result`` objects, a job status, the submit answer, a
    flash result (``flash_result`` list) or a one-sentence result (``trace_id`` + ``result.text``)."""
    if not isinstance(value, Mapping):
        return False
    if _flash_channels(value) is not None or _is_short_audio(value):
        return True
    segments = value.get("segments")
    if isinstance(segments, list) and segments:
        first = segments[0]
        return isinstance(first, Mapping) and isinstance(first.get("result"), Mapping) and "start_time" in first
    if value.get("status") in _STATUSES and ("create_time" in value or "job_id" in value or "segments" in value):
        return True
    return set(value) == {"job_id"}


def _flash_channels(value: Mapping[str, Any]) -> list[Any] | None:
    """RecognizeFlashAsr: ``flash_result`` is a list of channels, each with ``sentences``."""
    channels = value.get("flash_result")
    if isinstance(channels, list) and all(isinstance(c, Mapping) and ("sentences" in c or "channel_id" in c)
                                          for c in channels):
        return channels
    return None


def _is_short_audio(value: Mapping[str, Any]) -> bool:
    """RecognizeShortAudio (一句话识别): ``{"trace_id", "result": {"text", "score"}}``."""
    result = value.get("result")
    return "trace_id" in value and isinstance(result, Mapping) and "text" in result and "segments" not in value


def parse_huawei(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse a Huawei Cloud SIS recorded-file recognition result (or a flash result) into one call."""
    value = expect_object(load_json(text, source=source), "$", source=source)
    if _is_short_audio(value):
        raise InputError("这是华为云一句话识别 (RecognizeShortAudio) 的结果：只有一段文字，没有说话人和时间，无法区分坐席和客户 "
                         "(a one-sentence result: no speakers, no times)", path=source, field="result.text",
                         hint="整通电话请用录音文件识别 (PushTranscriberJobs，need_analysis_info 开启 diarization) "
                              "或双声道录音的录音文件识别极速版，保存其结果")
    channels = _flash_channels(value)
    if channels is not None:
        return [_parse_flash(channels, roles, source)]
    _check_status(value, source)
    items = expect_list(value.get("segments") or [], "segments", source=source)
    sentences = [_segment(item, f"segments[{i}]", source) for i, item in enumerate(items)]
    if not any(s["text"].strip() for s in sentences):
        raise InputError("识别结果中没有任何句子 (the result has no sentences)", path=source, field="segments",
                         hint="请确认录音有人声、任务状态为 FINISHED")
    if all(s["label"] is None for s in sentences):
        raise InputError("识别结果没有角色 analysis_info.role，无法区分坐席和客户 (no roles in the result)",
                         path=source, field="segments[0].result.analysis_info", hint=_HINT_ROLES)
    sentences.sort(key=lambda s: s["begin"] if s["begin"] is not None else 0.0)
    found, warnings = roles_for_sentences([(s["label"], _ROLES.get(s["label"] or ""), s["text"]) for s in sentences],
                                          roles, source=source)
    swapped = check_convention(found, [(s["label"] if s["label"] in _ROLES else None, s["text"]) for s in sentences],
                               roles, source=source, convention=_CONVENTION, keep="AGENT=agent,USER=customer")
    warnings.extend([swapped] if swapped else [])
    turns = [RawTurn(role=role, original=s["text"], start=s["begin"], end=s["end"], confidence=s["score"])
             for s, role in zip(sentences, found, strict=True)]
    return [Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings), source_format=FORMAT)]


def _parse_flash(channels: list[Any], roles: Mapping[str, str] | None, source: str) -> Call:
    """A flash result: one entry per audio channel; the channels are the speakers (no roles)."""
    sentences: list[dict[str, Any]] = []
    for c, channel in enumerate(channels):
        where = f"flash_result[{c}]"
        obj = expect_object(channel, where, source=source)
        number = optional_number(obj, "channel_id", where, source=source)
        label = str(int(number)) if number is not None else str(c)
        items = expect_list(obj.get("sentences") or [], f"{where}.sentences", source=source)
        for i, item in enumerate(items):
            sentence = _segment(item, f"{where}.sentences[{i}]", source)
            sentence["label"] = label
            sentences.append(sentence)
    if not any(s["text"].strip() for s in sentences):
        raise InputError("识别结果中没有任何句子 (the result has no sentences)", path=source, field="flash_result",
                         hint="请确认录音有人声")
    if len(channels) < 2:
        raise InputError("极速版结果只有一个声道：单声道录音没有说话人分离，无法区分坐席和客户 (one channel, no speakers)",
                         path=source, field="flash_result[0].channel_id",
                         hint="请用双声道录音（坐席、客户各一个声道）识别，或用录音文件识别 (PushTranscriberJobs) "
                              "并开启 need_analysis_info 的 diarization")
    sentences.sort(key=lambda s: s["begin"] if s["begin"] is not None else 0.0)
    found, warnings = roles_for_sentences([(s["label"], None, s["text"]) for s in sentences], roles, source=source)
    turns = [RawTurn(role=role, original=s["text"], start=s["begin"], end=s["end"], confidence=s["score"],
                     channel=int(s["label"])) for s, role in zip(sentences, found, strict=True)]
    return Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings),
                source_format=FORMAT + "/flash")


def _check_status(value: Mapping[str, Any], source: str) -> None:
    status = value.get("status")
    if set(value) == {"job_id"}:
        raise InputError("这是提交录音文件识别任务 (PushTranscriberJobs) 的应答，只有 job_id，不是识别结果 "
                         "(a job submission, not the transcript)", path=source, field="job_id",
                         hint="请用 job_id 调用 CollectTranscriberJob，等 status=FINISHED 后保存其应答")
    if status == "WAITING":
        raise InputError("华为云识别任务尚未完成 (status=WAITING, the job is not finished)", path=source,
                         field="status", hint="稍后再调用 CollectTranscriberJob，等 status=FINISHED 后保存其应答")
    if status == "ERROR":
        detail = value.get("error_msg") or value.get("error_code") or ""
        raise InputError(f"华为云识别任务出错 (status=ERROR, the job failed) {detail}".rstrip(), path=source,
                         field="status", hint="请检查录音地址、格式和 OBS 授权后重新提交识别任务")


def _segment(item: Any, where: str, source: str) -> dict[str, Any]:
    obj = expect_object(item, where, source=source)
    begin = optional_number(obj, "start_time", where, source=source, scale=1000.0)
    end = optional_number(obj, "end_time", where, source=source, scale=1000.0)
    check_span(begin, end, where, source=source)
    result = expect_object(obj.get("result") or {}, f"{where}.result", source=source)
    info = expect_object(result.get("analysis_info") or {}, f"{where}.result.analysis_info", source=source)
    label = optional_text(info, "role", f"{where}.result.analysis_info", source=source)
    score = optional_number(result, "score", f"{where}.result", source=source)
    return {"begin": begin, "end": end, "text": optional_text(result, "text", f"{where}.result", source=source) or "",
            "label": label.strip().upper() if label and label.strip().upper() in _ROLES else label,
            "score": score if score is not None and score <= 1.0 else None}
