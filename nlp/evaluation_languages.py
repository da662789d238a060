"""Per-language figures on the labelled sets ``tests/data/labelled/<lang>.jsonl`` (issue 16).

Each row carries a ``split`` (``dev`` or ``heldout``): the lexicons may be tuned on ``dev`` rows
only, and the goals are judged on ``heldout`` rows. Two tables, development and held-out side by
side: redaction recall per language and identifier type (with the share of other words wrongly
replaced), and theme precision/recall/F1 per language for each suggestion layer.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from nlp import lexicon
from nlp.evaluation import DATA_DIR, LayerScores, RedactionReport, redaction_evaluate
from nlp.redaction import LABELS

LABELLED_DIR = DATA_DIR / "labelled"
LANGUAGES = ("pt", "es", "de", "ja", "en", "fr")
SPLITS = ("dev", "heldout")
SPLIT_NAMES = {"dev": "development", "heldout": "held-out"}
THEMES = ("education", "research", "community", "person_centred", "communication", "workforce")
# Issue 16, point 4: on held-out stories, for each language.
RECALL_GOAL = 0.8
PRECISION_GOAL = 0.7
EMBEDDING_LAYER = "lexicon + embeddings (trained on development)"


def load_labelled(directory: Path | None = None, languages=LANGUAGES) -> list[dict]:
    """Every row of the labelled sets found in ``directory`` (a missing language is skipped)."""
    directory = Path(directory or LABELLED_DIR)
    rows = []
    for lang in languages:
        path = directory / f"{lang}.jsonl"
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def by_language_and_split(rows: list[dict]) -> dict[str, dict[str, list[dict]]]:
    out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {s: [] for s in SPLITS})
    for row in rows:
        out[row["language"]][row.get("split", "dev")].append(row)
    return dict(out)


def themes_of(codes) -> set[str]:
    """The themes a set of codes stands for (a sub-code counts for its theme)."""
    return {lexicon.PARENTS.get(code, code) for code in codes} & set(THEMES)


# Redaction -----------------------------------------------------------------------------------


def redaction_by_language(rows: list[dict]) -> dict[str, dict[str, RedactionReport]]:
    return {
        lang: {split: redaction_evaluate(group) for split, group in splits.items()}
        for lang, splits in by_language_and_split(rows).items()
    }


def _recall_cell(report: RedactionReport, label: str) -> str:
    if not report.gold[label]:
        return f"{'-':>5} {'':>7} {'':>7}"
    return (
        f"{report.gold[label]:>5} {report.recall(label):>7.1%} {report.typed_recall(label):>7.1%}"
    )


def redaction_table(reports: dict[str, dict[str, RedactionReport]]) -> list[str]:
    head = f"{'lang':<5}{'type':<8}" + "".join(
        f" | {SPLIT_NAMES[s] + ': gold':>17} {'recall':>7} {'typed':>7}" for s in SPLITS
    )
    out = [head]
    for lang in sorted(reports, key=_language_order):
        splits = reports[lang]
        for label in LABELS:
            if not any(splits[s].gold[label] for s in SPLITS):
                continue
            out.append(
                f"{lang:<5}{label:<8}"
                + "".join(f" | {'':>12}{_recall_cell(splits[s], label)}" for s in SPLITS)
            )
        out.append(
            f"{lang:<5}{'other':<8}"
            + "".join(
                f" | {'words wrongly replaced':>25} {splits[s].other_share():>7.2%}" for s in SPLITS
            )
        )
    return out


def _language_order(lang: str) -> tuple[int, str]:
    return (LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES), lang)


# Themes --------------------------------------------------------------------------------------


@dataclass
class LanguageThemes:
    """One layer's scores in one language: per split, on themes and on sub-codes."""

    layer: str
    language: str
    themes: dict[str, LayerScores]
    codes: dict[str, LayerScores]
    stories: dict[str, int]

    def verdict(self) -> tuple[bool, list[str]]:
        """Whether the held-out goals are met, and the reasons when they are not."""
        held = self.themes["heldout"]
        if not self.stories["heldout"]:
            return False, ["no held-out stories"]
        reasons = []
        if held.precision() < PRECISION_GOAL:
            reasons.append(f"precision {held.precision():.2f} < {PRECISION_GOAL}")
        if held.recall() < RECALL_GOAL:
            reasons.append(f"recall {held.recall():.2f} < {RECALL_GOAL}")
        never = [t for t in THEMES if held.tp[t] + held.fn[t] and not held.tp[t]]
        if never:
            reasons.append(f"never suggested where expected: {', '.join(never)}")
        return not reasons, reasons


def score_layer(layer: str, rows: list[dict], predicted: list[set[str]]) -> list[LanguageThemes]:
    """Scores of one layer's predictions (codes per row, in the order of ``rows``)."""
    groups: dict[str, LanguageThemes] = {}
    for row, codes in zip(rows, predicted, strict=True):
        lang, split = row["language"], row.get("split", "dev")
        scores = groups.get(lang)
        if scores is None:
            scores = groups[lang] = LanguageThemes(
                layer,
                lang,
                {s: LayerScores(s) for s in SPLITS},
                {s: LayerScores(s) for s in SPLITS},
                dict.fromkeys(SPLITS, 0),
            )
        scores.stories[split] += 1
        scores.themes[split].add(themes_of(row["codes"]), themes_of(codes))
        gold_sub = set(row["codes"]) & set(lexicon.PARENTS)
        scores.codes[split].add(gold_sub, set(codes) & set(lexicon.PARENTS))
    return sorted(groups.values(), key=lambda g: _language_order(g.language))


