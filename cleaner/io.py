"""Finding input files and turning their bytes into text.

Every file found becomes either text or a *skip reason*; nothing here raises on bad content.

>>> decode_bytes("caf\\u00e9".encode("cp1252") + b" cr\\xe8me br\\xfbl\\xe9e, na\\xefve fa\\xe7ade.")
('café crème brûlée, naïve façade.', 'cp1252')
>>> decode_bytes(b"\\xef\\xbb\\xbfBOM\\r\\nline")
('BOM\\nline', 'utf-8-sig')
"""
from __future__ import annotations

import gzip
import hashlib
import os
import stat as _stat
import zlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError

SUFFIXES = (".txt", ".txt.gz")


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file found under the input root. ``skip`` is set when it cannot be read at all."""

    source: str  # path relative to the input root, '/'-separated, printable
    path: Path
    skip: str | None = None
    text: str | None = None  # a record of a JSONL/Parquet table carries its text (see tables.py)
    text_at: tuple | None = None  # ... or where that text waits in the run's spill (a spill.Ref)


class Undecodable(Exception):
    """Raised by decode_bytes with a specific skip reason as its message."""


def _printable(rel: str) -> str:
    # File names that are not valid UTF-8 arrive with surrogate escapes; keep them readable.
    # A real backslash is doubled first, so a name holding the text "\\xff" and one holding
    # the byte 0xff get different sources (and ids).
    return rel.replace("\\", "\\\\").encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def discover(root: Path, follow_symlinks: bool = False) -> list[InputFile]:
    """All .txt / .txt.gz files under root (or root itself), sorted by source.

    Symbolic links are skipped with a reason unless follow_symlinks; a link whose target lies
    outside root is always skipped. Raises InputError when root is missing or has no text files.
    """
    root = Path(root)
    if not root.exists() and not root.is_symlink():
        raise InputError(f"input {root} does not exist")
    if root.is_file():
        return [InputFile(_printable(root.name), root)]
    if not root.is_dir():
        raise InputError(f"input {root} is neither a file nor a folder")
    real_root = root.resolve()
    found: list[InputFile] = []
    unlisted: list[OSError] = []  # folders os.walk could not list: their files are unknown
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unlisted.append):
        dirnames.sort()
        for d in list(dirnames):
            if os.path.islink(os.path.join(dirpath, d)):
                dirnames.remove(d)
                rel = os.path.relpath(os.path.join(dirpath, d), root)
                found.append(InputFile(_printable(rel).replace(os.sep, "/"), Path(dirpath, d), "symlink-not-followed: set follow_symlinks = true to follow links inside INPUT"))
        for name in filenames:
            if not name.lower().endswith(SUFFIXES):
                continue
            path = Path(dirpath, name)
            rel = _printable(os.path.relpath(path, root)).replace(os.sep, "/")
            skip = None
            if path.is_symlink():
                try:
                    target = path.resolve()
                except (RuntimeError, OSError):  # a loop of links (ELOOP)
                    found.append(InputFile(rel, path, "broken-symlink: a loop of links"))
                    continue
                if not target.is_relative_to(real_root):
                    skip = "symlink-outside-input"
                elif not follow_symlinks:
                    skip = "symlink-not-followed: set follow_symlinks = true to follow links inside INPUT"
                elif not target.is_file():
                    skip = "broken-symlink"
            found.append(InputFile(rel, path, skip))
    for e in unlisted:
        if Path(e.filename) == root:
            raise InputError(f"cannot list input {root}: {e.strerror or e}")
        rel = _printable(os.path.relpath(e.filename, root)).replace(os.sep, "/")
        found.append(InputFile(rel, Path(e.filename), f"unreadable: cannot list the folder ({e.strerror or e})"))
    found.sort(key=lambda f: f.source)
    if not found:
        raise InputError(f"input {root} holds no .txt or .txt.gz files")
    return found


def read_bytes(f: InputFile, max_bytes: int) -> bytes:
    """The file's content (decompressed for .gz); raises Undecodable with a reason."""
    try:
        # O_NONBLOCK: a FIFO named *.txt must not hang the run; fstat then rejects it.
        with open(os.open(f.path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            st = os.fstat(fh.fileno())
            if not _stat.S_ISREG(st.st_mode):
                raise Undecodable("not-a-file: a folder, pipe, socket or device")
            if st.st_size > max_bytes:
                raise Undecodable(f"too-large: {st.st_size} bytes > max_file_bytes {max_bytes}")
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise Undecodable("vanished: the file disappeared during the run") from None
    except PermissionError:
        raise Undecodable("unreadable: permission denied") from None
    except IsADirectoryError:
        raise Undecodable("not-a-file") from None
    except OSError as e:
        raise Undecodable(f"unreadable: {e.strerror or e}") from None
    return unpack_bytes(f.path.name, data, max_bytes)


def unpack_bytes(name: str, data: bytes, max_bytes: int) -> bytes:
    """A file's raw bytes (read by any means) -> its content: size limit, gzip for ``.gz``."""
    if len(data) > max_bytes:
        raise Undecodable(f"too-large: {len(data)} bytes > max_file_bytes {max_bytes}")
    if name.lower().endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as gz:
                data = gz.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as e:
            raise Undecodable(f"corrupt-gzip: {e}") from None
        if len(data) > max_bytes:
            raise Undecodable(f"too-large: more than max_file_bytes {max_bytes}")
    return data


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}
# When the detector finds several code pages equally plausible (short texts often fit
# cp1250, cp1252 and cp1257 alike), the one most used on the web wins.
_PREFERRED = ("utf_8", "cp1252", "cp1251", "latin_1", "iso8859_15", "cp1250", "shift_jis", "euc_jp", "gb18030",
              "big5", "euc_kr", "koi8_r", "cp1256", "cp1253", "cp1254", "cp1255", "iso8859_2")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text[:65536] if ord(ch) in _CONTROL or ch == "\ufffd")
    return bad / min(len(text), 65536) > 0.05


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM: the high bytes of its characters (every other byte) take
    very few values (0 for Latin, 4 for Cyrillic ...), which no 8-bit text or binary does."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    half = len(sample) // 2
    if sample[0::2].count(0) > half / 20 and sample[1::2].count(0) > half / 20:
        return None  # many NULs at odd and even offsets: NULs in 8-bit text, not UTF-16
    for enc, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        top2 = sum(sorted((high.count(b) for b in set(high)), reverse=True)[:2])
        if top2 / half > 0.9 or _detect(data, (enc.replace("-", "_"),)):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text, enc
    return None


