"""gunicorn's access and error logs, as the README's command runs it, carry no participant-link
token, receipt id or query string."""

import io
import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from gunicorn.config import Config
from gunicorn.http import wsgi
from gunicorn.http.message import Request
from gunicorn.http.unreader import IterUnreader

from config.gunicorn_logging import RedactingLogger

ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN = "Zq8-secret-token-VALUE-that-must-not-leak"
RECEIPT = "0b5f7a0e-3c1d-4c59-9b7e-5d2e4f1a2b3c"
SEARCH = "my-neighbour-Maria"


@pytest.fixture
def logger(tmp_path):
    settings = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    cfg = Config()
    for name, value in settings.items():
        if name in cfg.settings:
            cfg.set(name, value)
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("errorlog", str(tmp_path / "error.log"))
    assert cfg.logger_class is RedactingLogger
    log = cfg.logger_class(cfg)
    yield log
    for handler in log.error_log.handlers + log.access_log.handlers:
        handler.close()


class _Socket:
    def sendall(self, data):
        pass


def real_request(cfg, raw: bytes):
    req = Request(cfg, IterUnreader([raw]), ("203.0.113.9", 51234), 1)
    resp, environ = wsgi.create(req, _Socket(), ("203.0.113.9", 51234), ("127.0.0.1", 8000), cfg)
    return req, resp, environ


@pytest.mark.parametrize(
    "path",
    [f"/t/{TOKEN}/?lang=fr", f"/my/stories/{RECEIPT}/", f"/analysis/search/?q={SEARCH}"],
)
def test_the_access_log_has_no_token_receipt_id_or_query(logger, tmp_path, path):
    raw = (
        f"GET {path} HTTP/1.1\r\nHost: entendu.example.org\r\n"
        f"Referer: https://entendu.example.org/t/{TOKEN}/?step=2\r\n\r\n"
    ).encode()
    req, resp, environ = real_request(logger.cfg, raw)
    resp.status = "200 OK"
    resp.sent = 1234
    logger.access(resp, req, environ, timedelta(milliseconds=12))
    written = (tmp_path / "access.log").read_text()
    assert '"GET /' in written and " 200 1234 " in written  # a real, useful line
    for secret in (TOKEN, RECEIPT, SEARCH, "lang=fr", "step=2"):
        assert secret not in written
    assert "[redacted]" in written or "[dropped]" in written


def test_the_error_log_line_for_a_failed_request_has_no_token(logger, tmp_path):
    req, _resp, _environ = real_request(
        logger.cfg, f"POST /t/{TOKEN}/?q={SEARCH} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    )
    try:
        raise RuntimeError(f"boom while handling {req.uri}")
    except RuntimeError:
        # What gunicorn.workers.base.Worker.handle_error writes.
        logger.exception("Error handling request %s", req.uri)
    logger.error("Error handling request %s %s", req.method, req.uri)
    logger.warning(f"Invalid request from ip=203.0.113.9: Invalid HTTP request line: {req.uri}")
    written = (tmp_path / "error.log").read_text()
    assert "Error handling request /t/[redacted]/" in written
    assert "RuntimeError" in written  # the traceback is still there
    assert TOKEN not in written and SEARCH not in written


def test_django_logs_drop_query_strings_and_receipt_ids():
    import logging

    from core.logging import RedactUrlSecrets

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactUrlSecrets())
    log = logging.getLogger("tests.redaction")
    log.addHandler(handler)
    try:
        log.warning('"GET %s HTTP/1.1" 404', f"/analysis/search/?q={SEARCH}")
        log.warning("Not Found: /api/v1/receipts/%s/", RECEIPT)
    finally:
        log.removeHandler(handler)
    written = stream.getvalue()
    assert SEARCH not in written and RECEIPT not in written
    assert "/analysis/search/?[dropped]" in written
