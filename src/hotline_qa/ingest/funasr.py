"""FunASR output: ``[{"key", "text", "sentence_info": [{"text", "start", "end", "spk"}]}]``.

Times are milliseconds. Speakers (``spk``) become roles through ``roles`` (``{"0": "agent"}``)
or, without it, by finding the speaker whose first turns sound like an agent's opening
(您好/工号/很高兴为您服务…); failing that the first speaker is the agent. A warning says
which speaker was chosen. Each item of a list is one call; its ``key`` becomes the call id.

Variants read: ``spk`` as a number or a string; a sentence's text as a string or (without
a punctuation model) a list of tokens; the text under ``sentence`` (``spk_mode="vad_segment"``);
times only in the sentence's ``timestamp`` list; SenseVoice tags (``<|zh|><|NEUTRAL|>``)
removed; the ModelScope pipeline's output (FunASR before 1.0, e.g. ``speech_paraformer-large-
vad-punc-spk``): ``{"text", "sentences": [{"text", "start", "end", "ts_list", "spk"}]}``.
Output without speakers (no ``spk_model``; the runtime server's messages, with or without
``stamp_sents``) is an error that says how to get speakers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from hotline_qa.core.call import Call, CallMetadata, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import RawTurn, assign_speaker_roles, build_utterances
from hotline_qa.ingest.jsonutil import (
    check_span,
    expect_list,
    expect_object,
    load_json_documents,
    optional_number,
    optional_text,
)

FORMAT = "funasr"
_TAG = re.compile(r"<\|[^|<>]{1,32}\|>")  # SenseVoice: <|zh|><|NEUTRAL|><|Speech|><|withitn|>
_NO_SPEAKERS_HINT = ("用 FunASR 的 AutoModel 加说话人模型 (spk_model=\"cam++\") 重新识别，"
                     "或把双声道录音按声道分别识别后整理成本项目 JSON/表格 (run with spk_model to get speakers)")


def looks_funasr(value: Any) -> bool:
    """An object (or list of objects) with a ``sentence_info`` list, a bare ``key``/``text``
    result, a runtime server message (``stamp_sents``) or a funasr-onnx result (``preds``)."""
    first = value[0] if isinstance(value, list) and value else value
    if not isinstance(first, Mapping):
        return False
    if isinstance(first.get("sentence_info"), list) or "stamp_sents" in first or _modelscope_sentences(first):
        return True
    if "wav_name" in first and "mode" in first and "text" in first:
        return True  # a runtime server message without stamp_sents (2pass-online, no timestamp model)
    if "preds" in first and len(first) <= 4 and set(first) <= {"preds", "timestamp", "raw_tokens", "key"}:
        return True
    return "key" in first and "text" in first and ("timestamp" in first or len(first) <= 3)


def parse_funasr(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse FunASR JSON (or JSONL) into one call per item."""
    calls: list[Call] = []
    for document in load_json_documents(text, source=source):
        items = document.value if isinstance(document.value, list) else [document.value]
        for i, item in enumerate(items):
            calls.append(_parse_item(item, f"[{i}]", roles, source))
    if not calls:
        raise InputError("文件中没有 FunASR 结果 (no FunASR results)", path=source)
    return calls


def _modelscope_sentences(obj: Mapping[str, Any]) -> bool:
    """ModelScope's pipeline (FunASR before 1.0): ``{"text", "sentences": [{"text", "start",
    "end", "ts_list", "spk"}]}`` — not Alibaba's ``sentences`` (``begin_time``, ``channel_id``)."""
    sentences = obj.get("sentences")
    return isinstance(sentences, list) and bool(sentences) and isinstance(sentences[0], Mapping) and (
        "ts_list" in sentences[0] or "spk" in sentences[0] or ("start" in sentences[0] and "end" in sentences[0]))


