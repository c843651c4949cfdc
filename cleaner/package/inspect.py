"""Looking at versions on disk: list them, compare two, validate one.

Library functions behind ``cleaner versions``, ``cleaner diff`` and ``cleaner validate``;
they return data (and raise ``VersionError``), the CLI prints it.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import VersionError
from . import dataset
from ..io import sha256_file
from .versions import list_versions, parse_version, read_manifest


def _lines(text: str) -> list[str]:
    """The text's lines, each ending in a newline (the last one too, so a diff never runs a
    removed last line into an added one)."""
    return [line + "\n" for line in text.split("\n")] if text else []


@dataclass(frozen=True)
class VersionInfo:
    version: str
    created: str | None
    rows: int | None  # None: the manifest could not be read
    content_sha256: str
    path: Path


def versions_of(root: str | Path, name: str) -> list[VersionInfo]:
    """Every complete version of ROOT/NAME, oldest first, with its date, row count and content hash."""
    dataset_dir = Path(root) / name
    found = list_versions(dataset_dir)
    if not found:
        raise VersionError(f"no versions of {name!r} under {Path(root)}")
    out = []
    for v in found:
        try:
            m = read_manifest(dataset_dir / f"v{v}")
            out.append(VersionInfo(v, m.get("created"), m["counts"]["kept"], m["content_sha256"], dataset_dir / f"v{v}"))
        except (VersionError, KeyError, TypeError) as e:  # one broken manifest does not hide the others
            out.append(VersionInfo(v, None, None, f"unreadable manifest: {e}", dataset_dir / f"v{v}"))
    return out


def read_rows(folder: Path) -> list[dict]:
    """The rows of a version folder read back from its Parquet shards, in id order."""
    import pyarrow.parquet as pq

    shards = sorted((Path(folder) / "data").glob("*.parquet"))
    rows = []
    for shard in shards:
        rows.extend(pq.read_table(shard).to_pylist())
    return sorted(rows, key=lambda r: r["id"])


@dataclass
class VersionDiff:
    a: str
    b: str
    added: list[dict] = field(default_factory=list)     # {"id", "source"} of rows only in b
    removed: list[dict] = field(default_factory=list)   # rows only in a
    changed: list[dict] = field(default_factory=list)   # {"id", "source", "fields": [...]} in both, different
    unchanged: int = 0
    text_diff: str | None = None                        # unified diff of the named document's text

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "added": self.added, "removed": self.removed,
                "changed": self.changed, "unchanged": self.unchanged, "text_diff": self.text_diff}


def _folder(root: Path, name: str, version: str) -> Path:
    v = ".".join(map(str, parse_version(version)))
    folder = Path(root) / name / f"v{v}"
    if not (folder / "manifest.json").is_file():
        have = ", ".join(list_versions(Path(root) / name)) or "none"
        raise VersionError(f"{name} has no version {v} under {root}; it has {have}")
    return folder


def diff_versions(root: str | Path, name: str, a: str, b: str, doc: str | None = None) -> VersionDiff:
    """Documents added, removed and changed from version A to B of ROOT/NAME, by id.

    With ``doc`` (an id or a source path), also a unified diff of that document's text.
    """
    fa, fb = _folder(Path(root), name, a), _folder(Path(root), name, b)
    ra = {r["id"]: r for r in read_rows(fa)}
    rb = {r["id"]: r for r in read_rows(fb)}
    out = VersionDiff(fa.name[1:], fb.name[1:])
    for id_ in sorted(rb.keys() - ra.keys()):
        out.added.append({"id": id_, "source": rb[id_]["source"]})
    fates = {i["source"]: i for i in read_manifest(fb).get("inputs", [])}
    for id_ in sorted(ra.keys() - rb.keys()):
        source = ra[id_]["source"]
        out.removed.append({"id": id_, "source": source, "now": _fate(fates.get(source))})
    for id_ in sorted(ra.keys() & rb.keys()):
        fields = [k for k in sorted(ra[id_].keys() | rb[id_].keys()) if ra[id_].get(k) != rb[id_].get(k)]
        if fields:
            out.changed.append({"id": id_, "source": rb[id_]["source"], "fields": fields})
        else:
            out.unchanged += 1
    if doc is not None:
        def find(rows: dict) -> dict | None:
            return rows.get(doc) or next((r for r in rows.values() if r["source"] == doc), None)

        da, db = find(ra), find(rb)
        if da is None and db is None:
            raise VersionError(f"no document with id or source {doc!r} in {name} v{out.a} or v{out.b}")
        label = (db or da)["source"]
        out.text_diff = "".join(difflib.unified_diff(
            _lines(da["text"] if da else ""), _lines(db["text"] if db else ""),
            fromfile=f"v{out.a}/{label}", tofile=f"v{out.b}/{label}"))
    return out


def _fate(entry: dict | None) -> str:
    """What became of a removed row's input in the newer version."""
    if entry is None:
        return "no longer in the input"
    if entry.get("status") == "duplicate":
        return f"now a duplicate of {entry.get('duplicate_of')}"
    if entry.get("status") == "skipped":
        return f"now skipped: {entry.get('reason')}"
    return f"now {entry.get('status')}"