def _detect(data: bytes, only: tuple[str, ...] = ()) -> str | None:
    """The detector's best encoding (ties broken by _PREFERRED), or None."""
    results = [m for m in from_bytes(data[:262144], cp_isolation=list(only) or None) if m.chaos < 0.2]
    if not results:
        return None
    best = results[0]
    # Near ties too: an obscure code page (cp775) can edge out cp1252 by a hair on French text.
    ties = [m for m in results if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.05]
    rank = lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED)  # noqa: E731
    return min(ties, key=rank).encoding


def _flawed_utf8(data: bytes, err: UnicodeDecodeError) -> tuple[str | None, str | None]:
    """UTF-8 with a flaw, rather than one legacy code page for the whole file (which turns every
    UTF-8 character into mojibake): cut inside its last character (a truncated download), or some
    lines in a legacy code page (files pasted together), each line then decoded on its own.

    >>> _flawed_utf8(b"caf\\xc3", UnicodeDecodeError("utf-8", b"caf\\xc3", 3, 4, "unexpected end of data"))
    ('caf', 'utf-8')
    """
    if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
        return data[:err.start].decode("utf-8"), "utf-8"
    lines = data.split(b"\n")
    ok = []
    for line in lines:
        try:
            line.decode("utf-8")
            ok.append(True)
        except UnicodeDecodeError:
            ok.append(False)
    if not any(good and not line.isascii() for good, line in zip(ok, lines)):
        return None, None  # no line shows UTF-8 beyond ASCII: a legacy code page throughout
    # Each run of non-UTF-8 lines (ASCII lines between them do not break a run) gets its own
    # code page: two pasted legacy parts (cp1252, then cp1251) each decode right.
    runs: list[list[int]] = []
    for i, (good, line) in enumerate(zip(ok, lines)):
        if not good:
            if runs and all(lines[j].isascii() for j in range(runs[-1][-1] + 1, i)):
                runs[-1].append(i)
            else:
                runs.append([i])
    out = [line.decode("utf-8") if good else None for good, line in zip(ok, lines)]
    found = []
    for run in runs:
        legacy = _detect(b"\n".join(lines[i] for i in run))
        if legacy is None:
            return None, None
        found.append(legacy)
        for i in run:
            out[i] = lines[i].decode(legacy, errors="replace")
    return "\n".join(out), "+".join(["utf-8", *dict.fromkeys(found)])


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Bytes -> (text with '\\n' line ends, encoding name). Raises Undecodable(reason)."""
    if not data.strip():
        raise Undecodable("empty: the file holds no text" if not data else "empty: whitespace only")
    text = enc = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, enc = data[len(bom):].decode(name), name
            except UnicodeDecodeError:
                raise Undecodable(f"undecodable: starts with a {name} byte-order mark but is not {name}") from None
            break
    sample = data[:65536]
    controls = sum(1 for b in sample if b in _CONTROL) / len(sample)
    if text is None and (b"\x00" in sample or controls > 0.05):
        found = _utf16_without_bom(data)
        if found:
            text, enc = found
        elif data.count(0) > max(8, len(data) / 100):
            raise Undecodable("binary: NUL bytes, not text")
        else:
            data = data.replace(b"\x00", b"")  # a few stray NULs in a text file: dropped
    if text is None and controls > 0.05:
        raise Undecodable("binary: control bytes, not text")
    if text is None:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as err:
            text, enc = _flawed_utf8(data, err)
        if text is None:
            enc = _detect(data)
            if enc is None:
                raise Undecodable("undecodable: no text encoding fits the bytes") from None
            try:
                text = data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                text = data.decode(enc, errors="replace")
    if _looks_binary(text):
        raise Undecodable("binary: control characters or invalid bytes, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Undecodable("empty: whitespace only")
    return text, enc


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
