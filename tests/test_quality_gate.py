"""Quality gate: must-keep / must-drop snippets on small committed pages (trafilatura's idea).

The pages in ``tests/fixtures/gate/`` were written for this suite in several languages and page
shapes (see its README). The floors below are the shares measured when the gate was set up;
a change may raise them, never lower them.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.config import CleanConfig
from cleaner.pipeline import clean_text

GATE = Path(__file__).parent / "fixtures" / "gate"
PAGES = sorted(GATE.glob("*.json"))

KEEP_FLOOR = 1.0
"""Share of must-keep snippets (all pages) that must stay in the body."""
DROP_FLOOR = 1.0
"""Share of must-drop snippets (all pages) that must be gone from the body."""
PAGE_FLOOR = 1.0
"""On every page, each of the two shares must reach at least this."""


def _check(path: Path) -> tuple[list[str], list[str], int, int]:
    exp = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    body = clean_text(text, CleanConfig(min_body_words=0), source=path.with_suffix(".txt").name).body
    lost = [s for s in exp["must_keep"] if s not in body]
    leaked = [s for s in exp["must_drop"] if s in body]
    return lost, leaked, len(exp["must_keep"]), len(exp["must_drop"])


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[list[str], list[str], int, int]]:
    return {p.stem: _check(p) for p in PAGES}


def test_gate_has_pages_in_several_languages():
    langs = {json.loads(p.read_text(encoding="utf-8"))["language"] for p in PAGES}
    assert len(PAGES) >= 10 and len(langs) >= 5
    for p in PAGES:
        exp = json.loads(p.read_text(encoding="utf-8"))
        assert exp["must_keep"] and exp["must_drop"] and p.with_suffix(".txt").exists(), p.name
        text = p.with_suffix(".txt").read_text(encoding="utf-8")
        for s in exp["must_keep"] + exp["must_drop"]:
            assert s in text, (p.name, s)  # a snippet must be on the page to mean anything


def test_quality_floors(results):
    kept = sum(n_keep - len(lost) for lost, _, n_keep, _ in results.values())
    dropped = sum(n_drop - len(leaked) for _, leaked, _, n_drop in results.values())
    n_keep = sum(r[2] for r in results.values())
    n_drop = sum(r[3] for r in results.values())
    report = "\n".join(f"{name}: lost {lost} leaked {leaked}" for name, (lost, leaked, _, _) in results.items()
                       if lost or leaked)
    assert kept / n_keep >= KEEP_FLOOR, f"must-keep share {kept / n_keep:.3f} < {KEEP_FLOOR}\n{report}"
    assert dropped / n_drop >= DROP_FLOOR, f"must-drop share {dropped / n_drop:.3f} < {DROP_FLOOR}\n{report}"


@pytest.mark.parametrize("name", [p.stem for p in PAGES])
def test_each_page_mostly_right(results, name):
    lost, leaked, n_keep, n_drop = results[name]
    assert 1 - len(lost) / n_keep >= PAGE_FLOOR, lost
    assert 1 - len(leaked) / n_drop >= PAGE_FLOOR, leaked


@pytest.mark.parametrize("name", [p.stem for p in PAGES if "meta" in json.loads(p.read_text(encoding="utf-8"))])
def test_page_metadata(name):
    """Pages whose expectations hold a ``meta`` object: each field named there is lifted as given."""
    exp = json.loads((GATE / f"{name}.json").read_text(encoding="utf-8"))
    text = (GATE / f"{name}.txt").read_text(encoding="utf-8")
    meta = clean_text(text, CleanConfig(min_body_words=0), source=f"{name}.txt").meta
    assert {k: meta.get(k) for k in exp["meta"]} == exp["meta"]
