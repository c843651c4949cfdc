"""The command line: parses options, calls the library, turns CleanerError into exit status 1."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .config import field_docs, load_config
from .errors import CleanerError


def _printable(text: str) -> str:
    """Untrusted text for one line of a terminal: control characters shown as escapes."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))


class Fail(click.ClickException):
    """A CleanerError shown as 'Error: ...' with exit status 1."""


def _guard(fn):
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CleanerError as e:
            raise Fail(str(e)) from None
        except OSError as e:  # a folder that cannot be written, a disk that is full ...
            where = f"{e.filename}: " if e.filename else ""
            raise Fail(f"{where}{e.strerror or e}") from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)  # (clean leaves no half version; see Guarantees)
            sys.exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main():
    """Turn folders of scraped news-article text into a clean, deduplicated, versioned dataset."""


def _progress_bar(enabled: bool):
    from tqdm import tqdm

    bars = {}

    def progress(stage: str, done: int, total: int) -> None:
        if not enabled:
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=f"{stage:>5}", unit="doc", file=sys.stderr, leave=False)
        bar.n = done
        bar.refresh() if done == total else bar.update(0)
        if done >= total:
            bar.close()

    return progress


@main.command()
@click.argument("input", default="seeds", type=click.Path())
@click.option("--out", "out", default="data", show_default=True, type=click.Path(path_type=Path),
              help="Folder that holds the datasets; the version goes to OUT/NAME/vX.Y.Z.")
@click.option("--name", default=None, help="Dataset name. Default: the config's name, else INPUT's folder name "
                                             "(for one file: its name without .txt, .jsonl, .parquet, .gz).")
@click.option("--config", "config_path", default=None, type=click.Path(path_type=Path),
              help="TOML or JSON file of options (see `cleaner options`).")
@click.option("--version", "explicit_version", default=None, metavar="X.Y.Z",
              help="Set the new version's number (must be newer than the latest; never reused).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary as the last line of stdout.")
@click.option("--progress/--no-progress", default=None,
              help="Show progress bars on stderr. Default: only when stderr is a terminal.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: all cores. The output does not depend on it.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the pipeline runs: worker processes here, or Ray (needs the ray extra). "
                   "The output is the same.")
@click.option("--address", default=None, metavar="ADDRESS",
              help="With --engine ray: an existing Ray cluster (auto, HOST:PORT, ray://HOST:10001). "
                   "Default: start a local Ray.")
@click.option("--report/--no-report", "with_report", default=True, show_default=True,
              help="Write report.html (the review report) into the new version.")
@_guard
def clean(input, out, name, config_path, explicit_version, as_json, progress, workers, engine, address, with_report):
    """Clean INPUT (a folder searched recursively for .txt/.txt.gz, or one file; default: seeds)
    into a new immutable dataset version OUT/NAME/vX.Y.Z."""
    from .package.versions import check_name, write_version
    from .pipeline import run_files

    raw_input, input = input, Path(input)  # raw: an object-store URL keeps its "//" (Ray engine)
    if address and engine != "ray":
        raise Fail("--address needs --engine ray")
    if "://" in raw_input and engine != "ray":
        raise Fail(f"a URL input ({raw_input}) needs --engine ray")
    if name is not None and not name.strip():
        raise Fail("--name must not be empty")
    config = load_config(config_path)
    if "://" in raw_input:
        name = name or config.name or raw_input.rstrip("/").rsplit("/", 1)[-1]
    name = name or config.name or (input.resolve().name if input.is_dir() else _file_stem(input))
    dataset_dir = out / check_name(name)
    _check_output(dataset_dir, explicit_version)
    show = sys.stderr.isatty() if progress is None else progress
    if engine == "ray":
        from .engines.ray_engine import run_files_ray

        # the documents wait in Ray's object store; Ray tasks write the shards
        result = run_files_ray(raw_input, config, _progress_bar(show), address=address, workers=workers)
    else:  # the documents wait in a spill folder beside the version's temporary folder
        result = run_files(input, config, _progress_bar(show), workers=workers, spill_dir=dataset_dir)
    from .report import report_hook

    with result:
        if not result.kept:
            _print_skipped((d.source, d.reason) for d in result.docs if d.status == "skipped")
            raise Fail(f"no document of {raw_input} was kept ({len(result.docs)} inputs: "
                       f"{sum(d.status == 'skipped' for d in result.docs)} skipped): an empty dataset "
                       "cannot be loaded, so no version was written")
        outcome = write_version(result, out, name, explicit_version,
                                extra_files=report_hook(result) if with_report else None)
    m = outcome.manifest
    c = m["counts"]
    summary = {
        "name": name, "version": outcome.version, "path": str(outcome.path), "created": outcome.created,
        "inputs": c["inputs"], "kept": c["kept"], "duplicates": c["duplicate"], "skipped": c["skipped"],
        "removals_by_reason": m["removals_by_reason"], "content_sha256": m["content_sha256"],
    }
    if outcome.created:
        click.echo(f"wrote {name} v{outcome.version} to {outcome.path}")
    else:
        click.echo(f"no change: {name} v{outcome.version} already holds this input and config ({outcome.path})")
    click.echo(f"{c['inputs']} inputs: {c['kept']} kept, {c['duplicate']} duplicates, {c['skipped']} skipped")
    _print_skipped((inp["source"], inp["reason"]) for inp in m["inputs"] if inp["status"] == "skipped")
    if m["removals_by_reason"]:
        click.echo("removed lines by reason: " + ", ".join(f"{r} {n}" for r, n in m["removals_by_reason"].items()))
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, sort_keys=True))


