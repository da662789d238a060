"""SpillingZipFile: the same bytes as zipfile.ZipFile, in memory that does not grow per member."""

import io
import tracemalloc
import zipfile

import pytest

from core.archives import SpillingZipFile

WHEN = (2026, 1, 2, 3, 4, 6)


def members(count: int):
    for i in range(count):
        info = zipfile.ZipInfo(f"sources/{i:08d}-é.txt", date_time=WHEN)
        info.compress_type = zipfile.ZIP_DEFLATED
        yield info, f"story {i} ".encode() * (1 + i % 7)


def archive_bytes(cls, count: int, **kwargs) -> bytes:
    buffer = io.BytesIO()
    with cls(buffer, "w", compression=zipfile.ZIP_DEFLATED, **kwargs) as archive:
        for info, data in members(count):
            archive.writestr(info, data)
        with archive.open(zipfile.ZipInfo("project.qde", date_time=WHEN), "w") as entry:
            entry.write(b"<Project/>")
    return buffer.getvalue()


@pytest.mark.parametrize("spill_every", [1, 3, 1000])
def test_the_archive_is_byte_for_byte_the_one_zipfile_writes(spill_every):
    expected = archive_bytes(zipfile.ZipFile, 25)
    assert archive_bytes(SpillingZipFile, 25, spill_every=spill_every) == expected
    with zipfile.ZipFile(io.BytesIO(expected)) as archive:
        assert archive.testzip() is None
        assert len(archive.namelist()) == 26
        assert archive.read("sources/00000003-é.txt") == b"story 3 " * 4


def test_the_member_count_needs_zip64_past_65535():
    data = archive_bytes(SpillingZipFile, 70_000, spill_every=4096)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == 70_001 and names[69_999] == "sources/00069999-é.txt"
        assert archive.read("project.qde") == b"<Project/>"


def test_only_a_new_archive_is_written():
    with pytest.raises(ValueError, match="only writes"):
        SpillingZipFile(io.BytesIO(), "a")


def peak_while_writing(cls, count: int, **kwargs) -> int:
    class Sink(io.RawIOBase):
        """Counts the bytes: the archive itself must not be what the memory holds."""

        position = 0

        def writable(self):
            return True

        def write(self, data):
            self.position += len(data)
            return len(data)

        def tell(self):
            return self.position

        def seekable(self):
            return False

    tracemalloc.start()
    try:
        with cls(Sink(), "w", compression=zipfile.ZIP_DEFLATED, **kwargs) as archive:
            for info, data in members(count):
                archive.writestr(info, data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_member_count():
    small, large = (
        peak_while_writing(SpillingZipFile, n, spill_every=1000) for n in (2_000, 20_000)
    )
    assert large < small * 1.5, (small, large)
    # The reason it exists: zipfile.ZipFile's own records grow with every member.
    plain = peak_while_writing(zipfile.ZipFile, 20_000)
    assert plain > large * 3, (plain, large)
