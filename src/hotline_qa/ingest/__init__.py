"""Transcript importers: every supported format becomes a :class:`~hotline_qa.core.call.Call`.

Import :func:`hotline_qa.ingest.detect.load_calls` (or ``load_calls_from_bytes``) to read a
file whatever its format; the per-format modules can be used directly too.
"""

from hotline_qa.ingest.detect import (
    SUPPORTED_FORMATS,
    load_calls,
    load_calls_from_bytes,
    load_calls_from_text,
)
from hotline_qa.ingest.dialogue_text import parse_dialogue

__all__ = ["SUPPORTED_FORMATS", "load_calls", "load_calls_from_bytes", "load_calls_from_text", "parse_dialogue"]
