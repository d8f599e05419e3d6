"""Analyzers computed once per call and shared by all rules: key information, commitments,
customer emotion, complaint detection and customer type. Entry point: :func:`analyze`."""

from hotline_qa.analyzers.analysis import Analysis, analyze

__all__ = ["Analysis", "analyze"]
