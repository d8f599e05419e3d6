"""Read any supported transcript: decode, detect the format, parse, attach metadata.

The format is sniffed from the content first (JSON keys, a WEBVTT header, SRT numbering and
arrows, a CSV header) and from the file extension second; plain dialogue text is the
fallback. Metadata is layered: what the file itself says, then the sidecar
``<stem>.meta.json``, then the options given by the caller (CLI options win).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from glob import escape as glob_escape
from pathlib import Path, PurePath
from typing import Any

from hotline_qa.core.call import Call, CallMetadata
from hotline_qa.core.channel_echo import drop_channel_echo
from hotline_qa.core.errors import InputError
from hotline_qa.core.system_prompts import mark_system_prompts
from hotline_qa.ingest import (
    alibaba,
    funasr,
    huawei,
    iflytek,
    native_json,
    subtitles,
    tabular,
    tencent,
    transcribe,
    volcengine,
    whisper,
)
from hotline_qa.ingest.common import ONE_SIDED_MARK, one_sided_warning
from hotline_qa.ingest.decode import decode_bytes
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.ingest.jsonutil import JsonDocument, load_json_documents, python_literal_as_json
from hotline_qa.ingest.meta import (
    SIDECAR_SUFFIX,
    Sidecar,
    find_sidecar,
    load_sidecar,
    merge_metadata,
    metadata_from_mapping,
    sidecar_from_mapping,
)
from hotline_qa.ingest.sniff import ZIP_MAGIC, not_a_transcript


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """A supported format: its name for ``--format``, descriptions and usual extensions."""

    name: str
    zh: str
    en: str
    extensions: tuple[str, ...]


SUPPORTED_FORMATS: tuple[FormatInfo, ...] = (
    FormatInfo("dialogue_text", "对话文本，每行一轮：“坐席：您好” 或 “[00:03.2 坐席] 您好”",
               "plain dialogue text, one turn per line", (".txt", ".text", ".log")),
    FormatInfo("native_json", "本项目 JSON (hotline-qa/call@1)，也可为数组或 JSONL",
               "the project's own JSON, a JSON array of calls, or JSONL", (".json", ".jsonl")),
    FormatInfo("srt", "SRT 字幕", "SRT subtitles", (".srt",)),
    FormatInfo("webvtt", "WebVTT 字幕（<v 坐席> 标注说话人）", "WebVTT subtitles", (".vtt",)),
    FormatInfo("csv", "CSV/TSV 表格，每行一轮", "CSV or TSV table, one turn per row", (".csv", ".tsv")),
    FormatInfo("xlsx", "Excel 表格 (.xlsx)，每行一轮", "Excel workbook, one turn per row", (".xlsx",)),
    FormatInfo("alibaba", "阿里云录音文件识别结果 JSON", "Alibaba Cloud file transcription JSON", ()),
    FormatInfo("funasr", "FunASR 输出 JSON (sentence_info)", "FunASR output JSON", ()),
    FormatInfo("transcribe", "Amazon Transcribe / Call Analytics JSON", "Amazon Transcribe JSON", ()),
    FormatInfo("tencent", "腾讯云录音文件识别结果 JSON (DescribeTaskStatus)",
               "Tencent Cloud ASR recorded-file recognition JSON", ()),
    FormatInfo("iflytek", "讯飞录音文件转写结果 JSON (orderResult / getResult)",
               "iFlytek long-form transcription JSON", ()),
    FormatInfo("huawei", "华为云 SIS 录音文件识别结果 JSON (CollectTranscriberJob、极速版 flash_result)",
               "Huawei Cloud SIS recorded-file recognition JSON", ()),
    FormatInfo("volcengine", "火山引擎/豆包录音文件识别结果 JSON (utterances)",
               "Volcengine (Doubao) recorded-file recognition JSON", ()),
    FormatInfo("whisper", "WhisperX 说话人分离结果 JSON (segments 带 speaker)，或 whisper.cpp --diarize",
               "WhisperX diarised JSON, or whisper.cpp --diarize JSON", ()),
)
FORMAT_NAMES = tuple(f.name for f in SUPPORTED_FORMATS)
#: Transcript files looked for beside a recording (same stem, in this order) and in folders
#: (``batch.runner.expand_paths``): the extensions above but the rare ``.text``/``.log``.
TRANSCRIPT_SUFFIXES = (".json", ".txt", ".jsonl", ".srt", ".vtt", ".csv", ".tsv", ".xlsx")
_ALIASES = {
    "txt": "dialogue_text", "text": "dialogue_text", "dialogue": "dialogue_text",
    "json": "native_json", "jsonl": "native_json", "native": "native_json", "vtt": "webvtt",
    "tsv": "csv", "excel": "xlsx", "aliyun": "alibaba", "aws": "transcribe", "amazon": "transcribe",
    "qcloud": "tencent", "xfyun": "iflytek", "xunfei": "iflytek", "huaweicloud": "huawei", "sis": "huawei",
    "volc": "volcengine", "doubao": "volcengine", "bytedance": "volcengine",
    "whisperx": "whisper", "faster_whisper": "whisper", "faster-whisper": "whisper", "whisper.cpp": "whisper",
}
_OPTIONS_SOURCE = "命令行选项 (options)"

Parser = Callable[[str, str, Mapping[str, str] | None, Mapping[str, str] | None], list[Call]]


def formats_help() -> str:
    """One line per format, for ``--help``."""
    return "\n".join(f"{f.name}: {f.zh} / {f.en}" for f in SUPPORTED_FORMATS)


def load_calls(
    path: Path,
    *,
    fmt: str | None = None,
    roles: Mapping[str, str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Call]:
    """Read a transcript file (any supported format) and its sidecar into calls."""
    path = Path(path)
    if path.name.endswith(SIDECAR_SUFFIX):
        raise _sidecar_given(path)  # (not read: it is no transcript)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 (cannot read the file): {exc.strerror}", path=str(path)) from exc
    sidecar_path = find_sidecar(path)
    sidecar = load_sidecar(sidecar_path) if sidecar_path is not None else None
    roles, side = _file_roles(roles, sidecar, str(sidecar_path))
    return _load(data, str(path), fmt, roles, columns, [side, _options(metadata)])


def _sidecar_given(path: Path) -> InputError:
    """The error for a metadata sidecar given as a transcript: it is read with its transcript."""
    stem = path.name[: -len(SIDECAR_SUFFIX)]
    beside = sorted(p.name for p in path.parent.glob(glob_escape(stem) + "*")
                    if p.is_file() and not p.name.endswith(SIDECAR_SUFFIX) and find_sidecar(p) == path)
    hint = (f"请给出转写文件 {beside[0]}，旁注随它读取 (score the transcript; its sidecar comes with it)" if beside
            else f"没有找到它所属的转写文件：转写文件应与它同名，如 {stem}.txt (no transcript of that name beside it)")
    return InputError("这是通话元数据旁注文件，不是转写文件 (a metadata sidecar, not a transcript)",
                      path=str(path), hint=hint)


def load_calls_from_bytes(
    data: bytes,
    *,
    name: str,
    fmt: str | None = None,
    roles: Mapping[str, str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    columns: Mapping[str, str] | None = None,
    sidecar: Mapping[str, Any] | None = None,
) -> list[Call]:
    """Read an uploaded transcript; ``name`` is its file name (for the extension and call id).

    ``sidecar`` is the parsed content of an accompanying ``.meta.json``, if any (its ``roles`` win
    over ``roles``). Raises only InputError for bad input.
    """
    source = f"{name}.meta.json"
    read = sidecar_from_mapping(sidecar, source=source) if sidecar is not None else None
    roles, side = _file_roles(roles, read, source)
    return _load(data, name, fmt, roles, columns, [side, _options(metadata)])


def _file_roles(roles: Mapping[str, str] | None, sidecar: Sidecar | None, source: str
                ) -> tuple[Mapping[str, str] | None, tuple[CallMetadata, list[str]] | None]:
    """The role mapping for one file: its sidecar's ``roles`` replace the run's ``--roles`` (a folder
    mixes exports of several systems: A is the customer in one, 张三 the agent in another). Returns
    the mapping and the sidecar's metadata layer."""
    if sidecar is None:
        return roles, None
    warnings = list(sidecar.warnings)
    if sidecar.roles is None:
        return roles, (sidecar.metadata, warnings)
    if roles and dict(roles) != dict(sidecar.roles):
        given = ",".join(f"{k}={v}" for k, v in sidecar.roles.items())
        warnings.append(f"本文件的角色按 {PurePath(source).name} 中的 roles（{given}）确定，命令行的 --roles 不用于本文件 "
                        "(the sidecar's roles replace --roles for this file)")
    return sidecar.roles, (sidecar.metadata, warnings)


