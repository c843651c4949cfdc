"""Versions, diff and validate; the card's YAML and allow-lists; croissant.json with mlcroissant."""
import json
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main
from cleaner.io import sha256_file
from cleaner.package import card, dataset, versions
from cleaner.package.inspect import diff_versions, validate, versions_of
from cleaner.pipeline import clean_files

NEW_DOC = ("A fresh headline about the harbour works\n\n"
           "The harbour works began on Monday and will last two years, the city said. "
           "The mayor welcomed the plan and promised that traffic would keep moving during the works.\n")
CHANGED = "002_5fb7c4626ccb7572.txt"


@pytest.fixture
def history(seeds_copy, tmp_path):
    """v1.0.0 of the seeds; v1.1.0 with one article added, one removed and one changed."""
    root = tmp_path / "data"
    versions.write_version(clean_files(seeds_copy), root, "seeds")
    (seeds_copy / "new.txt").write_text(NEW_DOC)
    (seeds_copy / "000_0ea875ee7c876f93.txt").unlink()
    p = seeds_copy / CHANGED
    p.write_text(p.read_text() + "\nA closing paragraph that the second crawl found, with several plain words in it.\n")
    versions.write_version(clean_files(seeds_copy), root, "seeds")
    return root


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_versions_lists_date_rows_and_hash(history):
    vs = versions_of(history, "seeds")
    assert [(v.version, v.rows) for v in vs] == [("1.0.0", 5), ("1.1.0", 5)]
    assert vs[0].content_sha256 != vs[1].content_sha256 and re.match(r"\d{4}-\d\d-\d\dT", vs[0].created)
    r = run("versions", "seeds", "--root", history)
    assert r.exit_code == 0
    assert re.search(rf"^1\.0\.0\s+\S+\s+5 rows\s+{vs[0].content_sha256}$", r.output, re.M)
    assert run("versions", "nothing", "--root", history).exit_code == 1
    # one broken manifest is shown as such; the other versions are still listed
    (history / "seeds" / "v1.0.0" / "manifest.json").write_text("{broken")
    r = run("versions", "seeds", "--root", history)
    assert r.exit_code == 0 and "unreadable manifest" in r.output
    assert re.search(rf"^1\.1\.0\s+\S+\s+5 rows\s+{vs[1].content_sha256}$", r.output, re.M)


def test_diff_added_removed_changed_and_text(history):
    d = diff_versions(history, "seeds", "1.0.0", "1.1.0", doc=CHANGED)
    assert [r["source"] for r in d.added] == ["new.txt"]
    assert [r["source"] for r in d.removed] == ["000_0ea875ee7c876f93.txt"]
    assert d.removed[0]["now"] == "no longer in the input"
    assert [r["source"] for r in d.changed] == [CHANGED] and "text" in d.changed[0]["fields"]
    assert d.unchanged == 3
    assert "+A closing paragraph that the second crawl found" in d.text_diff
    assert d.text_diff.startswith(f"--- v1.0.0/{CHANGED}\n+++ v1.1.0/{CHANGED}")

    r = run("diff", "seeds", "1.0.0", "1.1.0", "--root", history, "--doc", d.changed[0]["id"])
    assert r.exit_code == 0
    assert "1 added, 1 removed, 1 changed, 3 unchanged" in r.output
    assert "+ " in r.output and "+A closing paragraph" in r.output
    r = run("diff", "seeds", "1.0.0", "1.1.0", "--root", history, "--doc", "no-such-doc")
    assert r.exit_code == 1 and "no-such-doc" in r.output
    assert run("diff", "seeds", "1.0.0", "3.0.0", "--root", history).exit_code == 1


def test_validate_ok_then_names_each_tampered_file(history):
    folder = history / "seeds" / "v1.0.0"
    assert validate(folder).ok
    r = run("validate", folder)
    assert r.exit_code == 0 and r.output.startswith("ok:")

    (folder / "croissant.json").write_text("{}")
    r = run("validate", folder)
    assert r.exit_code == 1
    assert f"{folder / 'croissant.json'}: sha256 does not match manifest.json" in r.output


def test_validate_recomputes_content_hash_and_checks_schema(history, tmp_path):
    folder = history / "seeds" / "v1.0.0"
    shard = folder / "data" / "train-00000-of-00001.parquet"
    rows = pq.read_table(shard).to_pylist()
    rows[0]["text"] += " (edited)"
    # a consistent forgery: new shard, its checksum updated in the manifest, old content hash kept
    pq.write_table(pa.Table.from_pylist(rows, schema=dataset.SCHEMA), shard)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["data/train-00000-of-00001.parquet"] = sha256_file(shard)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    problems = validate(folder).problems
    assert len(problems) == 1 and "content_sha256 of the rows" in problems[0]

    other = pa.schema([f for f in dataset.SCHEMA if f.name != "encoding"])
    pq.write_table(pa.Table.from_pylist([{k: v for k, v in r.items() if k != "encoding"} for r in rows], schema=other),
                   shard)
    manifest["files"]["data/train-00000-of-00001.parquet"] = sha256_file(shard)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    problems = validate(folder).problems
    assert any("train-00000-of-00001.parquet: schema differs" in p for p in problems)

    (folder / "extra.txt").write_text("?")
    (folder / "README.md").unlink()
    problems = validate(folder).problems
    assert any("extra.txt: not listed" in p for p in problems) and any("README.md: missing" in p for p in problems)


# -- the card ---------------------------------------------------------------------------------------

