"""Issue 21, point 6: a hostile .qdpx is refused with a clear message and nothing is saved."""

import io
import zipfile

import pytest

from analysis import refiqda, refiqda_read
from analysis.refiqda_read import QdpxError, read_qdpx

CODE = refiqda.QdaCode(refiqda.stable_guid("h", "code"), "Code")
USER = refiqda.QdaUser(refiqda.stable_guid("h", "user"), "Coder")


def _project(codings=None, text="Hello world") -> bytes:
    source = refiqda.QdaSource(
        refiqda.stable_guid("h", "source"),
        "Source",
        text,
        codings=codings if codings is not None else [refiqda.QdaCoding(CODE.guid, 0, 5, USER.guid)],
    )
    buffer = io.BytesIO()
    refiqda.write_qdpx(
        buffer, name="H", users=[USER], codes=[CODE], variables=[], sources=[source], notes=[]
    )
    return buffer.getvalue()


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _members(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _refused(data: bytes, words: str):
    with pytest.raises(QdpxError) as caught:
        read_qdpx(io.BytesIO(data))
    assert words in caught.value.message


def test_a_good_project_is_read():
    project = read_qdpx(io.BytesIO(_project()))
    assert project.sources[0].codings[0].start == 0 and project.users == {USER.guid: "Coder"}


def test_not_a_zip_file():
    _refused(b"PK not really", "not a .qdpx archive")


def test_too_large_a_file():
    with pytest.raises(QdpxError, match="larger than"):
        read_qdpx(io.BytesIO(b""), size=refiqda_read.MAX_BYTES + 1)


def test_a_zip_bomb_stops_at_the_limit(monkeypatch):
    monkeypatch.setattr(refiqda_read, "MAX_UNPACKED", 1024 * 1024)
    members = _members(_project())
    members["sources/bomb.txt"] = b"0" * (2 * 1024 * 1024)  # 2 MB of zeros: a few KB packed
    members["project.qde"] = (
        members["project.qde"].replace(b"internal://", b"internal://../x")
        if False
        else members["project.qde"]
    )
    data = _zip({"sources/bomb.txt": members.pop("sources/bomb.txt"), **members})
    archive = refiqda_read._Archive(io.BytesIO(data))
    with pytest.raises(QdpxError, match="unpacks to more than"):
        archive.read("sources/bomb.txt")


def test_too_many_files(monkeypatch):
    monkeypatch.setattr(refiqda_read, "MAX_MEMBERS", 3)
    members = _members(_project())
    members.update({f"sources/extra{i}.txt": b"x" for i in range(3)})
    _refused(_zip(members), "more than 3 files")


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "sources/..\\x.txt"])
def test_path_traversal_names_are_refused(name):
    members = _members(_project())
    members[name] = b"x"
    _refused(_zip(members), "outside its own folders")


def test_a_source_path_outside_the_archive_is_refused():
    members = _members(_project())
    members["project.qde"] = members["project.qde"].replace(
        b'plainTextPath="internal://', b'plainTextPath="internal://../'
    )
    _refused(_zip(members), "does not hold")


def test_xxe_is_refused_before_parsing():
    members = _members(_project())
    xml = members["project.qde"].decode()
    xml = xml.replace(
        "?>",
        '?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        1,
    ).replace('name="Source"', 'name="&xxe;"')
    members["project.qde"] = xml.encode()
    _refused(_zip(members), "DOCTYPE")


def test_an_invalid_project_is_refused_by_the_schema():
    members = _members(_project())
    members["project.qde"] = members["project.qde"].replace(
        b'isCodable="true"', b'isCodable="maybe"'
    )
    _refused(_zip(members), "Project.xsd")


def test_a_selection_past_the_end_of_its_source():
    members = _members(_project())
    members["project.qde"] = members["project.qde"].replace(
        b'endPosition="5"', b'endPosition="500"'
    )
    _refused(_zip(members), "lies outside its text")


def test_a_coding_for_an_unknown_code():
    members = _members(_project())
    members["project.qde"] = members["project.qde"].replace(
        f'CodeRef targetGUID="{CODE.guid}"'.encode(),
        b'CodeRef targetGUID="00000000-0000-0000-0000-000000000000"',
    )
    _refused(_zip(members), "code the codebook does not hold")


def test_no_project_file():
    _refused(_zip({"sources/a.txt": b"x"}), "no project.qde")


def test_an_encrypted_member_is_refused_with_a_message():
    members = _members(_project())
    data = bytearray(_zip(members))
    # Set the "encrypted" flag on every member (local headers and central directory).
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + offset] |= 0x01
            start = data.find(signature, start + 4)
    _refused(bytes(data), "damaged")
