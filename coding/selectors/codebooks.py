"""Coding reads about codebooks and codes, and who may code or manage codebooks."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from accounts.roles import RESEARCH_TEAM, Role, user_has_role
from coding.models import Code, CodeApplication, Codebook, CodebookVersion

HUMAN = CodeApplication.Source.HUMAN
MACHINE = CodeApplication.Source.MACHINE
SUGGESTED = CodeApplication.Status.SUGGESTED


def can_code(user) -> bool:
    return user_has_role(user, *RESEARCH_TEAM)


def can_manage_codebook(user) -> bool:
    """Admins, and researchers granted ``coding.manage_codebook`` (directly or by group)."""
    if not can_code(user):
        return False
    return user_has_role(user, Role.ADMIN) or user.has_perm("coding.manage_codebook")


# Codebooks ------------------------------------------------------------------------------------


def codebooks_for_user(*, user) -> QuerySet[Codebook]:
    if not can_code(user):
        return Codebook.objects.none()
    return Codebook.objects.annotate(
        code_count=Count("codes", filter=Q(codes__is_archived=False))
    ).order_by("-is_default", "name")


def codebook_default_for_user(*, user) -> Codebook | None:
    return codebooks_for_user(user=user).first()


def codes_for_user(*, user) -> QuerySet[Code]:
    if not can_code(user):
        return Code.objects.none()
    return Code.objects.select_related("codebook", "parent").order_by(
        "codebook_id", "position", "id"
    )


@dataclass
class CodeNode:
    code: Code
    depth: int
    children: list = field(default_factory=list)
    number: int | None = None  # the keyboard shortcut 1-9 on the coding screen


def codebook_tree(*, codebook: Codebook, with_counts: bool = False) -> list[CodeNode]:
    """The live codes of a codebook in tree order (depth-first), in one query."""
    qs = Code.objects.filter(codebook=codebook, is_archived=False).order_by("position", "id")
    if with_counts:
        qs = qs.annotate(
            human_count=Count("applications", filter=Q(applications__source=HUMAN)),
            pending_count=Count(
                "applications",
                filter=Q(applications__source=MACHINE, applications__status=SUGGESTED),
            ),
        )
    codes = list(qs)
    children = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)
    flat: list[CodeNode] = []
    shortcut = 0

    def walk(parent_id, depth):
        nonlocal shortcut
        for code in children.get(parent_id, []):
            node = CodeNode(code=code, depth=depth)
            if code.is_codable and shortcut < 9:
                shortcut += 1
                node.number = shortcut
            flat.append(node)
            walk(code.id, depth + 1)

    walk(None, 0)
    return flat


def codebook_versions(*, codebook: Codebook) -> QuerySet[CodebookVersion]:
    return codebook.versions.select_related("created_by").defer("snapshot").order_by("-number")


# The default codebook --------------------------------------------------------------------------


def codebook_default(*, or_first: bool = False) -> Codebook | None:
    """The default codebook: the one whose top level holds the six action themes.

    ``or_first``: when no codebook is marked default, the first one (analysis still counts).
    """
    codebook = Codebook.objects.filter(is_default=True).first()
    if codebook is None and or_first:
        codebook = Codebook.objects.first()
    return codebook


def theme_codes() -> QuerySet[Code]:
    """The six action themes: the top-level codes of the default codebook, in their order
    (what commitments name; registered with ``events.hooks.theme_source_hooks``)."""
    return Code.objects.filter(codebook__is_default=True, parent__isnull=True).order_by(
        "position", "id"
    )


def default_codes() -> dict[str, Code]:
    """Codable codes of the default codebook, by key (what the NLP suggestions point to)."""
    return {
        code.key: code
        for code in Code.objects.filter(codebook__is_default=True, is_codable=True).only(
            "id", "key", "codebook_id", "is_codable", "translations"
        )
    }


def code_choices(*, codebook: Codebook | None) -> list[tuple[str, str]]:
    """(id, label) of a codebook's live codes in tree order, indented by depth with dashes."""
    if codebook is None:
        return []
    codes = list(
        Code.objects.filter(codebook=codebook, is_archived=False)
        .order_by("position", "id")
        .only("id", "parent_id", "translations")
    )
    children: dict = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    choices: list[tuple[str, str]] = []

    def walk(parent_id, depth):
        for code in children.get(parent_id, []):
            choices.append((str(code.id), "— " * depth + code.label))
            walk(code.id, depth + 1)

    walk(None, 0)
    return choices


def theme_counts(testimony_ids) -> dict[str, int]:
    """Stories per top-level theme of the default codebook (a researcher's code on the theme or
    on one of its sub-codes). Counts only, for facilitators' dashboards."""
    stories: dict[str, set] = {}
    for testimony_id, themes in _themes_by_story(testimony_ids, human_only=True).items():
        for theme in themes:
            stories.setdefault(theme, set()).add(testimony_id)
    return {theme: len(ids) for theme, ids in sorted(stories.items())}


def themes_by_story(testimony_ids) -> dict[int, set[str]]:
    """The theme keys each story was coded with: a person's codes and the machine's accepted
    ones, never a pending suggestion (a participant's page, issue 20; the agreement with their
    own reading). Names no coder."""
    return _themes_by_story(testimony_ids, human_only=False)


def _theme_of_code():
    """The default codebook and, for each of its codes that is not archived, the key of the
    theme it falls under (its top code, through codes that are not archived)."""
    codebook = codebook_default()
    if codebook is None:
        return None, {}
    codes = list(
        Code.objects.filter(codebook=codebook, is_archived=False).values("id", "parent_id", "key")
    )
    parents = {c["id"]: c["parent_id"] for c in codes}
    keys = {c["id"]: c["key"] for c in codes}

    def theme_of(code_id):
        while parents.get(code_id) is not None:
            code_id = parents[code_id]
        return code_id

    found = {c["id"]: keys.get(theme_of(c["id"])) for c in codes}
    return codebook, {pk: key for pk, key in found.items() if key}


def theme_code_ids() -> dict[str, list[int]]:
    """Per theme key: the ids of the codes that make a story coded with that theme, as
    ``themes_by_story`` reads it (for queries over the stories' code sets)."""
    result: dict[str, list[int]] = {}
    for pk, key in _theme_of_code()[1].items():
        result.setdefault(key, []).append(pk)
    return result


def _themes_by_story(testimony_ids, *, human_only: bool) -> dict[int, set[str]]:
    codebook, theme_of_code = _theme_of_code()
    if codebook is None:
        return {}

    applications = CodeApplication.objects.filter(
        testimony_id__in=testimony_ids, code__codebook=codebook
    )
    if human_only:
        applications = applications.filter(source=CodeApplication.Source.HUMAN)
    else:
        applications = applications.filter(status=CodeApplication.Status.ACCEPTED)
    pairs = applications.values_list("testimony_id", "code_id").distinct()
    stories: dict[int, set[str]] = {}
    for testimony_id, code_id in pairs.iterator(chunk_size=5000):
        theme = theme_of_code.get(code_id)
        if theme:
            stories.setdefault(testimony_id, set()).add(theme)
    return stories
