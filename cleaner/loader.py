"""Loading a dataset version back: ``cleaner.load(NAME, version=None, root="data")``."""
from __future__ import annotations

from pathlib import Path

from .errors import VersionError
from .package.versions import _sha256_file, list_versions, parse_version, read_manifest


def resolve_version(name: str, version: str | None = None, root: str | Path = "data") -> Path:
    """The folder of NAME's version (the latest when version is None)."""
    dataset_dir = Path(root) / name
    versions = list_versions(dataset_dir)
    if not versions:
        raise VersionError(f"no versions of {name!r} under {Path(root)}")
    if version is None:
        return dataset_dir / f"v{versions[-1]}"
    v = ".".join(map(str, parse_version(version)))
    if v not in versions:
        raise VersionError(f"{name} has no version {v}; it has {', '.join(versions)}")
    return dataset_dir / f"v{v}"


def verify_files(folder: Path) -> None:
    """Check every file listed in the manifest against its sha256; raise naming the first bad one."""
    manifest = read_manifest(folder)
    for rel, digest in manifest.get("files", {}).items():
        path = folder / rel
        if not path.is_file():
            raise VersionError(f"{path} is missing")
        if _sha256_file(path) != digest:
            raise VersionError(f"{path} does not match its sha256 in the manifest")


def load(name: str, version: str | None = None, root: str | Path = "data", verify: bool = True):
    """A ``datasets.Dataset`` of NAME's version (latest by default), checksums verified."""
    import datasets

    folder = resolve_version(name, version, root)
    if verify:
        verify_files(folder)
    return load_folder(folder)


def load_folder(folder: Path):
    """Load a version folder with datasets, in a cache keyed by its content hash, so a stale
    cache entry of another folder with the same name can never be returned."""
    import datasets

    manifest = read_manifest(folder)
    cache = Path(datasets.config.HF_DATASETS_CACHE) / "cleaner" / manifest["content_sha256"]
    return datasets.load_dataset(str(folder), split="train", cache_dir=str(cache))
