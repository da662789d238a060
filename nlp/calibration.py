"""Confidence bands for the lexicon's suggestions, calibrated on the labelled sets (issue 18).

A suggestion is right when its code is among the story's gold codes (a theme is right when the
gold codes hold the theme or one of its sub-codes). The bands' lower bounds are chosen on the
held-out rows of ``tests/data/labelled``: "strong" starts at the lowest score from which the
suggestions are right at least ``STRONG_TARGET`` of the time, "fairly strong" likewise for
``FAIR_TARGET``; below is "weak". ``manage.py nlp_calibrate`` prints them with the precision per
band on held-out and development rows; the values in use live in ``coding.confidence``.

The least evidence each theme needs before it is suggested at all (``lexicon.MIN_EVIDENCE``,
issue 16) is fitted on the development rows only (``fit_min_evidence``): the held-out rows judge
it, they never choose it.
"""

from dataclasses import dataclass

from nlp import lexicon
from nlp.pipelines import LEMMA_COMPONENTS, disabled_except

STRONG_TARGET = 0.85
FAIR_TARGET = 0.65
# A band needs at least this many suggestions above its bound to be trusted.
MIN_SUPPORT = 15


@dataclass(frozen=True)
class Scored:
    split: str
    language: str
    code: str
    confidence: float
    right: bool
    weight: float = 0.0


def _gold(codes) -> set[str]:
    return set(codes) | {lexicon.PARENTS[c] for c in codes if c in lexicon.PARENTS}


def scored_suggestions(rows: list[dict], matchers: dict) -> list[Scored]:
    """Every lexicon suggestion on ``rows`` with its confidence and whether it is right."""
    out = []
    for row in rows:
        matcher = matchers[row["language"]]
        nlp = matcher.nlp
        doc = nlp(row["text"], disable=disabled_except(nlp, LEMMA_COMPONENTS))
        gold = _gold(row["codes"])
        for s in matcher.suggest(doc):
            out.append(
                Scored(
                    row.get("split", "dev"),
                    row["language"],
                    s.code_key,
                    s.confidence,
                    s.code_key in gold,
                    s.weight,
                )
            )
    return out


def threshold_for(points: list[Scored], target: float, min_support: int = MIN_SUPPORT) -> float:
    """The lowest score from which the suggestions at or above it are right ``target`` of the
    time (with at least ``min_support`` of them); 1.0 when no score reaches it."""
    ranked = sorted(points, key=lambda p: -p.confidence)
    best = 1.0
    right = 0
    for i, point in enumerate(ranked, start=1):
        right += point.right
        last_of_score = i == len(ranked) or ranked[i].confidence < point.confidence
        if last_of_score and i >= min_support and right / i >= target:
            best = point.confidence
    return best


def calibrate(points: list[Scored]) -> tuple[float, float]:
    """(strong, fairly strong) lower bounds from the held-out points."""
    held = [p for p in points if p.split == "heldout"]
    strong = threshold_for(held, STRONG_TARGET)
    fair = min(strong, threshold_for(held, FAIR_TARGET))
    return strong, fair


def band_table(points: list[Scored], bounds: tuple[float, float]) -> list[str]:
    """Precision per band, held-out and development side by side."""
    from coding.selectors import band_of

    out = [
        f"{'band':<16}{'held-out: n  right  precision':>32}{'development: n  right  precision':>36}"
    ]
    for band in ("strong", "fair", "weak"):
        cells = []
        for split in ("heldout", "dev"):
            chosen = [
                p for p in points if p.split == split and band_of(p.confidence, bounds) == band
            ]
            n, right = len(chosen), sum(p.right for p in chosen)
            precision = f"{right / n:.2f}" if n else "-"
            cells.append(f"{n:>8} {right:>6} {precision:>10}")
        out.append(f"{band:<16}{cells[0]:>32}{cells[1]:>36}")
    return out


# The cuts tried for a theme's least evidence: none, more than one weak word, one plain word in
# any script (a short Japanese word weighs 0.8), more than one bare word (a word found twice
# weighs 1.3), a two-word phrase, a strong term or two words, and more.
EVIDENCE_CUTS = (0.0, 0.6, 0.8, 1.2, 1.4, 1.8, 2.2)


def raw_matchers(languages) -> dict:
    """The shipped lexicons' matchers with no least evidence: every hit becomes a suggestion."""
    from nlp.lexicon import LexiconMatcher, lexicon_file_entries
    from nlp.pipelines import pipeline_for

    return {
        lang: LexiconMatcher(pipeline_for(lang), lang, lexicon_file_entries(lang), min_evidence={})
        for lang in languages
    }


# The share of the development rows' right suggestions a theme's cut must keep (below).
KEEP_RIGHT = 0.95


def fit_min_evidence(points: list[Scored], themes) -> dict[str, float]:
    """Per theme, the highest cut of ``EVIDENCE_CUTS`` that keeps at least ``KEEP_RIGHT`` of the
    right suggestions on the development points: precision rises, recall is hardly lost (issue
    16's brief; an F1 fit on twenty stories a language traded recall for precision that the
    held-out half did not repeat). A suggestion that rests on one weak word alone
    (``lexicon.WEAK_WEIGHT``) is not counted: the lexicon's rule is that a weak word alone is
    never enough for a topical theme, so no cut should be fitted to keep it. (Keeping every
    right suggestion, as before, let one such story pull a theme's cut down to nothing once the
    development halves passed 60 stories a language.)"""
    out = {}
    for theme in themes:
        mine = [
            p
            for p in points
            if p.split == "dev" and p.code == theme and p.weight > lexicon.WEAK_WEIGHT
        ]
        right = sum(p.right for p in mine)
        out[theme] = max(
            cut
            for cut in EVIDENCE_CUTS
            if sum(p.right for p in mine if p.weight >= cut) >= KEEP_RIGHT * right
        )
    return out
