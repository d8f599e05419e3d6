"""Whisper-family JSON: WhisperX (diarised), openai-whisper, faster-whisper and whisper.cpp.

Read:

- WhisperX with diarisation (``whisperx --diarize --output_format json``): ``{"segments":
  [{"start", "end", "text", "speaker": "SPEAKER_00", "words"}], "word_segments"}``; times in
  seconds. A segment that WhisperX could not give a speaker has no ``speaker``: its role is
  ``unknown`` (with a warning);
- the same segments with a ``speaker`` key written by other diarisation scripts (a list of
  segments, or ``{"segments": [...]}``, e.g. ``speaker`` ``A``/``B``);
- whisper.cpp ``-oj`` output: ``{"transcription": [{"offsets": {"from", "to"}, "text",
  "speaker"}]}`` (offsets in milliseconds; ``speaker`` ``0``/``1`` with ``--diarize`` on
  stereo audio, ``?`` when undecided, which becomes ``unknown``).

Speaker labels are anonymous ids (``SPEAKER_00`` is not a role, nor is ``A``): they become
roles through ``roles`` (``{"SPEAKER_01": "agent"}``) or the opening phrases, with a warning,
as in the FunASR importer. Plain Whisper output (openai-whisper ``--output_format json``,
faster-whisper segments, the OpenAI API's ``verbose_json``) has no speakers at all: that is
an error saying how to get them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hotline_qa.core.call import Call
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import (
    RawTurn,
    build_utterances,
    is_wordless,
    require_several_speakers,
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

FORMAT = "whisper"
_UNDECIDED = frozenset({"?", ""})  # whisper.cpp --diarize: neither channel clearly louder
_HINT = ("Whisper/faster-whisper 不区分说话人。请用 WhisperX 加说话人分离重新识别（whisperx 音频 --diarize "
         "--output_format json，再用 --roles SPEAKER_00=agent 指定坐席或按开场白推断），双声道录音可用 whisper.cpp "
         "--diarize；或把结果整理成带角色的对话文本（坐席：…／客户：…）或表格 (Whisper has no speakers: "
         "diarise with WhisperX, or write the turns with role labels)")


def _segments(value: Any) -> tuple[list[Any], str, str] | None:
    """The segment list, its JSON path and its time unit ("s" or "ms"), or None."""
    if isinstance(value, Mapping):
        transcription = value.get("transcription")
        if isinstance(transcription, list) and transcription and isinstance(transcription[0], Mapping) and (
                "offsets" in transcription[0] or "timestamps" in transcription[0]):
            return transcription, "transcription", "ms"
        segments = value.get("segments")
        if isinstance(segments, list) and segments and _is_segment(segments[0]):
            return segments, "segments", "s"
        return None
    if isinstance(value, list) and value and _is_segment(value[0]):
        return value, "$", "s"  # faster-whisper segments dumped as a list (tried after every other format)
    return None


def _is_segment(item: Any) -> bool:
    return isinstance(item, Mapping) and "text" in item and "start" in item and "end" in item and \
        "result" not in item and "role" not in item


def looks_whisper(value: Any) -> bool:
    """WhisperX/Whisper ``segments`` (start, end, text), a list of Whisper segments, or
    whisper.cpp ``transcription``."""
    return _segments(value) is not None


def parse_whisper(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse Whisper-family JSON with speakers into one call."""
    value = load_json(text, source=source)
    found = _segments(value)
    if found is None:
        raise InputError("没有找到 segments (not a Whisper/WhisperX result)", path=source, field="segments",
                         hint=_HINT)
    items, where, unit = found
    sentences = [_segment(item, f"{where}[{i}]" if where != "$" else f"[{i}]", unit, source)
                 for i, item in enumerate(expect_list(items, where, source=source))]
    sentences = [s for s in sentences if not is_wordless(s["text"])]  # "[音乐]", "" (whisper.cpp's "?")
    if not sentences:
        raise InputError("识别结果中没有任何句子 (the result has no sentences)", path=source, field=where,
                         hint="请确认录音有人声")
    if all(s["speaker"] is None for s in sentences):
        first = f"{where}[0].speaker" if where != "$" else "[0].speaker"
        raise InputError("Whisper 结果没有说话人 (segments have no \"speaker\")，无法区分坐席和客户", path=source,
                         field=first, hint=_HINT)
    sentences.sort(key=lambda s: s["start"] if s["start"] is not None else 0.0)
    require_several_speakers([s["speaker"] for s in sentences if s["speaker"] is not None], source=source,
                             field=f"{where}[0].speaker", hint=_HINT)
    found_roles, warnings = roles_for_sentences([(s["speaker"], None, s["text"]) for s in sentences], roles,
                                                source=source)
    turns = [RawTurn(role=role, original=s["text"], start=s["start"], end=s["end"])
             for s, role in zip(sentences, found_roles, strict=True)]
    return [Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings), source_format=FORMAT)]


def _segment(item: Any, where: str, unit: str, source: str) -> dict[str, Any]:
    obj = expect_object(item, where, source=source)
    if unit == "ms":
        offsets = expect_object(obj.get("offsets") or {}, f"{where}.offsets", source=source)
        start = optional_number(offsets, "from", f"{where}.offsets", source=source, scale=1000.0)
        end = optional_number(offsets, "to", f"{where}.offsets", source=source, scale=1000.0)
    else:
        start = optional_number(obj, "start", where, source=source)
        end = optional_number(obj, "end", where, source=source)
    check_span(start, end, where, source=source)
    speaker = optional_text(obj, "speaker", where, source=source)
    speaker = speaker.strip() if speaker is not None else None
    return {"start": start, "end": end, "text": (optional_text(obj, "text", where, source=source) or "").strip(),
            "speaker": None if speaker is None or speaker in _UNDECIDED else speaker}
