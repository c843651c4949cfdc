"""Statistical evidence of boilerplate: statistics of each line and of the corpus.

Two kinds of evidence live here (rules, the third kind, are in :mod:`cleaner.rules`):

*Line statistics* (:func:`classify_lines`), the jusText idea applied to text lines. Each line is
measured in the document's language: length, share of stop words, terminal punctuation, share of
capitalised words, link/list shape. From those a line gets a first class (``good``: prose;
``near``: could be prose; ``short``; ``bad``: chrome-shaped), then its neighbours settle the
doubtful ones (a short line between two prose paragraphs is a subheading and stays; a short line
in a run of chrome goes). Some shapes are settled before the neighbours are asked:

- a list announced by a colon line, or lines built alike under prose ("June 9 -- Arena, City"),
  is body;
- a run of headline-shaped lines (no sentence end, or capitalised) is a list of links;
- timestamp lines ("Updated 5:27 am, Nov. 20, 2019") and long lines in capitals are chrome;
- a chain of teasers (headline, byline or date, one short paragraph; again and again) is chrome.

Finally the body is taken to be the document's main run of prose. Prose blocks split by chrome
merge again when the chrome between them is light (labels and credits inside a feature, a buying
guide's shop links, a photo gallery); blocks far from the main one, after the page footer, or
after a comment section (found from a comment form, or from a comment's own buttons under a name
and a date) go.

*Corpus statistics* (:class:`CorpusStats`), the CCNet idea: a line that recurs in many documents
of the input is a site's footer or menu, whatever its wording, so a new site's chrome goes
without a new rule.

Every threshold is a named constant below with its reason: round numbers chosen for what they
mean, not fitted (the error analysis behind the shapes above read one half of the shared
benchmark's sites only; the other half is held out for reporting). The stop-word densities are set relative to the document's own prose, so one rule serves every
language that ``stopwordsiso`` covers (and a language whose prose its stop list hardly matches,
such as Korean, is judged by length and punctuation, as scripts without spaces are).

>>> lines = ["Home", "News", "Sport", "",
...          "The council said on Monday that the new bridge would open to traffic in the spring.",
...          "Cooperation Attempts",
...          "Officials added that the cost of the project had risen by a third since it was approved.",
...          "", "Follow us", "Contact"]
>>> sorted(classify_lines(lines, {}, None, None))
[0, 1, 2, 8, 9]
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from array import array
from collections import Counter
from functools import lru_cache
from itertools import chain
from typing import Iterable, NamedTuple, Sequence

from .document import LINE_CACHE
from .rules import contains_any
from .rules.chrome import BARE_TIME, CONTENTS_MAX_LINES, INLINE_LINK, contents_entries, is_field

# ---------------------------------------------------------------------------------------------
# Thresholds (named, small, documented)
# ---------------------------------------------------------------------------------------------

GOOD_MIN_WORDS = 10
"""A prose paragraph has at least this many words (a sentence of news prose is ~20)."""
SHORT_MAX_WORDS = 4
"""A line of at most this many words is ``short``: a label, a subheading, a name; its class is
decided by its neighbours."""
STOP_REL_GOOD = 0.7
"""A ``good`` line's stop-word share is at least this fraction of the document's prose share
(the median over its long lines), so the test adapts to the size of each language's list."""
STOP_REL_BAD = 0.35
"""Below this fraction of the document's prose share a line is chrome-shaped (names, menus).
Relative only: in a language whose prose has few stop words (Turkish), an absolute floor here
took the body."""
STOP_ABS_FLOOR = 0.08
"""Whatever the document, a good line has at least this share of stop words."""
DEFAULT_PROSE_STOP = 0.45
"""The prose share assumed when a document has too few long lines to measure it."""
MIN_PROSE_STOP = 0.12
"""Below this prose share the stop list does not describe the language's prose (Korean
attaches its particles to words, so whole words rarely match a list): stop words are then
left out and length and punctuation decide."""
SHOUT_MIN_WORDS = 6
"""A line in capitals of at least this many words, not a sentence, is a shouted headline (a
link to another story); subheadings in capitals are shorter."""
CAPS_MAX_GOOD = 0.6
"""A line where more than this share of words are capitalised is headline-shaped (teasers)."""
MIN_ARTICLE_WORDS = 150
"""Prose words that must precede a comment prompt before everything after it is taken as the
comment section (reader comments are prose that line shape cannot tell from the article)."""
MAX_SHORT_RUN = 2
"""Short lines between prose stay (subheadings, a dateline) only in runs of at most this many;
a longer run of short lines is a menu or a list of links even when prose surrounds it."""
RELATED_BOX_LINES = 5
"""A "read also" box inside an article (its heading and up to four headlines) that a subheading
right under it looks past to the paragraph above."""
MAX_GAP = 2
"""Prose runs separated by more than this many chrome lines are separate blocks."""
SIDE_BLOCK_SHARE = 0.5
"""A prose block other than the main one stays only if it has at least this share of the
main block's words (a second half of an article split by an ad; not a comment or teaser)."""
MAX_MERGE_GAP = 8
"""Blocks split by at most this many chrome lines may merge again (see ``GAP_SHARE``)."""
MAX_PLAIN_GAP = 4
"""Blocks split by at most this many chrome lines, none of them recognised by a rule (only
judged by their shape), merge again."""
MAX_MEDIA_GAP = 30
"""A gallery or player inside an article (captions, credits, controls) of at most this many
lines does not split it."""
MEDIA_PART_WORDS = 60
"""... when the prose above it has at least this many words (a couple of paragraphs; a headline
and a standfirst above a lead photo are not a part of the story)."""
MEDIA_REASONS = ("caption", "media-player")
NEUTRAL_REASONS = ("caption", "media-player", "advertisement", "ui-chrome", "corpus-repeat", "social-share",
                   "icon-strings", "markup", "low-content")
"""Reasons of the chrome a gallery or player is made of, next to its captions and controls."""
INLINE_REASONS = ("caption", "media-player", "advertisement", "ui-chrome", "social-share", "markup")
"""Reasons of chrome that sits inside an article (between its paragraphs), which a doubtful
sentence looks past for its neighbours: an ad marker, a caption, a gallery's "View all (4)"."""
GAP_SHARE = 0.25
"""Two blocks merge when the words of the chrome between them are at most this share of the
smaller block: a long feature with names and photo credits between its sections is one article;
a teaser (headline, byline, one short paragraph) is not part of the story above it."""
HEADLINE_RUN = 3
"""This many headline-shaped doubtful lines in a row are a list of links (related stories, most
read, menus), not subheadings, which come one at a time between paragraphs."""
HEADLINE_RUN_INNER = 5
"""... but between two paragraphs it takes this many: an item of a buying guide (product name,
price, shop link) sits between paragraphs; a box of related links is longer."""
PARALLEL_RUN = 3
"""Consecutive lines built alike that make a list (see ``_parallel_lists``)."""
LIST_MAX_ITEMS = 60
"""At most this many lines after a colon line are taken as the list it announces ..."""
LIST_ITEM_MAX_WORDS = 30
"""... each of at most this many words."""
LIST_PROSE_REACH = 4
"""... and a list a heading names (see ``_names_list``) needs prose within this many lines under it."""
HEADING_MAX_WORDS = 8
"""A heading that names a list without a colon ("What you'll need") has at most this many words."""
TEASER_CHAIN = 3
"""Records (headline + one short paragraph) in a row that make a teaser list."""
TEASER_MAX_WORDS = 100
"""A teaser's summary is one paragraph of at most this many words ..."""
LISTED_TEASER_FACTOR = 2
"""... or this many times as long under the heading of a list of other stories ("You may also
like"), where the site may print the other texts whole (quotes, short posts)."""
TEASER_HEAD_LINES = 4
"""... under at most this many lines (headline, byline, date, label)."""
TEASER_HEAD_WORDS = 5
"""The median headline of a teaser list has at least this many words (a list item's label,
a name or a number, is shorter)."""
GLUED_HEAD_WORDS = 4
"""A teaser card flattened to text glues its headline to its summary ("... Troy SteakhouseA party
of six left ..."): a run of at least this many words in title case ..."""
GLUED_HEAD_CAPS = 0.75
"""... where at least this share of the words are capitalised (a headline's title case; prose
that names a product such as "MacBook" or "SpaceX" has its lowercase words around it) ..."""
GLUED_TAIL_WORDS = 8
"""... followed, with no space, by at least this many words of summary (a product name ends
sooner)."""
DATED_MAX_WORDS = 12
"""A line of at most this many words that holds a time or a full date is a timestamp line
(chrome, unless it ends a sentence); metadata lifting takes the article's own date first."""
LONG_LINE_WORDS = 25
"""Corpus repeats: a line this long is prose-like ..."""
LONG_LINE_FACTOR = 3
"""... and must recur in this many times the usual number of documents to count as chrome
(syndicated wire copy repeats whole paragraphs across a corpus; a footer does not need this)."""
MIN_STOP_LIST = 100
"""Languages whose stop list is shorter than this are not guessed (too few words to measure)."""
LANG_SAMPLE_WORDS = 600
"""Words sampled from a document to guess which stop list to use."""

CORE_EARLY_SHARE = 0.7
"""The article's core is the first prose block with at least this share of the largest block's
words: an article comes before its comments and the teasers below it, so when a later block is
only a little bigger (a long list of other stories), the earlier one is the article."""
HEADING_MAX_CHARS = 60
"""A related-links line this short, without a label colon, is the heading of a list."""
FOOTER_RULES = ("copyright-line", "legal-links")
"""Rules whose lines are the page footer: after the article, nothing below them joins it."""
TOP_HEADLINE_LINES = 2
"""Doubtful headline-shaped lines that open the article's main block are its headline and a
kicker above it (see ``_headline_on_top``), at most this many ..."""
TOP_HEADLINE_WORDS = 25
"""... each of at most this many words and no sentence end (a question mark aside)."""
CLOSER_RULES = ("author-bio", "about-author", "author-contact", "tag-list", "related-links", "newsletter-pitch",
                "comment-form")
"""Rules whose lines stand where an article ends (a bio, tags, a list of other stories, a pitch,
the comment form): prose after a gap of chrome that holds one of them does not grow the article
(it may still stay as a side block of its own size, see ``SIDE_BLOCK_SHARE``)."""
END_RULES = ("author-bio", "about-author", "author-contact", "tag-list")
"""Rules whose lines close an article (an author's bio or contact line, a tag list): a chain of
teasers may start right after one without dates on its records. (Affiliate notes and newsletter
boxes are not among them: buying guides open with the one, articles carry the other inline.)"""
OWN_TEXT_SHARE = 0.5
"""Share of a document's long-line words that, found across the corpus, makes them the
document's own recurring text rather than chrome (see :func:`_own_text_kept`)."""
BIG = 1 << 30
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_INNER_END = re.compile(r"(\w\w)[.!?…。！？]['\"’”»)]*\s")
"""A sentence end inside the line; it counts when the word before it ends in two lowercase
letters, so that "St. Paul", "U.S. officials" or "J.J. Watt" do not make a headline a sentence."""


def _is_terminal(line: str) -> bool:
    """Whether the line ends a sentence, or holds a sentence end followed by more text.

    >>> _is_terminal("Police chief in St. Paul sought funding, but mayor unswayed")
    False
    >>> _is_terminal("Taxes are on the rise. These maps show where")
    True
    >>> _is_terminal("首相は会見で説明した。政府は予算を見直す方針だ"), _is_terminal("「問題だ。」")
    (True, True)
    """
    end = line.rstrip().rstrip(_CLOSERS)
    if end and end[-1] in _ENDS:
        return True
    if not contains_any(line, _INNER_GATE):
        return False
    if any(m.group(1).islower() for m in _INNER_END.finditer(line)):
        return True
    return bool(_CJK_INNER_END.search(line))  # Chinese and Japanese put no space after a sentence


_CJK_INNER_END = re.compile(r"[。！？][」』）〕】》\"”)]*[^\s」』）〕】》\"”)]")


# an inner sentence end holds one of these marks
_INNER_GATE = tuple(".!?…。！？")


