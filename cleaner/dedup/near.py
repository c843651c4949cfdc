"""Near duplicates: MinHash signatures, LSH candidates, verified links to a representative.

Everything here works on *normalised* bodies (see :mod:`cleaner.dedup.exact`) and is vectorised
with numpy, batch by batch, so only hashes are kept, never the texts:

1. **Shingles.** Every word token is hashed (a polynomial hash over its UTF-8 bytes, computed for
   a whole batch at once, then mixed with the seed), and every run of ``shingle_size``
   consecutive tokens is combined into one 32-bit shingle hash. A document keeps the sorted set
   of its shingle hashes (4 bytes each) for exact verification later.
2. **Signature.** One-permutation MinHash: the 32-bit hash range is cut into ``num_perm`` equal
   bins and a document's signature holds its smallest shingle hash in each bin; empty bins
   borrow from the next filled bin to the right (rotation densification), so equal slots
   estimate the Jaccard similarity like ``num_perm`` classic permutations would, at the cost of
   one hash per shingle instead of ``num_perm``.
3. **Candidates.** LSH banding: ``num_perm // rows`` bands of ``rows`` slots; documents that
   agree on a whole band are candidate pairs. With 4 rows a pair at Jaccard 0.5 is found with
   probability 0.87, at 0.8 with 0.99999, so truncated copies (low Jaccard, high containment)
   are found too. Shorter teasers are found by their start: bodies whose start anchors (below)
   agree on a MinHash slot of the anchor are candidates too (:func:`anchor_candidates`).
4. **Verification.** Candidate pairs whose *estimated* similarity is far below both
   thresholds are dropped; the rest are checked on the stored shingle sets: Jaccard
   ``|A∩B| / |A∪B|`` at or above ``near_threshold`` links ``near``; otherwise containment of
   the smaller in the larger ``|A∩B| / |A|`` at or above ``containment_threshold`` links
   ``contained`` when the *anchors* (each body's first and last 32 shingles, kept in text
   order) say the smaller is a copy of the larger, not a passage of it: both share their start
   (a truncated or extended copy; the smaller has at least ``containment_min_ratio`` of the
   larger's shingles, or ``containment_min_ratio_prefix`` if its end is in the larger too: a
   teaser cut from it), or the smaller's start and end are both in the larger (text added at the
   top or around it; the smaller has at least ``containment_min_ratio_inside`` of the larger's
   shingles, or ``containment_min_ratio_prefix`` if its start lies within the larger's first
   :data:`LEAD` shingles: one copy lost a lede or a few lines the other kept). A short article
   quoted whole deep inside a longer, different one is not a copy, and neither is one that merely
   shares the larger's opening paragraph while starting elsewhere.
5. **Clusters.** Documents are visited best first (longest, then smallest id). An unassigned
   document either joins the representative of a verified neighbour, *after being verified
   against that representative itself*, or becomes a representative. A duplicate always points
   at its representative and was checked against it, so chains A~B~C never merge A and C
   unless A~C holds too.

>>> idx = ShingleIndex(shingle_size=3, num_perm=16, seed=1)
>>> idx.add("The cat sat on the mat and looked at the dog.")
>>> idx.add("the cat sat on the mat, and looked at the dog today")
>>> idx.add("THE CAT SAT ON THE MAT AND LOOKED AT THE DOG")
>>> idx.add("A completely different sentence about the weather in spring.")
>>> store = idx.finish()
>>> idx.content_of, idx.n_tokens
([0, 1, 0, 2], [11, 12, 9])
>>> round(store.jaccard(0, 1), 3), store.jaccard(0, 2)
(0.9, 0.0)
"""
from __future__ import annotations

import threading
from collections import deque
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .exact import blank_separators, prepare

_U64 = np.uint64
_MASK32 = _U64(0xFFFFFFFF)
_EMPTY = np.uint64(1 << 32)  # marks an empty bin before densification


