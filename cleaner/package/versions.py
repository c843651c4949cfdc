"""Immutable dataset versions under ``ROOT/NAME/vX.Y.Z``, written atomically.

A version is built in a hidden temporary folder beside the others and renamed into place
only when complete, under a lock, so an interrupted run leaves no half version and never
touches an earlier one.

>>> bump("1.2.3", "minor"), bump("1.2.3", "major"), bump("1.2.3", "patch")
('1.3.0', '2.0.0', '1.2.4')
"""
from __future__ import annotations

import datetime as _dt
import fcntl
import json
import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata as _md
from pathlib import Path

from .. import __version__
from ..errors import VersionError
from ..io import sha256_file
from ..pipeline import RunResult, collector_paused
from ..words import words_in
from . import card, croissant, dataset

VERSION_DIR = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")
LIBRARIES = ("ftfy", "langdetect", "charset-normalizer", "pyarrow", "datasets", "numpy", "stopwordsiso")


def parse_version(text: str) -> tuple[int, int, int]:
    m = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)", text.strip())
    if not m:
        raise VersionError(f"{text!r} is not a version like 1.2.3")
    return tuple(int(x) for x in m.groups())


def bump(version: str, part: str) -> str:
    major, minor, patch = parse_version(version)
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def check_name(name: str) -> str:
    """A dataset name must be one plain folder name, so the dataset stays inside the output
    folder: no separators, no '..', not hidden, no control characters.

    >>> check_name("news-2024")
    'news-2024'
    >>> check_name("../x")
    Traceback (most recent call last):
    cleaner.errors.VersionError: dataset name '../x' must be one plain folder name (no '/', '\\', leading '.' or control characters)
    """
    if (not isinstance(name, str) or not name.strip() or name.startswith(".") or "/" in name or "\\" in name
            or any(ord(ch) < 32 or ord(ch) == 127 for ch in name)):
        raise VersionError(f"dataset name {name!r} must be one plain folder name "
                           "(no '/', '\\', leading '.' or control characters)")
    return name


def list_versions(dataset_dir: Path) -> list[str]:
    """Complete versions of a dataset folder, oldest first."""
    if not dataset_dir.is_dir():
        return []
    found = [p.name[1:] for p in dataset_dir.iterdir()
             if VERSION_DIR.match(p.name) and (p / "manifest.json").is_file()]
    return sorted(found, key=parse_version)


def read_manifest(version_dir: Path) -> dict:
    try:
        return json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise VersionError(f"cannot read {version_dir / 'manifest.json'}: {e}") from None


@contextmanager
def locked(dataset_dir: Path):
    """Hold an exclusive lock on a dataset folder; a second writer fails clearly."""
    dataset_dir.mkdir(parents=True, exist_ok=True)
    fh = open(dataset_dir / ".lock", "w")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise VersionError(f"another cleaner run is writing {dataset_dir} (lock {dataset_dir / '.lock'}); "
                               "try again when it has finished") from None
        yield
    finally:
        fh.close()


def _library_versions() -> dict[str, str]:
    out = {"python": ".".join(map(str, __import__("sys").version_info[:3]))}
    for lib in LIBRARIES:
        try:
            out[lib] = _md.version(lib)
        except _md.PackageNotFoundError:
            out[lib] = None
    return out


def build_manifest(result: RunResult, name: str, version: str, rows: "dataset.RowSummary") -> dict:
    """The manifest of a run whose rows were summarised into ``rows`` as they were written
    (``result.docs`` may be Documents or a streamed run's Entries: only their source, id,
    status, reason, duplicate link and words are read here)."""
    docs = result.docs
    by_id = {d.id: d for d in docs}
    inputs = []
    for d in docs:
        entry = {"source": d.source, "status": d.status}
        if d.status == "kept":
            entry["id"] = d.id
        elif d.status == "duplicate":
            entry.update(id=d.id, duplicate_of=by_id[d.duplicate_of].source, duplicate_of_id=d.duplicate_of,
                         how=d.reason, similarity=d.similarity)
        else:
            entry["reason"] = d.reason
        inputs.append(entry)
    # words of the texts, as counted by read_document (in the worker), else counted here
    counts = {
        "inputs": len(docs),
        "kept": sum(d.status == "kept" for d in docs),
        "duplicate": sum(d.status == "duplicate" for d in docs),
        "skipped": sum(d.status == "skipped" for d in docs),
        "words_in": sum(map(words_in, docs)),
        "words_out": rows.words_out,
    }
    return {
        "name": name,
        "version": version,
        "created": None,
        "cleaner_version": __version__,
        "libraries": _library_versions(),
        "config": result.config.to_dict(),
        "schema_sha256": dataset.schema_sha256(),
        "content_sha256": rows.content_sha256,
        "content_bytes": rows.content_bytes,
        "counts": counts,
        "removals_by_reason": dict(sorted(rows.reasons.items())),
        "languages": dict(sorted(rows.languages.items())),
        "inputs": inputs,
        "files": {},
    }


