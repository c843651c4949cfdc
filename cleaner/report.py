"""The review report: one self-contained ``report.html`` for a dataset version.

A person deciding whether to trust a cleaned dataset wants to see what was cut. The report
shows the manifest's summary, plots (inline SVG drawn here), every input file (kept with its
removed lines in place and labelled, duplicate beside its kept copy with the differences
highlighted, skipped with its reason), a search box and filters.

Self-contained and safe:

- no network at all: CSS and JS are inline and a Content-Security-Policy forbids every fetch;
- all text is escaped: static HTML goes through :func:`html.escape`, the page's script builds
  the document views with ``textContent`` only, never ``innerHTML`` on data, and the small
  JSON block is embedded with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped
  (:func:`embed_json`);
- compact and lazy at 100k documents: the per-document data is gzip-compressed JSON in
  chunks of :data:`CHUNK_DOCS` documents (base64 inside ``<script type="text/plain">``), and
  a chunk is only decompressed (``DecompressionStream``) when a page of the list needs it.
  Each body is stored once with its removed lines beside it (repeated removed lines are
  stored once per chunk), never the text twice.

The report is a pure function of the version folder (manifest and Parquet rows) plus, when
made by ``cleaner clean``, the bodies and titles of the duplicates (``duplicate_bodies``:
id -> ``{"body", "title"}``), which the Parquet does not hold.

Removed lines in place: a row holds its body (paragraphs joined by a blank line) and its
removals with offsets into the repaired text. :func:`place_removals` recovers, for each
removal, how many body paragraphs come before it, from the lengths of the gaps between the
removals (the repaired text has stripped lines and at most one blank line between blocks).

>>> place_removals("First.\\n\\nSecond.", [{"start": 0, "end": 9}, {"start": 18, "end": 30}])
[0, 1]
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from .errors import VersionError

REPORT_FILE = "report.html"
CHUNK_DOCS = 500
STATUSES = ("kept", "duplicate", "skipped")
_WORD = re.compile(r"\w+")
LENGTH_BINS = (0, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000)


def _words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def embed_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element and in JavaScript source.

    >>> embed_json({"a": "</script><b>&\\u2028"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _blob(value) -> str:
    """gzip-compressed JSON as base64 (deterministic: no timestamp in the gzip header)."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


# --------------------------------------------------------------------------- removed lines in place

def place_removals(body: str, removals: list[dict]) -> list[int]:
    """For each removal (sorted, with ``start``/``end`` offsets into the repaired text), the
    number of body paragraphs that come before it.

    The gap between two removals holds whole kept lines: body paragraphs (each with its
    newline) and blank lines, never two blank lines in a row. So a gap of ``L`` characters
    holding ``n`` paragraphs satisfies ``L - sum(len(p) + 1) = b`` blank lines with
    ``0 <= b <= n + 1``. The paragraphs are assigned to the gaps in order by a small search
    over that constraint; if no assignment fits (a removal inside a line), the greedy "as
    many as fit" assignment is used.

    >>> place_removals("A long paragraph.", [{"start": 0, "end": 6}])
    [0]
    >>> place_removals("One.\\n\\nTwo.", [{"start": 5, "end": 12}])
    [1]
    """
    paras = [p for p in body.split("\n\n") if p] if body else []
    if not removals:
        return []
    gaps, pos = [], 0
    for r in removals:
        gaps.append(max(0, r["start"] - pos))
        pos = max(pos, r["end"])
    sizes = [len(p) + 1 for p in paras]
    n_par, n_gap = len(paras), len(gaps)
    dead: set[tuple[int, int]] = set()
    choice: list[int] = []

    def search(g: int, j: int) -> bool:
        if g == n_gap:
            return True  # the rest of the paragraphs follow the last removal
        if (g, j) in dead:
            return False
        length, used, n = gaps[g], 0, 0
        options = []
        while True:
            blanks = length - used
            if blanks < 0:
                break
            if blanks <= n + 1:
                options.append(n)
            if j + n >= n_par:
                break
            used += sizes[j + n]
            n += 1
        for n in options:
            choice.append(n)
            if search(g + 1, j + n):
                return True
            choice.pop()
        dead.add((g, j))
        return False

    found = n_gap <= 500 and search(0, 0)  # the search recurses once per gap
    if not found:  # greedy fallback: as many paragraphs as fit in each gap
        choice, j = [], 0
        for length in gaps:
            n, used = 0, 0
            while j + n < n_par and used + sizes[j + n] - 1 <= length:
                used += sizes[j + n]
                n += 1
            choice.append(n)
            j += n
    out, j = [], 0
    for n in choice:
        j += n
        out.append(j)
    return out


# --------------------------------------------------------------------------- plots (inline SVG)

