"""Amazon Transcribe output: Call Analytics and standard jobs with speaker or channel labels.

- Call Analytics: ``{"Transcript": [{"ParticipantRole": "AGENT"|"CUSTOMER", "Content",
  "BeginOffsetMillis", "EndOffsetMillis", "Sentiment"?}]}`` — roles are given (by the job's
  ``ChannelDefinitions``: swapped, with a warning, when the first turns clearly say the
  opposite, unless ``roles`` maps them). Amazon Connect
  Contact Lens writes ``ParticipantId`` instead, with ``Participants`` mapping ids to roles.
- Standard: ``results.audio_segments`` (``speaker_label`` or ``channel_label``), or
  ``results.items`` with ``results.speaker_labels.segments``, or ``results.channel_labels``.
  ``spk_0``/``ch_0`` map to roles through ``roles`` or the opening-phrase inference.
Standard times are seconds written as strings.
- Streaming, saved event by event (JSON Lines or an array): Call Analytics ``UtteranceEvent`` s
  (read like a Call Analytics transcript) or ``TranscriptEvent`` results with ``ChannelId``; partial
  results (``IsPartial``) are left out, the last final result of an utterance is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
    load_json_documents,
    optional_number,
    optional_text,
)

FORMAT = "transcribe"
_PARTICIPANTS = {"AGENT": Role.AGENT, "CUSTOMER": Role.CUSTOMER}
# The job description (GetTranscriptionJob…), saved instead of the transcript file it points to.
_JOB_KEYS = ("TranscriptionJob", "CallAnalyticsJob", "MedicalTranscriptionJob")


@dataclass(slots=True)
class _Piece:
    """A turn (or a word) with an anonymous speaker, before roles are known."""

    speaker: str | None
    text: str
    start: float | None
    end: float | None
    confidences: list[float]


def is_stream_event(value: Any) -> bool:
    """One event of a streaming session: ``{"UtteranceEvent": …}``, ``{"TranscriptEvent": …}`` or
    ``{"Transcript": {"Results": […]}}`` (a transcript event without its wrapper)."""
    if not isinstance(value, Mapping):
        return False
    if isinstance(value.get("UtteranceEvent"), Mapping) or isinstance(value.get("TranscriptEvent"), Mapping):
        return True
    inner = value.get("Transcript")
    return isinstance(inner, Mapping) and isinstance(inner.get("Results"), list)


def looks_transcribe(value: Any) -> bool:
    """Call Analytics (``Transcript`` list), a standard job (``results.transcripts``) or streaming events."""
    if isinstance(value, list) and value and is_stream_event(value[0]):
        return True
    if is_stream_event(value):
        return True
    if not isinstance(value, Mapping):
        return False
    if isinstance(value.get("Transcript"), list) or any(k in value for k in _JOB_KEYS):
        return True
    results = value.get("results")
    return isinstance(results, Mapping) and any(
        k in results for k in ("transcripts", "items", "audio_segments", "speaker_labels", "channel_labels"))


def parse_transcribe(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse an Amazon Transcribe JSON result into one call."""
    documents = [d.value for d in load_json_documents(text, source=source)]
    events = documents[0] if len(documents) == 1 and isinstance(documents[0], list) else documents
    if events and is_stream_event(events[0]):
        return [_stream(events, roles, source)]
    value = expect_object(documents[0] if len(documents) == 1 else documents, "$", source=source)
    if isinstance(value.get("Transcript"), list):
        return [_call_analytics(value["Transcript"], value.get("Participants"), roles, source)]
    job_key = next((k for k in _JOB_KEYS if k in value), None)
    if job_key is not None:
        job = value[job_key] if isinstance(value[job_key], Mapping) else {}
        status = job.get("TranscriptionJobStatus") or job.get("CallAnalyticsJobStatus") or "?"
        raise InputError(f"这是 Amazon Transcribe 的任务描述 ({job_key}, 状态 {status})，不是转写结果 "
                         "(a job description, not the transcript)", path=source, field=job_key,
                         hint="请下载 Transcript.TranscriptFileUri 指向的 JSON 文件，再用它评分")
    results = expect_object(value.get("results"), "results", source=source)
    pieces = _standard_pieces(results, source)
    if not pieces:
        raise InputError("没有找到带说话人的转写 (no speaker- or channel-labelled transcript)", path=source,
                         field="results.speaker_labels",
                         hint="转写时请开启 ShowSpeakerLabels（说话人）或 ChannelIdentification（声道）")
    mapping, warnings = assign_speaker_roles([(p.speaker or "?", p.text) for p in pieces], roles, source=source)
    turns = [RawTurn(role=mapping.get(p.speaker or "?", Role.UNKNOWN), original=p.text, start=p.start,
                     end=p.end, confidence=_mean(p.confidences), channel=_channel(p.speaker))
             for p in pieces]
    return [Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings),
                 source_format=FORMAT)]


