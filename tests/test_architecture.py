"""The structure rules of docs/dev/architecture.md that import-linter cannot express.

`make lint` runs import-linter for the layers (pyproject.toml, ``[tool.importlinter]``); these
tests read the source with ``ast`` (nothing is imported) and check the rest:

- no import cycle between the project's modules;
- no private name (``_x``) imported from another app, and a domain app reaches another one only
  through its public modules (models, selectors, services, and the short list below);
- no ORM write in an app's edges (views, APIs, forms, admin, tasks): writes live in services;
- no module over 400 lines, no function over 60 lines without a ``# NOTE:`` saying why;
- nothing refers to a path outside the repository.

Each ``KNOWN_*`` list names what another helper of issue 13 is fixing in parallel; an entry that
no longer applies fails the test, so the lists only shrink.
"""

import ast
import functools
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("core", "accounts", "events", "testimonies", "coding", "nlp", "analysis")
PACKAGES = (*APPS, "config")
# The apps that hold the domain, in layer order; core and accounts are the foundation kit.
DOMAIN_APPS = ("events", "testimonies", "coding", "nlp", "analysis")

# Modules of a domain app that another domain app may import, besides its models, selectors,
# services and hooks (the hook points later apps register with, core/hooks.py) and their
# submodules. Each says why it is public.
PUBLIC_MODULES = {
    # TODO(issue 13, h2): registrations move to testimonies.hooks; then remove this entry.
    "testimonies.erasure": "the erasure and narrowing registrations of later apps",
    "testimonies.redaction": "the one redaction rule set (e-mails, phones) nlp builds on",
}
PUBLIC_KINDS = ("models", "selectors", "services", "hooks")

# Import edges left out of the cycle check until their owner's branch is merged.
KNOWN_CYCLE_EDGES = {
    # TODO(issue 13, h2): events gets story counts through a hook, not testimonies.selectors.
    ("events.selectors", "testimonies.selectors"): "h2",
    # TODO(issue 13, h1): the classifier reads lexicon matches through nlp.services and
    # nlp.evaluation, which both import it back; the services split breaks the loops.
    ("nlp.classifier", "nlp.services"): "h1",
    ("nlp.classifier", "nlp.evaluation"): "h1",
}

# ORM writes in edges, each fixed on another branch: (path, function) -> owner.
KNOWN_EDGE_WRITES = {
    # TODO(issue 13, h3b): the API-token writes move to accounts/services.py.
    ("accounts/views.py", "api_token"): "h3b",
}

# Size limits, and the modules and functions over them that another helper is splitting.
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
KNOWN_LONG_MODULES = {
    # TODO(issue 13, h3b): views split into views/ packages.
    "coding/views.py": "h3b",
    "testimonies/views.py": "h3b",
    "events/views.py": "h3b",
    # TODO(issue 13, h1): nlp and coding services/selectors split.
    "nlp/services.py": "h1",
    "nlp/redaction.py": "h1",
    "coding/services.py": "h1",
    "coding/selectors.py": "h1",
    # TODO(issue 13, h2): testimonies services package, models docstring to the README.
    "testimonies/services.py": "h2",
    "testimonies/models.py": "h2",
    # TODO(issue 13, h3a): exporters package, selectors under 400.
    "analysis/exporters.py": "h3a",
    "analysis/selectors.py": "h3a",
    # TODO(issue 13, h4): coding/apis.py becomes an apis/ package.
    "coding/apis.py": "h4",
}
KNOWN_LONG_FUNCTIONS = {
    # TODO(issue 13, h1)
    ("nlp/services.py", "testimonies_analyse"): "h1",
    ("nlp/services.py", "suggestions_write"): "h1",
    ("nlp/classifier.py", "classifier_train"): "h1",
    ("coding/services.py", "code_merge"): "h1",
    ("coding/selectors.py", "work_queue"): "h1",
    ("coding/exchange.py", "codebook_import_csv"): "h1",
    ("coding/exchange.py", "codebook_import_qdc"): "h1",
    ("coding/rendering.py", "render_application_items"): "h1",
    # TODO(issue 13, h2)
    ("testimonies/services.py", "testimony_create"): "h2",
    ("testimonies/services.py", "_validate_submission"): "h2",
    ("testimonies/importers.py", "_row_to_kwargs"): "h2",
    ("testimonies/receipts.py", "testimony_receipt"): "h2",
    # TODO(issue 13, h3a)
    ("analysis/exporters.py", "write_qdpx"): "h3a",
    ("analysis/exporters.py", "sources"): "h3a",
    ("analysis/refiqda.py", "write_qdpx"): "h3a",
    ("analysis/charts.py", "bar_chart"): "h3a",
    ("analysis/charts.py", "line_chart"): "h3a",
    ("core/outbox.py", "outbox_relay"): "h3a",
    # TODO(issue 13, h3b)
    ("testimonies/views.py", "submit"): "h3b",
}


