"""A REFI-QDA project reader (``.qdpx``), for an archive from anyone: treated as hostile.

- the archive: at most ``MAX_BYTES`` uploaded, ``MAX_MEMBERS`` files, ``MAX_UNPACKED`` bytes once
  unpacked (each member is read in chunks and counted, whatever its header claims: a zip bomb
  stops at the limit); a name that is absolute, holds ``..`` or a backslash refuses the archive;
  nothing is ever written to disk;
- ``project.qde``: a DOCTYPE (so any entity, internal or external) is refused before parsing;
  the parser resolves no entity and reaches no network; the document must be valid against the
  project's copy of ``Project.xsd``;
- every selection lies inside its source and every coding names a code of the codebook.

Texts follow Entendu's one line-break rule (``core.text``): a source's ``\\r\\n`` becomes ``\\n``
and its selections move with the text. Any fault raises ``QdpxError`` with a clear message.
"""

import io
import re
import zipfile

from django.utils.translation import gettext as _
from lxml import etree

from analysis.refiqda import project_schema
from analysis.refiqda_model import (  # noqa: F401 - the reader's public names
    QdpxError,
    ReadCode,
    ReadCoding,
    ReadNote,
    ReadProject,
    ReadSource,
)
from analysis.refiqda_parts import read_parts

MAX_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_XML = 100 * 1024 * 1024
CHUNK = 1 << 16
DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _safe_name(name: str) -> bool:
    parts = name.split("/")
    return not (name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0])


class _Archive:
    """The members of a checked archive, read with a budget of unpacked bytes."""

    def __init__(self, fileobj):
        try:
            self.zip = zipfile.ZipFile(fileobj)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise QdpxError(_("This file is not a .qdpx archive (not a ZIP file).")) from exc
        if len(infos) > MAX_MEMBERS:
            raise QdpxError(
                _("The archive holds more than %(limit)s files.") % {"limit": f"{MAX_MEMBERS:,}"}
            )
        for info in infos:
            if not _safe_name(info.filename):
                raise QdpxError(
                    _("The archive holds a file outside its own folders (%(name)s).")
                    % {"name": info.filename[:80]}
                )
        self.names = {info.filename for info in infos}
        self.budget = MAX_UNPACKED

    def read(self, name: str, limit: int = MAX_UNPACKED) -> bytes:
        out = io.BytesIO()
        try:
            with self.zip.open(name) as member:
                while chunk := member.read(CHUNK):
                    out.write(chunk)
                    self.budget -= len(chunk)
                    if self.budget < 0 or out.tell() > limit:
                        raise QdpxError(
                            _("The archive unpacks to more than %(limit)s MB: refused.")
                            % {"limit": MAX_UNPACKED // (1024 * 1024)}
                        )
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            zipfile.LargeZipFile,
            NotImplementedError,  # a compression method Python cannot read
            RuntimeError,  # an encrypted member
        ) as exc:
            raise QdpxError(_("The archive is damaged (%(name)s).") % {"name": name[:80]}) from exc
        return out.getvalue()

    def text(self, path: str | None, what: str) -> str | None:
        """The UTF-8 text at an ``internal://`` path (``sources/<name>``), or None."""
        if not path or not path.startswith("internal://"):
            return None
        name = "sources/" + path[len("internal://") :]
        if not _safe_name(name) or name not in self.names:
            raise QdpxError(
                _("%(what)s refers to a file the archive does not hold (%(path)s).")
                % {"what": what, "path": path[:80]}
            )
        try:
            return self.read(name).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise QdpxError(
                _("%(what)s is not UTF-8 text (%(path)s).") % {"what": what, "path": path[:80]}
            ) from exc


def parse_project_xml(xml: bytes) -> etree._Element:
    """The checked ``project.qde``: no DOCTYPE or entity, valid against ``Project.xsd``."""
    if DOCTYPE.search(xml):
        raise QdpxError(_("The project file declares a DOCTYPE or entities: refused for safety."))
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser)  # noqa: S320 - no DTD, no entities, no network
    except etree.XMLSyntaxError as exc:
        raise QdpxError(
            _("The project file is not well-formed XML: %(error)s") % {"error": str(exc)[:200]}
        ) from exc
    schema = project_schema()
    if not schema.validate(root):
        first = schema.error_log[0] if schema.error_log else None
        detail = f"line {first.line}: {first.message}" if first else ""
        raise QdpxError(
            _("The project file is not valid REFI-QDA (Project.xsd), %(detail)s")
            % {"detail": detail[:300]}
        )
    return root


def read_qdpx(fileobj, *, size: int | None = None) -> ReadProject:
    """Read and check a whole archive; raise ``QdpxError`` at the first fault."""
    if size is not None and size > MAX_BYTES:
        raise QdpxError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    archive = _Archive(fileobj)
    if "project.qde" not in archive.names:
        raise QdpxError(_("The archive has no project.qde: it is not a REFI-QDA project."))
    root = parse_project_xml(archive.read("project.qde", MAX_XML))
    return read_parts(root, archive)
