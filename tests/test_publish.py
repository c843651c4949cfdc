"""Publishing: plans of the hf target, the git target's idempotence, and the end-to-end proof:
two versions pushed with git-lfs to a bare repository, served by olah (a Hub API over local git
repositories, offline, on 127.0.0.1), read back with huggingface_hub, datasets and cleaner.load.

Needs git-lfs (Debian: apt-get install -y git-lfs) and olah (the `test` extra).
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main
from cleaner.package import dataset, versions
from cleaner.package.inspect import read_rows
from cleaner.pipeline import clean_files
from cleaner.publish import build_plan, hf_operations, publish

NEW_DOC = ("A fresh headline about the harbour works\n\n"
           "The harbour works began on Monday and will last two years, the city said. "
           "The mayor welcomed the plan and promised that traffic would keep moving during the works.\n")


@pytest.fixture
def two_versions(seeds_copy, tmp_path):
    """data/seeds with v1.0.0 (the seeds) and v1.1.0 (one article more)."""
    root = tmp_path / "data"
    v1 = versions.write_version(clean_files(seeds_copy), root, "seeds")
    (seeds_copy / "new.txt").write_text(NEW_DOC)
    v2 = versions.write_version(clean_files(seeds_copy), root, "seeds")
    assert (v1.version, v2.version) == ("1.0.0", "1.1.0")
    return root


def bare_repo(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True)
    return path


def require_git_lfs():
    if subprocess.run(["git", "lfs", "version"], capture_output=True).returncode != 0:
        pytest.fail("git-lfs is not installed; the test command installs it: apt-get install -y git-lfs")


# -- plans, no network ---------------------------------------------------------------------------

def test_plan_lists_files_tag_and_message(two_versions):
    plan = build_plan("seeds@1.0.0", "org/seeds", root=two_versions)
    assert plan.tag == "v1.0.0" and plan.folder == two_versions / "seeds" / "v1.0.0"
    assert [f.path for f in plan.files] == ["README.md", "croissant.json", "data/train-00000-of-00001.parquet",
                                            "manifest.json"]
    assert [f.path for f in plan.files if f.lfs] == ["data/train-00000-of-00001.parquet"]
    manifest = versions.read_manifest(plan.folder)
    assert plan.commit_title == "seeds v1.0.0"
    assert f"content_sha256: {manifest['content_sha256']}" in plan.commit_message
    assert manifest["content_sha256"] in plan.tag_message
    # the latest version when none is named; a version folder given as a path
    assert build_plan("seeds", "org/seeds", root=two_versions).version == "1.1.0"
    assert build_plan(str(two_versions / "seeds" / "v1.0.0"), "org/seeds").version == "1.0.0"


def test_hf_operations_remove_stale_shards(two_versions):
    plan = build_plan("seeds@1.1.0", "org/seeds", root=two_versions)
    remote = [".gitattributes", "README.md", "manifest.json", "data/train-00000-of-00002.parquet",
              "data/train-00001-of-00002.parquet", "report.html"]
    uploads, deletes = hf_operations(plan, remote)
    assert uploads == [f.path for f in plan.files]
    assert deletes == ["data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet", "report.html"]


def test_plan_refuses_bad_repo_and_tampered_version(two_versions):
    with pytest.raises(cleaner.PublishError, match="ORG/NAME"):
        build_plan("seeds", "just-a-name", root=two_versions)
    with pytest.raises(cleaner.PublishError, match="no version 9.9.9"):
        build_plan("seeds@9.9.9", "org/seeds", root=two_versions)
    renamed = two_versions / "copy-of-v1"
    shutil.copytree(two_versions / "seeds" / "v1.1.0", renamed)
    with pytest.raises(cleaner.PublishError, match="not a version folder: version folders are named vX.Y.Z"):
        build_plan(str(renamed), "org/seeds", root=two_versions)
    (two_versions / "seeds" / "v1.0.0" / "README.md").write_text("tampered")
    with pytest.raises(cleaner.PublishError, match=r"README.md: sha256 does not match"):
        build_plan("seeds@1.0.0", "org/seeds", root=two_versions)


def test_dry_run_lists_uploads_without_network(two_versions, monkeypatch):
    def no_network(*a, **k):
        raise AssertionError("the dry run opened a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    r = CliRunner().invoke(main, ["publish", "seeds@1.0.0", "--repo", "org/seeds", "--dry-run",
                                  "--root", str(two_versions)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "dry run, nothing sent" in r.output and "tag:    v1.0.0" in r.output
    assert "upload data/train-00000-of-00001.parquet" in r.output and "git-lfs" in r.output


@pytest.mark.skipif(not (os.environ.get("CLEANER_LIVE_HF_REPO") and os.environ.get("HF_TOKEN")),
                    reason="live Hub test: set CLEANER_LIVE_HF_REPO=ORG/NAME (a scratch repo) and HF_TOKEN")
def test_live_hf_publish(two_versions):  # pragma: no cover - opt-in, needs network and a token
    script = textwrap.dedent(f"""
        from cleaner.publish import publish
        import cleaner, sys
        repo = {os.environ['CLEANER_LIVE_HF_REPO']!r}
        r = publish("seeds@1.0.0", repo, root={str(two_versions)!r}, private=True)
        assert r.status in ("published", "unchanged"), r.status
        assert publish("seeds@1.0.0", repo, root={str(two_versions)!r}).status == "unchanged"
        assert cleaner.load(repo, version="1.0.0").num_rows == 5
    """)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_") or k in ("HF_TOKEN", "HF_HOME")}
    subprocess.run([sys.executable, "-c", script], env=env, check=True)


# -- git target -----------------------------------------------------------------------------------

def test_git_publish_is_idempotent_and_never_reuses_a_tag(two_versions, tmp_path):
    require_git_lfs()
    remote = bare_repo(tmp_path / "remote.git")
    first = publish("seeds@1.0.0", "org/seeds", to=str(remote), root=two_versions)
    assert first.status == "published"
    again = publish("seeds@1.0.0", "org/seeds", to=str(remote), root=two_versions)
    assert again.status == "unchanged"
    git = lambda *a: subprocess.run(["git", "-C", str(remote), *a], capture_output=True, text=True, check=True).stdout
    assert git("rev-list", "--count", "main").strip() == "1"
    assert git("cat-file", "-t", "v1.0.0").strip() == "tag"  # annotated
    # another dataset whose v1.0.0 has other rows: refused, nothing pushed
    other = tmp_path / "other"
    shutil.copytree(two_versions / "seeds" / "v1.1.0", other / "seeds" / "v1.0.0")
    m = json.loads((other / "seeds" / "v1.0.0" / "manifest.json").read_text())
    m["version"] = "1.0.0"
    (other / "seeds" / "v1.0.0" / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(cleaner.PublishError, match="already has tag v1.0.0 with content_sha256"):
        publish("seeds@1.0.0", "org/seeds", to=str(remote), root=other)
    assert git("rev-list", "--count", "main").strip() == "1"


# -- the proof: olah serving the published repository to the official clients ------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CLIENT = textwrap.dedent("""
    # Runs in a fresh interpreter: the HF variables are set before the libraries are imported.
    import hashlib, json, sys
    from pathlib import Path
    from huggingface_hub import HfApi, hf_hub_download, list_repo_refs
    import datasets
    import cleaner

    repo, out = sys.argv[1], {}
    api = HfApi()
    out["tags"] = sorted(t.name for t in list_repo_refs(repo, repo_type="dataset").tags)
    for v in ("1.1.0", "1.0.0"):  # newest first: a cache fallback to it would show
        tag = "v" + v
        ds = datasets.load_dataset(repo, revision=tag, split="train")
        mine = cleaner.load(repo, version=v)
        manifest = json.loads(Path(hf_hub_download(repo, "manifest.json", repo_type="dataset", revision=tag)).read_text())
        shards = [p for p in manifest["files"] if p.endswith(".parquet")]
        infos = api.get_paths_info(repo, shards, repo_type="dataset", revision=tag)
        local = {p: hashlib.sha256(Path(hf_hub_download(repo, p, repo_type="dataset", revision=tag)).read_bytes()).hexdigest()
                 for p in shards}
        out[v] = {"datasets": ds.to_list(), "cleaner": mine.to_list(), "manifest": manifest,
                  "lfs": {i.path: i.lfs.sha256 if i.lfs else None for i in infos}, "downloaded": local}
    print(json.dumps(out))
