"""Title benchmark: does cleaner's `title` field agree with the headline slug of the page's URL?

usage: python bench/titles.py [DATA] [--show] [--json]

DATA is the boilerplate benchmark folder (default ../shared/bench/boilerplate): input/<name>.txt
pages as a scraper saved them and meta.jsonl with each page's URL. The pages are cleaned by the
public pipeline (cleaner.clean_files), and for each page whose URL carries a slug of at least 4
words (the path segment with the most words; numeric ids and file extensions dropped) the title
taken is scored against the slug: it *agrees* when at least 60% of the slug's words (lowercased,
accents and punctuation stripped) are words of the title and the title is not much longer than a
headline (at most twice the slug's words plus 5). Prints the agreement for all pages and for the
two site-hash halves A and B of bench/boilerplate.py; with --show, the disagreeing pages of half A
(the half used for error analysis; half B is only counted).

The slug is a proxy for the headline, not a gold title: headlines are often edited after the
slug is made, slugs are shortened or transliterated (a page in Cyrillic or Korean never agrees),
so 100% is not reachable and a few disagreements are right titles.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from boilerplate import DEFAULT, halves  # noqa: E402  (site_half is what halves() applies)

MIN_SLUG_WORDS = 4
AGREE_SHARE = 0.6


def norm_words(text: str) -> list[str]:
    """Lowercased words with accents and punctuation stripped.

    >>> norm_words("Saturn's Moon: Café-Titan!")
    ['saturn', 's', 'moon', 'cafe', 'titan']
    """
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", text)


def slug_words(url: str) -> list[str]:
    """Words of the URL's headline slug: the path segment with the most words, without its file
    extension and long numeric ids.

    >>> slug_words("https://www.wsj.com/articles/google-stadia-so-many-ways-11574168580")
    ['google', 'stadia', 'so', 'many', 'ways']
    >>> slug_words("https://www.nytimes.com/2019/11/19/opinion/republicans-elections-impeachment.html")
    ['republicans', 'elections', 'impeachment']
    """
    best: list[str] = []
    for seg in unquote(urlparse(url).path).split("/"):
        seg = re.sub(r"\.(s?html?|php|aspx?|jsp|cms)$", "", seg, flags=re.I)
        words = [w for w in norm_words(seg) if not re.search(r"\d{5,}", w)]
        if len(words) > len(best):
            best = words
    return best


def agrees(title: str | None, slug: list[str]) -> bool:
    """At least 60% of the slug's words are in the title, and the title is headline-sized."""
    if not title:
        return False
    words = norm_words(title)
    if len(words) > 2 * len(slug) + 5:
        return False
    have = set(words)
    return sum(w in have for w in slug) >= AGREE_SHARE * len(slug)


def titles(inputs: Path) -> dict[str, str | None]:
    from cleaner import clean_files

    result = clean_files(inputs)
    return {Path(d.source).stem: (d.meta or {}).get("title") for d in result.docs}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--show", action="store_true", help="list the disagreeing pages of half A")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    meta = args.data / "meta.jsonl"
    if not (args.data / "input").is_dir() or not meta.exists():
        sys.exit(f"bench/titles.py: {args.data} needs input/ and meta.jsonl")
    rows = [json.loads(line) for line in meta.read_text(encoding="utf-8").splitlines() if line.strip()]
    slugs = {r["name"]: slug_words(r["url"]) for r in rows if r.get("url")}
    slugs = {k: v for k, v in slugs.items() if len(v) >= MIN_SLUG_WORDS}
    half = halves(args.data)
    got = titles(args.data / "input")
    scored = {k: agrees(got.get(k), v) for k, v in slugs.items() if k in got}
    figures = {}
    for group, keep in [("all", lambda k: True), ("A", lambda k: half.get(k) == "A"),
                        ("B", lambda k: half.get(k) == "B")]:
        sub = [ok for k, ok in scored.items() if keep(k)]
        figures[group] = {"pages": len(sub), "agree": sum(sub), "share": sum(sub) / len(sub) if sub else 0.0}
    if args.json:
        print(json.dumps(figures, indent=1, sort_keys=True))
    else:
        print(f"{args.data}: {len(got)} pages, {len(scored)} with a slug of >= {MIN_SLUG_WORDS} words")
        print(f"{'group':<6} {'pages':>5} {'agree':>5} {'share':>6}")
        for group, f in figures.items():
            print(f"{group:<6} {f['pages']:>5} {f['agree']:>5} {f['share']:>6.3f}")
    if args.show:
        print("\ndisagreeing pages of half A (name | title taken | slug):")
        for k in sorted(scored):
            if half.get(k) == "A" and not scored[k]:
                print(f"{k} | {got.get(k)!r} | {' '.join(slugs[k])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
