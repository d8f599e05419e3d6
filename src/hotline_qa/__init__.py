"""Hotline QA: automatic quality assurance for Chinese hotline customer-service calls."""

__version__ = "0.1.0"
