"""The spill: a run's documents on disk, not in memory, from the moment they are read until
their rows are written.

A run makes a temporary folder (``.spill-XXXXXXXX``; the CLI puts it in the dataset's folder,
beside the temporary version folder, so on the same filesystem as the output). Every process
that reads or cleans documents appends each one, pickled, to its own file there
(:class:`Appender`; the file is named after the stage and the process id) and hands back only
where it went: a :class:`Ref` (file, offset, length). The main process keeps an
:class:`Entry` per document (its source, id, status, where it is) beside what dedup needs,
and reads a document back by its Ref (:meth:`Spill.load`) when it writes its row.

The folder is never part of a version and is removed when the run ends, however it ends (the
context manager). One left behind by a killed run is removed by the next run that makes a
spill in the same place: a live spill holds an exclusive lock on its ``lock`` file, a dead
one does not.

>>> from cleaner.document import Document
>>> with Spill() as spill:
...     with Appender(spill.folder, "demo") as out:
...         ref = out.add(Document("a.txt", "", id="1", text="Hello."))
...     doc = spill.read(ref)
>>> doc.text, spill.folder.exists()
('Hello.', False)
"""
from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .document import Document
from .errors import CleanerError

PREFIX = ".spill-"
LOCK = "lock"


class SpillError(CleanerError):
    """The run's documents could not be written to (or read back from) its temporary folder."""


def _fail(folder, e: OSError) -> SpillError:
    return SpillError(f"could not keep the run's documents in the temporary folder {folder}: "
                      f"{e.strerror or e}; nothing was written and earlier versions are untouched")


class Ref(NamedTuple):
    """Where one pickled document is: a file of the spill folder, offset and length in bytes."""

    file: str
    offset: int
    length: int


@dataclass(slots=True)
class Entry:
    """What the main process keeps of a document while its whole self is in the spill: enough
    for dedup's outcome, the manifest and the order of the rows (the same attribute names as
    :class:`~cleaner.document.Document`, which the writer reads either from)."""

    source: str
    id: str
    status: str
    reason: str | None
    words_in: int  # words (\\w+) of the repaired text
    where: Ref
    duplicate_of: str | None = None
    similarity: float | None = None


class Appender:
    """Appends pickled documents to this process's file of one stage (``STAGE-PID.pkl``) of a
    spill folder; opened for a batch of documents and closed after it, so what it wrote is on
    disk (in the page cache) before the batch's Refs are handed back."""

    def __init__(self, folder: str | Path, stage: str):
        self.folder, self.name = folder, f"{stage}-{os.getpid()}.pkl"
        try:
            self._fh = open(os.path.join(folder, self.name), "ab")
            self._fh.seek(0, os.SEEK_END)
        except OSError as e:
            raise _fail(folder, e) from None

    def add(self, doc: Document) -> Ref:
        data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            offset = self._fh.tell()
            self._fh.write(data)
        except OSError as e:
            raise _fail(self.folder, e) from None
        return Ref(self.name, offset, len(data))

    def close(self) -> None:
        try:
            self._fh.close()
        except OSError as e:
            raise _fail(self.folder, e) from None

    def __enter__(self) -> "Appender":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Reader:
    """Reads pickled documents back from a spill folder by their Refs (files opened once)."""

    def __init__(self, folder: str | Path):
        self.folder = folder
        self._fds: dict[str, int] = {}

    def read(self, ref: Ref) -> Document:
        try:
            fd = self._fds.get(ref.file)
            if fd is None:
                fd = self._fds[ref.file] = os.open(os.path.join(self.folder, ref.file), os.O_RDONLY)
            data = os.pread(fd, ref.length, ref.offset)
        except OSError as e:
            raise _fail(self.folder, e) from None
        if len(data) != ref.length:
            raise SpillError(f"the run's temporary file {ref.file} in {self.folder} is shorter than expected")
        return pickle.loads(data)

    def close(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds = {}

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Spill:
    """A run's spill folder under ``parent`` (default: the system's temporary folder), removed
    by :meth:`close` (or at the end of a ``with`` block)."""

    def __init__(self, parent: str | Path | None = None):
        parent = Path(parent) if parent is not None else Path(tempfile.gettempdir())
        # the folders made here for it, removed again at the end if nothing else was put there
        self._made = [p for p in (parent, *parent.parents) if not p.exists()]
        try:
            parent.mkdir(parents=True, exist_ok=True)
            remove_stale(parent)
            # made under another name, locked, then renamed: no other run ever sees it unlocked
            new = Path(tempfile.mkdtemp(prefix=".new" + PREFIX, dir=parent))
        except OSError as e:
            raise _fail(parent, e) from None
        self._lock = None
        try:
            self._lock = open(new / LOCK, "w")
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.folder = parent / (PREFIX + new.name[len(".new" + PREFIX):])
            os.rename(new, self.folder)
        except OSError as e:
            if self._lock is not None:
                self._lock.close()
            shutil.rmtree(new, ignore_errors=True)
            raise _fail(parent, e) from None
        self._reader = Reader(self.folder)

    def read(self, ref: Ref) -> Document:
        """The document stored at ``ref``, as it was written."""
        return self._reader.read(ref)

    def load(self, entry: Entry) -> Document:
        """The whole document of an entry, with the entry's status, reason and duplicate link
        (dedup decides those after the document was written)."""
        doc = self.read(entry.where)
        doc.status, doc.reason = entry.status, entry.reason
        doc.duplicate_of, doc.similarity = entry.duplicate_of, entry.similarity
        return doc

    def close(self) -> None:
        """Remove the folder and everything in it; safe to call twice."""
        if self._lock is None:
            return
        self._reader.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        self._lock.close()
        self._lock = None
        for made in self._made:
            try:
                made.rmdir()
            except OSError:  # not empty: a version (or anything else) is there now
                break

    def __enter__(self) -> "Spill":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def remove_stale(parent: Path) -> None:
    """Remove spill folders under ``parent`` that no live run holds (left by a killed run)."""
    for folder in parent.glob(PREFIX + "*"):
        try:
            with open(folder / LOCK) as fh:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
        except (BlockingIOError, FileNotFoundError, NotADirectoryError):
            continue
