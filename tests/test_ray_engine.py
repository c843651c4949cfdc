"""The Ray engine gives the same result as the local engine, byte for byte.

A local Ray with 2 CPUs runs on a few hundred generated documents (the seeds, plus BBC articles
from tests/fixtures/ray wrapped in site chrome, copied across sites, edited, truncated,
re-encoded, gzipped, and some files that must be skipped). Skipped only when Ray is not
installed (``pip install -e '.[ray]'``).
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from cleaner.config import CleanConfig
from cleaner.package.dataset import content_digest, make_rows
from cleaner.package.versions import write_version
from cleaner.pipeline import clean_files

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ray"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

needs_ray = pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                               reason="ray is not installed (pip install -e '.[ray]')")

SITES = {
    "ledger": (["Skip to main content", "Home | World | Business | Sport | Tech | Culture", "The Morning Ledger"],
               ["Share this article", "Sign up for the Morning Ledger briefing, every weekday at 7am",
                "© 2005 The Morning Ledger. All rights reserved."]),
    "courier": (["Menu", "Search", "Courier Daily - news you can trust"],
                ["- Advertisement -", "Comments (0) - Be the first to comment",
                 "Courier Daily is published by Courier Media Group. Contact us | Privacy | Terms"]),
    "wire": (["WIRE NEWS", "Latest | Most read | Video"],
             ["Related stories", "Follow us on Facebook, Twitter and Instagram",
              "Copyright 2005 Wire News Agency"]),
}


def _page(site: str, art: dict, paras: list[str], rng: random.Random) -> str:
    head, foot = SITES[site]
    date = f"{rng.randint(1, 28)} {rng.choice(['January', 'March', 'June', 'November'])} 2005"
    lines = head + [art["title"], date, ""] + [p for para in paras for p in (para, "")] + foot
    return "\n".join(lines) + "\n"


def make_corpus(folder: Path) -> Path:
    """A few hundred scraped-looking files with every kind of outcome (deterministic)."""
    rng = random.Random(8)
    arts = json.loads((FIXTURES / "bbc_articles.json").read_text(encoding="utf-8"))
    shutil.copytree(SEEDS, folder / "seeds")
    for k, art in enumerate(arts):
        cat, paras = art["category"], art["paragraphs"]
        name = f"{cat}/{k:03d}"
        sites = rng.sample(sorted(SITES), 3)
        (folder / sites[0] / cat).mkdir(parents=True, exist_ok=True)
        (folder / sites[1] / cat).mkdir(parents=True, exist_ok=True)
        (folder / sites[2] / cat).mkdir(parents=True, exist_ok=True)
        # the story on three sites: exact copies of the body under different chrome
        (folder / sites[0] / f"{name}.txt").write_text(_page(sites[0], art, paras, rng), encoding="utf-8")
        (folder / sites[1] / f"{name}.txt").write_bytes(
            _page(sites[1], art, paras, rng).encode("cp1252", errors="replace"))  # a legacy code page
        with gzip.open(folder / sites[2] / f"{name}.txt.gz", "wt", encoding="utf-8") as fh:
            fh.write(_page(sites[2], art, paras, rng))
        # edited copies: a word changed and a line added (near), the first paragraphs (contained)
        words = paras[0].split()
        words[len(words) // 2] = "reportedly"
        edited = [" ".join(words)] + paras[1:] + ["Additional reporting by our correspondent."]
        (folder / sites[0] / f"{name}-update.txt").write_text(_page(sites[0], art, edited, rng), encoding="utf-8")
        if len(paras) >= 3:
            (folder / sites[1] / f"{name}-short.txt").write_text(_page(sites[1], art, paras[:2], rng),
                                                                 encoding="utf-8")
        # a live page: the paragraphs with advertisement markers between them
        live = [p for para in paras for p in (para, "Advertisement")]
        (folder / "live" / cat).mkdir(parents=True, exist_ok=True)
        (folder / "live" / f"{name}.txt").write_text(_page(sites[2], art, live, rng), encoding="utf-8")
    bad = folder / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "utf16.txt").write_bytes("A short note in UTF-16 with a BOM.\nSecond line.".encode("utf-16"))
    (bad / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    (bad / "chrome-only.txt").write_text("Skip to main content\nMenu\nSearch\nShare this article\n", encoding="utf-8")
    return folder


def _inputs(manifest: dict) -> list:
    return manifest["inputs"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("ray-corpus") / "scrape")


@pytest.fixture(scope="module")
def local_result(corpus):
    return clean_files(corpus, CleanConfig(), workers=1)


@pytest.fixture(scope="module")
def ray_cluster():
    """A private local Ray with 2 CPUs on 127.0.0.1, shut down after this module."""
    import ray

    from cleaner.engines.ray_engine import ray_session

    assert not ray.is_initialized()
    with ray_session(num_cpus=2) as r:
        yield r
    assert not ray.is_initialized()


def test_corpus_covers_every_outcome(local_result):
    docs = local_result.docs
    assert 200 <= len(docs) <= 400
    hows = {d.reason for d in docs if d.status == "duplicate"}
    assert {"exact", "near", "contained"} <= hows, hows
    assert sum(d.status == "skipped" for d in docs) >= 4
    assert {"cp1252", "utf-8"} <= {d.encoding for d in docs}
    assert any(r.reason == "corpus-repeat" for d in docs for r in d.removals)


@needs_ray
def test_ray_engine_gives_the_same_documents_rows_and_parquet(ray_cluster, corpus, local_result, tmp_path):
    from cleaner.engines.ray_engine import clean_files_ray

    ticks = []
    result = clean_files_ray(corpus, CleanConfig(), progress=lambda *a: ticks.append(a), block_rows=16)
    assert [d.source for d in result.docs] == [d.source for d in local_result.docs]
    assert result.docs == local_result.docs  # every field: text, removals, meta, language, duplicates
    assert content_digest(make_rows(result.docs)) == content_digest(make_rows(local_result.docs))
    assert ticks[-1] == ("dedup", len(result.docs), len(result.docs))

    a = write_version(local_result, tmp_path / "local", "news")
    b = write_version(result, tmp_path / "ray", "news")
    assert _inputs(a.manifest) == _inputs(b.manifest)
    assert a.manifest["content_sha256"] == b.manifest["content_sha256"]
    assert a.manifest["counts"] == b.manifest["counts"]
    shards_a = sorted((a.path / "data").glob("*.parquet"))
    shards_b = sorted((b.path / "data").glob("*.parquet"))
    assert [p.name for p in shards_a] == [p.name for p in shards_b] and shards_a
    for pa_, pb_ in zip(shards_a, shards_b):
        assert pa_.read_bytes() == pb_.read_bytes(), pa_.name
    assert {k: v for k, v in a.manifest["files"].items() if k.startswith("data/")} == {
        k: v for k, v in b.manifest["files"].items() if k.startswith("data/")}


@needs_ray
def test_url_input_read_by_workers_through_pyarrow_fs_matches(ray_cluster, corpus, local_result):
    """The object-store path (pyarrow.fs listing on the driver, workers read the raw bytes), tried
    on a file:// URL."""
    from cleaner.engines.ray_engine import clean_files_ray

    result = clean_files_ray(corpus.resolve().as_uri(), CleanConfig())
    assert result.docs == local_result.docs
    assert content_digest(make_rows(result.docs)) == content_digest(make_rows(local_result.docs))


