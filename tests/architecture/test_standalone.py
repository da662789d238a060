"""The repository stands alone: nothing refers to a path outside it, and what was copied in
(the REFI-QDA schemas) says where it comes from and under which licence."""

import re
from pathlib import Path

import pytest

from tests.architecture import reading
from tests.architecture.reading import tracked_files

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


# A relative path climbing out of its file's folder (``../x``), and ``Path(__file__).parents[n]``.
RELATIVE = re.compile(r"(?<![\w/.])((?:\.\./)+)")
PARENTS = re.compile(r"parents\[(\d+)\]")


def escapes(path: str, line: str) -> bool:
    """True when ``line`` of ``path`` (Markdown or Python) names a place above the repository's
    root. Other files are left out: a shell line's ``../`` is relative to where it cd'd."""
    if not path.endswith((".md", ".py")):
        return False
    depth = path.count("/")  # folders between the repository's root and the file
    if any(m.group(1).count("../") > depth for m in RELATIVE.finditer(line)):
        return True
    # Path(__file__).resolve().parents[depth] is the root; one more is outside.
    return path.endswith(".py") and any(int(n) > depth for n in PARENTS.findall(line))


def outside_references(path: str, text: str) -> list[str]:
    return [
        f"{path}:{number}: {line.strip()}"
        for number, line in enumerate(text.splitlines(), 1)
        if OUTSIDE.search(line) or escapes(path, line)
    ]


@pytest.mark.parametrize(
    ("path", "line", "outside"),
    [
        ("docs/dev/README.md", "[README](../../README.md)", False),
        ("docs/dev/README.md", "[x](../" + "../../elsewhere/x.md)", True),
        ("README.md", "[x](../elsewhere/x.md)", True),
        ("tests/analysis/test_pure.py", "Path(__file__).resolve().parents[2] / 'analysis'", False),
        ("tests/analysis/test_pure.py", "Path(__file__).resolve().parents[" + "3] / 'x'", True),
        ("Makefile", "cd $$app && ../$(BIN)/django-admin", False),
    ],
)
def test_the_path_check_tells_paths_climbing_out(path, line, outside):
    assert bool(outside_references(path, line)) is outside


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
        data = (reading.ROOT / path).read_bytes()
        if b"\0" in data:
            continue  # binary
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        found += outside_references(path, text)
    assert not found, "references outside the repository:\n" + "\n".join(found)


def test_every_copied_schema_says_where_it_comes_from_and_its_licence():
    folders = {str(Path(p).parent) for p in tracked_files() if p.endswith(".xsd")}
    assert folders, "the REFI-QDA schemas are kept in the repository"
    for folder in sorted(folders):
        readme = reading.ROOT / folder / "README.md"
        assert readme.is_file(), f"{folder} needs a README saying the schemas' source and licence"
        text = readme.read_text(encoding="utf-8")
        assert "qdasoftware.org" in text and "Licence" in text, readme
