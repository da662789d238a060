"""gunicorn's access and error logs without participant-link tokens, receipt ids or query
strings (``config/gunicorn.conf.py`` selects this class; see the README's deployment section).

SECURITY: gunicorn writes the request line, the path, the query string and the Referer in its
access log, and "Error handling request /t/<token>/" with a traceback in its error log; neither
passes through Django's logging filters. Every value is cleaned with ``core.logging.redact_url``
before it is formatted.
"""

import sys
import traceback

from gunicorn.glogging import Logger

from core.logging import redact_url

# The query string's own atoms (the rest are cleaned wherever a URL appears in them: the request
# line, the path, the Referer, any header or environ value).
_QUERY_ATOMS = ("q", "{query_string}e")


def _clean(msg, args) -> str:
    text = str(msg)
    if args:
        try:
            text = text % args
        except (TypeError, ValueError, KeyError):
            text = " ".join([text, *(str(arg) for arg in args)])
    return redact_url(text)


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = redact_url(value)
        for key in _QUERY_ATOMS:
            if atoms.get(key):
                atoms[key] = "[dropped]"
        return atoms

    def critical(self, msg, *args, **kwargs):
        self.error_log.critical(_clean(msg, args), **kwargs)

    def error(self, msg, *args, **kwargs):
        self.error_log.error(_clean(msg, args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        self.error_log.warning(_clean(msg, args), **kwargs)

    def info(self, msg, *args, **kwargs):
        self.error_log.info(_clean(msg, args), **kwargs)

    def debug(self, msg, *args, **kwargs):
        self.error_log.debug(_clean(msg, args), **kwargs)

    def log(self, lvl, msg, *args, **kwargs):
        super().log(lvl, _clean(msg, args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        # NOTE: the traceback is formatted here and cleaned too (an exception's message may
        # quote the URL); the handler's own formatter would print it untouched.
        kwargs.pop("exc_info", None)
        text = _clean(msg, args)
        if sys.exc_info()[0] is not None:
            text = f"{text}\n{redact_url(traceback.format_exc().rstrip())}"
        self.error_log.error(text, **kwargs)
