"""Keep secrets that travel in URLs out of the logs.

Participant links (/t/<token>/), receipt ids (/my/stories/<id>/, /api/v1/receipts/<id>/),
allauth's e-mail confirmation and password-reset keys, and query strings (``code``, ``token``,
``key``, but also researchers' search terms) would otherwise be written by Django's request and
development-server loggers (for a 404, say) and by gunicorn's access and error logs.
``redact`` is the one rule set; ``RedactUrlSecrets`` applies it to Django's loggers and
``config.gunicorn_logging.RedactingLogger`` to gunicorn's.
"""

import logging
import re

_END = r"[^/\s?\"'#]+"
_PATTERNS = [
    (re.compile(rf"(/t/){_END}"), r"\1[redacted]"),
    (re.compile(rf"(/my/stories/){_END}"), r"\1[redacted]"),
    (re.compile(rf"(/receipts/){_END}"), r"\1[redacted]"),
    (re.compile(rf"(/confirm-email/){_END}"), r"\1[redacted]"),
    (re.compile(rf"(/password/reset/key/){_END}"), r"\1[redacted]"),
    (re.compile(r"([?&](?:code|token|key)=)[^&\s\"']+", re.IGNORECASE), r"\1[redacted]"),
]
# A query string after a path: "/analysis/search/?q=..." keeps "/analysis/search/?[dropped]".
_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']+")


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_url(text: str) -> str:
    """``redact``, and every query string dropped (search terms, filters, anything)."""
    return _QUERY.sub(r"\1?[dropped]", redact(text))


class RedactUrlSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact_url(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True