@main.command()
def rules():
    """List the boilerplate rules: name, reason code and what each matches."""
    from .rules import RULES

    for r in sorted(RULES.values(), key=lambda r: (r.reason, r.name)):
        first = r.doc.splitlines()[0] if r.doc else ""
        click.echo(f"{r.name:<28} {r.reason:<20} {first}")


@main.command()
def options():
    """List every config option with its default and meaning."""
    from .config import CleanConfig

    defaults = CleanConfig().to_dict()
    for key, doc in field_docs().items():
        click.echo(f"{key} = {json.dumps(defaults[key])}\n    {doc}")


@main.command()
@click.argument("name")
@click.option("--root", default="data", show_default=True, type=click.Path(path_type=Path),
              help="Folder that holds the datasets.")
@_guard
def versions(name, root):
    """List NAME's versions, oldest first: version, date, rows, content hash."""
    from .package.inspect import versions_of

    for v in versions_of(root, name):
        rows = "-" if v.rows is None else v.rows
        click.echo(f"{v.version:<10} {v.created or '-':<26} {rows:>8} rows  {v.content_sha256}")


@main.command()
@click.argument("name")
@click.argument("a")
@click.argument("b")
@click.option("--root", default="data", show_default=True, type=click.Path(path_type=Path),
              help="Folder that holds the datasets.")
@click.option("--doc", default=None, metavar="ID_OR_SOURCE",
              help="Also print a unified diff of this document's text (its id or source path).")
@_guard
def diff(name, a, b, root, doc):
    """Documents added, removed and changed (by id) from version A to version B of NAME."""
    from .package.inspect import diff_versions

    d = diff_versions(root, name, a, b, doc)
    click.echo(f"{name} v{d.a} -> v{d.b}: {len(d.added)} added, {len(d.removed)} removed, "
               f"{len(d.changed)} changed, {d.unchanged} unchanged")
    for r in d.added:
        click.echo(f"+ {r['id']}  {r['source']}")
    for r in d.removed:
        click.echo(f"- {r['id']}  {r['source']}  ({r['now']})")
    for r in d.changed:
        click.echo(f"~ {r['id']}  {r['source']}  ({', '.join(r['fields'])})")
    if d.text_diff is not None:
        click.echo(d.text_diff or f"(text of {doc} is the same in both)")


@main.command()
@click.argument("path", type=click.Path(path_type=Path, exists=True, file_okay=False))
@_guard
def validate(path):
    """Check a version folder: every checksum in its manifest, the Parquet schema, and the
    content hash recomputed from the rows. Exit status 1 naming each bad file."""
    from .package.inspect import validate as check

    report = check(path)
    if not report.ok:
        for problem in report.problems:
            click.echo(f"invalid: {problem}", err=True)
        raise Fail(f"{path} is not a valid version ({len(report.problems)} problem(s))")
    click.echo(f"ok: {path} ({len(report.checked)} files, schema and content hash checked)")


@main.command()
@click.argument("spec", metavar="PATH_OR_NAME[@VERSION]")
@click.option("--repo", required=True, metavar="ORG/NAME", help="Repository to publish to.")
@click.option("--to", "to", default="hf", show_default=True, metavar="hf|GIT_URL",
              help="`hf` for the Hugging Face Hub, or a git URL (git-lfs for Parquet, annotated tag).")
