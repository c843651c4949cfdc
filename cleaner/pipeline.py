"""The pipeline as named stages: read -> repair -> clean -> annotate -> dedup.

Stages take documents and the config and return documents; they never print and never exit.
Progress is reported through an optional callback ``progress(stage, done, total)``.

A run streams (:func:`run_files`): worker processes read each document from the input or
from the run's spill (:mod:`cleaner.spill`) and write it back there, so this process keeps
only an Entry per document and what dedup needs; :func:`clean_files` then reads every
document back into memory, for a library user who wants them all.
"""
from __future__ import annotations

import collections
import contextlib
import copy
import dataclasses
import gc
import hashlib
import itertools
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import classify, langid, tables
from .config import CleanConfig
from .dedup import dedup_documents, signatures_of
from .dedup.repeats import find_repeats
from .document import Document, line_removals
from .io import InputFile, Undecodable, decode_bytes, discover, read_bytes, sha256, unpack_bytes
from .metadata import lift_metadata
from .repair import repair
from .rules import run_rules
from .words import count_words, words_in
from .spill import Appender, Entry, Reader, Spill

Progress = Callable[[str, int, int], None]
_WORD = re.compile(r"\w+")


def doc_id(source: str) -> str:
    """Stable id of a document: derived from its path relative to the input root."""
    return hashlib.sha256(("cleaner-doc:" + source).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_document(f: InputFile, config: CleanConfig, data: bytes | None = None) -> Document:
    """Read, decode and repair one file (or its raw bytes, when an engine has read them), and
    count the words of its text for the manifest. A file that cannot be used comes back skipped."""
    doc = Document(source=f.source, sha256="", id=doc_id(f.source))
    if f.skip:
        doc.status, doc.reason = "skipped", f.skip
        return doc
    if f.text is not None:  # a record of a table: already text
        doc.sha256, doc.encoding = sha256(f.text.encode("utf-8", "surrogatepass")), "utf-8"
        doc.text = repair(f.text.replace("\r\n", "\n").replace("\r", "\n"), use_ftfy=config.repair)
        doc.words_in = count_words(doc.text)
        if not doc.text:
            doc.status, doc.reason = "skipped", "empty: the record holds no text"
        return doc
    try:
        data = read_bytes(f, config.max_file_bytes) if data is None else \
            unpack_bytes(f.source, data, config.max_file_bytes)
        doc.sha256 = sha256(data)
        text, doc.encoding = decode_bytes(data)
    except Undecodable as e:
        doc.status, doc.reason = "skipped", str(e)
        return doc
    doc.text = repair(text, use_ftfy=config.repair)
    doc.words_in = count_words(doc.text)
    if not doc.text:
        doc.status, doc.reason = "skipped", "empty: nothing left after repair"
    return doc


def clean_document(doc: Document, config: CleanConfig, corpus: classify.CorpusStats | None = None) -> Document:
    """Decide every line of a repaired document: chrome rules, metadata, line and corpus
    statistics, repeats; derive the body; skip a document with no body left."""
    _clean(doc, config, corpus)
    return doc


def _clean(doc: Document, config: CleanConfig, corpus: classify.CorpusStats | None) -> str | None:
    """:func:`clean_document`'s work on ``doc``; the body when the document stays kept (else
    None), derived once here for the steps after it (its language, its dedup signature)."""
    if doc.status != "kept":
        return None
    keys, doc.line_keys = doc.line_keys, None  # the read pass's (read_step), used up here
    texts = doc.text.split("\n")
    decided = run_rules(texts, config.disabled_rules)
    meta, lifted = lift_metadata(texts, decided, config.head_lines)
    decided.update(lifted)
    decided.update(classify.classify_lines(texts, decided, corpus, config, keys))
    decided.update(find_repeats(texts, decided))
    doc.removals = line_removals(texts, decided)
    doc.meta = meta
    doc.finish()
    # (counted only up to min_body_words: the count matters only below it)
    least = max(1, config.min_body_words)  # an empty body is no row, whatever the option says
    body = doc.body
    words = sum(1 for _ in itertools.islice(_WORD.finditer(body), least))
    if words < least:
        doc.status = "skipped"
        by_reason = collections.Counter(reason for reason, _ in decided.values()).most_common(3)
        removed = ", ".join(f"{reason} {n}" for reason, n in by_reason)
        doc.reason = (f"no-content: only boilerplate ({words} words left, min_body_words {config.min_body_words}; "
                      f"lines removed: {removed or 'none'})")
        return None
    return body


def annotate_language(doc: Document, config: CleanConfig, body: str | None = None) -> Document:
    """The language of a kept document's body (``body``: that body, when the caller has it)."""
    if doc.status == "kept":
        doc.language, doc.language_score = langid.detect(doc.body if body is None else body, config.language_seed,
                                                         config.language_sample_chars)
    return doc


def dedup_stage(docs: list, config: CleanConfig, signatures: list | None = None, **how) -> list:
    """Mark exact and near duplicates among kept documents (in place): Documents, or the
    Entries of a streamed run with the :class:`~cleaner.dedup.Signature` of each kept one in
    ``signatures`` (by position; the same outcome as from the bodies). ``how`` goes to
    :func:`dedup_documents` (an engine's own LSH grouping)."""
    kept = [k for k, d in enumerate(docs) if d.status == "kept"]
    bodies = (docs[k].body if signatures is None else signatures[k] for k in kept)
    kept = [docs[k] for k in kept]
    dups = dedup_documents(zip((d.id for d in kept), bodies), config, **how)
    for d in kept:
        if d.id in dups:
            dup = dups[d.id]
            d.status, d.reason, d.duplicate_of, d.similarity = "duplicate", dup.how, dup.of, dup.similarity
    return docs


def clean_text(text: str, config: CleanConfig | None = None, source: str = "<text>") -> Document:
    """Clean one text (already decoded): the library's simplest entry point.

    >>> doc = clean_text("Download\\nA headline about the talks in Sochi\\n\\n"
    ...                  "The talks ended on Tuesday without an agreement, officials said.\\n\\n- Advertisement -")
    >>> doc.meta["title"], doc.body
    ('A headline about the talks in Sochi', 'The talks ended on Tuesday without an agreement, officials said.')
    >>> [r.reason for r in doc.removals]
    ['ui-chrome', 'metadata:title', 'advertisement']
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text needs a str, not {type(text).__name__} (decode bytes first, or use clean_files)")
    config = config or CleanConfig(min_body_words=0)
    doc = Document(source=source, sha256=sha256(text.encode("utf-8", "surrogatepass")), id=doc_id(source))
    doc.text = repair(text, use_ftfy=config.repair)
    if not doc.text:
        doc.status, doc.reason = "skipped", "empty: nothing left after repair"  # as a file would be
        return doc
    return annotate_language(clean_document(doc, config), config)


@dataclass
class RunResult:
    """Every input file (kept, duplicate or skipped), sorted by source: as a Document, or, in a
    streamed run (:func:`run_files`), as an :class:`~cleaner.spill.Entry` whose whole Document
    is in ``spill`` until the result is closed (``with`` it, or :meth:`close`)."""

    docs: list
    config: CleanConfig
    input_root: str
    stats: dict = field(default_factory=dict)
    spill: Spill | None = None

    @property
    def kept(self) -> list:
        return [d for d in self.docs if d.status == "kept"]

    def document(self, d) -> Document:
        """The whole Document of an item of ``docs`` (read back from the spill, in a streamed run)."""
        return d if self.spill is None else self.spill.load(d)

    def close(self) -> None:
        """Remove the spill (a streamed run's documents); ``docs`` are then only Entries."""
        if self.spill is not None:
            self.spill.close()

    def __enter__(self) -> "RunResult":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _tick(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress:
        progress(stage, done, total)


# -- the per-document steps, as functions of picklable arguments (any engine can map them) ----

def read_step(f: InputFile, config: CleanConfig) -> tuple[Document, set[int]]:
    """Read and repair one file; also the keys of its lines for the corpus statistics."""
    doc = read_document(f, config)
    return doc, keep_line_keys(doc)


def keep_line_keys(doc: Document) -> set[int]:
    """The keys of a read document's lines, each once, for the corpus statistics (what
    ``classify.line_keys`` gives); the document keeps them line by line for its clean pass."""
    if doc.status != "kept":
        return set()
    doc.line_keys = classify.keys_by_line(doc.text.split("\n"))
    return {k for k in doc.line_keys if k}  # 0: a line that is not countable


def clean_step(doc: Document, config: CleanConfig, corpus: classify.CorpusStats | None) -> Document:
    """Clean one repaired document and detect its language."""
    return _clean_step(doc, config, corpus)[0]


def _clean_step(doc: Document, config: CleanConfig, corpus: classify.CorpusStats | None) -> tuple[Document, str | None]:
    """:func:`clean_step`, and the body of the document when it stays kept (else None)."""
    body = _clean(doc, config, corpus)
    return annotate_language(doc, config, body), body


def read_chunk(files: list[InputFile], config: CleanConfig, folder: str) -> list[tuple[Entry, bytes | None, set[int]]]:
    """Pass 1 on a batch of files (in a worker): ``read_step`` on each, the document written to
    this process's file in the spill ``folder``; back come its Entry, a digest of its text when
    it is readable (identical texts are cleaned once, see :func:`distinct_texts`) and the keys
    of its lines."""
    out = []
    with Reader(folder) as inputs, Appender(folder, "read") as spilled:
        for f in files:
            if f.text_at is not None:  # a table's record, its text in the spill (list_inputs)
                f = dataclasses.replace(f, text=inputs.read(f.text_at), text_at=None)
            doc, keys = read_step(f, config)
            words = words_in(doc)
            digest = hashlib.blake2b(doc.text.encode("utf-8", "surrogatepass"), digest_size=16).digest() \
                if doc.status == "kept" else None
            out.append((Entry(doc.source, doc.id, doc.status, doc.reason, words, spilled.add(doc)), digest, keys))
    return out


def clean_chunk(entries: list[Entry], config: CleanConfig, corpus: classify.CorpusStats | None,
                folder: str) -> list[tuple]:
    """Pass 2 on a batch of read documents (in a worker): each read back from the spill
    ``folder``, ``clean_step``, and written to this process's file of cleaned documents; back
    come its status, reason, new place and, when kept, the Signature dedup needs of its body."""
    with Reader(folder) as spilled:
        done = clean_and_sign([spilled.read(e.where) for e in entries], config, corpus)
    with Appender(folder, "clean") as spilled:
        return [(d.status, d.reason, spilled.add(d), sig) for d, sig in done]


def clean_and_sign(docs: list[Document], config: CleanConfig,
                   corpus: classify.CorpusStats | None) -> list[tuple[Document, object]]:
    """:func:`clean_step` on each document, with the Signature dedup needs of each kept body
    (None for the others), the body derived once: what both engines' workers hand back."""
    done = [_clean_step(d, config, corpus) for d in docs]
    sigs = iter(signatures_of([body for _, body in done if body is not None], config.shingle_size, config.num_perm,
                              config.dedup_seed, config.near_dedup))
    return [(d, None if body is None else next(sigs)) for d, body in done]


class KeyCounts:
    """In how many documents each line key occurs: the keys of every document collected in
    numpy arrays (8 bytes a key) and counted at the end, instead of a dict of Python ints
    (about 100 bytes an entry; millions of entries on a large corpus). ``items()`` yields
    only keys found in two documents or more, since a line in one document is never chrome
    by recurrence.

    >>> c = KeyCounts(); c.update({1, 2}); c.update({2, 3}); c.update({2})
    >>> sorted(c.items())
    [(2, 3)]
    """

    _FLUSH = 1 << 20

    def __init__(self) -> None:
        self._parts: list = []
        self._buffer: list[int] = []

    def update(self, keys: Iterable[int]) -> None:
        self._buffer.extend(keys)
        if len(self._buffer) >= self._FLUSH:
            self._flush()

    def _flush(self) -> None:
        import numpy as np

        if self._buffer:
            self._parts.append(np.array(self._buffer, dtype=np.uint64))
            self._buffer = []

    def items(self):
        import numpy as np

        self._flush()
        if not self._parts:
            return iter(())
        keys, counts = np.unique(np.concatenate(self._parts), return_counts=True)
        self._parts = []
        repeated = counts >= 2
        return zip(keys[repeated].tolist(), counts[repeated].tolist())


class _Engine:
    """Maps a step over batches of items, in order, in this process or in worker processes.

    The worker pool is forked once, at the first map that needs it (before any document has
    been read), and serves both passes. What a step needs reaches the workers through pipes
    (files to read, or the places of documents in the spill), never as a forked copy of this
    process's memory: a copy would be shared only until this process touched it again, and
    then every such page would be held twice. The step's
    fixed arguments (the config, the corpus statistics) go with every chunk as one pickled
    blob, unpickled once per worker.
    """

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self.pool = None

    def __enter__(self) -> "_Engine":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def _start(self):
        # Objects that exist now (the language profiles, the imported modules) are frozen out
        # of the garbage collector's reach, so collections in the workers leave their pages
        # shared with this process.
        gc.freeze()
        try:
            self.pool = _fork_pool(self.workers)
        finally:
            gc.unfreeze()
        return self.pool

    def map(self, fn, items: Iterable, total: int, shared: tuple, progress, stage: str):
        """``fn(chunk, *shared)`` on the ``total`` items in chunks (lists of ``_CHUNK``), in
        order, yielding the results of each chunk one by one; items are taken from the iterable
        only as their chunk is sent, so the caller can let go of each one."""
        items = iter(items)
        chunks = iter(lambda: list(itertools.islice(items, _CHUNK)), [])
        if self.workers == 1 or total < 2 * _CHUNK:
            results = (fn(chunk, *shared) for chunk in chunks)
        else:
            pool = self.pool or self._start()
            blob = pickle.dumps((fn, shared), protocol=pickle.HIGHEST_PROTOCOL)
            key = hashlib.sha256(blob).digest()
            results = pool.imap(_run_chunk, ((key, blob, chunk) for chunk in chunks))
        done = 0
        for chunk_results in results:
            yield from chunk_results
            done += len(chunk_results)
            _tick(progress, stage, done, total)


def _fork_pool(workers: int):
    """A pool of ``workers`` forked processes, each collecting garbage (see collector_paused).

    Its thread that looks after the workers wakes when a worker exits or the pool changes state,
    as ThreadPool's does, but not also whenever a result waits in the pipe from the workers (as
    Pool's does): there it would spin until the result thread has read the result, about
    0.06 ms of this process's CPU a document."""
    import multiprocessing as mp
    from multiprocessing.pool import Pool

    class _Pool(Pool):
        def _get_sentinels(self):
            return [self._change_notifier._reader]

    return _Pool(workers, initializer=gc.enable, context=mp.get_context("fork"))


@contextlib.contextmanager
def collector_paused():
    """Automatic (cyclic) garbage collection paused, then restored as it was. What a run keeps
    of its documents (entries, signatures; or the documents themselves in clean_files) holds no
    reference cycles and lives until the rows are written, so while it accumulates each
    collection would only scan it again, at greater length as it grows (about 0.04 ms of the
    main process a document in clean_files and 0.025 ms in writing, at 10k documents, when the
    documents were held; a whole run leaves a few thousand objects of cyclic garbage). Worker
    processes collect as usual: the pool turns collection back on in each of them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_CHUNK = 32
_STEP: dict = {}  # in a worker: {key of the blob: (step, its fixed arguments)}, the latest only


def _run_chunk(task):
    key, blob, chunk = task
    if key not in _STEP:
        _STEP.clear()
        _STEP[key] = pickle.loads(blob)
    fn, shared = _STEP[key]
    return fn(chunk, *shared)


def _release(items: list):
    """The items of a list, each let go of (its slot set to None) as it is taken."""
    for k in range(len(items)):
        item, items[k] = items[k], None
        yield item


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def list_inputs(root: Path, config: CleanConfig, spill: Spill | None = None) -> list[InputFile]:
    """The inputs of a local path: the records of a JSONL or Parquet table, else the text files
    under a folder (or the one file), sorted by source. A table's texts go to ``spill`` as they
    are read, when one is given (the InputFiles then carry their places)."""
    if not tables.is_table(root):
        return discover(root, config.follow_symlinks)
    if spill is None:
        return tables.discover_records(root, config.text_field, config.id_field)
    with Appender(spill.folder, "input") as texts:
        return tables.discover_records(root, config.text_field, config.id_field, keep=texts.add)


def clean_into(spill: Spill, files: list[InputFile], config: CleanConfig, progress: Progress | None = None,
               workers: int | None = None) -> tuple[list[Entry], list]:
    """All the stages before duplicates are looked for, every document kept in ``spill``: the
    Entries of the files (in their order), and the dedup Signature of each kept document (None
    for the others). ``files`` is emptied as it is read.

    Two passes over the documents, each spread over ``workers`` processes (default: all
    cores): read and repair (collecting line statistics of the corpus), then clean and detect
    language. Each pass reads its documents from the spill and writes them back there, so this
    process holds no text. The result does not depend on the number of workers.
    """
    folder = str(spill.folder)
    langid.warm_up()  # load profiles once, before workers fork
    entries: list[Entry] = []
    digests: list[bytes | None] = []
    counts = KeyCounts()
    readable = 0
    with _Engine(default_workers() if workers is None else workers) as engine:
        for entry, digest, keys in engine.map(read_chunk, _release(files), len(files), (config, folder),
                                              progress, "read"):
            entries.append(entry)
            digests.append(digest)
            counts.update(keys)
            readable += entry.status == "kept"
        corpus = classify.CorpusStats.from_counts(counts, readable, config)
        del counts
        todo, copies = distinct_texts(digests)
        del digests
        sigs: list = [None] * len(entries)
        cleaned = engine.map(clean_chunk, (entries[k] for k in todo), len(todo), (config, corpus, folder),
                             progress, "clean")
        for k, (status, reason, where, sig) in zip(todo, cleaned):
            e = entries[k]
            e.status, e.reason, e.where, sigs[k] = status, reason, where, sig
    if copies:
        with Appender(folder, "clean") as spilled:
            for k, first in copies:
                doc = cleaned_like(spill.read(entries[k].where), spill.read(entries[first].where))
                e = entries[k]
                e.status, e.reason, e.where, sigs[k] = doc.status, doc.reason, spilled.add(doc), sigs[first]
    return entries, sigs


def distinct_texts(digests: list[bytes | None]) -> tuple[list[int], list[tuple[int, int]]]:
    """Which documents to clean, given a digest of each readable document's repaired text (None
    for the others): the first of each text. A text is cleaned the same way wherever it occurs
    (the corpus statistics are fixed by then), so its other copies (an identical re-scrape)
    take that cleaning: ``(k, first)`` pairs. (The digests are 128-bit BLAKE2b of the text.)

    >>> distinct_texts([b"x", b"y", None, b"x"])
    ([0, 1], [(3, 0)])
    """
    todo, copies, first = [], [], {}
    for k, digest in enumerate(digests):
        if digest is not None:
            j = first.setdefault(digest, k)
            if j == k:
                todo.append(k)
            else:
                copies.append((k, j))
    return todo, copies


def cleaned_like(doc: Document, cleaned: Document) -> Document:
    """``doc`` (same repaired text as ``cleaned``) given that document's cleaning; its own
    source, id, hash and encoding stay. The text is shared, not copied."""
    doc.text, doc.removals, doc.meta = cleaned.text, list(cleaned.removals), copy.deepcopy(cleaned.meta)
    doc.line_keys = None
    doc.language, doc.language_score = cleaned.language, cleaned.language_score
    doc.status, doc.reason = cleaned.status, cleaned.reason
    return doc


def clean_documents(input_path: str | Path, config: CleanConfig | None = None, progress: Progress | None = None,
                    workers: int | None = None) -> list[Document]:
    """Every input file as a cleaned Document (kept or skipped), sorted by source: all the
    stages before duplicates are looked for (:func:`clean_into`), the documents in memory."""
    config = config or CleanConfig()
    with Spill() as spill, collector_paused():
        files = list_inputs(Path(input_path), config, spill)
        entries, _ = clean_into(spill, files, config, progress, workers)
        return [spill.load(e) for e in entries]


def run_files(input_path: str | Path, config: CleanConfig | None = None, progress: Progress | None = None,
              workers: int | None = None, spill_dir: str | Path | None = None) -> RunResult:
    """Run the whole pipeline on a folder, one file, or a JSONL/Parquet table of scraped text,
    streamed: clean_into, then exact and near duplicates across the corpus from the
    signatures. The documents stay in a spill folder made under ``spill_dir`` (default: the
    system's temporary folder); the result holds Entries and must be closed (``with``), which
    removes the folder. It is removed at once if the run fails."""
    config = config or CleanConfig()
    spill = Spill(spill_dir)
    try:
        with collector_paused():
            files = list_inputs(Path(input_path), config, spill)
            entries, sigs = clean_into(spill, files, config, progress, workers)
            _tick(progress, "dedup", 0, len(entries))  # the bar starts, so its rate is real
            dedup_stage(entries, config, sigs)
            del sigs
            _tick(progress, "dedup", len(entries), len(entries))
    except BaseException:
        spill.close()
        raise
    return RunResult(docs=entries, config=config, input_root=str(input_path), spill=spill)


def clean_files(input_path: str | Path, config: CleanConfig | None = None, progress: Progress | None = None,
                workers: int | None = None) -> RunResult:
    """Run the whole pipeline (:func:`run_files`) and return every document in memory (for a
    corpus larger than memory, use run_files, as ``cleaner clean`` does)."""
    with run_files(input_path, config, progress, workers) as run, collector_paused():
        docs = [run.document(e) for e in run.docs]
    return RunResult(docs=docs, config=run.config, input_root=run.input_root)


def iter_statuses(docs: Iterable[Document]) -> dict[str, int]:
    counts = {"kept": 0, "duplicate": 0, "skipped": 0}
    for d in docs:
        counts[d.status] += 1
    return counts
