"""CleanConfig: every option of a run, with its default and meaning where it is defined.

A config file (TOML or JSON) sets any of these keys at the top level; an unknown key is an
error that lists the valid ones.

>>> CleanConfig().language_seed
0
>>> load_config_dict({"near_threshold": 0.7}).near_threshold
0.7
>>> load_config_dict({"shard_rows": 0})
Traceback (most recent call last):
  ...
cleaner.errors.ConfigError: shard_rows must be at least 1, not 0
"""
from __future__ import annotations

import dataclasses
import json
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class CleanConfig:
    # -- naming ------------------------------------------------------------------------
    name: str | None = None
    """Dataset name under the output folder; default: the input folder's name."""

    # -- reading -----------------------------------------------------------------------
    max_file_bytes: int = 64 * 1024 * 1024
    """Files larger than this are skipped with reason `too-large` (a scraped article is KBs)."""
    follow_symlinks: bool = False
    """Follow symbolic links inside the input folder (never to a target outside it)."""
    text_field: str = "text"
    """For JSONL/Parquet input: the field (column) that holds each document's text."""
    id_field: str = "id"
    """For JSONL/Parquet input: the field that names each record (its source is FILE#ID)."""

    # -- repair ------------------------------------------------------------------------
    repair: bool = True
    """Run ftfy (mojibake, HTML entities, control characters, NFC)."""

    # -- boilerplate -------------------------------------------------------------------
    disabled_rules: tuple[str, ...] = ()
    """Names of boilerplate rules not to run (`cleaner rules` lists them)."""
    head_lines: int = 12
    """How many non-blank lines at the top are searched for title, date, outlet, section."""
    line_statistics: bool = True
    """Drop lines whose own statistics (length, stop words, punctuation, neighbours) say chrome."""
    corpus_repeat_min_docs: int = 4
    """A line found in at least this many documents of the input is chrome (`corpus-repeat`)..."""
    corpus_repeat_min_share: float = 0.02
    """...and in at least this share of them (so a big corpus needs more than a handful)."""
    min_body_words: int = 8
    """A document whose body keeps fewer words is skipped with reason `no-content`."""

    # -- language ----------------------------------------------------------------------
    language_seed: int = 0
    """Seed of langdetect's random sampling, so labels are reproducible."""
    language_sample_chars: int = 1000
    """The language fast path first tries this many characters of the body, taken from its
    start, middle and end; where it is not certain of them, the whole body is read (of which
    langdetect itself reads at most 10,000). 0: always the whole body."""

    # -- dedup -------------------------------------------------------------------------
    near_dedup: bool = True
    """Find near-duplicate documents with MinHash LSH (exact duplicates are always found)."""
    shingle_size: int = 5
    """Words per shingle for MinHash."""
    num_perm: int = 128
    """MinHash permutations."""
    near_threshold: float = 0.8
    """Verified Jaccard similarity at or above which two documents are near duplicates."""
    containment_threshold: float = 0.8
    """Share of the shorter body's shingles found in the longer one that makes it `contained`
    (where the copy sits is checked by its anchors, below)."""
    dedup_seed: int = 1
    """Seed of the MinHash permutations."""
    lsh_rows: int = 4
    """Signature slots per LSH band (num_perm // lsh_rows bands); 4 finds pairs down to Jaccard
    ~0.45, so truncated copies reach verification; fewer rows find lower-similarity candidates."""
    containment_min_ratio: float = 0.5
    """A contained copy must have at least this share of the longer body's shingles (lower for
    whole prefixes and higher for copies inside, below)."""
    containment_min_start: float = 0.7
    """Share of an anchor (a body's first or last 32 shingles) found in the other body for the
    anchor to count as shared: a contained copy shares both bodies' starts (truncated, extended),
    or sits with its start and end inside the longer one (text added at the top); a short article
    quoted in the middle of a longer one has neither."""
    containment_min_ratio_inside: float = 2 / 3
    """A contained copy that does not share the longer body's start needs at least this share
    of the longer body's shingles."""
    containment_min_ratio_prefix: float = 0.4
    """A copy under containment_min_ratio of the longer body is still contained down to this
    share when it is a whole prefix of it (a teaser cut from the article) or its start lies in
    the longer's first 96 shingles (one copy lost its lede)."""
    dedup_workers: int = 1
    """Processes that hash bodies given as text to the dedup stage (2,000 or more; from Python:
    both engines hash their bodies in their cleaning workers); 1: this process on two threads
    (fastest on 2 cores), 0: one per CPU. The result is the same."""

    # -- packaging ---------------------------------------------------------------------
    shard_rows: int = 50_000
    """Rows per Parquet shard."""
    license: str = "other"
    """Licence id for the dataset card and croissant.json: a Hub licence id (e.g. cc-by-4.0), or
    "other" when the articles keep their publishers' rights."""

    def __post_init__(self):
        for key, (low, high) in _RANGES.items():
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{key} must be a number, not {value!r}")
            if not low <= value <= high:
                raise ConfigError(f"{key} must be {_range_text(low, high)}, not {value!r}")
        if self.lsh_rows > self.num_perm:
            raise ConfigError(f"lsh_rows ({self.lsh_rows}) must not exceed num_perm ({self.num_perm})")

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d["disabled_rules"] = list(self.disabled_rules)
        return d


