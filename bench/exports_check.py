"""A .qdpx of any size checked against Project.xsd in parts (bench/exports.py --validate).

``project.qde`` is read with ``iterparse``; its sources are validated 5,000 at a time, each part
in a copy of the project element (same attributes, a ``Sources`` of the part's sources), then
the rest of the project (users, codebook, variables, notes) once. Project.xsd declares no key
or keyref, so a part is valid exactly when its sources are: every ``TextSource`` of the project
is checked, in memory bounded by one part. Every ``plainTextPath`` must name a member of the
archive, and no two sources may share a GUID.
"""

import hashlib
import zipfile

from benchlib import load_line
from lxml import etree

NAMESPACE = "urn:QDA-XML:project:1.0"
PART = 5_000


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _valid(schema, root_attrs: dict, children: list) -> list[str]:
    root = etree.Element(_q("Project"), root_attrs, nsmap={None: NAMESPACE})
    root.extend(children)
    if schema.validate(root):
        return []
    return [str(error) for error in schema.error_log][:5]


def check_qdpx(path: str, schema_path) -> int:
    """0 when valid and complete; prints what it found either way."""
    schema = etree.XMLSchema(etree.parse(str(schema_path)))
    errors: list[str] = []
    sources = 0
    guids: set[bytes] = set()
    with zipfile.ZipFile(path) as archive:
        members = set(archive.namelist())
        with archive.open("project.qde") as xml:
            context = etree.iterparse(xml, events=("start", "end"))
            _event, root = next(context)
            attrs = dict(root.attrib)
            part = []
            for event, element in context:
                if event != "end" or element.tag != _q("TextSource"):
                    continue
                sources += 1
                guid = element.get("guid")
                digest = hashlib.blake2b(guid.encode(), digest_size=8).digest()
                if digest in guids:
                    errors.append(f"GUID twice: {guid}")
                guids.add(digest)
                name = element.get("plainTextPath", "").removeprefix("internal://")
                if f"sources/{name}" not in members:
                    errors.append(f"no sources/{name} in the archive")
                part.append(element)  # moved out of the tree: memory stays one part
                if len(part) == PART:
                    sources_element = etree.Element(_q("Sources"))
                    sources_element.extend(part)
                    errors += _valid(schema, attrs, [sources_element])
                    part = []
            if part:
                sources_element = etree.Element(_q("Sources"))
                sources_element.extend(part)
                errors += _valid(schema, attrs, [sources_element])
            # The rest of the project, its (now empty) Sources left out: <Sources/> is invalid.
            rest = [child for child in root if child.tag != _q("Sources")]
            errors += _valid(schema, attrs, rest)
    print(f"  {sources:,} sources, {len(members):,} archive members, {len(errors)} problem(s)")
    for error in errors[:10]:
        print(f"    {error}")
    print(f"  ({load_line()})")
    return 1 if errors or not sources else 0