def _stream(events: list[Any], roles: Mapping[str, str] | None, source: str) -> Call:
    """A streaming session saved event by event: its final results, in order."""
    utterances: dict[str, Mapping[str, Any]] = {}  # UtteranceId -> the last final event
    pieces: dict[str, _Piece] = {}  # ResultId -> the last final result
    for i, event in enumerate(events):
        if not isinstance(event, Mapping):
            raise InputError("应为 JSON 对象 (expected an object)", path=source, field=f"[{i}]")
        utterance = event.get("UtteranceEvent")
        if isinstance(utterance, Mapping):
            if not utterance.get("IsPartial"):
                utterances[str(utterance.get("UtteranceId", i))] = utterance
            continue
        transcript = event.get("TranscriptEvent", event)
        inner = transcript.get("Transcript") if isinstance(transcript, Mapping) else None
        for j, result in enumerate(inner.get("Results") or [] if isinstance(inner, Mapping) else []):
            if isinstance(result, Mapping) and not result.get("IsPartial"):
                pieces[str(result.get("ResultId", f"{i}.{j}"))] = _stream_piece(result, f"[{i}].Transcript.Results[{j}]",
                                                                               source)
    if utterances:
        items = [{"ParticipantRole": u.get("ParticipantRole"), "Content": u.get("Transcript"),
                  "BeginOffsetMillis": u.get("BeginOffsetMillis"), "EndOffsetMillis": u.get("EndOffsetMillis")}
                 for u in sorted(utterances.values(), key=lambda u: float(u.get("BeginOffsetMillis") or 0))]
        return _call_analytics(items, None, roles, source)
    found = sorted(pieces.values(), key=lambda p: p.start if p.start is not None else -1.0)
    if not found or all(p.speaker is None for p in found):
        raise InputError("流式转写事件中没有带声道或说话人的最终结果 (no final results with a channel or speaker)",
                         path=source, field="Transcript.Results[].ChannelId",
                         hint="流式转写时请开启 EnableChannelIdentification 或 ShowSpeakerLabel，或使用 Call Analytics")
    mapping, warnings = assign_speaker_roles([(p.speaker or "?", p.text) for p in found], roles, source=source)
    turns = [RawTurn(role=mapping.get(p.speaker or "?", Role.UNKNOWN), original=p.text, start=p.start, end=p.end,
                     channel=_channel(p.speaker)) for p in found]
    return Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings),
                source_format=FORMAT + "/stream")


def _stream_piece(result: Mapping[str, Any], where: str, source: str) -> _Piece:
    alternatives = result.get("Alternatives")
    best = alternatives[0] if isinstance(alternatives, list) and alternatives else {}
    best = expect_object(best, f"{where}.Alternatives[0]", source=source)
    speakers = [str(item["Speaker"]) for item in best.get("Items") or []
                if isinstance(item, Mapping) and item.get("Speaker") is not None]
    speaker = optional_text(result, "ChannelId", where, source=source) or (
        f"spk_{max(set(speakers), key=speakers.count)}" if speakers else None)
    start = optional_number(result, "StartTime", where, source=source)
    end = optional_number(result, "EndTime", where, source=source)
    return _Piece(speaker, optional_text(best, "Transcript", where, source=source) or "", start, end, [])


