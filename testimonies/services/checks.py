"""Text checks and value lists shared by the testimonies services."""

import hashlib
import re

from django.utils.translation import gettext as _

from testimonies.models import AgeBand, Gender, Scope, YesNo

CHARACTERISTIC_CHOICES = {
    Scope.GENDER.value: Gender,
    Scope.AGE_BAND.value: AgeBand,
    Scope.ETHNIC_MINORITY.value: YesNo,
    Scope.DISABILITY.value: YesNo,
    Scope.LGBTQ.value: YesNo,
}
CONTACT_FIELDS = ("name", "email", "phone")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# SECURITY: a submission key also derives the withdrawal code shown on a retry, so it must be
# unguessable: at least 32 URL-safe characters (192 bits), as from secrets.token_urlsafe(32).
SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,}$")
PHONE = re.compile(r"^\+?[0-9 ().\-/]{6,30}$")


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def text_problem(value: str) -> str | None:
    """Why a piece of text cannot be stored, or None. Rejects NUL and unpaired surrogates."""
    if "\x00" in value:
        return _("The text contains a NUL character, which cannot be stored. Please remove it.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("The text contains characters that are not valid Unicode. Please retype them.")
    return None


def check_text(errors, field, value, *, max_length, required=False) -> None:
    """Add to ``errors[field]`` why ``value`` cannot be stored (not text, bad Unicode, empty
    when ``required``, longer than ``max_length``)."""
    if not isinstance(value, str):
        errors.setdefault(field, []).append(_("This must be text."))
        return
    problem = text_problem(value)
    if problem:
        errors.setdefault(field, []).append(problem)
        return
    if required and not value.strip():
        errors.setdefault(field, []).append(_("Please write your story before sending it."))
    if len(value) > max_length:
        errors.setdefault(field, []).append(
            _("This is %(length)s characters long; the limit is %(max)s.")
            % {"length": len(value), "max": max_length}
        )


def scope_field(scope: str) -> str:
    return f"scope_{scope}"