def manifest_json(manifest: dict) -> str:
    """``json.dumps(manifest, indent=2, ensure_ascii=False)``, the same text, with the list of
    inputs (a flat dict a document) written by the C encoder (a separator that holds the
    indentation): json's indenting encoder is pure Python, about 15 us a document.

    >>> m = {"name": "x", "inputs": [{"source": "a", "similarity": 0.5}, {"source": "b\\"", "id": None}], "files": {}}
    >>> manifest_json(m) == json.dumps(m, indent=2, ensure_ascii=False)
    True
    """
    text = json.dumps(dict(manifest, inputs=[]), indent=2, ensure_ascii=False)
    if not manifest["inputs"]:
        return text
    entry = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": ")).encode
    inputs = ",\n".join("    {\n      " + entry(e)[1:-1] + "\n    }" for e in manifest["inputs"])
    return text.replace('\n  "inputs": []', '\n  "inputs": [\n' + inputs + "\n  ]", 1)


@dataclass
class WriteOutcome:
    path: Path
    version: str
    created: bool  # False when the same content and config already had a version
    manifest: dict


def check_new_version(explicit: str, existing: list[str]) -> str:
    """The version asked for, normalised, if it may be written after ``existing``."""
    v = ".".join(map(str, parse_version(explicit)))
    if v in existing:
        raise VersionError(f"version {v} already exists; versions are never reused")
    if existing and parse_version(v) <= parse_version(existing[-1]):
        raise VersionError(f"version {v} is not newer than the latest, {existing[-1]}")
    return v


def _decide(previous: dict | None, manifest: dict, explicit: str | None, existing: list[str]) -> str | None:
    if explicit:
        return check_new_version(explicit, existing)
    if previous is None:
        return "1.0.0"
    if previous.get("schema_sha256") != manifest["schema_sha256"]:
        return bump(previous["version"], "major")
    if previous.get("content_sha256") != manifest["content_sha256"]:
        return bump(previous["version"], "minor")
    same_meta = (previous.get("config") == manifest["config"]
                 and previous.get("cleaner_version") == manifest["cleaner_version"]
                 and previous.get("inputs") == manifest["inputs"])  # a file added, skipped or renamed
    return None if same_meta else bump(previous["version"], "patch")


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")) + [folder]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_version(result: RunResult, root: Path, name: str, explicit_version: str | None = None,
                  extra_files=None) -> WriteOutcome:
    """Write the run as the next version of ROOT/NAME, or report that nothing changed.

    ``extra_files(folder, manifest)`` may add files (such as a report) before the manifest's
    checksums are taken.
    """
    dataset_dir = Path(root) / check_name(name)
    with locked(dataset_dir), collector_paused():
        for stale in dataset_dir.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        existing = list_versions(dataset_dir)
        previous = read_manifest(dataset_dir / f"v{existing[-1]}") if existing else None
        # The shards are written first (into a temporary folder, rows streaming from the
        # documents, read back from the run's spill one at a time in a streamed run), since
        # the content hash that decides the version is taken as they are.
        tmp = dataset_dir / f".tmp-{os.getpid()}"
        tmp.mkdir()
        version = None
        try:
            summary = dataset.RowSummary()
            kept = sum(d.status == "kept" for d in result.docs)
            # an engine whose documents are elsewhere may write the shards there (the Ray engine)
            write = getattr(result.spill, "write_shards", None)
            if write is not None:
                shards = write(result.docs, tmp, result.config.shard_rows, summary)
            else:
                shards = dataset.write_shards(dataset.iter_rows(result.docs, result.document), tmp,
                                              result.config.shard_rows, total=kept, summary=summary)
            manifest = build_manifest(result, name, "0.0.0", summary)
            version = _decide(previous, manifest, explicit_version, existing)
            if version is None:
                shutil.rmtree(tmp, ignore_errors=True)
                return WriteOutcome(dataset_dir / f"v{previous['version']}", previous["version"], False, previous)
            manifest["version"] = version
            manifest["created"] = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
            manifest["parquet_bytes"] = sum(p.stat().st_size for p in shards)
            (tmp / "README.md").write_text(card.render_card(manifest), encoding="utf-8")
            croissant.write_croissant(tmp, manifest)
            if extra_files:
                extra_files(tmp, manifest)
            manifest["files"] = {p.relative_to(tmp).as_posix(): sha256_file(p)
                                 for p in sorted(tmp.rglob("*")) if p.is_file()}
            (tmp / "manifest.json").write_text(manifest_json(manifest) + "\n", encoding="utf-8")
            _fsync_tree(tmp)
            final = dataset_dir / f"v{version}"
            if final.exists():
                raise VersionError(f"{final} already exists; versions are never overwritten")
            os.rename(tmp, final)
            fd = os.open(dataset_dir, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            what = f"{name} v{version}" if version else f"a new version of {name}"
            raise VersionError(f"could not write {what} under {dataset_dir}: {e.strerror or e}; "
                               "nothing was written and earlier versions are untouched") from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return WriteOutcome(final, version, True, manifest)
