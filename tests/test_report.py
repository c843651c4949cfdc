"""The review report: its data and checksum rules here; the page itself in a real browser
(Debian's chromium, driven headless by Playwright; screenshots go to test-artifacts/).

The browser tests need Debian's chromium (the test command installs it); they fail, not skip, without it.
"""
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.package.dataset import make_rows
from cleaner.report import embed_json, load_rows, place_removals, render_report

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CLEANER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def clean_to(input_dir, out, *extra):
    r = run("clean", input_dir, "--out", out, "--json", *extra)
    assert r.exit_code == 0, r.output
    return Path(json.loads(r.output.strip().splitlines()[-1])["path"])


SCRIPT_ARTICLE = """Harbour works begin <b>today</b>

Subscribe to our newsletter
<script>window.__pwned = 1</script>

The harbour works began on Monday <script>window.__pwned = 2</script> and will last two years, the city council said in a statement on its website.

Engineers will dredge the channel & rebuild the old quay, which was damaged by storms in 2019 and has been closed to ships since then.

The council expects the project to cost about 40 million euros, with most of it paid by the regional government <img src=x onerror="window.__pwned=3">.
"""


def make_fixture(folder: Path) -> Path:
    """The seeds plus a near duplicate, an empty and a binary file, and an article with markup."""
    folder.mkdir(parents=True)
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(p, folder / p.name)
    src = (folder / "002_5fb7c4626ccb7572.txt").read_text(encoding="utf-8")
    dup = (src.replace("The Russian president recalled", "The president of Russia recalled")
           .replace("12 countries", "twelve countries")
           + "\nThis article was updated on Thursday with more details from the meeting.\n")
    (folder / "002b_copy.txt").write_text(dup, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (folder / "script.txt").write_text(SCRIPT_ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """(seeds version folder, fixture version folder), both made by `cleaner clean`."""
    base = tmp_path_factory.mktemp("report")
    seeds = clean_to(ROOT / "seeds", base / "data")
    fixture = clean_to(make_fixture(base / "fixture"), base / "data", "--name", "fixture")
    return seeds, fixture


# --------------------------------------------------------------------------- without a browser

def test_embed_json_cannot_close_the_script():
    text = embed_json({"x": "</script><script>alert(1)</script>&\u2028\u2029"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>&\u2028\u2029"}


def test_removals_are_placed_where_they_were(seeds_result):
    """The paragraph index recovered from the row equals the one read off the repaired text."""
    rows = {r["id"]: r for r in make_rows(seeds_result.docs)}
    for d in seeds_result.kept:
        exact = []
        for r in d.removals:
            covered = set()
            for q in d.removals:
                if q.start < r.start:
                    covered.update(range(q.start, q.end))
            kept = "".join(c for k, c in enumerate(d.text[:r.start]) if k not in covered)
            exact.append(sum(1 for line in kept.split("\n") if line.strip()))
        assert place_removals(rows[d.id]["text"], rows[d.id]["removals"]) == exact, d.source


def test_report_is_part_of_the_version_and_deterministic(versions):
    seeds, fixture = versions
    for folder in versions:
        manifest = json.loads((folder / "manifest.json").read_text())
        data = (folder / "report.html").read_bytes()
        assert manifest["files"]["report.html"] == hashlib.sha256(data).hexdigest()
        assert b"http://" not in data.replace(b'xmlns="http://www.w3.org/2000/svg"', b"")
        assert b"https://" not in data
    manifest = json.loads((seeds / "manifest.json").read_text())
    # no duplicates in the seeds: the report is a function of the folder alone
    assert render_report(manifest, load_rows(seeds)).encode() == (seeds / "report.html").read_bytes()


def test_report_command_keeps_checksummed_reports(versions, tmp_path):
    seeds, fixture = versions
    r = run("report", seeds)
    assert r.exit_code == 0 and "nothing to do" in r.output
    r = run("report", "seeds", "--root", seeds.parent.parent, "--output", tmp_path / "fresh.html")
    assert r.exit_code == 0 and (tmp_path / "fresh.html").read_bytes() == (seeds / "report.html").read_bytes()
    # a listed report that went missing comes back when a fresh rendering is identical
    copy = tmp_path / "copy"
    shutil.copytree(seeds, copy)
    (copy / "report.html").unlink()
    assert "restored" in run("report", copy).output
    # ... and is never overwritten when it is not (the duplicates' bodies are only known at clean time)
    copy2 = tmp_path / "copy2"
    shutil.copytree(fixture, copy2)
    (copy2 / "report.html").write_text("tampered")
    r = run("report", copy2)
    assert r.exit_code == 1 and "immutable" in r.output
    assert (copy2 / "report.html").read_text() == "tampered"


def test_no_report_then_report_writes_an_unlisted_file(tmp_path):
    folder = clean_to(ROOT / "seeds", tmp_path / "data", "--no-report")
    assert not (folder / "report.html").exists()
    assert "report.html" not in json.loads((folder / "manifest.json").read_text())["files"]
    r = run("report", "--root", tmp_path / "data")
    assert r.exit_code == 0 and "not covered" in r.output
    assert (folder / "report.html").is_file()
    from cleaner.loader import verify_files

    verify_files(folder)  # the listed files are untouched


# --------------------------------------------------------------------------- in a real browser

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright  # pip install playwright (the `test` extra)

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: apt-get install -y chromium (the test command does)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A report opened in a fresh page, recording console errors, page errors and requests."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors, self.requests = [], []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: r.url.startswith("file://") or r.url.startswith("data:")
                     or self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("#list[data-state=ready] article")

    def count_text(self):
        return self.page.inner_text("#count")

    def select(self, sel, value):
        self.page.select_option(sel, value)
        self.settle()

    def settle(self):
        # the list is re-rendered asynchronously (a search waits 250 ms for more typing)
        self.page.wait_for_timeout(300)
        self.page.wait_for_selector("#list[data-state=ready]", state="attached")

    def articles(self):
        return self.page.eval_on_selector_all(
            "#list article", "els => els.map(e => ({status: e.dataset.status, reasons: e.dataset.reasons.split(' '),"
                             " language: e.dataset.language, text: e.innerText}))")


def test_seeds_report_in_browser(browser, versions):
    seeds, _ = versions
    manifest = json.loads((seeds / "manifest.json").read_text())
    rows = load_rows(seeds)
    page = Page(browser, seeds / "report.html")
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "report-seeds.png"))

    shown = page.page.eval_on_selector_all("[data-count]", "els => els.map(e => [e.dataset.count, e.textContent])")
    assert {k: int(v) for k, v in shown} == {k: manifest["counts"][k] for k, _ in shown}
    assert {k for k, _ in shown} >= {"inputs", "kept", "duplicate", "skipped", "words_in", "words_out"}
    assert page.count_text().startswith(f"{manifest['counts']['inputs']} of {manifest['counts']['inputs']}")

    for reason in manifest["removals_by_reason"]:
        value = page.page.evaluate(
            "r => [...document.querySelectorAll('#f-reason option')].find(o => o.textContent.startsWith(r + ' (')).value",
            reason)
        page.select("#f-reason", value)
        arts = page.articles()
        expected = sum(any(rm["reason"] == reason for rm in r["removals"]) for r in rows)
        assert len(arts) == expected > 0, reason
        assert all(reason in a["reasons"] for a in arts), reason
        # each shown document has a removed line labelled with that reason
        labels = page.page.eval_on_selector_all(
            "#list article", "els => els.map(e => [...e.querySelectorAll('.why')].map(w => w.textContent))")
        assert all(reason in ls for ls in labels), reason
    page.select("#f-reason", "")
    assert len(page.articles()) == len(rows)
    page.page.evaluate("document.getElementById('documents').scrollIntoView()")
    page.page.screenshot(path=str(ARTIFACTS / "report-seeds-documents.png"))
    assert page.errors == [] and page.requests == []


def test_fixture_report_in_browser(browser, versions):
    _, fixture = versions
    manifest = json.loads((fixture / "manifest.json").read_text())
    assert manifest["counts"]["duplicate"] == 1 and manifest["counts"]["skipped"] == 2
    page = Page(browser, fixture / "report.html")
    p = page.page

    # markup in an article is text: shown literally, never run
    assert p.evaluate("window.__pwned") is None
    p.fill("#q", "harbour")
    page.settle()
    p.wait_for_function("document.querySelectorAll('#list article').length === 1")
    text = p.inner_text("#list article")
    assert "<script>window.__pwned = 2</script>" in text  # kept body
    assert "<script>window.__pwned = 1</script>" in text  # removed line, struck through
    assert '<img src=x onerror="window.__pwned=3">' in text
    assert p.eval_on_selector_all("#list script, #list img, #list b", "els => els.length") == 0
    assert p.evaluate("window.__pwned") is None
    # the toggle hides the removed lines
    assert p.is_visible("#list p.rm")
    p.uncheck("#show-removed")
    assert not p.is_visible("#list p.rm")
    p.check("#show-removed")
    p.fill("#q", "")
    page.settle()

    # status filter: skipped files with their reasons
    page.select("#f-status", "2")
    arts = page.articles()
    assert sorted(a["status"] for a in arts) == ["skipped", "skipped"]
    assert any("binary" in a["text"] for a in arts) and any("empty" in a["text"] for a in arts)
    assert "image.txt" in p.inner_text("#skipped-files") and "binary" in p.inner_text("#skipped-files")

    # duplicates: side by side, with the differences highlighted and the similarity
    page.select("#f-status", "1")
    arts = page.articles()
    assert len(arts) == 1 and arts[0]["status"] == "duplicate"
    dup = next(i for i in manifest["inputs"] if i["status"] == "duplicate")
    assert f"similarity {dup['similarity']:.3f}" in arts[0]["text"]
    assert dup["duplicate_of"] in arts[0]["text"]
    inserted = " ".join(p.eval_on_selector_all("#list .side ins", "els => els.map(e => e.textContent)"))
    deleted = " ".join(p.eval_on_selector_all("#list .side del", "els => els.map(e => e.textContent)"))
    # the kept copy is the longer one (002b_copy.txt); the duplicate is the original
    assert "twelve" in deleted and "updated on Thursday" in deleted and "12" not in deleted
    assert "12" in inserted and "Russian" in inserted and "twelve" not in inserted
    p.evaluate("document.getElementById('documents').scrollIntoView()")
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "report-fixture-duplicate.png"))
    # the link to the kept copy shows it
    kept_at = [i["source"] for i in manifest["inputs"]].index(dup["duplicate_of"])
    p.click("#list article a.jump")
    page.settle()
    assert p.is_visible(f"#doc-{kept_at}") and p.get_attribute(f"#doc-{kept_at}", "data-status") == "kept"

    # reason filter on the fixture too
    page.select("#f-status", "")
    value = p.evaluate("[...document.querySelectorAll('#f-reason option')]"
                       ".find(o => o.textContent.startsWith('newsletter-prompt (')).value")
    page.select("#f-reason", value)
    assert all("newsletter-prompt" in a["reasons"] for a in page.articles())
    assert p.evaluate("window.__pwned") is None
    assert page.errors == [] and page.requests == []
