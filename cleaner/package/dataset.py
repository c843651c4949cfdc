"""Rows, schema and Parquet shards of a dataset version.

Rows are sorted by id and written with fixed writer settings, so the same documents always
give byte-identical shards. ``content_sha256`` hashes the canonical rows (not the Parquet
bytes), so it survives a change of Parquet library.
"""
from __future__ import annotations

import copy
import hashlib
import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from ..document import Document
from ..words import count_words

REMOVAL = pa.struct([
    ("start", pa.int64()), ("end", pa.int64()), ("reason", pa.string()), ("rule", pa.string()), ("text", pa.string()),
])
DUPLICATE = pa.struct([("id", pa.string()), ("source", pa.string()), ("how", pa.string()), ("similarity", pa.float64())])

SCHEMA = pa.schema([
    ("id", pa.string()),
    ("source", pa.string()),
    ("title", pa.string()),
    ("text", pa.string()),
    ("date", pa.string()),
    ("author", pa.string()),
    ("outlet", pa.string()),
    ("section", pa.string()),
    ("tags", pa.list_(pa.string())),
    ("language", pa.string()),
    ("language_score", pa.float64()),
    ("sha256", pa.string()),
    ("encoding", pa.string()),
    ("removals", pa.list_(REMOVAL)),
    ("duplicates", pa.list_(DUPLICATE)),
])

FIELD_DOCS = {
    "id": "stable id of the document (from its source path)",
    "source": "path of the input file, relative to the input folder",
    "title": "headline lifted from the text, or null",
    "text": "the clean article body; paragraphs separated by a blank line",
    "date": "publication date found in the text, ISO 8601 (date or date and time), or null",
    "author": "byline name found in the text, or null",
    "outlet": "publisher name found in the text, or null",
    "section": "site section found near the headline, or null",
    "tags": "tags/topics listed on the page",
    "language": "ISO 639-1 code from langdetect (seeded) on the body",
    "language_score": "langdetect's probability for that language",
    "sha256": "sha256 of the input file's raw bytes",
    "encoding": "encoding the input was decoded from",
    "removals": "audit trail: every removed span of the repaired text (offsets, reason code, rule, text)",
    "duplicates": "input files dropped as duplicates of this row (id, source, how, similarity)",
}


def schema_sha256() -> str:
    return hashlib.sha256(str(SCHEMA).encode()).hexdigest()


def iter_rows(docs: list, load=None):
    """One row per kept document, in id order, with its duplicates attached; made one at a
    time, so a whole dataset of rows is never in memory. ``docs`` may also be the light
    entries of a streamed run (:class:`~cleaner.spill.Entry`), each kept one's Document read
    back by ``load(entry)`` as its row is made."""
    dups = duplicates_by_id(docs)
    for d in sorted((d for d in docs if d.status == "kept"), key=lambda d: d.id):
        if load is not None:
            d = load(d)
        yield row_of(d, dups.get(d.id, []))


def duplicates_by_id(docs: list) -> dict[str, list[dict]]:
    """The duplicates of each kept document that has some, by its id, as its row lists them
    (Documents or Entries: only their id, source, status and duplicate link are read)."""
    dups: dict[str, list[dict]] = {}
    for d in docs:
        if d.status == "duplicate":
            dups.setdefault(d.duplicate_of, []).append(
                {"id": d.id, "source": d.source, "how": d.reason, "similarity": d.similarity})
    return dups


def row_of(d: Document, duplicates: list[dict]) -> dict:
    """The row of one kept document, given its duplicates (:func:`duplicates_by_id`)."""
    return {
        "id": d.id, "source": d.source, "title": d.meta.get("title"), "text": d.body,
        "date": d.meta.get("date"), "author": d.meta.get("author"), "outlet": d.meta.get("outlet"),
        "section": d.meta.get("section"), "tags": list(d.meta.get("tags") or []),
        "language": d.language, "language_score": d.language_score, "sha256": d.sha256,
        "encoding": d.encoding,
        "removals": [{"start": r.start, "end": r.end, "reason": r.reason, "rule": r.rule,
                      "text": d.text[r.start:r.end].rstrip("\n")} for r in d.removals],
        "duplicates": sorted(duplicates, key=lambda x: x["id"]),
    }


def make_rows(docs: list[Document]) -> list[dict]:
    """All rows of :func:`iter_rows`, as a list."""
    return list(iter_rows(docs))


def _canonical(row: dict) -> bytes:
    return json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


