"""The dataset card: README.md with YAML the Hub understands and prose a person reads.

The Hub checks card metadata only when a card is pushed; we check it here, offline, against
allow-lists kept in this file (licence ids, size categories, task categories, language codes),
so a bad value is an error at ``cleaner clean`` time rather than a surprise on upload.

>>> size_category(5), size_category(12_345), size_category(10**13)
('n<1K', '10K<n<100K', 'n>1T')
>>> hub_language("zh-cn"), hub_language("en")
('zh', 'en')
>>> check_license("CC-BY-4.0")
'cc-by-4.0'
"""
from __future__ import annotations

import re

import pyarrow as pa
import yaml

from ..errors import ConfigError
from .dataset import FIELD_DOCS, SCHEMA, features_yaml

# Licence ids the Hub accepts in a card's `license:` (its documented list of repository licences).
LICENSES = frozenset("""
apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m bigscience-bloom-rail-1.0
bigcode-openrail-m afl-3.0 artistic-2.0 bsl-1.0 bsd bsd-2-clause bsd-3-clause bsd-3-clause-clear
c-uda cc cc0-1.0 cc-by-2.0 cc-by-2.5 cc-by-3.0 cc-by-4.0 cc-by-sa-3.0 cc-by-sa-4.0 cc-by-nc-2.0
cc-by-nc-3.0 cc-by-nc-4.0 cc-by-nd-4.0 cc-by-nc-nd-3.0 cc-by-nc-nd-4.0 cc-by-nc-sa-2.0
cc-by-nc-sa-3.0 cc-by-nc-sa-4.0 cdla-sharing-1.0 cdla-permissive-1.0 cdla-permissive-2.0 wtfpl
ecl-2.0 epl-1.0 epl-2.0 etalab-2.0 eupl-1.1 eupl-1.2 agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0 lgpl
lgpl-2.1 lgpl-3.0 isc h-research intel-research lppl-1.3c ms-pl apple-ascl apple-amlr mpl-2.0
odc-by odbl openrail++ osl-3.0 postgresql ofl-1.1 ncsa unlicense zlib pddl lgpl-lr
deepfloyd-if-license fair-noncommercial-research-license llama2 llama3 llama3.1 llama3.2
llama3.3 llama4 gemma unknown other
""".split())

