"""One API style (issue 13, docs/dev/api.md), checked on the source of every ``apis`` module.

An endpoint is one ``APIView`` subclass (no ViewSets, no generic views); serializers live in
``<app>/serializers.py``; each handler pins its ``operation_id`` in ``@extend_schema`` so that
restructuring code never renames an operation; lists answer through ``core.pagination``.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from core.pagination import ListApiMixin, paginated_response

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "events", "testimonies", "coding", "nlp", "analysis")
HANDLERS = {"get", "post", "put", "patch", "delete"}
GENERIC_BASES = {
    "GenericAPIView",
    "ListAPIView",
    "RetrieveAPIView",
    "CreateAPIView",
    "GenericViewSet",
    "ModelViewSet",
    "ViewSet",
    "ReadOnlyModelViewSet",
}


def api_modules():
    for app in APPS:
        single = ROOT / app / "apis.py"
        package = ROOT / app / "apis"
        yield from ([single] if single.exists() else sorted(package.glob("*.py")))


def relative(path):
    return str(path.relative_to(ROOT))


def base_name(node):
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def decorator_keywords(function):
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and base_name(decorator.func) == "extend_schema":
            return {keyword.arg for keyword in decorator.keywords}
    return None


def checked_modules():
    return list(api_modules())


def test_every_app_with_an_api_is_checked():
    apps = {path.relative_to(ROOT).parts[0] for path in api_modules()}
    assert apps == set(APPS)


@pytest.mark.parametrize("path", checked_modules(), ids=relative)
def test_api_modules_follow_the_style(path):
    tree = ast.parse(path.read_text())
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and base_name(node.func) == "inline_serializer":
            problems.append(f"line {node.lineno}: inline_serializer (use <app>/serializers.py)")
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {base_name(base) for base in node.bases}
        if any(name.endswith("Serializer") for name in bases) or node.name.endswith("Serializer"):
            problems.append(f"{node.name}: a serializer outside <app>/serializers.py")
        if bases & GENERIC_BASES:
            problems.append(f"{node.name}: generic view or ViewSet ({bases & GENERIC_BASES})")
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name in HANDLERS:
                keywords = decorator_keywords(item)
                if keywords is None or "operation_id" not in keywords:
                    problems.append(f"{node.name}.{item.name}: no @extend_schema(operation_id=)")
    assert problems == []


class _Numbers(serializers.Serializer):
    value = serializers.IntegerField()


class _NumberListApi(ListApiMixin, APIView):
    pass


@pytest.mark.parametrize("view", [APIView(), _NumberListApi()])
def test_paginated_response_answers_with_the_projects_envelope(view):
    size = settings.REST_FRAMEWORK["PAGE_SIZE"]
    request = Request(RequestFactory().get("/numbers/", {"page": 2}))
    rows = [{"value": number} for number in range(size * 2 + 1)]
    response = paginated_response(
        request=request, queryset=rows, serializer_class=_Numbers, view=view
    )
    assert response.data["count"] == size * 2 + 1
    assert [row["value"] for row in response.data["results"]] == list(range(size, size * 2))
    assert response.data["next"].endswith("/numbers/?page=3")
    assert response.data["previous"].endswith("/numbers/")
