"""Repeated lines inside one document: keep the first occurrence, drop later repeats.

A later line goes when, after normalisation (NFKC, lower-casing, word tokens; see
:mod:`cleaner.dedup.exact`), it

- **equals** an earlier line (rule ``exact-repeat``), or
- **extends** an earlier line by a few words set off by credit-style punctuation
  (``| / - – — : ( [``), at its end or start (rule ``near-repeat``): a caption printed again
  with "/Reuters", a headline with " | Site Name" or "UPDATED:". The earlier line must have at
  least :data:`MIN_NEAR_WORDS` words and the extra part at most :data:`MAX_EXTRA_WORDS` words
  (and at most a third of the earlier line).

A line in quotation marks whose words stand inside a paragraph above it goes too (rule
``pull-quote``): a magazine's pull quote, printed after the paragraph it repeats.

Only the later, longer copy goes: a lede that follows a caption "lede. /Reuters" stays, and so
does a paragraph that continues an earlier line in plain prose ("...could face" then
"...could face hefty fines"), or merely shares its start.

A line printed :data:`RECURRING_COPIES` times or more with every copy inside the body (kept
lines around it) is part of the article's structure (the same question put to each person
interviewed) and stays.

Earlier lines include *decided* ones (already removed, e.g. the title lifted as metadata), so
the headline printed again in the body goes too; but a prose-length line removed as chrome is
not a first copy (see :data:`PROSE_WORDS`). Lines with fewer than two words, or with no
word that is not a number ("0:00", "14:40", "***"), are left to other rules.

>>> lines = ["Putin says NATO is a threat", "", "Photo of the summit in London",
...          "Photo of the summit in London /Reuters", "PUTIN SAYS NATO IS A THREAT - Daily Wire",
...          "Putin says NATO is a threat to peace, and he said so at length in Sochi on Tuesday."]
>>> find_repeats(lines, {0: ("metadata:title", "title")})
{3: ('repeated-line', 'near-repeat'), 4: ('repeated-line', 'near-repeat')}
>>> find_repeats(["Markets rally", "Markets rally", "0:00", "0:00"], {})
{1: ('repeated-line', 'exact-repeat')}
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Sequence

from .exact import line_tokens

REASON = "repeated-line"
MIN_NEAR_WORDS = 4
"""A near repeat extends an earlier line of at least this many words..."""
MAX_EXTRA_WORDS = 6
"""...by at most this many words (and at most a third of the earlier line's words)."""

PROSE_WORDS = 20
"""An earlier line removed as chrome (not lifted as metadata) with at least this many words is
not a first copy: the article's own paragraph, printed before it in a teaser or a standfirst
that was removed, stays in the body. Shorter removed lines (captions, headlines) still are."""

RECURRING_COPIES = 3
"""A line printed at least this many times, each copy inside the body (see
:func:`_in_body_twice`), recurs through the article's structure and stays: the same question
put to each person interviewed, an item in each day of a plan. A line printed twice is a pull
quote or a caption printed again."""

_CREDIT_MARK = re.compile(r"[|/\-–—:(\[]")
_WORD = re.compile(r"\w+")


def _eligible(tokens: Sequence[str]) -> bool:
    return len(tokens) >= 2 and not all(map(str.isdigit, tokens))


def _credit_like(raw: str, n_tokens: int, extra: int, at_end: bool) -> bool:
    """The ``extra`` words added to a line are set off by credit-style punctuation."""
    words = list(_WORD.finditer(unicodedata.normalize("NFKC", raw)))
    if len(words) != n_tokens:  # tokenisation differs from the normalised one: stay safe
        return False
    text = unicodedata.normalize("NFKC", raw)
    if at_end:
        added = text[words[n_tokens - extra - 1].end():]
    else:
        added = text[:words[extra].start()]
    return bool(_CREDIT_MARK.search(added))


def find_repeats(lines: Sequence[str], decided: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Decisions ``{index: ("repeated-line", rule)}`` for undecided lines that repeat an earlier
    line (decided or not). ``lines`` are whitespace-collapsed and stripped, blank lines ``""``.

    >>> find_repeats(["Breaking news from the coast today", "x", "breaking NEWS, from the coast today!"], {})
    {2: ('repeated-line', 'exact-repeat')}
    >>> find_repeats(["Police said the driver was hurt.",
    ...               "Police said the driver was hurt, and two passengers were taken to hospital."], {})
    {}
    >>> find_repeats(["Rain is forecast across the north. Photo: AFP", "Rain is forecast across the north."], {})
    {}
    >>> find_repeats(["Rain is forecast across the north", "Rain is forecast across the north today"], {})
    {}
    >>> find_repeats(["How long to wait", "Text.", "How long to wait"], {0: ("low-content", "table-of-contents")})
    {}
    """
    out: dict[int, tuple[str, str]] = {}
    seen: dict[tuple[str, ...], int] = {}
    by_head: dict[tuple[str, ...], list[int]] = {}
    by_tail: dict[tuple[str, ...], list[int]] = {}
    k = MIN_NEAR_WORDS
    tokens = [line_tokens(t) for t in lines]
    copies = None  # how often each line occurs: counted only when a line repeats (few documents)
    for i, toks in enumerate(tokens):
        if not toks or not _eligible(toks):
            continue
        if i not in decided:
            if toks in seen:
                copies = copies or Counter(tokens)
                if copies[toks] < RECURRING_COPIES or not _in_body_twice(seen[toks], i, tokens, decided):
                    out[i] = (REASON, "exact-repeat")
                continue
            if len(toks) > k and _extends_earlier(lines[i], toks, tokens, by_head, by_tail):
                out[i] = (REASON, "near-repeat")
                continue
        if i in decided and len(toks) >= PROSE_WORDS and not decided[i][0].startswith("metadata"):
            continue  # a paragraph shown earlier in chrome (a teaser, a standfirst) is no first copy
        if i in decided and decided[i][1] == "table-of-contents":
            continue  # nor is a table of contents' entry: the subheading it names is printed again
        if toks not in seen:
            seen[toks] = i
            if len(toks) >= k:
                by_head.setdefault(toks[:k], []).append(i)
                by_tail.setdefault(toks[-k:], []).append(i)
    out.update(_pull_quotes(lines, tokens, decided, out))
    return out


PULL_MIN_WORDS = 5
"""A pull quote has at least this many words (fewer may be a phrase anywhere) ..."""
PULL_SOURCE_WORDS = 20
"""... and repeats a paragraph above it of at least this many words (and twice its own): a
heading that quotes the paragraph below it ('"My fears have been realized"') is the article's."""
_QUOTE_OPEN = ("\"", "“", "„", "«", "‘", "'", "»", "「")


def _pull_quotes(lines: Sequence[str], tokens: list[tuple[str, ...]], decided: dict[int, tuple[str, str]],
                 taken: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Pull quotes: a line in quotation marks (``PULL_MIN_WORDS`` words or more) whose words
    stand, in order, inside a paragraph above it (``PULL_SOURCE_WORDS``), the one it was pulled from.

    >>> find_repeats(["He climbs the stairs every night of the year, in rain and wind. 'Somebody ought to see "
    ...               "it come on,' he told me.", "“Somebody ought to see it come on.”", "“Somebody ought to stay,” she said."], {})
    {1: ('repeated-line', 'pull-quote')}
    >>> find_repeats(["“My fears have been realized”", "The adviser told the committee that he feared how the call "
    ...               "would play in Washington's climate. “My fears have been realized,” he said."], {})
    {}
    """
    out = {}
    joined: dict[int, str] = {}  # a line's words, each line joined once
    for i, line in enumerate(lines):
        toks = tokens[i]
        if i in decided or i in taken or len(toks) < PULL_MIN_WORDS or not line.startswith(_QUOTE_OPEN):
            continue
        needle = " " + " ".join(toks) + " "
        for j in range(i):
            if len(tokens[j]) < max(2 * len(toks), PULL_SOURCE_WORDS):
                continue
            if j not in joined:
                joined[j] = " " + " ".join(tokens[j]) + " "
            if needle in joined[j]:
                out[i] = (REASON, "pull-quote")
                break
    return out


def _in_body_twice(j: int, i: int, tokens: list[tuple[str, ...]], decided: dict[int, tuple[str, str]]) -> bool:
    """Whether a line (at ``i``) and its first copy (at ``j``) both stand inside the body:
    neither copy decided, and the nearest non-blank line on each side of each copy kept and
    not another copy. That is a recurring part of the article's own structure, not a caption or
    a headline printed again beside chrome.

    >>> lines = ["Anna said the first thing.", "What do you cook?", "Anna answered at length.",
    ...          "Ben said the second thing.", "What do you cook?", "Ben answered briefly.",
    ...          "Cleo said the third thing.", "What do you cook?", "Cleo did not answer."]
    >>> find_repeats(lines, {})
    {}
    >>> find_repeats(lines, {3: ("low-content", "line-shape")})
    {4: ('repeated-line', 'exact-repeat')}
    >>> find_repeats(lines[:6], {})  # printed twice only: a pull quote, a caption
    {4: ('repeated-line', 'exact-repeat')}
    """
    if j in decided:
        return False
    for k in (j, i):
        for step in (-1, 1):
            n = k + step
            while 0 <= n < len(tokens) and not tokens[n]:
                n += step
            if not 0 <= n < len(tokens) or n in decided or tokens[n] == tokens[k]:
                return False
    return True


def _extends_earlier(raw: str, toks: tuple[str, ...], tokens: list[tuple[str, ...]],
                     by_head: dict, by_tail: dict) -> bool:
    for at_end, index in ((True, by_head), (False, by_tail)):
        for j in index.get(toks[:MIN_NEAR_WORDS] if at_end else toks[-MIN_NEAR_WORDS:], ()):
            short = tokens[j]
            extra = len(toks) - len(short)
            if extra <= 0 or extra > min(MAX_EXTRA_WORDS, max(1, len(short) // 3)):
                continue
            if (toks[:len(short)] if at_end else toks[extra:]) != short:
                continue
            if _credit_like(raw, len(toks), extra, at_end):
                return True
    return False
