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


class Undecodable(Exception):
    """Raised by decode_bytes with a specific skip reason as its message."""


def _printable(rel: str) -> str:
    # File names that are not valid UTF-8 arrive with surrogate escapes; keep them readable.
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


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
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        dirnames.sort()
        for d in list(dirnames):
            if os.path.islink(os.path.join(dirpath, d)):
                dirnames.remove(d)
                rel = os.path.relpath(os.path.join(dirpath, d), root)
                found.append(InputFile(_printable(rel).replace(os.sep, "/"), Path(dirpath, d), "symlink-not-followed"))
        for name in filenames:
            if not name.lower().endswith(SUFFIXES):
                continue
            path = Path(dirpath, name)
            rel = _printable(os.path.relpath(path, root)).replace(os.sep, "/")
            skip = None
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(real_root):
                    skip = "symlink-outside-input"
                elif not follow_symlinks:
                    skip = "symlink-not-followed"
                elif not target.is_file():
                    skip = "broken-symlink"
            found.append(InputFile(rel, path, skip))
    found.sort(key=lambda f: f.source)
    if not found:
        raise InputError(f"input {root} holds no .txt or .txt.gz files")
    return found


def read_bytes(f: InputFile, max_bytes: int) -> bytes:
    """The file's content (decompressed for .gz); raises Undecodable with a reason."""
    try:
        size = f.path.stat().st_size
        if size > max_bytes:
            raise Undecodable(f"too-large: {size} bytes > max_file_bytes {max_bytes}")
        with open(f.path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise Undecodable("vanished: the file disappeared during the run") from None
    except PermissionError:
        raise Undecodable("unreadable: permission denied") from None
    except IsADirectoryError:
        raise Undecodable("not-a-file") from None
    except OSError as e:
        raise Undecodable(f"unreadable: {e.strerror or e}") from None
    if f.path.name.lower().endswith(".gz"):
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


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text[:65536] if ord(ch) in _CONTROL or ch == "\ufffd")
    return bad / min(len(text), 65536) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte of ASCII-range characters."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros > 0.4:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Bytes -> (text with '\\n' line ends, encoding name). Raises Undecodable(reason)."""
    if not data.strip():
        raise Undecodable("empty: the file holds no text" if not data else "empty: whitespace only")
    text = enc = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, enc = data.decode(name), name
            except UnicodeDecodeError:
                raise Undecodable(f"undecodable: starts with a {name} byte-order mark but is not {name}") from None
            break
    if text is None and b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        enc = "utf-16" if text is not None else None
    if text is None:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            best = from_bytes(data[:262144]).best()
            if best is None or best.encoding is None:
                raise Undecodable("undecodable: no text encoding fits the bytes") from None
            enc = best.encoding
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
