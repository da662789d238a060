"""The withdrawal codes of an import: handed to the facilitator once, and e-mailed to the
participants who agreed to be contacted.

SECURITY: a code is a participant's only way to withdraw an imported story by themselves. The
codes are never logged and never stored in clear: the file of codes is kept encrypted in the
cache for ``ENTENDU_IMPORT_CODES_MINUTES``, bound to the facilitator and the event, and deleted
when downloaded (once). The file holds no names: line, external id, event, code.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from core.exports import csv_text
from testimonies.fields import decrypt, encrypt

logger = logging.getLogger(__name__)

CODES_HEADER = ["line", "external_id", "event", "withdrawal_code", "sent_by_email"]


@dataclass
class ImportedCode:
    line: int
    external_id: str
    code: str
    emailed: bool = False


@dataclass(frozen=True)
class CodeEmail:
    """A code to e-mail to one participant (the story's contact scope and address)."""

    imported: ImportedCode
    address: str
    language: str


def import_codes_minutes() -> int:
    return max(1, int(getattr(settings, "ENTENDU_IMPORT_CODES_MINUTES", 30)))


def import_codes_csv(*, codes: list[ImportedCode], event) -> str:
    """The file the facilitator hands over: one row per new story, no names."""
    rows = [CODES_HEADER]
    rows += [
        [c.line, c.external_id, event.slug, c.code, "yes" if c.emailed else "no"] for c in codes
    ]
    return csv_text(rows)


def _cache_key(token: str) -> str:
    return "import-codes:" + hashlib.sha256(token.encode()).hexdigest()


def import_codes_store(*, user, event, content: str) -> str:
    """Keep the file of codes, encrypted, for a short time; returns the token to fetch it."""
    token = secrets.token_urlsafe(24)
    entry = {"user": user.pk, "event": event.pk, "data": encrypt(content)}
    cache.set(_cache_key(token), entry, timeout=import_codes_minutes() * 60)
    return token


def import_codes_take(*, user, event, token: str) -> str | None:
    """The file of codes, once: None if expired, already taken, or someone else's."""
    if not isinstance(token, str) or not 16 <= len(token) <= 64:
        return None
    key = _cache_key(token)
    entry = cache.get(key)
    if not entry or entry.get("user") != user.pk or entry.get("event") != event.pk:
        return None
    cache.delete(key)
    return decrypt(entry["data"])


def _language(tag: str) -> str:
    try:
        return translation.get_supported_language_variant((tag or "").lower())
    except LookupError:
        return settings.LANGUAGE_CODE


def import_codes_email(*, emails: list[CodeEmail], event, withdraw_url: str) -> int:
    """E-mail each participant their code, in the language of their consent text; marks the
    ones sent and returns how many failed. NOTE: one connection for the whole import."""
    if not emails:
        return 0
    failed = 0
    try:
        connection = mail.get_connection()
        connection.open()
    except Exception:  # noqa: BLE001
        logger.warning("Import: the mail server could not be reached; codes not e-mailed.")
        return len(emails)
    try:
        for item in emails:
            with translation.override(_language(item.language)):
                context = {
                    "event_title": event.title,
                    "code": item.imported.code,
                    "withdraw_url": withdraw_url,
                }
                subject = render_to_string("testimonies/email/withdrawal_code_subject.txt", context)
                body = render_to_string("testimonies/email/withdrawal_code_message.txt", context)
            message = mail.EmailMessage(
                " ".join(subject.split()), body, to=[item.address], connection=connection
            )
            try:
                message.send()
            except Exception:  # noqa: BLE001
                # SECURITY: neither the address nor the code is logged.
                failed += 1
                continue
            item.imported.emailed = True
    finally:
        connection.close()
    if failed:
        logger.warning("Import: %s withdrawal code e-mails could not be sent.", failed)
    return failed
