"""Deduplication: repeated lines inside a document, exact and near-duplicate documents.

- :func:`cleaner.dedup.repeats.find_repeats` drops later lines that repeat an earlier one.
- :func:`dedup_documents` finds documents whose body duplicates another's and says which one
  is kept, how they match and how similar they are.

>>> from cleaner.config import CleanConfig
>>> story = ("The council approved the new budget on Monday after a long debate about schools, "
...          "roads and the future of the old library, which will close in the spring. The mayor "
...          "said the vote was a relief for families and that work on the bridge would start soon.")
>>> docs = [
...     ("b", story),
...     ("a", story.upper()),                            # same words: exact
...     ("c", story + "Update: the mayor signed it."),   # extended copy: near / contained
...     ("d", "A different story about the weather, with rain expected all week long."),
... ]
>>> result = dedup_documents(docs, CleanConfig())
>>> sorted(result)
['a', 'b']
>>> result["b"]
Duplicate(of='c', how='near', similarity=0.8958)
>>> result["a"].of, result["a"].how
('c', 'near')
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from .near import (ShingleIndex, Signature, Verifier, anchor_candidates, cluster, lsh_candidates, prefilter,
                   signatures_of, union_pairs)
from .repeats import find_repeats

__all__ = ["Duplicate", "Signature", "dedup_documents", "find_repeats", "signature_of", "signatures_of"]

PROCESS_MIN_DOCS = 2000
"""Fewer bodies given as text than this are hashed in this process (a pool is not worth it)."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A document that is not kept: the kept document it duplicates, how, and how closely."""

    of: str  # id of the kept representative
    how: str  # "exact", "near" or "contained"
    similarity: float  # 1.0 for exact; verified Jaccard (near) or containment (contained)

def signature_of(body: str, config) -> Signature:
    """What :func:`dedup_documents` needs of ``body``, as a small picklable object (a few KB):
    a pure function of the body and the config's ``shingle_size``, ``num_perm``,
    ``dedup_seed`` and ``near_dedup``, meant to run where the body is made (the cleaning
    workers), so that the dedup stage itself only compares signatures.

    >>> from cleaner.config import CleanConfig
    >>> sig = signature_of("Hello, world: a short body of words.", CleanConfig())
    >>> sig == signature_of("HELLO WORLD A SHORT BODY OF WORDS", CleanConfig()), sig.key[1]
    (True, 7)
    """
    (sig,) = signatures_of([body], config.shingle_size, config.num_perm, config.dedup_seed, config.near_dedup)
    return sig


def _workers(config) -> int:
    n = int(config.dedup_workers)
    if n <= 0:
        n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return n


def dedup_documents(entries: Iterable[tuple[str, str | Signature]], config,
                    candidates: Callable[[np.ndarray, int, np.ndarray], np.ndarray] = lsh_candidates,
                    ) -> dict[str, Duplicate]:
    """Find duplicate documents among ``(id, body)`` entries; documents not returned are kept.

    The body may also be given as its :class:`Signature` (:func:`signature_of` with the same
    config, computed elsewhere, e.g. in the worker processes that cleaned the bodies); the
    result is the same, and the texts are not needed here at all.

    Exact duplicates share the normalised body (:mod:`cleaner.dedup.exact`); near duplicates
    (when ``config.near_dedup``) are found by MinHash LSH and verified
    (:mod:`cleaner.dedup.near`). Every duplicate points at its cluster's representative, the
    longest body (in normalised words), ties broken by the smallest id, so the result does not
    depend on the order of ``entries``. Only digests, signatures and shingle hashes are kept
    in memory, never the texts. Many bodies given as text are hashed in worker processes
    (``config.dedup_workers``), with the same result.

    ``candidates(sig, rows, active)`` finds the pairs of the LSH of whole bodies: by default
    :func:`~cleaner.dedup.near.lsh_candidates` here; an engine may group the bands elsewhere
    (the Ray engine as a Ray shuffle) as long as it finds the same pairs.
    """
    ids: list[str] = []
    seen_ids: set[str] = set()
    entries = list(entries)  # references only: the texts are not copied
    workers = _workers(config)
    n_text = sum(1 for _, b in entries if not isinstance(b, Signature))
    index = ShingleIndex(config.shingle_size, config.num_perm, config.dedup_seed, near=config.near_dedup,
                         processes=workers if (workers > 1 and n_text >= PROCESS_MIN_DOCS) else 0)
    try:
        for doc_id, body in entries:
            if doc_id in seen_ids:
                raise ValueError(f"duplicate document id {doc_id!r}")
            seen_ids.add(doc_id)
            ids.append(doc_id)
            if isinstance(body, Signature):
                index.add_signature(body)
            else:
                index.add(body)
        del seen_ids
        store = index.finish()
    finally:
        index.close()
    content_of, n_tokens = index.content_of, index.n_tokens

    # each content's canonical document: the smallest id among its exact copies
    n_contents = len(n_tokens)
    canonical: list[str | None] = [None] * n_contents
    for doc_id, c in zip(ids, content_of):
        if canonical[c] is None or doc_id < canonical[c]:
            canonical[c] = doc_id

    links = {}
    if store is not None and n_contents > 1:
        rows = config.lsh_rows
        active = store.counts > 0
        starts = anchor_candidates(store.head, store.head_len, active)
        # the whole-body LSH finds start-aligned copies of more than half the longer's length
        n = store.counts
        short = np.minimum(n[starts[:, 0]], n[starts[:, 1]]) < 0.6 * np.maximum(n[starts[:, 0]], n[starts[:, 1]])
        pairs = union_pairs(candidates(store.sig, rows, active), starts[short])
        pairs = prefilter(store, pairs, config.near_threshold, config.containment_threshold)
        rank = sorted(range(n_contents), key=lambda c: (-n_tokens[c], canonical[c]))
        verifier = Verifier(store, config.near_threshold, config.containment_threshold,
                            config.containment_min_ratio, config.containment_min_start,
                            min_inside_ratio=config.containment_min_ratio_inside,
                            min_prefix_ratio=config.containment_min_ratio_prefix)
        links = cluster(rank, pairs, verifier)

    out: dict[str, Duplicate] = {}
    for doc_id, c in zip(ids, content_of):
        link = links.get(c)
        if link is not None:
            out[doc_id] = Duplicate(canonical[link.rep], link.how, round(float(link.similarity), 4))
        elif doc_id != canonical[c]:
            out[doc_id] = Duplicate(canonical[c], "exact", 1.0)
    return out