def _call_analytics(items: list[Any], participants: Any, roles: Mapping[str, str] | None, source: str) -> Call:
    role_map = RoleMap(roles, source=source, use_defaults=False)
    by_id = {str(p.get("ParticipantId")): str(p.get("ParticipantRole") or "")
             for p in (participants if isinstance(participants, list) else [])
             if isinstance(p, Mapping) and p.get("ParticipantId") is not None}
    turns: list[RawTurn] = []
    labels: list[str | None] = []  # ParticipantRole by the job's ChannelDefinitions, checked against the content
    for i, item in enumerate(items):
        where = f"Transcript[{i}]"
        obj = expect_object(item, where, source=source)
        key = "ParticipantRole" if "ParticipantRole" in obj or "ParticipantId" not in obj else "ParticipantId"
        participant = (optional_text(obj, key, where, source=source) or "").upper()
        if key == "ParticipantId":  # Contact Lens: the id is AGENT/CUSTOMER or listed in Participants
            participant = by_id.get(participant, by_id.get(str(obj.get("ParticipantId")), participant)).upper()
        role = role_map.user_role(participant) or _PARTICIPANTS.get(participant.split("_")[0])
        if role is None:
            raise InputError(f"未知的 {key} {participant!r}", path=source, field=f"{where}.{key}",
                             hint="应为 AGENT 或 CUSTOMER；其他值用 --roles 指定，例如 --roles SUPERVISOR=agent")
        start = optional_number(obj, "BeginOffsetMillis", where, source=source, scale=1000.0)
        end = optional_number(obj, "EndOffsetMillis", where, source=source, scale=1000.0)
        check_span(start, end, where, source=source)
        turns.append(RawTurn(role=role, original=optional_text(obj, "Content", where, source=source) or "",
                             start=start, end=end))
        labels.append(participant if key == "ParticipantRole" else None)
    found = [t.role for t in turns]
    swapped = check_convention(found, [(label, t.original) for label, t in zip(labels, turns, strict=True)], roles,
                               source=source, convention="ParticipantRole（来自提交任务时的 ChannelDefinitions）",
                               keep="AGENT=agent,CUSTOMER=customer")
    for turn, role in zip(turns, found, strict=True):
        turn.role = role
    warnings = [swapped] if swapped else []
    one_side = _one_side_warning(turns, labels, roles)
    if one_side is not None:
        warnings.append(one_side)
    return Call(source=source, utterances=build_utterances(turns), source_format=FORMAT + "/call_analytics",
                warnings=tuple(warnings))


def _one_side_warning(turns: list[RawTurn], labels: list[str | None],
                      roles: Mapping[str, str] | None) -> str | None:
    """Every sentence of a call of four or more on one side (all AGENT, or all CUSTOMER): mono audio, or
    ChannelDefinitions naming one role for both channels, puts both people on that side — or the
    other party never spoke. The transcript cannot tell which: it is read, with a warning."""
    spoken = [(label, turn) for label, turn in zip(labels, turns, strict=True) if turn.original.strip()]
    sides = {turn.role for _label, turn in spoken}
    if len(spoken) < 4 or len(sides) != 1:
        return None
    side = sides.pop()
    names = {label for label, _turn in spoken if label}
    if roles and any(key.strip().upper() in names for key in roles):
        return None  # --roles AGENT=agent: the user says what the one side is
    contact_lens = not names
    field = "Transcript[].ParticipantId（Participants）" if contact_lens else "Transcript[].ParticipantRole"
    name = "AGENT" if side is Role.AGENT else "CUSTOMER"
    word = "坐席" if side is Role.AGENT else "客户"
    return (f"所有 {len(spoken)} 句都是 {name}（{field}），全部记为{word}：若录音是单声道，或提交 Call Analytics 任务时 "
            "ChannelDefinitions 给两个声道设了同一个 ParticipantRole，另一方的话也算作"
            f"{word}的，{ONE_SIDED_MARK}。请使用双声道录音（坐席、客户各一个声道），在 ChannelDefinitions 中为 ChannelId 0 和 1 "
            "分别设置 ParticipantRole AGENT 和 CUSTOMER 后重新转写（或用标准转写开启 ChannelIdentification 或 "
            f"ShowSpeakerLabels）。若另一方确实没有说话，可忽略本提示，或用 --roles {name}={side.value} 确认 "
            f"(every sentence is {name}: set ChannelDefinitions with one ParticipantRole per channel on stereo audio)")


