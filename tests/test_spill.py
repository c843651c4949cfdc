"""The streamed run: documents in a spill folder on disk, not in the main process; the same
output as the in-memory run, and no spill left behind, however the run ends."""
import fcntl
import random
import shutil
from pathlib import Path

import pytest

from cleaner import pipeline as pl
from cleaner.cli import main as cli_main
from cleaner.package import dataset, versions
from cleaner.spill import PREFIX, Entry, Spill, SpillError
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


WORDS = ("the council said on monday that a new plan for the city would cost more than expected and "
         "officials from both parties agreed to meet again next week after talks about schools roads "
         "water and the budget of the old harbour district").split()


def story(k: int) -> str:
    rng = random.Random(k)
    paras = (" ".join(rng.choice(WORDS) for _ in range(24)).capitalize() + "." for _ in range(4))
    return "\n\n".join(paras) + "\n"


@pytest.fixture
def corpus(tmp_path):
    """Enough files for the worker pool: seed pages each with a story of its own, an identical
    copy, an empty file."""
    folder = tmp_path / "in"
    folder.mkdir()
    srcs = sorted((ROOT / "seeds").glob("*.txt"))
    for k in range(70):
        text = srcs[k % len(srcs)].read_text(encoding="utf-8")
        (folder / f"{k:03d}.txt").write_text(text + "\n" + story(k), encoding="utf-8")
    shutil.copy(folder / "003.txt", folder / "copy.txt")
    (folder / "empty.txt").write_text("")
    return folder


def spills(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(PREFIX + "*"))


@pytest.mark.parametrize("workers", [1, 2])
def test_streamed_run_holds_entries_and_reads_documents_back(corpus, tmp_path, workers):
    """The result of run_files holds Entries (no text, removals or metadata); each Document is
    read back from the spill, equal to the in-memory run's; the spill is gone at the end."""
    expected = pl.clean_files(corpus, workers=workers)
    where = tmp_path / "spill-here"
    with pl.run_files(corpus, workers=workers, spill_dir=where) as run:
        assert all(type(e) is Entry for e in run.docs)
        assert not any(hasattr(e, "text") or hasattr(e, "removals") for e in run.docs)
        assert spills(where) == [run.spill.folder.name]
        files = sorted(p.name for p in run.spill.folder.iterdir())
        assert any(f.startswith("read-") for f in files) and any(f.startswith("clean-") for f in files)
        assert [run.document(e) for e in run.docs] == expected.docs
        assert {d.status for d in expected.docs} == {"kept", "duplicate", "skipped"}
    assert spills(where) == []


def test_writer_reads_each_row_from_the_spill(corpus, tmp_path, monkeypatch):
    """Writing a streamed run loads each kept document from disk as its row is made, and gives
    the same version, byte for byte, as writing the in-memory run."""
    a = versions.write_version(pl.clean_files(corpus), tmp_path / "a", "news")
    loaded = []
    load = Spill.load
    monkeypatch.setattr(Spill, "load", lambda self, e: loaded.append(e.id) or load(self, e))
    with pl.run_files(corpus, spill_dir=tmp_path / "b" / "news") as run:
        b = versions.write_version(run, tmp_path / "b", "news")
        kept = sorted(e.id for e in run.docs if e.status == "kept")
    assert loaded == kept  # in row (id) order, each once
    assert a.manifest["content_sha256"] == b.manifest["content_sha256"]
    assert a.manifest["removals_by_reason"] == b.manifest["removals_by_reason"]
    for name in ("data/train-00000-of-00001.parquet", "croissant.json"):
        assert (a.path / name).read_bytes() == (b.path / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "b" / "news").iterdir()) == [".lock", "v1.0.0"]


def test_tiny_batches_give_the_same_output(corpus, monkeypatch):
    """A batch of one document per worker task (and per append to the spill) changes nothing."""
    expected = dataset.content_digest(dataset.make_rows(pl.clean_files(corpus, workers=2).docs))
    monkeypatch.setattr(pl, "_CHUNK", 1)
    result = pl.clean_files(corpus, workers=2)
    assert dataset.content_digest(dataset.make_rows(result.docs)) == expected


