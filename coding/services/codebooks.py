"""Codebooks and their numbered versions (a snapshot of every live code at each change)."""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coding.models import Code, Codebook, CodebookVersion
from coding.services.common import full_clean

CODE_FIELDS = (
    "key",
    "translations",
    "colour",
    "is_codable",
    "is_exclusive_group",
)


def codebook_snapshot(*, codebook: Codebook) -> dict:
    """Every live code of a codebook with its fields, in tree order (parents before children)."""
    codes = list(
        Code.objects.filter(codebook=codebook, is_archived=False).order_by("position", "id")
    )
    by_id = {c.id: c for c in codes}
    rows = []
    for code in codes:
        parent = by_id.get(code.parent_id)
        rows.append(
            {
                "guid": str(code.guid),
                "parent": str(parent.guid) if parent else None,
                "position": code.position,
                **{f: getattr(code, f) for f in CODE_FIELDS},
            }
        )
    return {
        "name": codebook.name,
        "slug": codebook.slug,
        "description": codebook.description,
        "codes": rows,
    }


def codebook_version_record(*, codebook: Codebook, user, summary: str) -> CodebookVersion:
    # NOTE: lock the codebook row so that two concurrent changes get distinct version numbers.
    Codebook.objects.select_for_update().filter(pk=codebook.pk).first()
    last = codebook.versions.aggregate(n=Max("number"))["n"] or 0
    return CodebookVersion.objects.create(
        codebook=codebook,
        number=last + 1,
        summary=summary[:300],
        snapshot=codebook_snapshot(codebook=codebook),
        created_by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def codebook_create(*, name: str, description: str = "", user=None, slug: str = "") -> Codebook:
    base = slugify(slug or name)[:90] or "codebook"
    candidate, n = base, 1
    # NOTE: "new" and "import" are page names under /coding/codebooks/.
    while candidate in {"new", "import"} or Codebook.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    codebook = Codebook(name=name.strip(), slug=candidate, description=description)
    full_clean(codebook)
    codebook.save()
    codebook_version_record(codebook=codebook, user=user, summary=_("Codebook created"))
    return codebook
