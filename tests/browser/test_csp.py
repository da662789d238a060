"""Every page of every role in a real browser under the site's Content-Security-Policy: no
violation, no CSP message and no error in the console.

The GET URLs come from the URL resolver, filled with real objects of the demo data (plus a story
of the demo participant); each role visits the ones that answer it with an HTML page (checked
first with Django's test client, which is fast), then the browser loads them one by one.
"""

import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import get_resolver

from accounts.roles import Role
from core.demo import DEMO_USERS
from tests.browser.conftest import demo_seed_queued, sign_in
from tests.core.test_url_policies import walk

pytestmark = pytest.mark.browser

# Files and downloads, not pages (attachments, images, JSON).
NOT_PAGES = re.compile(r"(\.(png|svg|csv|json|qdc|txt)|download/|/schema/)$")
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")

# NOTE: Redoc's menu shows Redocly's logo from their CDN, hard-coded; the CSP blocks it on purpose
# (core/api_docs.py). That one load may be refused; any other violation fails the test.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"

LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolation({directive: e.violatedDirective, blocked: e.blockedURI,
                         source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
"""


def objects() -> dict:
    """One real object for each kind of URL parameter, from the demo data."""
    from django.contrib.auth import get_user_model

    from analysis.models import ExportJob
    from coding.models import Code, Codebook, Memo
    from events.models import Commitment, Event, Session
    from nlp.models import NlpJob
    from testimonies.models import ConsentText, Testimony

    session = Session.objects.select_related("event").first()
    event = session.event
    return {
        "event": event,
        "session": session,
        "commitment": Commitment.objects.filter(event=event).first() or Commitment.objects.first(),
        "codebook": Codebook.objects.filter(is_default=True).first(),
        "code": Code.objects.first(),
        "memo": Memo.objects.first(),
        "testimony": Testimony.objects.filter(research_copy__isnull=False).first(),
        "own": Testimony.objects.filter(participant__isnull=False).first(),
        "consent": ConsentText.objects.first(),
        "job": NlpJob.objects.first(),
        "export": ExportJob.objects.first(),
        "events": Event.objects.all(),
        "person": get_user_model().objects.order_by("pk").first(),
    }


def fill(route: str, o: dict) -> str | None:
    """The route with its parameters replaced by real values, or None when none fits."""
    values = {
        "slug": o["event"].slug if route.startswith("events/") else o["codebook"].slug,
        "event_id": o["event"].pk,
        "testimony_id": o["testimony"].pk,
        "public_id": (o["own"] if route.startswith("my/") else o["testimony"]).public_id,
        "token": o["event"].submission_token,
        "language": "en",
        "version": o["consent"].version if o["consent"] else None,
        "number": 1,
        "code_id": o["code"].pk if o["code"] else None,
        "job_id": o["export"].pk if o["export"] else None,
    }
    by_prefix = [
        ("events/<slug:slug>/sessions/", o["session"]),
        ("events/<slug:slug>/commitments/", o["commitment"]),
        ("coding/codes/", o["code"]),
        ("coding/memos/", o["memo"]),
        ("nlp/jobs/", o["job"]),
        ("manage/consent-texts/", o["consent"]),
        ("manage/people/", o["person"]),
    ]
    pk = next((obj.pk for prefix, obj in by_prefix if route.startswith(prefix) and obj), None)
    values["pk"] = pk
    if route.startswith("consent/") and o["consent"]:
        values["language"] = o["consent"].language

    def sub(match):
        value = values.get(match.group(1))
        if value is None:
            raise LookupError(match.group(1))
        return str(value)

    try:
        return "/" + PARAM.sub(sub, route)
    except LookupError:
        return None


def candidate_urls() -> list[str]:
    o = objects()
    urls = []
    for route, _view, _ns in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "api/v1/")) or "^" in route or NOT_PAGES.search(route):
            continue
        if route.startswith("events/<slug:slug>/facilitators/<int:user_id>"):
            continue  # POST only
        url = fill(route, o)
        if url:
            urls.append(url)
    urls += ["/api/v1/docs/", "/api/v1/redoc/", "/api/v1/me/"]
    # Django admin: the index, a user's add form and, for each model, its list and a change form.
    urls += ["/admin/", "/admin/accounts/user/add/"]
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls.append(base)
        first = model.objects.first()
        if first is not None:
            urls.append(f"{base}{first.pk}/change/")
    return sorted(set(urls))


def console(message, role, url: str, problems: list) -> None:
    if message.type != "error" and "Content Security Policy" not in message.text:
        return
    # NOTE: Chromium asks for /favicon.ico on its own now and then (we declare an SVG icon);
    # that 404 is no page's doing.
    if (message.location or {}).get("url", "").endswith("/favicon.ico"):
        return
    problems.append((role, url, message.type, message.text, (message.location or {}).get("url")))


def html_pages_for(user, urls: list[str]) -> list[str]:
    client = Client()
    if user is not None:
        client.force_login(user)
    pages = []
    for url in urls:
        response = client.get(url, HTTP_ACCEPT="text/html")
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages


def seed(monkeypatch) -> dict:
    from accounts.models import User
    from tests.factories import open_event, story_submit

    demo_seed_queued(monkeypatch)
    users = {c.role: User.objects.get(email=c.email) for c in DEMO_USERS}
    story_submit(
        event=open_event(title="Participant's event"),
        text="My own story: the nurse listened to me.",
        scopes=("research", "quote_anonymous"),
        participant=users[Role.PARTICIPANT],
    )
    return users


def walk_as(browser, base_url: str, role: str, cred, pages: list[str]) -> list[tuple]:
    """Load ``pages`` as ``role`` (signed in with ``cred``); what went wrong, page by page."""
    problems = []
    current = {"url": ""}
    context = browser.new_context(base_url=base_url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.expose_function(
        "__cspViolation", lambda v: problems.append((role, current["url"], "csp", v))
    )
    page.add_init_script(LISTEN)
    page.on("console", lambda m: console(m, role, current["url"], problems))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append((role, current["url"], r.status, r.url)),
    )
    page.on("pageerror", lambda e: problems.append((role, current["url"], "js", str(e))))
    if cred is not None:
        sign_in(page, cred.email, cred.password)
        page.wait_for_load_state()
        assert "/accounts/login/" not in page.url, role
    for url in pages:
        current["url"] = url
        page.goto(url, wait_until="load")
        if url == "/api/v1/docs/":
            page.wait_for_selector(".swagger-ui .info")
        elif url == "/api/v1/redoc/":
            page.wait_for_selector(".api-content")
    page.wait_for_timeout(200)
    context.close()
    # Redoc's hard-coded logo from Redocly's CDN, refused on purpose (see REDOC_LOGO).
    return [p for p in problems if not (p[1] == "/api/v1/redoc/" and REDOC_LOGO in str(p[3]))]


def test_no_page_of_any_role_breaks_the_csp_or_logs_an_error(browser, live_server, monkeypatch):
    users = seed(monkeypatch)
    urls = candidate_urls()
    creds = {c.role: c for c in DEMO_USERS}
    problems = []
    visited = {}
    for role in ("anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN):
        pages = html_pages_for(users.get(role), urls)
        visited[role] = len(pages)
        problems += walk_as(browser, live_server.url, role, creds.get(role), pages)
    assert problems == [], "\n".join(map(str, problems))
    # The walk really walked: each role saw its own pages.
    assert visited["anonymous"] >= 5
    assert visited[Role.PARTICIPANT] > visited["anonymous"]
    assert visited[Role.FACILITATOR] >= 20
    assert visited[Role.RESEARCHER] >= 25
    assert visited[Role.ADMIN] >= 40
