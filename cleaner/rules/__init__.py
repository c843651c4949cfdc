"""Boilerplate rules: small named units, each with a reason code and a docstring example.

A rule looks at one line of a document (with its neighbours for context) and says whether
that line is page chrome. Rules live in family modules (``chrome``, ``prompts``, ``media`` ...)
and register themselves with :func:`rule`. :func:`run_rules` applies every enabled rule to every
non-blank line; the first rule that matches a line decides it.

Rules run on every line of every document, so a rule may declare two cheap preconditions that
:func:`run_rules` checks before calling it: ``max_len`` (longer lines are never this chrome) and
``gate``, literal lowercase strings of which the lowercased line must contain one (every
pattern of the rule contains one of them; all gates are found in one pass over the line, by an
Aho-Corasick automaton). Each line is lowercased once, for all rules
(:attr:`LineContext.low`).

Most rules judge the line alone. What they decide is remembered per line text (in each
process, for the last ``LINE_CACHE`` lines; see :func:`_planner`), since chrome lines recur
across the documents of a corpus; a rule that looks at other lines (neighbours, position)
declares ``context=True`` and runs on every line that reaches it.

>>> ctx = LineContext(["- Advertisement -", "Body text here."], 0)
>>> RULES["ad-marker"].matches(ctx)
True
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from ..document import LINE_CACHE
from ..errors import ConfigError


@dataclass(frozen=True, slots=True)
class LineContext:
    """One line and the document around it. ``lines`` are the document's lines (stripped),
    blank ones included as ""; ``i`` indexes the line being judged."""

    lines: Sequence[str]
    i: int
    lowered: Sequence[str] | None = None  # the lines lowercased, when the caller has them

    @property
    def text(self) -> str:
        return self.lines[self.i]

    @property
    def low(self) -> str:
        """The line lowercased (computed once per line by :func:`run_rules`)."""
        return self.lowered[self.i] if self.lowered is not None else self.lines[self.i].lower()

    def neighbour(self, step: int) -> str | None:
        """The nearest non-blank line ``step`` lines away (+1 next, -1 previous), or None."""
        lines, j, left = self.lines, self.i, abs(step)
        way = 1 if step > 0 else -1
        while True:
            j += way
            if j < 0 or j >= len(lines):
                return None
            if lines[j]:
                left -= 1
                if not left:
                    return lines[j]

    def above(self) -> Iterator[str]:
        """The non-blank lines above this one, the nearest first (for a rule that walks up
        until it knows: one walk, where ``neighbour(-1)``, ``neighbour(-2)`` ... each walk
        again from the line)."""
        lines = self.lines
        for j in range(self.i - 1, -1, -1):
            if lines[j]:
                yield lines[j]

    @property
    def from_end(self) -> int:
        """How many non-blank lines follow this one."""
        rest = self.lines[self.i + 1:]
        return len(rest) - rest.count("")  # (blank lines are "")

    @property
    def from_start(self) -> int:
        """How many non-blank lines precede this one."""
        before = self.lines[: self.i]
        return len(before) - before.count("")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    reason: str
    func: Callable[[LineContext], bool]
    max_len: int = 1 << 30
    gate: tuple[str, ...] = ()
    context: bool = False  # looks at other lines than its own (ctx.lines, neighbours, position)
    shape: Callable[[str], bool] | None = None  # with context: a test of the line alone that every line it takes passes

    def applies(self, low: str) -> bool:
        """The gate: the lowercased line holds one of its strings (or there is no gate)."""
        return not self.gate or contains_any(low, self.gate)

    def matches(self, ctx: LineContext) -> bool:
        """Whether the rule takes the line (its preconditions included)."""
        if len(ctx.text) > self.max_len:
            return False
        return self.applies(ctx.low) and bool(self.func(ctx))

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()


RULES: dict[str, Rule] = {}
FAMILIES = ("chrome", "prompts", "media", "legal", "bylines")


def rule(name: str, reason: str, max_len: int | None = None, gate: Sequence[str] = (), context: bool = False,
         shape: Callable[[str], bool] | None = None):
    """Register a rule function under ``name`` with reason code ``reason``; ``max_len`` and
    ``gate`` are its cheap preconditions (see the module docstring); ``context``: the rule looks
    at other lines than the one judged (a rule without it sees only ``ctx.text`` and ``ctx.low``);
    ``shape``: for such a rule, a test of the line's text alone that every line it takes passes
    (remembered with the line's plan, so the rule runs in context only on lines of its shape)."""

    def deco(func: Callable[[LineContext], bool]):
        if name in RULES:
            raise ValueError(f"duplicate rule name {name}")
        if not (func.__doc__ and ">>>" in func.__doc__):
            raise ValueError(f"rule {name} needs a docstring with an example")
        if any(k != k.lower() for k in gate):
            raise ValueError(f"rule {name}: gate strings must be lowercase")
        if shape is not None and not context:
            raise ValueError(f"rule {name}: a shape is for a rule with context")
        RULES[name] = Rule(name, reason, func, max_len if max_len is not None else 1 << 30, tuple(gate), context, shape)
        return func

    return deco


def check_rule_names(names: Sequence[str]) -> None:
    """Raise ConfigError naming the valid rules if any name is unknown."""
    bad = [n for n in names if n not in RULES]
    if bad:
        raise ConfigError(f"unknown rule(s) {', '.join(bad)}; valid rules: {', '.join(sorted(RULES))}")


def run_rules(lines: Sequence[str], disabled: Sequence[str] = ()) -> dict[int, tuple[str, str]]:
    """Apply the enabled rules to every non-blank line: {line index: (reason, rule name)}."""
    plan, calls = _planner(tuple(disabled))
    out: dict[int, tuple[str, str]] = {}
    for i, text in enumerate(lines):
        if not text:
            continue
        in_context, decision = plan(text)
        if in_context:  # rules before the line's own decision that need its context
            ctx = LineContext(lines, i)  # (frozen: one for all of them)
            for k in in_context:
                func, ruled = calls[k]
                if func(ctx):
                    decision = ruled
                    break
        if decision is not None:
            out[i] = decision
    return out


@lru_cache(maxsize=8)
def _planner(disabled: tuple[str, ...]):
    """``(plan, calls)`` for the rules not in ``disabled``: ``calls`` holds each rule's
    ``(func, (reason, name))``, and ``plan(text)`` is (the rules with ``context`` that pass their
    preconditions and ``shape`` before a rule without it takes the line, as indices into
    ``calls``; the decision of the first rule without ``context`` that takes the line, or None).
    A plan depends on the line's text only, so it is remembered per text. (It holds indices, not
    the functions: a cache of ints and strings is left out of the garbage collector's scans,
    which in a worker otherwise went through every remembered line again and again.)"""
    active = [r for r in RULES.values() if r.name not in disabled]
    calls = [(r.func, (r.reason, r.name)) for r in active]
    gates, masks = _gate_matcher(active)

    @lru_cache(maxsize=LINE_CACHE)
    def plan(text: str) -> tuple[tuple[int, ...], tuple[str, str] | None]:
        low, n, in_context = text.lower(), len(text), []
        alone = LineContext((text,), 0, (low,))
        found = 0  # the gate strings the line holds, as bits
        for _, bit in gates.iter(low):
            found |= bit
        for k, r in enumerate(active):
            if n > r.max_len or (r.gate and not found & masks[k]):
                continue
            if r.context:
                if r.shape is None or r.shape(text):
                    in_context.append(k)
            elif r.func(alone):
                return tuple(in_context), (r.reason, r.name)
        return tuple(in_context), None

    return plan, calls


def _gate_matcher(active: Sequence[Rule]):
    """An Aho-Corasick automaton of every gate string of ``active`` (each string's value a bit of
    its own), and each rule's gate as the sum of its strings' bits: one pass over a line finds
    which gates it passes, instead of a search for each of some 350 strings (a third of the
    cost of a line's plan).

    >>> gates, masks = _gate_matcher([RULES["newsletter-pitch"], RULES["share-bar"]])
    >>> found = 0
    >>> for _, bit in gates.iter("subscribe to our newsletter"):
    ...     found |= bit
    >>> bool(found & masks[0]), masks[1] == 0  # (share-bar has no gate)
    (True, True)
    """
    import ahocorasick

    strings = sorted({g for r in active for g in r.gate})
    bits = {g: 1 << k for k, g in enumerate(strings)}
    gates = ahocorasick.Automaton()
    gates.add_word("\0", 0)  # (a key that sets no bit, so that an automaton without gates works too)
    for g in strings:
        gates.add_word(g, bits[g])
    gates.make_automaton()
    masks = []
    for r in active:
        mask = 0
        for g in r.gate:
            mask |= bits[g]
        masks.append(mask)
    return gates, masks


def contains_any(low: str, strings: tuple[str, ...]) -> bool:
    """Whether ``low`` holds one of ``strings``: a plain loop of ``in`` tests, which costs less
    than one alternation regex of the same strings (its search tries every alternative at
    nearly every position) and than ``any()`` over a generator."""
    for k in strings:
        if k in low:
            return True
    return False


for _family in FAMILIES:
    importlib.import_module(f"{__name__}.{_family}")