def _standard_pieces(results: Mapping[str, Any], source: str) -> list[_Piece]:
    segments = results.get("audio_segments")
    if isinstance(segments, list) and segments and isinstance(segments[0], Mapping) and (
            "speaker_label" in segments[0] or "channel_label" in segments[0]):
        return [_segment_piece(s, f"results.audio_segments[{i}]", source) for i, s in enumerate(segments)]
    channels = results.get("channel_labels")
    if isinstance(channels, Mapping) and isinstance(channels.get("channels"), list):
        words = _channel_words(channels["channels"], source)
    else:
        words = _speaker_words(results, source)
    return _group(words)


def _segment_piece(item: Any, where: str, source: str) -> _Piece:
    obj = expect_object(item, where, source=source)
    start = optional_number(obj, "start_time", where, source=source)
    end = optional_number(obj, "end_time", where, source=source)
    check_span(start, end, where, source=source)
    speaker = optional_text(obj, "speaker_label", where, source=source) or \
        optional_text(obj, "channel_label", where, source=source)
    return _Piece(speaker, optional_text(obj, "transcript", where, source=source) or "", start, end, [])


def _speaker_words(results: Mapping[str, Any], source: str) -> list[_Piece]:
    items = expect_list(results.get("items") or [], "results.items", source=source)
    labels = results.get("speaker_labels")
    segments = labels.get("segments") if isinstance(labels, Mapping) else None
    spans = [_segment_piece(s, f"results.speaker_labels.segments[{i}]", source)
             for i, s in enumerate(segments if isinstance(segments, list) else [])]
    words = [_word(item, f"results.items[{i}]", source) for i, item in enumerate(items)]
    for word in words:
        if word.speaker is None and word.start is not None:
            # Segments abut (one ends at 1.5, the next starts at 1.5): a word starting at a
            # boundary belongs to the segment it starts, not the one that ends there.
            word.speaker = next((s.speaker for s in spans if s.start is not None and s.end is not None
                                 and s.start <= word.start < s.end), None) or \
                next((s.speaker for s in spans if s.start is not None and s.end is not None
                      and s.start <= word.start <= s.end), None)
    return words


def _channel_words(channels: list[Any], source: str) -> list[_Piece]:
    words: list[tuple[float, int, int, _Piece]] = []
    for c, channel in enumerate(channels):
        obj = expect_object(channel, f"results.channel_labels.channels[{c}]", source=source)
        label = optional_text(obj, "channel_label", f"channels[{c}]", source=source) or f"ch_{c}"
        items = expect_list(obj.get("items") or [], f"results.channel_labels.channels[{c}].items", source=source)
        channel_words = [_word(item, f"channels[{c}].items[{i}]", source) for i, item in enumerate(items)]
        at = -1.0
        for n, word in enumerate(channel_words):
            word.speaker = label
            # Punctuation has no time: it sorts with the word before it (at its start, after it by
            # position), not at the front of the call, where it was cut off its sentence.
            at = word.start if word.start is not None else at
            words.append((at, c, n, word))
    words.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in words]


def _word(item: Any, where: str, source: str) -> _Piece:
    obj = expect_object(item, where, source=source)
    alternatives = obj.get("alternatives")
    best = alternatives[0] if isinstance(alternatives, list) and alternatives else {}
    best = expect_object(best, f"{where}.alternatives[0]", source=source)
    confidence = optional_number(best, "confidence", where, source=source)
    start = optional_number(obj, "start_time", where, source=source)
    end = optional_number(obj, "end_time", where, source=source)
    speaker = optional_text(obj, "speaker_label", where, source=source) or \
        optional_text(obj, "channel_label", where, source=source)
    is_word = obj.get("type") != "punctuation"
    return _Piece(speaker, optional_text(best, "content", where, source=source) or "", start, end,
                  [confidence] if confidence is not None and is_word else [])


def _group(words: list[_Piece]) -> list[_Piece]:
    """Consecutive words of one speaker become one turn; punctuation joins the turn before."""
    turns: list[_Piece] = []
    for word in words:
        same = turns and (word.speaker is None or word.speaker == turns[-1].speaker)
        if same:
            turn = turns[-1]
            turn.text = _join(turn.text, word.text)
            turn.end = word.end if word.end is not None else turn.end
            turn.confidences.extend(word.confidences)
        elif word.speaker is not None:
            turns.append(_Piece(word.speaker, word.text, word.start, word.end, list(word.confidences)))
    return turns


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _channel(label: str | None) -> int | None:
    if label and label.startswith("ch_") and label[3:].isdigit():
        return int(label[3:])
    return None
