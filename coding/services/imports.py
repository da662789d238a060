"""Writes of a REFI-QDA project import (analysis.qdpx_import orchestrates, in one transaction):
codes merged into a codebook, external coders, codings and memos in bulk.

The inputs are plain values (the analysis app reads the archive); nothing here reads a file.
"""

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from coding.models import Code, CodeApplication, Codebook, Memo
from coding.services.codebooks import codebook_version_record
from coding.services.codes import code_create

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
EXTERNAL_DOMAIN = "external-coder.invalid"


@dataclass(frozen=True)
class ImportedCodeSpec:
    guid: str
    name: str
    parent_guid: str | None
    is_codable: bool
    colour: str | None
    description: str


def _free_guid(guid: str) -> uuid.UUID:
    try:
        wanted = uuid.UUID(guid)
    except ValueError:
        return uuid.uuid4()
    return uuid.uuid4() if Code.objects.filter(guid=wanted).exists() else wanted


@transaction.atomic
def qda_codes_merge(
    *, codebook: Codebook, user, codes: Iterable[ImportedCodeSpec], matches: dict[str, int | None]
) -> tuple[dict[str, int], int]:
    """Each imported code's Entendu code id: ``matches[guid]`` when it names a code of the
    codebook, else a new code (its GUID kept when free) under its imported parent. Returns the
    map and how many codes were created; one codebook version records the whole import."""
    existing = {c.id for c in Code.objects.filter(codebook=codebook, is_archived=False)}
    result: dict[str, int] = {}
    created = 0
    for spec in codes:  # parents come before their children
        matched = matches.get(spec.guid)
        if matched is not None:
            if matched not in existing:
                raise ValueError("a code matched outside the codebook")
            result[spec.guid] = matched
            continue
        parent_id = result.get(spec.parent_guid) if spec.parent_guid else None
        text = {"label": spec.name[:200] or _("Imported code")}
        if spec.description:
            text["description"] = spec.description[:2_000]
        code = code_create(
            codebook=codebook,
            user=user,
            translations={"en": text},
            parent=Code.objects.get(pk=parent_id) if parent_id else None,
            record_version=False,
            colour=spec.colour if spec.colour and HEX.match(spec.colour) else "#1f5f8b",
            is_codable=spec.is_codable,
        )
        code.guid = _free_guid(spec.guid)
        code.save(update_fields=["guid"])
        result[spec.guid] = code.id
        created += 1
    if created:
        codebook_version_record(
            codebook=codebook,
            user=user,
            summary=_("Imported %(count)s codes from a QDA project") % {"count": created},
        )
    return result, created


def external_coder(*, guid: str, name: str):
    """The account standing for a coder of another tool: never able to sign in, named as the
    project named them. The same GUID always gives the same account."""
    user_model = get_user_model()
    email = f"qda-{uuid.uuid5(uuid.NAMESPACE_URL, guid).hex[:20]}@{EXTERNAL_DOMAIN}"
    user = user_model.objects.filter(email=email).first()
    if user is None:
        user = user_model(email=email, display_name=(name or _("External coder"))[:150])
        user.is_active = False
        user.set_unusable_password()
        user.save()
    return user


@transaction.atomic
def qda_applications_write(*, rows: Iterable[dict]) -> int:
    """Human applications in bulk: ``testimony_id``, ``code_id``, ``coder_id``, ``start``,
    ``end`` (None for the whole story). The same coding twice is written once."""
    seen = set()
    objects = []
    for row in rows:
        key = (row["testimony_id"], row["code_id"], row["coder_id"], row["start"], row["end"])
        if key in seen:
            continue
        seen.add(key)
        objects.append(
            CodeApplication(
                source=CodeApplication.Source.HUMAN,
                status=CodeApplication.Status.ACCEPTED,
                **row,
            )
        )
    CodeApplication.objects.bulk_create(objects, batch_size=1000)
    return len(objects)


@transaction.atomic
def qda_memos_write(*, memos: Iterable[dict]) -> int:
    """Memos in bulk: ``kind``, ``title``, ``body``, ``author_id`` and ``code_id`` or
    ``testimony_id`` as the kind needs."""
    # A project or code memo imported before (same target, title and text) is not doubled.
    shared = Memo.objects.filter(kind__in=[Memo.Kind.PROJECT, Memo.Kind.CODE])
    known = set(shared.values_list("kind", "code_id", "title", "body"))
    objects = []
    for memo in memos:
        memo = {**memo, "title": memo["title"][:200] or _("Memo"), "body": memo["body"][:20_000]}
        key = (memo["kind"], memo.get("code_id"), memo["title"], memo["body"])
        if memo["kind"] != Memo.Kind.STORY and key in known:
            continue
        known.add(key)
        objects.append(Memo(**memo))
    Memo.objects.bulk_create(objects, batch_size=1000)
    return len(objects)