def _parse_item(item: Any, where: str, roles: Mapping[str, str] | None, source: str) -> Call:
    obj = expect_object(item, where, source=source)
    list_key = "sentence_info" if "sentence_info" in obj or not _modelscope_sentences(obj) else "sentences"
    if list_key not in obj:
        what = next((k for k in ("stamp_sents", "preds") if k in obj), "sentence_info")
        raise InputError(f"FunASR 结果没有说话人 (no speakers: {what} has no spk)" if what != "sentence_info"
                         else "缺少 sentence_info，没有分句和说话人 (no sentence_info)", path=source,
                         field=f"{where}.{what}", hint=_NO_SPEAKERS_HINT)
    infos = expect_list(obj[list_key], f"{where}.{list_key}", source=source)
    sentences = [_read_sentence(info, f"{where}.{list_key}[{k}]", source) for k, info in enumerate(infos)]
    if sentences and all(spk is None for spk, _, _, _ in sentences):
        raise InputError(f"{list_key} 中没有说话人 spk (no spk in {list_key})", path=source,
                         field=f"{where}.{list_key}[0].spk", hint=_NO_SPEAKERS_HINT)
    with_speaker = [(spk, txt) for spk, txt, _, _ in sentences if spk is not None]
    mapping, warnings = assign_speaker_roles(with_speaker, roles, source=source)
    if len(with_speaker) < len(sentences):
        warnings.append("部分句子没有 spk，角色记为 unknown (sentences without spk)")
    turns = [RawTurn(role=mapping.get(spk, Role.UNKNOWN) if spk is not None else Role.UNKNOWN,
                     original=txt, start=start, end=end) for spk, txt, start, end in sentences]
    if not any(txt.strip() for _, txt, _, _ in sentences):
        raise InputError("这一项没有识别出任何句子 (no sentences)", path=source, field=f"{where}.{list_key}",
                         hint="请确认录音有人声；空结果请从文件中删去")
    key = optional_text(obj, "key", where, source=source)
    metadata = replace(CallMetadata(), call_id=key) if key else CallMetadata()
    return Call(source=source, utterances=build_utterances(turns), metadata=metadata,
                warnings=tuple(warnings), source_format=FORMAT)


def _read_sentence(item: Any, where: str, source: str) -> tuple[str | None, str, float | None, float | None]:
    obj = expect_object(item, where, source=source)
    start = optional_number(obj, "start", where, source=source, scale=1000.0)
    end = optional_number(obj, "end", where, source=source, scale=1000.0)
    if start is None or end is None:
        first, last = _timestamp_span(obj.get("timestamp") if "timestamp" in obj else obj.get("ts_list"))
        start = first if start is None else start
        end = last if end is None else end
    check_span(start, end, where, source=source)
    speaker = optional_text(obj, "spk", where, source=source)
    key = "text" if "text" in obj or "sentence" not in obj else "sentence"
    value = obj.get(key)
    if isinstance(value, list) and all(isinstance(token, str) for token in value):
        text = _join_tokens(value)  # no punctuation model: the tokens of the sentence
    else:
        text = optional_text(obj, key, where, source=source) or ""
    return speaker, _TAG.sub("", text).strip(), start, end


def _timestamp_span(value: Any) -> tuple[float | None, float | None]:
    """First start and last end (ms -> s) of a ``[[start, end], ...]`` list, if it is one."""
    if not isinstance(value, list) or not value:
        return None, None
    first, last = value[0], value[-1]
    if not (isinstance(first, list) and isinstance(last, list) and len(first) >= 2 and len(last) >= 2):
        return None, None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in (first[0], last[1])):
        return None, None
    return first[0] / 1000.0, last[1] / 1000.0


def _join_tokens(tokens: list[str]) -> str:
    """Chinese tokens join without spaces; Latin words keep one."""
    text = ""
    for token in tokens:
        if text and token and text[-1].isascii() and text[-1].isalnum() and token[0].isascii() and token[0].isalnum():
            text += " "
        text += token
    return text