def _svg_open(width: int, height: int, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{html.escape(label)}">')


def _empty_svg(label: str, message: str) -> str:
    return (_svg_open(460, 60, label) + f'<text x="10" y="35" class="muted">{html.escape(message)}</text></svg>')


def hbar_svg(label: str, items: list[tuple[str, int]], css: str = "bar") -> str:
    """A horizontal bar chart of (label, count), largest first as given."""
    if not items:
        return _empty_svg(label, "nothing to show")
    row, left, width = 20, 170, 460
    height = row * len(items) + 10
    top = max(v for _, v in items) or 1
    parts = [_svg_open(width, height, label)]
    for i, (name, value) in enumerate(items):
        y = 5 + i * row
        w = max(1.0, (width - left - 60) * value / top)
        parts.append(
            f'<g><title>{html.escape(name)}: {value}</title>'
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{html.escape(_clip(name, 26))}</text>'
            f'<rect class="{css}" x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" rx="2"/>'
            f'<text x="{left + w + 5:.1f}" y="{y + 14}" class="num">{value}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def columns_svg(label: str, groups: list[str], series: list[tuple[str, str, list[int]]], x_label: str = "") -> str:
    """Vertical bars: one group per label, one bar per series (name, css class, values)."""
    if not groups or not any(any(v) for _, _, v in series):
        return _empty_svg(label, "nothing to show")
    width, height, left, bottom, top_pad = 460, 220, 40, 40, 22
    plot_h = height - bottom - top_pad
    top = max(max(v) for _, _, v in series) or 1
    gw = (width - left - 10) / len(groups)
    bw = min(44.0, max(2.0, (gw - 4) / len(series)))
    parts = [_svg_open(width, height, label)]
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" class="axis"/>')
    parts.append(f'<text x="{left - 4}" y="{top_pad + 4}" text-anchor="end" class="num">{top}</text>')
    parts.append(f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" class="num">0</text>')
    for gi, g in enumerate(groups):
        gx = left + gi * gw + 2
        for si, (sname, css, values) in enumerate(series):
            v = values[gi]
            h = plot_h * v / top
            x = gx + (gw - 4 - bw * len(series)) / 2 + si * bw
            parts.append(f'<rect class="{css}" x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bw - 1:.1f}" '
                         f'height="{h:.1f}"><title>{html.escape(sname)}, {html.escape(g)}: {v}</title></rect>')
        parts.append(f'<text x="{gx + gw / 2 - 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                     f'class="tick">{html.escape(g)}</text>')
    if x_label:
        parts.append(f'<text x="{width - 5}" y="{height - 6}" text-anchor="end" class="tick">{html.escape(x_label)}</text>')
    lx = left + 6
    for sname, css, _ in series:
        parts.append(f'<rect class="{css}" x="{lx}" y="4" width="10" height="10"/>'
                     f'<text x="{lx + 14}" y="13" class="tick">{html.escape(sname)}</text>')
        lx += 20 + 7 * len(sname)
    parts.append("</svg>")
    return "".join(parts)


def _length_bins(values: list[int]) -> list[int]:
    counts = [0] * len(LENGTH_BINS)
    for v in values:
        k = 0
        while k + 1 < len(LENGTH_BINS) and v >= LENGTH_BINS[k + 1]:
            k += 1
        counts[k] += 1
    return counts


def _bin_labels() -> list[str]:
    out = []
    for k, lo in enumerate(LENGTH_BINS):
        out.append(f"{lo}+" if k + 1 == len(LENGTH_BINS) else (f"<{LENGTH_BINS[k + 1]}" if lo == 0 else f"{lo}"))
    return out


# --------------------------------------------------------------------------- data

def load_rows(folder: Path) -> list[dict]:
    """The rows of a version folder's Parquet shards, in shard order."""
    import pyarrow.parquet as pq

    rows: list[dict] = []
    for shard in sorted((Path(folder) / "data").glob("*.parquet")):
        rows.extend(pq.read_table(shard).to_pylist())
    return rows


def _reason_code(reason: str | None) -> str:
    """'binary: NUL bytes' -> 'binary'."""
    return (reason or "unknown").split(":", 1)[0].strip() or "unknown"


def build_data(manifest: dict, rows: Iterable[dict], duplicate_bodies: dict[str, dict] | None = None,
               chunk_docs: int = CHUNK_DOCS) -> dict:
    """Everything the page shows, in the compact form it is embedded in."""
    duplicate_bodies = duplicate_bodies or {}
    row_by_id = {r["id"]: r for r in rows}
    inputs = manifest.get("inputs", [])
    index_of_id = {inp["id"]: i for i, inp in enumerate(inputs) if inp.get("id")}

    reasons = sorted({rm["reason"] for r in row_by_id.values() for rm in r["removals"]})
    rules = sorted({rm["rule"] for r in row_by_id.values() for rm in r["removals"]})
    languages = sorted({r["language"] for r in row_by_id.values() if r.get("language")})
    skip_codes = sorted({_reason_code(i.get("reason")) for i in inputs if i["status"] == "skipped"})
    hows = sorted({i.get("how") or "" for i in inputs if i["status"] == "duplicate"})
    r_ix = {x: k for k, x in enumerate(reasons)}
    u_ix = {x: k for k, x in enumerate(rules)}
    l_ix = {x: k for k, x in enumerate(languages)}
    s_ix = {x: k for k, x in enumerate(skip_codes)}
    h_ix = {x: k for k, x in enumerate(hows)}

    index = {k: [] for k in ("src", "st", "ti", "lg", "rs", "wb", "wa", "dof", "how", "sim", "dups", "sk", "sc")}
    chunks: list[list] = []
    lengths_before, lengths_after, cluster_sizes = [], [], []
    for i, inp in enumerate(inputs):
        status = inp["status"]
        row = row_by_id.get(inp.get("id")) if status == "kept" else None
        entry = None
        index["src"].append(inp["source"])
        index["st"].append(STATUSES.index(status) if status in STATUSES else 2)
        title, lang, rs, wb, wa, dof, how, sim, dups, sk, sc = "", -1, [], 0, 0, -1, -1, None, [], "", -1
        if row is not None:
            title = row.get("title") or ""
            lang = l_ix.get(row.get("language"), -1)
            rs = sorted({r_ix[rm["reason"]] for rm in row["removals"]})
            wa = _words(row["text"])
            wb = wa + sum(_words(rm["text"]) for rm in row["removals"])
            dups = [index_of_id[d["id"]] for d in row.get("duplicates") or [] if d["id"] in index_of_id]
            lengths_before.append(wb)
            lengths_after.append(wa)
            if row.get("duplicates"):
                cluster_sizes.append(1 + len(row["duplicates"]))
            places = place_removals(row["text"], row["removals"])
            entry = {
                "b": row["text"],
                "r": [[k, r_ix[rm["reason"]], u_ix[rm["rule"]], rm["text"]]
                      for k, rm in zip(places, row["removals"])],
                "m": {key: row.get(key) for key in ("id", "date", "author", "outlet", "section", "tags",
                                                     "language", "language_score", "encoding", "sha256")},
            }
        elif status == "duplicate":
            dof = index_of_id.get(inp.get("duplicate_of_id"), -1)
            how = h_ix.get(inp.get("how") or "", -1)
            sim = inp.get("similarity")
            extra = duplicate_bodies.get(inp.get("id")) or {}
            body = extra.get("body")
            title = extra.get("title") or ""
            if body is not None:
                wa = _words(body)
            entry = {"b": body, "m": {"id": inp.get("id")}}
        else:
            sk = inp.get("reason") or ""
            sc = s_ix.get(_reason_code(sk), -1)
        for key, value in (("ti", title), ("lg", lang), ("rs", rs), ("wb", wb), ("wa", wa), ("dof", dof),
                           ("how", how), ("sim", sim), ("dups", dups), ("sk", sk), ("sc", sc)):
            index[key].append(value)
        if i % chunk_docs == 0:
            chunks.append([])
        chunks[-1].append(entry)

    # intern removed lines per chunk: boilerplate repeats
    packed = []
    for chunk in chunks:
        table: dict[str, int] = {}
        for e in chunk:
            if e and "r" in e:
                for rm in e["r"]:
                    rm[3] = table.setdefault(rm[3], len(table))
        packed.append({"s": list(table), "d": chunk})
    return {
        "meta": {"reasons": reasons, "rules": rules, "languages": languages, "skip_codes": skip_codes,
                 "hows": hows, "statuses": list(STATUSES), "chunk_docs": chunk_docs, "n": len(inputs)},
        "index": index, "chunks": packed,
        "lengths": (lengths_before, lengths_after), "clusters": cluster_sizes,
    }


# --------------------------------------------------------------------------- page

def _summary_html(manifest: dict) -> str:
    c = manifest.get("counts", {})
    cells = [("inputs", "input files"), ("kept", "kept"), ("duplicate", "duplicates"), ("skipped", "skipped"),
             ("words_in", "words before"), ("words_out", "words after")]
    out = ['<div class="cards">']
    for key, label in cells:
        out.append(f'<div class="card k-{key}"><div class="n" data-count="{key}">{int(c.get(key, 0))}</div>'
                   f'<div class="l">{html.escape(label)}</div></div>')
    out.append("</div>")
    words_in, words_out = c.get("words_in") or 0, c.get("words_out") or 0
    if words_in:
        out.append(f'<p class="muted">{100 * (words_in - words_out) / words_in:.1f}% of the words were removed '
                   f'(boilerplate, metadata lines, duplicates and skipped files).</p>')
    return "".join(out)


def _skipped_html(manifest: dict, limit: int = 1000) -> str:
    skipped = [i for i in manifest.get("inputs", []) if i["status"] == "skipped"]
    if not skipped:
        return '<p class="muted">No input file was skipped.</p>'
    codes = Counter(_reason_code(i.get("reason")) for i in skipped)
    out = ['<table class="tbl"><thead><tr><th>reason</th><th>files</th></tr></thead><tbody>']
    for code, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f'<tr><td><code>{html.escape(code)}</code></td><td class="r" data-skip="{html.escape(code)}">{n}'
                   f'</td></tr>')
    out.append('</tbody></table><table class="tbl" id="skipped-files"><thead><tr><th>file</th><th>reason</th>'
               '</tr></thead><tbody>')
    for inp in skipped[:limit]:
        out.append(f'<tr><td><code>{html.escape(inp["source"])}</code></td><td>{html.escape(inp.get("reason") or "")}'
                   f'</td></tr>')
    out.append("</tbody></table>")
    if len(skipped) > limit:
        out.append(f'<p class="muted">{len(skipped) - limit} more: choose status "skipped" in the documents list.</p>')
    return "".join(out)


def _plots_html(manifest: dict, data: dict) -> str:
    reasons = sorted((manifest.get("removals_by_reason") or {}).items(), key=lambda kv: (-kv[1], kv[0]))
    langs = sorted((manifest.get("languages") or {}).items(), key=lambda kv: (-kv[1], kv[0]))
    before, after = data["lengths"]
    sizes = Counter(min(s, 10) for s in data["clusters"])
    size_groups = [str(s) if s < 10 else "10+" for s in range(2, 11)]
    size_values = [sizes.get(s, 0) for s in range(2, 11)]
    while len(size_groups) > 4 and size_values[-1] == 0:
        size_groups.pop()
        size_values.pop()
    figs = [
        ("Removed lines by reason", hbar_svg("removed lines by reason", reasons)),
        ("Languages of kept documents", hbar_svg("languages", langs, "bar2")),
        ("Document length in words (kept documents)",
         columns_svg("document length", _bin_labels(),
                     [("before", "bar0", _length_bins(before)), ("after", "bar", _length_bins(after))],
                     "words per document (bins from this many)")),
        ("Duplicate clusters by size (kept copy + duplicates)",
         columns_svg("duplicate cluster sizes", size_groups, [("clusters", "bar3", size_values)],
                     "documents in the cluster")
         if data["clusters"] else _empty_svg("duplicate cluster sizes", "no duplicates")),
    ]
    return '<div class="plots">' + "".join(
        f'<figure><figcaption>{html.escape(t)}</figcaption>{svg}</figure>' for t, svg in figs) + "</div>"


def render_report(manifest: dict, rows: Iterable[dict], duplicate_bodies: dict[str, dict] | None = None,
                  chunk_docs: int = CHUNK_DOCS) -> str:
    """The report page for a version, as a string. Deterministic: the same manifest (its
    ``files`` listing is not used), rows and duplicate bodies give the same bytes."""
    data = build_data(manifest, rows, duplicate_bodies, chunk_docs)
    name, version = manifest.get("name", "dataset"), manifest.get("version", "")
    title = f"{name} v{version}: cleaning report"
    head_facts = " · ".join(html.escape(str(x)) for x in (
        f"created {manifest.get('created') or 'unknown'}", f"cleaner {manifest.get('cleaner_version', '?')}",
        f"content sha256 {str(manifest.get('content_sha256', ''))[:16]}…"))
    chunks = "".join(f'<script type="text/plain" id="chunk-{k}">{_blob(c)}</script>\n'
                     for k, c in enumerate(data["chunks"]))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>{html.escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header class="top">
<h1>{html.escape(name)} <span class="ver">v{html.escape(str(version))}</span></h1>
<p class="muted">Cleaning report · {head_facts}</p>
<nav><a href="#summary">Summary</a><a href="#plots">Plots</a><a href="#skipped">Skipped files</a><a href="#documents">Documents</a></nav>
</header>
<main>
<section id="summary"><h2>Summary</h2>{_summary_html(manifest)}</section>
<section id="plots"><h2>Plots</h2>{_plots_html(manifest, data)}</section>
<section id="skipped"><h2>Skipped files</h2>{_skipped_html(manifest)}</section>
<section id="documents"><h2>Documents</h2>
<div class="controls">
<input type="search" id="q" placeholder="Search text, title, source…" aria-label="search">
<select id="f-status" aria-label="status"><option value="">every status</option></select>
<select id="f-reason" aria-label="reason"><option value="">every reason</option></select>
<select id="f-lang" aria-label="language"><option value="">every language</option></select>
<label class="tog"><input type="checkbox" id="show-removed" checked> show removed lines</label>
</div>
<p id="count" class="muted" aria-live="polite">Loading…</p>
<div id="list"></div>
<div class="pager"><button id="prev" type="button">← previous</button><span id="page"></span><button id="next" type="button">next →</button></div>
<noscript><p>The documents list needs JavaScript; the summary, plots and skipped files above do not.</p></noscript>
</section>
</main>
<script type="application/json" id="meta">{embed_json(data["meta"])}</script>
<script type="text/plain" id="index">{_blob(data["index"])}</script>
{chunks}<script>{_JS}</script>
</body>
</html>
"""


# --------------------------------------------------------------------------- writing

def write_report(folder: Path, manifest: dict, duplicate_bodies: dict[str, dict] | None = None,
                 output: Path | None = None) -> Path:
    """Render the report of the version in ``folder`` (rows read from its shards) to
    ``output`` (default ``folder/report.html``)."""
    text = render_report(manifest, load_rows(Path(folder)), duplicate_bodies)
    path = Path(output) if output else Path(folder) / REPORT_FILE
    path.write_text(text, encoding="utf-8")
    return path


def report_hook(result) -> Callable[[Path, dict], None]:
    """The ``extra_files`` hook of ``write_version``: writes report.html into the version being
    built, with the duplicates' bodies taken from the run (the Parquet only has kept rows;
    a streamed run's are read back from its spill when the hook runs)."""

    def hook(folder: Path, manifest: dict) -> None:
        bodies = {}
        for d in result.docs:
            if d.status == "duplicate":
                doc = result.document(d)
                bodies[d.id] = {"body": doc.body, "title": doc.meta.get("title")}
        write_report(folder, manifest, bodies)

    return hook


def resolve_target(target: str | None, root: str | Path = "data") -> Path:
    """The version folder of ``PATH``, ``NAME`` (latest), ``NAME@VERSION``, or (None) the
    latest version of the only dataset under root."""
    from .loader import resolve_version

    root = Path(root)
    if target and (Path(target) / "manifest.json").is_file():
        return Path(target)
    if target and Path(target).is_dir() and not (root / target).is_dir():
        raise VersionError(f"{target} is not a version folder (no manifest.json)")
    if not target:
        names = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) \
            if root.is_dir() else []
        if len(names) != 1:
            raise VersionError(f"name a dataset: {root} holds {', '.join(names) if names else 'none'}")
        target = names[0]
    name, _, version = target.partition("@")
    return resolve_version(name, version or None, root)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def report_for_version(folder: Path, output: Path | None = None) -> tuple[Path, str]:
    """Write the report of an existing version; returns (path, what happened).

    Versions are immutable and ``manifest.json`` lists the sha256 of every file, so:

    - with ``output`` elsewhere than the version's own report.html: always write a fresh
      rendering there;
    - the manifest lists report.html (``clean`` made it): it is part of the version. If it is
      present and matches its sha256, nothing is written (``"up-to-date"``). If it is missing
      or changed, a fresh rendering is written only when it is byte-identical to the listed
      sha256 (``"restored"``); otherwise :class:`VersionError` (use ``output``);
    - the manifest does not list report.html (made with ``--no-report``): report.html is
      written (created or replaced) and is *not* covered by the manifest's checksums
      (``"written-unlisted"``).
    """
    from .package.versions import read_manifest

    folder = Path(folder)
    manifest = read_manifest(folder)
    own = folder / REPORT_FILE
    if output is not None and Path(output).resolve() != own.resolve():
        return write_report(folder, manifest, output=Path(output)), "written"
    listed = (manifest.get("files") or {}).get(REPORT_FILE)
    if listed is None:
        return write_report(folder, manifest), "written-unlisted"
    if own.is_file() and _sha256(own.read_bytes()) == listed:
        return own, "up-to-date"
    fresh = render_report(manifest, load_rows(folder)).encode("utf-8")
    if _sha256(fresh) != listed:
        raise VersionError(
            f"{own} is part of the immutable version {manifest.get('version')} (its sha256 is in manifest.json) "
            f"and is {'changed' if own.exists() else 'missing'}; a fresh rendering differs from it "
            "(duplicates' bodies are only known at clean time, or the report code changed), so it is not "
            "overwritten. Write a fresh report elsewhere with --output FILE.")
    own.write_bytes(fresh)
    return own, "restored"


# --------------------------------------------------------------------------- assets

_CSS = """
:root{--fg:#1d232b;--muted:#5d6875;--line:#d9dee4;--bg:#f6f7f9;--card:#fff;--acc:#2563c9;--rm:#b3261e;
--rmbg:#fdecea;--ins:#e3f5e1;--insfg:#1b6b22;--del:#fde2e1;--delfg:#a11d16}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#1d2b3f;color:#fff;padding:18px 28px 10px}
header.top h1{margin:0;font-size:24px}.ver{font-weight:400;opacity:.8}
header.top .muted{color:#c6d0dc;margin:4px 0 10px}
nav a{color:#fff;margin-right:18px;text-decoration:none;border-bottom:2px solid transparent}
nav a:hover{border-color:#fff}
main{max-width:1180px;margin:0 auto;padding:8px 28px 60px}
h2{font-size:19px;margin:26px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:130px}
.card .n{font-size:24px;font-weight:600}.card .l{color:var(--muted);font-size:13px}
.k-duplicate .n{color:#8a5a00}.k-skipped .n{color:var(--rm)}.k-kept .n{color:#1b6b22}
.plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(470px,1fr));gap:14px;align-items:start}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px}
figcaption{font-weight:600;margin-bottom:6px;font-size:14px}
figure svg{width:100%;height:auto;font-size:12px;fill:var(--fg)}
svg .bar{fill:#2563c9}svg .bar0{fill:#b8c2cf}svg .bar2{fill:#2f8f6b}svg .bar3{fill:#c07a12}
svg .num,svg .tick{fill:var(--muted);font-size:11px}svg .axis{stroke:#9aa4b1}svg .muted{fill:var(--muted)}
.tbl{border-collapse:collapse;background:var(--card);margin:6px 0 10px;font-size:14px}
.tbl td,.tbl th{border:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
.tbl td.r{text-align:right}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;position:sticky;top:0;background:var(--bg);
padding:8px 0;z-index:2}
.controls input[type=search]{flex:1 1 260px;padding:6px 10px;font-size:15px;border:1px solid #b9c1cb;border-radius:6px}
.controls select{padding:6px;font-size:14px;border:1px solid #b9c1cb;border-radius:6px;background:#fff}
.tog{font-size:14px;white-space:nowrap}
.doc{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:12px 0;padding:12px 16px}
.doc h3{margin:0 0 2px;font-size:17px}
.badge{display:inline-block;font-size:12px;border-radius:10px;padding:0 8px;margin-right:6px;vertical-align:2px;
color:#fff;background:#1b6b22}
.badge.duplicate{background:#8a5a00}.badge.skipped{background:var(--rm)}
.src{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;color:var(--muted);word-break:break-all}
.facts{font-size:13px;color:var(--muted);margin:2px 0 6px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 12px;font-size:13px;margin:6px 0;
background:var(--bg);padding:6px 10px;border-radius:6px}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;word-break:break-word}
.text p{margin:0 0 8px;white-space:pre-wrap;overflow-wrap:anywhere}
.text p.rm{color:var(--rm);background:var(--rmbg);border-left:3px solid var(--rm);padding:1px 6px;font-size:14px}
.text p.rm del{text-decoration:line-through}
.why{display:inline-block;font-size:11px;font-weight:600;border:1px solid var(--rm);border-radius:8px;padding:0 6px;
margin-left:8px;white-space:nowrap}
.hide-removed .text p.rm{display:none}
.side{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.side>div{background:var(--bg);border-radius:6px;padding:8px 10px;font-size:14px;white-space:pre-wrap;
overflow-wrap:anywhere;max-height:520px;overflow:auto}
.side h4{margin:0 0 6px;font-size:13px;color:var(--muted);white-space:normal}
ins{background:var(--ins);color:var(--insfg);text-decoration:none}
del.d{background:var(--del);color:var(--delfg)}
.pager{display:flex;gap:14px;align-items:center;justify-content:center;margin:16px 0}
.pager button{padding:6px 14px;font-size:14px;border:1px solid #b9c1cb;border-radius:6px;background:#fff;cursor:pointer}
.pager button:disabled{opacity:.4;cursor:default}
a.jump{color:var(--acc);cursor:pointer;text-decoration:underline}
.skipreason{color:var(--rm);font-size:14px}
@media (max-width:700px){.side{grid-template-columns:1fr}main{padding:8px 12px}}
"""

_JS = r"""
"use strict";
(function () {
  const PAGE = 25;
  const meta = JSON.parse(document.getElementById("meta").textContent);
  const $ = (id) => document.getElementById(id);
  const chunkCache = new Map();
  let index = null, view = [], page = 0, token = 0;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  async function unblob(id) {
    const b64 = document.getElementById(id).textContent.trim();
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    if (typeof DecompressionStream === "undefined") throw new Error("this browser lacks DecompressionStream");
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }
  async function chunk(k) {
    if (!chunkCache.has(k)) {
      chunkCache.set(k, unblob("chunk-" + k));
      if (chunkCache.size > 40) chunkCache.delete(chunkCache.keys().next().value);
    }
    return chunkCache.get(k);
  }
  async function entry(i) {
    const c = await chunk(Math.floor(i / meta.chunk_docs));
    return {e: c.d[i % meta.chunk_docs], s: c.s};
  }

  function fillSelect(sel, items) {
    for (const [value, label] of items) { const o = el("option", null, label); o.value = value; sel.appendChild(o); }
  }
  function counts(pred) { let n = 0; for (let i = 0; i < meta.n; i++) if (pred(i)) n++; return n; }

  function setup() {
    fillSelect($("f-status"), meta.statuses.map((s, k) => [String(k), s + " (" + counts((i) => index.st[i] === k) + ")"]));
    const rs = $("f-reason");
    const g1 = el("optgroup"); g1.label = "removed lines";
    meta.reasons.forEach((r, k) => { const o = el("option", null, r + " (" + counts((i) => index.rs[i].includes(k)) + ")"); o.value = "r" + k; g1.appendChild(o); });
    rs.appendChild(g1);
    if (meta.skip_codes.length) {
      const g2 = el("optgroup"); g2.label = "skipped files";
      meta.skip_codes.forEach((r, k) => { const o = el("option", null, r + " (" + counts((i) => index.sc[i] === k) + ")"); o.value = "s" + k; g2.appendChild(o); });
      rs.appendChild(g2);
    }
    if (meta.hows.length) {
      const g3 = el("optgroup"); g3.label = "duplicates";
      meta.hows.forEach((r, k) => { const o = el("option", null, r + " (" + counts((i) => index.how[i] === k) + ")"); o.value = "h" + k; g3.appendChild(o); });
      rs.appendChild(g3);
    }
    fillSelect($("f-lang"), meta.languages.map((l, k) => [String(k), l + " (" + counts((i) => index.lg[i] === k) + ")"]));
    for (const id of ["f-status", "f-reason", "f-lang"]) $(id).addEventListener("change", () => apply());
    let timer = null;
    $("q").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(apply, 250); });
    $("show-removed").addEventListener("change", (ev) => $("list").classList.toggle("hide-removed", !ev.target.checked));
    $("prev").addEventListener("click", () => { if (page > 0) { page--; render(true); } });
    $("next").addEventListener("click", () => { if ((page + 1) * PAGE < view.length) { page++; render(true); } });
  }

  function matchesFilters(i) {
    const st = $("f-status").value, rs = $("f-reason").value, lg = $("f-lang").value;
    if (st !== "" && index.st[i] !== +st) return false;
    if (lg !== "" && index.lg[i] !== +lg) return false;
    if (rs !== "") {
      const k = +rs.slice(1);
      if (rs[0] === "r" && !index.rs[i].includes(k)) return false;
      if (rs[0] === "s" && index.sc[i] !== k) return false;
      if (rs[0] === "h" && index.how[i] !== k) return false;
    }
    return true;
  }
  function quick(i, q) {
    return index.src[i].toLowerCase().includes(q) || index.ti[i].toLowerCase().includes(q) || index.sk[i].toLowerCase().includes(q);
  }
  function deep(e, strings, q) {
    if (!e) return false;
    if (e.b && e.b.toLowerCase().includes(q)) return true;
    if (e.m) for (const v of Object.values(e.m)) if (v !== null && String(v).toLowerCase().includes(q)) return true;
    if (e.r) for (const r of e.r) if (strings[r[3]].toLowerCase().includes(q)) return true;
    return false;
  }

  async function apply() {
    const my = ++token;
    $("list").dataset.state = "busy";
    const q = $("q").value.trim().toLowerCase();
    const cand = [];
    for (let i = 0; i < meta.n; i++) if (matchesFilters(i)) cand.push(i);
    if (!q) { view = cand; page = 0; return render(false); }
    const hit = [];
    const byChunk = new Map();
    for (const i of cand) {
      if (quick(i, q)) { hit.push(i); continue; }
      if (index.st[i] === 2) continue;
      const k = Math.floor(i / meta.chunk_docs);
      if (!byChunk.has(k)) byChunk.set(k, []);
      byChunk.get(k).push(i);
    }
    let done = 0;
    for (const [k, ids] of byChunk) {
      const c = await chunk(k);
      if (my !== token) return;
      for (const i of ids) if (deep(c.d[i % meta.chunk_docs], c.s, q)) hit.push(i);
      if (++done % 10 === 0) $("count").textContent = "Searching… " + done + " of " + byChunk.size + " parts";
    }
    hit.sort((a, b) => a - b);
    view = hit; page = 0; render(false);
  }

  async function render(scroll) {
    const my = ++token;
    $("list").dataset.state = "busy";
    const pages = Math.max(1, Math.ceil(view.length / PAGE));
    $("count").textContent = view.length + " of " + meta.n + " input files match";
    $("page").textContent = "page " + (page + 1) + " of " + pages;
    $("prev").disabled = page === 0;
    $("next").disabled = (page + 1) * PAGE >= view.length;
    const ids = view.slice(page * PAGE, (page + 1) * PAGE);
    const cards = [];
    for (const i of ids) { cards.push(await card(i)); if (my !== token) return; }
    const list = $("list");
    list.replaceChildren(...cards);
    list.dataset.state = "ready";
    if (scroll) $("documents").scrollIntoView();
  }

  function metaList(m, extra) {
    const dl = el("dl", "meta");
    const add = (k, v) => { if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) return; dl.appendChild(el("dt", null, k)); dl.appendChild(el("dd", null, Array.isArray(v) ? v.join(", ") : v)); };
    for (const [k, v] of extra) add(k, v);
    if (m) for (const k of ["date", "author", "outlet", "section", "tags", "encoding", "sha256", "id"]) add(k, m[k]);
    return dl;
  }
  function head(i, extraFacts) {
    const box = el("article", "doc");
    box.id = "doc-" + i;
    box.dataset.status = meta.statuses[index.st[i]];
    box.dataset.reasons = index.rs[i].map((k) => meta.reasons[k]).join(" ");
    box.dataset.language = index.lg[i] >= 0 ? meta.languages[index.lg[i]] : "";
    const h = el("h3");
    h.appendChild(el("span", "badge " + meta.statuses[index.st[i]], meta.statuses[index.st[i]]));
    h.appendChild(document.createTextNode(index.ti[i] || "(no title)"));
    box.appendChild(h);
    box.appendChild(el("div", "src", index.src[i]));
    if (extraFacts) box.appendChild(el("div", "facts", extraFacts));
    return box;
  }
  function jump(i, label) {
    const a = el("a", "jump", label);
    a.href = "#doc-" + i;
    a.addEventListener("click", (ev) => { ev.preventDefault(); $("q").value = ""; $("f-status").value = ""; $("f-reason").value = ""; $("f-lang").value = ""; view = []; for (let j = 0; j < meta.n; j++) view.push(j); page = Math.floor(i / PAGE); render(false).then(() => { const t = $("doc-" + i); if (t) t.scrollIntoView(); }); });
    return a;
  }

  async function card(i) {
    const st = index.st[i];
    if (st === 2) {
      const box = head(i, null);
      box.appendChild(el("p", "skipreason", "skipped: " + index.sk[i]));
      return box;
    }
    const {e, s} = await entry(i);
    if (st === 0) {
      const lang = e.m.language ? e.m.language + (e.m.language_score !== null ? " (" + e.m.language_score.toFixed(2) + ")" : "") : "unknown";
      const box = head(i, "language " + lang + " · " + index.wb[i] + " → " + index.wa[i] + " words · " + e.r.length + " removed line" + (e.r.length === 1 ? "" : "s"));
      box.appendChild(metaList(e.m, []));
      const text = el("div", "text");
      const paras = e.b ? e.b.split("\n\n") : [];
      let r = 0;
      const removed = (rm) => {
        const p = el("p", "rm");
        p.appendChild(el("del", null, s[rm[3]]));
        const why = el("span", "why", meta.reasons[rm[1]]);
        why.title = "rule: " + meta.rules[rm[2]];
        p.appendChild(why);
        return p;
      };
      for (let k = 0; k <= paras.length; k++) {
        while (r < e.r.length && e.r[r][0] <= k) text.appendChild(removed(e.r[r++]));
        if (k < paras.length) text.appendChild(el("p", null, paras[k]));
      }
      box.appendChild(text);
      if (index.dups[i].length) {
        const p = el("p", "facts", "duplicates dropped as copies of this: ");
        index.dups[i].forEach((j, n) => { if (n) p.appendChild(document.createTextNode(", ")); p.appendChild(jump(j, index.src[j])); });
        box.appendChild(p);
      }
      return box;
    }
    const of = index.dof[i];
    const how = index.how[i] >= 0 ? meta.hows[index.how[i]] : "?";
    const sim = index.sim[i] === null ? "?" : index.sim[i].toFixed(3);
    const box = head(i, how + " duplicate · similarity " + sim);
    const p = el("p", "facts", "duplicate of ");
    if (of >= 0) p.appendChild(jump(of, index.src[of])); else p.appendChild(document.createTextNode("(unknown)"));
    box.appendChild(p);
    const kept = of >= 0 ? (await entry(of)).e : null;
    const side = el("div", "side");
    const left = el("div"), right = el("div");
    left.appendChild(el("h4", null, "kept: " + (of >= 0 ? index.src[of] : "?")));
    right.appendChild(el("h4", null, "duplicate: " + index.src[i]));
    if (e.b === null || e.b === undefined) {
      left.appendChild(document.createTextNode(kept ? kept.b : ""));
      right.appendChild(el("em", null, "The duplicate's text is not stored in the dataset (only kept rows are); the report written by `cleaner clean` shows it."));
    } else if (kept) {
      const a = tokens(kept.b), b = tokens(e.b);
      const d = diff(a, b);
      if (d) { paint(left, a, d.keepA, "del"); paint(right, b, d.keepB, "ins"); }
      else { left.appendChild(document.createTextNode(kept.b)); right.appendChild(document.createTextNode(e.b)); right.appendChild(el("p", "facts", "(too different to compare word by word)")); }
    }
    side.appendChild(left); side.appendChild(right);
    if (e.b !== null && e.b !== undefined && kept) {
      const lg = el("p", "facts", "differences: ");
      lg.appendChild(el("del", "d", "only in the kept copy"));
      lg.appendChild(document.createTextNode(" · "));
      lg.appendChild(el("ins", null, "only in the duplicate"));
      box.appendChild(lg);
    }
    box.appendChild(side);
    return box;
  }

  function tokens(text) { return (text || "").match(/\n\n|[^\s]+/g) || []; }
  function paint(box, toks, keep, tag) {
    let run = [], runKeep = true;
    const flush = () => {
      if (!run.length) return;
      const t = run.join(" ").replace(/ ?\n\n ?/g, "\n\n");
      if (runKeep) box.appendChild(document.createTextNode(t));
      else box.appendChild(el(tag, tag === "del" ? "d" : null, t));
      box.appendChild(document.createTextNode(" "));
      run = [];
    };
    for (let i = 0; i < toks.length; i++) {
      const k = !!keep[i];
      if (k !== runKeep) { flush(); runKeep = k; }
      run.push(toks[i]);
    }
    flush();
  }
  // Myers' O(ND) diff; returns which tokens of a and b are common, or null when too different.
  function diff(a, b) {
    const keepA = new Uint8Array(a.length), keepB = new Uint8Array(b.length);
    let s = 0;
    while (s < a.length && s < b.length && a[s] === b[s]) { keepA[s] = keepB[s] = 1; s++; }
    let ea = a.length, eb = b.length;
    while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) { ea--; eb--; keepA[ea] = keepB[eb] = 1; }
    const A = a.slice(s, ea), B = b.slice(s, eb), N = A.length, M = B.length;
    if (!N || !M) return {keepA, keepB};
    const MAX = N + M, LIMIT = Math.min(MAX, 2500), off = MAX + 1;
    const V = new Int32Array(2 * MAX + 3);
    const trace = [];
    let found = -1;
    for (let d = 0; d <= LIMIT && found < 0; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = (k === -d || (k !== d && V[off + k - 1] < V[off + k + 1])) ? V[off + k + 1] : V[off + k - 1] + 1;
        let y = x - k;
        while (x < N && y < M && A[x] === B[y]) { x++; y++; }
        V[off + k] = x;
        if (x >= N && y >= M) { found = d; break; }
      }
      trace.push(V.slice(off - d - 1, off + d + 2));
    }
    if (found < 0) return null;
    let x = N, y = M;
    for (let d = found; d > 0; d--) {
      const v = trace[d - 1], at = (k) => v[k + d];  // band of round d-1 starts at k = -d
      const k = x - y;
      const pk = (k === -d || (k !== d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
      const px = at(pk), py = px - pk;
      while (x > px && y > py) { x--; y--; keepA[s + x] = 1; keepB[s + y] = 1; }
      x = px; y = py;
    }
    while (x > 0 && y > 0) { x--; y--; keepA[s + x] = 1; keepB[s + y] = 1; }
    return {keepA, keepB};
  }

  unblob("index").then((ix) => {
    index = ix;
    setup();
    return apply();
  }).catch((err) => { $("count").textContent = "The documents could not be loaded: " + err.message; });
})();
"""
