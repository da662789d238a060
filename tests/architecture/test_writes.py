"""Writes live in services: no ORM write in an app's edges (views, APIs, forms, admin, tasks).
The scan reads the source with ``ast`` and tells ORM calls from a dict's ``update`` or the
cache's ``delete``; the few calls that look like writes and are not are listed with a reason.
"""

import ast
import re
from collections.abc import Iterator

import pytest

from tests.architecture import reading
from tests.architecture.reading import APPS, is_code, tracked_files

EDGE_KINDS = ("views", "apis", "forms", "admin", "tasks")
# Methods that write (or lock rows for a write) on a model, a manager, a queryset or a form.
WRITE_METHODS = frozenset(
    {
        "save",
        "delete",
        "create",
        "get_or_create",
        "update_or_create",
        "bulk_create",
        "bulk_update",
        "select_for_update",
    }
)
# ``update`` is also a dict's method: it counts only on something that is clearly a queryset.
QUERYSET_METHODS = frozenset(
    {"all", "filter", "exclude", "select_related", "prefetch_related", "order_by", "annotate"}
)
# Receivers that are not the ORM: the cache and the session have delete() too.
NOT_ORM = re.compile(r"^(cache|caches\[.*\]|(self\.)?request\.session|super\(\))$")
# Calls that look like writes and are not, each with its reason.
NOT_WRITES = {
    "qr.save": "segno draws the participant link's QR code into a buffer",
}


def is_edge(path: str) -> bool:
    parts = path[: -len(".py")].split("/")
    return is_code(path) and parts[0] in APPS and any(p in EDGE_KINDS for p in parts[1:])


def _is_queryset(node: ast.expr) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in QUERYSET_METHODS or _is_queryset(node.func.value)
    if isinstance(node, ast.Attribute):
        return node.attr == "objects"
    return isinstance(node, ast.Name) and (node.id.endswith("qs") or node.id == "queryset")


def _calls_by_function(node: ast.AST, name: str = "<module>") -> Iterator[tuple[str, ast.Call]]:
    """Each call with the name of the innermost function around it."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _calls_by_function(child, child.name)
            continue
        if isinstance(child, ast.Call):
            yield name, child
        yield from _calls_by_function(child, name)


def edge_writes(path: str) -> Iterator[tuple[str, int, str]]:
    """(innermost function, line, call) for each ORM write in an edge module."""
    tree = ast.parse((reading.ROOT / path).read_text(encoding="utf-8"))
    for function, node in _calls_by_function(tree):
        if not isinstance(node.func, ast.Attribute):
            continue
        method, receiver = node.func.attr, node.func.value
        if NOT_ORM.match(ast.unparse(receiver)) or ast.unparse(node.func) in NOT_WRITES:
            continue
        if method in WRITE_METHODS or (method == "update" and _is_queryset(receiver)):
            yield function, node.lineno, ast.unparse(node.func)


def _edge_writes_found() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for path in filter(is_edge, tracked_files()):
        for function, line, call in edge_writes(path):
            found.setdefault((path, function), []).append(f"{path}:{line}: {call}()")
    return found


def test_edges_do_not_write():
    found = _edge_writes_found()
    leaks = [line for lines in found.values() for line in lines]
    assert not leaks, "ORM writes outside services (call a service instead):\n" + "\n".join(leaks)


@pytest.mark.parametrize(
    ("source", "writes"),
    [
        ("Event.objects.create(title='x')", 1),
        ("event.save()", 1),
        ("form.save()", 1),
        ("Event.objects.filter(pk=1).update(title='x')", 1),
        ("qs.update(status='x')", 1),
        ("Event.objects.select_for_update().get(pk=1)", 1),
        ("context.update(title='x')", 0),
        ("cache.delete('k')", 0),
        ("request.session.delete()", 0),
        ("super().delete(request)", 0),
    ],
)
def test_the_write_scan_tells_orm_writes_from_other_calls(tmp_path, monkeypatch, source, writes):
    monkeypatch.setattr(reading, "ROOT", tmp_path)
    (tmp_path / "views.py").write_text(f"def view(request):\n    {source}\n")
    assert len(list(edge_writes("views.py"))) == writes
