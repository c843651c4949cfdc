"""Text repair: ftfy with deliberate settings, then whitespace normalisation.

>>> repair("NATO\\u00e2\\u20ac\\u2122s approach &amp; \\u201cquotes\\u201d\\u00a0stay")
'NATO’s approach & “quotes”\\xa0stay'
>>> repair("  a\\t\\tb  \\n\\n\\n\\n c ")
'a b\\n\\nc'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ftfy

from .document import LINE_CACHE

# ftfy settings, each chosen on purpose:
_FTFY = ftfy.TextFixerConfig(
    unescape_html="auto",  # &amp; -> & (scraped text often keeps entities), but not inside real markup
    remove_terminal_escapes=True,  # ANSI colour codes are never article text
    fix_encoding=True,  # the point: undo mojibake (UTF-8 read as Windows-1252 and friends)
    restore_byte_a0=True,  # mojibake that lost a byte 0xA0 to a space is still recognised
    replace_lossy_sequences=True,  # what cannot be restored becomes U+FFFD, not garbage
    decode_inconsistent_utf8=True,  # fix mojibake that appears next to correct text
    fix_c1_controls=True,  # C1 controls are Windows-1252 punctuation in disguise
    fix_latin_ligatures=True,  # "ﬁ" -> "fi": ligatures are rendering, not content
    fix_character_width=False,  # keep full-width characters: they are the author's (CJK text)
    uncurl_quotes=False,  # keep the author's typography: curly quotes stay curly
    fix_line_breaks=True,  # CR, LS, PS -> "\n"
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",  # compose, never NFKC: NFKC would fold widths and other typography
    explain=False,
)
_FTFY_NO_HTML = _FTFY._replace(unescape_html=False)  # after a line with "<" (see fix_text)

# Runs of ASCII blanks become one space. No-break, thin and ideographic spaces are the author's
# typography and stay as they are (only stripped at line ends). Zero-width characters and soft
# hyphens are invisible layout residue and go.
_SPACES = re.compile(r"[ \t\f\v]+")
_SPACE_RUNS = re.compile(r"  +")  # (two spaces first: the regex scans for them fast, and skips single spaces)
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


# Characters that some ftfy step may change or that mojibake is made of: C0/C1 controls and
# DEL, Latin-1 and Latin Extended (what UTF-8 read as Windows-125x or Latin-1 turns into),
# Greek and Cyrillic (UTF-8 read as Windows-1253/1251), box drawing (cp437), ligatures,
# surrogates, BOM, line/paragraph separators, and "&" (entities) and ESC (terminal codes).
_MAY_CHANGE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\u024f\u0370-\u04ff\u2028\u2029\u2500-\u25ff\ufb00-\ufb06"
    "\ud800-\udfff\ufeff\ufff9-\ufffc&]"
)


def needs_ftfy(line: str) -> bool:
    """Whether ftfy could change this line. Lines without any character ftfy acts on, and
    already in NFC, come out of ftfy unchanged, so ftfy is not run on them (a test checks
    this agreement on real and random text).

    >>> needs_ftfy("Plain “curly” text – with dashes"), needs_ftfy("NATOâ€™s"), needs_ftfy("a &amp; b")
    (False, True, True)
    """
    return bool(_MAY_CHANGE.search(line)) or not unicodedata.is_normalized("NFC", line)


def fix_text(text: str) -> str:
    """ftfy.fix_text with our settings, run only on the lines it could change.

    ftfy itself works line by line; the one state it carries from line to line is that after
    a line containing "<" it stops unescaping HTML entities. That is kept here.
    """
    out, html = [], True
    for line in text.split("\n"):
        if html and "<" in line:
            html = False
        out.append(_fix_line(line, html) if needs_ftfy(line) else line)
    return "\n".join(out)


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line: footers ("© 2019 ...") recur across documents
def _fix_line(line: str, unescape_html: bool) -> str:
    """ftfy.fix_text of one line, with our settings, HTML entities unescaped or not."""
    return ftfy.fix_text(line, _FTFY if unescape_html else _FTFY_NO_HTML)


def normalize_whitespace(text: str) -> str:
    """One space between words, lines stripped, at most one blank line between blocks."""
    # (a substitution runs only where it can change something: looking for a plain string
    # costs much less than a pass of the regex, and most texts need neither)
    # (six ``in`` tests cost a twentieth of one pass of the regex; the characters are not ASCII)
    if not text.isascii() and any(c in text for c in _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    if "\t" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)  # (neither pattern matches a newline)
    elif "  " in text:  # else every blank run is one space: the runs of two or more are replaced
        text = _SPACE_RUNS.sub(" ", text)
    text = "\n".join([line.strip() for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n")


def repair(text: str, use_ftfy: bool = True) -> str:
    """Fix encoding damage and normalise whitespace. Idempotent."""
    # Line breaks first: ftfy works line by line and turns a lone CR or U+2028 into a break
    # inside a line, so without this a second pass would cut the text differently.
    # Whitespace is normalised before ftfy too, so ftfy sees the same lines on a second pass.
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _BREAKS.sub("\n", text)
    text = normalize_whitespace(text)
    if use_ftfy:
        fixed = fix_text(text)
        if fixed != text:
            text = normalize_whitespace(fixed)
    if _DROP_CAP.search(text) or _DROP_CAP.match("\n" + text[:4]):
        text = join_drop_caps(text)
    if (_SPACED_CAP_START.search(text) or _SPACED_CAP_START.match("\n" + text[:5])) and _SPACED_CAP.search(text):
        text = join_spaced_caps(text)
    return text


_DROP_CAP = re.compile(r"\n[\"“‘'«]?[B-HJ-Z]\n[a-zß-öø-ÿ]")  # (a newline first: the regex scans for it fast)
"""A line of one capital letter over a line that starts in lowercase: a magazine's drop cap
('T' over 'he lamp at Point Cabrillo'). Not 'A' nor 'I', which are words of their own."""


_SPACED_CAP = re.compile(r"^([\"“‘'«]?)([B-HJ-Z]) ([a-zß-öø-ÿ]{2,})\b", re.M)
"""A line that opens with one capital letter, a space, and the rest of a word in lowercase: a
drop cap saved with a space after it ('M uch of the focus ...')."""
_SPACED_CAP_START = re.compile(r"\n[\"“‘'«]?[B-HJ-Z] [a-zß-öø-ÿ]{2}")
"""How every match of _SPACED_CAP starts, after a newline (or at the text's start, with one put
before it): looked for first, since a regex that opens with a newline scans for it fast and
_SPACED_CAP tries every position (most texts have none)."""
_LOWER_WORD = re.compile(r"\b[a-zß-öø-ÿ]+\b")


def join_spaced_caps(text: str) -> str:
    """Put a drop cap saved with a space after it back at the start of its word, when the word
    it makes is used elsewhere in the text (in lowercase) or is an English word that stories
    often open with — so "T cells", "Y el", "Y es que" and "E la" stay.

    >>> join_spaced_caps("M uch was said.\\nT he talks went on.\\nIt was too much for the team.")
    'Much was said.\\nThe talks went on.\\nIt was too much for the team.'
    >>> join_spaced_caps("W hile the talks went on, nothing was agreed.")
    'While the talks went on, nothing was agreed.'
    >>> join_spaced_caps("T cells fight infection.\\nThe cells were counted.")
    'T cells fight infection.\\nThe cells were counted.'
    """
    used = set(_LOWER_WORD.findall(text)) | _OPENING_WORDS
    return _SPACED_CAP.sub(lambda m: m.group(1) + m.group(2) + m.group(3)
                           if (m.group(2) + m.group(3)).lower() in used else m.group(0), text)


_OPENING_WORDS = frozenset(
    "the this that these those there their they then than when where while what which who whose why how "
    "much many more most some such since still but for from with without into over under after before "
    "because although though every each few our once only other its his her him she not nor yet also all "
    "any both even ever just like last let long now off one out own same several very".split())
"""English words a story often opens with, which a magazine's drop cap splits ('T he', 'W hile',
'M uch'): joined even when the text uses the word nowhere else (a short list of English words
of three letters or more, not a stop list: 'Y es', 'S e', 'D e' stay)."""


def join_drop_caps(text: str) -> str:
    r"""Put a drop cap back at the start of its word.

    >>> join_drop_caps("Title\nT\nhe lamp has not needed a keeper.\nI\nthink so.")
    'Title\nThe lamp has not needed a keeper.\nI\nthink so.'
    >>> join_drop_caps("T\nhe lamp."), join_drop_caps("X\nT\n÷ 2")
    ('The lamp.', 'X\nT\n÷ 2')
    """
    return _DROP_CAP.sub(lambda m: m.group(0)[:-2] + m.group(0)[-1], "\n" + text)[1:]
