"""The one-pass single-token regex matching gives the same hits as spaCy's Matcher."""

import json
from pathlib import Path

import pytest

from nlp.lexicon import LexiconMatcher, lexicon_file_entries
from nlp.lexicon_regex import single_token_regex
from nlp.pipelines import LEMMA_COMPONENTS, disabled_except, pipeline_for

LABELLED = Path(__file__).resolve().parents[1] / "data" / "labelled"
EXTRA = {
    "de": [
        "Die Wartezeit war lang.\n\nKeine Dolmetscherin, keine Fortbildung, nur Vorurteile.",
        "Forschung\r\nStudien STUDIEN studie Minuten-Takt Gebärdensprachdolmetscher",
        "",
    ],
    "en": ["Nobody listened.\nThey never believed me."],
}


def _dev_texts(language: str) -> list[str]:
    path = LABELLED / f"{language}.jsonl"
    if not path.exists():
        return []
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return [row["text"] for row in rows if row.get("split") == "dev"]


@pytest.mark.parametrize("language", ["de", "en", "es", "fr", "pt"])
def test_regex_pass_matches_like_the_spacy_matcher(language):
    nlp = pipeline_for(language)
    entries = lexicon_file_entries(language)
    fast = LexiconMatcher(nlp, language, entries)
    slow = LexiconMatcher(nlp, language, entries, regex_pass=False)
    texts = _dev_texts(language) + EXTRA.get(language, [])
    assert texts
    for text in texts:
        doc = nlp(text, disable=disabled_except(nlp, LEMMA_COMPONENTS))
        assert fast._matches(doc) == slow._matches(doc)
        assert fast.suggest(doc) == slow.suggest(doc)


def test_german_regexes_leave_the_matcher():
    nlp = pipeline_for("de")
    fast = LexiconMatcher(nlp, "de", lexicon_file_entries("de"))
    assert len(fast.token_regexes) >= 5
    doc = nlp("Es gab keine Dolmetscherin.")
    assert ("accessible_information", 13, 26) in fast._matches(doc)


def test_only_plain_single_token_regexes_take_the_fast_pass():
    assert single_token_regex([{"LOWER": {"REGEX": "^schul"}}]) == ("lower_", "^schul")
    assert single_token_regex([{"TEXT": {"REGEX": "Arzt"}}]) == ("text", "Arzt")
    assert single_token_regex([{"LOWER": {"REGEX": "a"}}, {"LOWER": "b"}]) is None
    assert single_token_regex([{"LOWER": {"REGEX": "a"}, "OP": "?"}]) is None
    assert single_token_regex([{"LOWER": {"REGEX": "a\\sb"}}]) is None
    assert single_token_regex([{"LEMMA": {"REGEX": "a"}}]) is None
    assert single_token_regex([{"LOWER": {"REGEX": "(unclosed"}}]) is None
