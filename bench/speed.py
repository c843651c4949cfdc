"""Speed and memory of `cleaner clean` end to end, against a straightforward pipeline.

usage: python bench/speed.py [DATA] [--sizes 10000,30000,100000] [--work DIR] [--workers N]
                             [--baseline-docs 300] [--agreement-docs 1000]

DATA is the dedup benchmark folder (default ../shared/bench/dedup); its gen.py makes the
corpora (scraped-looking news, 3 KB a document) into WORK if they are not there yet.
For each size it runs `cleaner clean WORK/docs_N.jsonl` in a subprocess and prints docs/s and
the peak memory of the whole process tree (the main process and its workers, proportional set
sizes summed, so shared pages count once; sampled every 0.1 s), and the CPU seconds of the whole
tree, per document and against the baseline's (figures that do not move with the load). In the
same run it measures a straightforward one-process pipeline on the first documents, as the issue
defines it: ftfy on the whole text, the same rules, metadata and statistics, and the langdetect
package on the whole text; and a stricter one, with langdetect on the whole clean body instead
(cheaper, the body being shorter than its page; column 'x body'). Last, the share of language
labels that agree with the langdetect package (seed 0) on the whole clean body.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "bench" / "dedup"


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes (Linux /proc): their proportional
    set sizes (PSS), so pages the forked workers share with the main process count once."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, str, float]:
    """(seconds, peak tree PSS in bytes, stdout, CPU seconds of the whole tree) of a command.
    The CPU time is user + system of the command and every descendant it waited for (its
    worker processes): a figure that, unlike docs/s, does not move with the machine's load."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    done.set()
    t.join()
    if proc.returncode:
        sys.exit(f"bench/speed.py: {' '.join(cmd)} failed:\n{err[-2000:]}")
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, peak, out, cpu


def ensure_corpus(data: Path, work: Path, sizes: list[int]) -> dict[int, Path]:
    missing = [n for n in sizes if not (work / f"docs_{n}.jsonl").exists()]
    if missing:
        work.mkdir(parents=True, exist_ok=True)
        print(f"generating {missing} with {data / 'gen.py'} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(data / "gen.py"), "--sizes", ",".join(map(str, missing)),
                        "--out", str(work)], check=True, stdout=subprocess.DEVNULL)
    return {n: work / f"docs_{n}.jsonl" for n in sizes}


def _clocks() -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) now."""
    return time.perf_counter(), time.process_time()


def baseline(path: Path, n: int) -> dict[str, tuple[float, float]]:
    """The straightforward pipeline, every step on the whole text, one process: {"text": as the
    issue defines it, with the langdetect package on the document's whole (repaired) text;
    "body": stricter (a cheaper baseline, since a body is shorter than its page), on the whole
    clean body}, each as (docs/s, ms of CPU a document). Both are timed in one pass: the shared
    steps once, each langdetect call on its own. docs/s is by the wall clock, like the runs it
    is compared with in the same conditions; the CPU figure does not move with the load."""
    import ftfy

    from cleaner import classify
    from cleaner.config import CleanConfig
    from cleaner.dedup.repeats import find_repeats
    from cleaner.metadata import lift_metadata
    from cleaner.repair import normalize_whitespace
    from cleaner.rules import run_rules

    config = CleanConfig()
    texts = [json.loads(line)["text"] for line in itertools.islice(open(path, encoding="utf-8"), n)]
    spent = {"shared": [0.0, 0.0], "text": [0.0, 0.0], "body": [0.0, 0.0]}

    def add(part: str, since: tuple[float, float]) -> tuple[float, float]:
        now = _clocks()
        spent[part][0] += now[0] - since[0]
        spent[part][1] += now[1] - since[1]
        return now

    plain_langdetect(texts[0])  # its profiles load once per process: not counted in either baseline
    t = _clocks()
    repaired = [normalize_whitespace(ftfy.fix_text(t)) for t in texts]
    corpus = classify.CorpusStats.build((t.split("\n") for t in repaired), config)
    t = add("shared", t)
    for text in repaired:
        lines = text.split("\n")
        decided = run_rules(lines)
        decided.update(lift_metadata(lines, decided, config.head_lines)[1])
        decided.update(classify.classify_lines(lines, decided, corpus, config))
        decided.update(find_repeats(lines, decided))
        body = "\n\n".join(t for i, t in enumerate(lines) if t and i not in decided)
        t = add("shared", t)
        plain_langdetect(text)
        t = add("text", t)
        plain_langdetect(body)
        t = add("body", t)
    return {part: (n / (spent["shared"][0] + spent[part][0]), 1000 * (spent["shared"][1] + spent[part][1]) / n)
            for part in ("text", "body")}


def plain_langdetect(text: str) -> str | None:
    """The langdetect package itself on the whole text, seeded (DetectorFactory.seed = 0):
    the reference for the baseline's cost and for the agreement of the labels."""
    import langdetect
    from langdetect.lang_detect_exception import LangDetectException

    langdetect.DetectorFactory.seed = 0
    try:
        return langdetect.detect(text)
    except LangDetectException:
        return None


