"""Keep secrets that travel in URLs out of the logs.

Participant links (/t/<token>/), allauth's e-mail confirmation and password-reset keys and any
``code``/``token``/``key`` query parameter would otherwise be written by Django's request and
development-server loggers (for a 404, say).
"""

import logging
import re

_PATTERNS = [
    (re.compile(r"(/t/)[^/\s?\"']+"), r"\1[redacted]"),
    (re.compile(r"(/confirm-email/)[^/\s?\"']+"), r"\1[redacted]"),
    (re.compile(r"(/password/reset/key/)[^/\s?\"']+"), r"\1[redacted]"),
    (re.compile(r"([?&](?:code|token|key)=)[^&\s\"']+", re.IGNORECASE), r"\1[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactUrlSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True
