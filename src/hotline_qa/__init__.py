"""Hotline QA: automatic quality assurance for Chinese hotline customer-service calls."""

# Installs the masking of personal data in error messages before anything can raise one.
import hotline_qa.text.redact  # noqa: F401  (isort: skip)

__version__ = "0.1.0"
