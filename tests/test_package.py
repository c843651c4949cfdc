"""Versions on disk: datasets round trip, loader, determinism, atomicity, committed data."""
import json
from pathlib import Path

import pytest

import cleaner
from cleaner.package import dataset, versions
from cleaner.pipeline import clean_files

ROOT = Path(__file__).resolve().parent.parent


def test_datasets_round_trip(seeds_result, tmp_path):
    import datasets

    out = versions.write_version(seeds_result, tmp_path, "seeds")
    ds = datasets.load_dataset(str(out.path), split="train")
    rows = dataset.make_rows(seeds_result.docs)
    assert ds.num_rows == 5
    assert [r["id"] for r in ds] == [r["id"] for r in rows]
    assert ds[0]["removals"][0].keys() == {"start", "end", "reason", "rule", "text"}
    for got, want in zip(ds, rows):
        assert got["text"] == want["text"] and got["tags"] == want["tags"] and got["date"] == want["date"]
    mine = cleaner.load("seeds", root=tmp_path)
    assert mine["text"] == ds["text"]
    assert cleaner.load("seeds", version="1.0.0", root=tmp_path).num_rows == 5


def test_features_yaml_is_what_datasets_makes_of_the_schema():
    from datasets import Features

    made = Features.from_arrow_schema(dataset.SCHEMA)._to_yaml_list()
    assert dataset.features_yaml() == made
    assert json.dumps(dataset.features_yaml()) == json.dumps(made)  # the key order too


def test_byte_identical_twice(seeds_result, tmp_path):
    a = versions.write_version(clean_files(ROOT / "seeds"), tmp_path / "a", "seeds")
    b = versions.write_version(seeds_result, tmp_path / "b", "seeds")
    for rel, digest in a.manifest["files"].items():
        assert b.manifest["files"][rel] == digest, rel


def test_manifest_accounts_for_every_input(seeds_result, tmp_path):
    out = versions.write_version(seeds_result, tmp_path, "seeds")
    m = json.loads((out.path / "manifest.json").read_text())
    assert [i["source"] for i in m["inputs"]] == sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert m["counts"]["inputs"] == 5 and set(m["files"]) == {"README.md", "croissant.json", "data/train-00000-of-00001.parquet"}
    assert m["libraries"]["ftfy"] and m["config"]["language_seed"] == 0
    card = (out.path / "README.md").read_text()
    assert "path: data/train-*.parquet" in card and "- en" in card


def test_interrupted_write_leaves_nothing(seeds_result, tmp_path, monkeypatch):
    first = versions.write_version(seeds_result, tmp_path, "seeds")
    before = {p: p.read_bytes() for p in first.path.rglob("*") if p.is_file()}
    seeds_result.docs[0].body += "\n\nchanged"

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(versions.card, "render_card", boom)
    with pytest.raises(KeyboardInterrupt):
        versions.write_version(seeds_result, tmp_path, "seeds")
    seeds_result.docs[0].body = seeds_result.docs[0].body[: -len("\n\nchanged")]
    names = sorted(p.name for p in (tmp_path / "seeds").iterdir())
    assert names == [".lock", "v1.0.0"]
    assert before == {p: p.read_bytes() for p in first.path.rglob("*") if p.is_file()}


def test_second_writer_fails_clearly(seeds_result, tmp_path):
    with versions.locked(tmp_path / "seeds"):
        with pytest.raises(cleaner.VersionError, match="another cleaner run"):
            versions.write_version(seeds_result, tmp_path, "seeds")


def test_verify_names_tampered_file(seeds_result, tmp_path):
    from cleaner.loader import verify_files

    out = versions.write_version(seeds_result, tmp_path, "seeds")
    (out.path / "README.md").write_text("tampered")
    with pytest.raises(cleaner.VersionError, match="README.md: sha256 does not match"):
        verify_files(out.path)


def test_committed_data_is_what_the_code_makes(seeds_result):
    """data/seeds holds the dataset of seeds/: its newest version has this run's content hash."""
    latest = max(versions.list_versions(ROOT / "data" / "seeds"), key=versions.parse_version)
    manifest = versions.read_manifest(ROOT / "data" / "seeds" / f"v{latest}")
    assert manifest["content_sha256"] == dataset.content_sha256(dataset.make_rows(seeds_result.docs))
    assert manifest["config"] == seeds_result.config.to_dict()


def test_write_error_is_clear_and_leaves_nothing(seeds_result, tmp_path, monkeypatch):
    import errno

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(versions.dataset, "write_shards", full)
    with pytest.raises(cleaner.VersionError, match="No space left on device.*nothing was written"):
        versions.write_version(seeds_result, tmp_path, "seeds")
    assert sorted(p.name for p in (tmp_path / "seeds").iterdir()) == [".lock"]


@pytest.mark.parametrize("n", [0, 1, 6, 7])
def test_shards_are_written_a_row_group_at_a_time(tmp_path, monkeypatch, n):
    import pyarrow.parquet as pq

    monkeypatch.setattr(dataset, "ROW_GROUP", 3)
    rows = [{"id": f"{k:03d}", "source": f"s{k}", "title": None, "text": f"body {k}", "date": None, "author": None,
             "outlet": None, "section": None, "tags": [], "language": "en", "language_score": 1.0, "sha256": "x",
             "encoding": "utf-8", "removals": [], "duplicates": []} for k in range(n)]
    summary = dataset.RowSummary()
    paths = dataset.write_shards(iter(rows), tmp_path, shard_rows=4, total=n, summary=summary)
    assert [p.name for p in paths] == [f"train-{k:05d}-of-{len(paths):05d}.parquet" for k in range(max(1, -(-n // 4)))]
    back = [r for p in paths for r in pq.read_table(p).to_pylist()]
    assert back == rows
    assert all(pq.ParquetFile(p).metadata.num_rows <= 4 for p in paths)
    assert all(pq.ParquetFile(p).metadata.row_group(g).num_rows <= 3
               for p in paths for g in range(pq.ParquetFile(p).metadata.num_row_groups))
    assert (summary.rows, summary.content_sha256) == (n, dataset.content_sha256(rows))
