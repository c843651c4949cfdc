"""Counting words: the number of ``\\w+`` runs of a text, as ``len(re.findall(r"\\w+", text))``
gives it, without making a string of every word (the manifest counts the words of every input
and every body).

>>> count_words("Hello, world: ça va? 3½ naïve_words — ok"), len(re.findall(r"\\w+", "Hello, world: ça va? 3½ naïve_words — ok"))
(7, 7)
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

_WORD = re.compile(r"\w+")

# ASCII bytes that are word characters (letters, digits, "_") become "w", the others " "
_ASCII = bytes.maketrans(bytes(range(128)), bytes(0x77 if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(128)))


@lru_cache(maxsize=1)
def _bmp_words() -> np.ndarray:
    """1 for each character of the Basic Multilingual Plane that ``\\w`` matches, else 0 (what
    re's ``\\w`` is for a str pattern: ``str.isalnum()`` or "_")."""
    return np.array([chr(c).isalnum() or c == 0x5F for c in range(0x10000)], dtype=np.int8)


def count_words(text: str) -> int:
    """``len(re.findall(r"\\w+", text))``: the runs of word characters, counted by where one
    starts (a word character not preceded by one)."""
    if text.isascii():
        b = text.encode("ascii").translate(_ASCII)
        return b.count(b" w") + b.startswith(b"w")
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if cp.max() > 0xFFFF:  # beyond the table (rare): the regex itself
        return len(_WORD.findall(text))
    w = _bmp_words()[cp]
    return int(w[0]) + int(np.count_nonzero(w[1:] > w[:-1]))


# _ASCII, with the characters a token may hold inside it (apostrophe, full stop, hyphen)
# deleted: between two word characters they join them into one token, like word characters
_TOKEN_INNER = b"'.-"
_TOKEN = re.compile(r"\w[\w'’.-]*")


def count_tokens(text: str) -> int:
    """``len(re.findall(r"\\w[\\w'’.-]*", text))`` (the words metadata counts: "U.S.", "O'Neill",
    "well-known" are one each), without making a string of every token. A token is a run of word
    characters and of ``'’.-`` that holds a word character; in ASCII text, with ``'.-`` deleted,
    it is a run of word characters.

    >>> text = "Dr. O'Neill's well-known U.S. report - 'ok' ... 3.5% .x"
    >>> count_tokens(text), len(_TOKEN.findall(text))
    (8, 8)
    """
    if text.isascii():
        b = text.encode("ascii").translate(_ASCII, _TOKEN_INNER)
        return b.count(b" w") + b.startswith(b"w")
    return len(_TOKEN.findall(text))


def words_in(doc) -> int:
    """Words of a document's input text: what its reader counted, or counted now."""
    return count_words(doc.text) if doc.words_in is None else doc.words_in
