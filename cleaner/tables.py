"""Input given as a table: a JSONL (optionally .gz) or Parquet file with a text column and an
id column, one document per record, as large scrapes often come.

Each record becomes an InputFile whose source is ``FILE#ID``; a record that cannot be used
(invalid JSON, no text, text not a string) is a skipped input with its reason, like a bad file.
The table is read a line (JSONL) or a batch of rows (Parquet) at a time; a streamed run
stores each record's text in its spill as it goes (``keep``), so only sources and places stay
in memory.

>>> import json, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "docs.jsonl"
>>> _ = p.write_text(json.dumps({"id": "a", "text": "Hello"}) + "\\nnot json\\n" + json.dumps({"id": 7}) + "\\n")
>>> [(f.source, f.skip, f.text) for f in discover_records(p)]
[('docs.jsonl#7', 'bad-record: no text in field "text"', None), ('docs.jsonl#a', None, 'Hello'), ('docs.jsonl#line2', 'bad-record: invalid JSON', None)]
"""
from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

from .errors import InputError
from .io import InputFile

TABLE_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".parquet")



def _lines_until_broken(fh, name: str, path, out: list):
    """(number, line) of a JSONL file; a file that breaks off (a truncated or corrupt gzip) keeps
    the records read before the break, and the rest is one skipped entry with the reason."""
    k = 0
    try:
        for k, line in enumerate(fh, 1):
            yield k, line
    except (OSError, EOFError, zlib.error) as e:
        if not out:
            raise
        out.append(InputFile(f"{name}#line{k + 1}", path, f"corrupt-gzip: the table breaks off after line {k}: {e}"))

def is_table(path: Path) -> bool:
    return Path(path).is_file() and Path(path).name.lower().endswith(TABLE_SUFFIXES)


def _record(name: str, path: Path, rec_id, text, lineno: int, text_field: str, seen: set, keep) -> InputFile:
    rid = str(rec_id) if rec_id is not None else f"line{lineno}"
    source = f"{name}#{rid}"
    if source in seen:  # ids must name records uniquely; a repeated id falls back to the line
        source = f"{name}#{rid}@line{lineno}"
    seen.add(source)
    if text is None:
        return InputFile(source, path, f'bad-record: no text in field "{text_field}"')
    if not isinstance(text, str):
        return InputFile(source, path, f'bad-record: field "{text_field}" is not a string')
    if keep is not None:
        return InputFile(source, path, None, None, keep(text))
    return InputFile(source, path, None, text)


def discover_records(path: Path, text_field: str = "text", id_field: str = "id", keep=None) -> list[InputFile]:
    """One InputFile per record of a JSONL or Parquet table, sorted by source. With ``keep``
    (a function that stores a text and returns where, such as a spill's ``Appender.add``),
    each record's text is stored there and its InputFile carries the place (``text_at``)
    instead of the text."""
    path = Path(path)
    name, seen, out = path.name, set(), []
    try:
        if name.lower().endswith(".parquet"):
            import pyarrow.parquet as pq

            table = pq.ParquetFile(path)
            names = table.schema_arrow.names
            if text_field not in names:
                raise InputError(f"{path} has no column {text_field!r} (columns: {', '.join(names)})")
            columns = [text_field] + ([id_field] if id_field in names and id_field != text_field else [])
            k = 0
            for batch in table.iter_batches(columns=columns):
                texts = batch.column(text_field).to_pylist()
                ids = batch.column(id_field).to_pylist() if id_field in names else [None] * len(texts)
                for rid, text in zip(ids, texts):
                    k += 1
                    out.append(_record(name, path, rid, text, k, text_field, seen, keep))
        else:
            opener = gzip.open if name.lower().endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
                for k, line in _lines_until_broken(fh, name, path, out):
                    if not line.strip():
                        continue
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        out.append(InputFile(f"{name}#line{k}", path, "bad-record: invalid JSON"))
                        continue
                    if not isinstance(rec, dict):
                        out.append(InputFile(f"{name}#line{k}", path, "bad-record: not a JSON object"))
                        continue
                    out.append(_record(name, path, rec.get(id_field), rec.get(text_field), k, text_field, seen, keep))
    except InputError:
        raise
    except (OSError, EOFError, zlib.error) as e:
        raise InputError(f"cannot read table {path}: {e}") from None
    except Exception as e:  # pyarrow raises its own error types for a broken Parquet file
        raise InputError(f"cannot read table {path}: {e}") from None
    if not out:
        raise InputError(f"table {path} holds no records")
    out.sort(key=lambda f: f.source)
    return out