# The Hub's size_categories values, smallest first, with the exclusive upper bound of each.
SIZE_CATEGORIES = [
    (1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"),
    (10_000_000_000, "1B<n<10B"), (100_000_000_000, "10B<n<100B"), (1_000_000_000_000, "100B<n<1T"),
    (None, "n>1T"),
]
SIZE_CATEGORY_VALUES = frozenset(label for _, label in SIZE_CATEGORIES)

# The task categories this tool's cards may claim (a subset of the Hub's list).
TASK_CATEGORIES = frozenset({"text-generation", "fill-mask", "text-classification", "summarization",
                             "feature-extraction", "other"})

# langdetect reports a few codes with a region; the Hub wants ISO 639 codes.
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")

TAGS = ["news", "cleaned", "deduplicated", "cleaner"]


def check_license(value: str) -> str:
    """The Hub licence id for value (case-insensitive), or ConfigError listing what is allowed."""
    v = str(value).strip().lower()
    if v not in LICENSES:
        raise ConfigError(f"license {value!r} is not a Hub licence id; use one of: {', '.join(sorted(LICENSES))} "
                          "(or 'other' and say more in the card)")
    return v


def size_category(n: int) -> str:
    """The Hub's size_categories value for n rows."""
    for bound, label in SIZE_CATEGORIES:
        if bound is None or n < bound:
            return label
    raise AssertionError("unreachable")


def hub_language(code: str) -> str:
    """An ISO 639 code for the Hub from a langdetect label (``zh-cn`` -> ``zh``)."""
    base = code.lower().split("-")[0]
    if not _LANGUAGE_CODE.match(base):
        raise ConfigError(f"language label {code!r} is not an ISO 639 code")
    return base


def type_name(t: pa.DataType) -> str:
    """A short, readable name of an Arrow type for the fields table.

    >>> type_name(pa.list_(pa.struct([("a", pa.int64()), ("b", pa.string())])))
    'list of {a: int64, b: string}'
    """
    if pa.types.is_list(t):
        return f"list of {type_name(t.value_type)}"
    if pa.types.is_struct(t):
        return "{" + ", ".join(f"{f.name}: {type_name(f.type)}" for f in t) + "}"
    return {"double": "float64"}.get(str(t), str(t))


def card_metadata(manifest: dict) -> dict:
    """The card's YAML front matter as a dict, every value checked against the allow-lists."""
    name, counts, cfg = manifest["name"], manifest["counts"], manifest["config"]
    languages = sorted({hub_language(code) for code in manifest["languages"]})
    meta = {
        "pretty_name": f"{name} (cleaned news articles)",
        "license": check_license(cfg.get("license", "other")),
        "language": languages,
        "multilinguality": "multilingual" if len(languages) > 1 else "monolingual",
        "size_categories": [size_category(counts["kept"])],
        "source_datasets": ["original"],
        "task_categories": ["text-generation"],
        "task_ids": ["language-modeling"],
        "tags": list(TAGS),
        "configs": [{"config_name": "default", "data_files": [{"split": "train", "path": "data/train-*.parquet"}]}],
        # The sizes are specific to the content; datasets keys its cache of a local folder on
        # this YAML alone, so without them two different versions in folders of the same name
        # would share a cache entry and load stale rows.
        "dataset_info": {"features": features_yaml(),
                         "splits": [{"name": "train", "num_bytes": manifest["content_bytes"],
                                     "num_examples": counts["kept"]}],
                         "download_size": manifest["parquet_bytes"],
                         "dataset_size": manifest["content_bytes"]},
    }
    check_metadata(meta)
    return meta


def check_metadata(meta: dict) -> None:
    """Raise ConfigError when a value is outside the allow-lists (what the Hub would refuse)."""
    check_license(meta["license"])
    for c in meta.get("size_categories", []):
        if c not in SIZE_CATEGORY_VALUES:
            raise ConfigError(f"size category {c!r} is not one of the Hub's: {', '.join(sorted(SIZE_CATEGORY_VALUES))}")
    for c in meta.get("task_categories", []):
        if c not in TASK_CATEGORIES:
            raise ConfigError(f"task category {c!r} is not allowed; use one of {', '.join(sorted(TASK_CATEGORIES))}")
    for code in meta.get("language", []):
        if not _LANGUAGE_CODE.match(code):
            raise ConfigError(f"language {code!r} is not an ISO 639 code")


def parse_card(text: str) -> tuple[dict, str]:
    """(YAML metadata, prose) of a card's text."""
    m = re.match(r"\A---\n(.*?\n)---\n", text, re.S)
    if not m:
        raise ConfigError("the card has no YAML front matter between '---' lines")
    return yaml.safe_load(m.group(1)), text[m.end():]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def code(text: str) -> str:
    """Untrusted text (a file name, an error) as a Markdown code span: control characters shown
    as escapes, so a newline in a name cannot start a new line of the card, and a fence longer
    than any run of backticks inside, so the span cannot be closed early.

    >>> code("a\\nb`c")
    '`` a\\\\nb`c ``'
    >>> code("plain.txt")
    '`plain.txt`'
    """
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    if not longest:
        return f"`{text}`"
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def render_card(manifest: dict) -> str:
    """README.md text for a version, from its manifest (no timestamps: same input, same card)."""
    name, version, counts = manifest["name"], manifest["version"], manifest["counts"]
    meta = card_metadata(manifest)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=120)
    reasons = "\n".join(f"| `{r}` | {n} |" for r, n in sorted(manifest["removals_by_reason"].items())) or "| (none) | 0 |"
    fields = "\n".join(f"| `{f.name}` | {type_name(f.type)} | {FIELD_DOCS.get(f.name, '')} |" for f in SCHEMA)
    skipped = [i for i in manifest["inputs"] if i["status"] == "skipped"]
    skipped_md = "\n".join(f"- {code(i['source'])}: {code(i['reason'])}" for i in skipped) or "- none"
    dups = [i for i in manifest["inputs"] if i["status"] == "duplicate"]
    dups_md = "\n".join(f"- {code(i['source'])} ({i['how']}) of {code(i['duplicate_of'])}" for i in dups) or "- none"
    langs = "\n".join(f"| `{code}` | {n} |" for code, n in sorted(manifest["languages"].items())) or "| (none) | 0 |"
    cfg = manifest["config"]
    license_ = meta["license"]
    license_text = ("the articles keep their publishers' rights (`license: other`); check them before reuse"
                    if license_ == "other" else f"`{license_}`, as set in the cleaner's `license` option")
    tag = f"v{version}"
    return f"""---
{front}---

# {meta['pretty_name']}, version {version}

News articles scraped as plain text and cleaned with `cleaner` {manifest['cleaner_version']}:
text repaired, page chrome removed (every removal kept in the `removals` column with its
reason), metadata lifted into fields, language detected, duplicates dropped.

## Sources

{counts['inputs']} scraped text files (`.txt`, `.txt.gz`) of news web pages, one article a file.
Each row's `source` is its file's path relative to the input folder, and `sha256` the hash of
that file's raw bytes, so every row can be traced back to its input.

| | count |
| --- | --- |
| input files | {counts['inputs']} |
| rows (kept) | {counts['kept']} |
| duplicates dropped | {counts['duplicate']} |
| files skipped | {counts['skipped']} |
| words before / after cleaning | {counts['words_in']} / {counts['words_out']} |

## Loading

```python
from datasets import load_dataset
ds = load_dataset("path/to/{name}/{tag}", split="train")            # this folder
ds = load_dataset("ORG/{name}", revision="{tag}", split="train")     # once published

import cleaner  # checks every checksum and the content hash
ds = cleaner.load("{name}", version="{version}", root="data")
ds = cleaner.load("ORG/{name}", version="{version}")                 # from a hub, exact revision
```

Always name the revision (`{tag}`): the repository's main branch moves on with new versions.

## Fields

| field | type | meaning |
| --- | --- | --- |
{fields}

## Languages

Detected by langdetect (seed {cfg['language_seed']}) on each body (langdetect reads at most 10,000
characters); answers langdetect is certain of are computed from the n-gram counts instead of
sampled{f", first from {cfg['language_sample_chars']} characters taken from the start, middle and end of the body" if cfg['language_sample_chars'] else ""}.
The card's `language` list is computed from these rows.

| language | rows |
| --- | --- |
{langs}

## How it was cleaned

1. **read**: encoding detected (BOM, UTF-8, UTF-16, then charset-normalizer for legacy code pages); line ends normalised.
2. **repair**: ftfy (mojibake, HTML entities, control characters, NFC), curly quotes, no-break spaces and full-width characters kept; runs of blanks folded, lines stripped.
3. **boilerplate**: named rules for kinds of page chrome, metadata lines lifted into fields, line statistics, lines repeated across the corpus (in ≥ {cfg.get('corpus_repeat_min_docs')} documents and ≥ {cfg.get('corpus_repeat_min_share')} of them), and lines repeated inside a document.
4. **language**: langdetect with seed {cfg['language_seed']}.
5. **dedup**: exact duplicates of the normalised body; near duplicates by MinHash LSH ({cfg['num_perm']} permutations, {cfg['shingle_size']}-word shingles, seed {cfg.get('dedup_seed')}), each pair verified (Jaccard ≥ {cfg['near_threshold']}, containment ≥ {cfg['containment_threshold']}); the longest copy is kept.

Removals by reason code (lines removed from kept documents):

| reason | lines |
| --- | --- |
{reasons}

Duplicates dropped:

{dups_md}

Skipped input files:

{skipped_md}

## Known limits

- Boilerplate detection works on text alone: a caption or subheading that looks like body may stay, and a very short body paragraph surrounded by chrome may go. Check `removals`.
- Dates are parsed from the text; ambiguous numeric dates (03/04/2020) are left null.
- Language labels come from a statistical detector: short or mixed-language bodies may be mislabelled (see `language_score`).
- Licence: {license_text}.

## Provenance

`manifest.json` beside this card lists every input file and what became of it, the full
configuration, library versions and the sha256 of every file of this version;
`croissant.json` describes the same files in MLCommons Croissant. The content hash over the
canonical rows is `{manifest['content_sha256']}` (`cleaner validate` recomputes it).

## Citation

```bibtex
@misc{{{re.sub(r'[^A-Za-z0-9]+', '_', name)}_{version.replace('.', '_')},
  title = {{{name} (cleaned news articles), version {version}}},
  note = {{Built with cleaner {manifest['cleaner_version']}; content sha256 {manifest['content_sha256']}}},
}}
```
"""