def _prf(scores: LayerScores, code: str | None) -> str:
    if code and not scores.tp[code] + scores.fp[code] + scores.fn[code]:
        return f"{'-':>6}{'-':>6}{'-':>6}"
    return f"{scores.precision(code):>6.2f}{scores.recall(code):>6.2f}{scores.f1(code):>6.2f}"


def _theme_mark(held: LayerScores, theme: str) -> str:
    if not held.tp[theme] + held.fn[theme] + held.fp[theme]:
        return "-"
    ok = held.precision(theme) >= PRECISION_GOAL and held.recall(theme) >= RECALL_GOAL
    return "PASS" if ok else "MISS"


def theme_language_table(result: LanguageThemes) -> list[str]:
    dev, held = result.themes["dev"], result.themes["heldout"]
    out = [
        f"{result.layer}, {result.language}: {result.stories['dev']} development and "
        f"{result.stories['heldout']} held-out stories",
        f"{'theme':<26}{'development P     R    F1':>26}{'held-out P     R    F1':>26}  mark",
    ]
    for theme in THEMES:
        out.append(
            f"{theme:<26}        {_prf(dev, theme)}        {_prf(held, theme)}  "
            f"{_theme_mark(held, theme)}"
        )
    for code in sorted(lexicon.PARENTS):
        sub_dev, sub_held = result.codes["dev"], result.codes["heldout"]
        if sub_dev.tp[code] + sub_dev.fn[code] + sub_held.tp[code] + sub_held.fn[code]:
            out.append(f"  {code:<24}        {_prf(sub_dev, code)}        {_prf(sub_held, code)}")
    ok, reasons = result.verdict()
    out.append(
        f"{'micro average (themes)':<26}        {_prf(dev, None)}        {_prf(held, None)}  "
        f"{'PASS' if ok else 'MISS'}"
    )
    goal = f"goal on held-out: P >= {PRECISION_GOAL}, R >= {RECALL_GOAL}, every theme suggested"
    out.append(f"  {goal}" + (f"; missed: {'; '.join(reasons)}" if reasons else ""))
    return out


def lexicon_layer(rows: list[dict]) -> list[LanguageThemes]:
    from nlp.evaluation import file_matchers

    matchers = file_matchers({r["language"] for r in rows})
    return score_layer("lexicon", rows, lexicon.lexicon_predict(rows, matchers))


def classifier_layer(rows: list[dict], folds: int = 5) -> list[LanguageThemes]:
    """The textcat layer: on development rows by k-fold cross-validation among them; on
    held-out rows, a model trained on every development row (of every language)."""
    from nlp.classifier import THRESHOLD, textcat_predict, textcat_train

    dev = [i for i, r in enumerate(rows) if r.get("split", "dev") == "dev"]
    held = [i for i, r in enumerate(rows) if r.get("split") == "heldout"]
    labels = sorted({c for i in dev for c in rows[i]["codes"]})
    predicted: list[set[str]] = [set() for _ in rows]

    def run(train: list[int], test: list[int]) -> None:
        if not train or not test or not labels:
            return
        nlp = textcat_train(
            [rows[i]["text"] for i in train], [set(rows[i]["codes"]) for i in train], labels
        )
        cats_list = textcat_predict(nlp, [rows[i]["text"] for i in test])
        for i, cats in zip(test, cats_list, strict=True):
            predicted[i] = {label for label, score in cats.items() if score >= THRESHOLD}

    for fold in range(folds):
        run([i for k, i in enumerate(dev) if k % folds != fold], dev[fold::folds])
    run(dev, held)
    return score_layer(f"textcat (trained on development, {folds}-fold there)", rows, predicted)


_vectors: dict[str, object] = {}


def row_vectors(rows: list[dict]):
    """The rows' multilingual embeddings (computed once per process and text; the labelled
    sets' are kept in a file, ``nlp.evaluation_vectors``)."""
    import numpy as np

    from nlp import embeddings
    from nlp.evaluation_vectors import kept_vectors, text_key

    missing = list(dict.fromkeys(r["text"] for r in rows if r["text"] not in _vectors))
    if missing:
        kept = kept_vectors()
        for text in missing:
            if text_key(text) in kept:
                _vectors[text] = kept[text_key(text)]
        missing = [text for text in missing if text not in _vectors]
    for text, vector in zip(missing, embeddings.embed(missing), strict=True):
        _vectors[text] = vector
    return np.array([_vectors[r["text"]] for r in rows], dtype="float32")


