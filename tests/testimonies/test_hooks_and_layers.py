"""The hook registry, the frozen submission draft, and the layer rule between events and
testimonies (events imports neither testimonies nor coding)."""

import ast
import dataclasses
from pathlib import Path

import pytest

from core.hooks import HookPoint
from events import hooks as events_hooks
from testimonies import selectors
from testimonies.services import SubmissionDraft

EVENTS = Path(__file__).resolve().parents[2] / "events"


def test_a_hook_point_keeps_one_of_each_in_order():
    point = HookPoint("test.point", initial=("a",))
    assert point.register("b") == "b"
    point.register("a")
    assert list(point) == ["a", "b"]
    point.unregister("a")
    assert list(point) == ["b"] and len(point) == 1


def test_testimonies_provides_the_event_dashboard_counts_through_the_events_hook():
    assert selectors.testimony_counts_for_event in list(events_hooks.testimony_count_hooks)


def test_no_events_module_imports_a_later_app():
    later = {"testimonies", "coding", "nlp", "analysis"}
    found = []
    for path in EVENTS.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in later]
    assert found == []


def test_a_submission_draft_is_frozen_and_tidied():
    draft = SubmissionDraft(
        event=None,
        consent_text=None,
        scopes=["research", "research"],
        text="Words",
        first_name="  Ana ",
        reasons=["judged", "judged"],
        contact={"email": " a@example.org "},
    )
    assert draft.scopes == frozenset({"research"})
    assert draft.first_name == "Ana" and draft.reasons == ("judged",)
    assert draft.contact["email"] == "a@example.org"
    with pytest.raises(dataclasses.FrozenInstanceError):
        draft.text = "Other words"
    with pytest.raises(TypeError):
        draft.contact["email"] = "b@example.org"
