"""What every coding endpoint shares: who may call it and how it reads its query parameters."""

import re

from django.utils.translation import get_language
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.views import APIView

from accounts.roles import RESEARCH_TEAM
from coding import selectors
from coding.translations import language_normalise, language_valid
from core.filtering import MAX_ID
from core.permissions import roles_allowed

CODERS = roles_allowed(*RESEARCH_TEAM)
ASCII_INTEGER = re.compile(r"[+-]?[0-9]{1,20}")


class CodingApi(APIView):
    permission_classes = [CODERS]


def require_codebook_manager(request) -> None:
    """Codebook changes also need ``coding.manage_codebook`` (admins hold it by role)."""
    if not selectors.can_manage_codebook(request.user):
        raise PermissionDenied("You need the right to manage codebooks.")


def int_param(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    # NOTE: DRF's field, so the message is translated and an id past the database's integers
    # (``1e20``, twenty digits) is refused like any other bad number.
    field = serializers.IntegerField(min_value=-MAX_ID, max_value=MAX_ID)
    try:
        if not ASCII_INTEGER.fullmatch(value.strip()):
            # NOTE: int() would read "٣" and full-width digits as numbers: ASCII digits only.
            field.fail("invalid")
        return field.run_validation(value)
    except ValidationError as exc:
        raise ValidationError({name: exc.detail}) from exc


def language_param(request) -> str:
    """``?language=`` (a language tag such as ``fr`` or ``pt-BR``), default the reader's."""
    value = request.query_params.get("language")
    if value in (None, ""):
        return get_language() or "en"
    if not language_valid(value):
        raise ValidationError({"language": ["A language tag such as en, fr or pt-BR."]})
    return language_normalise(value)