_INF = float("inf")
_RANGES = {
    "max_file_bytes": (1, _INF), "head_lines": (0, _INF), "corpus_repeat_min_docs": (1, _INF),
    "corpus_repeat_min_share": (0.0, 1.0), "min_body_words": (0, _INF), "language_sample_chars": (0, _INF),
    "shingle_size": (1, _INF), "num_perm": (1, _INF), "near_threshold": (0.0, 1.0),
    "containment_threshold": (0.0, 1.0), "lsh_rows": (1, _INF), "containment_min_ratio": (0.0, 1.0),
    "containment_min_start": (0.0, 1.0), "containment_min_ratio_inside": (0.0, 1.0),
    "containment_min_ratio_prefix": (0.0, 1.0), "dedup_workers": (0, _INF), "shard_rows": (1, _INF),
}
"""The values each numeric option may take (checked when a config is made, from a file or in code)."""


def _range_text(low, high) -> str:
    return f"at least {low}" if high == _INF else f"between {low} and {high}"


def field_docs() -> dict[str, str]:
    """Option name -> the docstring written under it in this file (for --help and README)."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(CleanConfig))
    body = tree.body[0].body
    docs = {}
    for a, b in zip(body, body[1:]):
        if isinstance(a, ast.AnnAssign) and isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant):
            docs[a.target.id] = b.value.value
    return docs


def load_config_dict(data: dict) -> CleanConfig:
    """Build a config from a dict, checking names and types."""
    valid = {f.name: f for f in fields(CleanConfig)}
    unknown = sorted(set(data) - set(valid))
    if unknown:
        raise ConfigError(f"unknown config key(s) {', '.join(unknown)}; valid keys: {', '.join(valid)}")
    kwargs = {}
    for key, value in data.items():
        default = getattr(CleanConfig(), key)
        if key == "disabled_rules":
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise ConfigError("disabled_rules must be a list of rule names")
            value = tuple(value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{key} must be true or false, not {value!r}")
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{key} must be a number, not {value!r}")
            value = float(value)
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{key} must be an integer, not {value!r}")
        elif isinstance(default, str) or key == "name":
            if not (isinstance(value, str) or (key == "name" and value is None)):
                raise ConfigError(f"{key} must be a string, not {value!r}")
        kwargs[key] = value
    cfg = CleanConfig(**kwargs)
    if cfg.license != "other":
        from .package.card import check_license

        check_license(cfg.license)
    if cfg.disabled_rules:
        from .rules import check_rule_names

        check_rule_names(cfg.disabled_rules)
    return cfg


def load_config(path: str | Path | None) -> CleanConfig:
    """Read a TOML or JSON config file; None gives the defaults."""
    if path is None:
        return CleanConfig()
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml"):
        raise ConfigError(f"config {p}: YAML is not read; write the options as TOML (.toml) or JSON (.json)")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ConfigError(f"cannot read config {p}: {e.strerror}") from None
    try:
        data = json.loads(raw) if p.suffix == ".json" else tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise ConfigError(f"config {p} is not valid {'JSON' if p.suffix == '.json' else 'TOML'}: {e}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"config {p} must hold a table of options")
    return load_config_dict(data)
