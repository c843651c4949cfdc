"""The five seeds are cleaned exactly as tests/fixtures/seeds-expected says."""
import json
from pathlib import Path

import pytest

from cleaner.document import apply_removals

EXPECTED = Path(__file__).resolve().parent / "fixtures" / "seeds-expected"
CASES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXPECTED.glob("*.json"))]


@pytest.fixture(params=CASES, ids=[c["file"] for c in CASES])
def case(request, seeds_result):
    doc = next(d for d in seeds_result.docs if d.source == request.param["file"])
    return request.param, doc


def test_kept_and_body_in_order(case):
    exp, doc = case
    assert doc.status == "kept", doc.reason
    paragraphs = doc.body.split("\n\n")
    positions = [paragraphs.index(p) for p in exp["body"]]  # ValueError if a paragraph is missing
    assert positions == sorted(positions)


def test_nothing_else_in_body(case):
    exp, doc = case
    allowed = set(exp["body"]) | set(exp["optional"])
    assert [p for p in doc.body.split("\n\n") if p not in allowed] == []


def test_at_most_once(case):
    exp, doc = case
    paragraphs = doc.body.split("\n\n")
    for line in exp["at_most_once"]:
        assert paragraphs.count(line) <= 1


def test_removed_lines_with_their_reason(case):
    exp, doc = case
    removed = [(doc.text[r.start:r.end].strip(), r.reason) for r in doc.removals]
    paragraphs = doc.body.split("\n\n")
    for item in exp["must_not_appear_in_body"]:
        assert item["line"] not in paragraphs
        assert (item["line"], item["reason"]) in removed, item


def test_metadata(case):
    exp, doc = case
    for key in ("title", "date", "outlet", "section"):
        if key in exp:
            assert doc.meta[key] == exp[key], key
    if "tags" in exp:
        assert doc.meta["tags"] == exp["tags"]
    assert doc.language == exp["language"]
    assert 0.5 < doc.language_score <= 1.0


def test_replay(case):
    _, doc = case
    assert apply_removals(doc.text, doc.removals) == doc.body


def test_seed_pairs_are_not_duplicates(seeds_result):
    # Two outlets' reports of the same event are different documents.
    assert [d.status for d in seeds_result.docs] == ["kept"] * 5
