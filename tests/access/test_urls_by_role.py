"""Every URL of the project, requested by every role, against one table
(tests/access/expectations.py), in the manner of Read the Docs' ``test_privacy_urls``.

The resolver is walked: a URL without an entry in the table fails (the message gives the entry
to add), and so does an entry whose URL is gone. Each request runs in a savepoint that is rolled
back, so every role meets the same objects; a POST answered with a refusal (or a form shown
again) must not have written a row.
"""

import copy
import re
from collections import Counter

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import world as world_module
from tests.access.expectations import ANON, DEFAULT_KWARGS, DEFAULTS, ROLES, URLS, Expect

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Signing in and flash messages write the session; that is not the page changing anything.
HARMLESS_TABLES = ("django_session",)


def walk(patterns, prefix="", namespaces=(), arguments=()):
    """(key, route, argument names) for every URL; the key is the name ``reverse`` takes, or the
    route for an unnamed URL."""
    for entry in patterns:
        names = arguments + tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner, names)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            key = ":".join((*namespaces, entry.name)) if entry.name else route
            yield key, route, names


def routes() -> dict[str, tuple[str, tuple[str, ...]]]:
    return {key: (route, names) for key, route, names in walk(get_resolver().url_patterns)}


def base(key: str) -> str:
    """``"events:public#not-public"`` is a second case of ``events:public``."""
    return key.split("#", 1)[0]


def expectation(key: str) -> Expect | None:
    if key in URLS:
        return URLS[key]
    for pattern, expect in DEFAULTS.items():
        if re.match(pattern, key):
            return expect
    return None


def url_for(key: str, arguments: tuple[str, ...], expect: Expect, world) -> str:
    if expect.kwargs is not None:
        kwargs = expect.kwargs(world)
    else:
        missing = [name for name in arguments if name not in DEFAULT_KWARGS]
        if missing:
            raise LookupError(
                f"no object for the URL argument(s) {missing}: give the entry "
                "kwargs=lambda w: {...} (or add them to DEFAULT_KWARGS)"
            )
        kwargs = {name: DEFAULT_KWARGS[name](world) for name in arguments}
    if "/" not in base(key):
        return reverse(base(key), kwargs=kwargs) + expect.query
    # An unnamed URL: its route, filled in.
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), key)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), path)
    return "/" + path.lstrip("^").rstrip("$") + expect.query


def writes(queries) -> list[str]:
    return [
        q["sql"][:120]
        for q in queries
        if WRITE.match(q["sql"]) and not any(t in q["sql"] for t in HARMLESS_TABLES)
    ]


def send(client: Client, method: str, url: str, data, *, api: bool):
    """One request in a savepoint rolled back afterwards, the client's cookies put back (signing
    out, a new session, flash messages); (status, rows written)."""
    cookies = copy.deepcopy(client.cookies)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        if method in ("get", "delete"):
            response = getattr(client, method)(url)
        elif api:
            response = getattr(client, method)(url, data or {}, content_type="application/json")
        else:
            response = getattr(client, method)(url, data or {})
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code, writes(queries)


def clients(world) -> dict[str, Client]:
    made = {}
    for role, user in world.users.items():
        made[role] = Client(raise_request_exception=False)
        if user is not None:
            made[role].force_login(user)
    return made


def requested(method: str):
    """(key, expectation, URL arguments) for every URL and case the table requests with
    ``method``: the resolver's URLs under their entry or default, and the extra cases."""
    found = routes()
    keys = list(found) + [key for key in URLS if "#" in key and base(key) in found]
    for key in sorted(keys):
        expect = expectation(key)
        if expect is not None and getattr(expect, method) is not None:
            yield key, expect, found[base(key)][1]


def check(method: str, key: str, expect: Expect, role: str, got: int, written) -> str | None:
    api = key.startswith("api:")
    wanted = getattr(expect, method)[role]
    where = f"{method.upper()} [{key}] as {role}:"
    if got != wanted:
        return f"{where} expected {wanted}, got {got}"
    if method == "get" or not written:
        return None
    refused = got in (400, 401, 403, 404, 405, 409, 415) or (got == 302 and role == ANON)
    # A page answering a POST with 200 shows its form again: nothing may have changed.
    form_again = got == 200 and method == "post" and not api and not expect.post_writes
    if refused or form_again:
        return f"{where} answered {got} but wrote {written}"
    return None


def run(method: str, world, throttles) -> list[str]:
    by_role = clients(world)
    problems = []
    for key, expect, arguments in requested(method):
        url = url_for(key, arguments, expect, world)
        data = expect.data(world) if callable(expect.data) else expect.data
        for role in ROLES:
            throttles.clear()
            got, written = send(by_role[role], method, url, data, api=key.startswith("api:"))
            problem = check(method, key, expect, role, got, written)
            if problem:
                problems.append(f"{problem} ({url})")
    return problems


@pytest.fixture
def world():
    return world_module.build()


@pytest.mark.parametrize("method", ["get", "post", "patch", "delete"])
def test_status_by_role(method, world, _no_rate_limits):
    problems = run(method, world, _no_rate_limits)
    assert not problems, (
        f"{len(problems)} mismatch(es) with tests/access/expectations.py:\n" + "\n".join(problems)
    )


def suggestion(key: str, observed: dict[str, int]) -> str:
    default, _ = Counter(observed.values()).most_common(1)[0]
    others = ", ".join(f"{role}={status}" for role, status in observed.items() if status != default)
    return f'    "{key}": Expect(get=statuses({default}{", " if others else ""}{others})),'


def test_every_url_has_an_expectation(world, _no_rate_limits):
    missing = [key for key in routes() if expectation(key) is None]
    if not missing:
        return
    by_role = clients(world)
    lines = []
    for key in missing:
        arguments = routes()[key][1]
        try:
            url = url_for(key, arguments, Expect(), world)
        except LookupError as error:
            lines.append(f"    # {key}: {error}")
            continue
        observed = {}
        for role in ROLES:
            _no_rate_limits.clear()
            observed[role] = send(by_role[role], "get", url, None, api=key.startswith("api:"))[0]
        lines.append(suggestion(key, observed))
    pytest.fail(
        f"{len(missing)} URL(s) have no entry in tests/access/expectations.py URLS. "
        "Add these (statuses as seen now: check each before pasting):\n" + "\n".join(lines)
    )


def test_no_entry_is_stale():
    stale = sorted(key for key in URLS if base(key) not in routes())
    assert not stale, f"entries for URLs that no longer exist (remove them): {stale}"