_GOLDEN, _M1, _M2 = _U64(0x9E3779B97F4A7C15), _U64(0xBF58476D1CE4E5B9), _U64(0x94D049BB133111EB)
_S30, _S27, _S31 = _U64(30), _U64(27), _U64(31)


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser on a uint64 array (wrapping arithmetic); returns a new array."""
    x = x + _GOLDEN
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


_SEED_WORDS: dict[int, np.uint64] = {}


def _seed_word(seed: int) -> np.uint64:
    w = _SEED_WORDS.get(seed)
    if w is None:
        w = _SEED_WORDS[seed] = _mix64(np.array([seed & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64))[0]
    return w


_BASE = 0x100000001B3  # odd, so invertible mod 2**64
_BASE_INV = pow(_BASE, -1, 1 << 64)


class _Powers:
    """Powers of the polynomial base and of its inverse mod 2**64, grown on demand."""

    def __init__(self) -> None:
        self.pow = np.ones(1, dtype=np.uint64)
        self.inv = np.ones(1, dtype=np.uint64)
        self._lock = threading.Lock()

    def upto(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            return self._upto(n)

    def _upto(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if self.pow.size < n + 1:
            size = max(n + 1, 2 * self.pow.size)
            with np.errstate(over="ignore"):
                p = np.full(size, _BASE, dtype=np.uint64)
                p[0] = 1
                q = np.full(size, _BASE_INV, dtype=np.uint64)
                q[0] = 1
                self.pow, self.inv = np.cumprod(p, dtype=np.uint64), np.cumprod(q, dtype=np.uint64)
        return self.pow, self.inv


def token_hashes(buf: np.ndarray, seed: int, powers: _Powers | None = None) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the space/newline separated tokens of the uint8 array ``buf``, in
    order, and the byte offset where each token starts.

    >>> h, starts = token_hashes(np.frombuffer(b"a bb a\\ncc  bb", np.uint8), seed=1)
    >>> len(h), bool(h[0] == h[2]), bool(h[1] == h[4]), bool(h[0] == h[1]), starts.tolist()
    (5, True, True, False, [0, 2, 5, 7, 11])
    """
    n = buf.size
    if n == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    word = np.empty(n + 2, dtype=np.int8)  # 1 for word bytes, with a separator on each side
    word[0] = word[-1] = 0
    np.greater(buf, 32, out=word[1:-1].view(bool))  # prepared bytes: 32 and 10 are the only separators
    edges = np.diff(word)
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    pw, inv = (powers or _Powers()).upto(n)
    with np.errstate(over="ignore"):
        prefix = np.empty(n + 1, dtype=np.uint64)
        prefix[0] = 0
        np.multiply(buf, pw[:n], out=prefix[1:])
        prefix[1:] += pw[:n]  # byte value + 1, so no byte hashes to zero
        np.cumsum(prefix, out=prefix)
        poly = (prefix[ends] - prefix[starts]) * inv[starts]
        lengths = (ends - starts).astype(np.uint64)
        return _mix64(poly ^ (lengths << _U64(56)) ^ _seed_word(seed)), starts


def shingle_values(tok: np.ndarray, doc_of_tok: np.ndarray, counts: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """32-bit shingle hashes of each document: (document index, value) arrays.

    Shingles never cross documents; a document with fewer than ``k`` tokens (but at least
    one) gets a single shingle of all its tokens.
    """
    T = tok.size
    docs_out, vals_out = [], []
    with np.errstate(over="ignore"):
        if T >= k:
            m = T - k + 1
            acc = tok[:m].copy()
            for t in range(1, k):
                acc = acc * _U64(0x9E3779B97F4A7C15) + tok[t:m + t]
            ok = doc_of_tok[:m] == doc_of_tok[k - 1:]
            docs_out.append(doc_of_tok[:m][ok])
            vals_out.append((_mix64(acc[ok]) >> _U64(32)).astype(np.uint32))
        short = np.flatnonzero((counts > 0) & (counts < k))
        if short.size:
            first = np.concatenate(([0], np.cumsum(counts)[:-1]))
            s_docs, s_vals = [], []
            for d in short:
                acc = np.uint64(0)
                for t in tok[first[d]:first[d] + counts[d]]:
                    acc = acc * _U64(0x9E3779B97F4A7C15) + t
                s_docs.append(d)
                s_vals.append(int(_mix64(np.array([acc], dtype=np.uint64))[0] >> _U64(32)))
            docs_out.append(np.array(s_docs, dtype=doc_of_tok.dtype))
            vals_out.append(np.array(s_vals, dtype=np.uint32))
    if not docs_out:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint32)
    return np.concatenate(docs_out), np.concatenate(vals_out)


def _densify(sig: np.ndarray) -> np.ndarray:
    """Fill empty bins (value ``_EMPTY``) from the next filled bin to the right, circularly,
    adding an offset per step so a borrowed value differs from its source slot."""
    nb, P = sig.shape
    filled = sig != _EMPTY
    if filled.all():
        return sig.astype(np.uint32)
    pos = np.arange(2 * P)
    big = 4 * P
    dbl_filled = np.concatenate([filled, filled], axis=1)
    idx = np.where(dbl_filled, pos, big)
    nxt = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1][:, :P]
    rows = np.arange(nb)[:, None]
    has = nxt < big
    src = np.where(has, nxt % P, 0)
    dist = np.where(has, nxt - pos[:P], 0).astype(np.uint64)
    with np.errstate(over="ignore"):
        out = (sig[rows, src] + dist * _U64(0x9E3779B1)) & _MASK32
    out = np.where(has, out, _MASK32)  # documents without shingles: all slots 0xFFFFFFFF
    return out.astype(np.uint32)


