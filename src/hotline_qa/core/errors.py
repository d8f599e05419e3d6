"""Our own exception types. Messages are written for a call-center supervisor to act on."""

from __future__ import annotations

from collections.abc import Callable


def _unmasked(text: str) -> str:
    return text


# How error text is masked: ``hotline_qa.text.redact`` installs its maskers when imported,
# and the package imports it first thing (``hotline_qa/__init__.py``), so every error raised
# anywhere in the package is masked. The core layer itself knows nothing of Chinese numbers.
_mask_text: Callable[[str], str] = _unmasked
_mask_identifier: Callable[[str], str] = _unmasked


def install_maskers(text: Callable[[str], str], identifier: Callable[[str], str]) -> None:
    """Set the functions that mask personal data in error messages (text) and in paths or ids."""
    global _mask_text, _mask_identifier
    _mask_text, _mask_identifier = text, identifier


class HotlineQAError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(HotlineQAError):
    """A transcript, metadata file or option could not be read.

    The message names the file, the line (or field) and what to do about it. It ends up on
    the screen and in logs, so personal data in it is masked: a quoted line, label or value
    (``redact_text``), and a mobile number, ID number or e-mail in the file name
    (``redact_identifier``). ``reason``, ``hint``, ``field`` and ``path`` hold the masked forms.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = _mask_identifier(str(path)) if path else path
        self.line = line
        self.field = _mask_text(field) if field else field
        self.hint = _mask_text(hint) if hint else hint
        self.reason = _mask_text(message)
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.path:
            where.append(str(self.path))
        if self.line is not None:
            where.append(f"第 {self.line} 行 (line {self.line})")
        if self.field:
            where.append(f"字段 {self.field}")
        text = (": ".join([", ".join(where), self.reason]) if where else self.reason)
        if self.hint:
            text += f" —— {self.hint}"
        return text


class RulebookError(HotlineQAError):
    """The rulebook YAML is invalid; the message gives file, line and key."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.reason = message
        parts = [p for p in (path, f"line {line}" if line is not None else None,
                             f"key {key}" if key else None) if p]
        super().__init__((", ".join(parts) + ": " if parts else "") + message)


class NotApplicable(HotlineQAError):
    """Raised by a rule when the call lacks what the rule needs; carries the reason."""