def agreement(version: Path, n: int) -> tuple[float, int]:
    """Share of rows whose label equals the langdetect package's on the whole body (seeded
    sample of rows)."""
    import pyarrow.parquet as pq

    rows = []
    for shard in sorted(version.glob("data/*.parquet")):
        rows.extend(pq.read_table(shard, columns=["text", "language"]).to_pylist())
    sample = random.Random(0).sample(rows, min(n, len(rows)))
    same = sum(plain_langdetect(r["text"]) == r["language"] for r in sample)
    return same / len(sample), len(sample)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--work", type=Path, default=HERE.parent / "bench-data")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--baseline-docs", type=int, default=300)
    ap.add_argument("--agreement-docs", type=int, default=1000)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    corpora = ensure_corpus(args.data, args.work, sizes)
    bases = baseline(corpora[sizes[0]], args.baseline_docs)
    (base, base_cpu), (strict, _) = bases["text"], bases["body"]
    print(f"cores: {len(os.sched_getaffinity(0))}; load average before: {os.getloadavg()[0]:.1f}")
    print(f"baseline (one process, ftfy + the same rules, metadata and statistics + langdetect on the whole "
          f"text): {base:.1f} docs/s ({base_cpu:.2f} ms CPU a document) on {args.baseline_docs} docs")
    print(f"stricter baseline (langdetect on the whole clean body instead): {strict:.1f} docs/s "
          f"({bases['body'][1]:.2f} ms CPU); 'x body' below is against it")
    print(f"{'docs':>8} {'seconds':>8} {'docs/s':>8} {'x base':>7} {'x body':>7} {'peak MB':>8} {'MB/1k docs':>10} "
          f"{'CPU s':>7} {'CPU ms/doc':>10} {'x base CPU':>10}")
    last = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            cmd = [sys.executable, "-m", "cleaner.cli", "clean", str(corpora[n]), "--out", tmp, "--name", f"speed{n}",
                   "--no-progress", "--no-report", "--json"]
            if args.workers:
                cmd += ["--workers", str(args.workers)]
            seconds, peak, out, cpu = run_measured(cmd)
            summary = json.loads(out.strip().splitlines()[-1])
            rate = n / seconds
            print(f"{n:>8} {seconds:>8.1f} {rate:>8.0f} {rate / base:>7.1f} {rate / strict:>7.1f} {peak / 2**20:>8.0f} "
                  f"{peak / 2**20 / (n / 1000):>10.1f} {cpu:>7.1f} {1000 * cpu / n:>10.2f} "
                  f"{base_cpu / (1000 * cpu / n):>10.1f}", flush=True)
            last = Path(summary["path"])
        share, k = agreement(last, args.agreement_docs)
        print(f"language labels agreeing with langdetect on the whole body: {share:.4f} of {k} sampled rows "
              f"(largest size)")
    print("targets: >= 1000 docs/s and >= 10x the baseline; peak <= 2 GB at 100k; agreement >= 0.995")
    return 0


if __name__ == "__main__":
    sys.exit(main())
