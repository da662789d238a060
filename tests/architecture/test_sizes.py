"""Sizes: no module over 400 lines, no function over 60 lines unless a ``# NOTE:`` says why.
Migrations, tests and benchmarks are not counted.
"""

import ast
from collections.abc import Iterator

import pytest

from tests.architecture import reading
from tests.architecture.reading import PACKAGES, tracked_files

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def is_sized(path: str) -> bool:
    """The apps, config and scripts; not migrations, and not tests or benchmarks (scripts that
    measure the code, read top to bottom)."""
    parts = path.split("/")
    return path.endswith(".py") and parts[0] in (*PACKAGES, "scripts") and "migrations" not in parts


def line_count(path: str) -> int:
    return len((reading.ROOT / path).read_text(encoding="utf-8").splitlines())


def test_no_module_is_too_long():
    long = {p: line_count(p) for p in filter(is_sized, tracked_files())}
    long = {p: n for p, n in long.items() if n > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines (split them): {long}"


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
    source = (reading.ROOT / path).read_text(encoding="utf-8")
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
    ]
    assert not long, (
        f"functions over {MAX_FUNCTION_LINES} lines: split them, or say why above the def "
        "in a `# NOTE:` comment:\n" + "\n".join(long)
    )


BODY = "    x = 1\n" * 61


@pytest.mark.parametrize(
    ("source", "long"),
    [
        (f"def f():\n{BODY}", ["f"]),
        (f"# NOTE: one table, read top to bottom.\ndef f():\n{BODY}", []),
        (f"# NOTE: why.\n@decorator\ndef f():\n{BODY}", []),
        (f'def f():\n    """Doc."""\n    # NOTE: why.\n{BODY}', []),
        (f"# not a note\ndef f():\n{BODY}", ["f"]),
        ("def f():\n" + "    x = 1\n" * 59, []),
    ],
)
def test_a_long_function_needs_a_note(tmp_path, monkeypatch, source, long):
    monkeypatch.setattr(reading, "ROOT", tmp_path)
    (tmp_path / "m.py").write_text(source)
    assert [name for name, _ in long_functions("m.py")] == long