_ENDS = frozenset(".!?…。！？:;")
_CLOSERS = "'\"’”»)]」』）〕】》"
_LINKISH = re.compile(r"https?://|www\.|\S+@\S+\.\w+|(?:^|\s)[@#]\w+|\.(?:com|org|net)\b", re.I)
_DATEISH = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d+\s*(?:h|hrs?|hours?|mins?|minutes?|d|days?)\b|\bago\b|^by\s")
"""A date, a time, an age ("3h", "2 days ago") or a byline: what a teaser's meta line holds."""
_DATED = re.compile(
    r"\b\d{1,2}:\d\d\b|\b\d+\s*(?:h|hrs?|hours?|mins?|minut\w*|мин\w*|days?)\b(?: ago)?|\bago\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d\b|"
    r"\b\d{1,2}\.? [^\W\d_]{3,}\.?,? (?:19|20)\d\d\b|\b[^\W\d_]{3,}\.? \d{1,2},? (?:19|20)\d\d\b", re.I)
"""A time, an age, a reading time or a full date ("30. Juli 2018", "Nov. 19, 2019"): a line of
a few words holding one is a timestamp or a byline."""
_TRUNCATED = re.compile(r"\w(?:\.\.\.|…)$|\[(?:…|\.\.\.)\]$")
"""A line cut short by the site ("... plus JBL he...", "location become […]"): a teaser."""
_TRUNCATED_ENDS = ("...", "…", "]")
"""How every ``_TRUNCATED`` match ends (a line holds no newline): tested first, since the regex,
anchored at the end, is tried at every position of the line."""


def _cut_short(line: str) -> bool:
    """A line the site cut short in mid-word or mid-sentence ("... plus JBL he...",
    "location become […]"): a teaser's headline or summary, not a finished sentence, though it
    ends in dots. Only lines of fewer than ``2 * GOOD_MIN_WORDS`` words are doubted (see
    :func:`classify_lines`); a long paragraph that trails off ("Here's what he had to say…") is
    the author's.

    >>> _cut_short("Microsoft offers Build your own Surface Go Kids Bundle plus JBL he..."), _cut_short("So it goes.")
    (True, False)
    """
    return line.endswith(_TRUNCATED_ENDS) and bool(_TRUNCATED.search(line))


_LISTISH = re.compile(r"^(?:[•·・▪►▸◦◇◆■□▶▷●○\-–—*+>]|\d{1,2}[.)]\s)")


# ---------------------------------------------------------------------------------------------
# Language and stop words
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _stop_table() -> tuple[tuple[str, ...], dict[str, int]]:
    """(languages, word -> bitmask of the languages whose stop list has it), built once."""
    import stopwordsiso

    langs = tuple(sorted(stopwordsiso.langs()))
    table: dict[str, int] = {}
    for k, lang in enumerate(langs):
        for w in stopwordsiso.stopwords(lang):
            w = w.lower()
            table[w] = table.get(w, 0) | (1 << k)
    return langs, table


@lru_cache(maxsize=64)
def stop_words(lang: str | None) -> frozenset[str]:
    """The stop list of ``lang`` (lowercase), empty for an unknown language.

    >>> "the" in stop_words("en"), "und" in stop_words("de"), stop_words("xx")
    (True, True, frozenset())
    """
    import stopwordsiso

    if not lang or not stopwordsiso.has_lang(lang):
        return frozenset()
    return frozenset(w.lower() for w in stopwordsiso.stopwords(lang))


def guess_language(lines: Sequence[str]) -> str | None:
    """The language whose stop list covers most words of the document's longer lines, scored
    by hits divided by the square root of the list's size (big lists would otherwise win by
    containing everything). Cheap; the real language label comes later from langdetect.

    >>> guess_language(["The minister said that the plan would be ready by the end of the year."])
    'en'
    >>> guess_language(["Der Minister sagte, dass der Plan bis zum Ende des Jahres fertig sein werde."])
    'de'
    >>> guess_language(["", "12:00"]) is None
    True
    """
    return _guess([(len(t), *_stop_hits(_WORD.findall(t.lower()))) for t in lines if t])


def _guess(lines: list[tuple[int, int, tuple[int, ...]]]) -> str | None:
    """:func:`guess_language` from each line's (length, :func:`_stop_hits`), in line order: the
    longest lines first, until ``LANG_SAMPLE_WORDS`` words are read.

    Numbers are no evidence of a language: some stop lists hold the digits (Spanish, Korean,
    Chinese, Persian list "0" to "9"), so a page of recipes, scores or prices would otherwise
    be taken for Spanish and its English prose measured against the wrong list (see
    :func:`_language_words`)."""
    langs, _ = _stop_table()
    read, seen = [], 0
    for _, n, found in sorted(lines, key=lambda line: line[0], reverse=True):
        read.append(found)
        seen += n
        if seen >= LANG_SAMPLE_WORDS:
            break
    masks = Counter(chain.from_iterable(read))
    hits = [0] * len(langs)  # stop words found, by language
    for mask, n in masks.items():  # few distinct masks: unpack each once
        for k in _bits(mask):
            hits[k] += n
    if not any(hits):
        return None
    sizes = _list_sizes()
    usable = [k for k, n in enumerate(hits) if n and sizes[k] >= MIN_STOP_LIST]
    if not usable:
        return None
    best = max(usable, key=lambda k: (hits[k] / sizes[k] ** 0.5, -k))
    # A short list that shares the text's commonest words with a longer one wins on that ratio
    # (Galician's 160 words over Portuguese's 560 and Spanish's 732, on Portuguese and Spanish
    # text); the text's words that only one of the two lists has settle it.
    shared = [0] * len(langs)  # words read that each list shares with the guess's
    for mask, n in masks.items():
        if mask >> best & 1:
            for k in _bits(mask):
                shared[k] += n
    own = {k: hits[k] - shared[k] for k in usable if k != best and hits[k] > hits[best]}  # words the guess's list lacks
    rival = max(own, key=lambda k: (own[k], -k), default=None)
    if rival is not None and own[rival] >= max(EXCLUSIVE_MIN, EXCLUSIVE_RATIO * (hits[best] - shared[rival])):
        best = rival
    return langs[best]


EXCLUSIVE_MIN = 5
EXCLUSIVE_RATIO = 2
"""The language guessed yields to another whose stop list holds at least ``EXCLUSIVE_MIN`` of the
text's words that its own list lacks, and ``EXCLUSIVE_RATIO`` times as many as the other way round."""


def _stop_hits(low_toks: list[str]) -> tuple[int, tuple[int, ...]]:
    """(how many of a line's lowercased tokens can tell a language, and the masks of those in
    stop lists: the languages whose lists hold the word as a bitmask, see :func:`_stop_table`)."""
    words = _language_words(low_toks)
    return len(words), tuple(filter(None, map(_stop_table()[1].get, words)))  # (a mask is never 0)


@lru_cache(maxsize=LINE_CACHE)
def _line_hits(line: str) -> tuple[int, tuple[int, ...]]:
    """:func:`_stop_hits` of a line's ``\\w+`` tokens (lowercased each, see :func:`_lower_tokens`)."""
    return _stop_hits(_line_tokens(line)[1])


@lru_cache(maxsize=LINE_CACHE)
def _line_stats(line: str, lang: str | None) -> "LineStats":
    """:func:`line_stats` of a line in the stop list of ``lang``."""
    toks, low_toks = _line_tokens(line)
    return line_stats(line, stop_words(lang), toks, low_toks)


@lru_cache(maxsize=512)  # the lines of the document at hand: classify_lines asks _line_hits, then _line_stats
def _line_tokens(line: str) -> tuple[list[str], list[str]]:
    """A line's ``\\w+`` tokens and the same lowercased (lists that their users only read)."""
    toks = _WORD.findall(line)
    return toks, _lower_tokens(toks)


def _lower_tokens(toks: list[str]) -> list[str]:
    """``[t.lower() for t in toks]``, lowercased in one call: joined by newlines, which no token
    holds and which end a word for ``str.lower`` as the string's ends do (Greek final sigma).

    >>> _lower_tokens(["ΟΔΟΣ", "Σ", "Straße", "İ"]) == [t.lower() for t in ["ΟΔΟΣ", "Σ", "Straße", "İ"]]
    True
    """
    return "\n".join(toks).lower().split("\n") if toks else []


def _language_words(tokens: Iterable[str]) -> list[str]:
    """The tokens that can tell a language: numbers left out.

    >>> _language_words(["1", "cup", "of", "rice", "2", "tbsp", "40", "3½"])
    ['cup', 'of', 'rice', 'tbsp', '3½']
    >>> guess_language(["1 cup spinach, 2 cups milk, 8 oz. almond milk, 1 tsp. oil, 4 oz. chicken, 2 eggs",
    ...                 "Drink 20 minutes before your workout and eat 1 to 2 hours after it."])
    'en'
    """
    return [t for t in tokens if not t.isdecimal()]


@lru_cache(maxsize=4096)
def _bits(mask: int) -> tuple[int, ...]:
    return tuple(k for k in range(mask.bit_length()) if mask >> k & 1)


@lru_cache(maxsize=1)
def _list_sizes() -> tuple[int, ...]:
    import stopwordsiso

    langs, _ = _stop_table()
    return tuple(max(1, len(stopwordsiso.stopwords(lang))) for lang in langs)


# ---------------------------------------------------------------------------------------------
# Line statistics
# ---------------------------------------------------------------------------------------------

class LineStats(NamedTuple):
    """What :func:`line_stats` measures of one line."""

    words: int          # word count (a CJK character counts as half a word)
    stop: float         # share of words in the stop list (-1.0: no stop list for the language)
    terminal: bool      # ends a sentence (. ! ? … or a colon), perhaps inside quotes
    caps: float         # share of words that start with a capital (cased scripts)
    linkish: bool       # holds a URL, an e-mail address, a @handle or a domain name
    listish: bool       # starts like a list item
    dated: bool = False  # a short line that holds a time, a full date or an age ("3h ago")
    shouting: bool = False  # written in capitals (cased scripts)
    stamped: bool = False  # starts with a stamp's word ("Updated at 1:23 p.m.": a full stop that ends no sentence)
    cjk: bool = False  # written mostly in a script without spaces (Chinese, Japanese)


def line_stats(line: str, stops: frozenset[str], toks: list[str] | None = None,
               low_toks: list[str] | None = None) -> LineStats:
    """Measure one line (``toks``: its ``\\w+`` tokens, ``low_toks`` the same lowercased, when
    the caller has them).

    >>> s = line_stats("The cat sat on the mat.", stop_words("en"))
    >>> s.words, round(s.stop, 2), s.terminal, round(s.caps, 2)
    (6, 0.5, True, 0.17)
    >>> line_stats("Most Popular Articles", stop_words("en")).terminal
    False
    """
    if toks is None:
        toks = _WORD.findall(line)
    cjk = len(_CJK.findall(line)) if not line.isascii() and _CJK.search(line) else 0
    if cjk:  # scripts written without spaces: count characters, not runs; no stop words
        toks, low_toks = [t for t in toks if not _CJK.search(t)], None
    n = len(toks) + cjk // 2
    if cjk * 2 >= len(line):
        stop = -1.0
    elif stops and toks:
        stop = sum(map(stops.__contains__, map(str.lower, toks) if low_toks is None else low_toks)) / len(toks)
    else:
        stop = -1.0
    firsts = "".join([t[0] for t in toks])
    if stop >= 0 and not (firsts.isascii() and _stop_script(stops) == 0) and _foreign(firsts, _stop_script(stops)):
        stop = -1.0  # a line in another script (a quotation, a name list): its stop words tell nothing
    if firsts.isascii():  # capitals are A-Z and lowercase a-z: count them by deleting the rest
        ascii_firsts = firsts.encode()
        upper = len(ascii_firsts.translate(None, _NOT_UPPER))
        cased = upper + len(ascii_firsts.translate(None, _NOT_LOWER))
    else:
        upper = sum(map(str.isupper, firsts))
        cased = upper + sum(map(str.islower, firsts))
    low = line.lower() if ("@" in line or "#" in line or "." in line or ":" in line) else ""
    return LineStats(
        words=max(n, 1 if cjk else 0),
        stop=stop,
        terminal=_is_terminal(line),
        caps=upper / cased if cased else 0.0,
        linkish=bool(low) and contains_any(low, _LINK_GATE) and bool(_LINKISH.search(line)),
        listish=bool(_LISTISH.match(line)),
        dated=n <= DATED_MAX_WORDS and bool(_DIGIT.search(line) or "ago" in line.lower()) and bool(_DATED.search(line)),
        shouting=upper == cased > 0 and line.isupper(),
        stamped=bool(_STAMP_START.match(line)),
        cjk=cjk * 2 >= len(line) > 0,
    )


