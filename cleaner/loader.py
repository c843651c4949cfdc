"""Loading a dataset version back: ``cleaner.load(NAME, version=None, root="data")``."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import VersionError
from .package.versions import list_versions, parse_version, read_manifest

VERSION_TAG = re.compile(r"^v\d+\.\d+\.\d+$")


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
    from .package.inspect import file_problems

    problems, _ = file_problems(folder, read_manifest(folder).get("files", {}))
    if problems:
        raise VersionError(problems[0])


def load(name: str, version: str | None = None, root: str | Path = "data", verify: bool = True):
    """A ``datasets.Dataset`` of NAME's version (latest by default), checksums verified.

    NAME is a dataset under ROOT, or ``ORG/NAME`` of a hub repository (when ROOT has no such
    folder): then exactly the revision ``vX.Y.Z`` is downloaded (see ``load_hub``).
    """
    if is_hub_id(name, root):
        return load_hub(name, version, verify=verify)
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


def is_hub_id(name: str, root: str | Path = "data") -> bool:
    """ORG/NAME with no such dataset folder under root."""
    parts = name.split("/")
    return len(parts) == 2 and all(parts) and not (Path(root) / name).is_dir()


def load_hub(repo_id: str, version: str | None = None, verify: bool = True):
    """Load the published version ``vX.Y.Z`` of a hub dataset repo (the latest tag when version
    is None): ``snapshot_download`` of exactly that tag, then the folder as a local version.

    Unlike ``datasets.load_dataset(repo, revision=...)``, whose cache fallback can return
    another revision (datasets issue 7928), the rows returned are checked against the tag's
    ``content_sha256`` and its files against the manifest.
    """
    from huggingface_hub import list_repo_refs, snapshot_download
    from huggingface_hub.errors import HfHubHTTPError

    from .package.dataset import content_digest
    from .package.inspect import read_rows

    try:
        if version is None:
            tags = [t.name[1:] for t in list_repo_refs(repo_id, repo_type="dataset").tags
                    if VERSION_TAG.match(t.name)]
            if not tags:
                raise VersionError(f"{repo_id} has no version tags (vX.Y.Z)")
            version = max(tags, key=parse_version)
        v = ".".join(map(str, parse_version(version)))
        folder = Path(snapshot_download(repo_id, repo_type="dataset", revision=f"v{v}"))
    except HfHubHTTPError as e:
        raise VersionError(f"cannot download {repo_id} v{version}: {e}") from None
    manifest = read_manifest(folder)
    if manifest.get("version") != v:
        raise VersionError(f"{repo_id} tag v{v} holds version {manifest.get('version')}, not {v}")
    if verify:
        verify_files(folder)
        digest, _ = content_digest(read_rows(folder))
        if digest != manifest["content_sha256"]:
            raise VersionError(f"{repo_id} v{v}: rows hash to {digest}, the manifest says {manifest['content_sha256']}")
    return load_folder(folder)
