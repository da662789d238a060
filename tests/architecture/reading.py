"""Reading the project's source for the architecture tests: tracked files, modules, imports.

Nothing is imported: modules are parsed with ``ast``, so a broken import cannot hide a rule.
"""

import ast
import functools
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("audit", "core", "accounts", "events", "testimonies", "coding", "nlp", "analysis")
PACKAGES = (*APPS, "config")
# The apps that hold the domain, in layer order; core and accounts are the foundation kit.
DOMAIN_APPS = ("events", "testimonies", "coding", "nlp", "analysis")


@functools.cache
def tracked_files() -> tuple[str, ...]:
    """The repository's files, as git sees them (untracked local files do not count)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return tuple(sorted(f for f in out.split("\0") if f and (ROOT / f).is_file()))


def is_code(path: str) -> bool:
    parts = path.split("/")
    return path.endswith(".py") and parts[0] in PACKAGES and "migrations" not in parts


@dataclass(frozen=True)
class Module:
    name: str
    path: str
    is_package: bool

    @property
    def app(self) -> str:
        return self.name.split(".")[0]

    @functools.cached_property
    def tree(self) -> ast.Module:
        return ast.parse((ROOT / self.path).read_text(encoding="utf-8"), filename=self.path)


@functools.cache
def project_modules() -> dict[str, Module]:
    modules = {}
    for path in tracked_files():
        if not is_code(path):
            continue
        parts = path[: -len(".py")].split("/")
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        modules[".".join(parts)] = Module(".".join(parts), path, is_package)
    return modules


@dataclass(frozen=True)
class Import:
    importer: Module
    target: str  # the project module the import loads
    names: tuple[str, ...]  # the names taken from it (empty for ``import x``)
    line: int
    deferred: bool  # inside a function: runs at call time, not at import time
    type_checking: bool  # under ``if TYPE_CHECKING:``: never runs


def _resolve(name: str) -> str | None:
    """The longest prefix of a dotted name that is one of the project's modules."""
    modules = project_modules()
    parts = name.split(".")
    while parts:
        if ".".join(parts) in modules:
            return ".".join(parts)
        parts.pop()
    return None


def absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.name.split(".")
    if not module.is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def walk(node: ast.AST, *, deferred=False, type_checking=False) -> Iterator[tuple]:
    for child in ast.iter_child_nodes(node):
        child_deferred = deferred or isinstance(
            child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
        )
        child_tc = type_checking or (
            isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
        )
        yield child, deferred, type_checking
        yield from walk(child, deferred=child_deferred, type_checking=child_tc)


def imports_of(module: Module) -> Iterator[Import]:
    modules = project_modules()
    for node, deferred, tc in walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name)
                if target:
                    yield Import(module, target, (), node.lineno, deferred, tc)
        elif isinstance(node, ast.ImportFrom):
            base = absolute(module, node)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in modules:
                    yield Import(module, submodule, (), node.lineno, deferred, tc)
                elif target := _resolve(base):
                    yield Import(module, target, (alias.name,), node.lineno, deferred, tc)


@functools.cache
def all_imports() -> tuple[Import, ...]:
    return tuple(i for m in project_modules().values() for i in imports_of(m))


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