_STAMP_START = re.compile(r"(?:last )?(?:updated|published|posted|modified|edited|aktualisiert|veröffentlicht|"
                          r"actualizado|publicado|mis à jour|publié|atualizado|aggiornato|pubblicato|обновлено|"
                          r"опубликовано|diperbarui|diperbaharui)\b", re.I)


def _script(ch: str) -> int:
    """A coarse script number of a character: 0 Latin (with digits and its extensions), else
    the Unicode block's start for the scripts that have many blocks folded into one.

    >>> _script("é"), _script("ж") == _script("Ё"), _script("ﺐ") == _script("ب"), _script("a") == _script("ж")
    (0, True, True, False)
    """
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return 0
    if 0x400 <= o < 0x530 or 0x1C80 <= o < 0x1C90:
        return 0x400  # Cyrillic
    if 0x600 <= o < 0x700 or 0x750 <= o < 0x780 or 0x8A0 <= o < 0x900 or 0xFB50 <= o < 0xFE00 or 0xFE70 <= o < 0xFF00:
        return 0x600  # Arabic, with its presentation forms
    return o >> 7 << 7  # other scripts: their 128-character block


@lru_cache(maxsize=64)
def _stop_script(stops: frozenset[str]) -> int:
    """The script most words of a stop list start in (Latin for an empty list)."""
    counts = Counter(_script(w[0]) for w in stops if w and not w[0].isdigit())
    return counts.most_common(1)[0][0] if counts else 0


def _foreign(firsts: str, script: int) -> bool:
    """True when fewer than half of the words (by their first characters, numbers left out)
    are written in ``script``: a line that the document's stop list cannot judge.

    >>> _foreign("Dkssn", 0x600), _foreign("ﺐﺎﻥ", 0x600), _foreign("12", 0)
    (True, False, False)
    """
    letters = [c for c in firsts if not c.isdigit()]
    return sum(_script(c) == script for c in letters) * 2 < len(letters)


_DIGIT = re.compile(r"\d")
_NOT_UPPER = bytes(c for c in range(256) if not 65 <= c <= 90)  # all bytes but A-Z
_NOT_LOWER = bytes(c for c in range(256) if not 97 <= c <= 122)  # all bytes but a-z
_LINK_GATE = ("http", "www.", "@", "#", ".com", ".org", ".net")
"""Every link shape contains one of these (lowercased), checked before the pattern."""


