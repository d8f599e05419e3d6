"""Transcript importers: every supported format becomes a :class:`~hotline_qa.core.call.Call`.

Import :func:`hotline_qa.ingest.detect.load_calls` (or ``load_calls_from_bytes``) to read a
file whatever its format; the per-format modules can be used directly too.
"""
