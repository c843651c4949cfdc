"""The pipeline on a Ray cluster (Ray Data), with the same result as the local engine.

``clean_files_ray(input, config)`` returns the same :class:`~cleaner.pipeline.RunResult` as
:func:`cleaner.pipeline.clean_files` for the same input and config: the same documents in the
same order, with the same statuses, removals, languages and duplicates, so the packaged version
is byte for byte the same.

How it runs::

    driver: list the input files (cleaner.io.discover, or the object store's listing)
       │
       ▼  Ray Data: one row per file, blocks of ``block_rows`` files
    pass 1  map_batches(read)   read_step on every file: Document + the keys of its lines
       │    materialize()       documents stay in the object store, on the nodes
       ├──► map_batches(count)  per block: unique line keys and in how many documents
       │    driver: merge the counts -> classify.CorpusStats (one small table, broadcast once)
       ▼
    pass 2  map_batches(clean)  clean_step on every document, with the corpus statistics
       │
       ▼    driver: documents back in input order, then dedup_stage (exact + MinHash LSH),
            its band grouping a Ray shuffle (shuffled_lsh_candidates), verification on the driver

Why the output is identical:

- the per-document work calls the very functions the local engine calls (``read_step``,
  ``clean_step``), with the same config; documents travel between processes pickled, exactly as
  they do between the local engine's worker processes;
- the corpus statistics are a sum of per-document key sets, and a sum does not depend on how the
  documents were split into blocks (merged with numpy here, with ``Counter`` locally);
- documents come back tagged with their input position and are put back into input order
  before dedup, and dedup itself does not depend on order anyway;
- dedup runs once, on the driver, with ``dedup_stage``: the same code as the local engine,
  except that the LSH band buckets are grouped by a Ray shuffle that finds the very same
  candidate pairs (each bucket lies whole in one partition; tested).

Memory: the driver holds every finished document (text, removals, metadata), which is what a
:class:`RunResult` of documents is (the local engine keeps them in a spill on disk instead,
:mod:`cleaner.spill`, and only Entries in memory; not done here yet); dedup adds its signatures and
shingle sets (about ``4 * num_perm`` bytes plus 4 bytes per word and document). Between the
passes the repaired texts sit in Ray's object store, spread over the nodes, not on the driver.
The line-count table on the driver keeps only keys seen in two or more documents.

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
from ..pipeline import (Progress, RunResult, clean_step, dedup_stage, default_workers, doc_id, keep_line_keys,
                        read_document, read_step)

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
    """Pass 2: ``clean_step`` on each document (it leaves skipped documents as they are)."""
    _check_code(fingerprint)
    docs = [clean_step(pickle.loads(b), config, corpus) for b in batch.column("doc").to_pylist()]
    return pa.table({"i": batch.column("i"), "doc": pa.array([_pack(d) for d in docs], pa.binary())})


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


def clean_files_ray(input_path, config: CleanConfig | None = None, progress: Progress | None = None,
                    address: str | None = None, workers: int | None = None,
                    block_rows: int | None = None) -> RunResult:
    """Run the whole pipeline on Ray; the same result as :func:`cleaner.pipeline.clean_files`.

    ``input_path``: a local folder or file (on a cluster: a path every node sees), or an
    object-store URL. ``address``: an existing Ray cluster; without it (and without a Ray
    already initialised in this process) a local Ray with ``workers`` CPUs is started and shut
    down at the end. ``block_rows``: files per Ray Data block (default: :func:`auto_block_rows`);
    it does not change the result.
    """
    config = config or CleanConfig()
    ray = import_ray()
    if is_url(input_path):
        fs, inputs = _list_url(str(input_path))
    else:
        fs, inputs = None, list_inputs(Path(input_path), config)
    total = len(inputs)
    with ray_session(address, workers), _quiet_ray_data(ray):
        try:
            docs = _run(ray, inputs, fs, config, progress, block_rows)
        except Exception as e:
            message = _worker_message(e, CodeMismatch)
            if message is None:
                raise
            raise CodeMismatch(message) from None
        missing = sum(d is None for d in docs)
        if missing:
            raise CleanerError(f"the Ray engine lost {missing} of {total} documents")
        _tick(progress, "dedup", 0, total)  # the bar starts, so its rate is real
        dedup_stage(docs, config, candidates=shuffled_lsh_candidates(ray))
        _tick(progress, "dedup", total, total)
    return RunResult(docs=docs, config=config, input_root=str(input_path))


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
         block_rows: int | None) -> list[Document | None]:
    """The two Ray Data passes over ``inputs`` (InputFiles, or ``(path, source, size)`` of an
    object store ``fs``), in a Ray session; the documents in input order (dedup follows)."""
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
    docs: list[Document | None] = [None] * total
    done = 0
    for batch in cleaned.iter_batches(batch_format="pyarrow", batch_size=None):
        for i, blob in zip(batch.column("i").to_pylist(), batch.column("doc").to_pylist()):
            docs[i] = pickle.loads(blob)
        done += batch.num_rows
        _tick(progress, "clean", done, total)
    del repaired, cleaned
    return docs
