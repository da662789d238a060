"""The lexicon and pattern layer: theme suggestions with confidence and evidence spans.

A ``LexiconMatcher`` is built from lexicon entries (``{code_key: {"terms": [...], "patterns":
[...]}}``) for one language's pipeline: a ``PhraseMatcher`` on lower-case forms always, another on
lemmas where the pipeline has a lemmatizer, a ``Matcher`` for token patterns, and plain substring
search for scripts written without spaces (Japanese, with no tokenizer installed).
"""

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from nlp.lexicon_regex import TokenRegexes, single_token_regex
from nlp.pipelines import LEMMA_COMPONENTS, disabled_except, has_lemmas

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
# Sub-code -> theme, as in the default codebook (coding/default_codebook.py).
PARENTS = {
    "not_listened_to": "person_centred",
    "judged": "person_centred",
    "time_with_professional": "person_centred",
    "not_welcome": "person_centred",
    "unconscious_bias": "education",
    "accessible_information": "communication",
    "representation": "workforce",
}
# Each further hit of a code raises its confidence: 1 hit 0.45, 2 hits 0.70, 3 hits 0.83.
BASE_CONFIDENCE = 0.45
NO_SPACE_SCRIPTS = {"ja", "zh", "th"}


@dataclass(frozen=True)
class ThemeSuggestion:
    code_key: str
    confidence: float
    evidence_start: int | None
    evidence_end: int | None
    hits: int


def lexicon_file_entries(language: str) -> dict[str, dict[str, list]]:
    """The shipped lexicon for ``language`` (empty when there is none)."""
    path = LEXICON_DIR / f"{language}.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, list]] = {}
    for code, terms in data.get("terms", {}).items():
        out.setdefault(code, {"terms": [], "patterns": []})["terms"].extend(terms)
    for code, patterns in data.get("patterns", {}).items():
        out.setdefault(code, {"terms": [], "patterns": []})["patterns"].extend(patterns)
    return out


def shipped_languages() -> list[str]:
    return sorted(p.stem for p in LEXICON_DIR.glob("*.json"))


def pattern_validate(nlp: Language, pattern) -> None:
    """Raise ValueError when ``pattern`` is not a valid spaCy Matcher token pattern."""
    if (
        not isinstance(pattern, list)
        or not pattern
        or not all(isinstance(t, dict) for t in pattern)
    ):
        raise ValueError("a pattern is a non-empty JSON list of token objects")
    matcher = Matcher(nlp.vocab, validate=True)
    matcher.add("CHECK", [pattern])


def _confidence(hits: int) -> float:
    return round(1 - (1 - BASE_CONFIDENCE) ** hits, 4) if hits else 0.0


class LexiconMatcher:
    def __init__(
        self,
        nlp: Language,
        language: str,
        entries: dict[str, dict[str, list]],
        *,
        regex_pass: bool = True,
    ):
        self.nlp = nlp
        self.language = language
        self.codes = sorted(entries)
        self.substring = language in NO_SPACE_SCRIPTS
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA") if has_lemmas(nlp) else None
        self.matcher = Matcher(nlp.vocab)
        # Single-token regex patterns: one compiled pass per code instead of the Matcher's
        # per-token predicate calls (same hits; ``regex_pass=False`` keeps them in the Matcher).
        self.token_regexes = TokenRegexes()
        self.terms: dict[str, list[str]] = {}
        for code, spec in entries.items():
            terms = sorted({t.strip() for t in spec.get("terms", []) if t.strip()})
            self.terms[code] = terms
            if terms:
                self.lower.add(code, [nlp.make_doc(t.lower()) for t in terms])
            if terms and self.lemma is not None:
                lemma_docs = nlp.pipe(terms, disable=disabled_except(nlp, LEMMA_COMPONENTS))
                self.lemma.add(code, list(lemma_docs))
            self._add_patterns(code, [p for p in spec.get("patterns", []) if p], regex_pass)
        self.token_regexes.compile()

    def _add_patterns(self, code: str, patterns: list, regex_pass: bool) -> None:
        rest = []
        for pattern in patterns:
            single = single_token_regex(pattern) if regex_pass else None
            if single is None:
                rest.append(pattern)
            else:
                self.token_regexes.add(code, *single)
        if rest:
            self.matcher.add(code, rest)

    def _matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(code, start_char, end_char) of every hit, overlapping ones of one code merged."""
        found: set[tuple[str, int, int]] = set()
        if self.substring:
            text = doc.text
            for code, terms in self.terms.items():
                for term in terms:
                    start = text.find(term)
                    while start != -1:
                        found.add((code, start, start + len(term)))
                        start = text.find(term, start + 1)
            return sorted(found, key=lambda m: (m[1], m[2]))
        vocab = self.nlp.vocab.strings
        matchers = [self.lower, self.matcher] + ([self.lemma] if self.lemma is not None else [])
        for matcher in matchers:
            if not len(matcher):
                continue
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                found.add((vocab[match_id], span.start_char, span.end_char))
        if len(self.token_regexes):
            found |= self.token_regexes.matches(doc)
        return sorted(found, key=lambda m: (m[1], m[2]))

    def suggest(self, doc: Doc) -> list[ThemeSuggestion]:
        by_code: dict[str, list[tuple[int, int]]] = {}
        for code, start, end in self._matches(doc):
            spans = by_code.setdefault(code, [])
            # Overlapping hits of one code (lemma and lower-case forms of one phrase) count once.
            if spans and start < spans[-1][1]:
                if end - start > spans[-1][1] - spans[-1][0]:
                    spans[-1] = (start, end)
                continue
            spans.append((start, end))
        suggestions: dict[str, ThemeSuggestion] = {}
        for code, spans in by_code.items():
            evidence = max(spans, key=lambda s: (s[1] - s[0], -s[0]))
            suggestions[code] = ThemeSuggestion(
                code, _confidence(len(spans)), evidence[0], evidence[1], len(spans)
            )
        # A sub-code's evidence is evidence for its theme too.
        for code, child in list(suggestions.items()):
            parent = PARENTS.get(code)
            if parent is None:
                continue
            own = suggestions.get(parent)
            if own is None or own.confidence < child.confidence:
                suggestions[parent] = ThemeSuggestion(
                    parent,
                    child.confidence,
                    child.evidence_start,
                    child.evidence_end,
                    child.hits + (own.hits if own else 0),
                )
        return sorted(suggestions.values(), key=lambda s: s.code_key)


def suggestions_as_codes(suggestions: list[ThemeSuggestion], threshold: float = 0.0) -> set[str]:
    return {s.code_key for s in suggestions if s.confidence > threshold}


def lexicon_predict(rows: list[dict], matchers: dict) -> list[set[str]]:
    """Codes the lexicon layer suggests for each row (``matchers``: language -> matcher)."""
    out = []
    for row in rows:
        matcher = matchers[row["language"]]
        nlp = matcher.nlp
        doc = nlp(row["text"], disable=disabled_except(nlp, LEMMA_COMPONENTS))
        out.append({s.code_key for s in matcher.suggest(doc)})
    return out