""")

OFFLINE_CLIENT = textwrap.dedent("""
    # The server is gone and the hub is offline: each version still loads exactly, from the cache.
    import json, sys
    import cleaner
    print(json.dumps({v: cleaner.load(sys.argv[1], version=v).to_list() for v in ("1.1.0", "1.0.0")}))
""")


def _client_env(hf_home: Path, endpoint: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
    env.update(HF_HOME=str(hf_home), HF_HUB_DISABLE_TELEMETRY="1", HF_HUB_DISABLE_PROGRESS_BARS="1",
               NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    if endpoint:
        env.update(HF_ENDPOINT=endpoint, HF_HUB_OFFLINE="0", HF_DATASETS_OFFLINE="0")
    else:
        env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    return env


def _run(script: str, env: dict, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _start_olah(tmp_path: Path, mirrors: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    config = tmp_path / "olah.toml"
    config.write_text(textwrap.dedent(f"""
        [basic]
        host = "127.0.0.1"
        port = {port}
        repos-path = "{tmp_path / 'olah-cache'}"
        mirrors-path = ["{mirrors}"]
        # upstream: an address nothing listens on, and offline anyway: nothing leaves this machine
        hf-scheme = "http"
        hf-netloc = "127.0.0.1:9"
        hf-lfs-netloc = "127.0.0.1:9"
        mirror-scheme = "http"
        mirror-netloc = "127.0.0.1:{port}"
        mirror-lfs-netloc = "127.0.0.1:{port}"

        [accessibility]
        offline = true
    """))
    log = open(tmp_path / "olah.out", "w")
    proc = subprocess.Popen([sys.executable, "-m", "olah.server", "-c", str(config), "--log-path",
                             str(tmp_path / "olah-logs")], stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise AssertionError("olah exited: " + (tmp_path / "olah.out").read_text()[-2000:])
        try:
            with urllib.request.urlopen(f"{endpoint}/api/datasets/org/seeds/refs", timeout=2) as r:
                if r.status == 200:
                    return proc, endpoint
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("olah did not answer in 60 s: " + (tmp_path / "olah.out").read_text()[-2000:])
        time.sleep(0.3)


def test_published_versions_load_exactly_through_a_hub_api(two_versions, tmp_path):
    require_git_lfs()
    pytest.importorskip("olah", reason="olah comes with the test extra")
    remote = bare_repo(tmp_path / "remote.git")
    for v in ("1.0.0", "1.1.0"):
        assert publish(f"seeds@{v}", "org/seeds", to=str(remote), root=two_versions).status == "published"

    # olah serves datasets from MIRRORS/datasets/ORG/NAME: a non-bare clone with its LFS objects.
    mirrors = tmp_path / "mirrors"
    clone = mirrors / "datasets" / "org" / "seeds"
    env = {**os.environ, "GIT_LFS_SKIP_SMUDGE": "1"}
    subprocess.run(["git", "clone", "-q", str(remote), str(clone)], check=True, env=env)
    subprocess.run(["git", "-C", str(clone), "lfs", "fetch", "--all"], check=True, capture_output=True)

    expected = {v: read_rows(two_versions / "seeds" / f"v{v}") for v in ("1.0.0", "1.1.0")}
    manifests = {v: versions.read_manifest(two_versions / "seeds" / f"v{v}") for v in expected}
    hf_home = tmp_path / "hf-home"
    olah, endpoint = _start_olah(tmp_path, mirrors)
    try:
        got = _run(CLIENT, _client_env(hf_home, endpoint), "org/seeds")
    finally:
        olah.terminate()
        try:
            olah.wait(timeout=20)
        except subprocess.TimeoutExpired:
            olah.kill()
            olah.wait()

    assert got["tags"] == ["v1.0.0", "v1.1.0"]
    for v, rows in expected.items():
        digest = manifests[v]["content_sha256"]
        assert got[v]["manifest"]["content_sha256"] == digest
        for how in ("datasets", "cleaner"):
            loaded = sorted(got[v][how], key=lambda r: r["id"])
            assert [r["id"] for r in loaded] == [r["id"] for r in rows], (v, how)
            assert loaded == rows, (v, how)
            assert dataset.content_sha256(loaded) == digest, (v, how)
        shards = {p: d for p, d in manifests[v]["files"].items() if p.endswith(".parquet")}
        assert shards and got[v]["lfs"] == shards and got[v]["downloaded"] == shards

    offline = _run(OFFLINE_CLIENT, _client_env(hf_home, None), "org/seeds")
    for v, rows in expected.items():
        assert sorted(offline[v], key=lambda r: r["id"]) == rows, v


def test_interrupted_publish_leaves_no_tag_and_rerun_finishes(two_versions, tmp_path):
    """The remote refuses the ref update once (as when a push is cut off after the LFS objects
    went up): no tag points anywhere, and publishing again completes the job."""
    require_git_lfs()
    remote = bare_repo(tmp_path / "remote.git")
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'connection lost' >&2\nexit 1\n")
    hook.chmod(0o755)
    with pytest.raises(cleaner.PublishError, match="connection lost"):
        publish("seeds@1.0.0", "org/seeds", to=str(remote), root=two_versions)
    git = lambda *a: subprocess.run(["git", "-C", str(remote), *a], capture_output=True, text=True)  # noqa: E731
    assert git("tag", "--list").stdout.strip() == "" and git("rev-parse", "--verify", "main").returncode != 0
    hook.unlink()
    assert publish("seeds@1.0.0", "org/seeds", to=str(remote), root=two_versions).status == "published"
    shown = json.loads(git("show", "v1.0.0:manifest.json").stdout)
    assert shown["content_sha256"] == json.loads((two_versions / "seeds" / "v1.0.0" / "manifest.json").read_text())["content_sha256"]
    assert publish("seeds@1.0.0", "org/seeds", to=str(remote), root=two_versions).status == "unchanged"


def test_private_is_for_the_hub_only(two_versions):
    r = CliRunner().invoke(main, ["publish", "seeds@1.0.0", "--repo", "org/seeds", "--to", "/tmp/somewhere.git",
                                  "--private", "--dry-run", "--root", str(two_versions)])
    assert r.exit_code == 1 and "--private is for the Hugging Face Hub only" in r.output
