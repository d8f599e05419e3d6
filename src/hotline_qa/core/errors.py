"""Our own exception types. Messages are written for a call-center supervisor to act on."""

from __future__ import annotations


class HotlineQAError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(HotlineQAError):
    """A transcript, metadata file or option could not be read.

    The message names the file, the line (or field) and what to do about it.
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
        self.path = path
        self.line = line
        self.field = field
        self.hint = hint
        self.reason = message
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