def test_card_yaml_parses_and_keeps_to_the_allow_lists(history):
    folder = history / "seeds" / "v1.1.0"
    manifest = versions.read_manifest(folder)
    meta, prose = card.parse_card((folder / "README.md").read_text(encoding="utf-8"))
    assert meta["license"] in card.LICENSES and meta["license"] == "other"
    assert meta["size_categories"] == ["n<1K"] and set(meta["size_categories"]) <= card.SIZE_CATEGORY_VALUES
    assert set(meta["task_categories"]) <= card.TASK_CATEGORIES
    assert meta["language"] == sorted(manifest["languages"]) == ["en"]
    assert meta["pretty_name"] and "cleaner" in meta["tags"]
    assert meta["configs"][0]["data_files"][0]["path"] == "data/train-*.parquet"
    info = meta["dataset_info"]
    assert info["splits"][0]["num_examples"] == 5 and info["dataset_size"] == manifest["content_bytes"]
    assert [f["name"] for f in info["features"]] == dataset.SCHEMA.names
    for heading in ("## Sources", "## Loading", "## Fields", "## Languages", "## How it was cleaned",
                    "## Known limits", "## Citation"):
        assert heading in prose, heading
    assert "| `tags` | list of string |" in prose
    for reason, n in manifest["removals_by_reason"].items():
        assert f"| `{reason}` | {n} |" in prose
    assert manifest["content_sha256"] in prose


def test_card_refuses_values_the_hub_would_refuse(history):
    manifest = versions.read_manifest(history / "seeds" / "v1.0.0")
    manifest["config"] = {**manifest["config"], "license": "CC-BY-4.0"}
    assert card.card_metadata(manifest)["license"] == "cc-by-4.0"
    manifest["config"]["license"] = "cc-by-4"
    with pytest.raises(cleaner.ConfigError, match="not a Hub licence id"):
        card.render_card(manifest)
    with pytest.raises(cleaner.ConfigError, match="size category"):
        card.check_metadata({"license": "mit", "size_categories": ["small"]})
    with pytest.raises(cleaner.ConfigError, match="task category"):
        card.check_metadata({"license": "mit", "task_categories": ["news-reading"]})
    manifest["config"]["license"] = "mit"
    manifest["languages"] = {"en": 3, "zh-cn": 2}
    meta = card.card_metadata(manifest)
    assert meta["language"] == ["en", "zh"] and meta["multilinguality"] == "multilingual"


def test_size_categories_cover_every_count():
    assert [card.size_category(n) for n in (0, 999, 1000, 99_999, 10**9, 10**12)] == \
        ["n<1K", "n<1K", "1K<n<10K", "10K<n<100K", "1B<n<10B", "n>1T"]


# -- croissant.json -----------------------------------------------------------------------------------

def test_croissant_loads_offline_with_hashes_checked(history):
    mlc = pytest.importorskip("mlcroissant", reason="mlcroissant comes with the test extra")
    folder = history / "seeds" / "v1.1.0"
    doc = json.loads((folder / "croissant.json").read_text())
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    manifest = versions.read_manifest(folder)
    assert {d["contentUrl"]: d["sha256"] for d in doc["distribution"]} == \
        {p: s for p, s in manifest["files"].items() if p.endswith(".parquet")}
    ds = mlc.Dataset(str(folder / "croissant.json"))
    records = list(ds.records("train"))
    ids = sorted(r["train/id"].decode() for r in records)
    assert ids == sorted(r["id"] for r in pq.read_table(folder / "data" / "train-00000-of-00001.parquet").to_pylist())
    first = next(r for r in records if r["train/id"].decode() == ids[0])
    assert isinstance(first["train/tags"], list)

    # a shard that does not match its hash is refused by mlcroissant itself
    shard = folder / "data" / "train-00000-of-00001.parquet"
    table = pq.read_table(shard)
    pq.write_table(table.slice(0, 1), shard)
    with pytest.raises(Exception) as caught:
        list(mlc.Dataset(str(folder / "croissant.json")).records("train"))
    chain, e = [], caught.value
    while e is not None:
        chain.append(str(e))
        e = e.__cause__ or e.__context__
    assert any("Hash of downloaded file" in m and "train-00000-of-00001.parquet" in m for m in chain), chain


def test_diff_of_a_changed_last_line_keeps_the_lines_apart():
    import difflib

    from cleaner.package.inspect import _lines

    text = "".join(difflib.unified_diff(_lines("one\ntwo"), _lines("one\ntwo three\nfour")))
    assert "\n-two\n+two three\n+four\n" in text


def test_diff_says_a_removed_row_became_a_duplicate(seeds_copy, tmp_path):
    root = tmp_path / "data"
    versions.write_version(clean_files(seeds_copy), root, "seeds")
    src = seeds_copy / "000_0ea875ee7c876f93.txt"
    (seeds_copy / "000_aaa_copy.txt").write_bytes(src.read_bytes())  # sorts first: the copy becomes the kept one
    versions.write_version(clean_files(seeds_copy), root, "seeds")
    d = diff_versions(root, "seeds", "1.0.0", "1.1.0")
    assert [(r["source"], r["now"]) for r in d.removed] == [(src.name, "now a duplicate of 000_aaa_copy.txt")]
    r = run("diff", "seeds", "1.0.0", "1.1.0", "--root", root)
    assert f"{src.name}  (now a duplicate of 000_aaa_copy.txt)" in r.output