class RowSummary:
    """What the manifest needs from the rows, gathered as they stream past: the content hash
    and size of their canonical JSON, the words of the bodies, the languages, the reasons of
    the removals."""

    def __init__(self, keep_lines: bool = False) -> None:
        self._hash, self.content_bytes, self.rows, self.words_out = hashlib.sha256(), 0, 0, 0
        self.languages: Counter = Counter()
        self.reasons: Counter = Counter()
        self.lines: list[bytes] | None = [] if keep_lines else None
        """With ``keep_lines``: the rows' canonical lines, for a summary made in another process
        (see :meth:`merge`)."""

    def add(self, row: dict) -> None:
        line = _canonical(row)
        self._hash.update(line)
        if self.lines is not None:
            self.lines.append(line)
        self.content_bytes += len(line)
        self.rows += 1
        self.words_out += count_words(row["text"])
        if row["language"]:
            self.languages[row["language"]] += 1
        self.reasons.update(r["reason"] for r in row["removals"])

    @property
    def content_sha256(self) -> str:
        return self._hash.hexdigest()

    def merge(self, part: "RowSummary", lines: Iterable[bytes]) -> None:
        """Take in the rows another summary saw (a shard written in another process), as if
        they came next: its counts, and its canonical ``lines`` (in order, joined in any pieces)
        for the content hash.

        >>> import pickle
        >>> rows = [{"text": f"w{k}", "language": "en", "removals": []} for k in range(3)]
        >>> whole, first, rest = RowSummary(), RowSummary(), RowSummary(keep_lines=True)
        >>> for row in rows: whole.add(row)
        >>> first.add(rows[0]); rest.add(rows[1]); rest.add(rows[2])
        >>> first.merge(pickle.loads(pickle.dumps(rest)), [b"".join(rest.lines)])
        >>> first.content_sha256 == whole.content_sha256, first.words_out, first.languages
        (True, 3, Counter({'en': 3}))
        """
        for piece in lines:
            self._hash.update(piece)
        self.content_bytes += part.content_bytes
        self.rows += part.rows
        self.words_out += part.words_out
        self.languages.update(part.languages)
        self.reasons.update(part.reasons)

    def __getstate__(self) -> dict:
        """Pickled without its hash (which does not pickle) and its lines (sent on their own)."""
        return {**self.__dict__, "_hash": None, "lines": None}


def content_digest(rows: Iterable[dict]) -> tuple[str, int]:
    """(sha256, byte count) of the canonical JSON of the rows (sorted keys, a row a line, id order)."""
    summary = RowSummary()
    for row in rows:
        summary.add(row)
    return summary.content_sha256, summary.content_bytes


def content_sha256(rows: Iterable[dict]) -> str:
    return content_digest(rows)[0]


ROW_GROUP = 2000
"""Rows per Parquet row group: a shard is built and written a row group at a time."""


class _ShardRows:
    """The rows of one shard, taken from the stream a row group at a time (each row also added
    to the summary): only one row group of row dicts is in memory at once."""

    def __init__(self, rows, summary: RowSummary | None):
        self._rows, self._summary = rows, summary

    def groups(self):
        while True:
            group = list(itertools.islice(self._rows, ROW_GROUP))
            if self._summary is not None:
                for row in group:
                    self._summary.add(row)
            yield group
            if len(group) < ROW_GROUP:
                return


def shard_names(total: int, shard_rows: int) -> list[str]:
    """The file names (under ``data/``) of the shards of ``total`` rows: at least one."""
    n_shards = max(1, -(-total // shard_rows))
    return [f"train-{k:05d}-of-{n_shards:05d}.parquet" for k in range(n_shards)]


def write_shards(rows: Iterable[dict], folder: Path, shard_rows: int, total: int | None = None,
                 summary: RowSummary | None = None) -> list[Path]:
    """Write rows as data/train-NNNNN-of-NNNNN.parquet under folder (at least one shard), a
    shard at a time as the rows stream in; ``total`` is the number of rows (needed up front for
    the names; counted from the rows when they are a list). Each row is also added to
    ``summary`` when one is given."""
    if total is None:
        rows = list(rows)
        total = len(rows)
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    rows = iter(rows)
    paths = [write_shard(itertools.islice(rows, shard_rows), data / name, summary)
             for name in shard_names(total, shard_rows)]
    if next(rows, None) is not None:
        raise ValueError(f"more rows than the {total} announced")
    return paths


def write_shard(rows: Iterable[dict], path: Path, summary: RowSummary | None = None) -> Path:
    """Write one shard of rows (an empty one too), a row group at a time as the rows stream
    in, each row also added to ``summary`` when one is given."""
    chunk = _ShardRows(iter(rows), summary)
    with pq.ParquetWriter(path, SCHEMA, compression="zstd", use_dictionary=True, write_statistics=True) as writer:
        for n, group in enumerate(chunk.groups()):
            if group or n == 0:  # an empty dataset still gets one (empty) shard
                writer.write_table(pa.Table.from_pylist(group, schema=SCHEMA), row_group_size=ROW_GROUP)
    return path


def _strings(*names: str) -> list[dict]:
    return [{"name": n, "dtype": "string"} for n in names]


# SCHEMA in the Hub's dataset_info YAML form, written out so that writing a version does not
# import datasets (with pandas and huggingface_hub, ~0.5 s of CPU) for it; a test compares it
# with what datasets makes of SCHEMA (Features.from_arrow_schema(SCHEMA)._to_yaml_list()).
FEATURES_YAML = [
    *_strings("id", "source", "title", "text", "date", "author", "outlet", "section"),
    {"name": "tags", "list": "string"},
    *_strings("language"),
    {"name": "language_score", "dtype": "float64"},
    *_strings("sha256", "encoding"),
    {"name": "removals", "list": [{"name": "start", "dtype": "int64"}, {"name": "end", "dtype": "int64"},
                                  *_strings("reason", "rule", "text")]},
    {"name": "duplicates", "list": [*_strings("id", "source", "how"), {"name": "similarity", "dtype": "float64"}]},
]


def features_yaml() -> list:
    """The schema in the Hub's dataset_info YAML form (a fresh copy of FEATURES_YAML)."""
    return copy.deepcopy(FEATURES_YAML)
