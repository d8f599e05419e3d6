"""FunASR output: ``[{"key", "text", "sentence_info": [{"text", "start", "end", "spk"}]}]``.

Times are milliseconds. Speakers (``spk``) become roles through ``roles`` (``{"0": "agent"}``)
or, without it, by finding the speaker whose first turns sound like an agent's opening
(您好/工号/很高兴为您服务…); failing that the first speaker is the agent. A warning says
which speaker was chosen. Each item of a list is one call; its ``key`` becomes the call id.
"""

from __future__ import annotations

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


def looks_funasr(value: Any) -> bool:
    """An object (or list of objects) with a ``sentence_info`` list."""
    first = value[0] if isinstance(value, list) and value else value
    return isinstance(first, Mapping) and isinstance(first.get("sentence_info"), list)


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


def _parse_item(item: Any, where: str, roles: Mapping[str, str] | None, source: str) -> Call:
    obj = expect_object(item, where, source=source)
    if "sentence_info" not in obj:
        raise InputError("缺少 sentence_info (no sentence_info)", path=source, field=where,
                         hint="用说话人模型运行 FunASR (run FunASR with spk_model) 以得到分句和说话人")
    infos = expect_list(obj["sentence_info"], f"{where}.sentence_info", source=source)
    sentences = [_read_sentence(info, f"{where}.sentence_info[{k}]", source) for k, info in enumerate(infos)]
    with_speaker = [(spk, txt) for spk, txt, _, _ in sentences if spk is not None]
    mapping, warnings = assign_speaker_roles(with_speaker, roles, source=source)
    if len(with_speaker) < len(sentences):
        warnings.append("部分句子没有 spk，角色记为 unknown (sentences without spk)")
    turns = [RawTurn(role=mapping.get(spk, Role.UNKNOWN) if spk is not None else Role.UNKNOWN,
                     original=txt, start=start, end=end) for spk, txt, start, end in sentences]
    key = optional_text(obj, "key", where, source=source)
    metadata = replace(CallMetadata(), call_id=key) if key else CallMetadata()
    return Call(source=source, utterances=build_utterances(turns), metadata=metadata,
                warnings=tuple(warnings), source_format=FORMAT)


def _read_sentence(item: Any, where: str, source: str) -> tuple[str | None, str, float | None, float | None]:
    obj = expect_object(item, where, source=source)
    start = optional_number(obj, "start", where, source=source, scale=1000.0)
    end = optional_number(obj, "end", where, source=source, scale=1000.0)
    check_span(start, end, where, source=source)
    speaker = optional_text(obj, "spk", where, source=source)
    return speaker, optional_text(obj, "text", where, source=source) or "", start, end