@dataclass
class ValidationReport:
    path: Path
    problems: list[str] = field(default_factory=list)   # each names the bad file
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def file_problems(folder: Path, listed: dict) -> tuple[list[str], list[str]]:
    """(problems, checked files) of a version folder against the manifest's ``files``: a listed
    file missing or changed, or a file not listed (an added shard would be loaded too). Files
    a hub or git keep at the top (``.gitattributes``) are not the version's and are ignored, and
    so is an unlisted ``report.html``: `cleaner report` may add one to a version made with
    --no-report; it is a view of the data, never loaded as data."""
    problems, checked = [], []
    for rel, digest in sorted(listed.items()):
        p = folder / rel
        if not p.is_file():
            problems.append(f"{p}: missing (listed in manifest.json)")
        elif sha256_file(p) != digest:
            problems.append(f"{p}: sha256 does not match manifest.json")
        else:
            checked.append(rel)
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and rel not in listed and rel not in ("manifest.json", "report.html") \
                and not rel.startswith("."):
            problems.append(f"{p}: not listed in manifest.json")
    return problems, checked


def validate(path: str | Path) -> ValidationReport:
    """Check a version folder: every checksum in ``manifest["files"]``, no unlisted file, the
    Parquet schema against ``dataset.SCHEMA``, and ``content_sha256`` recomputed from the rows.

    Never raises for a bad version: the problems are listed, each naming its file.
    """
    import pyarrow.parquet as pq

    folder = Path(path)
    report = ValidationReport(folder)
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = manifest["files"]
        expected_digest = manifest["content_sha256"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        report.problems.append(f"{manifest_path}: unreadable manifest ({e.__class__.__name__}: {e})")
        return report
    problems, checked = file_problems(folder, files)
    report.problems.extend(problems)
    report.checked.extend(checked)
    shards = sorted((folder / "data").glob("*.parquet"))
    if not shards:
        report.problems.append(f"{folder / 'data'}: no Parquet shards")
    rows: list[dict] = []
    readable = True
    for shard in shards:
        try:
            table = pq.read_table(shard)
        except Exception as e:  # a damaged shard is a finding, not a crash
            report.problems.append(f"{shard}: unreadable Parquet ({e.__class__.__name__}: {e})")
            readable = False
            continue
        if not table.schema.remove_metadata().equals(dataset.SCHEMA):
            report.problems.append(f"{shard}: schema differs from cleaner.package.dataset.SCHEMA")
            readable = False
            continue
        rows.extend(table.to_pylist())
    if readable and shards:
        rows.sort(key=lambda r: r["id"])
        digest, _ = dataset.content_digest(rows)
        if digest != expected_digest:
            report.problems.append(f"{folder / 'data'}: content_sha256 of the rows is {digest}, "
                                   f"manifest.json says {expected_digest}")
    return report
