"""Bad input and faults at scale (issue 7): prints what was tried and that nothing was lost.

    python bench/faults.py                      # about 10 minutes on 2 busy cores
    python bench/faults.py --tiny 1000000       # the million tiny files (hours on 2 cores: not run)

Steps, each checked (an AssertionError stops the bench):
1. the bad-input set of tests/test_faults.py, copied --copies times into one INPUT, with a
   200 MB file (skipped `too-large` under the default 64 MiB limit, by size, without reading it),
   a 200 MB gzip bomb (stopped at the limit); then a --line-mb MB single-line article, read and
   cleaned under the default limit;
2. --tiny tiny files in 100 folders;
3. --kills SIGKILLs of `cleaner clean` at seeded random points (times, and just after the
   temporary version folder appears), then one run to the end;
4. a run while another holds the lock;
5. a version tampered with (every file of it in turn).
After each run: every input file appears exactly once in manifest["inputs"] (kept, duplicate
or skipped with a known reason), earlier versions verify, no half version exists.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_faults import (REASON_CODES, article, build_bad_inputs, check_accounting, cli_cmd,  # noqa: E402
                         read_rows, snapshot, write_articles)

from cleaner.loader import verify_files  # noqa: E402
from cleaner.package import versions  # noqa: E402


def run(cmd, **kw):
    t = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return p, time.monotonic() - t


def accounted(manifest: dict, files_on_disk: int) -> None:
    sources = [i["source"] for i in manifest["inputs"]]
    assert len(sources) == len(set(sources)) == files_on_disk, (len(sources), len(set(sources)), files_on_disk)
    for i in manifest["inputs"]:
        assert i["status"] in ("kept", "duplicate") or i["reason"].split(":")[0] in REASON_CODES, i


def count_inputs(root: Path) -> int:
    """Files and links the tool must list: *.txt / *.txt.gz entries and links to folders."""
    n = 0
    for dirpath, dirnames, filenames in os.walk(root):
        n += sum(os.path.islink(os.path.join(dirpath, d)) for d in dirnames)
        n += sum(f.lower().endswith((".txt", ".txt.gz")) for f in filenames)
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of the bad-input set")
    ap.add_argument("--big-mb", type=int, default=200, help="size of the large file and of the gzip bomb")
    ap.add_argument("--tiny", type=int, default=20_000, help="number of tiny files (1 in 20 a short article)")
    ap.add_argument("--line-mb", type=int, default=10, help="size of the single-line article")
    ap.add_argument("--kills", type=int, default=8, help="SIGKILLs at random points")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cleaner-faults-"))
    tried = Counter()
    files_total = 0
    rng = random.Random(a.seed)
    try:
        # 1. bad inputs at scale ----------------------------------------------------------
        inp, out = work / "bad", work / "out"
        limit = 400_000  # max_file_bytes of this run, as in the tests
        expected_by_copy = []
        for k in range(a.copies):
            expected = build_bad_inputs(inp / f"set-{k:02d}", work / "outside", max_file_bytes=limit, salt=f"c{k}")
            expected_by_copy.append(expected)
        with open(inp / "big.txt", "wb") as fh:
            block = (article("en", "big", 40) * 4).encode()
            for _ in range(a.big_mb * 1024 * 1024 // len(block) + 1):
                fh.write(block)
        with open(inp / "bomb.txt.gz", "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=1) as gz:
            chunk = b" word" * (1 << 18)
            for _ in range(a.big_mb * 1024 * 1024 // len(chunk)):
                gz.write(chunk)
        cfg = work / "cfg.json"
        cfg.write_text(json.dumps({"max_file_bytes": limit}))
        p, secs = run([sys.executable, "-m", "cleaner.cli", "clean", str(inp), "--out", str(out), "--name", "bad",
                       "--config", str(cfg), "--no-progress", "--json"], timeout=3600)
        assert p.returncode == 0, p.stderr[-3000:]
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        vdir = Path(json.loads(p.stdout.strip().splitlines()[-1])["path"])
        manifest = versions.read_manifest(vdir)
        accounted(manifest, count_inputs(inp))
        files_total += len(manifest["inputs"])
        by_source = {i["source"]: i for i in manifest["inputs"]}
        assert by_source["big.txt"]["reason"].startswith("too-large"), by_source["big.txt"]
        assert by_source["bomb.txt.gz"]["reason"].startswith("too-large"), by_source["bomb.txt.gz"]
        all_rows = read_rows(vdir)
        for k in range(a.copies):  # each copy file by file (its kept twin holds the text)
            prefix = f"set-{k:02d}/"
            sub = [dict(i, source=i["source"][len(prefix):]) for i in manifest["inputs"] if i["source"].startswith(prefix)]
            rows = {}
            for i in sub:
                if i["status"] == "duplicate":
                    i["status"] = "kept"
                rows[i["source"]] = all_rows.get(prefix + i["source"]) or all_rows.get(i.get("duplicate_of"))
            counts = Counter(i["status"] for i in sub)
            check_accounting({"inputs": sub, "counts": {"inputs": len(sub), "kept": counts["kept"], "duplicate": 0,
                                                        "skipped": counts["skipped"]}},
                             expected_by_copy[k], can_read_unreadable=os.geteuid() == 0, rows=rows)
        verify_files(vdir)
        reasons = Counter(i.get("reason", i["status"]).split(":")[0] for i in manifest["inputs"])
        tried["bad-input kinds"] = len(expected) + 2
        tried["bad-input files"] = len(manifest["inputs"])
        print(f"bad inputs: {len(manifest['inputs'])} files ({len(expected)} kinds x {a.copies} copies, "
              f"a {a.big_mb} MB file, a {a.big_mb} MB gzip bomb) in {secs:.1f}s, peak RSS {rss:.0f} MB")
        print("  outcomes: " + ", ".join(f"{r} {n}" for r, n in sorted(reasons.items())))
        shutil.rmtree(inp / "set-00" / "perm", ignore_errors=True)

        # 1b. a single-line article of --line-mb MB, read and cleaned under the default limit --------------------
        long_in = work / "long"
        long_in.mkdir()
        line = " ".join(article("en", f"line{k}", 1).strip() for k in range(a.line_mb * 10_000))[: a.line_mb * 1024 * 1024]
        (long_in / "long-line.txt").write_text("A very long line\n\n" + line + "\n")
        p, secs = run([sys.executable, "-m", "cleaner.cli", "clean", str(long_in), "--out", str(out), "--name", "long",
                       "--no-progress", "--json"], timeout=3600)
        assert p.returncode == 0, p.stderr[-3000:]
        s = json.loads(p.stdout.strip().splitlines()[-1])
        manifest = versions.read_manifest(Path(s["path"]))
        accounted(manifest, 1)
        files_total += 1
        print(f"long line: one {a.line_mb} MB line, {manifest['inputs'][0]['status']}"
              f"{' (' + manifest['inputs'][0].get('reason', '') + ')' if manifest['inputs'][0]['status'] != 'kept' else ''}"
              f", in {secs:.1f}s, peak RSS {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")

        # 2. many tiny files ----------------------------------------------------------------
        tiny = work / "tiny"
        t = time.monotonic()
        for k in range(a.tiny):
            d = tiny / f"d{k % 100:02d}"
            if k < 100:
                d.mkdir(parents=True)
            body = article("en", k, 2) if k % 20 == 0 else f"The council approved plan {k} today.\n"
            (d / f"t{k:07d}.txt").write_text(f"Note {k}\n\n{body}")
        made = time.monotonic() - t
        p, secs = run([sys.executable, "-m", "cleaner.cli", "clean", str(tiny), "--out", str(out), "--name", "tiny",
                       "--no-progress", "--json"], timeout=6 * 3600)
        assert p.returncode == 0, p.stderr[-3000:]
        manifest = versions.read_manifest(Path(json.loads(p.stdout.strip().splitlines()[-1])["path"]))
        accounted(manifest, a.tiny)
        files_total += a.tiny
        tried["tiny files"] = a.tiny
        c = manifest["counts"]
        print(f"tiny files: {a.tiny} (written in {made:.0f}s) cleaned in {secs:.1f}s ({a.tiny / secs:.0f} files/s): "
              f"{c['kept']} kept, {c['duplicate']} duplicates, {c['skipped']} skipped")
        shutil.rmtree(tiny)

        # 3. SIGKILL at random points --------------------------------------------------------
        kin, kout = work / "kill-in", work / "kill-out"
        write_articles(kin, 0, 300)
        p, duration = run(cli_cmd(kin, kout), timeout=3600)
        assert p.returncode == 0, p.stderr
        v1 = kout / "news" / "v1.0.0"
        before = snapshot(v1)
        write_articles(kin, 300, 50)
        killed = completed = 0
        for k in range(a.kills):
            proc = subprocess.Popen(cli_cmd(kin, kout), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if k % 2:
                while proc.poll() is None and not list((kout / "news").glob(".tmp-*")):
                    time.sleep(0.002)
                time.sleep(rng.uniform(0, 0.5))
            else:
                time.sleep(rng.uniform(0.2, duration))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed += proc.returncode == -signal.SIGKILL
            assert snapshot(v1) == before
            for v in (kout / "news").iterdir():
                if not v.name.startswith("."):
                    verify_files(v)
            if (kout / "news" / "v1.1.0").exists():
                completed += 1
                shutil.rmtree(kout / "news" / "v1.1.0")
        p, _ = run(cli_cmd(kin, kout, "--json"), timeout=3600)
        assert p.returncode == 0, p.stderr
        s = json.loads(p.stdout.strip().splitlines()[-1])
        clean_run = run(cli_cmd(kin, work / "kill-ref", "--json"), timeout=3600)[0]
        ref = json.loads(clean_run.stdout.strip().splitlines()[-1])
        assert s["version"] == "1.1.0" and s["content_sha256"] == ref["content_sha256"]
        assert not list((kout / "news").glob(".tmp-*"))
        accounted(versions.read_manifest(kout / "news" / "v1.1.0"), 350)
        files_total += 350
        tried["SIGKILLs"] = a.kills
        print(f"SIGKILL: {a.kills} runs killed at seeded points ({killed} died by the signal, {completed} had "
              f"already renamed a complete version); v1.0.0 byte-identical; the next run equals an "
              f"uninterrupted one ({s['content_sha256'][:12]})")

        # 4. the lock -------------------------------------------------------------------------
        with versions.locked(kout / "news"):
            p, _ = run(cli_cmd(kin, kout), timeout=3600)
        assert p.returncode == 1 and "another cleaner run is writing" in p.stderr
        tried["concurrent runs"] = 1

        # 5. tampering ------------------------------------------------------------------------
        vdir = kout / "news" / "v1.1.0"
        names = sorted(versions.read_manifest(vdir)["files"])
        for rel in names:
            saved = (vdir / rel).read_bytes()
            (vdir / rel).write_bytes(saved[:-1] + bytes([saved[-1] ^ 1]))
            try:
                verify_files(vdir)
                raise AssertionError(f"tampered {rel} not detected")
            except versions.VersionError as e:
                assert rel in str(e), str(e)
            (vdir / rel).write_bytes(saved)
        verify_files(vdir)
        tried["tampered files"] = len(names)

        print(f"\ntried: {tried['bad-input files']} bad-input files ({tried['bad-input kinds']} kinds), a {a.line_mb} MB line, "
              f"{tried['tiny files']} tiny files, {tried['SIGKILLs']} SIGKILLs, {tried['concurrent runs']} "
              f"locked run, {tried['tampered files']} tampered files "
              f"({a.kills + 1 + len(names)} faults)")
        print(f"nothing lost: all {files_total} input files accounted for exactly once; no half version; "
              "earlier versions verified after every fault")
    finally:
        for p in work.rglob("*"):
            if not p.is_symlink() and not os.access(p, os.R_OK):
                os.chmod(p, 0o755)
        if a.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
