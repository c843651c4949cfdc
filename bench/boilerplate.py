"""Boilerplate-removal benchmark: cleaner vs no cleaning vs the C4 line rules, in one run.

usage: python bench/boilerplate.py [DATA] [--out DIR] [--json] [--per-language]

DATA is the benchmark folder (default ../shared/bench/boilerplate): input/<name>.txt pages as a
scraper saved them, gold/<name>.txt bodies, and its score.py, whose metric is used as it is.
Prints macro token F1, precision, recall and leak (micro and macro) for each system, and the
same split by the gold body's language (English / other; with --per-language also one group a
language, named "=de", "=pt" ...) and by site into two halves, A and B
(the host without "www.", hashed: a page is in A when the first byte of sha256("0" + host) is
even). Error analysis is done on half A only; half B shows how much carries over to sites
whose pages were never looked at. Writes each system's cleaned pages to OUT/<system>/<name>.txt.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "bench" / "boilerplate"


def load_scorer(data: Path):
    spec = importlib.util.spec_from_file_location("bench_score", data / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- baseline: the C4 line rules (Raffel et al. 2020, section 2.2), line-level only -------------
_C4_TERMINAL = ('.', '!', '?', '"', '”', '’', "'")
_C4_POLICY = re.compile(r"terms of use|privacy policy|cookie policy|uses cookies|use of cookies|use cookies", re.I)


def c4_lines(text: str) -> str:
    """Keep lines that end in terminal punctuation, have at least 5 words, and do not mention
    javascript or a site policy (the page-level C4 filters are not applied)."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if not line.endswith(_C4_TERMINAL) or len(line.split()) < 5:
            continue
        if "javascript" in line.lower() or _C4_POLICY.search(line):
            continue
        kept.append(line)
    return "\n".join(kept)


def run_cleaner(inputs: Path) -> tuple[dict, float]:
    from cleaner.pipeline import clean_files

    t = time.perf_counter()
    result = clean_files(inputs)
    elapsed = time.perf_counter() - t
    out = {}
    for d in result.docs:
        # a duplicate's text is its kept copy's; a skipped page has no output
        out[Path(d.source).stem] = d.body if d.status != "skipped" else ""
    return out, len(result.docs) / elapsed


def languages(data: Path) -> dict:
    from cleaner.langid import detect

    return {g.stem: detect(g.read_text(encoding="utf-8"), 0, 3000)[0] for g in sorted((data / "gold").glob("*.txt"))}


def site_half(url: str) -> str:
    """"A" or "B": the half of the benchmark a page's site falls in (see the module docstring)."""
    host = urlparse(url).netloc.lower()
    host = host[4:] if host.startswith("www.") else host
    return "A" if hashlib.sha256(("0" + host).encode()).digest()[0] % 2 == 0 else "B"


def halves(data: Path) -> dict:
    meta = data / "meta.jsonl"
    if not meta.exists():
        return {}
    rows = [json.loads(line) for line in meta.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["name"]: site_half(r["url"]) for r in rows if r.get("url")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "boilerplate")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--per-language", action="store_true",
                    help="also split the figures by the gold body's language, one group per language")
    args = ap.parse_args(argv)
    if not (args.data / "input").is_dir():
        sys.exit(f"bench/boilerplate.py: {args.data} has no input/ folder")
    scorer = load_scorer(args.data)
    pages = {p.stem: p.read_text(encoding="utf-8", errors="replace") for p in sorted((args.data / "input").glob("*.txt"))}
    cleaned, docs_per_s = run_cleaner(args.data / "input")
    systems = {
        "no-cleaning": pages,
        "c4-line-rules": {k: c4_lines(v) for k, v in pages.items()},
        "cleaner": cleaned,
    }
    lang = languages(args.data)
    half = halves(args.data)
    figures = {}
    for name, outputs in systems.items():
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        for stem, text in outputs.items():
            (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        res = scorer.score(args.data, outputs)
        per = res.pop("per_page")
        figures[name] = {"all": res}
        groups = [("en", lambda s: lang.get(s) == "en"), ("other", lambda s: lang.get(s) != "en")]
        if half:
            groups += [("A", lambda s: half.get(s) == "A"), ("B", lambda s: half.get(s) == "B")]
        if args.per_language:
            groups += [(f"={code}", lambda s, code=code: lang.get(s) == code) for code in sorted(set(lang.values()))]
        for group, keep in groups:
            sub = {k: v for k, v in per.items() if keep(k)}
            figures[name][group] = scorer.aggregate(sub)
    if args.json:
        print(json.dumps({"docs_per_s": docs_per_s, "figures": figures}, indent=1, sort_keys=True))
        return 0
    n_en = sum(1 for v in lang.values() if v == "en")
    print(f"{args.data}: {len(pages)} pages ({n_en} English, {len(pages) - n_en} other); cleaner ran at {docs_per_s:.0f} docs/s")
    print(f"{'system':<16} {'group':<6} {'pages':>5} | {'F1':>6} {'P':>6} {'R':>6} | {'leak':>6} {'mLeak':>6} | {'empty':>5}")
    for name, groups in figures.items():
        for group, r in groups.items():
            print(f"{name:<16} {group:<6} {r['pages']:>5} | {r['f1']:>6.3f} {r['p']:>6.3f} {r['r']:>6.3f} | "
                  f"{r['leak']:>6.3f} {r['macro_leak']:>6.3f} | {r['empty']:>5}")
    base = figures["c4-line-rules"]["all"]
    ours = figures["cleaner"]["all"]
    print(f"\ncleaner vs C4 line rules: F1 {ours['f1'] - base['f1']:+.3f}, leak {ours['leak'] - base['leak']:+.3f} "
          f"(targets: F1 >= 0.95, leak <= 0.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
