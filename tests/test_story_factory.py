"""Stories in tests come from the one factory (tests/factories.py), through testimony_create."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
FACTORY = TESTS / "factories.py"
FORBIDDEN = ("Testimony.objects.create(", "ResearchCopy.objects.create(")


def test_no_test_writes_stories_around_the_service():
    offenders = [
        f"{path.relative_to(TESTS)}: {needle}"
        for path in sorted(TESTS.rglob("*.py"))
        if path not in (FACTORY, Path(__file__).resolve())
        for needle in FORBIDDEN
        if needle in path.read_text(encoding="utf-8")
    ]
    assert offenders == [], "make stories with tests.factories.story_create: " + ", ".join(
        offenders
    )
