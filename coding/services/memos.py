"""Memos about a story, a code or the whole project."""

from django.db import transaction
from django.utils.translation import gettext as _

from coding.models import Code, Memo
from coding.services.common import full_clean
from core.exceptions import ApplicationError


@transaction.atomic
def memo_create(*, author, title: str, body: str, code: Code | None = None, testimony=None) -> Memo:
    if code is not None and testimony is not None:
        raise ApplicationError(_("A memo is about a story, a code or the project, not several."))
    kind = Memo.Kind.CODE if code else Memo.Kind.STORY if testimony else Memo.Kind.PROJECT
    memo = Memo(
        kind=kind, code=code, testimony=testimony, author=author, title=title.strip(), body=body
    )
    full_clean(memo, exclude=["code", "testimony", "author"])
    memo.save()
    return memo


@transaction.atomic
def memo_update(*, memo: Memo, user, title: str, body: str) -> Memo:
    if memo.author_id != user.id:
        raise ApplicationError(_("Only the memo's author can change it."))
    memo.title = title.strip()
    memo.body = body
    full_clean(memo, exclude=["code", "testimony", "author"])
    memo.save(update_fields=["title", "body", "updated_at"])
    return memo


@transaction.atomic
def memo_delete(*, memo: Memo, user) -> None:
    if memo.author_id != user.id:
        raise ApplicationError(_("Only the memo's author can delete it."))
    memo.delete()
