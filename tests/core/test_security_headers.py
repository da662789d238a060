"""Content-Security-Policy, Permissions-Policy and HSTS on every response; no inline script,
style or event handler left in any template."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def test_every_page_has_a_strict_csp(client):
    response = client.get("/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["media-src"] == ["'self'", "blob:"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/v1/me/", "/no-such-page/"])
def test_every_response_has_a_permissions_policy(client, url):
    header = client.get(url)["Permissions-Policy"]
    features = dict(item.split("=", 1) for item in header.split(", "))
    assert features["camera"] == "()"
    assert features["geolocation"] == "()"
    assert features["microphone"] == "(self)"
    assert features["payment"] == "()"
    assert features["usb"] == "()"


def test_a_nonce_used_by_a_page_is_in_the_header_and_changes_each_time(client):
    seen = set()
    for _ in range(2):
        response = client.get("/api/v1/docs/")
        body = response.content.decode()
        nonce = re.search(r'<script nonce="([^"]+)">', body).group(1)
        assert f"'nonce-{nonce}'" in directives(response["Content-Security-Policy"])["script-src"]
        seen.add(nonce)
    assert len(seen) == 2


def test_redoc_alone_allows_inline_styles_and_uses_no_font_service(client):
    response = client.get("/api/v1/redoc/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["style-src"]
    assert "blob:" in policy["worker-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "googleapis" not in response.content.decode()
    assert "<style" not in response.content.decode()


def test_browsable_api_allows_style_attributes_only(client_for, researcher):
    response = client_for(researcher).get("/api/v1/me/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("text/html")
    policy = directives(response["Content-Security-Policy"])
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    assert policy["style-src"] == ["'self'"]
    json_response = client_for(researcher).get("/api/v1/me/", HTTP_ACCEPT="application/json")
    assert "style-src-attr" not in json_response["Content-Security-Policy"]


def test_report_only_switch_sends_the_same_policy_as_report_only(client, settings):
    policy = settings.CONTENT_SECURITY_POLICY
    with override_settings(
        CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy
    ):
        response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert "frame-ancestors 'none'" in response["Content-Security-Policy-Report-Only"]


PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "hsts": settings.SECURE_HSTS_SECONDS,
    "subdomains": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "csp": bool(settings.CONTENT_SECURITY_POLICY),
    "csp_ro": bool(settings.CONTENT_SECURITY_POLICY_REPORT_ONLY),
    "mw": settings.MIDDLEWARE,
}))
"""


def effective(module: str, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=module, SECRET_KEY="k" * 50, FIELD_ENCRYPTION_KEY="x")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_with_subdomains_and_enforces_the_csp():
    s = effective("config.settings.production", CSP_REPORT_ONLY="")
    assert s["hsts"] == 31536000
    assert s["subdomains"] is True
    assert s["csp"] is True and s["csp_ro"] is False
    assert "csp.middleware.CSPMiddleware" in s["mw"]
    assert "core.middleware.PermissionsPolicyMiddleware" in s["mw"]


def test_csp_report_only_comes_from_the_environment():
    s = effective("config.settings.production", CSP_REPORT_ONLY="true")
    assert s["csp"] is False and s["csp_ro"] is True


# Templates: nothing inline ---------------------------------------------------------------------

TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
# NOTE: the quote sheet is a downloaded, self-contained HTML file (served as an attachment and
# opened from disk, where no CSP applies): its <style> block is what makes it readable offline.
SELF_CONTAINED = {"analysis/templates/analysis/quote_sheet_export.html"}
INLINE = [
    (re.compile(r"<style", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def template_files():
    for folder in TEMPLATE_DIRS:
        yield from (p for p in folder.rglob("*.html") if ".venv" not in p.parts)


def inline_problems(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    problems = [f"{what}" for pattern, what in INLINE if pattern.search(text)]
    for attrs in SCRIPT.findall(text):
        allowed = "src=" in attrs or "application/json" in attrs or "csp_nonce" in attrs
        if not allowed:
            problems.append("inline <script> without a nonce")
    return problems


def test_the_template_check_sees_each_kind_of_inline_code(tmp_path):
    bad = tmp_path / "bad.html"
    for snippet in [
        '<p style="color: red">',
        "<style>p{}</style>",
        '<a onclick="x()">',
        "<script>x()</script>",
    ]:
        bad.write_text(snippet)
        assert inline_problems(bad), snippet
    bad.write_text('<script src="/static/x.js" defer></script><p data-colour="#ffffff">')
    assert inline_problems(bad) == []


def test_no_template_has_inline_script_style_or_handler():
    found = {}
    for path in template_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel in SELF_CONTAINED:
            continue
        if problems := inline_problems(path):
            found[rel] = problems
    assert found == {}


def test_html_built_in_python_has_no_style_attribute():
    for path in ROOT.glob("*/rendering.py"):
        assert not re.search(r"\sstyle\s*=", path.read_text("utf-8")), path
