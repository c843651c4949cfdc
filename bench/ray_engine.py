"""The local engine against the Ray engine on the same files: docs/s, the peak memory of the
process that runs the engine, and the same version.

    python bench/ray_engine.py DOCS.jsonl --docs 10000 30000 [--cpus 2] [--repeat 1]

DOCS.jsonl holds one document a line with ``id`` and ``text`` (e.g. the dedup benchmark's
``data/docs_10000.jsonl``); the first N are written as N .txt files into a temporary folder,
then each engine cleans that folder and writes a dataset version of it (as ``cleaner clean
--no-report`` does), alternately, ``--repeat`` times, each run in a process of its own. Each
Ray run starts and stops its own local Ray (with ``--cpus`` CPUs), so its time includes that
start-up; a line with the warm time (Ray already running, after a first run in the same
process) follows. "peak" is the highest resident memory of the process that runs the engine
(Linux: VmHWM; for the warm run, since the measured run started): the local engine's main
process, or the Ray engine's driver (Ray's own processes and workers are not counted, nor
the local engine's workers). The load average is printed with every figure: on a shared
machine the figures move with it.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


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


def one_run(engine: str, folder: Path, out: Path, cpus: int) -> dict:
    """In this process: clean ``folder`` with ``engine`` (local, ray, ray-warm) and write the
    version under ``out``; seconds, load, peak MB and a digest of the version's rows and shards."""
    from cleaner.config import CleanConfig
    from cleaner.engines.ray_engine import ray_session, run_files_ray
    from cleaner.package.versions import write_version
    from cleaner.pipeline import run_files

    config = CleanConfig()

    def versioned(run, name: str) -> str:
        with run:
            outcome = write_version(run, out, name)
        h = hashlib.sha256(outcome.manifest["content_sha256"].encode())
        for p in sorted((outcome.path / "data").glob("*.parquet")):
            h.update(p.read_bytes())
        return h.hexdigest()

    def run(name: str) -> str:
        if engine == "local":  # the spill in the dataset's folder, as cleaner clean puts it
            return versioned(run_files(folder, config, workers=cpus, spill_dir=out / name), name)
        return versioned(run_files_ray(folder, config, workers=cpus), name)

    with ray_session(num_cpus=cpus) if engine == "ray-warm" else contextlib.nullcontext():
        if engine == "ray-warm":
            run("warm-up")
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # resets VmHWM to the current resident size
        load = os.getloadavg()[0]
        t = time.perf_counter()
        digest = run("bench")
        return {"seconds": time.perf_counter() - t, "load": load, "peak": _peak_mb(), "digest": digest}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", type=Path)
    ap.add_argument("--docs", type=int, nargs="+", default=[2000])
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--one", nargs=3, metavar=("ENGINE", "FOLDER", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        engine, folder, out = args.one
        print(json.dumps(one_run(engine, Path(folder), Path(out), args.cpus)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="cleaner-ray-bench-"))
    try:
        for n in args.docs:
            folder = tmp / f"docs_{n}"
            size = write_docs(args.jsonl, n, folder)
            n = len(os.listdir(folder))
            print(f"{n} documents, {size / 1e6:.1f} MB, {args.cpus} CPUs, {os.cpu_count()} cores on the machine")
            digests = set()
            notes = {"ray": " (starts and stops a local Ray)", "ray-warm": " (Ray already running)"}
            for engine in ["local", "ray"] * args.repeat + ["ray-warm"]:
                shutil.rmtree(tmp / "out", ignore_errors=True)
                done = subprocess.run([sys.executable, __file__, str(args.jsonl), "--cpus", str(args.cpus), "--one",
                                       engine, str(folder), str(tmp / "out")], stdout=subprocess.PIPE, text=True, check=True)
                r = json.loads(done.stdout.strip().splitlines()[-1])
                digests.add(r["digest"])
                print(f"  {engine:<9} {r['seconds']:7.1f} s {n / r['seconds']:7.1f} docs/s  peak {r['peak']:6.0f} MB  "
                      f"load {r['load']:.1f}{notes.get(engine, '')}", flush=True)
            print(f"  same version (content hash and Parquet bytes) from every run: {len(digests) == 1}", flush=True)
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