def _prose_stop(stats: Sequence[LineStats]) -> float:
    """The document's prose stop-word share: the median over its long lines (or, when it has
    fewer than two, over its sentences of ``GOOD_MIN_WORDS`` or more)."""
    vals = sorted(s.stop for s in stats if s.words >= 2 * GOOD_MIN_WORDS and s.stop >= 0)
    if len(vals) < 2:
        vals = sorted(s.stop for s in stats if s.words >= GOOD_MIN_WORDS and s.terminal and s.stop >= 0)
    if len(vals) < 2:
        return DEFAULT_PROSE_STOP
    return vals[len(vals) // 2]


def _first_class(s: LineStats, prose: float) -> str:
    """good / near / short / bad, from the line alone."""
    if s.dated and (not s.terminal or s.stamped):  # "Updated 5:27 am, Nov. 20, 2019", "8H ago 10:48"
        return "bad"
    if s.words <= SHORT_MAX_WORDS:
        return "short"
    if s.shouting and s.words >= SHOUT_MIN_WORDS and not s.terminal:
        return "bad"  # a headline in capitals: a link to another story, not a subheading
    if s.stop < 0 or prose < MIN_PROSE_STOP:  # no (useful) stop list: length and punctuation only
        if s.words >= GOOD_MIN_WORDS and s.terminal:
            return "good"
        # a shorter sentence is doubtful, as it is where stop words are counted: its neighbours decide
        if s.words >= GOOD_MIN_WORDS or s.terminal or s.listish:
            return "near"
        # a few words of a script written without spaces: a subheading as often as a menu item
        return "short" if s.cjk else "bad"
    if s.stop < STOP_REL_BAD * prose:
        # a few words hold too few stop words to tell: such a line is judged as a short one; a
        # long sentence with some (a quotation full of nouns) by its neighbours
        if s.terminal and (s.words < GOOD_MIN_WORDS or (s.words >= 2 * GOOD_MIN_WORDS and s.stop > 0)):
            return "short" if s.words < GOOD_MIN_WORDS else "near"
        return "bad"
    good_stop = s.stop >= max(STOP_ABS_FLOOR, STOP_REL_GOOD * prose)
    if s.linkish and s.words < 2 * GOOD_MIN_WORDS and not (s.terminal and good_stop):
        return "bad"  # a link or handle, unless it sits in a sentence ("... at Example.com.")
    if s.words >= GOOD_MIN_WORDS and good_stop and s.terminal and s.caps <= CAPS_MAX_GOOD:
        return "good"
    if s.words >= 2 * GOOD_MIN_WORDS and good_stop and s.caps <= CAPS_MAX_GOOD:
        return "good"
    return "near"


def _headline_shaped(s: LineStats, text: str) -> bool:
    """A doubtful line shaped like a headline or a link label (no sentence end, or mostly
    capitalised words, or cut short by the site): what lists of other stories are made of."""
    return (not s.terminal or s.caps > CAPS_MAX_GOOD or text.endswith("?") or _cut_short(text)) and not s.listish


_GLUE = re.compile(r"[^\W\d_][a-z]{4}(?=[A-Z](?:[a-z]|\s))")
"""A word of five letters or more run into the capital that starts the next sentence."""
_GLUE_GATE = re.compile(r"[A-Z](?<=[a-z]{4}[A-Z])")
"""What every ``_GLUE`` match holds (four lowercase letters and a capital), found by a much cheaper
scan (most lines have none): written capital first, so that the search jumps from capital to
capital and looks behind each, where ``[a-z]{4}[A-Z]`` tried four letters at every position
(2.4 us a line less)."""


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of every prose-length line
def _glued_teaser(line: str) -> bool:
    """A headline and its summary run together with no space between them, the way a teaser
    card (headline element, summary element) comes out of a careless scrape: a title-case run
    of ``GLUED_HEAD_WORDS`` words or more, glued to ``GLUED_TAIL_WORDS`` words or more. Such a
    line reads as prose but is a link to another story.

    >>> _glued_teaser("Harbour Ferry To Run Later On Weekends From AprilThe operator said the last "
    ...               "ferry would now leave the terminal at midnight on Fridays.")
    True
    >>> _glued_teaser("Council Approves Budget For Road WorksA spending plan for the coming year was "
    ...               "approved on Monday.")
    True
    >>> _glued_teaser("Since the new AirPods Pro launched in October, users and critics alike have "
    ...               "praised the noise cancellation.")
    False
    >>> _glued_teaser("The agency picked five firms, among them Blue Origin and SpaceX, to carry "
    ...               "small payloads to the Moon.")
    False
    """
    if not _GLUE_GATE.search(line):
        return False
    for m in _GLUE.finditer(line):
        head = line[:m.end()].split()
        if len(head) < GLUED_HEAD_WORDS:
            continue
        if len(line[m.end():].split()) < GLUED_TAIL_WORDS:
            return False
        firsts = [w[0] for w in head if w[0].isalpha()]
        return sum(map(str.isupper, firsts)) >= GLUED_HEAD_CAPS * len(firsts)
    return False


def _introduces_list(text: str) -> bool:
    """A line of three words or more that ends with a colon announces the list below it
    ("Tour 2020 dates:", "What you need:"); two words are a widget's label ("Like this:")."""
    return text.endswith(":") and len(text) >= 8 and text.count(" ") >= 2


_NEEDS_HEADING = re.compile(
    r"^(?:(?:what )?you(?:'ll|’ll| will)? need|what you need|things you(?:'ll|’ll)? need|(?:the )?(?:ingredients|"
    r"materials|tools|equipment|supplies)(?: (?:and|&) (?:ingredients|materials|tools|equipment|supplies))?|"
    r"(?:bahan|alat)(?:-bahan|-alat)?(?: dan (?:bahan|alat)(?:-bahan|-alat)?)?(?: yang (?:saya|kami|kita|anda) "
    r"(?:pakai|gunakan|siapkan|perlukan|butuhkan))?|(?:ingredientes|materiais|materiales|utensílios|utensilios)|"
    r"(?:o )?que (?:você|voce) (?:vai )?precisar|(?:lo )?que necesitas|necesitarás|vas a necesitar|ingrédients|matériel|"
    r"il vous faut|ce dont vous avez besoin|zutaten|(?:das )?brauchen sie|sie brauchen|werkzeuge?|ingredienti|"
    r"occorrente|materiali|cosa serve|ingrediënten|benodigdheden|wat heb je nodig|składniki|potrzebne|malzemeler|"
    r"ингредиенты|(?:вам )?понадобится|что понадобится|"
    r"材料|用意するもの|必要なもの|準備するもの|食材|재료|준비물|所需材料|准备材料|用料)"
    # what may follow the heading's words: servings in brackets, "for four", a colon
    r"(?:\s*[(（][^)）]{1,30}[)）]|\s+(?:for|para|pour|für|per|на) [^.!?:]{1,20})?\s*[:：]?$", re.I)
"""A heading that names what the reader needs ("What you'll need", "Ingredients", "Bahan dan
alat", "Materiais", "Zutaten", "材料"): the short lines under it are the list it names."""


def _names_list(text: str, stats: LineStats) -> bool:
    """A heading of a list of things needed, without a colon (see ``_NEEDS_HEADING``).

    >>> _names_list("What you'll need", _line_stats("What you'll need", "en"))
    True
    >>> _names_list("Tools are what make us human.", _line_stats("Tools are what make us human.", "en"))
    False
    """
    return stats.words <= HEADING_MAX_WORDS and not stats.terminal and _NEEDS_HEADING.match(text) is not None


def _separator(line: str) -> str | None:
    """The first separator of a list item within its first words ("June 9 -- Arena, City":
    "--"; "Team (Group A): 10th": ":"), or None.

    >>> _separator("June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL"), _separator("A plain headline here")
    ('--', None)
    >>> _separator("Ghana (Group C): third appearance")  # a bracketed word among the first ones
    ':'
    """
    m = _FIRST_SEP.match(line)
    return m.group(1).strip() if m else None


_FIRST_SEP = re.compile(r"^[^\W_]*(?:[^\w\s]*\s+[(\[]?[^\W_]+[)\]]?){0,5}?\s*(--|–|—| - |@|\||:|,)")


_QUANTITY = re.compile(r"^(?:\d+(?:[.,/]\d+)?|[½⅓⅔¼¾⅛])(?:\s*[-–]\s*\d+)?\s*(?:[½⅓⅔¼¾⅛]\s*)?[^\W\d_]")
"""An item that starts with a quantity: '2 lemons', '1½ cups flour', '3 tablespoons butter' (its
first word in lowercase, see :func:`_item_key`)."""


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of every short line (menus recur across documents)
def _item_key(line: str) -> str | None:
    """What the items of one list share: a quantity first (ingredients: '2 lemons', '3 tablespoons
    butter, softened'), or else their first separator (see :func:`_separator`).

    >>> _item_key("2 lemons"), _item_key("June 9 -- Arena, City"), _item_key("A plain headline here")
    ('quantity', '--', None)
    >>> _item_key("27 Oddest Medical Case Reports") is None  # a listicle's headline, not an ingredient
    True
    >>> _item_key("Ricotta salata 80 g"), _item_key("Aglio 1 spicchio"), _item_key("iPhone 15 review")
    ('quantity', 'quantity', None)
    """
    m = _QUANTITY.match(line)
    if m and line[m.end() - 1].islower():
        return "quantity"
    return "quantity" if _TRAILING_QUANTITY.search(line) else _separator(line)


INGREDIENT_RUN = 4
"""A run of at least this many lines that start or end with a quantity is a recipe's ingredients,
body wherever it stands (a recipe card puts them under its title, times and buttons)."""
_UNITS = (r"g|gr|kg|mg|ml|cl|dl|l|lt|oz|lb|lbs|cups?|tbsp|tsp|tablespoons?|teaspoons?|pinch|cloves?|"
          r"cucchia\w*|spicch\w*|pizzico|bicchier[ei]|cucharad\w*|dientes?|tazas?|pizca|colher\w*|"
          r"xícaras?|dentes?|el|tl|prise|gousses?|pincée|ст\. ?л\.?|ч\. ?л\.?|шт\.?|стакан\w*|зубч\w*")
_TRAILING_QUANTITY = re.compile(
    rf"\s(?:\d+(?:[.,/]\d+)?|[½⅓⅔¼¾⅛])\s*(?:{_UNITS})\.?\)?(?:\s*[(（][^()（）]{{1,30}}[)）])?$|"
    r"\s(?:大さじ|小さじ)\s*\d+(?:[.,/]\d+)?$|\s\d+\s*(?:個|枚|本|片|かけ|カップ|cc|개|큰술|작은술|컵|쪽)$|"
    r"\s(?:q\.\s?b\.?|適量|少々|약간|to taste|al gusto|a gosto|nach geschmack|à volonté|по вкусу)$", re.I)
"""A quantity (and its unit) ending an ingredient: 'Ricotta salata 80 g', 'Aglio 1 spicchio',
'Sale fino q.b.'."""


def _parallel_lists(lines: Sequence[str], order: list[int], stats: dict[int, LineStats],
                    classes: list[str | None]) -> set[int]:
    """Items of lists that need no announcement: ``PARALLEL_RUN`` or more consecutive short
    lines, none a sentence, built alike (the same separator among their first words: tour dates
    "June 9 -- Arena, City", places "Company, Town, State"; or a quantity first or last:
    ingredients), under prose (see :func:`_under_prose`) or under such a list. A list of headlines
    has no such common skeleton; a menu is not under prose."""
    items: set[int] = set()
    run: list[int] = []
    key = None
    pos = {i: k for k, i in enumerate(order)}
    for i in [*order, -1]:
        s = stats.get(i)
        k = _item_key(lines[i]) if s is not None and s.words <= LIST_ITEM_MAX_WORDS else None
        if k is not None and s.terminal and k != "quantity":  # ('Sale q.b.' ends with a dot)
            k = None
        if k is not None and k == key:
            run.append(i)
            continue
        if len(run) >= PARALLEL_RUN:
            above = order[max(0, pos[run[0]] - 2):pos[run[0]]]
            # (a recipe's ingredients stay wherever its card puts them: four quantities or more)
            if any(classes[j] == "good" for j in above) or _under_prose(order, pos[run[0]], classes, stats) \
                    or (key == "quantity" and len(run) >= INGREDIENT_RUN):
                items.update(run)
                head = order[pos[run[0]] - 1] if pos[run[0]] else None
                if key == "quantity" and head in stats and stats[head].words <= 3 and not stats[head].terminal \
                        and classes[head] in ("short", "near"):
                    items.add(head)  # the list's heading ("Ingredients", "Ingredientes")
                # a list under this one (a recipe's ingredients under its card) is under prose too
                classes = [c if j not in items else "good" for j, c in enumerate(classes)]
        run, key = ([i], k) if k is not None else ([], None)
    return items


def _under_prose(order: list[int], k: int, classes: list[str | None], stats: dict[int, LineStats]) -> bool:
    """Whether the k-th line of ``order`` sits under a paragraph: above it, past short sentences
    (doubtful lines that end one) and at most one heading, a good line."""
    headings = 0
    for j in reversed(order[:k]):
        c = classes[j]
        if c == "good":
            return True
        if c == "near" and stats[j].terminal:
            continue
        if c in ("near", "short") and headings == 0:
            headings += 1
            continue
        if c is not None:
            return False
    return False


def _list_after_colon(lines: Sequence[str], order: list[int], classes: list[str | None],
                      stats: dict[int, LineStats]) -> set[int]:
    """Items of lists announced by a colon line, or by a heading under prose that names what
    the reader needs (:func:`_names_list`; then only when prose follows within
    ``LIST_PROSE_REACH`` lines): the doubtful lines that follow it, up to the next prose line or
    chrome a rule recognised (``LIST_MAX_ITEMS`` at most)."""
    items: set[int] = set()
    for k, i in enumerate(order):
        if i not in stats:
            continue
        named = not _introduces_list(lines[i])
        if named and not (_names_list(lines[i], stats[i]) and _under_prose(order, k, classes, stats)):
            continue
        run = [i] if classes[i] != "good" else []
        for j in order[k + 1:k + 1 + LIST_MAX_ITEMS]:
            c = classes[j]
            if c is None:
                continue
            if c == "good" or j not in stats or stats[j].words > LIST_ITEM_MAX_WORDS:
                break
            run.append(j)
        # (a list a heading names is the article's when the article goes on under it, past a
        # subheading or an ad marker: "Tools" over links to calculators at a page's end is a sidebar)
        if len(run) >= 2 + (classes[i] != "good") and (not named or any(
                classes[j] == "good" for j in order[k + len(run):k + len(run) + LIST_PROSE_REACH])):
            items.update(run)
    return items | _parallel_lists(lines, order, stats, classes)


def _resolve(lines: Sequence[str], classes: list[str | None], stats: dict[int, LineStats],
             inline: set[int] = frozenset(), boxes: set[int] = frozenset()) -> list[str | None]:
    """jusText's context step, adapted to lines: near and short lines take their class from
    their neighbours. ``None`` entries are transparent (metadata lines); the document's edges
    count as bad. A short line between paragraphs looks past up to two ``inline`` lines above it
    (a subheading under an ad marker), and one short line past a "read also" box of at most
    ``RELATED_BOX_LINES`` lines (``boxes``: the article goes on under the box). A long doubtful
    sentence (``2 * GOOD_MIN_WORDS`` words) with no good neighbour looks again past one
    ``inline`` line on each side (chrome that sits inside an article: an ad marker, a caption, a
    gallery's controls): a lede under the lead photo's "View all (4)". Before that, two shapes
    are settled on their own: the items of a list that a colon line announces are body, and a
    run of ``HEADLINE_RUN`` or more headline-shaped lines is a list of links to other pages
    (teasers, most-read, menus), whatever surrounds it."""
    idx = [i for i, c in enumerate(classes) if c is not None]
    seq = [classes[i] for i in idx]
    listed = _list_after_colon(lines, idx, classes, stats)
    k = 0
    while k < len(seq):
        i = idx[k]
        if seq[k] in ("near", "short") and i not in listed and _headline_shaped(stats[i], lines[i]):
            end = k
            while end < len(seq) and seq[end] in ("near", "short") and idx[end] not in listed \
                    and _headline_shaped(stats[idx[end]], lines[idx[end]]):
                end += 1
            if end - k > 1 and end < len(seq) and seq[end] == "good" and lines[idx[end - 1]].endswith("?"):
                end -= 1  # a question right above a paragraph is the paragraph's (an interview's)
            inner = k > 0 and end < len(seq) and seq[k - 1] == "good" and seq[end] == "good"
            if end - k >= (HEADLINE_RUN_INNER if inner else HEADLINE_RUN):
                for j in range(k, end):
                    seq[j] = "bad"
            k = end
        else:
            k += 1

    def nearest(k: int, step: int, skip: tuple[str, ...], past: set[int] = frozenset()) -> str:
        k += step
        while 0 <= k < len(seq):
            if idx[k] in past:  # one inline line is looked past, not two
                past = frozenset()
            elif seq[k] not in skip:
                return seq[k]
            k += step
        return "bad"

    out = list(seq)
    # near: good if a neighbour (looking past other doubtful lines) is good
    for k, c in enumerate(seq):
        if idx[k] in listed:
            out[k] = "good"
        elif c == "near":
            prev, nxt = nearest(k, -1, ("near", "short")), nearest(k, 1, ("near", "short"))
            if _cut_short(lines[idx[k]]):
                out[k] = "bad"  # a teaser cut short by the site is no subheading nor a sentence of the story
            elif _headline_shaped(stats[idx[k]], lines[idx[k]]):
                out[k] = "good" if nxt == "good" else "bad"  # a subheading has text under it
            else:
                if "good" not in (prev, nxt) and inline and stats[idx[k]].words >= 2 * GOOD_MIN_WORDS:
                    prev, nxt = nearest(k, -1, ("near", "short"), inline), nearest(k, 1, ("near", "short"), inline)
                out[k] = "good" if "good" in (prev, nxt) else "bad"
    # short: good only between two good lines, and only in a run of at most MAX_SHORT_RUN
    resolved = list(out)
    k = 0
    while k < len(out):
        if out[k] != "short":
            k += 1
            continue
        end = k
        while end < len(out) and out[end] == "short":
            end += 1
        prev = out[k - 1] if k > 0 else "bad"
        nxt = out[end] if end < len(out) else "bad"
        j = k - 1
        while prev != "good" and j > 0 and k - j <= 2 and idx[j] in inline:
            j -= 1  # a subheading under an ad marker or a caption (or two), between paragraphs
            prev = out[j]
        j = k - 1
        while end - k == 1 and j > 0 and k - j <= RELATED_BOX_LINES and idx[j] in boxes:
            j -= 1
        if prev != "good" and k - j >= 3:  # a box's heading and headlines, not a heading alone
            prev = out[j]  # a subheading under a "read also" box that stands between two paragraphs
        ok = prev == "good" and nxt == "good" and end - k <= MAX_SHORT_RUN
        for j in range(k, end):
            resolved[j] = "good" if ok else "bad"
        k = end
    full = list(classes)
    for k, i in enumerate(idx):
        full[i] = resolved[k]
    return full


def _teaser_chains(lines: Sequence[str], first: list[str | None], stats: dict[int, LineStats],
                   meta: set[int] = frozenset(), headings: set[int] = frozenset(),
                   ends: set[int] = frozenset()) -> set[int]:
    """Lines of teaser lists: runs of at least ``TEASER_CHAIN`` records, each a headline-shaped
    line (and perhaps a byline or a date) followed by a single short paragraph, the way sites
    list their other stories below an article. An article's own subheadings are followed by
    several paragraphs, and a numbered list item is not a headline. A teaser carries a date or
    a byline (a line of ``meta``, lifted as metadata, or a date-shaped line), or is cut short
    ("…"), in at least half of the records, which the items of a buying guide are not; or the
    chain starts under the heading of a list of other stories (``headings``: "You may also
    like"), and then needs no headlines and only some prose above it; or it starts right after
    a line that ends an article (``ends``: an author's bio or contact line, a tag list), and
    then needs its headlines but no dates. The chain must also
    leave at least ``MIN_ARTICLE_WORDS`` words of prose outside it (the article it is next to).

    >>> head = "Council approves the new budget for next year's road works"
    >>> para = "The council voted on Monday to approve the spending plan for the coming year."
    >>> lines = [head, "Ann Smith, 2 hours ago", para] * 3
    >>> first = ["near", "short", "good"] * 3
    >>> st = {i: line_stats(t, stop_words("en")) for i, t in enumerate(lines)}
    >>> sorted(_teaser_chains(lines, first, st)) == []   # no article outside the chain
    True
    """
    order = [i for i, t in enumerate(lines) if t]
    # records: (header lines, the paragraph) where the paragraph is a lone good line
    records: list[tuple[list[int], int]] = []
    # (records, mostly cut short, under a list heading)
    chains: list[tuple[list[tuple[list[int], int]], bool, bool]] = []
    sep: list[int] = []
    pos = dated = truncated = 0
    listed = ended = False

    timed = 0  # records stamped with a bare time of day: the updates of a live blog, not teasers

    def close() -> None:
        nonlocal records, dated, truncated, listed, ended, timed
        if len(records) >= TEASER_CHAIN and (dated * 2 >= len(records) or listed or ended) \
                and timed * 2 < len(records):
            chains.append((records, truncated * 2 >= len(records), listed))
        records, dated, truncated, listed, ended, timed = [], 0, 0, False, False, 0

    following = {i: j for i, j in zip(order, order[1:])}

    def paragraph(i: int) -> bool:  # prose, or a sentence that only its names kept from "good"
        s = stats.get(i)
        if first[i] == "near" and _cut_short(lines[i]) and i in following and first[following[i]] == "good":
            return False  # a headline cut short by the site, over its summary
        return first[i] == "good" or (first[i] == "near" and s.terminal and s.words >= GOOD_MIN_WORDS
                                      and not lines[i].endswith("?"))

    while pos < len(order):
        i = order[pos]
        if not paragraph(i):
            sep.append(i)
            pos += 1
            continue
        nxt = order[pos + 1] if pos + 1 < len(order) else None
        lone = nxt is None or not paragraph(nxt)
        s = stats.get(i)
        head = sep[-TEASER_HEAD_LINES:]  # a longer gap before it: the record starts a new chain
        heads = [j for j in head if j in stats and first[j] is not None and stats[j].words >= 3
                 and _headline_shaped(stats[j], lines[j])]
        # under a list heading, unless the article's headline or date stands between (a menu's
        # "Recent Posts" above the headline heads no list of the article's paragraphs)
        under_heading = any(j in headings for j in sep) and \
            max((j for j in sep if j in headings)) > max((j for j in sep if j in meta), default=-1)
        after_end = bool(heads) and any(j in ends for j in sep)
        limit = TEASER_MAX_WORDS * (LISTED_TEASER_FACTOR if under_heading or listed else 1)
        if lone and s is not None and s.words <= limit and (heads or under_heading or listed):
            if len(sep) > len(head) or under_heading or after_end:
                close()
            listed = listed or under_heading
            ended = ended or after_end
            records.append((head, i))
            timed += any(BARE_TIME.match(lines[j]) for j in head)
            cut_short = any(_TRUNCATED.search(lines[j]) for j in (*heads, i))
            truncated += cut_short
            dated += any(j in meta or _DATEISH.search(lines[j].lower()) for j in head if len(lines[j]) <= 80) \
                or cut_short
        else:
            close()
            while pos + 1 < len(order) and paragraph(order[pos + 1]):
                pos += 1
        sep = []
        pos += 1
    close()
    good_words = sum(s.words for i, s in stats.items() if paragraph(i))
    out: set[int] = set()
    for records, cut_short, under_heading in chains:
        heads = [max((stats[j].words for j in sep if j in stats), default=0) for sep, _ in records]
        if sorted(heads)[len(heads) // 2] < TEASER_HEAD_WORDS and not (cut_short or under_heading):
            continue  # short labels: items of a list, unless the site cut their text short
        words = sum(stats[i].words for _, i in records)
        if good_words - words < (GOOD_MIN_WORDS if under_heading else MIN_ARTICLE_WORDS):
            continue
        for sep, i in records:
            out.update(j for j in sep if first[j] is not None)
            out.add(i)
    return out


CREDIT_MAX_CHARS = 40
"""A copyright line of at most this many characters between two paragraphs is an image's credit
("（C）2024 Example Games"); a longer one ("© 2020 Example Media. All rights reserved.") is the
page's footer wherever it stands."""


def _between_prose(i: int, resolved: list[str | None]) -> bool:
    """Whether the nearest classed lines on both sides of ``i`` are good: a copyright line there is
    an image's credit inside the article ("（C）2024 Example Games"), not the page's footer.

    >>> _between_prose(1, ["good", "bad", None, "good"]), _between_prose(1, ["good", "bad", "bad", "good"])
    (True, False)
    """
    before = next((c for c in reversed(resolved[:i]) if c is not None), None)
    after = next((c for c in resolved[i + 1:] if c is not None), None)
    return before == "good" and after == "good"


def _contents_lines(lines: Sequence[str], classes: list[str | None]) -> set[int]:
    """A table of contents (see :func:`rules.chrome.contents_entries`), up to the first good line
    or line of ten words.

    >>> sorted(_contents_lines(["Intro text.", "Contents", "Setup", "Results", "Setup", "Body."],
    ...                        ["good", "short", "short", "short", "short", "good"]))
    [1, 2, 3, 4]
    """
    return contents_entries(lines, lambda j: classes[j] == "good" or lines[j].count(" ") >= 10)


def _first_section_heading(lines: Sequence[str], contents: set[int], classes: list[str | None]) -> set[int]:
    """The article's first subheading where it follows a table of contents straight away: the
    last line of the contents, printed a second time, right above a paragraph.

    >>> sorted(_first_section_heading(["Contents", "Setup", "Results", "Setup", "We used a Pi."],
    ...                               {0, 1, 2, 3}, ["short", "short", "short", "short", "good"]))
    [3]
    """
    out = set()
    for i in contents:
        j = i + 1
        while j < len(lines) and not lines[j]:
            j += 1
        if j < len(lines) and j not in contents and classes[j] == "good" and \
                any(k < i and k in contents and lines[k] == lines[i] for k in range(max(0, i - CONTENTS_MAX_LINES - 1), i)):
            out.add(i)
    return out


BOX_MAX_LINES = 13
"""A box of related stories set into an article, that the article goes on past: its heading and
up to four teasers of a headline, a summary and a date."""
GRID_COLUMNS = (2, 3, 4, 5, 6)
"""A table printed one cell a line has this many columns ..."""
GRID_MIN_ROWS = 3
"""... and at least this many rows in which the same columns hold figures."""
GRID_CELL_WORDS = 6
_RANK = re.compile(r"^\d+\.?$")  # a rank or a count ("412" likes), no figure of a table


def _grid_lines(lines: Sequence[str], classes: list[str | None]) -> set[int]:
    """Cells of a table that the scraper printed one cell a line, among the lines not taken for
    prose: runs of ``GRID_MIN_ROWS`` or more rows of the same number of short cells, where the
    same columns hold figures in every row and some columns hold none ("Azul", "AZUL4",
    "+5,41%"). A numbered list of links ("1", "Headline", "2", ...) or a row of counters
    ("Likes", "412", "Comments", "57") is no table.

    >>> lines = ["Top gainers", "Stock", "Code", "Change", "Magazine Luiza", "MGLU3", "+6.82%",
    ...          "Azul", "AZUL4", "+5.41%", "Bradesco", "BBDC4", "+2.63%"]
    >>> sorted(_grid_lines(lines, ["bad"] * len(lines)))
    [4, 5, 6, 7, 8, 9, 10, 11, 12]
    >>> _grid_lines(["1", "Taxes rise", "2", "Bank cuts rate", "3", "New law"], ["bad"] * 6)
    set()
    """
    cells = [i for i, c in enumerate(classes) if c is not None and c != "good" and lines[i]]
    digits = [bool(_DIGIT.search(lines[i])) and not _RANK.match(lines[i]) for i in cells]
    if sum(digits) < GRID_MIN_ROWS:
        return set()
    short = [lines[i].count(" ") < GRID_CELL_WORDS for i in cells]
    out: set[int] = set()
    for k in GRID_COLUMNS:
        start = 0
        while start + k * GRID_MIN_ROWS <= len(cells):
            pattern = digits[start:start + k]
            if not any(pattern) or all(pattern):
                start += 1  # (no row of a table: some of its columns hold figures, some not)
                continue
            rows = 0
            while start + (rows + 1) * k <= len(cells) and digits[start + rows * k:start + (rows + 1) * k] == pattern \
                    and all(short[start + rows * k:start + (rows + 1) * k]) \
                    and cells[start + (rows + 1) * k - 1] - cells[start + rows * k] < 2 * k:
                rows += 1
            last = cells[start + rows * k - 1] if rows else 0
            if rows >= GRID_MIN_ROWS and "good" not in classes[cells[start]:last]:  # (comments have their text between)
                out.update(cells[start:start + rows * k])
                start += rows * k
            else:
                start += 1
    return out


PITCH_REACH = 4
"""A newsletter pitch with a paragraph at most this many lines above it and below it is a signup
box set into the article, which goes on under it: it does not end the article."""


def _set_in_prose(i: int, resolved: list[str | None]) -> bool:
    """Whether line ``i`` has a good line within ``PITCH_REACH`` lines on both sides.

    >>> _set_in_prose(2, ["good", "bad", "bad", "short", "bad", "good"])
    True
    >>> _set_in_prose(1, ["good", "bad", "bad", "bad", "bad", "bad", "good"])
    False
    """
    return "good" in resolved[max(0, i - PITCH_REACH):i] and "good" in resolved[i + 1:i + 1 + PITCH_REACH]


def _main_blocks(classes: list[str | None], words: list[int], footer: set[int] = frozenset(),
                 ruled: dict[int, str] | set[int] = frozenset(), closers: set[int] = frozenset(),
                 title: int | None = None, grids: set[int] = frozenset(),
                 contents: set[int] = frozenset(), boxed: set[int] = frozenset()) -> set[int]:
    """Indices of good lines that belong to the document's main prose block(s).

    Good lines form blocks, split where more than ``MAX_GAP`` chrome lines stand between them;
    neighbouring blocks merge again when the chrome between them is light next to the prose on
    both sides (``GAP_SHARE``: the names, credits and labels inside a long feature), or when it
    is short and no rule recognised any of it (``MAX_PLAIN_GAP``: a buying guide's product names
    and shop links between its paragraphs), or when it is a photo gallery or a player: captions,
    credits and player controls, or the cells of a table (``grids``), with nothing a rule took for
    navigation, prompts or footers (``MAX_MEDIA_GAP``; ``ruled`` maps rule-decided lines to their
    reasons). A table of contents (``contents``) between the lede and the body does not split
    them either. The article grows that way outwards from its core (never upwards across its
    ``title``; it goes on downwards past a box of related stories set into it, ``boxed`` lines
    only and ``BOX_MAX_LINES`` at most, when a block of two lines or more and ``MEDIA_PART_WORDS``
    follows, with the one line right under the box: the subheading of the article's next part),
    the first block nearly as big as the largest (``CORE_EARLY_SHARE``); another stays when it
    has ``SIDE_BLOCK_SHARE`` of its words and does not come after a ``footer`` line (a copyright
    or legal footer) that follows the article. The
    article does not grow to the right across a gap that holds one of ``closers`` (lines that end
    an article: a bio, tags, a list of other stories). The first block under the ``title`` (the
    line lifted as the headline) is the article's lede: it joins the article below it across
    ``MAX_MERGE_GAP`` lines of any chrome (a box of related stories set into the article) when
    what follows has ``MEDIA_PART_WORDS`` (not an author's one-line bio under a whole post)."""
    blocks: list[list[int]] = []
    gaps: list[tuple[int, int, bool, bool]] = []  # chrome before each block: lines, words, ruled, media only
    closed: list[bool] = []  # whether the chrome before each block holds a line that closes an article
    toc: list[bool] = []  # whether the chrome before each block is a table of contents and nothing else
    box: list[bool] = []  # ... or a box of related stories (its heading and teasers) and nothing else
    heads: list[int | None] = []  # the one line between such a box and the block: its subheading
    gap, gap_words, gap_ruled, gap_media, gap_closed, gap_toc = MAX_GAP + 1, 0, True, False, False, False
    gap_box, gap_head = "no", None  # "start" (no chrome yet), "box" (boxed lines only), "head" (then one more), "no"
    for i, c in enumerate(classes):
        if i in closers:
            gap_closed = True
        if c == "good":
            if gap > MAX_GAP or not blocks:
                blocks.append([])
                gaps.append((gap, gap_words, gap_ruled, gap_media))
                closed.append(gap_closed)
                toc.append(bool(gap_toc))
                box.append(gap_box in ("box", "head") and gap <= BOX_MAX_LINES + 1)
                heads.append(gap_head if gap_box == "head" else None)
            blocks[-1].append(i)
            gap, gap_words, gap_ruled, gap_media, gap_closed, gap_toc = 0, 0, False, None, False, None
            gap_box, gap_head = "start", None
        elif c == "bad":
            gap += 1
            if gap_toc is not False:
                gap_toc = i in contents
            if i in boxed:  # the box's lines, then at most one (the article's next subheading)
                gap_box = "box" if gap_box in ("start", "box") else "no"
            elif gap_box == "box":
                gap_box, gap_head = "head", i
            else:
                gap_box = "no"
            gap_words += max(1, words[i])
            gap_ruled = gap_ruled or i in ruled
            kind = ruled.get(i) if isinstance(ruled, dict) else None
            if gap_media is not False:
                if kind in MEDIA_REASONS or i in grids:
                    gap_media = True
                elif kind is not None and kind not in NEUTRAL_REASONS:
                    gap_media = False
            if i in footer:  # the page footer ends a block, and nothing merges across it
                gap, gap_words = max(gap, MAX_GAP + 1), gap_words + BIG
    if not blocks:
        return set()
    sizes = [sum(words[i] for i in b) for b in blocks]

    # the block that opens the article under its headline
    lede = next((k for k, b in enumerate(blocks) if b[0] > title), None) if title is not None else None
    if lede is not None and (len(blocks[lede]) < 2 or sizes[lede] < MEDIA_PART_WORDS):
        lede = None  # a standfirst or a caption under the headline, not paragraphs of the story

    def joins(k: int, left_size: int, right_size: int) -> bool:
        """Whether block k merges with block k - 1 (sizes of the two sides as merged so far)."""
        g_lines, g_words, g_ruled, g_media = gaps[k]
        return (g_lines <= MAX_MERGE_GAP and (g_words <= GAP_SHARE * min(left_size, right_size)
                                              or (k - 1 == lede and right_size >= MEDIA_PART_WORDS))) or \
            toc[k] or \
            (g_lines <= MAX_PLAIN_GAP and not g_ruled) or \
            (g_media and g_lines <= MAX_MEDIA_GAP and left_size >= MEDIA_PART_WORDS)

    # the article grows from its core outwards, so that no run of small blocks (comments,
    # teasers) can merge into something that outweighs it
    biggest = max(sizes)
    core = next(k for k, n in enumerate(sizes) if n >= CORE_EARLY_SHARE * biggest)
    lo = hi = core
    main = sizes[core]
    while True:
        if lo > 0 and joins(lo, sizes[lo - 1], main) and (title is None or blocks[lo][0] < title
                                                          or blocks[lo - 1][-1] > title):
            lo -= 1
            main += sizes[lo]
        elif hi + 1 < len(blocks) and not closed[hi + 1] and joins(hi + 1, main, sizes[hi + 1]):
            hi += 1
            main += sizes[hi]
        elif hi + 1 < len(blocks) and box[hi + 1] and len(blocks[hi + 1]) >= 2 and sizes[hi + 1] >= MEDIA_PART_WORDS:
            hi += 1  # the article goes on under a box of related stories set into it
            main += sizes[hi]
            if heads[hi] is not None:
                blocks[hi].insert(0, heads[hi])
        else:
            break
    end = max(blocks[hi])
    stop = min((i for i in footer if i > end), default=len(classes))
    keep: set[int] = {i for b in blocks[lo:hi + 1] for i in b}
    # other blocks merge among themselves as before; a group stays if it is big next to the article
    group: list[int] = []
    gsize = 0
    for k in [*range(0, lo), *range(hi + 1, len(blocks)), None]:
        if k is not None and group and k == group[-1] + 1 and joins(k, gsize, sizes[k]):
            group.append(k)
            gsize += sizes[k]
            continue
        if group and gsize >= SIDE_BLOCK_SHARE * main and blocks[group[0]][0] < stop:
            keep.update(i for g in group for i in blocks[g])
        if k is not None:
            group, gsize = [k], sizes[k]
    return keep


def classify_lines(lines: Sequence[str], decided: dict[int, tuple[str, str]],
                   corpus: "CorpusStats | None", config,
                   keys: Sequence[int] | None = None) -> dict[int, tuple[str, str]]:
    """Additional removals {line index: (reason, statistic)} for the non-blank lines not in
    ``decided`` (lines already removed by rules or lifted as metadata).

    ``corpus-repeat`` (from ``corpus``; ``keys``: the lines' hashes, :func:`keys_by_line`, when
    the caller has them) is judged first, then, if ``config.line_statistics``,
    ``low-content`` with the statistic that decided it: ``line-shape`` (the line and its
    neighbours look like chrome), ``teaser-list`` (headline + one short paragraph, again and
    again), ``glued-teaser`` (a headline run into its summary, see :func:`_glued_teaser`) or ``outside-main-block`` (prose-shaped, but cut off from the article's main run of
    prose by chrome).
    """
    out: dict[int, tuple[str, str]] = {}
    lang = _guess([(len(t), *_line_hits(t)) for i, t in enumerate(lines) if t and i not in decided])
    if corpus is not None:
        frequent = [i for i, t in enumerate(lines)
                    if t and i not in decided and corpus.is_frequent(t, None if keys is None else keys[i])]
        if frequent:
            words = {i: _line_stats(t, lang).words for i, t in enumerate(lines) if t and i not in decided}
            for i in _own_text_kept(words, frequent):
                out[i] = ("corpus-repeat", "corpus-frequency")
    if config is not None and not getattr(config, "line_statistics", True):
        return out

    classes: list[str | None] = [None] * len(lines)
    words = [0] * len(lines)
    stats: dict[int, LineStats] = {}
    for i, t in enumerate(lines):
        if not t:
            continue
        if i in decided or i in out:
            reason = decided[i][0] if i in decided else out[i][0]
            # metadata is transparent; removed chrome counts as chrome for the neighbours
            classes[i] = None if reason.startswith("metadata") else "bad"
            continue
        stats[i] = _line_stats(t, lang)
        words[i] = stats[i].words
    prose = _prose_stop(list(stats.values()))
    glued: set[int] = set()
    for i, s in stats.items():
        classes[i] = _first_class(s, prose)
        if s.words >= GLUED_HEAD_WORDS + GLUED_TAIL_WORDS and classes[i] != "bad" and _glued_teaser(lines[i]):
            classes[i] = "bad"
            glued.add(i)
        elif classes[i] == "good" and s.words < 2 * GOOD_MIN_WORDS and _cut_short(lines[i]):
            classes[i] = "near"
    for i in _embedded_posts(lines, stats):
        classes[i] = "good"
    for i in _dialogue_lines(lines, stats, classes):
        classes[i] = "good"
    meta = {i for i, (reason, _) in decided.items() if reason.startswith("metadata")}
    headings = {i for i, (_, name) in decided.items()
                if name == "related-links" and _is_heading(lines[i]) and not INLINE_LINK.match(lines[i])}
    ends = {i for i, (_, name) in decided.items() if name in END_RULES}
    teasers = _teaser_chains(lines, classes, stats, meta, headings, ends)
    for i in teasers:
        if i in stats:
            classes[i] = "bad"
    inline = {i for i, (reason, name) in decided.items() if reason in INLINE_REASONS
              or (name == "related-links" and INLINE_LINK.match(lines[i]) and not _is_heading(lines[i]))}
    boxes = {i for i, (reason, _) in decided.items() if reason == "related-links"}  # (read-also boxes)
    resolved = _resolve(lines, classes, stats, inline, boxes)
    dated = meta | {i for i, st in stats.items() if st.dated}
    cut = _comment_section_start(lines, decided, resolved, words, dated)
    footer = {i for i, (_, name) in decided.items() if name in FOOTER_RULES}
    ruled = {i: reason for i, (reason, _) in decided.items() if not reason.startswith("metadata")}
    # a bare web address (which no rule takes: it may be a listed item's link) is recognised chrome
    # where blocks meet, as a link a rule took would be: it does not make a plain gap
    ruled.update({i: "navigation" for i, st in stats.items() if st.linkish and " " not in lines[i]})
    footer = {i for i in footer if i in ruled and not (len(lines[i]) <= CREDIT_MAX_CHARS and _between_prose(i, resolved))}
    closers = {i for i, (_, name) in decided.items() if name in CLOSER_RULES and not INLINE_LINK.match(lines[i])
               and not (name == "newsletter-pitch" and _set_in_prose(i, resolved))}
    title = min((i for i, (reason, _) in decided.items() if reason == "metadata:title"), default=None)
    boxed = teasers | boxes  # (boxes of related stories, with their summaries and dates)
    contents = _contents_lines(lines, resolved)
    firsts = _first_section_heading(lines, contents, resolved)
    for i in firsts:
        resolved[i] = "good"
        contents.discard(i)
    main = _main_blocks(resolved[:cut], words[:cut], footer, ruled, closers, title, _grid_lines(lines, resolved),
                        contents, boxed)
    main -= _headline_on_top(lines, main, classes, stats) - firsts  # (a section's heading is no headline)
    summary = _standfirst(main, words, decided, title) | _summary_box(lines, main, decided, words)
    main -= summary
    taken = set(decided) | set(out) | teasers | glued
    data = _data_run(lines, main, stats, taken, cut) | _fact_box(lines, main, stats, taken, cut)
    main |= data
    for i in _record_gaps(lines, classes, stats, main):
        resolved[i] = "good"
        main.add(i)
    for i in stats:
        if i >= cut:
            out[i] = ("low-content", "after-comment-form")
        elif i in teasers:
            out[i] = ("low-content", "teaser-list")
        elif i in glued:
            out[i] = ("low-content", "glued-teaser")
        elif i in summary:
            out[i] = ("low-content", "standfirst")  # a standfirst, or a box of key points
        elif i in data:
            continue
        elif i in contents and i not in main:
            out[i] = ("low-content", "table-of-contents")  # (the repeats step takes no entry for a first copy)
        elif resolved[i] != "good" and i not in main:
            out[i] = ("low-content", "line-shape")
        elif i not in main:
            out[i] = ("low-content", "outside-main-block")
    return out


RECORD_MAX_LINES = 5
"""The short lines between two paragraphs that can make one record of a list article ..."""
RECORD_MIN_GAPS = 3
"""... when at least this many such gaps share a line that starts alike (see :func:`_record_gaps`)."""
RECORD_SHARE = 0.5
"""... and at least this share of them: a template runs through the article, a phrase that
happens to start a few lines ('How to ...') does not."""
_LEAD = re.compile(r"^\W*(\w+)(?:(\s*:)|\W+(\w+))?")


def _lead_key(line: str) -> str | None:
    """How a line starts, to find the lines a template prints in each record: its first word with
    the colon after it ('Photo:', 'Account: @cook0'), or its first two words ('See it now: Amazon').

    >>> _lead_key("See it now: Amazon"), _lead_key("Account: @cook0"), _lead_key("Sonos")
    ('see it', 'account:', None)
    """
    m = _LEAD.match(line)
    if not m or not (m.group(2) or m.group(3)):
        return None
    return m.group(1).lower() + (":" if m.group(2) else " " + m.group(3).lower())


def _record_gaps(lines: Sequence[str], first: list[str | None], stats: dict[int, LineStats],
                 main: set[int]) -> set[int]:
    """Lines of the records of a list article that the article (``main``) should hold: a
    product's name, price and shop link between its reviews; a name, a photo credit and a handle
    before each interview. A record's lines are a gap of short lines (``RECORD_MAX_LINES`` at
    most, none taken by a rule) between two paragraphs (``first`` class good, or a doubtful
    sentence of ``GOOD_MIN_WORDS``), and a line that starts alike ("See it now: Amazon", "See it
    now: Apple") stands in ``RECORD_MIN_GAPS`` or more of those gaps and in ``RECORD_SHARE`` of
    them: a template printed for each record, not chrome that interrupts the text. Records
    join the article outwards from a paragraph it holds, each with the paragraph on its other
    side (so teasers elsewhere on the page, which have records too, stay out).

    >>> lines = ["A long paragraph of the review that goes on.", "Sonos", "Sonos Move for $400",
    ...          "See it now: Amazon", "Another paragraph.", "Wyze", "See it now: Wyze", "A third paragraph.",
    ...          "DJI", "See it now: DJI", "The last paragraph."]
    >>> first = ["good", "short", "near", "short", "good", "short", "short", "good", "short", "short", "good"]
    >>> st = {i: line_stats(t, stop_words("en")) for i, t in enumerate(lines)}
    >>> sorted(_record_gaps(lines, first, st, {0}))
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    >>> sorted(_record_gaps(lines, first, st, set()))
    []
    """
    def para(i: int) -> bool:
        return first[i] == "good" or (first[i] == "near" and stats[i].words >= GOOD_MIN_WORDS and stats[i].terminal)

    paras: list[int] = []  # paragraphs in order, and the gap of lines after each (None: no record shape)
    gaps: list[list[int] | None] = []
    run: list[int] = []
    for i, c in enumerate(first):
        if c is None:
            continue
        if i in stats and para(i):
            if paras:
                gaps.append(run if run and len(run) <= RECORD_MAX_LINES and all(j in stats for j in run) else None)
            paras.append(i)
            run = []
        else:
            run.append(i)
    shaped = [g for g in gaps if g]
    if len(shaped) < RECORD_MIN_GAPS:
        return set()
    keys = Counter(k for g in shaped for k in {_lead_key(lines[j]) for j in g} if k)
    common = {k for k, n in keys.items() if n >= max(RECORD_MIN_GAPS, RECORD_SHARE * len(shaped))}
    if not common:
        return set()
    record = [bool(g) and any(_lead_key(lines[j]) in common for j in g) for g in gaps]
    inside = {i for i in paras if i in main}
    out: set[int] = set()
    for order in (range(len(gaps)), reversed(range(len(gaps)))):  # outwards: down, then up
        for k in order:
            ends = (paras[k], paras[k + 1])
            if record[k] and (ends[0] in inside or ends[1] in inside):
                out.update(gaps[k])
                out.update(ends)
                inside.update(ends)
    return out - main


DATA_RUN_FACTOR = 2
"""A page of data (results, a meal plan) holds at least this many times the main block's words
in the lines around it ..."""
DATA_LINE_SHARE = 0.5
"""... and at least this share of those lines hold a number."""
DATA_MIN_LINES = 10
"""... and those lines are at least this many, of ``SHORT_MAX_WORDS`` words or more on average."""
DATA_MAX_MAIN_WORDS = 2 * MIN_ARTICLE_WORDS
"""Only an article whose prose is this short can be the few sentences over a page of data."""


def _own_text_kept(words: dict[int, int], frequent: list[int]) -> list[int]:
    """The corpus-frequent lines that go, given the words of the document's open lines. When the
    frequent ones make up more than ``OWN_TEXT_SHARE`` of the words of its long lines
    (``GOOD_MIN_WORDS`` or more), what recurs is the document's own text (a re-scrape, or a
    syndicated article printed by many outlets): its long lines stay, and dedup links the copies;
    the corpus still takes its short lines (menus, buttons).

    >>> words = {0: 1, 1: 14, 2: 15}  # a menu item and two paragraphs
    >>> _own_text_kept(words, [0, 1, 2])  # the whole article recurs: a copy, not chrome
    [0]
    >>> _own_text_kept(words, [0, 1])  # one paragraph of two recurs: chrome prose
    [0, 1]
    """
    long = {i: n for i, n in words.items() if n >= GOOD_MIN_WORDS}
    recurring = sum(long.get(i, 0) for i in frequent)
    if recurring > OWN_TEXT_SHARE * sum(long.values()):
        return [i for i in frequent if i not in long]
    return frequent


def _data_run(lines: Sequence[str], main: set[int], stats: dict[int, LineStats], taken: set[int],
              cut: int) -> set[int]:
    """The lines of a page of data around its few sentences of prose: results ("Palm Bay d.
    Rockledge 70-44"), a meal plan ("Meal 2", "1 cup strawberries"), a timetable. When the main
    block is short and the lines around it, up to the nearest line a rule, the corpus or the
    teaser evidence took, are many and mostly hold numbers, they are the body, though each is
    too short to be prose.

    >>> lines = ["Menu", "Roundup", "Girls basketball",
    ...          "Palm Bay (1-0): Tolivert scored 25 points and Davis 17 points in the win on Tuesday.",
    ...          "Heritage d. Titusville 53-9", "Heritage (1-0): Sheffield 19 points", "Melbourne d. Cocoa 69-54",
    ...          "Melbourne (2-0): Thomas 18 points", "Boys soccer", "Viera d. Rockledge 3-1", "Viera (4-0): Hupfer 1 goal",
    ...          "Cocoa d. West Shore 61-21", "Cocoa (1-2): Munoz 8 saves", "Terms of Service"]
    >>> st = {i: line_stats(t, stop_words("en")) for i, t in enumerate(lines) if i not in (0, 13)}
    >>> sorted(_data_run(lines, {3}, st, {0, 13}, len(lines)))
    [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    """
    if not main:
        return set()
    main_words = sum(stats[i].words for i in main if i in stats)
    if main_words > DATA_MAX_MAIN_WORDS:
        return set()
    lo, hi = min(main), max(main)
    while lo > 0 and (not lines[lo - 1] or (lo - 1 in stats and lo - 1 not in taken)):
        lo -= 1
    while hi + 1 < cut and (not lines[hi + 1] or (hi + 1 in stats and hi + 1 not in taken)):
        hi += 1
    run = [i for i in range(lo, hi + 1) if i in stats and i not in taken and i not in main]
    words = sum(stats[i].words for i in run)
    if len(run) < DATA_MIN_LINES or words < DATA_RUN_FACTOR * main_words or words < SHORT_MAX_WORDS * len(run):
        return set()  # a poll, or a list of links of a word or two (an archive by month: "Maio (192)")
    if sum(bool(_DIGIT.search(lines[i])) for i in run) < DATA_LINE_SHARE * len(run):
        return set()
    return set(run)


FACT_MIN_FIELDS = 3
"""A fact box (a spec sheet, a match's line-up, a company profile) has at least this many
"Label: value" lines in a row ..."""
FACT_REACH = 3
"""... and stands at most this many lines from the article's main block."""
FACT_HEADINGS = 2
"""... with up to this many short lines over it: its heading, and a title."""
def _fact_box(lines: Sequence[str], main: set[int], stats: dict[int, LineStats], taken: set[int],
              cut: int) -> set[int]:
    """The lines of fact boxes set in or under the article: ``FACT_MIN_FIELDS`` or more "Label:
    value" lines in a row (with up to ``FACT_HEADINGS`` short lines over them, its heading and a
    title; lines of it already in the article count), none taken by a rule, at most
    ``FACT_REACH`` lines from a line of the article ("Price: $249", "Battery: 180 minutes"; "会社名：
    ...", "所在地：..."; a match's "Árbitro: ...", "Público: ..."). They are the article's, though
    each is too short to be prose.

    >>> lines = ["The robot mops better than any we tested at its price.", "Specs", "Price: $249",
    ...          "Battery: up to 180 minutes", "Suction: 5,000Pa", "Menu"]
    >>> st = {i: line_stats(t, stop_words("en")) for i, t in enumerate(lines)}
    >>> sorted(_fact_box(lines, {0}, st, {5}, len(lines)))
    [1, 2, 3, 4]
    """
    if not main:
        return set()
    out: set[int] = set()
    run: list[int] = []
    for i in [*range(min(cut, len(lines))), None]:
        if i is not None and not lines[i]:
            continue
        if i is not None and i in stats and i not in taken \
                and (":" in lines[i] or "：" in lines[i]) and is_field(lines[i]):
            run.append(i)
            continue
        if len(run) >= FACT_MIN_FIELDS:
            for _ in range(FACT_HEADINGS):  # its heading ("Specs", "■会社概要"), and a title over
                head = run[0] - 1            # it ("Ficha técnica" over "Coritiba 2 x 1 Goiás")
                while head >= 0 and not lines[head]:
                    head -= 1
                if head < 0 or head not in stats or head in taken or head in main \
                        or len(lines[head]) > 40 or lines[head].endswith((".", "!", "?", "。")):
                    break
                run.insert(0, head)
            if any(j in main for j in range(run[0] - FACT_REACH, run[-1] + FACT_REACH + 1)):
                out.update(run)
        run = []
    return out


def _headline_on_top(lines: Sequence[str], main: set[int], first: list[str | None],
                     stats: dict[int, LineStats]) -> set[int]:
    """The headline (and a kicker above it) where the article's main block starts: up to
    ``TOP_HEADLINE_LINES`` doubtful, headline-shaped lines that open it. A subheading stays
    because it has prose above it; the line that opens the article has none: it is the
    headline, printed again above the body (or a kicker, a label), not part of it; unless a bare
    time stands right above it (a live blog's first entry: "11:52", then its heading).

    >>> lines = ["Council approves the budget for next year", "The council voted on Monday to approve "
    ...          "the spending plan for the coming year, officials said.", "Road works", "More prose here."]
    >>> first = ["near", "good", "short", "good"]
    >>> st = {i: line_stats(t, stop_words("en")) for i, t in enumerate(lines)}
    >>> sorted(_headline_on_top(lines, {0, 1, 2, 3}, first, st))
    [0]
    >>> sorted(_headline_on_top(["11:52", *lines], {1, 2, 3, 4}, [None, *first], {i + 1: v for i, v in st.items()}))
    []
    """
    out: set[int] = set()
    for i in sorted(main)[:TOP_HEADLINE_LINES]:
        s = stats.get(i)
        if s is None or first[i] not in ("near", "short") or s.words > TOP_HEADLINE_WORDS or s.listish \
                or (s.terminal and not lines[i].endswith("?")):
            break  # a sentence (perhaps full of names) opens the article itself
        if not out and BARE_TIME.match(next((t for t in reversed(lines[:i]) if t), "")):
            break  # under a bare time: a live blog's first entry and its heading
        out.add(i)
    return out if len(out) < len(main) else set()


STANDFIRST_MAX_WORDS = 60
"""A standfirst (the summary printed between the headline and the byline) has at most this
many words ..."""
STANDFIRST_BODY_WORDS = 60
"""... and the article below its byline at least this many."""
STAMP_REASONS = ("metadata:date", "metadata:author")


def _standfirst(main: set[int], words: list[int], decided: dict[int, tuple[str, str | None]],
                title: int | None) -> set[int]:
    """The standfirst: the one paragraph between the headline and the byline or date line under
    it, when the story starts below that line. It sums the story up; the story itself starts
    under the byline (news sites set it apart in larger type, and readers of the text do not
    count it as the article).

    >>> decided = {0: ("metadata:title", "headline"), 2: ("metadata:author", "byline")}
    >>> sorted(_standfirst({1, 3, 4}, [6, 20, 2, 40, 30], decided, 0))
    [1]
    >>> sorted(_standfirst({1, 3, 4}, [6, 20, 2, 40, 30], {0: ("metadata:title", "headline")}, 0))
    []
    """
    if title is None:
        return set()
    after = sorted(i for i in main if i > title)
    if len(after) < 2 or words[after[0]] > STANDFIRST_MAX_WORDS:
        return set()
    first, second = after[0], after[1]
    stamped = any(decided.get(i, ("",))[0] in STAMP_REASONS for i in range(first + 1, second))
    if not stamped or sum(words[i] for i in after[1:]) < STANDFIRST_BODY_WORDS:
        return set()
    return {first}


_SUMMARY_HEADING = re.compile(
    r"^(?:key (?:points|takeaways|facts)|the big picture|at a glance|in brief|in short|highlights|"
    r"story highlights|quick read|tl;?dr|summary|das wichtigste(?: in kürze)?|auf einen blick|en bref|"
    r"l'essentiel|l’essentiel|en resumen|lo más importante|claves|em resumo|resumo|in sintesi|"
    r"i punti chiave|главное|коротко|кратко|ringkasan|poin penting|要点|ポイント|핵심 ?(?:요약|정리)|"
    r"3줄 요약|要点速览|划重点)\s*[:：]?$", re.I)
"""The heading of a box of key points above an article ("Key Points", "Das Wichtigste in Kürze")."""
SUMMARY_MAX_LINES = 5
_BODY_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]{2,}(?:[ ,]{1,2}[A-ZÀ-ÖØ-Þ][\w.'’-]+){0,4}\s*(?:\([^)]{1,30}\))?"
                            r"\s*[—–-]\s")
SUMMARY_POINT_WORDS = 40
"""... each point of at most this many words (a longer line is the story's own paragraph)."""


def _summary_box(lines: Sequence[str], main: set[int], decided: dict, words: list[int]) -> set[int]:
    """The points of a summary box ("Key Points" and up to ``SUMMARY_MAX_LINES`` lines under it)
    set above the article: they end where chrome (a caption) or the story's dateline starts.
    When nothing marks where the box ends, nothing is taken.

    >>> lines = ["Key Points", "The airline ordered 30 jets.", "The deal replaces an older order.",
    ...          "Photo: Jane Roe | Getty Images", "DUBAI — The airline finalized a deal on Wednesday."]
    >>> n = [len(t.split()) for t in lines]
    >>> sorted(_summary_box(lines, {1, 2, 4}, {3: ("caption", "photo-credit")}, n))
    [1, 2]
    >>> sorted(_summary_box(lines[:3] + ["The deal was signed at the air show."], {1, 2, 3}, {}, n))
    []
    """
    first = min(main, default=None)
    if first is None:
        return set()
    head = next((i for i in range(first - 1, max(first - 4, -1), -1) if lines[i]), None)
    if head is None or len(lines[head]) > 40 or not _SUMMARY_HEADING.match(lines[head]):
        return set()
    box: list[int] = []
    for i in range(head + 1, len(lines)):
        if not lines[i]:
            continue
        if i in decided or _BODY_DATELINE.match(lines[i]):
            return set(box)
        if len(box) == SUMMARY_MAX_LINES or i not in main or words[i] > SUMMARY_POINT_WORDS:
            return set()
        box.append(i)
    return set()


_POST_SIGNATURE = re.compile(
    r"^[—–-]{1,2}\s*[^\n()]{1,80}\(@\w{1,30}\)\s*(?:[^\W\d_]{3,9}\.? \d{1,2}, (?:19|20)\d\d|"
    r"\d{1,2}\.? [^\W\d_]{3,9}\.? (?:19|20)\d\d)$")
"""The signature under an embedded post: "— Jane Roe (@janeroe) November 18, 2019"."""
POST_MAX_WORDS = 70
"""An embedded post (a tweet) above its signature has at most this many words."""


def _embedded_posts(lines: Sequence[str], stats: dict[int, LineStats]) -> set[int]:
    """Posts quoted in the article (tweets): a signature line "— Name (@handle) date" and the
    post's text right above it. A quoted post is part of the story, though its line shape (a
    date, a handle, a link) is chrome's.

    >>> lines = ["Sen. Roe wrote on Monday:", "We will not back down. pic.twitter.com/abc123",
    ...          "— Jane Roe (@janeroe) November 18, 2019", "Her office did not reply."]
    >>> st = {i: line_stats(t, stop_words("en")) for i, t in enumerate(lines)}
    >>> sorted(_embedded_posts(lines, st))
    [1, 2]
    """
    out: set[int] = set()
    for i, s in stats.items():
        if s.words <= DATED_MAX_WORDS + 4 and "(@" in lines[i] and _POST_SIGNATURE.match(lines[i]):
            out.add(i)
            j = i - 1
            while j >= 0 and not lines[j]:
                j -= 1
            if j in stats and stats[j].words <= POST_MAX_WORDS and j not in out:
                out.add(j)
    return out


_SPEAKER = re.compile(r"^([^\W\d_][\w.'’]*(?: [^\W\d_][\w.'’]*){0,2}):\s+\S")
"""A speaker's label before what they say: "Q: ...", "A: ...", "Prof. Carlos: ..."."""
DIALOGUE_MIN_TURNS = 2
"""A label opens at least this many prose lines of the document to be a speaker's ..."""
DIALOGUE_MIN_SPEAKERS = 2
"""... and at least this many speakers take turns: the document holds an interview or a
transcript."""


def _dialogue_lines(lines: Sequence[str], stats: dict[int, LineStats], first: list[str | None]) -> set[int]:
    """The turns of an interview or a transcript: lines opened by a speaker's label ("Q:", "A:",
    "Eugênio:") where the document has at least ``DIALOGUE_MIN_SPEAKERS`` labels that each open
    ``DIALOGUE_MIN_TURNS`` prose lines. Quick questions and short answers ("Q: Favorite apps?",
    "A: Maps and Music") are the interview's body too, though they are not shaped like prose; a
    label that opens no prose ("Tags: ...", "Share: ...") is no speaker.

    >>> lines = ["Q: What did you find when you started in the job last spring?",
    ...          "A: I found a team that was ready for change, and a business that was ready to grow.",
    ...          "Q: What surprised you the most about the company in that first year?",
    ...          "A: The number of people who had been here for more than twenty years, and loved it.",
    ...          "Q: Favorite apps?", "A: Maps and Music", "Tags: business, people"]
    >>> st = {i: line_stats(t, stop_words("en")) for i, t in enumerate(lines)}
    >>> first = [_first_class(s, 0.45) for s in st.values()]
    >>> sorted(_dialogue_lines(lines, st, first))
    [4, 5]
    """
    labels: dict[int, str] = {}
    for i, s in stats.items():
        if s.words <= LIST_ITEM_MAX_WORDS * 4 and ":" in lines[i][:40]:
            m = _SPEAKER.match(lines[i])
            if m:
                labels[i] = m.group(1)
    turns = Counter(label for i, label in labels.items() if first[i] == "good")
    speakers = {label for label, n in turns.items() if n >= DIALOGUE_MIN_TURNS}
    if len(speakers) < DIALOGUE_MIN_SPEAKERS:
        return set()
    return {i for i, label in labels.items() if label in speakers and first[i] != "good"}


def _is_heading(text: str) -> bool:
    """A short line that is not a "Label: text" teaser nor a bracketed "[Source]" tag.

    >>> _is_heading("You may also like"), _is_heading("Related:"), _is_heading("READ MORE: A story")
    (True, True, False)
    >>> _is_heading("[The Verge]"), _is_heading("【前回】空き店舗だらけの商店街"), _is_heading("写真特集：団地の50年")
    (False, False, False)
    """
    return len(text) <= HEADING_MAX_CHARS and ":" not in text[:-1] and "：" not in text[:-1] \
        and not text.endswith("]") and not _LABELLED.match(text)


_LABELLED = re.compile(r"^[【\[][^】\]]{1,12}[】\]]\s*\S")  # "【前回】 a story", "[관련기사] a story"


def _comment_section_start(lines: Sequence[str], decided: dict[int, tuple[str, str]],
                           classes: list[str | None], words: list[int], dated: set[int] = frozenset()) -> int:
    """Where the reader comments start: the first line a rule took as a comment prompt once at
    least ``MIN_ARTICLE_WORDS`` words of prose precede it (an article comes before its comments;
    a "Comments" button near the top does not cut anything), or the first line of the comment
    that prompt belongs to (see ``_comment_record_start``). ``len(lines)`` if none."""
    seen = 0
    for i in range(len(lines)):
        if classes[i] == "good":
            seen += words[i]
        elif decided.get(i, ("",))[0] == "comment-prompt":
            start = _comment_record_start(lines, i, classes, words, dated)
            # a comment's own button under a dated comment is evidence enough after a short article
            if seen >= (MIN_ARTICLE_WORDS if start == i else MIN_ARTICLE_WORDS // 3):
                return start
    return len(lines)


def _comment_record_start(lines: Sequence[str], i: int, classes: list[str | None], words: list[int],
                          dated: set[int]) -> int:
    """Where the comment that a prompt at ``i`` closes begins, when that prompt is a comment's
    own button ("Reply") under a name, a date and one paragraph; else ``i``.

    >>> lines = ["Article text.", "Jane D.", "3 hours ago", "Great piece, thanks.", "Reply"]
    >>> _comment_record_start(lines, 4, ["good", "bad", "bad", "good", "bad"], [30, 2, 3, 4, 1], {2})
    1
    >>> _comment_record_start(lines, 4, ["good", "bad", "bad", "good", "bad"], [30, 2, 3, 4, 1], set())
    4
    """
    prev = [j for j in range(i - 1, max(-1, i - 8), -1) if lines[j]][:3]
    if len(prev) >= 2 and classes[prev[0]] == "good" and words[prev[0]] <= TEASER_MAX_WORDS \
            and prev[1] in dated:
        if len(prev) == 3 and classes[prev[2]] != "good" and words[prev[2]] <= SHORT_MAX_WORDS:
            return prev[2]
        return prev[1]
    return i


# ---------------------------------------------------------------------------------------------
# Corpus statistics
# ---------------------------------------------------------------------------------------------

_NUM = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def normalize_line(line: str) -> str:
    """The form under which lines are counted: NFKC, casefolded, digits as 0, spaces collapsed.

    >>> normalize_line("  © 2019  Example  Media ")
    '© 0 example media'
    """
    # NFKC leaves ASCII alone and casefolding ASCII is lowercasing
    t = line.lower() if line.isascii() else unicodedata.normalize("NFKC", line).casefold()
    return " ".join(_NUM.sub("0", t).split())  # str.split() and \s agree on what is a space


_LETTER = re.compile(r"[^\W\d_]")


def _countable(line: str) -> bool:
    """Only lines with letters are counted: a bare number or time is left to the other evidence
    (table cells and scores recur across documents without being chrome)."""
    return bool(line) and bool(_LETTER.search(line))


def _key(norm: str) -> int:
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "little")


def line_keys(lines: Sequence[str]) -> set[int]:
    """The hashes of a document's countable lines, each once (what CorpusStats counts)."""
    return {_key(normalize_line(t)) for t in lines if _countable(t)}


def keys_by_line(lines: Sequence[str]) -> array:
    """The hash of every line, in order, 0 for a line that is not countable (8 bytes a line):
    what the read pass keeps with a document, so that its clean pass need not normalise and
    hash its lines again (see :meth:`CorpusStats.is_frequent`)."""
    return array("Q", map(_line_key, lines))


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line: chrome lines recur across documents
def _line_key(line: str) -> int:
    return _key(normalize_line(line)) if _countable(line) else 0


class CorpusStats:
    """How many documents of the corpus hold each (normalised) line, by an 8-byte hash.

    A line is frequent when it is in at least ``corpus_repeat_min_docs`` documents and at least
    ``corpus_repeat_min_share`` of them; a prose-length line (``LONG_LINE_WORDS`` words or more)
    needs ``LONG_LINE_FACTOR`` times both, so a paragraph of syndicated copy printed by a few
    outlets is not taken for chrome.

    >>> from types import SimpleNamespace as NS
    >>> cfg = NS(corpus_repeat_min_docs=2, corpus_repeat_min_share=0.5)
    >>> docs = [["Story one.", "Share this"], ["Story two.", "Share this", "Share this"], ["Story 3."]]
    >>> cs = CorpusStats.build(docs, cfg)
    >>> cs.is_frequent("Share this"), cs.is_frequent("Story two.")
    (True, False)
    """

    __slots__ = ("counts", "n_docs", "min_docs", "min_share")

    def __init__(self, counts: dict[int, int], n_docs: int, min_docs: int, min_share: float):
        self.counts = counts
        self.n_docs = n_docs
        self.min_docs = min_docs
        self.min_share = min_share

    @classmethod
    def build(cls, docs: Iterable[Sequence[str]], config) -> "CorpusStats":
        counts: Counter[int] = Counter()
        n = 0
        for doc in docs:
            n += 1
            counts.update(line_keys(doc))
        return cls.from_counts(counts, n, config)

    @classmethod
    def from_counts(cls, counts: Counter, n_docs: int, config) -> "CorpusStats":
        """From per-line document counts (the sum of line_keys over documents). Lines below the
        lowest threshold can never be frequent: they are dropped, so the table stays small."""
        min_docs, min_share = int(config.corpus_repeat_min_docs), float(config.corpus_repeat_min_share)
        floor = max(2, min_docs, math.ceil(min_share * n_docs))
        kept = {k: c for k, c in counts.items() if c >= floor}
        return cls(kept, n_docs, min_docs, min_share)

    def doc_count(self, line: str) -> int:
        """In how many documents the line (normalised) occurs."""
        return self.counts.get(_key(normalize_line(line)), 0)

    def is_frequent(self, line: str, key: int | None = None) -> bool:
        """Whether the line is chrome by recurrence; ``key``: its hash, when the caller has it."""
        if key is None:
            if not _countable(line):
                return False
            c = self.doc_count(line)
        elif not key:  # (keys_by_line's 0: a line that is not countable)
            return False
        else:
            c = self.counts.get(key, 0)
        if c < 2:
            return False
        factor = LONG_LINE_FACTOR if len(_WORD.findall(line)) >= LONG_LINE_WORDS else 1
        return c >= factor * self.min_docs and c >= factor * self.min_share * self.n_docs
