"""What a ``.qdpx`` import would do, before it does it: codes matched (by GUID, else by name),
changed, new and unmatched; coders mapped to accounts or kept as external coders; counts."""

import uuid
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from accounts.roles import RESEARCH_TEAM
from analysis.refiqda import stable_guid
from analysis.refiqda_read import ReadCode, ReadProject
from coding.models import Code


@dataclass
class CodeRow:
    guid: str
    name: str
    status: str  # "matched", "changed" or "new"
    match_id: int | None
    match_label: str = ""


@dataclass
class Preview:
    sources: int
    codings: int
    notes: int
    codes: list[CodeRow]
    unmatched: list[str]  # the codebook's codes nothing in the project maps to
    coders: dict[str, int | None]  # user guid -> account id (None: external coder)
    coder_names: dict[str, str]
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def code_matches(self) -> dict[str, int | None]:
        return {row.guid: row.match_id for row in self.codes}

    def count(self, status: str) -> int:
        return sum(1 for row in self.codes if row.status == status)


def entendu_root(project: ReadProject) -> ReadCode | None:
    """Entendu writes its codebook under one top code that is not codable (the codebook's
    name): read back, its children are the top level again."""
    top = [c for c in project.codes if c.parent_guid is None]
    if len(top) == 1 and not top[0].is_codable and project.origin.startswith("Entendu"):
        return top[0]
    return None


def project_codes(project: ReadProject) -> list[ReadCode]:
    """The codes to import, parents first, without Entendu's root."""
    root = entendu_root(project)
    if root is None:
        return project.codes
    return [
        ReadCode(
            c.guid,
            c.name,
            None if c.parent_guid == root.guid else c.parent_guid,
            c.is_codable,
            c.colour,
            c.description,
        )
        for c in project.codes
        if c is not root
    ]


def _match(code: ReadCode, by_guid: dict, by_name: dict) -> CodeRow:
    try:
        found = by_guid.get(uuid.UUID(code.guid))
    except ValueError:
        found = None
    found = found or by_name.get(code.name.strip().casefold())
    if found is None:
        return CodeRow(code.guid, code.name, "new", None)
    label = found.text("label", "en").text
    same = label == code.name and (
        not code.description or code.description == found.text("description", "en").text
    )
    return CodeRow(code.guid, code.name, "matched" if same else "changed", found.id, label)


def default_coders(project: ReadProject) -> dict[str, int | None]:
    """An Entendu export's coders come back as themselves (their GUID derives from the account);
    others match a research-team account by display name or e-mail address."""
    accounts = list(
        get_user_model().objects.filter(is_active=True, groups__name__in=RESEARCH_TEAM).distinct()
    )
    by_guid = {stable_guid("user", u.id): u.id for u in accounts}
    by_name = {}
    for user in accounts:
        for name in (user.display_name, user.email):
            if name:
                by_name.setdefault(name.strip().casefold(), user.id)
    return {
        guid: by_guid.get(guid) or by_name.get(name.strip().casefold())
        for guid, name in project.users.items()
    }


def preview(project: ReadProject, codebook) -> Preview:
    codes = list(Code.objects.filter(codebook=codebook, is_archived=False))
    by_guid = {c.guid: c for c in codes}
    by_name = {}
    for code in codes:
        by_name.setdefault(code.text("label", "en").text.strip().casefold(), code)
    rows = [_match(c, by_guid, by_name) for c in project_codes(project)]
    matched = {row.match_id for row in rows}
    return Preview(
        sources=len(project.sources),
        codings=project.coding_count,
        notes=len(project.notes),
        codes=rows,
        unmatched=[c.text("label", "en").text for c in codes if c.id not in matched],
        coders=default_coders(project),
        coder_names=dict(project.users),
        skipped=dict(project.skipped),
    )
