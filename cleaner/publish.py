"""Publishing a dataset version to a hub, tagged ``vX.Y.Z``.

Two targets:

- ``hf`` (default): the Hugging Face Hub through ``huggingface_hub``: create the dataset repo
  if needed, upload the version folder as one commit that also deletes files of an earlier
  version that this one does not have (stale shards), and tag that commit. The token comes
  from where ``huggingface_hub`` finds it (``HF_TOKEN``, the login cache); this module never
  reads, prints or writes it.
- a git URL (or a local path to a repository): one commit on ``main`` with git-lfs for the
  Parquet shards, and an annotated tag, pushed together. This also reaches hubs served over git.

Publishing is idempotent: when the tag exists and its ``manifest.json`` has the same
``content_sha256``, nothing is done; when it has another, ``PublishError`` says so and nothing
is changed (a version number is never reused for other content).

>>> split_spec("news@1.2.0"), split_spec("data/news/v1.2.0"), split_spec("news")
(('news', '1.2.0'), ('data/news/v1.2.0', None), ('news', None))
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PublishError
from .package.versions import VERSION_DIR, list_versions, parse_version, read_manifest

LFS_PATTERNS = ("*.parquet",)
GITATTRIBUTES = "".join(f"{p} filter=lfs diff=lfs merge=lfs -text\n" for p in LFS_PATTERNS)
KEEP_ON_HUB = {".gitattributes"}  # files of the repo itself, never deleted as stale


@dataclass
class FileEntry:
    path: str      # relative to the version folder and to the repo root
    sha256: str
    size: int
    lfs: bool


@dataclass
class Plan:
    """What a publish would do: which files, which tag, which commit message, where."""
    name: str
    version: str
    folder: Path
    repo: str
    target: str                      # "hf" or a git URL
    content_sha256: str
    files: list[FileEntry]
    private: bool = False
    deletes: list[str] = field(default_factory=list)  # known only once the remote is read

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @property
    def commit_title(self) -> str:
        return f"{self.name} {self.tag}"

    @property
    def commit_body(self) -> str:
        return f"content_sha256: {self.content_sha256}\npublished with cleaner from {self.folder.name}"

    @property
    def commit_message(self) -> str:
        return f"{self.commit_title}\n\n{self.commit_body}\n"

    @property
    def tag_message(self) -> str:
        return f"{self.commit_title}\n\ncontent_sha256: {self.content_sha256}\n"

    def describe(self) -> str:
        where = "the Hugging Face Hub" if self.target == "hf" else self.target
        lines = [f"publish {self.name} {self.tag} ({self.folder}) to {self.repo} on {where}"
                 + (" (private)" if self.private else ""),
                 f"  commit: {self.commit_title}", f"  tag:    {self.tag}",
                 f"  content_sha256: {self.content_sha256}"]
        for f in self.files:
            lines.append(f"  upload {f.path} ({f.size} bytes{', git-lfs' if f.lfs else ''})")
        for d in self.deletes:
            lines.append(f"  delete {d}")
        if not self.deletes:
            lines.append("  and delete files of earlier versions that this one does not have")
        return "\n".join(lines)


@dataclass
class PublishResult:
    plan: Plan
    status: str          # "published", "unchanged" (already there) or "dry-run"
    commit: str | None = None

    def describe(self) -> str:
        if self.status == "dry-run":
            return "dry run, nothing sent:\n" + self.plan.describe()
        if self.status == "unchanged":
            return (f"{self.plan.repo} already has {self.plan.tag} with content_sha256 "
                    f"{self.plan.content_sha256}; nothing to do")
        return f"published {self.plan.name} {self.plan.tag} to {self.plan.repo} (commit {self.commit})"


def split_spec(spec: str) -> tuple[str, str | None]:
    """PATH_OR_NAME[@VERSION] -> (path or name, version or None)."""
    if "@" in spec:
        head, _, v = spec.rpartition("@")
        return head, ".".join(map(str, parse_version(v)))
    return spec, None


def resolve_folder(spec: str, root: str | Path = "data") -> Path:
    """The version folder meant by PATH_OR_NAME[@VERSION]: a version folder, a dataset folder
    (its latest version, or VERSION), or a dataset name under root."""
    what, version = split_spec(spec)
    p = Path(what)
    if (p / "manifest.json").is_file() and VERSION_DIR.match(p.name):
        if version and p.name != f"v{version}":
            raise PublishError(f"{p} is version {p.name[1:]}, not {version}")
        return p
    if (p / "manifest.json").is_file():
        raise PublishError(f"{p} holds a manifest but is not a version folder: version folders are named "
                           f"vX.Y.Z, as `cleaner clean` writes them (rename it to v<its version>)")
    dataset_dir = p if (p.is_dir() and list_versions(p)) else Path(root) / what
    versions = list_versions(dataset_dir)
    if not versions:
        raise PublishError(f"no dataset version at {what!r} (looked in {p} and {dataset_dir})")
    v = version or versions[-1]
    if v not in versions:
        raise PublishError(f"{dataset_dir.name} has no version {v}; it has {', '.join(versions)}")
    return dataset_dir / f"v{v}"


def build_plan(spec: str, repo: str, target: str = "hf", private: bool = False,
               root: str | Path = "data") -> Plan:
    """Plan a publish; checks the version first (every checksum, schema, content hash)."""
    from .package.inspect import validate

    if repo.count("/") != 1 or not all(repo.split("/")):
        raise PublishError(f"--repo must be ORG/NAME, not {repo!r}")
    if private and target != "hf":
        raise PublishError("--private is for the Hugging Face Hub only; a git remote's visibility is set where it is hosted")
    folder = resolve_folder(spec, root)
    report = validate(folder)
    if not report.ok:
        raise PublishError(f"{folder} fails validation, not publishing: " + "; ".join(report.problems))
    manifest = read_manifest(folder)
    files = [FileEntry("manifest.json", "", (folder / "manifest.json").stat().st_size, False)]
    for rel, digest in sorted(manifest["files"].items()):
        files.append(FileEntry(rel, digest, (folder / rel).stat().st_size,
                               any(Path(rel).match(p) for p in LFS_PATTERNS)))
    files.sort(key=lambda f: f.path)
    return Plan(manifest["name"], manifest["version"], folder, repo, target, manifest["content_sha256"],
                files, private)


def _check_existing(plan: Plan, remote_manifest: dict | None) -> bool:
    """True when the tag already holds this content; PublishError when it holds other content."""
    if remote_manifest is None:
        return False
    theirs = remote_manifest.get("content_sha256")
    if theirs == plan.content_sha256:
        return True
    raise PublishError(f"{plan.repo} already has tag {plan.tag} with content_sha256 {theirs}, but "
                       f"{plan.folder} has {plan.content_sha256}; a version is never re-published with "
                       "other content (make a new version with `cleaner clean`)")


def publish(spec: str, repo: str, to: str = "hf", private: bool = False, dry_run: bool = False,
            root: str | Path = "data") -> PublishResult:
    """Publish a version (see the module's docstring). ``to`` is ``hf`` or a git URL."""
    plan = build_plan(spec, repo, to, private, root)
    if dry_run:
        return PublishResult(plan, "dry-run")
    if to == "hf":
        return publish_hf(plan)
    return publish_git(plan)


# -- the Hugging Face Hub ----------------------------------------------------------------------

def hf_operations(plan: Plan, remote_files: list[str]) -> tuple[list[str], list[str]]:
    """(paths to upload, paths to delete) for a commit on a repo that now holds remote_files.

    >>> p = Plan("n", "1.1.0", Path("v1.1.0"), "o/n", "hf", "x", [FileEntry("data/b.parquet", "", 1, True)])
    >>> hf_operations(p, [".gitattributes", "data/a.parquet", "data/b.parquet"])
    (['data/b.parquet'], ['data/a.parquet'])
    """
    uploads = [f.path for f in plan.files]
    deletes = sorted(set(remote_files) - set(uploads) - KEEP_ON_HUB)
    return uploads, deletes


def publish_hf(plan: Plan) -> PublishResult:
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete, HfApi, hf_hub_download
    from huggingface_hub.errors import HfHubHTTPError

    api = HfApi()
    kind = "dataset"
    try:
        api.create_repo(plan.repo, repo_type=kind, private=plan.private, exist_ok=True)
        refs = api.list_repo_refs(plan.repo, repo_type=kind)
        remote = None
        if plan.tag in {t.name for t in refs.tags}:
            path = hf_hub_download(plan.repo, "manifest.json", repo_type=kind, revision=plan.tag)
            remote = json.loads(Path(path).read_text(encoding="utf-8"))
        if _check_existing(plan, remote):
            return PublishResult(plan, "unchanged")
        uploads, plan.deletes = hf_operations(plan, api.list_repo_files(plan.repo, repo_type=kind))
        ops = [CommitOperationAdd(path_in_repo=p, path_or_fileobj=str(plan.folder / p)) for p in uploads]
        ops += [CommitOperationDelete(path_in_repo=p) for p in plan.deletes]
        info = api.create_commit(plan.repo, ops, commit_message=plan.commit_title,
                                 commit_description=plan.commit_body, repo_type=kind)
        api.create_tag(plan.repo, tag=plan.tag, tag_message=plan.tag_message, revision=info.oid, repo_type=kind)
    except HfHubHTTPError as e:
        raise PublishError(f"publishing to {plan.repo} on the Hub failed: {e}") from None
    return PublishResult(plan, "published", info.oid)


# -- git ---------------------------------------------------------------------------------------

def _git(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_LFS_SKIP_SMUDGE": "1"}
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise PublishError("git is not installed") from None
    if check and proc.returncode != 0:
        raise PublishError(f"git {args[0]} failed: {proc.stderr.strip() or proc.stdout.strip()}")
    return proc


def _require_lfs() -> None:
    if shutil.which("git") is None:
        raise PublishError("git is not installed")
    if _git("lfs", "version", check=False).returncode != 0:
        raise PublishError("git-lfs is not installed (Debian/Ubuntu: apt-get install git-lfs)")


def _identity(cwd: Path) -> list[str]:
    """-c options giving a committer when git has none configured."""
    opts = []
    if not _git("config", "user.name", cwd=cwd, check=False).stdout.strip():
        opts += ["-c", "user.name=cleaner"]
    if not _git("config", "user.email", cwd=cwd, check=False).stdout.strip():
        opts += ["-c", "user.email=cleaner@localhost"]
    return opts


def publish_git(plan: Plan, branch: str = "main") -> PublishResult:
    """One commit on ``branch`` (on top of what is there) and an annotated tag, pushed together."""
    _require_lfs()
    url = plan.target
    if Path(url).exists():
        url = str(Path(url).resolve())
    with tempfile.TemporaryDirectory(prefix="cleaner-publish-") as tmp:
        work = Path(tmp) / "repo"
        work.mkdir()
        _git("init", "-q", "-b", branch, cwd=work)
        _git("lfs", "install", "--local", cwd=work)
        _git("remote", "add", "origin", url, cwd=work)
        remote_refs = _git("ls-remote", "origin", f"refs/heads/{branch}", f"refs/tags/{plan.tag}", cwd=work).stdout
        remote = None
        if f"refs/tags/{plan.tag}" in remote_refs:
            _git("fetch", "-q", "--depth", "1", "origin", f"refs/tags/{plan.tag}:refs/tags/{plan.tag}", cwd=work)
            shown = _git("show", f"{plan.tag}:manifest.json", cwd=work, check=False)
            try:
                remote = json.loads(shown.stdout) if shown.returncode == 0 else {}
            except ValueError:
                remote = {}
        if _check_existing(plan, remote):
            return PublishResult(plan, "unchanged")
        if f"refs/heads/{branch}" in remote_refs:
            _git("fetch", "-q", "origin", branch, cwd=work)
            _git("checkout", "-q", "-B", branch, f"origin/{branch}", cwd=work)
            tracked = _git("ls-files", "-z", cwd=work).stdout.split("\0")
            plan.deletes = sorted(set(p for p in tracked if p) - {f.path for f in plan.files} - KEEP_ON_HUB)
            for p in plan.deletes:
                _git("rm", "-q", "--", p, cwd=work)
        (work / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
        for f in plan.files:
            dst = work / f.path
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(plan.folder / f.path, dst)
        _git("add", "--", ".gitattributes", *[f.path for f in plan.files], cwd=work)
        ident = _identity(work)
        _git(*ident, "commit", "-q", "--allow-empty", "-m", plan.commit_message, cwd=work)
        _git(*ident, "tag", "-a", plan.tag, "-m", plan.tag_message, cwd=work)
        _check_pointers(plan, work)
        _git("push", "-q", "--atomic", "origin", f"refs/heads/{branch}", f"refs/tags/{plan.tag}", cwd=work)
        commit = _git("rev-parse", "HEAD", cwd=work).stdout.strip()
    return PublishResult(plan, "published", commit)


def _check_pointers(plan: Plan, work: Path) -> None:
    """Every Parquet file went into git as an LFS pointer with the manifest's sha256."""
    for f in plan.files:
        if not f.lfs:
            continue
        blob = _git("cat-file", "-p", f"HEAD:{f.path}", cwd=work).stdout
        if f"oid sha256:{f.sha256}" not in blob:
            raise PublishError(f"{f.path} was not stored through git-lfs (is git-lfs installed and "
                               "its filter enabled?); nothing was pushed")

