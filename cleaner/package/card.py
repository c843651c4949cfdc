"""The dataset card: README.md with Hub YAML and prose a person reads."""
from __future__ import annotations

import yaml

from .dataset import FIELD_DOCS, features_yaml

_SIZE_CATEGORIES = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                    (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M")]


def size_category(n: int) -> str:
    """The Hub's size_categories value for n rows.

    >>> size_category(5), size_category(12_345)
    ('n<1K', '10K<n<100K')
    """
    for bound, label in _SIZE_CATEGORIES:
        if n < bound:
            return label
    return "n>1T"


def render_card(manifest: dict) -> str:
    """README.md text for a version, from its manifest (no timestamps: same input, same card)."""
    name, version, counts = manifest["name"], manifest["version"], manifest["counts"]
    langs = sorted(manifest["languages"])
    meta = {
        "pretty_name": f"{name} (cleaned news articles)",
        "license": "other",
        "language": langs,
        "size_categories": [size_category(counts["kept"])],
        "task_categories": ["text-generation"],
        "tags": ["news", "cleaned", "deduplicated", "cleaner"],
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
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=120)
    reasons = "\n".join(f"| `{r}` | {n} |" for r, n in sorted(manifest["removals_by_reason"].items())) or "| (none) | 0 |"
    fields = "\n".join(f"| `{k}` | {v} |" for k, v in FIELD_DOCS.items())
    skipped = [i for i in manifest["inputs"] if i["status"] == "skipped"]
    skipped_md = "\n".join(f"- `{i['source']}`: {i['reason']}" for i in skipped) or "- none"
    cfg = manifest["config"]
    return f"""---
{front}---

# {name} v{version}

News articles scraped as plain text and cleaned with
`cleaner` {manifest['cleaner_version']}: text repaired, page
chrome removed (every removal kept in the `removals` column with its reason), metadata lifted
into fields, language detected, duplicates dropped.

## Contents

| | count |
| --- | --- |
| input files | {counts['inputs']} |
| rows (kept) | {counts['kept']} |
| duplicates dropped | {counts['duplicate']} |
| files skipped | {counts['skipped']} |
| words before / after cleaning | {counts['words_in']} / {counts['words_out']} |

Languages (langdetect, seeded): {', '.join(f'{l} ({n})' for l, n in sorted(manifest['languages'].items())) or 'none'}.

## Loading

```python
from datasets import load_dataset
ds = load_dataset("path/to/{name}/v{version}", split="train")

import cleaner
ds = cleaner.load("{name}", version="{version}", root="data")
```

## Fields

| field | meaning |
| --- | --- |
{fields}

## How it was cleaned

1. **read**: encoding detected (BOM, UTF-8, UTF-16, then charset-normalizer for legacy code pages); line ends normalised.
2. **repair**: ftfy (mojibake, HTML entities, control characters, NFC), curly quotes and full-width characters kept; odd spaces folded.
3. **boilerplate**: named rules for kinds of page chrome, metadata lines lifted into fields, line statistics, lines repeated across the corpus, and lines repeated inside a document.
4. **language**: langdetect with seed {cfg['language_seed']} on up to {cfg['language_sample_chars'] or 'all'} characters of the body.
5. **dedup**: exact duplicates of the normalised body; near duplicates by MinHash LSH ({cfg['num_perm']} permutations, {cfg['shingle_size']}-word shingles), each pair verified (Jaccard ≥ {cfg['near_threshold']}, containment ≥ {cfg['containment_threshold']}); the longest copy is kept.

Removals by reason:

| reason | lines |
| --- | --- |
{reasons}

Skipped input files:

{skipped_md}

## Known limits

- Boilerplate detection works on text alone: a caption or subheading that looks like body may stay, and a very short body paragraph surrounded by chrome may go. Check `removals`.
- Dates are parsed from the text; ambiguous numeric dates (03/04/2020) are left null.
- The licence of scraped articles is that of their publishers (`license: other`).

## Provenance

`manifest.json` beside this card lists every input file and what became of it, the full
configuration, library versions and the sha256 of every file of this version
(content hash `{manifest['content_sha256']}`).

## Citation

```bibtex
@misc{{{name.replace('-', '_')}_{version.replace('.', '_')},
  title = {{{name} (cleaned news articles), version {version}}},
  note = {{Built with cleaner {manifest['cleaner_version']}}},
}}
```
"""
