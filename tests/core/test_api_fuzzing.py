"""Schema fuzzing (issue 14, point 8): Schemathesis sends generated requests to every operation of
``/api/v1/schema/`` as each role and as an anonymous visitor, with Schemathesis' checks: no
server error, and every answer (status, content type, headers, body) as the schema documents it.
Three checks are tuned, each with its reason, in ``api_schema`` (docs/dev/api.md).

The requests go straight to Django's WSGI application inside the test's transaction, so the data
the fuzzer creates is rolled back with the test. Each role is one test; the examples per operation
are few and the coverage phase runs for the admin only. The admin reaches every operation, so the
admin's run is cut into shards of operations (every fifth one), each well inside the test timeout
even on a loaded machine. Hypothesis is derandomised: CI runs the same cases every time.

The coverage phase sends every value of every enum, and a country is one of 249 codes that one
choice field checks: 249 requests per operation say what a dozen say. So the coverage phase reads
the schema with each long enum cut to an even spread of its values (the first and the last among
them); the examples and the fuzzing phase read the whole schema and draw from every value.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.pytest._test_builder import build_operation_test

from accounts.roles import Role
from tests.factories import UserFactory

ROLES = ["anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN]
# NOTE: a fixed token, sent as cookie and header: what a browser signed in to the site sends.
CSRF_TOKEN = "fuzzingcsrftoken0123456789abcdef"  # noqa: S105
EXAMPLES_PER_OPERATION = 15
COVERAGE_ROLES = {Role.ADMIN}
# The most values of one enum that the coverage phase sends (see above).
ENUM_SAMPLE = 12
# Role -> how many shards its operations are cut into (one test each); the rest run whole.
SHARDS = {Role.ADMIN: 5}
RUNS = [
    (role, shard, SHARDS.get(role, 1)) for role in ROLES for shard in range(SHARDS.get(role, 1))
]


@pytest.fixture
def wsgi_app(db):
    """Django's WSGI application, answering inside the test's transaction."""
    # NOTE: as Django's test client does: closing "old" connections at each request would close
    # the test's own connection in the middle of its transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    cache.clear()
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        cache.clear()


def run_id(run) -> str:
    role, shard, shards = run
    return str(role) if shards == 1 else f"{role}-{shard + 1}of{shards}"


@pytest.fixture(params=RUNS, ids=run_id)
def run(request):
    return request.param


@pytest.fixture
def role(run):
    return run[0]


def fuzzing_config(*, coverage: bool) -> schemathesis.Config:
    """Schemathesis' settings: the examples and fuzzing phases, or the coverage phase alone."""
    return schemathesis.Config.from_dict(
        {
            # NOTE: the fuzzer signs in as a browser does (below); it does not invent tokens.
            "generation": {"with-security-parameters": False},
            "phases": {
                "examples": {"enabled": not coverage},
                "coverage": {"enabled": coverage},
                "fuzzing": {"enabled": not coverage},
            },
            "checks": {
                # NOTE: a request the schema allows may still name an object that does not
                # exist, or break a rule across fields: a clear 400 or 404, never a 5xx.
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "400", "401", "403", "404"]
                },
                # NOTE: the lists are lenient by design: a filter value they do not know is
                # ignored, not refused (docs/dev/api.md); so this check is off.
                "negative_data_rejection": {"enabled": False},
                # NOTE: this check removes the credentials Schemathesis knows of and expects a
                # 401; the session cookie it does not know of stays, so the check misfires.
                "ignored_auth": {"enabled": False},
            },
        }
    )


def sampled_enums(value):
    """The schema (or a part of it) with every enum of more than ``ENUM_SAMPLE`` values cut to
    ``ENUM_SAMPLE`` of them, evenly spread, the first and the last included."""
    if isinstance(value, list):
        return [sampled_enums(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: sampled_enums(item) for key, item in value.items()}
    enum = out.get("enum")
    if isinstance(enum, list) and len(enum) > ENUM_SAMPLE:
        step = (len(enum) - 1) / (ENUM_SAMPLE - 1)
        out["enum"] = [enum[round(i * step)] for i in range(ENUM_SAMPLE)]
    return out


@pytest.fixture
def api_schemas(wsgi_app, role):
    """The schemas the role's run reads: the whole one for the examples and fuzzing phases and,
    for the roles that run the coverage phase (the slowest: boundary values, year 0, huge
    numbers, far offsets; the admin, who reaches every operation), the one with long enums cut."""
    path = "/api/v1/schema/"
    whole = schemathesis.openapi.from_wsgi(path, wsgi_app, config=fuzzing_config(coverage=False))
    if role not in COVERAGE_ROLES:
        return [whole]
    bounds = schemathesis.openapi.from_dict(
        sampled_enums(whole.raw_schema), config=fuzzing_config(coverage=True)
    )
    bounds.app, bounds.location = wsgi_app, path
    return [whole, bounds]


def test_long_enums_are_cut_to_an_even_spread_with_both_ends():
    countries = [f"C{i:03}" for i in range(249)]
    cut = sampled_enums({"a": [{"enum": countries}, {"enum": ["x", "y"]}]})
    [first, short] = cut["a"]
    assert len(first["enum"]) == ENUM_SAMPLE == len(set(first["enum"]))
    assert first["enum"][0] == "C000" and first["enum"][-1] == "C248"
    assert set(first["enum"]) <= set(countries) and short["enum"] == ["x", "y"]


@pytest.fixture
def signed_in(role, wsgi_app):
    """What a browser signed in with the role sends (session login, not an API token)."""
    if role == "anonymous":
        return {}
    user = UserFactory(roles=[role], is_staff=role == Role.ADMIN)
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    return {
        "cookies": {"sessionid": session, "csrftoken": CSRF_TOKEN},
        "headers": {"X-CSRFToken": CSRF_TOKEN},
    }


def operation_tests(schema, check, shard: int = 0, shards: int = 1):
    """One Hypothesis test per operation of the shard (every ``shards``-th operation, from
    ``shard``), in Schemathesis' phases (examples, coverage, fuzzing)."""
    explicit = settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    for index, result in enumerate(schema.get_all_operations()):
        if index % shards != shard:
            continue
        operation = result.ok()
        # NOTE: the builder that Schemathesis' own pytest plugin uses (its lazy-schema wrapper
        # does not run under pytest 9).
        yield (
            operation,
            build_operation_test(
                config=schema.config,
                operation=operation,
                test_func=check,
                given_kwargs={},
                feedback=FeedbackSources(),
                explicit_settings=explicit,
            ),
        )


@pytest.mark.slow
def test_every_operation_answers_as_documented(api_schemas, signed_in, run):
    _, shard, shards = run

    def check(case):
        # NOTE: the throttles' counters live in the cache; the fuzzer is not a flood.
        cache.clear()
        case.call_and_validate(**signed_in)

    failures = []
    for api_schema in api_schemas:
        for operation, test in operation_tests(api_schema, check, shard, shards):
            try:
                test()
            except (Exception, BaseExceptionGroup) as error:  # every failure is reported
                failures.append(f"{operation.label}: {str(error)[:2000]}")
    assert not failures, "\n\n".join(failures)
