"""The per-story path's outputs on a fixed corpus are the recorded ones (issue 22 point 3): a
change made for speed (the redaction rules, the lexicon's matching) changes no research text, no
offset map and no theme suggestion. ``scripts/nlp_path_outputs.py --write`` records them again
after a change that is meant to alter them."""

import json
import sys
from pathlib import Path

import pytest

from nlp.pipelines import profile

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import nlp_path_outputs  # noqa: E402


def test_changed_names_the_stories_that_differ_or_are_missing():
    assert nlp_path_outputs.changed({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}) == [
        "b",
        "c",
    ]
    assert nlp_path_outputs.changed({"a": "1"}, {"a": "1"}) == []


def test_the_corpus_holds_no_held_out_story():
    keys = [key for key, _lang, _text in nlp_path_outputs.corpus()]
    labelled = Path(nlp_path_outputs.DATA) / "labelled"
    held_out = {
        json.loads(line)["id"]
        for path in labelled.glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["split"] != "dev"
    }
    assert (
        held_out and not {k.removeprefix("dev:") for k in keys if k.startswith("dev:")} & held_out
    )
    assert len(keys) == len(set(keys))


@pytest.mark.slow
def test_every_output_of_the_path_is_the_recorded_one():
    assert profile() == "full"
    expected = json.loads(nlp_path_outputs.SNAPSHOT.read_text())
    found = nlp_path_outputs.digests()
    assert len(found) == len(expected) > 500
    assert nlp_path_outputs.changed(expected, found) == []
