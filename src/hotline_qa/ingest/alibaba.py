"""Alibaba Cloud (阿里云智能语音交互) file-transcription results.

Reads ``{"Result": {"Sentences": [...]}}`` (录音文件识别), sentences at top level, and the
flash recogniser (``"flash_result": {"sentences": [...]}``, also under ``"Flash"``). Both the
CamelCase (``BeginTime``) and snake_case (``begin_time``) keys are understood; times are
milliseconds. Channel 0 is the agent and channel 1 the customer unless ``roles`` says
otherwise (``{"0": "customer", "1": "agent"}``). A mono result with ``SpeakerId`` maps
speakers like FunASR does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import RawTurn, RoleMap, assign_speaker_roles, build_utterances
from hotline_qa.ingest.jsonutil import check_span, expect_object, load_json, optional_number, optional_text

FORMAT = "alibaba"

_CONTAINERS = ("Result", "result", "Flash", "flash", "flash_result", "FlashResult")
_SENTENCE_LISTS = ("Sentences", "sentences")
_KEYS = {
    "channel": ("ChannelId", "channel_id"), "begin": ("BeginTime", "begin_time"),
    "end": ("EndTime", "end_time"), "text": ("Text", "text"), "speaker": ("SpeakerId", "speaker_id"),
}
DEFAULT_CHANNEL_ROLES: Mapping[int, Role] = {0: Role.AGENT, 1: Role.CUSTOMER}


def find_sentences(value: Any) -> tuple[list[Any], str] | None:
    """The sentence list and where it sat (``Result.Sentences``…), or None if not Alibaba."""
    if not isinstance(value, Mapping):
        return None
    for key in _SENTENCE_LISTS:
        if isinstance(value.get(key), list):
            return value[key], key
    for container in _CONTAINERS:
        inner = value.get(container)
        if isinstance(inner, Mapping):
            for key in _SENTENCE_LISTS:
                if isinstance(inner.get(key), list):
                    return inner[key], f"{container}.{key}"
    return None


def parse_alibaba(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse an Alibaba transcription result into one call."""
    found = find_sentences(load_json(text, source=source))
    if found is None:
        raise InputError("没有找到 Result.Sentences (not an Alibaba transcription result)", path=source)
    items, where = found
    sentences = [_read_sentence(item, f"{where}[{i}]", source) for i, item in enumerate(items)]
    sentences.sort(key=lambda s: (s["begin"] if s["begin"] is not None else 0.0))
    mapping, warnings = _roles(sentences, roles, source)
    turns = [RawTurn(role=mapping[s["who"]], original=s["text"], start=s["begin"], end=s["end"],
                     channel=s["channel"]) for s in sentences]
    return [Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings),
                 source_format=FORMAT)]


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
    return mapping, warnings
