#!/usr/bin/env python3
"""Near-duplicate benchmark: generate, run cleaner's dedup and an exact-hash baseline, score.

    python bench/dedup.py [BENCH_DIR] [--sizes 10000,100000] [--out bench-data] [--intra] [--set NAME=VALUE ...]

BENCH_DIR (default ``../shared/bench/dedup``) holds ``gen.py`` and ``score.py``. Documents are
generated once per size into ``--out`` (reused when present). Each system runs in its own
child process, so its speed and peak memory are its own:

- ``cleaner``: :func:`cleaner.dedup.dedup_documents` with the default :class:`CleanConfig`
  (or with the options given by ``--set``, printed with the figures);
- ``cleaner-sig`` (with ``--signatures``): the same, but each body's
  :func:`cleaner.dedup.signature_of` is computed first in worker processes, as the pipeline's
  cleaning workers can; its cost is printed apart, and the speed and memory figures are those
  of the dedup stage on the signatures;
- ``exact-hash``: documents with byte-identical text (sha1) are duplicates, smallest id kept.

Text used (``--text``; default raw and cleaned):

- ``raw``: the scraped text **as given** (site chrome, nav, footers included); each
  document's whole text is its "body".
- ``standin``: a crude stand-in for the boilerplate stage, computed over the input itself:
  lines with fewer than 8 words, and lines found in 200 or more documents (site chrome,
  the CCNet idea), are dropped; a document left with nothing keeps its raw text. It is *not*
  the cleaner's boilerplate removal.
- ``cleaned``: the product: each document's body as cleaner's own pipeline makes it
  (:func:`cleaner.pipeline.clean_documents`: repair, rules, metadata, statistics, repeats), then
  the dedup stage on those bodies (its time and memory measured alone); a document the
  cleaning skips keeps its raw text. The bodies are cached in ``--out`` as
  ``cleaned_N.KEY.jsonl``, KEY a digest of the cleaner's sources outside ``cleaner/dedup``, so
  they are made again whenever the cleaning code changes.

Figures: pairwise precision/recall/F1 and ``kept_exact_one`` from ``score.py``; docs/s of the
dedup call alone (texts already in memory); peak RSS of the child process, and its growth
during the dedup call (the texts themselves excluded). ``--intra`` also scores
:func:`cleaner.dedup.repeats.find_repeats` on every document's lines.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _rss_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _load(path: Path) -> list[tuple[str, str]]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            out.append((d["id"], d["text"]))
    return out


def _exact_hash(entries):
    best: dict[bytes, str] = {}
    keys = []
    for doc_id, text in entries:
        k = hashlib.sha1(text.encode("utf-8")).digest()
        keys.append((doc_id, k))
        if k not in best or doc_id < best[k]:
            best[k] = doc_id
    return {doc_id: best[k] for doc_id, k in keys if best[k] != doc_id}


STANDIN_MIN_WORDS = 8
STANDIN_MAX_DOCS = 200


def standin_bodies(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop short lines and lines repeated across many documents (see the module docstring)."""
    from collections import Counter

    df: Counter[str] = Counter()
    for _, text in entries:
        df.update({" ".join(l.split()) for l in text.split("\n")})
    out = []
    for doc_id, text in entries:
        keep = [l for l in text.split("\n")
                if len(l.split()) >= STANDIN_MIN_WORDS and df[" ".join(l.split())] < STANDIN_MAX_DOCS]
        out.append((doc_id, "\n".join(keep) if keep else text))
    return out