@needs_ray
def test_table_input_matches(ray_cluster, tmp_path):
    """A JSONL table of records (listed by the driver like the local engine lists it)."""
    from cleaner.engines.ray_engine import clean_files_ray

    arts = json.loads((FIXTURES / "bbc_articles.json").read_text(encoding="utf-8"))
    table = tmp_path / "docs.jsonl"
    with open(table, "w", encoding="utf-8") as fh:
        for k, art in enumerate(arts[:30]):
            text = "\n\n".join([art["title"]] + art["paragraphs"] + ["Share this article"])
            fh.write(json.dumps({"id": f"a{k}", "text": text}) + "\n")
            if k % 5 == 0:
                fh.write(json.dumps({"id": f"copy{k}", "text": text}) + "\n")
        fh.write("not json\n")
    local = clean_files(table, CleanConfig(), workers=1)
    assert any(d.status == "duplicate" for d in local.docs) and any(d.status == "skipped" for d in local.docs)
    assert clean_files_ray(table, CleanConfig()).docs == local.docs


@needs_ray
def test_url_to_a_table_is_a_clear_error(tmp_path):
    from cleaner.engines.ray_engine import clean_files_ray
    from cleaner.errors import InputError

    table = tmp_path / "docs.jsonl"
    table.write_text('{"id": "a", "text": "A story."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="is a table"):
        clean_files_ray(table.as_uri(), CleanConfig())
    with pytest.raises(InputError, match="does not exist"):
        clean_files_ray((tmp_path / "missing").as_uri(), CleanConfig())


@needs_ray
def test_cli_engine_ray_makes_no_new_version_after_local(ray_cluster, tmp_path):
    from click.testing import CliRunner

    from cleaner.cli import main

    runner = CliRunner()
    out = tmp_path / "data"
    first = runner.invoke(main, ["clean", str(SEEDS), "--out", str(out), "--no-report", "--workers", "1"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["clean", str(SEEDS), "--out", str(out), "--no-report", "--engine", "ray"])
    assert again.exit_code == 0, again.output
    assert "no change" in again.output


@needs_ray
def test_workers_with_other_cleaner_code_are_refused(ray_cluster, monkeypatch):
    """A worker whose cleaner source differs from the driver's (another version on a node, or
    files edited during the run) stops the run with a clear error instead of mixed output."""
    from cleaner.engines import ray_engine

    monkeypatch.setattr(ray_engine, "CODE_FINGERPRINT", "0" * 64)  # the driver's, as workers see it
    with pytest.raises(ray_engine.CodeMismatch, match="different cleaner code"):
        ray_engine.clean_files_ray(SEEDS, CleanConfig())


def test_engine_ray_without_ray_names_the_extra(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from cleaner.cli import main

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    res = CliRunner().invoke(main, ["clean", str(SEEDS), "--out", str(tmp_path), "--engine", "ray"])
    assert res.exit_code == 1
    assert "pip install 'cleaner[ray]'" in res.output


def test_address_needs_engine_ray(tmp_path):
    from click.testing import CliRunner

    from cleaner.cli import main

    res = CliRunner().invoke(main, ["clean", str(SEEDS), "--out", str(tmp_path), "--address", "auto"])
    assert res.exit_code == 1
    assert "--address needs --engine ray" in res.output


def test_unreachable_address_fails_fast():
    import socket

    from cleaner.engines.ray_engine import EngineUnavailable, _check_reachable

    with socket.socket() as s:  # a port nobody listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        with pytest.raises(EngineUnavailable, match="cannot reach the Ray cluster"):
            _check_reachable(f"127.0.0.1:{port}", timeout=2)
        with pytest.raises(EngineUnavailable):
            _check_reachable(f"ray://127.0.0.1:{port}", timeout=2)
    _check_reachable("auto")  # left to Ray


@needs_ray
@pytest.mark.parametrize("partitions", [1, 3])
def test_band_grouping_as_a_ray_shuffle_finds_the_same_pairs(ray_cluster, partitions):
    """The Ray shuffle of the band keys finds exactly the LSH pairs of the local engine: random
    signatures with planted near copies, a bucket of 40 (more than max_gap) and inactive rows."""
    import numpy as np

    from cleaner.dedup.near import lsh_candidates
    from cleaner.engines.ray_engine import shuffled_lsh_candidates

    rng = np.random.default_rng(3)
    sig = rng.integers(0, 2**32, size=(300, 16), dtype=np.uint64).astype(np.uint32)
    for k in range(0, 120, 3):  # near copies: 4 of 16 slots changed
        sig[k + 1] = sig[k]
        sig[k + 1, rng.choice(16, 4, replace=False)] = rng.integers(0, 2**32, 4)
    sig[200:240, :4] = sig[199, :4]  # one bucket of 41 in band 0
    active = np.ones(300, dtype=bool)
    active[[5, 201, 299]] = False
    expected = lsh_candidates(sig, 4, active)
    assert len(expected) > 100 and not np.isin([5, 201, 299], expected).any()
    found = shuffled_lsh_candidates(ray_cluster, partitions)(sig, 4, active)
    assert np.array_equal(found, expected)


CREATED = re.compile('"created":|"report\\.html": "|Cleaning report · created'.encode())


def _version_files(folder: Path) -> dict[str, bytes]:
    """Every file of a version folder, the lines that hold its creation time left out (what
    /tmp/cpu/cmp.sh ignores: the manifest's "created", the report's date and its checksum)."""
    return {p.relative_to(folder).as_posix(): b"".join(line for line in p.read_bytes().splitlines(keepends=True)
                                                       if not CREATED.search(line))
            for p in sorted(folder.rglob("*")) if p.is_file()}


@needs_ray
def test_ray_run_keeps_entries_on_the_driver_and_documents_in_ray(ray_cluster, corpus, local_result):
    from cleaner.engines.ray_engine import RayDocuments, run_files_ray
    from cleaner.spill import Entry

    with run_files_ray(corpus, CleanConfig(), block_rows=16) as run:
        assert isinstance(run.spill, RayDocuments)
        assert all(type(e) is Entry for e in run.docs)  # no text, removals or metadata here
        assert [(e.source, e.status, e.reason, e.duplicate_of) for e in run.docs] == \
            [(d.source, d.status, d.reason, d.duplicate_of) for d in local_result.docs]
        assert [run.document(e) for e in run.docs] == local_result.docs


@needs_ray
def test_cli_engine_ray_writes_the_local_version_byte_for_byte_with_shards_written_by_ray(
        ray_cluster, corpus, tmp_path, monkeypatch):
    """Several shards (shard_rows 20), the report on: every file of the version is the local
    engine's but for its creation time; and the driver never wrote a Parquet file (the test
    process is the driver: its ParquetWriter and write_shard fail, the Ray workers' do not)."""
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from cleaner.cli import main
    from cleaner.package import dataset

    config = tmp_path / "small-shards.toml"
    config.write_text("shard_rows = 20\n", encoding="utf-8")
    args = ["clean", str(corpus), "--config", str(config), "--name", "news"]
    runner = CliRunner()
    local = runner.invoke(main, [*args, "--out", str(tmp_path / "local"), "--workers", "1"])
    assert local.exit_code == 0, local.output

    def not_here(*a, **k):
        raise AssertionError(f"the driver (pid {os.getpid()}) wrote a shard")

    monkeypatch.setattr(pq, "ParquetWriter", not_here)
    monkeypatch.setattr(dataset, "write_shard", not_here)
    ray = runner.invoke(main, [*args, "--out", str(tmp_path / "ray"), "--engine", "ray"])
    assert ray.exit_code == 0, ray.output
    a = _version_files(tmp_path / "local" / "news" / "v1.0.0")
    b = _version_files(tmp_path / "ray" / "news" / "v1.0.0")
    assert sum(name.startswith("data/train-") for name in a) >= 3
    assert "report.html" in a and "manifest.json" in a
    assert sorted(a) == sorted(b)
    for name in a:
        assert a[name] == b[name], name
    assert sorted(p.name for p in (tmp_path / "ray" / "news").iterdir()) == [".lock", "v1.0.0"]


# The interrupted run is its own driver process, with its own local Ray: if Ray took that
# process down, the test fails with what it printed and Ray's log, and the suite goes on.
INTERRUPTED_DRIVER = """
import sys
from pathlib import Path

from cleaner.config import CleanConfig
from cleaner.engines.ray_engine import ray_session, run_files_ray
from cleaner.package import dataset
from cleaner.package.versions import write_version


def interrupt(self, part, lines):
    raise KeyboardInterrupt


with ray_session(num_cpus=2):
    with run_files_ray(sys.argv[1], CleanConfig(shard_rows=4)) as run:
        dataset.RowSummary.merge = interrupt  # Ctrl-C once the first shard is written
        try:
            write_version(run, Path(sys.argv[2]), "news")
        except KeyboardInterrupt:
            print("interrupted while writing shards")
"""


def _ray_driver_log(pid: int, lines: int = 40) -> str:
    import tempfile

    logs = sorted(Path(os.environ.get("RAY_TMPDIR", tempfile.gettempdir()), "ray").glob(
        f"session_*/logs/python-core-driver-*_{pid}.log"))
    return "\n".join(logs[-1].read_text(errors="replace").splitlines()[-lines:]) if logs else "(no Ray driver log)"


@needs_ray
def test_interrupt_while_ray_writes_shards_leaves_no_version(corpus, tmp_path):
    """Interrupted (Ctrl-C on the driver) when the first of many shards is done: the shard
    tasks are stopped, the temporary folder removed, no version written and the earlier one
    untouched; nothing appears later either. If Ray itself takes the driver down (the exit code
    without our message), that is said as a warning and the run tried once more, in a new folder:
    a Ray failure is no answer about our clean-up, and a second one fails the test."""
    import subprocess
    import time
    import warnings

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    for attempt in (1, 2):
        out = tmp_path / f"attempt{attempt}"
        first = write_version(clean_files(SEEDS, CleanConfig(), workers=1), out, "news")
        before = _version_files(first.path)
        child = subprocess.Popen([sys.executable, "-c", INTERRUPTED_DRIVER, str(corpus), str(out)],
                                 cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        stdout, stderr = child.communicate(timeout=300)
        said = f"exit {child.returncode}\n{stdout[-2000:]}\n{stderr[-4000:]}\n{_ray_driver_log(child.pid)}"
        if child.returncode != 0 and attempt == 1 and "Traceback" not in stderr:
            warnings.warn(f"the interrupted Ray driver died, trying again: {said}")
            continue
        assert child.returncode == 0 and "interrupted while writing shards" in stdout, said
        time.sleep(2)
        assert sorted(p.name for p in (out / "news").iterdir()) == [".lock", "v1.0.0"]
        assert _version_files(first.path) == before
        break


@needs_ray
def test_a_shard_task_that_does_not_see_the_output_folder_says_so(tmp_path):
    """On a node without the output folder (not on a shared filesystem), the shard task stops
    with that reason instead of writing somewhere else."""
    from cleaner.engines.ray_engine import CODE_FINGERPRINT, _write_shard
    from cleaner.errors import CleanerError

    with pytest.raises(CleanerError, match="must be a path every node sees"):
        _write_shard(str(tmp_path / ".tmp-1"), "train-00000-of-00001.parquet", {}, CODE_FINGERPRINT)
    assert not (tmp_path / ".tmp-1").exists()