def load_calls_from_text(
    text: str,
    *,
    fmt: str | None = None,
    source: str = "<string>",
    roles: Mapping[str, str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Call]:
    """Read transcript text already in memory (any text format)."""
    return load_calls_from_bytes(text.encode("utf-8"), name=source, fmt=fmt, roles=roles, metadata=metadata,
                                 columns=columns)


def detect_format(data: bytes, text: str | None, name: str) -> str:
    """The format name for this content (``text`` is the decoded content, None for binary)."""
    suffix = PurePath(name).suffix.lower()
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if text is None:
        return "xlsx" if suffix == ".xlsx" else "dialogue_text"
    by_content = _sniff_text(text, suffix)
    if by_content is not None:
        return by_content
    # A text file is never read as a workbook, whatever its name says.
    return next((f.name for f in SUPPORTED_FORMATS if suffix in f.extensions and f.name != "xlsx"),
                "dialogue_text")


def _sniff_text(text: str, suffix: str) -> str | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in "{[":
        json_format = _sniff_json(text, suffix)
        if json_format is not None:
            return json_format
    if tencent.form_fields(stripped) is not None:
        return "tencent"  # a callback body saved as it arrived (form-encoded)
    if subtitles.looks_like_vtt(text):
        return "webvtt"
    if subtitles.looks_like_srt(text):
        return "srt"
    if tabular.looks_like_csv(text):
        return "csv"
    return None


def _sniff_json(text: str, suffix: str) -> str | None:
    try:
        documents = load_json_documents(text, source="")
    except InputError:
        # "[00:03 坐席] 您好" also starts with a bracket: only a .json file must be JSON.
        return "native_json" if suffix in (".json", ".jsonl") or text.lstrip()[:1] == "{" else None
    value = documents[0].value if documents else None
    if volcengine.looks_volcengine(value):  # before ours: its old answer also has an "utterances" list
        return "volcengine"
    if native_json.looks_native(value):
        return "native_json"
    if funasr.looks_funasr(value):  # before Alibaba: ModelScope's FunASR output has "sentences" too
        return "funasr"
    if alibaba.looks_alibaba(value):
        return "alibaba"
    if transcribe.looks_transcribe(value):
        return "transcribe"
    for name, looks in (("tencent", tencent.looks_tencent), ("iflytek", iflytek.looks_iflytek),
                        ("huawei", huawei.looks_huawei), ("whisper", whisper.looks_whisper)):
        if looks(value):
            return name
    return "unknown_json"


def _resolve_format(fmt: str) -> str:
    name = _ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    if name not in FORMAT_NAMES:
        raise InputError(f"不支持的格式 “{fmt}” (unsupported format)", field="format",
                         hint="可用格式 (supported): " + ", ".join(FORMAT_NAMES))
    return name


def _load(data: bytes, name: str, fmt: str | None, roles: Mapping[str, str] | None,
          columns: Mapping[str, str] | None,
          layers: list[tuple[CallMetadata, list[str]] | None]) -> list[Call]:
    if not data.strip():
        raise InputError("文件是空的 (the file is empty)", path=name, hint=_formats_hint())
    not_transcript = not_a_transcript(data, name)  # a Word/PDF/audio file or an archive: say what it is
    if not_transcript is not None:
        raise not_transcript
    chosen = _resolve_format(fmt) if fmt else None
    if chosen == "xlsx" or (chosen is None and data.startswith(ZIP_MAGIC)):
        calls = tabular.parse_xlsx(data, source=name, roles=roles, columns=columns)
        return _finish(calls, name, "utf-8", layers)
    decoded = decode_bytes(data, source=name)
    text = decoded.text
    if not text.strip():
        raise InputError("文件是空的 (the file is empty)", path=name, hint=_formats_hint())
    literal = _printed_result(text)
    if literal is not None:
        text = literal
    chosen = chosen or detect_format(data, text, name)
    if chosen == "unknown_json":
        raise _unknown_json(text, name)
    documents = _result_lines(text, name) if chosen in _ASR_JSON else None
    if documents is not None:
        calls = _each_line(documents, chosen, name, roles, columns)
    else:
        calls = _PARSERS[chosen](text, name, roles, columns)
    if literal is not None:
        note = ("文件是 Python 打印的结果（单引号，print(res)），按其中的数据读取；以后请用 json.dump(res, f, ensure_ascii=False) "
                "保存 (a Python printout was read as data; save results with json.dump)")
        calls = [replace(call, warnings=(note, *call.warnings)) for call in calls]
    return _finish(calls, name, decoded.encoding, layers)


#: JSON formats whose file holds one result (one call, or one batch answer): JSON Lines of them are
#: several results, one per line (a batch saved line by line).
_ASR_JSON = frozenset({"alibaba", "funasr", "transcribe", "tencent", "iflytek", "huawei", "volcengine", "whisper"})


def _printed_result(text: str) -> str | None:
    """``print(res)`` output saved as a file, as JSON text; None for JSON and for anything else."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] not in ("[", "{"):
        return None
    try:
        json.loads(stripped)
    except ValueError:
        return python_literal_as_json(stripped)
    return None


def _result_lines(text: str, name: str) -> list[JsonDocument] | None:
    """The documents of a JSON Lines file of several results; None for a single document."""
    try:
        documents = load_json_documents(text, source=name)
    except InputError:
        return None  # the parser reports it
    if len(documents) < 2 or transcribe.is_stream_event(documents[0].value):
        return None  # one result; or a streaming session saved event by event, which is one call
    return documents


def _each_line(documents: list[JsonDocument], fmt: str, name: str, roles: Mapping[str, str] | None,
               columns: Mapping[str, str] | None) -> list[Call]:
    """One result per line, each read as its own file would be; errors name the line."""
    calls: list[Call] = []
    for document in documents:
        line_text = json.dumps(document.value, ensure_ascii=False)
        line_format = _sniff_json(line_text, ".json")
        if line_format != fmt:
            raise InputError(f"JSON Lines 的第 {document.line} 行不是 {fmt} 结果（第一行是）(every line must be a result "
                             f"of the same kind)", path=name, line=document.line,
                             hint="每行一个完整的识别结果 (one whole result per line)")
        try:
            calls.extend(_PARSERS[fmt](line_text, name, roles, columns))
        except InputError as exc:
            raise InputError(exc.reason, path=name, line=document.line, field=exc.field, hint=exc.hint) from exc
    return calls


def _finish(calls: list[Call], name: str, encoding: str,
            layers: list[tuple[CallMetadata, list[str]] | None]) -> list[Call]:
    stem = "" if name.startswith("<") else PurePath(name).stem
    several = len(calls) > 1
    finished = []
    for n, call in enumerate(calls, start=1):
        call = mark_system_prompts(call)  # the IVR's turns are the system's from here on
        call = drop_channel_echo(call)  # the other side's words heard again on this side's channel
        metadata, warnings = call.metadata, list(call.warnings)
        for layer in layers:
            if layer is None:
                continue
            extra_meta, extra_warnings = layer
            if several and extra_meta.call_id is not None:
                extra_meta = replace(extra_meta, call_id=None)
                warnings.append("文件含多个通话，忽略统一指定的 call_id (several calls: shared call_id ignored)")
            metadata = merge_metadata(metadata, extra_meta)
            warnings.extend(extra_warnings)
        if metadata.call_id is None and stem:
            metadata = replace(metadata, call_id=f"{stem}#{n}" if several else stem)
        one_sided = None
        if not call.source_format.startswith(_OWN_ONE_SIDED_CHECK) and not any(ONE_SIDED_MARK in w for w in warnings):
            label = PurePath(name).name + (f"（{metadata.call_id}）" if several and metadata.call_id else "")
            one_sided = one_sided_warning(call.utterances, name=label)
        if one_sided is not None:
            warnings.append(one_sided)
        fmt = call.source_format if encoding in ("utf-8", "ascii") else f"{call.source_format}/{encoding}"
        finished.append(replace(call, source=name, metadata=metadata, warnings=tuple(dict.fromkeys(warnings)),
                                source_format=fmt))
    return finished


#: Formats that check one-sided results themselves (mono Alibaba results, Call Analytics with one
#: ParticipantRole), with their own advice and a ``--roles`` that confirms the one side.
_OWN_ONE_SIDED_CHECK = ("alibaba", "transcribe/call_analytics")


def _options(metadata: Mapping[str, Any] | None) -> tuple[CallMetadata, list[str]] | None:
    return metadata_from_mapping(metadata, source=_OPTIONS_SOURCE) if metadata else None


_UNFINISHED = frozenset({"processing", "running", "queued", "queueing", "pending", "waiting", "submitted",
                         "in_progress", "doing"})


def _unknown_json(text: str, name: str) -> InputError:
    """Why a JSON file is not read: empty, an unfinished task's status, or an unknown layout."""
    try:
        value = load_json_documents(text, source=name)[0].value
    except (InputError, IndexError):
        value = None
    if value in ({}, []):
        return InputError("JSON 是空的 ({} 或 [])，没有识别结果 (an empty JSON document: no transcript)", path=name,
                          hint="识别任务可能尚未完成：火山引擎大模型 query 接口在任务处理中、排队中时应答体为空，状态只在响应头 "
                               "X-Api-Status-Code 中；请等任务完成后再保存结果 (save the answer once the task is done)")
    if isinstance(value, Mapping):
        status = next((value[key] for key in ("status", "Status", "task_status", "state") if key in value), None)
        if isinstance(status, str) and status.strip().lower() in _UNFINISHED:
            return InputError(f"识别任务尚未完成 (status={status})，文件中没有识别结果 (the task is not finished)",
                              path=name, field=next(k for k in ("status", "Status", "task_status", "state")
                                                    if k in value),
                              hint="请等任务完成后再保存查询接口的应答")
    return InputError("无法识别的 JSON 结构 (unrecognised JSON layout)", path=name, hint=_formats_hint())


def _formats_hint() -> str:
    return "支持的格式 (supported formats): " + ", ".join(FORMAT_NAMES)


def _dialogue(text: str, source: str, roles: Mapping[str, str] | None,
              columns: Mapping[str, str] | None) -> list[Call]:
    return [parse_dialogue(text, source=source, roles=roles)]


_PARSERS: Mapping[str, Parser] = {
    "dialogue_text": _dialogue,
    "native_json": lambda text, source, roles, _c: native_json.parse_native_json(text, source=source, roles=roles),
    "srt": lambda text, source, roles, _c: subtitles.parse_subtitles(text, source=source, roles=roles),
    "webvtt": lambda text, source, roles, _c: subtitles.parse_subtitles(text, source=source, roles=roles),
    "csv": lambda text, source, roles, columns: tabular.parse_csv(text, source=source, roles=roles,
                                                                  columns=columns),
    "alibaba": lambda text, source, roles, _c: alibaba.parse_alibaba(text, source=source, roles=roles),
    "funasr": lambda text, source, roles, _c: funasr.parse_funasr(text, source=source, roles=roles),
    "transcribe": lambda text, source, roles, _c: transcribe.parse_transcribe(text, source=source, roles=roles),
    "tencent": lambda text, source, roles, _c: tencent.parse_tencent(text, source=source, roles=roles),
    "iflytek": lambda text, source, roles, _c: iflytek.parse_iflytek(text, source=source, roles=roles),
    "huawei": lambda text, source, roles, _c: huawei.parse_huawei(text, source=source, roles=roles),
    "volcengine": lambda text, source, roles, _c: volcengine.parse_volcengine(text, source=source, roles=roles),
    "whisper": lambda text, source, roles, _c: whisper.parse_whisper(text, source=source, roles=roles),
}
