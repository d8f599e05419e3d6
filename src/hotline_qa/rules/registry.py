"""The registry of rule classes, keyed by catalogue code.

Logic rules register themselves with ``@register``; ``discover()`` imports every module
under ``hotline_qa.rules.catalogue`` so that adding a rule is adding one file.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from hotline_qa.rules.base import Rule

_RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: make a rule known under its code."""
    if not cls.code:
        raise ValueError(f"{cls.__name__} has no code")
    existing = _RULES.get(cls.code)
    if existing is not None and existing is not cls:
        raise ValueError(f"rule code {cls.code} registered twice: {existing.__name__}, {cls.__name__}")
    _RULES[cls.code] = cls
    return cls


@lru_cache(maxsize=1)
def discover() -> dict[str, type[Rule]]:
    """Import every catalogue module once and return the code -> class map."""
    from hotline_qa.rules import catalogue

    for mod in pkgutil.iter_modules(catalogue.__path__):
        importlib.import_module(f"{catalogue.__name__}.{mod.name}")
    return dict(sorted(_RULES.items()))


def rule_class(code: str) -> type[Rule]:
    rules = discover()
    try:
        return rules[code]
    except KeyError:
        raise KeyError(f"unknown rule code {code}") from None