def cleaned_bodies(docs_path: Path, entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Bodies from cleaner's pipeline (all stages before dedup), in the order of entries."""
    sys.path.insert(0, str(REPO))
    from cleaner.config import CleanConfig
    from cleaner.pipeline import clean_documents

    docs = clean_documents(docs_path, CleanConfig())
    body = {d.source.split("#", 1)[1]: d.body for d in docs if d.status == "kept"}
    return [(doc_id, body.get(doc_id, text)) for doc_id, text in entries]


def cleaning_key() -> str:
    """A digest of the cleaner's sources outside ``cleaner/dedup``: cleaned bodies cached under
    this key are what the current cleaning code makes."""
    h = hashlib.sha256()
    for path in sorted((REPO / "cleaner").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel.startswith("cleaner/dedup/"):
            continue
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def write_cleaned(docs_path: Path, cache: Path) -> None:
    """Runs in a child process: the cleaned bodies of ``docs_path`` into ``cache`` (JSONL)."""
    entries = cleaned_bodies(docs_path, _load(docs_path))
    tmp = cache.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for doc_id, text in entries:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    tmp.replace(cache)


class _Overridden:
    """A config with some options replaced, including options the config class does not have
    yet (read by the dedup code with ``getattr(config, name, DEFAULT)``)."""

    def __init__(self, base, extra: dict):
        self._base, self._extra = base, extra

    def __getattr__(self, name):
        if name in self._extra:
            return self._extra[name]
        return getattr(self._base, name)


def bench_config(overrides: dict):
    """The default :class:`CleanConfig` with ``overrides`` (``--set``) applied."""
    import dataclasses

    sys.path.insert(0, str(REPO))
    from cleaner.config import CleanConfig

    cfg = CleanConfig()
    names = {f.name for f in dataclasses.fields(cfg)}
    known = {k: v for k, v in overrides.items() if k in names}
    extra = {k: v for k, v in overrides.items() if k not in names}
    cfg = dataclasses.replace(cfg, **known) if known else cfg
    return _Overridden(cfg, extra) if extra else cfg


SIG_WORKERS = 2
_SIG_CONFIG = None


def _sig_job(text: str):
    from cleaner.dedup import signature_of

    return signature_of(text, _SIG_CONFIG)


def _signatures_in_workers(entries, config):
    """``(id, Signature)`` entries made by :func:`cleaner.dedup.signature_of`, one body at a time
    in ``SIG_WORKERS`` forked processes (as the pipeline's cleaning workers would), and the
    cost: wall seconds and CPU milliseconds per document (all processes)."""
    import multiprocessing
    import resource

    global _SIG_CONFIG
    _SIG_CONFIG = config
    sys.path.insert(0, str(REPO))
    t0 = time.perf_counter()
    c0 = time.process_time()
    ch0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    with multiprocessing.get_context("fork").Pool(SIG_WORKERS) as pool:
        sigs = pool.map(_sig_job, [t for _, t in entries], chunksize=64)
    ch1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - c0 + (ch1.ru_utime - ch0.ru_utime) + (ch1.ru_stime - ch0.ru_stime)
    return ([(i, sg) for (i, _), sg in zip(entries, sigs)],
            {"sig_seconds": time.perf_counter() - t0, "sig_cpu_ms_per_doc": 1000 * cpu / max(1, len(entries))})


def worker(system: str, text_kind: str, docs_path: Path, pred_path: Path, intra_path: Path | None,
           overrides: dict | None = None) -> dict:
    """Runs in a child process: one system on one file; returns its timings and memory.

    ``docs_path`` holds the text to use (for ``cleaned``: the cached cleaned bodies)."""
    entries = _load(docs_path)
    if text_kind == "standin":
        entries = standin_bodies(entries)
    config = bench_config(overrides or {}) if system.startswith("cleaner") else None
    sig_res = {}
    dedup_input = entries
    if system == "cleaner-sig":
        # what the pipeline's cleaning workers would add: signature_of per body, in 2 processes
        dedup_input, sig_res = _signatures_in_workers(entries, config)
    rss_before = _rss_kb("VmRSS")
    peak_reset = _reset_peak()
    t0, c0 = time.perf_counter(), time.process_time()
    if system.startswith("cleaner"):
        from cleaner.dedup import dedup_documents

        dups = dedup_documents(dedup_input, config)
        rep = {i: d.of for i, d in dups.items()}
    else:
        rep = _exact_hash(entries)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = _rss_kb("VmHWM")
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(pred_path, "w", encoding="utf-8") as f:
        for doc_id, _ in entries:
            f.write(json.dumps({"id": doc_id, "cluster": rep.get(doc_id, doc_id), "keep": doc_id not in rep}) + "\n")
    res = {"system": system, "docs": len(entries), "seconds": secs, "docs_per_s": len(entries) / secs,
           "cpu_seconds": cpu, "load_avg": os.getloadavg()[0],
           "peak_rss_mb": peak / 1024, "dedup_growth_mb": (peak - rss_before) / 1024 if peak_reset else None,
           "how": {}, **sig_res,
           # worker processes (forked: their RSS counts pages shared with this process too)
           "children_cpu_seconds": children.ru_utime + children.ru_stime,
           "children_max_rss_mb": children.ru_maxrss / 1024}
    if system.startswith("cleaner"):
        for d in dups.values():
            res["how"][d.how] = res["how"].get(d.how, 0) + 1
    if intra_path is not None:
        from cleaner.dedup.repeats import find_repeats

        t0 = time.perf_counter()
        with open(intra_path, "w", encoding="utf-8") as f:
            for doc_id, text in entries:
                lines = [" ".join(l.split()) for l in text.split("\n")]
                f.write(json.dumps({"id": doc_id, "drop_lines": sorted(find_repeats(lines, {}))}) + "\n")
        res["intra_docs_per_s"] = len(entries) / (time.perf_counter() - t0)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir", nargs="?", default="../shared/bench/dedup")
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--out", default="bench-data")
    ap.add_argument("--text", default="raw,cleaned", help="raw, standin and/or cleaned (see above)")
    ap.add_argument("--intra", action="store_true", help="also score find_repeats on every document's lines")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON line at the end")
    ap.add_argument("--reuse-cleaned", action="store_true",
                    help="for --text cleaned, reuse the newest cached bodies even if the cleaning code changed "
                         "since (said so in the output)")
    ap.add_argument("--signatures", action="store_true",
                    help="also run cleaner-sig: signatures made per body in worker processes first, then the "
                         "dedup stage on them (how the pipeline can run it)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="run cleaner with this config option changed (VALUE as JSON), e.g. "
                         "--set containment_threshold=0.8; repeatable; printed with the figures")
    ap.add_argument("--_worker", nargs=6, help=argparse.SUPPRESS)
    ap.add_argument("--_clean", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._clean:
        write_cleaned(Path(args._clean[0]), Path(args._clean[1]))
        return
    if args._worker:
        system, kind, docs, pred, intra, overrides = args._worker
        print(json.dumps(worker(system, kind, Path(docs), Path(pred), Path(intra) if intra != "-" else None,
                                json.loads(overrides))))
        return
    overrides = {}
    for item in args.set:
        name, _, value = item.partition("=")
        overrides[name.strip()] = json.loads(value)

    bench = Path(args.bench_dir).resolve()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    missing = [n for n in sizes if not (out / f"docs_{n}.jsonl").exists()]
    if missing:
        print(f"generating {missing} into {out} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(bench / "gen.py"), "--sizes", ",".join(map(str, missing)),
                        "--out", str(out)], check=True)
    sys.path.insert(0, str(bench))
    import score  # the benchmark's own scorer

    kinds = args.text.split(",")
    print("text used: raw = scraped text as given (site chrome included); standin = crude stand-in for "
          f"boilerplate removal (lines < {STANDIN_MIN_WORDS} words or in >= {STANDIN_MAX_DOCS} docs dropped); "
          "cleaned = bodies from cleaner's own pipeline")
    if overrides:
        print("cleaner config changed from the defaults: " + ", ".join(f"{k}={v!r}" for k, v in overrides.items()))
    report = []
    for n in sizes:
        docs = out / f"docs_{n}.jsonl"
        truth, _ = score.load_truth(docs)
        for kind, system in [(k, s) for k in kinds for s in ("exact-hash", "cleaner", "cleaner-sig")]:
            pred = out / f"pred_{system}_{kind}_{n}.jsonl"
            intra = out / f"intra_{n}.jsonl" if (args.intra and system == "cleaner" and kind == "raw") else None
            if system == "cleaner-sig" and not args.signatures:
                continue
            text = docs
            if kind == "cleaned":
                text = out / f"cleaned_{n}.{cleaning_key()}.jsonl"
                older = sorted(out.glob(f"cleaned_{n}.*.jsonl"), key=lambda p: p.stat().st_mtime)
                if not text.exists() and args.reuse_cleaned and older:
                    text = older[-1]
                    if system == "exact-hash":
                        print(f"note: cleaned bodies reused from {text.name}, made by an earlier version of the "
                              f"cleaning code (now {cleaning_key()})")
                if not text.exists():
                    print(f"cleaning {docs.name} with cleaner's pipeline into {text.name} ...", file=sys.stderr)
                    subprocess.run([sys.executable, __file__, "--_clean", str(docs), str(text)], check=True,
                                   cwd=str(REPO))
            proc = subprocess.run([sys.executable, __file__, "--_worker", system, kind, str(text), str(pred),
                                   str(intra) if intra else "-", json.dumps(overrides)], capture_output=True, text=True,
                                  cwd=str(REPO))
            if proc.returncode != 0:
                sys.exit(f"{system} failed:\n{proc.stderr}")
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            res.update(score.score(truth, str(pred), None, str(intra) if intra else None))
            res["size"], res["text"], res["config_overrides"] = n, kind, overrides if system.startswith("cleaner") else {}
            report.append(res)
            growth = f"{res['dedup_growth_mb']:.0f}" if res["dedup_growth_mb"] is not None else "n/a"
            line = (f"{n:>7} {kind:<7} {system:<11} P={res['precision']:.4f} R={res['recall']:.4f} F1={res['f1']:.4f} "
                    f"kept_exact_one={res['kept_exact_one']:.4f} lost={res['lost_clusters']} "
                    f"extra={res['extra_kept']} kept_trunc={res['kept_truncated']} | "
                    f"{res['docs_per_s']:,.0f} docs/s ({res['seconds']:.1f} s wall, {res['cpu_seconds']:.1f} s CPU"
                    + (f" + {res['children_cpu_seconds']:.1f} s in workers" if res["children_cpu_seconds"] >= 0.05
                       and system == "cleaner" else "")
                    + f", load {res['load_avg']:.1f}) | "
                    f"peak RSS {res['peak_rss_mb']:.0f} MB, +{growth} MB during dedup"
                    + (f", largest worker RSS {res['children_max_rss_mb']:.0f} MB (shared pages included)"
                       if res["children_cpu_seconds"] >= 0.05 and system == "cleaner" else ""))
            print(line)
            if system == "cleaner-sig":
                print(f"{'':>26} signatures made first in {SIG_WORKERS} worker processes (signature_of per body, "
                      f"as the cleaning workers would): {res['sig_seconds']:.1f} s wall, "
                      f"{res['sig_cpu_ms_per_doc']:.2f} ms CPU per document; the figures above are the dedup "
                      "stage on those signatures")
            if system.startswith("cleaner"):
                f1_target = 0.98 if n <= 10_000 else 0.97
                checks = [(f"F1 >= {f1_target}", res["f1"] >= f1_target),
                          ("one kept per cluster >= 0.98", res["kept_exact_one"] >= 0.98),
                          ("dedup >= 5,000 docs/s (wall)", res["docs_per_s"] >= 5000),
                          ("peak RSS <= 1.5 GB", res["peak_rss_mb"] <= 1536)]
                all_cpu = res["cpu_seconds"] + (res["children_cpu_seconds"] if system == "cleaner" else 0.0)
                print(f"{'':>26} targets: " + ", ".join(f"{name} {'met' if ok else 'NOT met'}" for name, ok in checks)
                      + f"; CPU rate {res['docs'] / all_cpu:,.0f} docs per CPU-second (all processes)")
                print(f"{'':>26} how: {res['how']}  recall by variant: {res['recall_by_variant']}")
            if intra:
                print(f"{'':>26} repeats (raw lines): P={res['intra_precision']:.4f} R={res['intra_recall']:.4f} "
                      f"F1={res['intra_f1']:.4f} (tp {res['intra_tp']}, fp {res['intra_fp']}, "
                      f"fn {res['intra_fn']}) {res['intra_docs_per_s']:,.0f} docs/s")
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
