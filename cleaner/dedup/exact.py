"""Exact duplicates: the normalised body and its digest.

Two bodies are exact duplicates when their *normalised* forms are equal: Unicode NFKC,
HTML entities decoded, case folded, and reduced to its ``\\w+`` word tokens joined by single
spaces. So re-encoded, re-wrapped, re-quoted or re-cased copies of a text are the same text.

>>> normalize_body("Hello,   WORLD!\\n\\n“It’s” &amp; more")
'hello world it s more'
>>> body_key("Hello world") == body_key("  hello,\\nWORLD ")
True
>>> body_key("Hello world") == body_key("Hello word")
False
"""
from __future__ import annotations

import hashlib
import html
import re
import unicodedata

_WORD = re.compile(r"\w+")


def normalize_tokens(text: str) -> list[str]:
    """The word tokens of ``text`` after NFKC, entity decoding and case folding.

    >>> normalize_tokens("Café — CAFÉ's\\u00a0menu")
    ['café', 'café', 's', 'menu']
    """
    if "&" in text:
        text = html.unescape(text)
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def normalize_body(text: str) -> str:
    """The normalised form compared for exact duplicates: tokens joined by single spaces."""
    return " ".join(normalize_tokens(text))


def key_of_normalized(normalized: str) -> bytes:
    """16-byte digest of an already normalised body (see :func:`normalize_body`)."""
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=16).digest()


def body_key(text: str) -> bytes:
    """16-byte digest of the normalised body: equal keys mean exact duplicates."""
    return key_of_normalized(normalize_body(text))
