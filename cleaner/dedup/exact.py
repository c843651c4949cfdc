"""Normalisation shared by all dedup steps, and the exact-duplicate key.

A body is normalised to its sequence of word tokens: HTML entities decoded, Unicode NFKC,
lower-cased, then split on everything that is not a letter, digit or underscore (ASCII
punctuation and whitespace, and the non-ASCII punctuation and symbol blocks: Latin-1
symbols, U+2000-U+2FFF general punctuation to CJK radicals, U+3000-U+303F CJK punctuation,
U+FEFF). Two bodies are exact duplicates when their token sequences are equal, so
re-encoded, re-wrapped, re-quoted or re-cased copies of a text are the same text.

The work is done on UTF-8 bytes: one ``bytes.translate`` per text, then numpy over a whole
batch (see :func:`prepare` and :func:`blank_separators`), because Python-level token lists cost
more than everything else together.

>>> normalize_body("Hello,   WORLD!\\n\\n“It’s” &amp; more")
'hello world it s more'
>>> normalize_tokens("Café — CAFÉ's\\u00a0menu (€5)")
['café', 'café', 's', 'menu', '5']
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import numpy as np

from ..document import LINE_CACHE


def _table() -> bytes:
    out = bytearray(range(256))
    for c in range(128):
        ch = chr(c)
        if ch.isalnum() or ch == "_":
            out[c] = ord(ch.lower())
        else:
            out[c] = 32  # ASCII punctuation, whitespace and controls separate tokens
    return bytes(out)


_TABLE = _table()


def prepare(text: str) -> bytes:
    """UTF-8 bytes of ``text`` with entities decoded, NFKC, lower-cased and ASCII
    non-word characters turned into spaces (non-ASCII separators: :func:`blank_separators`).

    >>> prepare("It's  A&amp;B\\n")
    b'it s  a b '
    """
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = text.lower()  # ASCII is lowered by the table; casefold costs twice as much for ß→ss
    return text.encode("utf-8", "replace").translate(_TABLE)


def blank_separators(buf: np.ndarray) -> np.ndarray:
    """Turn the UTF-8 sequences of non-ASCII punctuation and symbols into spaces (in place).

    ``buf`` is a writable uint8 array of prepared bytes; returns it.
    """
    high = np.flatnonzero(buf >= 0xC2)
    if high.size == 0:
        return buf
    lead = buf[high]
    nxt = buf[np.minimum(high + 1, buf.size - 1)]
    two = (lead == 0xC2) | ((lead == 0xC3) & ((nxt == 0x97) | (nxt == 0xB7)))  # Latin-1 symbols, × ÷
    three = (lead == 0xE2) | ((lead == 0xE3) & (nxt == 0x80)) | ((lead == 0xEF) & (nxt == 0xBB))
    three &= ~((lead == 0xEF) & (nxt == 0xBB) & (buf[np.minimum(high + 2, buf.size - 1)] != 0xBF))
    for width, sel in ((2, two), (3, three)):
        starts = high[sel]
        for k in range(width):
            buf[np.minimum(starts + k, buf.size - 1)] = 32
    return buf


def normalize_tokens(text: str) -> list[str]:
    """The word tokens of ``text`` (see the module docstring).

    >>> normalize_tokens("The ‘Daily’ — 1,000 REASONS…")
    ['the', 'daily', '1', '000', 'reasons']
    """
    buf = np.frombuffer(prepare(text), dtype=np.uint8).copy()
    return blank_separators(buf).tobytes().decode("utf-8", "replace").split()


def normalize_lines(lines: list[str]) -> list[list[str]]:
    """:func:`normalize_tokens` of each line, computed in one pass.

    >>> normalize_lines(["A b", "", "C—d"])
    [['a', 'b'], [], ['c', 'd']]
    """
    if not lines:
        return []
    buf = np.frombuffer(b"\n".join(prepare(l) for l in lines), dtype=np.uint8).copy()
    text = blank_separators(buf).tobytes().decode("utf-8", "replace")
    return [part.split() for part in text.split("\n")]


# the characters whose UTF-8 sequences blank_separators turns into spaces, as a character class
_SEPARATORS = re.compile("[\x80-\xbf\xd7\xf7\u2000-\u2fff\u3000-\u303f\ufeff]")


# Lines recur across the documents of a corpus, so their tokens are remembered: for a quarter of
# the lines the other caches keep, since a line's tokens (a tuple of strings) take about 2.5 KB
# (40 MB a process; find_repeats took 0.070 ms/doc on d10k with no cache, 0.053 with this one,
# 0.048 with LINE_CACHE lines, which take 160 MB a process).
@lru_cache(maxsize=LINE_CACHE // 4)
def line_tokens(line: str) -> tuple[str, ...]:
    """:func:`normalize_tokens` of one line, on the string: no numpy call for a single line
    (the separators :func:`blank_separators` blanks in bytes are :data:`_SEPARATORS` here).

    >>> line_tokens("The ‘Daily’ — 1,000 REASONS…")
    ('the', 'daily', '1', '000', 'reasons')
    """
    text = prepare(line).decode("utf-8", "replace")
    if not text.isascii():
        text = _SEPARATORS.sub(" ", text)
    return tuple(text.split())


def normalize_body(text: str) -> str:
    """The normalised form compared for exact duplicates: tokens joined by single spaces."""
    return " ".join(normalize_tokens(text))
