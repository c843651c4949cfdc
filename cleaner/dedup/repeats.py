"""Repeated lines inside one document: keep the first occurrence, drop later repeats.

A later line goes when, after normalisation (NFKC, case folding, ``\\w+`` tokens), it

- **equals** an earlier line (rule ``exact-repeat``), or
- **extends or shortens** an earlier line by a few words at its start or end (rule
  ``near-repeat``): a caption with and without "/Reuters", a headline with the site name
  appended, "UPDATED:" prefixed. The shared part must be at least
  :data:`MIN_NEAR_WORDS` words and the difference at most a third of it (and at most
  :data:`MAX_EXTRA_WORDS` words), so a body paragraph that merely starts like an earlier line
  stays.

Earlier lines include *decided* ones (already removed, e.g. the title lifted as metadata), so
the headline printed again in the body goes too. Lines with fewer than two words or without
a letter ("0:00", "14:40", "***") are left to other rules.

>>> lines = ["Putin says NATO is a threat", "", "Photo of the summit in London /Reuters",
...          "Photo of the summit in London", "PUTIN SAYS NATO IS A THREAT - Daily Wire",
...          "Putin says NATO is a threat to peace, and he said so at length in Sochi on Tuesday."]
>>> find_repeats(lines, {0: ("metadata:title", "title")})
{3: ('repeated-line', 'near-repeat'), 4: ('repeated-line', 'near-repeat')}
>>> find_repeats(["Markets rally", "Markets rally", "0:00", "0:00"], {})
{1: ('repeated-line', 'exact-repeat')}
"""
from __future__ import annotations

from typing import Sequence

from .exact import normalize_tokens

REASON = "repeated-line"
MIN_NEAR_WORDS = 4
"""A near repeat must share at least this many words with the earlier line."""
MAX_EXTRA_WORDS = 6
"""...and differ from it by at most this many words (and at most a third of the shared part)."""


def _eligible(tokens: list[str]) -> bool:
    return len(tokens) >= 2 and any(not t.isdigit() for t in tokens)


def _is_extension(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``long`` is ``short`` with a few words added at its start or end."""
    extra = len(long) - len(short)
    if len(short) < MIN_NEAR_WORDS or extra <= 0 or extra > min(MAX_EXTRA_WORDS, max(1, len(short) // 3)):
        return False
    return long[:len(short)] == short or long[extra:] == short


def find_repeats(lines: Sequence[str], decided: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Decisions ``{index: ("repeated-line", rule)}`` for undecided lines that repeat an earlier
    line (decided or not). ``lines`` are whitespace-collapsed and stripped, blank lines ``""``.

    >>> find_repeats(["Breaking news from the coast today", "x", "breaking NEWS, from the coast today!"], {})
    {2: ('repeated-line', 'exact-repeat')}
    >>> find_repeats(["Police said the driver was hurt.",
    ...               "Police said the driver was hurt, and two passengers were taken to hospital."], {})
    {}
    """
    out: dict[int, tuple[str, str]] = {}
    seen: set[tuple[str, ...]] = set()
    by_head: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    by_tail: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    k = MIN_NEAR_WORDS
    for i, line in enumerate(lines):
        if not line:
            continue
        toks = tuple(normalize_tokens(line))
        if not _eligible(list(toks)):
            continue
        if i not in decided:
            if toks in seen:
                out[i] = (REASON, "exact-repeat")
                continue
            if len(toks) >= k:
                cands = by_head.get(toks[:k], []) + by_tail.get(toks[-k:], [])
                if any(_is_extension(c, toks) or _is_extension(toks, c) for c in cands):
                    out[i] = (REASON, "near-repeat")
                    continue
        if toks not in seen:
            seen.add(toks)
            if len(toks) >= k:
                by_head.setdefault(toks[:k], []).append(toks)
                by_tail.setdefault(toks[-k:], []).append(toks)
    return out