@pytest.mark.parametrize("workers", [1, 2])
def test_spill_removed_when_the_run_fails(corpus, tmp_path, monkeypatch, workers):
    step = pl._clean_step  # (clean_step, with the body it derives: what the workers run)

    def failing(doc, *a):
        if doc.source == "040.txt":
            raise RuntimeError("boom")
        return step(doc, *a)

    monkeypatch.setattr(pl, "_clean_step", failing)
    with pytest.raises(RuntimeError, match="boom"):
        pl.run_files(corpus, workers=workers, spill_dir=tmp_path)
    assert spills(tmp_path) == []


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_cli_leaves_no_spill_when_writing_fails(corpus, tmp_path, monkeypatch, error):
    """`cleaner clean` keeps its spill beside the version's temporary folder; when writing the
    version fails, neither is left and the earlier version is untouched."""
    out = tmp_path / "out"
    r = CliRunner().invoke(cli_main, ["clean", str(corpus), "--out", str(out), "--name", "news", "--no-progress"])
    assert r.exit_code == 0, r.output
    (corpus / "new.txt").write_text("A new headline\n\n" + "The council met on Monday and agreed a plan. " * 8)
    made = []
    spill_init = Spill.__init__
    monkeypatch.setattr(Spill, "__init__", lambda self, parent=None: made.append(parent) or spill_init(self, parent))
    monkeypatch.setattr(dataset, "write_shards", lambda *a, **k: (_ for _ in ()).throw(error("cut")))
    r = CliRunner().invoke(cli_main, ["clean", str(corpus), "--out", str(out), "--name", "news", "--no-progress"])
    assert r.exit_code != 0 and (error is KeyboardInterrupt or str(r.exception) == "cut")  # click: "Aborted!"
    assert made == [out / "news"]
    assert sorted(p.name for p in (out / "news").iterdir()) == [".lock", "v1.0.0"]


def test_a_dead_runs_spill_is_removed_a_live_one_kept(tmp_path):
    dead = tmp_path / (PREFIX + "dead")
    dead.mkdir()
    (dead / "lock").write_text("")
    (dead / "read-1.pkl").write_bytes(b"x" * 100)
    live = tmp_path / (PREFIX + "live")
    live.mkdir()
    with open(live / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with Spill(tmp_path) as spill:
            assert spills(tmp_path) == sorted([PREFIX + "live", spill.folder.name])
    assert spills(tmp_path) == [PREFIX + "live"]


def test_spill_write_error_is_clear(corpus, tmp_path, monkeypatch):
    """A spill that cannot be written (here: /dev/full, ENOSPC) fails the run with a clear
    CleanerError, and the spill folder goes."""
    import cleaner.spill as sp

    opened = sp.Appender.__init__

    def to_full_device(self, folder, stage):
        opened(self, folder, stage)
        self._fh.close()
        self._fh = open("/dev/full", "ab")

    monkeypatch.setattr(sp.Appender, "__init__", to_full_device)
    with pytest.raises(SpillError, match="No space left on device; nothing was written"):
        pl.run_files(corpus, workers=1, spill_dir=tmp_path)
    assert spills(tmp_path) == [] and not list(tmp_path.glob(".new*"))


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_table_texts_wait_in_the_spill(tmp_path, kind):
    """A table's texts go to the spill as the table is read: the InputFiles carry places, not
    texts, and the run's rows are those of the texts held in memory."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from cleaner.config import CleanConfig
    from cleaner.tables import discover_records

    records = [{"id": f"r{k}", "text": "Headline\n\n" + story(k)} for k in range(80)] + [{"id": "none"}]
    path = tmp_path / f"t.{kind}"
    if kind == "jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
    else:
        pq.write_table(pa.Table.from_pylist(records), path, row_group_size=16)
    plain = discover_records(path)
    with Spill(tmp_path / "s") as spill:
        listed = pl.list_inputs(path, CleanConfig(), spill)
        assert [(f.source, f.skip) for f in listed] == [(f.source, f.skip) for f in plain]
        assert all(f.text is None for f in listed) and sum(f.text_at is not None for f in listed) == 80
        assert [spill.read(f.text_at) if f.text_at else None for f in listed] == [f.text for f in plain]
    with pl.run_files(path, workers=2) as run:
        rows = dataset.make_rows([run.document(e) for e in run.docs])
    assert len(rows) == 80 and rows == [r for r in rows if r["text"]]
    assert [r["text"] for r in rows] == [r["text"] for r in dataset.make_rows(pl.clean_files(path, workers=1).docs)]


def test_failed_run_leaves_no_folder_behind(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("not a text file")
    r = CliRunner().invoke(cli_main, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-progress"])
    assert r.exit_code == 1, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]
