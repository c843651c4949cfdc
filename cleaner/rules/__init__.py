"""Boilerplate rules: small named units, each with a reason code and a docstring example.

A rule looks at one line of a document (with its neighbours for context) and says whether
that line is page chrome. Rules live in family modules (``chrome``, ``prompts``, ``media`` ...)
and register themselves with :func:`rule`. :func:`run_rules` applies every enabled rule to every
non-blank line; the first rule that matches a line decides it.

>>> ctx = LineContext(["- Advertisement -", "Body text here."], 0)
>>> RULES["ad-marker"].matches(ctx)
True
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Sequence

from ..errors import ConfigError


@dataclass(frozen=True, slots=True)
class LineContext:
    """One line and the document around it. ``lines`` are the document's lines (stripped),
    blank ones included as ""; ``i`` indexes the line being judged."""

    lines: Sequence[str]
    i: int

    @property
    def text(self) -> str:
        return self.lines[self.i]

    def neighbour(self, step: int) -> str | None:
        """The nearest non-blank line ``step`` lines away (+1 next, -1 previous), or None."""
        j, seen = self.i, 0
        while True:
            j += 1 if step > 0 else -1
            if j < 0 or j >= len(self.lines):
                return None
            if self.lines[j]:
                seen += 1
                if seen == abs(step):
                    return self.lines[j]

    @property
    def from_end(self) -> int:
        """How many non-blank lines follow this one."""
        return sum(1 for t in self.lines[self.i + 1:] if t)

    @property
    def from_start(self) -> int:
        """How many non-blank lines precede this one."""
        return sum(1 for t in self.lines[: self.i] if t)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    reason: str
    func: Callable[[LineContext], bool]

    def matches(self, ctx: LineContext) -> bool:
        return bool(self.func(ctx))

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()


RULES: dict[str, Rule] = {}
FAMILIES = ("chrome", "prompts", "media", "legal", "bylines")


def rule(name: str, reason: str):
    """Register a rule function under ``name`` with reason code ``reason``."""

    def deco(func: Callable[[LineContext], bool]):
        if name in RULES:
            raise ValueError(f"duplicate rule name {name}")
        if not (func.__doc__ and ">>>" in func.__doc__):
            raise ValueError(f"rule {name} needs a docstring with an example")
        RULES[name] = Rule(name, reason, func)
        return func

    return deco


def check_rule_names(names: Sequence[str]) -> None:
    """Raise ConfigError naming the valid rules if any name is unknown."""
    bad = [n for n in names if n not in RULES]
    if bad:
        raise ConfigError(f"unknown rule(s) {', '.join(bad)}; valid rules: {', '.join(sorted(RULES))}")


def run_rules(lines: Sequence[str], disabled: Sequence[str] = ()) -> dict[int, tuple[str, str]]:
    """Apply the enabled rules to every non-blank line: {line index: (reason, rule name)}."""
    active = [r for r in RULES.values() if r.name not in disabled]
    out: dict[int, tuple[str, str]] = {}
    for i, text in enumerate(lines):
        if not text:
            continue
        ctx = LineContext(lines, i)
        for r in active:
            if r.matches(ctx):
                out[i] = (r.reason, r.name)
                break
    return out


for _family in FAMILIES:
    importlib.import_module(f"{__name__}.{_family}")
