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
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path}:{number}: {line.strip()}")
    assert not found, "references outside the repository:\n" + "\n".join(found)


def test_every_copied_schema_says_where_it_comes_from_and_its_licence():
    folders = {str(Path(p).parent) for p in tracked_files() if p.endswith(".xsd")}
    assert folders, "the REFI-QDA schemas are kept in the repository"
    for folder in sorted(folders):
        readme = reading.ROOT / folder / "README.md"
        assert readme.is_file(), f"{folder} needs a README saying the schemas' source and licence"
        text = readme.read_text(encoding="utf-8")
        assert "qdasoftware.org" in text and "Licence" in text, readme
