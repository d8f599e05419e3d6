"""Volcengine (火山引擎 / 豆包) recorded-file recognition (录音文件识别) results.

Read: the big-model API's query answer (``/api/v3/auc/bigmodel/query``): ``{"audio_info":
{"duration"}, "result": {"text", "utterances": [...]}}``, the standard API's answer
(``/api/v1/auc/query``): ``{"resp": {"id", "code": 1000, "message", "text", "utterances"}}``,
and answers with the utterances at the top: ``{"code": 1000, "utterances": [...]}``.
Each utterance has ``text``, ``start_time``/``end_time`` (milliseconds), ``words`` and
``additions``: ``speaker`` (with ``enable_speaker_info``) and ``channel_id`` (with
``enable_channel_split``, two-channel audio). Channels are used when there are two or more,
else speakers; either way they are anonymous ids mapped through ``roles`` (``{"1":
"agent"}``) or the opening phrases, with a warning. Word ``confidence`` (when above 0) is
averaged into the turn's confidence. A result without utterances (``show_utterances`` off),
an empty result (the big-model API answers a running task with an empty body and says so only
in its ``X-Api-Status-Code`` header) and a task still running (standard API ``code``
2000/2001) are errors that say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hotline_qa.core.call import Call
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import RawTurn, build_utterances, require_several_speakers, roles_for_sentences
from hotline_qa.ingest.jsonutil import (
    check_span,
    expect_list,
    expect_object,
    load_json,
    optional_number,
    optional_text,
)

FORMAT = "volcengine"
_HINT = ("提交任务时在 request 中设 show_utterances=true，并设 enable_speaker_info=true（单声道）"
         "或 enable_channel_split=true（双声道电话录音）")
_NATIVE_KEYS = frozenset({"role", "start", "end", "original"})
# Still running: the standard API's code 2000 (processing) / 2001 (queued); the big-model API
# says so only in its X-Api-Status-Code header (20000001 processing, 20000002 queued).
_RUNNING = frozenset({"2000", "2001", "20000001", "20000002"})
# (Written without the status numbers: error text masks long digit runs as personal data.)
_EMPTY_HINT = ("大模型 query 接口在任务处理中、排队中时应答体为空，状态只在响应头 X-Api-Status-Code 中；"
               "请等状态为成功后再保存应答体。若状态为静音音频，录音中没有可识别的人声")


def _unwrap(value: Any) -> tuple[Any, str]:
    """The standard API (``/api/v1/auc/query``) wraps its answer in ``resp``."""
    if isinstance(value, Mapping) and isinstance(value.get("resp"), Mapping) and len(value) <= 2:
        return value["resp"], "resp."
    return value, ""


def _utterance_list(value: Any) -> tuple[Any, str] | None:
    """The utterances (or None if not Volcengine) and where they sat."""
    value, prefix = _unwrap(value)
    if not isinstance(value, Mapping) or isinstance(value.get("format"), str):
        return None
    result = value.get("result")
    if isinstance(result, list) and result and isinstance(result[0], Mapping):
        result = result[0]
    if isinstance(result, Mapping) and ("utterances" in result or "text" in result) and (
            "audio_info" in value or "utterances" in result or "additions" in result):
        return result.get("utterances"), f"{prefix}result.utterances"
    utterances = value.get("utterances")
    if isinstance(utterances, list) and utterances and all(
            isinstance(u, Mapping) and not (_NATIVE_KEYS & set(u)) for u in utterances) and any(
            "start_time" in u for u in utterances):
        return utterances, f"{prefix}utterances"
    if prefix and "code" in value and ("utterances" in value or "id" in value):
        return value.get("utterances"), f"{prefix}utterances"  # the standard API, finished or not
    return None


def looks_volcengine(value: Any) -> bool:
    """A query answer with ``result.utterances`` (or ``result.text`` and ``audio_info``), or
    top-level utterances timed with ``start_time`` (never our own JSON's ``start``/``role``)."""
    return _utterance_list(value) is not None


def parse_volcengine(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse a Volcengine recorded-file recognition result into one call."""
    document = expect_object(load_json(text, source=source), "$", source=source)
    value, prefix = _unwrap(document)
    code = value.get("code")
    if code is not None and str(code) not in ("1000", "0", "20000000"):
        running = str(code) in _RUNNING
        raise InputError(f"火山引擎识别任务{'尚未完成' if running else '失败'} (code={code}) {value.get('message', '')}"
                         .rstrip(), path=source, field=f"{prefix}code",
                         hint="稍后再查询，任务完成 (code=1000) 后保存其应答" if running
                         else "请按错误码检查录音后重新提交识别任务")
    found = _utterance_list(document)
    if found is None:
        raise InputError("没有找到 result.utterances (not a Volcengine result)", path=source, hint=_HINT)
    raw, where = found
    if not raw:
        result = value.get("result")
        full_text = result.get("text") if isinstance(result, Mapping) else value.get("text")
        if not (isinstance(full_text, str) and full_text.strip()):
            raise InputError("火山引擎结果是空的：任务尚未完成或录音中没有人声 (an empty result: the task is not "
                             "finished, or the audio is silent)", path=source, field=where, hint=_EMPTY_HINT)
        raise InputError("结果中没有分句 utterances，只有全文，无法区分轮次和说话人 (no utterances)", path=source,
                         field=where, hint=_HINT)
    items = expect_list(raw, where, source=source)
    sentences = [_utterance(item, f"{where}[{i}]", source) for i, item in enumerate(items)]
    if not any(s["text"].strip() for s in sentences):
        raise InputError("识别结果中没有任何句子 (the result has no sentences)", path=source, field=where,
                         hint="请确认录音有人声")
    sentences.sort(key=lambda s: s["begin"] if s["begin"] is not None else 0.0)
    channels = {s["channel"] for s in sentences if s["channel"] is not None}
    key = "channel" if len(channels) >= 2 else "speaker"
    if all(s[key] is None for s in sentences):
        raise InputError("结果没有说话人或声道 (additions.speaker / additions.channel_id)，无法区分坐席和客户 "
                         "(no speakers)", path=source, field=f"{where}[0].additions", hint=_HINT)
    require_several_speakers([s[key] for s in sentences], source=source, field=f"{where}[0].additions", hint=_HINT)
    found_roles, warnings = roles_for_sentences([(s[key], None, s["text"]) for s in sentences], roles, source=source)
    turns = [RawTurn(role=role, original=s["text"], start=s["begin"], end=s["end"], confidence=s["confidence"],
                     channel=int(s["channel"]) if key == "channel" and s["channel"].isdigit() else None)
             for s, role in zip(sentences, found_roles, strict=True)]
    return [Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings), source_format=FORMAT)]


def _utterance(item: Any, where: str, source: str) -> dict[str, Any]:
    obj = expect_object(item, where, source=source)
    begin = optional_number(obj, "start_time", where, source=source, scale=1000.0)
    end = optional_number(obj, "end_time", where, source=source, scale=1000.0)
    check_span(begin, end, where, source=source)
    additions = expect_object(obj.get("additions") or {}, f"{where}.additions", source=source)
    speaker = optional_text(additions, "speaker", f"{where}.additions", source=source)
    channel = optional_text(additions, "channel_id", f"{where}.additions", source=source)
    return {"begin": begin, "end": end, "text": optional_text(obj, "text", where, source=source) or "",
            "speaker": speaker, "channel": channel, "confidence": _confidence(obj.get("words"))}


def _confidence(words: Any) -> float | None:
    if not isinstance(words, list):
        return None
    scores = [float(w["confidence"]) for w in words if isinstance(w, Mapping) and isinstance(
        w.get("confidence"), int | float) and not isinstance(w.get("confidence"), bool) and 0 < w["confidence"] <= 1]
    return round(sum(scores) / len(scores), 4) if scores else None