def signatures(docs: np.ndarray, vals: np.ndarray, n_docs: int, num_perm: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One-permutation MinHash signatures plus each document's sorted unique shingle set.

    Returns ``(sig (n_docs, num_perm) uint32, set_values uint32, set_counts int64)``;
    ``set_values`` holds each document's sorted set, one after the other.
    """
    key = np.sort((docs.astype(np.uint64) << _U64(32)) | vals.astype(np.uint64))
    if key.size:
        distinct = np.ones(key.size, dtype=bool)
        distinct[1:] = key[1:] != key[:-1]
        key = key[distinct]
    d = (key >> _U64(32)).astype(np.int64)
    v = (key & _MASK32)
    counts = np.bincount(d, minlength=n_docs).astype(np.int64)
    bins = ((v * _U64(num_perm)) >> _U64(32)).astype(np.int64)
    cell = d * num_perm + bins
    first = np.ones(cell.size, dtype=bool)
    first[1:] = cell[1:] != cell[:-1]
    sig = np.full(n_docs * num_perm, _EMPTY, dtype=np.uint64)
    sig[cell[first]] = v[first]  # keys are sorted, so the first of a cell is its minimum
    sig = _densify(sig.reshape(n_docs, num_perm))
    return sig, v.astype(np.uint32), counts


HEAD = 32
"""Shingles kept in text order from the start and from the end of each body (the *anchors*),
to tell where a contained copy sits inside the longer body: a truncated or extended copy shares
its start with it, a copy with text added at the top its start and end."""

LEAD = 96
"""Shingles kept in text order from the start of each body (the start anchor is the first
:data:`HEAD` of them), to tell whether a copy's start lies near the top of the longer body:
within its first ``LEAD`` shingles, i.e. after at most a lede or a few lines of added text."""


def anchors(docs: np.ndarray, vals: np.ndarray, n_docs: int, h: int = HEAD,
            lead: int = LEAD) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The first ``lead`` and the last ``h`` shingle hashes of each document, each in text
    order: ``(leads, tails, lead lengths)`` (a document with fewer shingles has them all in
    both; its tail length is ``min(lead length, h)``).

    >>> head, tail, n = anchors(np.array([0, 0, 0, 1]), np.array([5, 6, 7, 9], np.uint32), 3, h=2, lead=3)
    >>> head.tolist(), tail.tolist(), n.tolist()
    ([[5, 6, 7], [9, 0, 0], [0, 0, 0]], [[6, 7], [9, 0], [0, 0]], [3, 1, 0])
    """
    if docs.size and not bool(np.all(docs[1:] >= docs[:-1])):
        order = np.argsort(docs, kind="stable")  # keeps text order inside a document
        docs, vals = docs[order], vals[order]
    count = np.bincount(docs, minlength=n_docs)
    first = np.searchsorted(docs, np.arange(n_docs))
    rank = np.arange(docs.size) - first[docs]
    n = np.minimum(count, h)
    head = np.zeros((n_docs, lead), dtype=np.uint32)
    sel = rank < lead
    head[docs[sel], rank[sel]] = vals[sel]
    tail = np.zeros((n_docs, h), dtype=np.uint32)
    back = count[docs] - 1 - rank  # shingles after this one in its document
    sel = back < h
    tail[docs[sel], (n[docs] - 1 - back)[sel]] = vals[sel]
    return head, tail, np.minimum(count, lead).astype(np.int64)


class ShingleStore:
    """Signatures and shingle sets of all contents, with exact similarity on demand.

    Shingle sets stay where they were computed, in their per-batch arrays or in the
    :class:`Signature` objects (no final concatenation, which would need twice the memory).
    """

    def __init__(self, sig: np.ndarray, views: list[np.ndarray], lead: np.ndarray | None = None,
                 lead_len: np.ndarray | None = None, tail: np.ndarray | None = None):
        self.sig = sig
        self.lead = lead if lead is not None else np.zeros((sig.shape[0], LEAD), np.uint32)
        self.lead_len = lead_len if lead_len is not None else np.zeros(sig.shape[0], np.int64)
        self.head = self.lead[:, :HEAD]
        self.head_len = np.minimum(self.lead_len, HEAD)
        self.tail = tail if tail is not None else self.head
        self._views = views  # each content's sorted shingle set (views into batch arrays or signatures)
        self.counts = np.fromiter((v.size for v in views), dtype=np.int64, count=len(views))

    def shingles(self, i: int) -> np.ndarray:
        return self._views[i]

    @property
    def values(self) -> np.ndarray:
        """All shingle sets, one after the other (a copy: for tests and inspection)."""
        return np.concatenate(self._views) if self._views else np.zeros(0, np.uint32)

    def intersection(self, i: int, j: int) -> int:
        a, b = self.shingles(i), self.shingles(j)
        if a.size > b.size:
            a, b = b, a
        if a.size == 0:
            return 0
        pos = b.searchsorted(a)
        np.minimum(pos, b.size - 1, out=pos)
        return int(np.count_nonzero(b[pos] == a))

    def _found(self, anchor: np.ndarray, other: int) -> float:
        s = self.shingles(other)
        if anchor.size == 0 or s.size == 0:
            return 0.0
        pos = s.searchsorted(anchor)
        np.minimum(pos, s.size - 1, out=pos)
        return float(np.count_nonzero(s[pos] == anchor)) / anchor.size

    def start_shared(self, a: int, b: int) -> float:
        """Share of ``a``'s first shingles (its start anchor) found anywhere in ``b``."""
        return self._found(self.head[a, :self.head_len[a]], b)

    def end_shared(self, a: int, b: int) -> float:
        """Share of ``a``'s last shingles (its end anchor) found anywhere in ``b``."""
        return self._found(self.tail[a, :self.head_len[a]], b)

    def start_near_top(self, a: int, b: int) -> float:
        """Share of ``a``'s start anchor found among the first :data:`LEAD` shingles of ``b``."""
        h = self.head[a, :self.head_len[a]]
        if h.size == 0:
            return 0.0
        return float(np.count_nonzero(np.isin(h, self.lead[b, :self.lead_len[b]]))) / h.size

    def jaccard(self, i: int, j: int) -> float:
        inter = self.intersection(i, j)
        union = int(self.counts[i] + self.counts[j]) - inter
        return inter / union if union else 0.0


def hash_batch(prepared: list[bytes], k: int, num_perm: int, seed: int, powers: _Powers | None = None,
               near: bool = True):
    """Everything about one batch of prepared bodies, computed at once with numpy:
    ``(keys, (sig, head, head_len, tail), values, set_counts)``: each body's exact key, MinHash
    signature row, start and end anchors (:func:`anchors`), and sorted shingle set (``values``,
    one body after the other, ``set_counts`` long); only the keys when ``near`` is false."""
    nb = len(prepared)
    buf = np.frombuffer(b"\n".join(prepared), dtype=np.uint8).copy()
    blank_separators(buf)
    tok, tok_start = token_hashes(buf, seed, powers)
    doc_of_tok = np.searchsorted(np.flatnonzero(buf == 10), tok_start)
    del buf
    counts = np.bincount(doc_of_tok, minlength=nb).astype(np.int64)
    keys = exact_keys(tok, doc_of_tok, counts)
    if not near:
        return keys, None, None, None
    docs, vals = shingle_values(tok, doc_of_tok, counts, k)
    head, tail, head_len = anchors(docs, vals, nb)
    sig, values, set_counts = signatures(docs, vals, nb, num_perm)
    return keys, (sig, head, head_len, tail), values, set_counts


@dataclass(frozen=True, slots=True)
class Signature:
    """What near-duplicate detection needs of one body, computed where the body is (e.g. in
    the worker process that cleaned it) and handed to :meth:`ShingleIndex.add_signature`.

    Small and picklable: ``key`` is the exact key ``(digest, words)``; ``data`` holds uint32
    values: the MinHash signature (``num_perm``), the first :data:`LEAD` shingles (``n_anchor``
    of them used), the end anchor (:data:`HEAD`) and the sorted shingle set; empty when
    ``near`` is off.
    ``params`` are ``(shingle_size, num_perm, seed, near)``: signatures are only compared with
    signatures made with the same ones.
    """

    params: tuple[int, int, int, bool]
    key: tuple[int, int]
    n_anchor: int
    data: bytes

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(signature, head, tail, shingle set)``: read-only views into ``data``."""
        P = self.params[1]
        v = np.frombuffer(self.data, dtype=np.uint32)
        return v[:P], v[P:P + LEAD], v[P + LEAD:P + LEAD + HEAD], v[P + LEAD + HEAD:]


_POWERS = _Powers()  # per process, grown on demand


def signatures_of(bodies: Sequence[str], shingle_size: int, num_perm: int, seed: int,
                  near: bool = True) -> list[Signature]:
    """The :class:`Signature` of each body (raw text; normalised here), computed at once.

    A body's signature does not depend on the other bodies of the call.

    >>> a, b = signatures_of(["The cat sat on the mat today.", "the CAT sat on the mat, today"], 3, 16, 1)
    >>> a == b, len(a.data) == 4 * (16 + LEAD + HEAD + 5)
    (True, True)
    """
    if shingle_size < 1 or num_perm < 1:
        raise ValueError("shingle_size and num_perm must be positive")
    if not bodies:
        return []
    params = (shingle_size, num_perm, seed, bool(near))
    keys, rows, values, set_counts = hash_batch([prepare(b) for b in bodies], shingle_size, num_perm, seed,
                                                _POWERS, near)
    if not near:
        return [Signature(params, key, 0, b"") for key in keys]
    sig, head, head_len, tail = rows
    ends = np.cumsum(set_counts).tolist()
    starts = [0] + ends[:-1]
    out = []
    for d, key in enumerate(keys):
        data = np.concatenate((sig[d], head[d], tail[d], values[starts[d]:ends[d]])).tobytes()
        out.append(Signature(params, key, int(head_len[d]), data))
    return out


def _hash_texts(texts: list[str], k: int, num_perm: int, seed: int, near: bool):
    """:func:`hash_batch` of raw texts, in a worker process."""
    return hash_batch([prepare(t) for t in texts], k, num_perm, seed, _POWERS, near)


class ShingleIndex:
    """Collects bodies in batches; per batch, at once: token hashes, exact keys, shingle sets
    and signatures (:func:`hash_batch`, on a small thread pool: numpy releases the GIL; or,
    with ``processes`` > 1, in that many forked processes that receive the texts and send the
    batch's arrays back). Results are taken in submission order, so the outcome never depends
    on timing.
    Texts are dropped after their batch; only the first body of each exact key is kept.
    Bodies already hashed elsewhere come as :class:`Signature` objects
    (:meth:`add_signature`); their arrays are used in place, not copied.

    After :meth:`finish`, ``content_of[i]`` is the distinct content of the i-th added body and
    ``n_tokens[c]`` that content's length in words.
    """

    def __init__(self, shingle_size: int, num_perm: int, seed: int, near: bool = True,
                 batch_size: int = 256, threads: int = 2, processes: int = 0):
        if shingle_size < 1 or num_perm < 1:
            raise ValueError("shingle_size and num_perm must be positive")
        self.k, self.P, self.seed, self.near, self.batch_size = shingle_size, num_perm, seed, near, batch_size
        self.params = (shingle_size, num_perm, seed, bool(near))
        self._pending: list[bytes] = []
        self._pending_sigs: list[Signature] = []
        self._powers = _Powers()
        self._threads = threads
        self._processes = processes if processes > 1 and "fork" in multiprocessing.get_all_start_methods() else 0
        self._pool = None
        self._inflight: deque = deque()
        self._max_inflight = 2 * self._processes if self._processes else max(1, threads)
        self._keys: dict[tuple[int, int], int] = {}
        self.content_of: list[int] = []
        self.n_tokens: list[int] = []
        self._sigs: list[tuple] = []
        self._views: list[np.ndarray] = []

    def add(self, text: str) -> None:
        """Queue one body (raw text; it is normalised here)."""
        if self._pending_sigs:
            self._collect_signatures()
        self._pending.append(text if self._processes else prepare(text))
        if len(self._pending) >= self.batch_size:
            self._submit()

    def add_signature(self, signature: Signature) -> None:
        """Add one body by its precomputed :class:`Signature` (made with the same parameters)."""
        if signature.params != self.params:
            raise ValueError(f"signature made with (shingle_size, num_perm, seed, near) = {signature.params}, "
                             f"expected {self.params}")
        if self._pending or self._inflight:
            self._drain()  # keep the order of addition
        self._pending_sigs.append(signature)
        if len(self._pending_sigs) >= self.batch_size:
            self._collect_signatures()

    def _submit(self) -> None:
        if not self._pending:
            return
        args = (self._pending, self.k, self.P, self.seed, self._powers, self.near)
        self._pending = []
        if self._processes:  # texts go to forked processes, the batch's arrays come back
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self._processes, mp_context=multiprocessing.get_context("fork"))
            self._inflight.append(self._pool.submit(_hash_texts, *args[:4], self.near))
        elif self._threads <= 1:
            self._collect(hash_batch(*args))
            return
        else:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self._threads)
            self._inflight.append(self._pool.submit(hash_batch, *args))
        while len(self._inflight) > self._max_inflight:
            self._collect(self._inflight.popleft().result())

    def _drain(self) -> None:
        self._submit()
        while self._inflight:
            self._collect(self._inflight.popleft().result())

    def _new_contents(self, keys) -> np.ndarray:
        new = np.zeros(len(keys), dtype=bool)
        for d, key in enumerate(keys):
            c = self._keys.get(key)
            if c is None:
                c = self._keys[key] = len(self.n_tokens)
                self.n_tokens.append(key[1])
                new[d] = True
            self.content_of.append(c)
        return new

    def _collect(self, result) -> None:
        keys, rows, values, set_counts = result
        new = self._new_contents(keys)
        if not self.near or not new.any():
            return
        if not new.all():
            rows = tuple(r[new] for r in rows)
            values, set_counts = values[np.repeat(new, set_counts)], set_counts[new]
        self._sigs.append(rows)
        self._views.extend(np.split(values, np.cumsum(set_counts)[:-1]))

    def _collect_signatures(self) -> None:
        batch, self._pending_sigs = self._pending_sigs, []
        new = self._new_contents([s.key for s in batch])
        if not self.near or not new.any():
            return
        arrays = [s.arrays() for s, n in zip(batch, new) if n]
        self._sigs.append((np.stack([a[0] for a in arrays]), np.stack([a[1] for a in arrays]),
                           np.array([s.n_anchor for s, n in zip(batch, new) if n], dtype=np.int64),
                           np.stack([a[2] for a in arrays])))
        self._views.extend(a[3] for a in arrays)

    def close(self) -> None:
        """Stop the worker threads or processes (pending batches are dropped); safe to call twice."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._inflight.clear()

    def finish(self) -> ShingleStore | None:
        """Process the last batches; the store of signatures and shingle sets (None if not near)."""
        self._drain()
        if self._pending_sigs:
            self._collect_signatures()
        self.close()
        self._keys = {}
        if not self.near:
            return None
        if self._sigs:
            sig, head, head_len, tail = (np.concatenate(parts) for parts in zip(*self._sigs))
        else:
            sig, head, head_len, tail = np.zeros((0, self.P), np.uint32), None, None, None
        self._sigs = []
        store = ShingleStore(sig, self._views, head, head_len, tail)
        self._views = []
        return store


def exact_keys(tok: np.ndarray, doc_of_tok: np.ndarray, counts: np.ndarray) -> list[tuple[int, int]]:
    """Per document, ``(digest, length)``: a 64-bit position-keyed sum of mixed token hashes
    and the number of tokens. Equal keys mean equal token sequences (a false match needs a
    64-bit collision between two documents of the same length)."""
    nb = counts.size
    if tok.size == 0:
        return [(0, 0)] * nb
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    pos = (np.arange(tok.size) - first[doc_of_tok]).astype(np.uint64)
    with np.errstate(over="ignore"):
        lane = _mix64(tok + pos * _U64(0xD6E8FEB86659FD93))
        cs = np.empty(tok.size + 1, dtype=np.uint64)
        cs[0] = 0
        np.cumsum(lane, out=cs[1:])
        digest = cs[first + counts] - cs[first]
    return list(zip(digest.tolist(), counts.tolist()))


def band_keys(sig: np.ndarray, rows: int) -> np.ndarray:
    """``(n, num_perm // rows)`` LSH keys: one 64-bit hash per band of ``rows`` signature slots
    (its band number mixed in, so equal slots in two bands do not make equal keys).

    >>> s = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 2, 3, 4]], dtype=np.uint32)
    >>> k = band_keys(s, 2)
    >>> k.shape, bool(k[0, 0] == k[1, 0]), bool(k[0, 1] == k[2, 1]), bool(k[0, 0] == k[2, 0])
    ((3, 2), True, True, False)
    """
    n, P = sig.shape
    keys = np.empty((n, P // rows), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for b in range(P // rows):
            h = np.full(n, _U64(b), dtype=np.uint64)
            for r in range(b * rows, (b + 1) * rows):
                h = _mix64(h ^ sig[:, r].astype(np.uint64))
            keys[:, b] = h
    return keys


def lsh_candidates(sig: np.ndarray, rows: int, active: np.ndarray, max_gap: int = 32) -> np.ndarray:
    """Candidate pairs ``(i, j)``, ``i < j``, that agree on all slots of at least one band.

    ``active`` masks the documents that take part. Within a band bucket, each document is
    paired with the next ``max_gap`` members (buckets are tiny unless the data is degenerate,
    so this only bounds the work on pathological input).
    """
    ids = np.flatnonzero(active)
    if ids.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    keys = band_keys(sig[ids] if ids.size < sig.shape[0] else sig, rows)
    found = []
    for b in range(keys.shape[1]):
        found.extend(_bucket_pairs(keys[:, b], ids, max_gap))
    return _unique_pairs(found)


def band_bucket_pairs(band: np.ndarray, key: np.ndarray, ids: np.ndarray, max_gap: int = 32) -> np.ndarray:
    """The pairs :func:`lsh_candidates` finds among rows ``(band, key, id)`` of any bands, as long
    as every row of a bucket (a band and key) is among them: how a partition of a shuffle by
    key (the Ray engine) finds its share of the pairs. Each id is paired with the next
    ``max_gap`` ids of its bucket in id order, as there.

    >>> band_bucket_pairs(np.array([0, 1, 0, 0]), np.array([5, 5, 5, 6], dtype=np.uint64), np.array([3, 1, 8, 2]))
    array([[3, 8]])
    """
    order = np.lexsort((ids, key, band))
    band, key, ids = band[order], key[order], ids[order]
    found = []
    for gap in range(1, min(max_gap, ids.size - 1) + 1):
        same = np.flatnonzero((key[gap:] == key[:-gap]) & (band[gap:] == band[:-gap]))
        if same.size == 0:
            break
        found.append(np.stack([ids[same], ids[same + gap]], axis=1))
    return _unique_pairs(found)


def _bucket_pairs(keys: np.ndarray, ids: np.ndarray, max_gap: int) -> list[np.ndarray]:
    """Pairs of ``ids`` whose ``keys`` are equal (each with its next ``max_gap`` bucket-mates)."""
    order = np.argsort(keys, kind="stable")
    ks = keys[order]
    found = []
    for gap in range(1, min(max_gap, ids.size - 1) + 1):
        same = np.flatnonzero(ks[gap:] == ks[:-gap])
        if same.size == 0:
            break
        found.append(np.stack([ids[order[same]], ids[order[same + gap]]], axis=1))
    return found


def _unique_pairs(found: list[np.ndarray]) -> np.ndarray:
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    pairs.sort(axis=1)
    code = np.unique(pairs[:, 0].astype(np.uint64) << _U64(32) | pairs[:, 1].astype(np.uint64))
    return np.stack([(code >> _U64(32)).astype(np.int64), (code & _MASK32).astype(np.int64)], axis=1)


def anchor_candidates(head: np.ndarray, head_len: np.ndarray, active: np.ndarray, bands: int = 4,
                      rows: int = 2, max_gap: int = 32) -> np.ndarray:
    """Candidate pairs ``(i, j)``, ``i < j``, whose *starts* look alike: LSH on a MinHash of
    each body's start anchor (its first :data:`HEAD` shingles), ``bands`` bands of ``rows``.

    Truncated copies and teasers share their start with the article but may have too few of
    its shingles for the LSH of whole bodies to pair them (a 40% teaser has Jaccard 0.4); two
    starts sharing 80% of their shingles meet in at least one of 4 bands of 2 with probability
    0.98 (70%: 0.93). Pairs found here are verified like any other.
    """
    ids = np.flatnonzero(active & (head_len > 0))
    if ids.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    h = head[ids].astype(np.uint64)
    empty = np.arange(head.shape[1])[None, :] >= head_len[ids][:, None]
    found = []
    top = np.iinfo(np.uint64).max
    for b in range(bands):
        key = np.full(ids.size, _U64(b), dtype=np.uint64)
        for r in range(rows):
            v = _mix64(h ^ _mix64(np.array([0xA5A5 + b * rows + r], dtype=np.uint64))[0])
            v[empty] = top
            key = _mix64(key ^ v.min(axis=1))
        found.extend(_bucket_pairs(key, ids, max_gap))
    return _unique_pairs(found)


def union_pairs(*parts: np.ndarray) -> np.ndarray:
    """The distinct pairs of several ``(i, j)``, ``i < j`` arrays, sorted."""
    return _unique_pairs([p for p in parts if len(p)])


@dataclass(frozen=True, slots=True)
class Link:
    """A verified relation of a content to its representative."""

    rep: int
    how: str  # "near" or "contained"
    similarity: float


class Verifier:
    """Decides whether two contents are duplicates, on their exact shingle sets.

    ``near``: Jaccard at or above ``near_threshold``. ``contained``: at least
    ``containment_threshold`` of the shorter body's shingles are in the longer one, the shorter
    has at least ``min_contained_shingles``, and the anchors (first and last :data:`HEAD`
    shingles, a share of at least ``min_start_shared`` of them found in the other body) say
    where the copy sits:

    - *start-aligned* (a truncated or extended copy): each body's start is in the other, and
      the shorter has at least ``min_length_ratio`` of the longer's shingles, or at least
      ``min_prefix_ratio`` if it is a whole prefix of the longer (its end is in the longer too:
      a teaser cut from it);
    - *inside* (text added at the top, or around the copy): the shorter's start and end are both
      in the longer, and the shorter has at least ``min_inside_ratio`` of the longer's shingles,
      so a short article quoted whole inside a longer, different one is not taken for a copy;
      or at least ``min_prefix_ratio`` if its start lies near the top of the longer (within its
      first :data:`LEAD` shingles: the copy lost a lede or a few lines, or they were added).

    With ``min_start_shared`` 0 the anchors are not looked at (only ``min_length_ratio``).
    """

    def __init__(self, store: ShingleStore, near_threshold: float, containment_threshold: float,
                 min_length_ratio: float = 0.0, min_start_shared: float = 0.0, min_contained_shingles: int = 10,
                 min_inside_ratio: float = 1.0, min_prefix_ratio: float | None = None):
        self.store = store
        self.min_start = min_start_shared
        self.near = near_threshold
        self.cont = containment_threshold
        self.min_ratio = min_length_ratio
        self.min_inside = min_inside_ratio
        self.min_prefix = min_length_ratio if min_prefix_ratio is None else min(min_prefix_ratio, min_length_ratio)
        self.min_contained = min_contained_shingles

    def check(self, i: int, j: int) -> tuple[str, float] | None:
        inter = self.store.intersection(i, j)
        ni, nj = int(self.store.counts[i]), int(self.store.counts[j])
        if inter == 0:
            return None
        union = ni + nj - inter
        jac = inter / union
        if jac >= self.near:
            return "near", jac
        small = min(ni, nj)
        if small < self.min_contained or inter / small < self.cont:
            return None
        ratio = small / max(ni, nj)
        if ratio < min(self.min_prefix, self.min_inside):
            return None
        if self.min_start <= 0:
            return ("contained", inter / small) if ratio >= self.min_ratio else None
        longer, shorter = (i, j) if ni >= nj else (j, i)
        a, st = self.min_start, self.store
        if st.start_shared(shorter, longer) < a:
            return None  # the copy's own start is not in the longer body: not a copy of it
        if st.start_shared(longer, shorter) >= a:  # start-aligned: truncated or extended
            if ratio >= self.min_ratio or st.end_shared(shorter, longer) >= a:
                return "contained", inter / small  # (a short one only as a whole prefix)
            return None
        if st.end_shared(shorter, longer) >= a:  # inside: text added at the top or around
            if ratio >= self.min_inside or (ratio >= self.min_prefix and st.start_near_top(shorter, longer) >= a):
                return "contained", inter / small
        return None


def prefilter(store: ShingleStore, pairs: np.ndarray, near_threshold: float, containment_threshold: float,
              margin: float = 0.15, chunk: int = 65536) -> np.ndarray:
    """Drop candidate pairs whose *estimated* Jaccard and containment are both far below the
    thresholds (the exact check would reject them anyway); saves exact checks on LSH noise."""
    keep = []
    P = store.sig.shape[1]
    for s in range(0, len(pairs), chunk):
        p = pairs[s:s + chunk]
        est = (store.sig[p[:, 0]] == store.sig[p[:, 1]]).sum(axis=1) / P
        a = store.counts[p[:, 0]].astype(float)
        b = store.counts[p[:, 1]].astype(float)
        inter = est * (a + b) / (1 + est)
        cont = inter / np.maximum(np.minimum(a, b), 1)
        keep.append((est >= near_threshold - margin) | (cont >= containment_threshold - margin))
    if not keep:
        return pairs
    return pairs[np.concatenate(keep)]


def cluster(rank: Sequence[int], pairs: np.ndarray, verifier: Verifier) -> dict[int, Link]:
    """Assign duplicates to representatives; returns {content: Link} for non-representatives.

    ``rank`` lists content indices best first (the caller orders by length, then id). A pair
    in ``pairs`` is a verified-or-not candidate; each link is verified before it is made.
    """
    n = len(rank)
    neighbours: dict[int, list[int]] = {}
    for a, b in pairs.tolist():
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    pos = {c: r for r, c in enumerate(rank)}
    links: dict[int, Link] = {}
    is_rep: set[int] = set()
    for c in rank:
        if c in links:
            continue
        nbs = neighbours.get(c, ())
        # better-ranked neighbours were visited already: each is a representative or linked to
        # one; c may join such a representative only if it verifies against it directly
        reps = sorted({links[x].rep if x in links else x for x in nbs if pos[x] < pos[c]}, key=pos.__getitem__)
        best = None
        for r in reps:
            res = verifier.check(c, r)
            if res is not None and (best is None or res[1] > best[1][1]):
                best = (r, res)
        if best is not None:
            links[c] = Link(best[0], best[1][0], best[1][1])
            continue
        is_rep.add(c)
        for x in sorted(nbs, key=pos.__getitem__):
            if pos[x] < pos[c] or x in links or x in is_rep:
                continue
            res = verifier.check(c, x)
            if res is not None:
                links[x] = Link(c, res[0], res[1])
    assert len(is_rep) + len(links) == n
    return links
