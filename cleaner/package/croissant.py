"""``croissant.json``: the version described in MLCommons Croissant 1.0.

Every Parquet shard is a ``FileObject`` with its relative ``contentUrl`` and ``sha256``, so
``mlcroissant`` (which resolves relative URLs against the JSON-LD's folder) reads the version
offline and checks each shard's hash. The ``train`` record set lists the scalar and list
columns; the nested audit columns (``removals``, ``duplicates``) are described in prose.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from ..io import sha256_file
from .card import check_license
from .dataset import FIELD_DOCS, SCHEMA

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"

# The @context that the Croissant 1.0 specification prescribes.
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

_SCALARS = {pa.string(): "sc:Text", pa.float64(): "sc:Float", pa.int64(): "sc:Integer", pa.bool_(): "sc:Boolean"}


def _fields(source: dict) -> list[dict]:
    out = []
    for f in SCHEMA:
        t, repeated = f.type, False
        if pa.types.is_list(t) and t.value_type in _SCALARS:
            t, repeated = t.value_type, True
        if t not in _SCALARS:
            continue  # nested structs: see the card's Fields table
        field = {"@type": "cr:Field", "@id": f"train/{f.name}", "name": f.name,
                 "description": FIELD_DOCS.get(f.name, f.name), "dataType": _SCALARS[t],
                 "source": {**source, "extract": {"column": f.name}}}
        if repeated:
            field["repeated"] = True
        out.append(field)
    return out


def render_croissant(manifest: dict, folder: Path) -> dict:
    """The Croissant JSON-LD of the version being written in folder (its shards already there)."""
    folder = Path(folder)
    name, version = manifest["name"], manifest["version"]
    shards = sorted((folder / "data").glob("*.parquet"))
    objects = [{"@type": "cr:FileObject", "@id": p.relative_to(folder).as_posix(), "name": p.name,
                "description": "a Parquet shard of the train split", "contentUrl": p.relative_to(folder).as_posix(),
                "contentSize": f"{p.stat().st_size} B", "encodingFormat": "application/x-parquet",
                "sha256": sha256_file(p)} for p in shards]
    if len(objects) == 1:
        source = {"fileObject": {"@id": objects[0]["@id"]}}
        distribution = objects
    else:
        # Several shards: the records come from a file set over all of them; each shard is
        # still listed (with its hash) for integrity checks.
        file_set = {"@type": "cr:FileSet", "@id": "parquet-shards", "name": "parquet-shards",
                    "description": "all Parquet shards of the train split",
                    "encodingFormat": "application/x-parquet", "includes": "data/train-*.parquet"}
        source = {"fileSet": {"@id": "parquet-shards"}}
        distribution = objects + [file_set]
    license_ = check_license(manifest["config"].get("license", "other"))
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": name,
        "description": (f"{name}: news articles scraped as plain text and cleaned with cleaner "
                        f"{manifest['cleaner_version']} (boilerplate removed with reasons, metadata "
                        "lifted into fields, language detected, duplicates dropped). The nested "
                        "columns `removals` and `duplicates` hold the audit trail; see README.md."),
        "version": version,
        "license": license_,
        "citeAs": f"{name} (cleaned news articles), version {version}, content sha256 {manifest['content_sha256']}",
        "keywords": ["news", "cleaned", "deduplicated"],
        "inLanguage": sorted(manifest["languages"]),
        "distribution": distribution,
        "recordSet": [{"@type": "cr:RecordSet", "@id": "train", "name": "train",
                       "description": f"the train split: {manifest['counts']['kept']} rows, one cleaned article each",
                       "key": {"@id": "train/id"}, "field": _fields(source)}],
    }


def write_croissant(folder: Path, manifest: dict) -> Path:
    """Write ``croissant.json`` into a version folder; same shards, same bytes."""
    path = Path(folder) / "croissant.json"
    path.write_text(json.dumps(render_croissant(manifest, folder), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path