# Reading the source ---------------------------------------------------------------------------


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


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.name.split(".")
    if not module.is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _walk(node: ast.AST, *, deferred=False, type_checking=False) -> Iterator[tuple]:
    for child in ast.iter_child_nodes(node):
        child_deferred = deferred or isinstance(
            child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
        )
        child_tc = type_checking or (
            isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
        )
        yield child, deferred, type_checking
        yield from _walk(child, deferred=child_deferred, type_checking=child_tc)


def imports_of(module: Module) -> Iterator[Import]:
    modules = project_modules()
    for node, deferred, tc in _walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name)
                if target:
                    yield Import(module, target, (), node.lineno, deferred, tc)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
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


# Imports --------------------------------------------------------------------------------------


def _queues_own_task(imp: Import) -> bool:
    # NOTE: a service queues its own app's task with an import inside the function, and the task
    # calls the service back: the one back-edge the style allows (docs/dev/style.md, thin tasks).
    return imp.deferred and imp.target == f"{imp.importer.app}.tasks"


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in project_modules()}
    for imp in all_imports():
        edge = (imp.importer.name, imp.target)
        if imp.type_checking or _queues_own_task(imp) or edge in KNOWN_CYCLE_EDGES:
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


def test_known_cycle_edges_still_exist():
    edges = {(i.importer.name, i.target) for i in all_imports()}
    stale = sorted(set(KNOWN_CYCLE_EDGES) - edges)
    assert not stale, f"fixed: remove from KNOWN_CYCLE_EDGES: {stale}"


def _module_aliases(module: Module) -> dict[str, str]:
    """Local names bound to another app's modules (``from coding import services``)."""
    modules = project_modules()
    aliases = {}
    for node, _deferred, _tc in _walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                full = alias.name if alias.asname else local
                if full in modules:
                    aliases[local] = full
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
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
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
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


# Writes live in services ------------------------------------------------------------------------

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
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
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
    leaks = [line for key, lines in found.items() if key not in KNOWN_EDGE_WRITES for line in lines]
    assert not leaks, "ORM writes outside services (call a service instead):\n" + "\n".join(leaks)


def test_known_edge_writes_still_exist():
    stale = sorted(set(KNOWN_EDGE_WRITES) - set(_edge_writes_found()))
    assert not stale, f"fixed: remove from KNOWN_EDGE_WRITES: {stale}"


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
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "views.py").write_text(f"def view(request):\n    {source}\n")
    assert len(list(edge_writes("views.py"))) == writes


# Sizes ----------------------------------------------------------------------------------------


def is_sized(path: str) -> bool:
    """The apps, config and scripts; not migrations, and not tests or benchmarks (scripts that
    measure the code, read top to bottom)."""
    parts = path.split("/")
    return path.endswith(".py") and parts[0] in (*PACKAGES, "scripts") and "migrations" not in parts


