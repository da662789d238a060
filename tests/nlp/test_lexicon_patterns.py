"""The lexicon's own token-pattern matching finds what spaCy's Matcher finds.

The shipped lexicons are compared on the development stories in ``test_lexicon_regex.py`` (the
fast matcher against ``regex_pass=False``, which leaves every pattern to spaCy); here random
patterns of every supported kind are compared on random Docs, and anything else must stay in
spaCy's Matcher.
"""

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

from nlp.lexicon import LexiconMatcher
from nlp.lexicon_patterns import DocView, TokenPatterns

WORDS = ["a", "b", "c", "A", "B", "1", "two", ",", "."]
NLP = spacy.blank("en")
# Lemmas of the test Docs: a fixed table, so that LEMMA tests have something to find.
LEMMAS = {"a": "x", "A": "x", "b": "y", "B": "y", "c": "c", "1": "1", "two": "2"}


def _doc(words: list[str]) -> Doc:
    doc = Doc(NLP.vocab, words=words)
    for token in doc:
        token.lemma_ = LEMMAS.get(token.text, token.text)
    return doc


def _string_value():
    return st.one_of(
        st.sampled_from(WORDS + ["x", "y"]),
        st.builds(lambda v: {"IN": v}, st.lists(st.sampled_from(WORDS + ["x"]), max_size=3)),
        st.builds(lambda v: {"REGEX": v}, st.sampled_from(["^a", "b$", "[0-9]", "^t", "."])),
    )


TOKEN = st.builds(
    lambda attrs, op: {**attrs, **({"OP": op} if op else {})},
    st.dictionaries(
        st.sampled_from(["LOWER", "ORTH", "TEXT", "LEMMA", "LIKE_NUM", "IS_PUNCT"]),
        st.one_of(_string_value(), st.booleans()),
        max_size=2,
    ).map(
        lambda d: {
            k: v for k, v in d.items() if (k in ("LIKE_NUM", "IS_PUNCT")) == isinstance(v, bool)
        }
    ),
    st.sampled_from([None, "?", "*", "+"]),
)


def _spacy_hits(pattern, doc) -> set[tuple[int, int]]:
    matcher = Matcher(NLP.vocab)
    matcher.add("P", [pattern])
    return {(doc[s:e].start_char, doc[s:e].end_char) for _id, s, e in matcher(doc)}


def _own_hits(pattern, doc) -> set[tuple[int, int]]:
    patterns = TokenPatterns(NLP.vocab.strings)
    assert patterns.add("P", pattern)
    return {(start, end) for _code, start, end in patterns.matches(doc)}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pattern=st.lists(TOKEN, min_size=1, max_size=4),
    words=st.lists(st.sampled_from(WORDS), min_size=0, max_size=12),
)
def test_random_patterns_find_what_the_spacy_matcher_finds(pattern, words):
    doc = _doc(words)
    assert _own_hits(pattern, doc) == _spacy_hits(pattern, doc)


def test_optional_and_repeated_tokens_give_every_match():
    doc = _doc(["a", "b", "b", "c"])
    pattern = [{"LOWER": "a"}, {"LOWER": "b", "OP": "*"}]
    assert _own_hits(pattern, doc) == {(0, 1), (0, 3), (0, 5)} == _spacy_hits(pattern, doc)
    optional_first = [{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}]
    assert _own_hits(optional_first, doc) == _spacy_hits(optional_first, doc)


def test_unsupported_patterns_stay_in_spacys_matcher():
    patterns = TokenPatterns(NLP.vocab.strings)
    for pattern in (
        [{"POS": "NOUN"}],
        [{"LOWER": "a", "OP": "!"}],
        [{"LOWER": {"NOT_IN": ["a"]}}],
        [{"LOWER": "a", "OP": "{2}"}],
        [{"LENGTH": 3}],
        [{"LOWER": {"REGEX": "(unclosed"}}],
        [],
    ):
        assert not patterns.add("P", pattern)
    assert len(patterns) == 0
    matcher = LexiconMatcher(
        NLP, "en", {"code": {"terms": [], "patterns": [[{"LOWER": "a"}, {"POS": "NOUN"}]]}}
    )
    assert len(matcher.matcher) == 1 and len(matcher.token_patterns) == 0


def test_the_same_pattern_twice_is_kept_once():
    patterns = TokenPatterns(NLP.vocab.strings)
    assert patterns.add("P", [{"LOWER": "a"}, {"LOWER": "b"}])
    assert patterns.add("P", [{"LOWER": "a"}, {"LOWER": "b"}])
    assert patterns.add("Q", [{"LOWER": "a"}, {"LOWER": "b"}])
    assert len(patterns) == 2


def test_a_pattern_whose_required_word_is_missing_finds_nothing():
    doc = _doc(["a", "b", "a"])
    assert _own_hits([{"LOWER": "a"}, {"OP": "?"}, {"LOWER": "c"}], doc) == set()
    assert _own_hits([{"LOWER": "a"}, {"OP": "?"}, {"LOWER": "a"}], doc) == {(0, 5)}


def test_doc_view_reads_offsets_and_lemmas_like_spans():
    doc = _doc(["a", "two", "B", "."])
    view = DocView(doc)
    assert view.chars(1, 3) == (doc[1:3].start_char, doc[1:3].end_char)
    assert view.lemma_form(2, 7) == "2 y"
    assert view.lemma_form(3, 7) is None  # not a token's start
    assert view.lemma_form(2, 6) is None  # not a token's end
