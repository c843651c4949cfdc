"""Properties of cleaning: replay, deletion only, never raising, order independence."""
import random
import shutil
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import CleanConfig
from cleaner.document import apply_removals
from cleaner.io import InputFile, Undecodable, decode_bytes
from cleaner.package import dataset
from cleaner.pipeline import clean_document, clean_files, clean_text, read_document
from cleaner.repair import repair

ROOT = Path(__file__).resolve().parent.parent
SEED_LINES = [line for p in sorted((ROOT / "seeds").glob("*.txt"))
              for line in p.read_text(encoding="utf-8").splitlines()]

# Documents made of real seed lines (body and chrome) and random text, in any order.
lines = st.one_of(st.sampled_from(SEED_LINES), st.text(min_size=0, max_size=80),
                  st.text(alphabet=string.ascii_letters + " .,", min_size=0, max_size=120))
documents = st.lists(lines, min_size=0, max_size=25).map("\n".join)


def _is_ordered_substrings(paragraphs, text):
    pos = 0
    for p in paragraphs:
        found = text.find(p, pos)
        if found < 0:
            return False
        pos = found + len(p)
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_replay_and_only_deletes(text):
    doc = clean_text(text)
    assert apply_removals(doc.text, doc.removals) == doc.body
    ends = [0]
    for r in doc.removals:
        assert ends[-1] <= r.start < r.end <= len(doc.text)
        ends.append(r.end)
    paragraphs = [p for p in doc.body.split("\n\n") if p]
    assert _is_ordered_substrings(paragraphs, doc.text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_repair_is_idempotent(text):
    once = repair(text)
    assert repair(once) == once


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(tmp_path_factory, data):
    try:
        text, _ = decode_bytes(data)
    except Undecodable as e:
        assert str(e).split(":")[0] in {"empty", "binary", "undecodable"}
        return
    doc = clean_text(text, CleanConfig())
    assert doc.status in {"kept", "skipped"}


def test_read_document_accounts_for_arbitrary_files(tmp_path):
    rng = random.Random(7)
    for k in range(60):
        p = tmp_path / f"f{k}.txt"
        p.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(0, 3000))))
        doc = clean_document(read_document(InputFile(p.name, p), CleanConfig()), CleanConfig())
        assert doc.status in {"kept", "skipped"} and (doc.status == "kept" or doc.reason)


def test_order_independent(tmp_path):
    """The same files written in another order (and so listed by the OS in another order),
    with duplicates among them, give the same rows and the same duplicate choices."""
    srcs = sorted((ROOT / "seeds").glob("*.txt"))
    results = []
    for seed in (1, 2):
        folder = tmp_path / f"run{seed}"
        folder.mkdir()
        order = srcs + srcs[:2]
        random.Random(seed).shuffle(order)
        for k, src in enumerate(order):
            name = src.name if (folder / src.name).exists() is False else f"copy-{src.name}"
            shutil.copy(src, folder / name)
        res = clean_files(folder)
        rows = dataset.make_rows(res.docs)
        results.append((dataset.content_sha256(rows), sorted((d.source, d.status, d.duplicate_of) for d in res.docs)))
    assert results[0] == results[1]
    assert sum(1 for _, status, _ in results[0][1] if status == "duplicate") == 2


def test_worker_count_does_not_change_output(tmp_path):
    """Enough files to use the worker pool: 1 and 2 workers give identical rows."""
    srcs = sorted((ROOT / "seeds").glob("*.txt"))
    for k in range(80):
        src = srcs[k % len(srcs)]
        text = src.read_text(encoding="utf-8")
        # vary each copy so that not everything is an exact duplicate
        (tmp_path / f"{k:03d}.txt").write_text(text.replace("Putin", f"Putin{k % 7}"), encoding="utf-8")
    a = clean_files(tmp_path, workers=1)
    b = clean_files(tmp_path, workers=2)
    assert dataset.content_sha256(dataset.make_rows(a.docs)) == dataset.content_sha256(dataset.make_rows(b.docs))
    assert [(d.source, d.status, d.reason, d.duplicate_of) for d in a.docs] == \
        [(d.source, d.status, d.reason, d.duplicate_of) for d in b.docs]


def test_identical_texts_are_cleaned_once_and_exactly_as_each_would_be(tmp_path, monkeypatch):
    """An identical re-scrape takes the cleaning of its first copy: the same removals, metadata
    and language as cleaning it on its own, its own source and id, and it is an exact duplicate."""
    import cleaner.pipeline as pl

    srcs = sorted((ROOT / "seeds").glob("*.txt"))
    for k, src in enumerate(srcs):
        (tmp_path / f"{k}.txt").write_bytes(src.read_bytes())
    (tmp_path / "9-copy.txt").write_bytes(srcs[2].read_bytes())
    (tmp_path / "8-copy.txt").write_bytes(srcs[0].read_bytes().replace(b"\n", b"\r\n"))  # same once repaired
    cleaned = []
    step = pl._clean_step  # (clean_step, with the body it derives)
    monkeypatch.setattr(pl, "_clean_step", lambda doc, *a: cleaned.append(doc.source) or step(doc, *a))
    res = pl.clean_files(tmp_path, workers=1)
    assert sorted(cleaned) == [f"{k}.txt" for k in range(len(srcs))]
    by = {d.source: d for d in res.docs}
    for copy_name, first in (("9-copy.txt", "2.txt"), ("8-copy.txt", "0.txt")):
        c, f = by[copy_name], by[first]
        assert (c.removals, c.meta, c.language) == (f.removals, f.meta, f.language) and c.removals
        assert c.id == pl.doc_id(copy_name) != f.id and c.source == copy_name
        assert (c.status, c.reason, c.duplicate_of) == ("duplicate", "exact", f.id)
    # the same documents as when every copy is cleaned on its own
    monkeypatch.setattr(pl, "distinct_texts", lambda digests: ([k for k, d in enumerate(digests) if d is not None], []))
    each = pl.clean_files(tmp_path, workers=1)
    assert len(cleaned) == 2 * len(srcs) + 2
    assert each.docs == res.docs


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=200), st.sampled_from(SEED_LINES),
                 st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=60)))
def test_count_words_is_the_regex_count(text):
    import re

    from cleaner.words import count_words
    assert count_words(text) == len(re.findall(r"\w+", text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([" ", "\t", "\n", "\x0b", "\x0c", "\xa0", "\u200b", "a", "é", "."]),
               max_size=40))
def test_normalize_whitespace_is_the_regex_one(text):
    """Runs of spaces are collapsed by split and join where there is no tab: the same text as
    the regex over every blank run gives."""
    from cleaner.repair import _BLANK_RUNS, _INVISIBLE, _SPACES, normalize_whitespace
    plain = "\n".join(line.strip() for line in _SPACES.sub(" ", _INVISIBLE.sub("", text)).split("\n"))
    assert normalize_whitespace(text) == _BLANK_RUNS.sub("\n\n", plain).strip("\n")
