"""The local engine against the Ray engine on the same files: docs/s, the peak memory of the
process that runs the engine, and the same version.

    python bench/ray_engine.py DOCS.jsonl --docs 10000 30000 [--cpus 2] [--repeat 1]

DOCS.jsonl holds one document a line with ``id`` and ``text`` (e.g. the dedup benchmark's
``data/docs_10000.jsonl``); the first N are written as N .txt files into a temporary folder,
then each engine cleans that folder and writes a dataset version of it (as ``cleaner clean
--no-report`` does), alternately, ``--repeat`` times. Each Ray run starts and stops its own
local Ray (with ``--cpus`` CPUs), so its time includes that start-up; a line with the warm
time (Ray already running) follows. "peak" is the highest resident memory of this process
during the run (Linux: VmHWM, reset before each run): the local engine's main process, or
the Ray engine's driver (Ray's own processes and workers are not counted, nor the local
engine's workers). The load average is printed with every figure: on a shared machine the
figures move with it.
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
from cleaner.engines.ray_engine import ray_session, run_files_ray
from cleaner.package.versions import write_version
from cleaner.pipeline import run_files


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


def _peak_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed(fn):
    """(result, seconds, load average, peak MB of this process during fn)."""
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # resets VmHWM to the current resident size
    load = os.getloadavg()[0]
    t = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t, load, _peak_mb()


def versioned(run, out: Path):
    """Write the run as a version under ``out`` (closing the run); the version's shards' bytes."""
    with run:
        outcome = write_version(run, out, "bench")
    data = sorted((outcome.path / "data").glob("*.parquet"))
    return outcome.manifest["content_sha256"], tuple(p.read_bytes() for p in data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", type=Path)
    ap.add_argument("--docs", type=int, nargs="+", default=[2000])
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    config = CleanConfig()
    tmp = Path(tempfile.mkdtemp(prefix="cleaner-ray-bench-"))
    try:
        for n in args.docs:
            folder = tmp / f"docs_{n}"
            size = write_docs(args.jsonl, n, folder)
            n = len(os.listdir(folder))
            print(f"{n} documents, {size / 1e6:.1f} MB, {args.cpus} CPUs, {os.cpu_count()} cores on the machine")
            outputs = set()
            k = 0

            def out():
                nonlocal k
                k += 1
                shutil.rmtree(tmp / "out", ignore_errors=True)
                return tmp / "out" / str(k)

            for _ in range(args.repeat):
                def local():
                    o = out()  # the spill in the dataset's folder, as cleaner clean puts it
                    return versioned(run_files(folder, config, workers=args.cpus, spill_dir=o / "bench"), o)

                runs = [("local", local),
                        ("ray", lambda: versioned(run_files_ray(folder, config, workers=args.cpus), out()))]
                for name, fn in runs:
                    version, dt, load, peak = timed(fn)
                    outputs.add(version)
                    note = " (starts and stops a local Ray)" if name == "ray" else ""
                    print(f"  {name:<9} {dt:7.1f} s {n / dt:7.1f} docs/s  peak {peak:6.0f} MB  load {load:.1f}{note}",
                          flush=True)
            with ray_session(num_cpus=args.cpus):
                versioned(run_files_ray(folder, config), out())  # warm the workers
                version, dt, load, peak = timed(lambda: versioned(run_files_ray(folder, config), out()))
                outputs.add(version)
                print(f"  ray warm  {dt:7.1f} s {n / dt:7.1f} docs/s  peak {peak:6.0f} MB  load {load:.1f} "
                      "(Ray already running)")
            print(f"  same version (content hash and Parquet bytes) from every run: {len(outputs) == 1}", flush=True)
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
