"""The pipeline on a Ray cluster (Ray Data and Ray tasks), with the same result as the local engine.

``run_files_ray(input, config)`` is the Ray form of :func:`cleaner.pipeline.run_files`: it
returns a :class:`~cleaner.pipeline.RunResult` of the same Entries (the same statuses, reasons
and duplicates, in the same order), and the documents stay in Ray's object store until the
result is closed; :func:`~cleaner.package.versions.write_version` then has Ray tasks write the
shards, and the version is byte for byte the local engine's. ``clean_files_ray`` reads every
document back into memory, as :func:`cleaner.pipeline.clean_files` does.

How it runs::

    driver: list the input files (cleaner.io.discover, or the object store's listing)
       │
       ▼  Ray Data: one row per file, blocks of ``block_rows`` files
    pass 1  map_batches(read)   read_step on every file: Document + the keys of its lines
       │    materialize()       documents stay in the object store, on the nodes
       ├──► map_batches(count)  per block: unique line keys and in how many documents
       │    driver: merge the counts -> classify.CorpusStats (one small table, broadcast once)
       ▼
    pass 2  map_batches(clean)  clean_step on every document, with the corpus statistics; beside
       │                        each, its Entry and (kept) the dedup Signature of its body
       │    blocks of cleaned documents stay in the object store (RayDocuments)
       ▼    driver: fetches only the Entries and Signatures (a small Ray task per block drops
       │    the documents), then dedup_stage on them (exact + MinHash LSH), its band grouping a
       │    Ray shuffle (shuffled_lsh_candidates), verification on the driver
       ▼
    write_version: the driver sorts the kept Entries by id, which fixes the shards (shard_rows
            each, as locally); Ray tasks split the kept documents by shard, a group of
            blocks each (_split_blocks); a Ray task per shard writes it (_write_shard:
            dataset.row_of and dataset.write_shard, the local engine's code) into the
            version's temporary folder and hands back its row summary and canonical rows,
            which the driver hashes shard by shard in order (a row group at a time); then
            the manifest, card and rename, as locally

Why the output is identical:

- the per-document work calls the very functions the local engine calls (``read_step``,
  ``clean_step``, ``signatures_of``, ``row_of``, ``write_shard``), with the same config;
  documents travel between processes pickled, exactly as they do between the local engine's
  worker processes and its spill;
- the corpus statistics are a sum of per-document key sets, and a sum does not depend on how the
  documents were split into blocks (merged with numpy here, with ``Counter`` locally);
- Entries come back tagged with their input position and are put back into input order
  before dedup, and dedup itself does not depend on order anyway;
- dedup runs once, on the driver, with ``dedup_stage`` on the Signatures: the same code as the
  local engine, except that the LSH band buckets are grouped by a Ray shuffle that finds the
  very same candidate pairs (each bucket lies whole in one partition; tested);
- shard k holds the kept documents of ranks ``k * shard_rows`` up to the next in id order, as
  ``write_shards`` cuts them, and its task writes them in that order with the same function;
  the content hash is taken over the shards' canonical rows in shard order, as if in one
  stream.

Memory: the driver holds an Entry per document (source, id, status, place: (block, row)) and
dedup's Signatures (about ``4 * num_perm`` bytes plus 4 bytes per word and kept document), as
the local engine's main process does, plus the line-count table between the passes (only keys
seen in two or more documents), and, while the shards are written, one row group of canonical
rows at a time. The documents stay in Ray's object store (spilled to disk by Ray when it
fills), on the nodes that made them; a shard task holds its shard's documents and their
canonical rows (about three times the shard's text).

Atomicity: the shards go into the temporary folder ``write_version`` made (so on a cluster the
output folder, like the input, must be a path every node sees; a task on a node that does not
see it stops the run with that reason). If a task fails or the driver is interrupted, the split
and shard tasks still running are cancelled (their workers stopped) and waited for, up to 60 s,
before the folder is removed, so no half version is left and earlier versions are untouched.

Input: a local folder or file (or a JSONL/Parquet table of records) is listed on the driver as
the local engine lists it (:func:`cleaner.io.discover`), and each worker reads its files by path
with ``read_step``, so on a multi-node cluster the path must be mounted at the same place on
every node (NFS, Lustre, a shared volume). An object-store URL (``s3://bucket/prefix``,
``gs://...``, anything ``pyarrow.fs`` resolves, also ``file:///abs/path``) is listed with
``pyarrow.fs`` on the driver; each worker opens its files through the same (pickled)
filesystem and reads the raw bytes, which then go through the same size limit, gzip, decoding
and repair as a local file. (Not ``ray.data.read_binary_files``: it decompresses by file
extension, so a corrupt ``.gz`` would fail the whole job instead of becoming a skipped file, and
it reads every file whole, whatever ``max_file_bytes`` says.) Every file is one row of a Ray
Dataset either way: whole files, never lines.
"""
from __future__ import annotations

