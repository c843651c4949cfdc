"""The records that flow through the pipeline: Removal spans and Documents.

The body of a document is never stored on its own: it is derived from the repaired text and
the removal spans by :func:`apply_removals`, the same way every time.

>>> text = "Download\\nHeadline\\n\\nFirst paragraph.\\nSecond paragraph.\\n"
>>> rm = [Removal(0, 9, "ui-chrome", "button-label"), Removal(9, 18, "metadata:title", "title")]
>>> apply_removals(text, rm)
'First paragraph.\\n\\nSecond paragraph.'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from typing import Iterable, Sequence


LINE_CACHE = 1 << 16
"""How many lines each per-line cache of a process remembers, the most recently used: the
rules' decisions, line statistics, corpus keys, ftfy's fixes, metadata's tests, all pure
functions of a line's text. Chrome lines (menus, footers, prompts) recur across the documents
of a corpus and are then measured once; body lines, which rarely recur, pass through. (On the
speed benchmark's corpus a worker of a 100k run meets 127,000 distinct lines, 37,000 of them
recurring: at 16,384 lines 21% of the lines missed the caches, at 32,768 14%, at 65,536 12%;
going from 32,768 to 65,536 saved about 4% of a 30k run's CPU for 21 MB more at its peak.)"""


@dataclass(frozen=True, slots=True)
class Removal:
    """A span of the repaired text that is not article body, and why."""

    start: int  # character offsets into the repaired text, end exclusive
    end: int
    reason: str  # stable category code: "advertisement", "metadata:date", ...
    rule: str  # the rule, statistic or model that decided it

    def __reduce__(self):
        # pickled as its four values: cheaper both ways than the per-field state that frozen
        # slotted dataclasses get by default (a cleaned document sends a dozen or more)
        return Removal, (self.start, self.end, self.reason, self.rule)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the repaired text, with its offsets (end excludes the newline)."""

    index: int
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Split text into Line records with exact offsets.

    >>> [(l.start, l.end, l.text) for l in split_lines("ab\\n\\ncd")]
    [(0, 2, 'ab'), (3, 3, ''), (4, 6, 'cd')]
    """
    lines, pos = [], 0
    for i, chunk in enumerate(text.split("\n")):
        lines.append(Line(i, pos, pos + len(chunk), chunk))
        pos += len(chunk) + 1
    return lines


def line_removals(lines: Sequence[str], decided: dict[int, tuple[str, str]]) -> list[Removal]:
    """A removal covering the whole line and its newline (when it has one) for each decided line
    (``{index: (reason, rule)}``) of the text
    ``"\n".join(lines)``, in the order of ``decided``, from the lines' lengths (without a
    :class:`Line` for every line).

    >>> line_removals(["ab", "", "cd"], {2: ("x", "r"), 0: ("y", "s")})
    [Removal(start=4, end=6, reason='x', rule='r'), Removal(start=0, end=3, reason='y', rule='s')]
    """
    starts = list(accumulate([len(t) + 1 for t in lines], initial=0))
    n = starts[-1] - 1  # the text's length
    return [Removal(starts[i], min(starts[i + 1], n), reason, rule) for i, (reason, rule) in decided.items()]


def normalize_removals(removals: Iterable[Removal]) -> list[Removal]:
    """Sort removals and drop any that overlap an earlier one (first decision wins).

    >>> normalize_removals([Removal(5, 9, "b", "r2"), Removal(0, 6, "a", "r1")])
    [Removal(start=0, end=6, reason='a', rule='r1')]
    """
    out: list[Removal] = []
    for r in sorted(removals, key=lambda r: (r.start, r.end)):
        if r.end <= r.start:
            continue
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out


def kept_segments(text: str, removals: list[Removal]) -> list[tuple[int, int]]:
    """The (start, end) character ranges of text that no removal covers."""
    segs, pos = [], 0
    for r in removals:
        if r.start > pos:
            segs.append((pos, r.start))
        pos = max(pos, r.end)
    if pos < len(text):
        segs.append((pos, len(text)))
    return segs


def apply_removals(text: str, removals: list[Removal]) -> str:
    """The body: what the removals leave, one paragraph per remaining non-blank line,
    paragraphs separated by a blank line. Removals must be normalized (sorted, disjoint)."""
    kept = "".join(text[a:b] for a, b in kept_segments(text, removals))
    return "\n\n".join(p.strip() for p in kept.split("\n") if p.strip())


@dataclass(slots=True)
class Document:
    """One input file on its way through the pipeline."""

    source: str  # path relative to the input root, with forward slashes
    sha256: str  # of the raw bytes
    id: str = ""
    encoding: str = ""
    text: str = ""  # the repaired text, which removal offsets refer to
    removals: list[Removal] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # title, date, outlet, section, tags, author
    language: str | None = None
    language_score: float | None = None
    status: str = "kept"  # kept | duplicate | skipped
    reason: str | None = None  # why skipped, or how duplicated (exact, near, contained)
    duplicate_of: str | None = None  # id of the kept representative
    similarity: float | None = None
    stored_body: str | None = field(default=None, repr=False)  # a body set by hand; normally None
    words_in: int | None = field(default=None, repr=False)  # words (\w+) of the text, counted where it was read
    line_keys: Sequence[int] | None = field(default=None, repr=False)  # between the passes: classify.keys_by_line

    @property
    def body(self) -> str:
        """The clean body: ``apply_removals(text, removals)``, derived on every access and not
        stored, so a document carries (and sends between processes) its text only once."""
        if self.stored_body is not None:
            return self.stored_body
        return apply_removals(self.text, self.removals) if self.text else ""

    @body.setter
    def body(self, value: str) -> None:
        self.stored_body = value

    def __reduce__(self):
        # pickled as its values in field order (the spill writes and reads every document two
        # or three times): cheaper both ways than the per-field state of slotted dataclasses
        return Document, (self.source, self.sha256, self.id, self.encoding, self.text, self.removals, self.meta,
                          self.language, self.language_score, self.status, self.reason, self.duplicate_of,
                          self.similarity, self.stored_body, self.words_in, self.line_keys)

    def finish(self) -> None:
        """Normalize the removals (sorted, disjoint), which the body is derived from."""
        self.removals = normalize_removals(self.removals)
