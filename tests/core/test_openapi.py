"""The API's contract: its operations stay exactly as published, and the schema builds cleanly.

``data/openapi_operations.json`` was written from the schema before the API was moved to one
style (issue 13). Restructuring views must not change a path, a method, an operation id, a
query or path parameter, a request content type or a response status. Change the fixture only
when the API is meant to change, and say so in the commit.
"""

import json
from pathlib import Path

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

FIXTURE = Path(__file__).parent / "data" / "openapi_operations.json"
METHODS = {"get", "post", "put", "patch", "delete", "head", "options"}


def operations(schema: dict) -> dict:
    """What callers rely on, per ``METHOD /path``, in the fixture's shape."""
    found = {}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            found[f"{method.upper()} {path}"] = {
                "operationId": operation["operationId"],
                "parameters": sorted(
                    f"{parameter['in']}:{parameter['name']}"
                    for parameter in operation.get("parameters", [])
                ),
                "requestBody": sorted(operation.get("requestBody", {}).get("content", {})),
                "responses": sorted(str(code) for code in operation.get("responses", {})),
            }
    return found


@pytest.fixture(scope="module")
def generated():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings, errors = dict(GENERATOR_STATS._warn_cache), dict(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    return schema, warnings, errors


def test_operations_match_the_published_contract(generated):
    schema, _, _ = generated
    expected = json.loads(FIXTURE.read_text())
    actual = operations(schema)
    assert sorted(actual) == sorted(expected)
    for key, operation in expected.items():
        assert actual[key] == operation, key


def test_operation_ids_are_unique(generated):
    ids = [operation["operationId"] for operation in operations(generated[0]).values()]
    assert len(ids) == len(set(ids))


def test_the_schema_builds_without_warnings_or_errors(generated):
    _, warnings, errors = generated
    assert list(warnings) == []
    assert list(errors) == []
