"""The command line, end to end on copies of the seeds."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def last_json(output):
    return json.loads(output.strip().splitlines()[-1])


def test_clean_then_no_change_then_minor(seeds_copy, tmp_path):
    out = tmp_path / "data"
    r = run("clean", seeds_copy, "--out", out, "--json")
    assert r.exit_code == 0, r.output
    s = last_json(r.output)
    assert (s["version"], s["created"], s["kept"], s["skipped"]) == ("1.0.0", True, 5, 0)
    assert Path(s["path"]) == out / "seeds" / "v1.0.0"
    assert "removed lines by reason:" in r.output

    r = run("clean", seeds_copy, "--out", out, "--json")
    assert last_json(r.output)["created"] is False
    assert "no change" in r.output

    (seeds_copy / "new.txt").write_text("A fresh headline about the harbour works\n\n" + "The harbour works began on Monday and will last two years, the city said. "
                                         "Shops on the quay stay open, and the ferry keeps to its timetable. "
                                         "Residents can see the plans at the town hall until the end of March.")
    r = run("clean", seeds_copy, "--out", out, "--json")
    assert last_json(r.output)["version"] == "1.1.0"
    assert sorted(p.name for p in (out / "seeds").iterdir() if not p.name.startswith(".")) == ["v1.0.0", "v1.1.0"]

    # a new input file that ends skipped changes no row, but the manifest must account for it
    (seeds_copy / "another_empty.txt").write_bytes(b"")
    s = last_json(run("clean", seeds_copy, "--out", out, "--json").output)
    assert (s["version"], s["created"], s["skipped"]) == ("1.1.1", True, 1)
    manifest = json.loads((out / "seeds" / "v1.1.1" / "manifest.json").read_text())
    assert any(i["source"] == "another_empty.txt" and i["status"] == "skipped" for i in manifest["inputs"])


def test_bad_files_are_reported_and_run_goes_on(seeds_copy, tmp_path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (seeds_copy / "chrome.txt").write_text("Download\nSubscribe to our newsletter\n- Advertisement -\n")
    r = run("clean", seeds_copy, "--out", tmp_path / "d", "--name", "x", "--json")
    assert r.exit_code == 0
    s = last_json(r.output)
    assert (s["kept"], s["skipped"]) == (5, 3)
    manifest = json.loads((Path(s["path"]) / "manifest.json").read_text())
    reasons = {i["source"]: i.get("reason", "") for i in manifest["inputs"]}
    assert reasons["empty.txt"].startswith("empty")
    assert reasons["image.txt"].startswith("binary")
    assert reasons["chrome.txt"].startswith("no-content")
    assert "skipped image.txt: binary" in r.output


def test_exact_duplicate_points_at_kept_source(seeds_copy, tmp_path):
    src = seeds_copy / "002_5fb7c4626ccb7572.txt"
    (seeds_copy / "zz_copy.txt").write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
    s = last_json(run("clean", seeds_copy, "--out", tmp_path / "d", "--json").output)
    assert (s["kept"], s["duplicates"]) == (5, 1)
    manifest = json.loads((Path(s["path"]) / "manifest.json").read_text())
    dup = [i for i in manifest["inputs"] if i["status"] == "duplicate"]
    assert len(dup) == 1 and dup[0]["how"] == "exact"
    assert {dup[0]["source"], dup[0]["duplicate_of"]} == {"zz_copy.txt", "002_5fb7c4626ccb7572.txt"}


@pytest.mark.parametrize("make,message", [
    (lambda p: p / "missing", "does not exist"),
    (lambda p: (p / "empty-dir").mkdir() or p / "empty-dir", "no .txt"),
])
def test_input_errors_exit_1(tmp_path, make, message):
    r = CliRunner().invoke(main, ["clean", str(make(tmp_path)), "--out", str(tmp_path / "d")])
    assert r.exit_code == 1
    assert message in r.output and "Traceback" not in r.output


def test_config_errors(seeds_copy, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("near_treshold = 0.5\n")
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path / "d"), "--config", str(cfg)])
    assert r.exit_code == 1 and "unknown config key(s) near_treshold" in r.output and "near_threshold" in r.output
    cfg.write_text('disabled_rules = ["no-such-rule"]\n')
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path / "d"), "--config", str(cfg)])
    assert r.exit_code == 1 and "unknown rule(s) no-such-rule" in r.output


@pytest.mark.parametrize("line,message", [
    ("shard_rows = 0", "shard_rows must be at least 1, not 0"),
    ("near_threshold = 2.5", "near_threshold must be between 0.0 and 1.0, not 2.5"),
    ("lsh_rows = 200", "lsh_rows (200) must not exceed num_perm (128)"),
    ("max_file_bytes = -1", "max_file_bytes must be at least 1, not -1"),
])
def test_config_values_out_of_range_are_errors(seeds_copy, tmp_path, line, message):
    cfg = tmp_path / "c.toml"
    cfg.write_text(line + "\n")
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path / "d"), "--config", str(cfg)])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output
    assert not (tmp_path / "d").exists()


def test_config_name_and_disabled_rule(seeds_copy, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('name = "news"\ndisabled_rules = ["ad-marker"]\n')
    s = last_json(run("clean", seeds_copy, "--out", tmp_path / "d", "--config", cfg, "--json").output)
    assert s["name"] == "news"
    assert "advertisement" not in s["removals_by_reason"]


def test_explicit_version_never_reused(seeds_copy, tmp_path):
    assert last_json(run("clean", seeds_copy, "--out", tmp_path, "--version", "2.0.0", "--json").output)["version"] == "2.0.0"
    (seeds_copy / "000_0ea875ee7c876f93.txt").unlink()
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path), "--version", "2.0.0"])
    assert r.exit_code == 1 and "already exists" in r.output


def test_explain_marks_removals(tmp_path):
    seed = Path(__file__).resolve().parent.parent / "seeds" / "002_5fb7c4626ccb7572.txt"
    r = run("explain", seed, "--no-color")
    assert r.exit_code == 0
    assert re.search(r"^- advertisement\s+\| - Advertisement -$", r.output, re.M)
    assert re.search(r"^\s+\| The Russian president recalled", r.output, re.M)


def test_rules_and_options_list(tmp_path):
    out = run("rules").output
    assert re.search(r"^ad-marker\s+advertisement", out, re.M)
    out = run("options").output
    assert "near_threshold = 0.8" in out


def _commands_and_options():
    for name, cmd in main.commands.items():
        yield name, None
        for p in cmd.params:
            if p.param_type_name == "option":
                for opt in p.opts + p.secondary_opts:
                    if opt.startswith("--"):
                        yield name, opt


@pytest.mark.parametrize("command,option", list(_commands_and_options()))
def test_every_command_and_option_is_documented(command, option):
    text = README.read_text(encoding="utf-8")
    assert f"cleaner {command}" in text
    if option:
        section = text.split(f"### `cleaner {command}")[1].split("\n### ")[0]
        assert option in section, f"{option} of {command} missing from README"


def test_every_config_option_is_in_the_readme_table_with_its_default():
    import dataclasses

    from cleaner.config import CleanConfig

    section = README.read_text(encoding="utf-8").split("### `cleaner options`")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    for field in dataclasses.fields(CleanConfig):
        row = next((r for r in rows if f"`{field.name}`" in r.split("|")[1]), None)
        assert row is not None, f"config option {field.name} missing from README's options table"
        default = field.default if field.default is not dataclasses.MISSING else field.default_factory()
        if isinstance(default, float) and not isinstance(default, bool):
            names = [n.strip(" `") for n in row.split("|")[1].split(",")]
            shown = [v.strip() for v in row.split("|")[2].split(",")]
            if len(names) == len(shown):
                value = shown[names.index(field.name)]
                num = eval(value.replace(" ", ""), {}) if re.fullmatch(r"[\d./ ]+", value) else None
                assert num is not None and abs(num - default) < 1e-9, (field.name, value, default)


def test_one_file_input_is_named_after_the_file(seeds_copy, tmp_path):
    src = next(seeds_copy.glob("000_*.txt"))
    s = last_json(run("clean", src, "--out", tmp_path / "d", "--json").output)
    assert s["name"] == src.stem and s["kept"] == 1
    assert not (tmp_path / "d" / "seeds").exists()  # the folder's dataset is not touched


@pytest.mark.parametrize("bad_out", ["a-file", "a-file/below"])
def test_output_that_cannot_be_written_fails_before_reading(seeds_copy, tmp_path, bad_out, monkeypatch):
    (tmp_path / "a-file").write_text("x")
    import cleaner.pipeline

    def never(*a, **k):
        raise AssertionError("input read although the output cannot be written")

    monkeypatch.setattr(cleaner.pipeline, "run_files", never)
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path / bad_out)])
    assert r.exit_code == 1 and "cannot write to" in r.output and "Traceback" not in r.output


def test_reused_version_fails_before_reading(seeds_copy, tmp_path, monkeypatch):
    run("clean", seeds_copy, "--out", tmp_path, "--version", "2.0.0")
    import cleaner.pipeline

    monkeypatch.setattr(cleaner.pipeline, "run_files", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read")))
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path), "--version", "2.0.0"])
    assert r.exit_code == 1 and "already exists" in r.output


def test_nothing_kept_writes_no_version(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "chrome.txt").write_text("Download\nSubscribe to our newsletter\n- Advertisement -\n")
    r = CliRunner().invoke(main, ["clean", str(folder), "--out", str(tmp_path / "d")])
    assert r.exit_code == 1 and "no document" in r.output and "no version was written" in r.output
    assert "skipped empty.txt" in r.output and "skipped chrome.txt: no-content" in r.output
    assert not list((tmp_path / "d").glob("*/v*"))


def test_interrupt_exits_130(seeds_copy, tmp_path, monkeypatch):
    import cleaner.pipeline

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(cleaner.pipeline, "run_files", interrupted)
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path / "d")])
    assert r.exit_code == 130 and "interrupted" in r.output


def test_clean_text_skips_like_the_cli():
    import cleaner

    assert (cleaner.clean_text("").status, cleaner.clean_text("").reason.split(":")[0]) == ("skipped", "empty")
    doc = cleaner.clean_text("Download\n- Advertisement -")
    assert doc.status == "skipped" and doc.reason.startswith("no-content") and doc.body == ""
    assert "ui-chrome 1" in doc.reason
    with pytest.raises(TypeError, match="needs a str"):
        cleaner.clean_text(b"bytes")


def test_empty_name_and_yaml_config_are_clear_errors(seeds_copy, tmp_path):
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path / "d"), "--name", " "])
    assert r.exit_code == 1 and "--name must not be empty" in r.output
    cfg = tmp_path / "c.yaml"
    cfg.write_text("near_threshold: 0.7\n")
    r = CliRunner().invoke(main, ["clean", str(seeds_copy), "--out", str(tmp_path / "d"), "--config", str(cfg)])
    assert r.exit_code == 1 and "YAML is not read" in r.output
