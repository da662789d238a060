"""Imports: no cycle between modules; across apps, no private name, and a domain app reaches
another only through its public modules. The layers themselves are import-linter's contracts
(pyproject.toml, ``[tool.importlinter]``, run by `make lint`); docs/dev/architecture.md says why.
"""

import ast
from collections.abc import Iterator

import pytest

from tests.architecture import reading
from tests.architecture.reading import (
    DOMAIN_APPS,
    Import,
    Module,
    absolute,
    all_imports,
    imports_of,
    is_private,
    project_modules,
    walk,
)

# Modules of a domain app that another domain app may import, besides its models, selectors,
# services and hooks (the hook points later apps register with, core/hooks.py) and their
# submodules. Each says why it is public.
PUBLIC_MODULES = {
    "testimonies.redaction": "the one redaction rule set (e-mails, phones) nlp builds on",
    "testimonies.demo_corpus": "the generated demo stories and their passages, which coding's "
    "demo step codes (demo data only)",
    "coding.default_codebook": "the default codebook's structure (its themes and which theme "
    "each sub-code belongs to, PARENTS) that nlp's lexicon and evaluation score against",
}
PUBLIC_KINDS = ("models", "selectors", "services", "hooks")


def _queues_own_task(imp: Import) -> bool:
    # NOTE: a service queues its own app's task with an import inside the function, and the task
    # calls the service back: the one back-edge the style allows (docs/dev/style.md, thin tasks).
    return imp.deferred and imp.target == f"{imp.importer.app}.tasks"


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in project_modules()}
    for imp in all_imports():
        if imp.type_checking or _queues_own_task(imp):
            continue
        if imp.target != imp.importer.name:
            graph[imp.importer.name].add(imp.target)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the groups of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


def test_no_import_cycle_between_modules():
    cycles = strongly_connected(import_graph())
    assert not cycles, "modules that import each other (break the loop):\n" + "\n".join(
        " <-> ".join(group) for group in cycles
    )


def test_the_cycle_check_finds_each_loop_once():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}, "f": set()}
    assert strongly_connected(graph) == [["a", "b", "c"]]


def _module_aliases(module: Module) -> dict[str, str]:
    """Local names bound to another app's modules (``from coding import services``)."""
    modules = project_modules()
    aliases = {}
    for node, _deferred, _tc in walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                full = alias.name if alias.asname else local
                if full in modules:
                    aliases[local] = full
        elif isinstance(node, ast.ImportFrom):
            base = absolute(module, node)
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    aliases[alias.asname or alias.name] = f"{base}.{alias.name}"
    return {local: full for local, full in aliases.items() if full.split(".")[0] != module.app}


def private_uses(module: Module) -> Iterator[str]:
    for imp in imports_of(module):
        if imp.target.split(".")[0] == module.app:
            continue
        private = [n for n in imp.names if is_private(n)]
        private += [p for p in imp.target.split(".") if is_private(p)]
        if private:
            yield f"{module.path}:{imp.line}: {imp.target} {private}"
    aliases = _module_aliases(module)
    for node in ast.walk(module.tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and is_private(node.attr)
        ):
            yield f"{module.path}:{node.lineno}: {aliases[node.value.id]}.{node.attr}"


def test_no_private_name_is_imported_from_another_app():
    found = [use for module in project_modules().values() for use in private_uses(module)]
    assert not found, "private names used across apps (make them public or add a service):\n" + (
        "\n".join(found)
    )


@pytest.mark.parametrize(
    ("source", "uses"),
    [
        ("from coding.services import _full_clean", 1),
        ("from coding import services\nservices._full_clean()", 1),
        ("import coding.services as cs\ncs._x", 1),
        ("from coding.services import code_create", 0),
        ("from analysis import selectors\nselectors._own", 0),  # its own app
        ("from coding import services\nservices.__name__", 0),
    ],
)
def test_the_private_scan_finds_private_names_across_apps(tmp_path, monkeypatch, source, uses):
    monkeypatch.setattr(reading, "ROOT", tmp_path)
    (tmp_path / "probe.py").write_text(source + "\n")
    assert len(list(private_uses(Module("analysis.probe", "probe.py", False)))) == uses


def _is_public(target: str) -> bool:
    parts = target.split(".")
    return (
        len(parts) == 1
        or parts[1] in PUBLIC_KINDS
        or any(target == m or target.startswith(m + ".") for m in PUBLIC_MODULES)
    )


def test_domain_apps_reach_each_other_only_through_public_modules():
    found = [
        f"{imp.importer.path}:{imp.line}: {imp.target}"
        for imp in all_imports()
        if imp.importer.app in DOMAIN_APPS
        and imp.target.split(".")[0] in DOMAIN_APPS
        and imp.target.split(".")[0] != imp.importer.app
        and not _is_public(imp.target)
    ]
    assert not found, (
        "another app's internals imported (use its selectors/services, or add the module to "
        "PUBLIC_MODULES with a reason):\n" + "\n".join(found)
    )


def test_public_modules_exist():
    assert not [m for m in PUBLIC_MODULES if m not in project_modules()]
