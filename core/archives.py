"""A zip archive of any number of members in bounded memory.

When to use it: writing a zip whose member count grows with the data (a ``.qdpx`` holds one
``sources/<guid>.txt`` per story). ``zipfile.ZipFile`` keeps a ``ZipInfo`` per member until it
writes the central directory at ``close()``: about 550 bytes each, so half a gigabyte for a
million stories. ``SpillingZipFile`` moves them to a temporary file every ``spill_every``
members and reads them back, batch by batch, when the central directory is written. The
archive is byte for byte the one ``zipfile.ZipFile`` writes (``tests/core/test_archives.py``).

    with SpillingZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)

Write mode only ("w" or "x"); ``namelist()``/``infolist()`` list only the members not yet moved.
"""

import pickle  # noqa: S403 - our own temporary file, written and read by this process only
import tempfile
import zipfile
from collections.abc import Iterator


class _Members:
    """The members moved to the temporary file, then those still in memory: what
    ``ZipFile._write_end_record`` iterates (and counts) to write the central directory."""

    def __init__(self, spill, spilled: int, tail: list[zipfile.ZipInfo]) -> None:
        self._spill, self._spilled, self._tail = spill, spilled, tail

    def __len__(self) -> int:
        return self._spilled + len(self._tail)

    def __iter__(self) -> Iterator[zipfile.ZipInfo]:
        self._spill.seek(0)
        while True:
            try:
                batch = pickle.load(self._spill)  # noqa: S301 - written above by _spill_members
            except EOFError:
                break
            yield from batch
        yield from self._tail


class SpillingZipFile(zipfile.ZipFile):
    """``zipfile.ZipFile`` for writing, whose finished members' records wait on disk."""

    _spill = None
    spill_every = 1024  # members kept in memory before their records go to the temporary file

    def __init__(self, file, mode: str = "w", *args, spill_every: int | None = None, **kwargs):
        if mode not in ("w", "x"):
            raise ValueError("SpillingZipFile only writes a new archive (mode 'w' or 'x')")
        super().__init__(file, mode, *args, **kwargs)
        if spill_every is not None:
            self.spill_every = spill_every
        self._spill = None
        self._spilled = 0

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        # Every write (writestr, write, open(..., "w")) starts here, once the previous member
        # is complete and listed: the moment to move the finished ones out of memory.
        if mode == "w" and len(self.filelist) >= self.spill_every:
            self._spill_members()
        return super().open(name, mode, pwd, force_zip64=force_zip64)

    def _spill_members(self) -> None:
        if self._spill is None:
            self._spill = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        pickle.dump(self.filelist, self._spill, protocol=pickle.HIGHEST_PROTOCOL)
        self._spilled += len(self.filelist)
        for info in self.filelist:
            self.NameToInfo.pop(info.filename, None)
        self.filelist = []

    def _write_end_record(self) -> None:
        if self._spill is None:
            super()._write_end_record()
            return
        tail = self.filelist
        self.filelist = _Members(self._spill, self._spilled, tail)
        try:
            super()._write_end_record()
        finally:
            self.filelist = tail

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._spill is not None:
                self._spill.close()
                self._spill = None
