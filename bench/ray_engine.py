"""The local engine against the Ray engine on the same files: docs/s, and the same output.

    python bench/ray_engine.py DOCS.jsonl --docs 2000 10000 [--cpus 2] [--repeat 2]

DOCS.jsonl holds one document a line with ``id`` and ``text`` (e.g. the dedup benchmark's
``data/docs_10000.jsonl``); the first N are written as N .txt files into a temporary folder,
then each engine cleans that folder, alternately, ``--repeat`` times. Each Ray run starts and
stops its own local Ray (with ``--cpus`` CPUs), so its time includes that start-up; a line
with the warm time (Ray already running) follows. The load average is printed with every
figure: on a shared machine the figures move with it.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from cleaner.config import CleanConfig
from cleaner.engines.ray_engine import clean_files_ray, ray_session
from cleaner.package.dataset import content_digest, make_rows
from cleaner.pipeline import clean_files


def write_docs(jsonl: Path, n: int, folder: Path) -> int:
    folder.mkdir(parents=True)
    size = 0
    with open(jsonl, encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= n:
                break
            rec = json.loads(line)
            data = rec["text"].encode("utf-8")
            (folder / f"{rec['id']}.txt").write_bytes(data)
            size += len(data)
    return size


def timed(fn):
    load = os.getloadavg()[0]
    t = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t, load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", type=Path)
    ap.add_argument("--docs", type=int, nargs="+", default=[2000])
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    config = CleanConfig()
    tmp = Path(tempfile.mkdtemp(prefix="cleaner-ray-bench-"))
    try:
        for n in args.docs:
            folder = tmp / f"docs_{n}"
            size = write_docs(args.jsonl, n, folder)
            n = len(os.listdir(folder))
            print(f"{n} documents, {size / 1e6:.1f} MB, {args.cpus} CPUs, {os.cpu_count()} cores on the machine")
            digests = set()
            for _ in range(args.repeat):
                runs = [("local", lambda: clean_files(folder, config, workers=args.cpus)),
                        ("ray", lambda: clean_files_ray(folder, config, workers=args.cpus))]
                for name, fn in runs:
                    result, dt, load = timed(fn)
                    digests.add(content_digest(make_rows(result.docs))[0])
                    note = " (starts and stops a local Ray)" if name == "ray" else ""
                    print(f"  {name:<9} {dt:7.1f} s {n / dt:7.1f} docs/s  load {load:.1f}{note}", flush=True)
            with ray_session(num_cpus=args.cpus):
                clean_files_ray(folder, config)  # warm the workers
                result, dt, load = timed(lambda: clean_files_ray(folder, config))
                digests.add(content_digest(make_rows(result.docs))[0])
                print(f"  ray warm  {dt:7.1f} s {n / dt:7.1f} docs/s  load {load:.1f} (Ray already running)")
            print(f"  same rows from every run: {len(digests) == 1}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