import contextlib
import logging
import os
import pickle
import socket
from pathlib import Path, PurePosixPath
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import classify, tables
from ..config import CleanConfig
from ..document import Document
from ..errors import CleanerError, InputError
from ..io import SUFFIXES, InputFile, discover
from ..dedup.near import band_bucket_pairs, band_keys, union_pairs
from ..package import dataset
from ..pipeline import (Progress, RunResult, clean_and_sign, dedup_stage, default_workers, doc_id, keep_line_keys,
                        read_document, read_step)
from ..spill import Entry
from ..words import words_in

log = logging.getLogger(__name__)
INSTALL_HINT = "pip install 'cleaner[ray]'"
MIN_BLOCK_ROWS, MAX_BLOCK_ROWS = 32, 512
"""Bounds of the files per Ray Data block (and per call of a step's batch function). By default
a run aims at four blocks per CPU of the cluster within these bounds: enough blocks to keep
every CPU busy, few enough that per-task overhead stays small (measured on 2 CPUs: 512 rows a
block about 1.5x faster than 32)."""


def auto_block_rows(total: int, cpus: int) -> int:
    """Files per block for ``total`` files on ``cpus`` CPUs.

    >>> auto_block_rows(2000, 2), auto_block_rows(100, 2), auto_block_rows(1_000_000, 400)
    (250, 32, 512)
    """
    return max(MIN_BLOCK_ROWS, min(MAX_BLOCK_ROWS, -(-total // (4 * max(1, cpus)))))


PIECE_BYTES = 1 << 20
"""Shard writing: the least size (estimated) of the documents of one shard that one split task
hands on (see RayDocuments.write_shards)."""


class EngineUnavailable(CleanerError):
    """The requested engine cannot run here (its extra is not installed, or it cannot start)."""


class CodeMismatch(CleanerError):
    """A worker runs different cleaner code than the driver (another version, or files changed
    during the run), so its output could differ from the local engine's."""


def _code_fingerprint() -> str:
    """sha256 of the cleaner package's Python files (paths and bytes), read when this module is
    imported, which is right after the pipeline modules it imports were loaded."""
    import hashlib

    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


CODE_FINGERPRINT = _code_fingerprint()
"""Which cleaner code this process runs; every batch on a worker checks it against the driver's."""


def _check_code(fingerprint: str) -> None:
    if fingerprint != CODE_FINGERPRINT:
        raise CodeMismatch(
            f"a Ray worker runs different cleaner code than the driver (source sha256 "
            f"{CODE_FINGERPRINT[:12]} on the worker, {fingerprint[:12]} on the driver): install the same "
            f"cleaner on every node, and do not edit the source during a run")


def import_ray():
    """``ray`` with Ray Data, or a clear error naming the extra to install."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:
        raise EngineUnavailable(
            f"the Ray engine needs Ray Data, which is not installed here ({e}); "
            f"install the extra: {INSTALL_HINT}") from None
    return ray


def is_url(input_path) -> bool:
    """True for ``scheme://...`` inputs (object stores, ``file://``), read through ``pyarrow.fs``."""
    return "://" in str(input_path)


# -- the batch functions that run on Ray workers; each calls the pipeline's per-document step --

def _pack(doc: Document) -> bytes:
    return pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)


def _pass1_table(index: list[int], results: list[tuple[Document, set[int]]]) -> pa.Table:
    return pa.table({
        "i": pa.array(index, pa.int64()),
        "doc": pa.array([_pack(d) for d, _ in results], pa.binary()),
        "keys": pa.array([sorted(k) for _, k in results], pa.list_(pa.uint64())),
        "kept": pa.array([d.status == "kept" for d, _ in results], pa.bool_()),
    })


def _read_files(batch: pa.Table, config: CleanConfig, fingerprint: str) -> pa.Table:
    """Pass 1 on listed files: ``read_step`` on each (the InputFile travels pickled, so paths
    that are not valid UTF-8 arrive intact)."""
    _check_code(fingerprint)
    files = [pickle.loads(b) for b in batch.column("file").to_pylist()]
    return _pass1_table(batch.column("i").to_pylist(), [read_step(f, config) for f in files])


def _read_url_files(batch: pa.Table, config: CleanConfig, fs, fingerprint: str) -> pa.Table:
    """Pass 1 on object-store files: each worker opens its files through ``fs`` (a pickled
    ``pyarrow.fs`` filesystem), reads at most ``max_file_bytes + 1`` raw bytes, and turns them
    into a Document like ``read_step`` does; a file that cannot be read is skipped with a reason."""
    _check_code(fingerprint)
    index, results = [], []
    for i, path, source, size in zip(*(batch.column(c).to_pylist() for c in ("i", "path", "source", "size"))):
        if size is not None and size > config.max_file_bytes:
            doc = Document(source=source, sha256="", id=doc_id(source), status="skipped",
                           reason=f"too-large: {size} bytes > max_file_bytes {config.max_file_bytes}")
        else:
            try:
                with fs.open_input_stream(path, compression=None) as fh:  # raw bytes: gzip is ours
                    data = fh.read(config.max_file_bytes + 1)
            except (OSError, pa.ArrowException) as e:
                doc = Document(source=source, sha256="", id=doc_id(source), status="skipped",
                               reason=f"unreadable: {e}")
            else:
                doc = read_document(InputFile(source, Path(source)), config, data=data)
        keys = keep_line_keys(doc)
        index.append(i)
        results.append((doc, keys))
    return _pass1_table(index, results)


def _count_keys(batch: pa.Table) -> pa.Table:
    """Per block: each distinct line key and in how many of the block's documents it occurs
    (keys are unique within a document, so occurrences are documents)."""
    flat = pc.list_flatten(batch.column("keys")).to_numpy(zero_copy_only=False).astype(np.uint64, copy=False)
    keys, counts = np.unique(flat, return_counts=True)
    return pa.table({"key": pa.array(keys, pa.uint64()), "n": pa.array(counts.astype(np.int64), pa.int64())})


def _clean_docs(batch: pa.Table, config: CleanConfig, corpus: classify.CorpusStats, fingerprint: str) -> pa.Table:
    """Pass 2: ``clean_step`` on each document (it leaves skipped documents as they are), by
    :func:`~cleaner.pipeline.clean_and_sign` as the local engine's ``clean_chunk`` does. Beside
    each document goes what the driver keeps of it (as the local engine's ``clean_chunk`` hands
    back): its Entry and, when it is kept, the Signature dedup needs of its body."""
    _check_code(fingerprint)
    done = clean_and_sign([pickle.loads(b) for b in batch.column("doc").to_pylist()], config, corpus)
    entries = [(_entry(d), sig) for d, sig in done]
    return pa.table({"i": batch.column("i"), "doc": pa.array([_pack(d) for d, _ in done], pa.binary()),
                     "entry": pa.array([pickle.dumps(e, protocol=pickle.HIGHEST_PROTOCOL) for e in entries],
                                       pa.binary())})


def _entry(doc: Document) -> Entry:
    """A cleaned document's Entry; where it is (block, row) is filled in on the driver."""
    return Entry(doc.source, doc.id, doc.status, doc.reason, words_in(doc), None)


def _entry_columns(block: pa.Table) -> tuple[pa.Table, float]:
    """A block of cleaned documents without the documents (what the driver fetches), and the
    documents' mean size in bytes."""
    return block.select(["i", "entry"]), block.column("doc").nbytes / max(1, block.num_rows)


def _split_blocks(picks: list[np.ndarray], shard_rows: int, shards: int, *blocks: pa.Table):
    """The kept documents of some blocks of cleaned documents, by shard: ``picks[j]`` holds
    (row in ``blocks[j]``, rank among the kept documents in id order) of each; shard k takes
    ranks ``k * shard_rows`` up to the next. One table (rank, doc) per shard, empty where it
    has none."""
    table = pa.concat_tables([pa.table({"rank": pa.array(pick[:, 1], pa.int64()),
                                        "doc": block.column("doc").take(pick[:, 0])})
                              for block, pick in zip(blocks, picks)])
    shard = table.column("rank").to_numpy() // shard_rows
    parts = [table.filter(shard == k) for k in range(shards)]
    return parts[0] if shards == 1 else parts


def _write_shard(folder: str, name: str, duplicates: dict, fingerprint: str, *parts: pa.Table):
    """Write the shard ``folder/data/name`` from its documents (``parts`` from
    :func:`_split_blocks`), with :func:`cleaner.package.dataset.write_shard`, the rows made by
    :func:`~cleaner.package.dataset.row_of`: the same code, rows and order as the local
    engine's. Returns the shard's RowSummary, then its rows' canonical lines a row group at a
    time (for the content hash, which the driver takes over all shards in order)."""
    _check_code(fingerprint)
    path = Path(folder) / "data" / name
    if not path.parent.is_dir():
        raise CleanerError(f"the version's temporary folder {path.parent} is not on this Ray node "
                           f"({socket.gethostname()}): with --engine ray the output folder must be a path "
                           "every node sees (a shared filesystem)")
    docs = pa.concat_tables(parts).sort_by("rank").column("doc") if parts else []
    rows = (dataset.row_of(d, duplicates.get(d.id, [])) for d in (pickle.loads(b.as_py()) for b in docs))
    summary = dataset.RowSummary(keep_lines=True)
    dataset.write_shard(rows, path, summary)
    lines = summary.lines
    groups = [b"".join(lines[k:k + dataset.ROW_GROUP]) for k in range(0, len(lines), dataset.ROW_GROUP)]
    return (summary, *groups) if groups else summary


# -- driver side ------------------------------------------------------------------------------

def merge_counts(parts: Iterator[tuple[np.ndarray, np.ndarray]], compact_at: int = 4_000_000) -> dict[int, int]:
    """Sum per-block ``(keys, counts)`` into ``{key: documents}``, keeping only keys in two or
    more documents: ``CorpusStats`` never treats a line in fewer than two documents as frequent
    (its floor is at least 2), so dropping them cannot change a decision, and it keeps the table
    as small as the local engine's pruned one.

    >>> merge_counts(iter([(np.array([1, 2], np.uint64), np.array([1, 1])),
    ...                    (np.array([2, 3], np.uint64), np.array([4, 1]))]))
    {2: 5}
    """
    keys = np.zeros(0, np.uint64)
    counts = np.zeros(0, np.int64)
    pend_k, pend_n, pending = [], [], 0

    def compact():
        nonlocal keys, counts, pend_k, pend_n, pending
        k = np.concatenate([keys, *pend_k])
        n = np.concatenate([counts, *pend_n])
        keys, inverse = np.unique(k, return_inverse=True)
        counts = np.bincount(inverse.ravel(), weights=n, minlength=keys.size).astype(np.int64)
        pend_k, pend_n, pending = [], [], 0

    for k, n in parts:
        pend_k.append(np.asarray(k, np.uint64))
        pend_n.append(np.asarray(n, np.int64))
        pending += len(k)
        if pending >= compact_at:
            compact()
    compact()
    frequent = counts >= 2
    return dict(zip(keys[frequent].tolist(), counts[frequent].tolist()))


def _list_url(url: str) -> tuple[object, list[tuple[str, str, int | None]]]:
    """(filesystem, [(path, source, size)]) of the .txt/.txt.gz files under an object-store URL, sorted
    by source (the path relative to the URL, '/'-separated)."""
    import pyarrow.fs as pafs

    try:
        fs, root = pafs.FileSystem.from_uri(url)
        info = fs.get_file_info(root)
        if info.type == pafs.FileType.NotFound:
            raise InputError(f"input {url} does not exist")
        if info.type == pafs.FileType.File:
            if root.lower().endswith(tables.TABLE_SUFFIXES):
                raise InputError(f"input {url} is a table: tables (JSONL, Parquet) are read from a local or "
                                 "shared path; copy it there, or give a folder of .txt files")
            return fs, [(root, PurePosixPath(root).name, info.size)]
        found = fs.get_file_info(pafs.FileSelector(root, recursive=True))
    except InputError:
        raise
    except (OSError, ValueError, pa.ArrowException) as e:
        raise InputError(f"cannot list input {url}: {e}") from None
    prefix = root.rstrip("/") + "/"
    files = sorted(((f.path, f.path[len(prefix):], f.size) for f in found
                    if f.type == pafs.FileType.File and f.path.lower().endswith(SUFFIXES)),
                   key=lambda x: x[1])
    if not files:
        raise InputError(f"input {url} holds no .txt or .txt.gz files")
    return fs, files


def list_inputs(root: Path, config: CleanConfig) -> list:
    """The inputs of a local path, as the local engine lists them: the records of a JSONL or
    Parquet table, else the text files under a folder (or the one file)."""
    if tables.is_table(root):
        return tables.discover_records(root, config.text_field, config.id_field)
    return discover(root, config.follow_symlinks)


@contextlib.contextmanager
def ray_session(address: str | None = None, num_cpus: int | None = None):
    """Use the Ray already initialised in this process; else connect to ``address`` (an existing
    cluster: ``auto``, ``HOST:PORT`` or ``ray://HOST:10001``); else start a private local Ray
    with ``num_cpus`` CPUs (default: all cores), no dashboard and no usage reporting, so nothing
    leaves the machine. (Ray's own processes still listen on the machine's address, guarded by
    Ray's token authentication; Ray offers no loopback-only mode.) A Ray started or connected
    here is shut down on exit."""
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    quiet = dict(logging_level=logging.WARNING, log_to_driver=False)
    if address:
        _check_reachable(address)
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=num_cpus or default_workers(), include_dashboard=False, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as e:
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise EngineUnavailable(f"could not start or reach {where}: {e}") from None
    try:
        yield ray
    finally:
        ray.shutdown()


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast on a ``HOST:PORT`` (or ``ray://HOST:PORT``) nobody listens on: Ray itself
    retries for minutes. Other forms (``auto``, ``local``) are left to Ray."""
    import socket

    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit() or not host:
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as e:
        raise EngineUnavailable(f"cannot reach the Ray cluster at {address}: {e.strerror or e}") from None


@contextlib.contextmanager
def _quiet_ray_data(ray):
    """No Ray Data progress bars or per-run log lines while we run (our progress callback
    reports instead); restored afterwards."""
    ctx = ray.data.DataContext.get_current()
    bars = ctx.enable_progress_bars
    # Ray Data's run log (INFO), and its warning that the bars we turned off are off
    loggers = {"ray.data": logging.WARNING, "ray.data._internal.progress": logging.ERROR}
    levels = {name: logging.getLogger(name).level for name in loggers}
    ctx.enable_progress_bars = False
    for name, level in loggers.items():
        logging.getLogger(name).setLevel(level)
    try:
        yield ctx
    finally:
        ctx.enable_progress_bars = bars
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def _tick(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress:
        progress(stage, done, total)


def run_files_ray(input_path, config: CleanConfig | None = None, progress: Progress | None = None,
                  address: str | None = None, workers: int | None = None,
                  block_rows: int | None = None) -> RunResult:
    """Run the whole pipeline on Ray, streamed like :func:`cleaner.pipeline.run_files`: the
    result holds an Entry per document (in input order, with dedup's outcome), and the
    documents stay in Ray's object store (:class:`RayDocuments`, the result's ``spill``) until
    the result is closed (``with`` it), which also ends a Ray started here.
    :func:`~cleaner.package.versions.write_version` has Ray tasks write its shards.

    ``input_path``: a local folder or file (on a cluster: a path every node sees), or an
    object-store URL. ``address``: an existing Ray cluster; without it (and without a Ray
    already initialised in this process) a local Ray with ``workers`` CPUs is started.
    ``block_rows``: files per Ray Data block (default: :func:`auto_block_rows`); it does not
    change the result.
    """
    config = config or CleanConfig()
    ray = import_ray()
    if is_url(input_path):
        fs, inputs = _list_url(str(input_path))
    else:
        fs, inputs = None, list_inputs(Path(input_path), config)
    total = len(inputs)
    session = contextlib.ExitStack()
    try:
        session.enter_context(ray_session(address, workers))
        with _quiet_ray_data(ray):
            try:
                entries, sigs, blocks, row_bytes = _run(ray, inputs, fs, config, progress, block_rows)
            except Exception as e:
                message = _worker_message(e, CodeMismatch)
                if message is None:
                    raise
                raise CodeMismatch(message) from None
            missing = sum(e is None for e in entries)
            if missing:
                raise CleanerError(f"the Ray engine lost {missing} of {total} documents")
            _tick(progress, "dedup", 0, total)  # the bar starts, so its rate is real
            dedup_stage(entries, config, sigs, candidates=shuffled_lsh_candidates(ray))
            del sigs
            _tick(progress, "dedup", total, total)
    except BaseException:
        session.close()
        raise
    return RunResult(docs=entries, config=config, input_root=str(input_path),
                     spill=RayDocuments(ray, blocks, row_bytes, session))


def clean_files_ray(input_path, config: CleanConfig | None = None, progress: Progress | None = None,
                    address: str | None = None, workers: int | None = None,
                    block_rows: int | None = None) -> RunResult:
    """:func:`run_files_ray`, then every document read back into memory: the same result as
    :func:`cleaner.pipeline.clean_files` (for a corpus larger than memory, use run_files_ray,
    as ``cleaner clean --engine ray`` does)."""
    with run_files_ray(input_path, config, progress, address, workers, block_rows) as run:
        docs = [run.document(e) for e in run.docs]
    return RunResult(docs=docs, config=run.config, input_root=run.input_root)


class RayDocuments:
    """Where a Ray run's cleaned documents are until they are packaged: blocks of pickled
    documents in Ray's object store, on the nodes that cleaned them (what the local engine's
    :class:`~cleaner.spill.Spill` is to its run). An Entry's ``where`` is (block, row). Holds
    the run's Ray session (ended by :meth:`close` if it was started for the run)."""

    def __init__(self, ray, blocks: list, row_bytes: list[float], session: contextlib.ExitStack):
        self._ray, self._blocks, self._row_bytes, self._session = ray, blocks, row_bytes, session
        self._block = (None, None)  # the last block read by load(), kept for the next

    def load(self, entry: Entry) -> Document:
        """The whole document of an entry, with the entry's status, reason and duplicate link
        (its block is fetched to this process, once for consecutive entries of one block)."""
        b, r = entry.where
        if self._block[0] != b:
            self._block = (b, self._ray.get(self._blocks[b]))
        doc = pickle.loads(self._block[1].column("doc")[r].as_py())
        doc.status, doc.reason = entry.status, entry.reason
        doc.duplicate_of, doc.similarity = entry.duplicate_of, entry.similarity
        return doc

    def write_shards(self, entries: list[Entry], folder: Path, shard_rows: int,
                     summary: dataset.RowSummary) -> list[Path]:
        """Write the shards of ``entries``' kept documents into ``folder/data`` with Ray tasks,
        one a shard (:func:`_write_shard`), where the documents are; the same shards as
        :func:`cleaner.package.dataset.write_shards` writes from the same rows. The rows'
        summary is merged into ``summary`` shard by shard, in order. ``folder`` is the
        version's temporary folder: every node must see it. If anything fails or this process
        is interrupted, the tasks still running are cancelled (:func:`_stop_tasks`) before
        the error goes on, so none writes into the folder after it is removed."""
        ray = self._ray
        kept = sorted((e for e in entries if e.status == "kept"), key=lambda e: e.id)
        names = dataset.shard_names(len(kept), shard_rows)
        dups = dataset.duplicates_by_id(entries)
        picks: dict[int, list[tuple[int, int]]] = {}
        for rank, e in enumerate(kept):
            b, r = e.where
            picks.setdefault(b, []).append((r, rank))
        # blocks are split in groups big enough that each piece of a shard is over Ray's inline
        # limit (100 KiB): Ray keeps a smaller return value in the memory of the process that
        # started the task, here the driver, instead of the object store
        groups, group, size = [], [], 0.0
        for b, pick in picks.items():
            group.append(b)
            size += len(pick) * self._row_bytes[b]
            if size >= len(names) * PIECE_BYTES:
                groups.append(group)
                group, size = [], 0.0
        groups += [group] if group else []
        (folder / "data").mkdir()
        split, write = ray.remote(_split_blocks), ray.remote(_write_shard)
        tasks = []
        try:
            parts: list[list] = [[] for _ in names]
            for group in groups:
                refs = split.options(num_returns=len(names)).remote(
                    [np.array(picks[b], np.int64) for b in group], shard_rows, len(names),
                    *(self._blocks[b] for b in group))
                pieces = [refs] if len(names) == 1 else refs
                tasks.extend(pieces)  # cancelled too if the run fails
                for k, ref in enumerate(pieces):
                    parts[k].append(ref)
            results = []
            for k, name in enumerate(names):
                rows = kept[k * shard_rows:(k + 1) * shard_rows]
                refs = write.options(num_returns=1 + -(-len(rows) // dataset.ROW_GROUP)).remote(
                    str(folder), name, {e.id: dups[e.id] for e in rows if e.id in dups}, CODE_FINGERPRINT, *parts[k])
                results.append(refs if rows else [refs])
                tasks.append(results[-1][0])
            del parts
            for k in range(len(results)):
                refs, results[k] = results[k], None
                summary.merge(ray.get(refs[0]), (ray.get(ref) for ref in refs[1:]))
        except BaseException as e:
            _stop_tasks(ray, tasks)
            cause = getattr(e, "cause", None)  # a task's error, as Ray hands it back
            if isinstance(cause, (OSError, CleanerError)):
                raise cause from None
            raise
        return [folder / "data" / name for name in names]

    def close(self) -> None:
        """Let go of the documents; end the Ray session if it was started for the run."""
        self._blocks, self._block = [], (None, None)
        self._session.close()


def _stop_tasks(ray, tasks: list, wait_s: float = 60.0) -> None:
    """Cancel ``tasks``, stopping the workers of those running, and wait until none runs, up to
    ``wait_s`` (a warning names how many had not stopped). (Not a gentle cancel first: Ray 2.60
    took its own driver down with "Tried to complete task that was not pending" after one.)"""
    if not tasks:
        return
    for task in tasks:
        ray.cancel(task, force=True)
    _, running = ray.wait(tasks, num_returns=len(tasks), timeout=wait_s, fetch_local=False)
    if running:
        log.warning("%d Ray tasks had not stopped %d s after their cancellation", len(running), wait_s)


def shuffled_lsh_candidates(ray, partitions: int | None = None):
    """``candidates(sig, rows, active)`` for :func:`~cleaner.dedup.dedup_documents` with the
    MinHash band grouping as a Ray shuffle: the signatures go to Ray in blocks; each block
    makes one row per document and band (:func:`~cleaner.dedup.near.band_keys`), tagged with a
    partition drawn from the band's key; Ray groups the rows by partition (one Python call per
    partition, not per bucket), and each partition finds its pairs with numpy
    (:func:`~cleaner.dedup.near.band_bucket_pairs`). Every bucket lies whole in one partition, so
    the pairs are exactly those of :func:`~cleaner.dedup.near.lsh_candidates`."""

    def candidates(sig: np.ndarray, rows: int, active: np.ndarray) -> np.ndarray:
        ids = np.flatnonzero(active)
        if ids.size < 2:
            return np.zeros((0, 2), dtype=np.int64)
        parts = partitions or max(1, 2 * int(ray.cluster_resources().get("CPU", 1)))
        s = np.ascontiguousarray(sig[ids])
        table = pa.table({"id": ids, "sig": pa.array([row.tobytes() for row in s], pa.binary())})
        bands = (ray.data.from_arrow(table).repartition(parts)
                 .map_batches(_band_rows, batch_format="pyarrow", batch_size=None,
                              fn_kwargs={"rows": rows, "parts": parts, "dtype": s.dtype.str, "width": s.shape[1]}))
        pairs = bands.groupby("part").map_groups(_partition_pairs, batch_format="pyarrow")
        found = [np.stack([b.column("i").to_numpy(), b.column("j").to_numpy()], axis=1)
                 for b in pairs.iter_batches(batch_format="pyarrow", batch_size=None) if b.num_rows]
        return union_pairs(*found)

    return candidates


def _band_rows(batch: pa.Table, rows: int, parts: int, dtype: str, width: int) -> pa.Table:
    """A block of signatures -> one row per document and band: partition, band, key, id."""
    ids = batch.column("id").to_numpy()
    sig = np.frombuffer(b"".join(batch.column("sig").to_pylist()), dtype=np.dtype(dtype)).reshape(-1, width)
    keys = band_keys(sig, rows)
    n_bands = keys.shape[1]
    key = keys.reshape(-1)
    return pa.table({"part": (key % np.uint64(parts)).astype(np.int64),
                     "band": np.tile(np.arange(n_bands, dtype=np.int16), len(ids)),
                     "key": key, "id": np.repeat(ids.astype(np.int64), n_bands)})


def _partition_pairs(group: pa.Table) -> pa.Table:
    pairs = band_bucket_pairs(group.column("band").to_numpy(), group.column("key").to_numpy(),
                              group.column("id").to_numpy())
    return pa.table({"i": pairs[:, 0].astype(np.int64), "j": pairs[:, 1].astype(np.int64)})


def _worker_message(e: BaseException, kind: type) -> str | None:
    """The message of a ``kind`` exception raised on a worker, from the error Ray hands back
    (which carries the worker's traceback as text, the original class not always restored)."""
    marker = f"{kind.__name__}: "
    for line in str(e).splitlines():
        if marker in line:
            return line.split(marker, 1)[1].strip()
    return None


def _run(ray, inputs: list, fs, config: CleanConfig, progress: Progress | None,
         block_rows: int | None) -> tuple[list[Entry | None], list, list, list[float]]:
    """The two Ray Data passes over ``inputs`` (InputFiles, or ``(path, source, size)`` of an
    object store ``fs``), in a Ray session: the Entries in input order, the dedup Signature of
    each kept document (None for the others), the refs of the blocks of cleaned documents that
    the Entries point into, and the mean size of a document of each block."""
    total = len(inputs)
    fingerprint = CODE_FINGERPRINT
    block_rows = block_rows or auto_block_rows(total, int(ray.cluster_resources().get("CPU", 1)))
    blocks = max(1, -(-total // block_rows))
    if fs is not None:
        items = [{"i": i, "path": path, "source": source, "size": size}
                 for i, (path, source, size) in enumerate(inputs)]
        read = ray.data.from_items(items, override_num_blocks=blocks)
        read = read.map_batches(_read_url_files, batch_format="pyarrow", batch_size=block_rows,
                                fn_kwargs={"config": config, "fs": fs, "fingerprint": fingerprint})
    else:
        items = [{"i": i, "file": pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)} for i, f in enumerate(inputs)]
        read = ray.data.from_items(items, override_num_blocks=blocks)
        del items
        read = read.map_batches(_read_files, batch_format="pyarrow", batch_size=block_rows,
                                fn_kwargs={"config": config, "fingerprint": fingerprint})
    _tick(progress, "read", 0, total)
    repaired = read.materialize()
    _tick(progress, "read", total, total)

    readable = sum(int(pc.sum(b.column("kept")).as_py() or 0)
                   for b in repaired.select_columns(["kept"]).iter_batches(batch_format="pyarrow", batch_size=None))
    counted = repaired.select_columns(["keys"]).map_batches(_count_keys, batch_format="pyarrow", batch_size=None)
    counts = merge_counts((b.column("key").to_numpy(), b.column("n").to_numpy())
                          for b in counted.iter_batches(batch_format="pyarrow", batch_size=None))
    corpus = classify.CorpusStats.from_counts(counts, readable, config)
    del counts

    cleaned = repaired.select_columns(["i", "doc"]).map_batches(
        _clean_docs, batch_format="pyarrow", batch_size=block_rows,
        fn_kwargs={"config": config, "corpus": corpus, "fingerprint": fingerprint})
    # the blocks of cleaned documents stay in the object store; only their entries come here
    select = ray.remote(_entry_columns)
    block_refs, entry_refs, row_bytes = [], [], []
    done = 0
    for bundle in cleaned.iter_internal_ref_bundles():
        for ref in bundle.block_refs:
            block_refs.append(ref)
            entry_refs.append(select.remote(ref))
        done += bundle.num_rows() or 0
        _tick(progress, "clean", done, total)
    del repaired, cleaned
    entries: list[Entry | None] = [None] * total
    sigs: list = [None] * total
    for b in range(len(entry_refs)):
        (table, size), entry_refs[b] = ray.get(entry_refs[b]), None
        row_bytes.append(size)
        for r, (i, blob) in enumerate(zip(table.column("i").to_pylist(), table.column("entry").to_pylist())):
            entry, sigs[i] = pickle.loads(blob)
            entry.where = (b, r)
            entries[i] = entry
    return entries, sigs, block_refs, row_bytes