def line_count(path: str) -> int:
    return len((ROOT / path).read_text(encoding="utf-8").splitlines())


def test_no_module_is_too_long():
    long = {p: line_count(p) for p in filter(is_sized, tracked_files())}
    long = {p: n for p, n in long.items() if n > MAX_MODULE_LINES and p not in KNOWN_LONG_MODULES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines (split them): {long}"


def test_known_long_modules_are_still_long():
    files = set(tracked_files())
    stale = [p for p in KNOWN_LONG_MODULES if p not in files or line_count(p) <= MAX_MODULE_LINES]
    assert not stale, f"fixed: remove from KNOWN_LONG_MODULES: {stale}"


def _explained(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A ``# NOTE:`` in the comments just above the def, or before its first statement."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
    above = first - 1
    while above >= 0 and lines[above].strip().startswith("#"):
        if lines[above].strip().startswith("# NOTE:"):
            return True
        above -= 1
    body = node.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # a comment may follow the docstring
    return any(
        line.strip().startswith("# NOTE:") for line in lines[node.lineno - 1 : body[0].lineno - 1]
    )


def long_functions(path: str) -> Iterator[tuple[str, int]]:
    source = (ROOT / path).read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES and not _explained(lines, node):
                yield node.name, length


def test_no_function_is_too_long_without_a_note():
    long = [
        f"{path}::{name} ({length} lines)"
        for path in filter(is_sized, tracked_files())
        for name, length in long_functions(path)
        if (path, name) not in KNOWN_LONG_FUNCTIONS
    ]
    assert not long, (
        f"functions over {MAX_FUNCTION_LINES} lines: split them, or say why above the def "
        "in a `# NOTE:` comment:\n" + "\n".join(long)
    )


def test_known_long_functions_are_still_long():
    files = set(tracked_files())
    stale = [
        key
        for key in KNOWN_LONG_FUNCTIONS
        if key[0] not in files or key[1] not in {name for name, _ in long_functions(key[0])}
    ]
    assert not stale, f"fixed: remove from KNOWN_LONG_FUNCTIONS: {stale}"


# The repository stands alone ------------------------------------------------------------------

# A sibling checkout, or a path on one machine. Written in pieces so this file does not match.
OUTSIDE = re.compile(
    "|".join(
        [
            r"\.\./" + "shared",
            r"[\"']" + "shared" + r"[\"']\s*/",
            "/" + r"work/",
            "/" + r"home/\w",
            "/" + r"Users/\w",
        ]
    )
)


@pytest.mark.parametrize(
    ("line", "outside"),
    [
        ("see `../" + "shared/STYLE.md`", True),
        ('ROOT.parent / "sha' + 'red" / "refi-qda"', True),
        ("open('/" + "work/main/x')", True),
        ("/" + "home/alice/entendu", True),
        ("analysis/schemas/Project.xsd", False),
        ("the shared cache", False),
    ],
)
def test_the_path_check_tells_outside_paths(line, outside):
    assert bool(OUTSIDE.search(line)) is outside


def test_nothing_refers_to_a_path_outside_the_repository():
    found = []
    for path in tracked_files():
        data = (ROOT / path).read_bytes()
        if b"\0" in data:
            continue  # binary
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path}:{number}: {line.strip()}")
    assert not found, "references outside the repository:\n" + "\n".join(found)


def test_every_copied_schema_says_where_it_comes_from_and_its_licence():
    folders = {str(Path(p).parent) for p in tracked_files() if p.endswith(".xsd")}
    assert folders, "the REFI-QDA schemas are kept in the repository"
    for folder in sorted(folders):
        readme = ROOT / folder / "README.md"
        assert readme.is_file(), f"{folder} needs a README saying the schemas' source and licence"
        text = readme.read_text(encoding="utf-8")
        assert "qdasoftware.org" in text and "Licence" in text, readme