def _embedding_predict(rows, vectors, lexicon_codes, train: list[int], test: list[int]):
    from nlp.embedding_classifier import train as embedding_train

    labels = sorted({c for i in train for c in rows[i]["codes"]})
    if not train or not test or not labels:
        return {}
    model = embedding_train(
        vectors[train],
        [set(rows[i]["codes"]) for i in train],
        [lexicon_codes[i] for i in train],
        labels,
    )
    found = model.predict(vectors[test], [lexicon_codes[i] for i in test])
    return dict(zip(test, found, strict=True))


def embedding_layers(rows: list[dict], folds: int = 5) -> list[LanguageThemes]:
    """The embedding layer (issue 16, point 5), in two readings.

    - "lexicon + embeddings": trained on the development rows of every language; on development
      rows by ``folds``-fold cross-validation among them, on held-out rows by the model trained on
      all development rows. Its thresholds are chosen inside the training rows only.
    - "... trained without this language": for each language, trained on the other languages'
      development rows only and scored on this language: what decisions in other languages
      teach it.
    """
    from nlp.evaluation import file_matchers

    matchers = file_matchers({r["language"] for r in rows})
    lexicon_codes = lexicon.lexicon_predict(rows, matchers)
    vectors = row_vectors(rows)
    dev = [i for i, r in enumerate(rows) if r.get("split", "dev") == "dev"]
    held = [i for i, r in enumerate(rows) if r.get("split") == "heldout"]
    predicted: list[set[str]] = [set() for _ in rows]
    for fold in range(folds):
        found = _embedding_predict(
            rows,
            vectors,
            lexicon_codes,
            [i for k, i in enumerate(dev) if k % folds != fold],
            dev[fold::folds],
        )
        for i, codes in found.items():
            predicted[i] = codes
    for i, codes in _embedding_predict(rows, vectors, lexicon_codes, dev, held).items():
        predicted[i] = codes
    layers = score_layer(EMBEDDING_LAYER, rows, predicted)

    transfer: list[set[str]] = [set() for _ in rows]
    for lang in {r["language"] for r in rows}:
        others = [i for i in dev if rows[i]["language"] != lang]
        mine = [i for i, r in enumerate(rows) if r["language"] == lang]
        for i, codes in _embedding_predict(rows, vectors, lexicon_codes, others, mine).items():
            transfer[i] = codes
    layers += score_layer("lexicon + embeddings trained without this language", rows, transfer)
    return layers


def layer_summary(results: list[LanguageThemes]) -> list[str]:
    """Held-out themes per language and layer, side by side, and which layers beat the lexicon."""
    layers = list(dict.fromkeys(r.layer for r in results))
    languages = sorted({r.language for r in results}, key=_language_order)
    cell = {(r.layer, r.language): r.themes["heldout"] for r in results}
    out = ["Held-out themes, precision/recall (F1), per layer and language:"]
    for layer in layers:
        parts = []
        for lang in languages:
            held = cell.get((layer, lang))
            if held is None:
                continue
            mark = ""
            lexicon_cell = cell.get(("lexicon", lang))
            if layer != "lexicon" and lexicon_cell is not None:
                mark = " +" if held.f1(None) > lexicon_cell.f1(None) else " -"
            parts.append(
                f"{lang} {held.precision():.2f}/{held.recall():.2f} ({held.f1(None):.2f}){mark}"
            )
        out.append(f"  {layer}:")
        out.append("    " + "   ".join(parts))
    out.append("  (+: beats the lexicon's held-out F1 in that language; -: does not)")
    return out + layer_in_use(results)


def layers_in_use(results: list[LanguageThemes]) -> list[LanguageThemes]:
    """Per language, the layer whose suggestions a researcher would see: the embedding layer
    where its held-out F1 beats the lexicon's (the rule ``classifier_train`` applies on its own
    held-out stories), else the lexicon."""
    by_key = {(r.layer, r.language): r for r in results}
    chosen = []
    for lang in sorted({r.language for r in results}, key=_language_order):
        lexicon_result = by_key.get(("lexicon", lang))
        embedding = by_key.get((EMBEDDING_LAYER, lang))
        if lexicon_result is None:
            continue
        if embedding is not None and embedding.themes["heldout"].f1(None) > (
            lexicon_result.themes["heldout"].f1(None)
        ):
            chosen.append(embedding)
        else:
            chosen.append(lexicon_result)
    return chosen


def layer_in_use(results: list[LanguageThemes]) -> list[str]:
    """The layer in use per language, with the goals' verdict on it."""
    out = []
    for chosen in layers_in_use(results):
        held = chosen.themes["heldout"]
        ok, reasons = chosen.verdict()
        out.append(
            f"  in use, {chosen.language}: {chosen.layer}: "
            f"{held.precision():.2f}/{held.recall():.2f} "
            f"{'PASS' if ok else 'MISS (' + '; '.join(reasons) + ')'}"
        )
    if out:
        out.insert(0, "Suggestions in use per language (held-out, P/R, goals):")
    return out


def themes_by_language(
    rows: list[dict], *, with_classifier: bool = True, with_embeddings: bool = True
) -> list[LanguageThemes]:
    layers = lexicon_layer(rows)
    if with_classifier:
        layers += classifier_layer(rows)
    if with_embeddings:
        layers += embedding_layers(rows)
    return layers