@click.option("--private", is_flag=True, help="Create the Hub repository as private (hf only).")
@click.option("--dry-run", is_flag=True, help="List what would be uploaded and where; no network.")
@click.option("--root", default="data", show_default=True, type=click.Path(path_type=Path),
              help="Folder that holds the datasets (for a NAME).")
@_guard
def publish(spec, repo, to, private, dry_run, root):
    """Publish a version (a version folder, or NAME[@VERSION] under --root; default the latest)
    as one commit tagged vX.Y.Z; a no-op when the tag already holds the same content."""
    from .publish import publish as run

    click.echo(run(spec, repo, to=to, private=private, dry_run=dry_run, root=root).describe())


def _print_skipped(items) -> None:
    for source, reason in items:
        click.echo(f"  skipped {_printable(source)}: {_printable(reason)}", err=True)


def _file_stem(path: Path) -> str:
    """The default dataset name of a one-file input: its name without .txt/.jsonl/.parquet/.gz."""
    name = path.name
    for suffix in (".gz", ".txt", ".jsonl", ".json", ".parquet"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def _check_output(dataset_dir: Path, explicit_version: str | None) -> None:
    """Fail before any input is read when the output cannot be written or --version cannot be used."""
    import os

    from .package.versions import check_new_version, list_versions

    p = dataset_dir
    while not p.exists() and p != p.parent:
        p = p.parent
    if not p.is_dir():
        raise Fail(f"cannot write to {dataset_dir}: {p} is not a folder")
    if not os.access(p, os.W_OK | os.X_OK):
        raise Fail(f"cannot write to {dataset_dir}: {p} is not writable")
    if explicit_version:
        check_new_version(explicit_version, list_versions(dataset_dir))


@main.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--config", "config_path", default=None, type=click.Path(path_type=Path),
              help="TOML or JSON file of options.")
@click.option("--color/--no-color", default=None, help="Colour the output. Default: when stdout is a terminal.")
@_guard
def explain(file, config_path, color):
    """Print FILE with every removed line marked with its reason (kept lines unmarked)."""
    from .document import split_lines
    from .io import InputFile
    from .pipeline import annotate_language, clean_document, read_document

    config = load_config(config_path)
    doc = read_document(InputFile(file.name, file), config)
    if doc.status == "skipped":
        raise Fail(f"{file}: skipped: {doc.reason}")
    annotate_language(clean_document(doc, config), config)
    by_start = {r.start: r for r in doc.removals}
    width = max((len(r.reason) for r in doc.removals), default=4)
    for line in split_lines(doc.text):
        r = by_start.get(line.start)
        if r is not None:
            label = click.style(f"- {r.reason:<{width}}", fg="red") if color is not False else f"- {r.reason:<{width}}"
            text = click.style(line.text, fg="bright_black", strikethrough=True) if color is not False else line.text
            click.echo(f"{label} | {text}", color=color)
        elif line.text:
            click.echo(f"  {'':<{width}} | {line.text}", color=color)
    language = f"{doc.language} ({doc.language_score})" if doc.language else "-"
    title = repr(doc.meta["title"]) if doc.meta.get("title") else "-"
    click.echo(f"\nstatus: {doc.status}{' (' + doc.reason + ')' if doc.reason else ''}; "
               f"language: {language}; title: {title}; date: {doc.meta.get('date') or '-'}", color=color)


@main.command()
@click.argument("target", required=False, metavar="[NAME[@VERSION] | PATH]")
@click.option("--root", default="data", show_default=True, type=click.Path(path_type=Path),
              help="Folder that holds the datasets (for NAME).")
@click.option("--output", "-o", default=None, type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of the version folder.")
@_guard
def report(target, root, output):
    """Write report.html, the review report, into a version folder (PATH, or NAME's latest
    version, or NAME@VERSION under --root; default: the only dataset under --root).

    A report.html listed in the version's manifest is part of the immutable version: it is
    checked, never overwritten (use --output for a fresh one)."""
    from .report import report_for_version, resolve_target

    path, what = report_for_version(resolve_target(target, root), output)
    click.echo({
        "written": f"wrote {path}",
        "written-unlisted": f"wrote {path} (not covered by the manifest's checksums: the version was made without it)",
        "up-to-date": f"{path} is part of the version and matches its sha256 in manifest.json; nothing to do",
        "restored": f"restored {path} (identical to the sha256 in manifest.json)",
    }[what])


if __name__ == "__main__":  # pragma: no cover
    main()
