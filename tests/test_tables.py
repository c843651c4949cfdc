"""JSONL and Parquet input: one document per record, bad records accounted for."""
import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.errors import InputError
from cleaner.pipeline import clean_files
from cleaner.tables import discover_records

ARTICLE = ("Harbour works start on Monday\n\nThe harbour works began on Monday and will last two years, "
           "the city said in a statement on its website.\n\n- Advertisement -\n\nShops nearby will stay open.")


def _jsonl(path, records, compress=False):
    data = "".join(json.dumps(r) + "\n" for r in records)
    if compress:
        path.write_bytes(gzip.compress(data.encode()))
    else:
        path.write_text(data)
    return path


def test_jsonl_records_clean_like_files(tmp_path):
    p = _jsonl(tmp_path / "scrape.jsonl", [{"id": "a1", "text": ARTICLE}, {"id": "a2", "text": ARTICLE.replace("\n", "\r\n")},
                                           {"id": "a3", "text": "  "}, {"id": "a4", "body": ARTICLE}])
    res = clean_files(p)
    by = {d.source: d for d in res.docs}
    assert set(by) == {"scrape.jsonl#a1", "scrape.jsonl#a2", "scrape.jsonl#a3", "scrape.jsonl#a4"}
    assert by["scrape.jsonl#a1"].meta["title"] == "Harbour works start on Monday"
    assert "Advertisement" not in by["scrape.jsonl#a1"].body
    assert (by["scrape.jsonl#a2"].status, by["scrape.jsonl#a2"].reason) == ("duplicate", "exact")
    assert by["scrape.jsonl#a3"].reason.startswith("empty")
    assert by["scrape.jsonl#a4"].reason == 'bad-record: no text in field "text"'


def test_gzip_jsonl_and_custom_fields(tmp_path):
    from cleaner.config import CleanConfig

    p = _jsonl(tmp_path / "s.jsonl.gz", [{"url": "u1", "content": ARTICLE}], compress=True)
    res = clean_files(p, CleanConfig(text_field="content", id_field="url"))
    assert [(d.source, d.status) for d in res.docs] == [("s.jsonl.gz#u1", "kept")]


def test_parquet(tmp_path):
    p = tmp_path / "s.parquet"
    pq.write_table(pa.table({"id": [1, 2], "text": [ARTICLE, None]}), p)
    assert [(f.source, f.skip) for f in discover_records(p)] == [("s.parquet#1", None), ("s.parquet#2", 'bad-record: no text in field "text"')]
    with pytest.raises(InputError, match="no column 'body'"):
        discover_records(p, text_field="body")


def test_repeated_ids_stay_distinct(tmp_path):
    p = _jsonl(tmp_path / "d.jsonl", [{"id": "x", "text": "one"}, {"id": "x", "text": "two"}])
    assert [f.source for f in discover_records(p)] == ["d.jsonl#x", "d.jsonl#x@line2"]


def test_cli_accounts_for_every_record(tmp_path):
    p = _jsonl(tmp_path / "scrape.jsonl", [{"id": "a1", "text": ARTICLE}, "broken"])
    (tmp_path / "scrape.jsonl").write_text(p.read_text() + "{not json\n")
    r = CliRunner().invoke(main, ["clean", str(p), "--out", str(tmp_path / "out"), "--name", "scrape", "--json"])
    assert r.exit_code == 0, r.output
    manifest = json.loads((tmp_path / "out" / "scrape" / "v1.0.0" / "manifest.json").read_text())
    assert [(i["source"], i["status"]) for i in manifest["inputs"]] == [
        ("scrape.jsonl#a1", "kept"), ("scrape.jsonl#line2", "skipped"), ("scrape.jsonl#line3", "skipped")]


def test_truncated_gzip_table_keeps_the_records_before_the_break(tmp_path):
    records = [{"id": f"r{k:03d}", "text": ARTICLE.replace("Monday", f"day {k}")} for k in range(300)]
    whole = tmp_path / "whole.jsonl.gz"
    _jsonl(whole, records, compress=True)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    docs = clean_files(cut).docs
    broken = [d for d in docs if d.reason and d.reason.startswith("corrupt-gzip")]
    assert len(broken) == 1 and "breaks off after line" in broken[0].reason
    read = [d for d in docs if d not in broken]
    assert 0 < len(read) < 300 and all(d.source.startswith("cut.jsonl.gz#r") for d in read)
    # nothing readable at all is still an error
    (tmp_path / "bad.jsonl.gz").write_bytes(whole.read_bytes()[:20])
    with pytest.raises(InputError, match="cannot read table"):
        discover_records(tmp_path / "bad.jsonl.gz")
