"""Score many transcript files and call recordings on all cores. One bad file is reported and skipped.

A recording (``.wav``, ``.mp3``, ``.flac``) is scored together with the transcript beside
it (same stem): ``expand_paths`` leaves that transcript out so the call is scored once.

Each worker process builds the engine once (rulebook parsed, matchers compiled) and then
scores whole files; results come back in input order.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hotline_qa.core.errors import HotlineQAError
from hotline_qa.core.evaluation import Evaluation
from hotline_qa.pipeline import (
    RECORDING_SUFFIXES,
    Engine,
    evaluate_recording,
    is_recording,
    transcript_beside,
)
from hotline_qa.rules.rulebook import load_rulebook


@dataclass(frozen=True)
class ScoreOptions:
    """What every worker needs to build the same engine and read files the same way."""

    rulebook_path: str | None = None
    fmt: str | None = None
    roles: Mapping[str, str] | None = None
    metadata: Mapping[str, Any] | None = None
    columns: Mapping[str, str] | None = None
    only: frozenset[str] | None = None
    #: Who speaks on channel 0 and 1 of a stereo recording.
    channel_roles: tuple[str, str] = ("agent", "customer")
    #: The voice activity detector for recordings: "silero" (accurate) or "webrtc" (fast).
    vad: str = "silero"
    #: Speech recognition for recordings without a transcript: a model folder the user provides.
    asr_engine: str | None = None
    asr_model: str | None = None

    def asr_config(self) -> Any:
        """The ASR configuration (options first, then HOTLINE_QA_ASR_* variables), or None."""
        from hotline_qa.audio.asr.base import ENV_MODEL

        if not (self.asr_model or self.asr_engine or os.environ.get(ENV_MODEL)):
            return None
        from hotline_qa.audio.asr import AsrConfig

        return AsrConfig.from_env(engine=self.asr_engine, model_dir=self.asr_model,
                                  vad=self.vad)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FileOutcome:
    """The evaluations of one file, or the error that made it unreadable."""

    path: str
    evaluations: tuple[Evaluation, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders walked recursively for transcripts and recordings (sidecars skipped).

    A sidecar named in the list beside its transcript ("score calls/*") is read with it, not
    scored as a file of its own. A transcript that sits beside a recording in the list
    (``call.txt`` by ``call.wav``) is left out: the recording is scored with it.
    """
    from hotline_qa.ingest.detect import TRANSCRIPT_SUFFIXES
    from hotline_qa.ingest.meta import SIDECAR_SUFFIX, find_sidecar

    out: list[Path] = []
    wanted = {*TRANSCRIPT_SUFFIXES, *RECORDING_SUFFIXES}
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in wanted and not f.name.endswith(SIDECAR_SUFFIX) \
                        and not _hidden_or_lock(f.relative_to(p)):
                    out.append(f)
        else:
            out.append(p)
    paired = {t.resolve() for t in (transcript_beside(p) for p in out if is_recording(p)) if t is not None}
    if any(p.name.endswith(SIDECAR_SUFFIX) for p in out):
        # "score calls/*": a sidecar named with its transcript is read with it, not as a call
        paired |= {s.resolve() for s in (find_sidecar(p) for p in out if not p.name.endswith(SIDECAR_SUFFIX))
                   if s is not None}
    return [p for p in dict.fromkeys(out) if is_recording(p) or not paired or p.resolve() not in paired]


def _hidden_or_lock(rel: Path) -> bool:
    """A file a folder walk leaves alone: an Office lock file of an open workbook ("~$通话.xlsx"),
    or a hidden file or folder (".DS_Store", ".git/…", macOS "._通话.txt"). Named on the command
    line, such a file is still read (and refused with a clear message)."""
    return rel.name.startswith("~$") or any(part.startswith(".") for part in rel.parts)


_ENGINES: dict[tuple[str | None, frozenset[str] | None], Engine] = {}


def engine_for(options: ScoreOptions) -> Engine:
    """The engine of this process for these options (built once, then reused)."""
    key = (options.rulebook_path, options.only)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = Engine(load_rulebook(options.rulebook_path), only=set(options.only) if options.only else None)
        _ENGINES[key] = engine
    return engine


def score_file(path: str | Path, options: ScoreOptions) -> FileOutcome:
    """Load and score one file; never raises for bad input."""
    from hotline_qa.ingest.detect import load_calls

    try:
        if is_recording(path):
            ev = evaluate_recording(path, engine=engine_for(options), channel_roles=options.channel_roles,
                                    vad=options.vad, fmt=options.fmt, roles=options.roles,
                                    metadata=options.metadata, columns=options.columns,
                                    asr=options.asr_config())
            return FileOutcome(str(path), (ev,), warnings=tuple(ev.call.get("warnings") or ()))
        calls = load_calls(Path(path), fmt=options.fmt, roles=options.roles, metadata=options.metadata,
                           columns=options.columns)
        engine = engine_for(options)
        evaluations = tuple(engine.evaluate(c) for c in calls)
        warnings = tuple(w for c in calls for w in c.warnings)
        return FileOutcome(str(path), evaluations, warnings=warnings)
    except HotlineQAError as exc:
        return FileOutcome(str(path), error=str(exc))
    except OSError as exc:
        return FileOutcome(str(path), error=f"{path}: 无法读取文件 (cannot read file): {exc.strerror or exc}")


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def score_files(paths: Sequence[str | Path], options: ScoreOptions, *, jobs: int | None = None
                ) -> Iterator[FileOutcome]:
    """Score files on ``jobs`` processes (all cores by default), yielding in input order."""
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield score_file(p, options)
        return
    chunk = max(1, min(32, len(paths) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(score_file, paths, [options] * len(paths), chunksize=chunk)
