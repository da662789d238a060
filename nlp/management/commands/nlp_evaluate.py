"""Print the NLP figures on the labelled sets: `python manage.py nlp_evaluate`.

First the older sets (tests/data/redaction_set.jsonl and themes_set.jsonl, French and English):
redaction recall per identifier type, and precision, recall and F1 per code of the lexicon layer
and of the textcat layer (5-fold cross-validation).

Then the per-language sets (tests/data/labelled/<lang>.jsonl), development and held-out side by
side: redaction recall per language and type with the share of other words wrongly replaced, and
theme precision, recall and F1 per language for each layer, with the goals and PASS or MISS.
``--fail-on-miss`` exits non-zero when a language misses its held-out goals. Uses the shipped
lexicon files, not the database.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nlp.evaluation import load_jsonl, redaction_evaluate, theme_evaluate, theme_table
from nlp.evaluation_languages import (
    LABELLED_DIR,
    layer_summary,
    layers_in_use,
    load_labelled,
    redaction_by_language,
    redaction_table,
    theme_language_table,
    themes_by_language,
)


class Command(BaseCommand):
    help = "Print redaction recall and theme precision/recall on the labelled sets."

    def add_arguments(self, parser):
        parser.add_argument("--no-classifier", action="store_true", help="Skip the textcat layer")
        parser.add_argument(
            "--no-embeddings", action="store_true", help="Skip the embedding layers"
        )
        parser.add_argument(
            "--fail-on-miss",
            action="store_true",
            help="Exit non-zero when a language misses its held-out theme goals",
        )
        parser.add_argument(
            "--labelled-dir",
            default=str(LABELLED_DIR),
            help="Directory of the per-language sets (<lang>.jsonl)",
        )
        parser.add_argument(
            "--labelled-only", action="store_true", help="Skip the older French/English sets"
        )

    def handle(self, *args, **options):
        with_classifier = not options["no_classifier"]
        if not options["labelled_only"]:
            self._older_sets(with_classifier)
        rows = load_labelled(Path(options["labelled_dir"]))
        if not rows:
            self.stdout.write(f"\nNo per-language labelled set in {options['labelled_dir']}.")
            if options["fail_on_miss"]:
                raise CommandError("no per-language labelled set to judge")
            return
        languages = sorted({r["language"] for r in rows})
        self.stdout.write(
            f"\nRedaction by language on {len(rows)} labelled stories ({', '.join(languages)})"
        )
        self.stdout.write("\n".join(redaction_table(redaction_by_language(rows))))
        results = themes_by_language(
            rows, with_classifier=with_classifier, with_embeddings=not options["no_embeddings"]
        )
        for result in results:
            self.stdout.write("\n" + "\n".join(theme_language_table(result)))
        self.stdout.write("\n" + "\n".join(layer_summary(results)))
        # The goals bind the suggestions a researcher sees: the layer in use in each language.
        missed = [r.language for r in layers_in_use(results) if not r.verdict()[0]]
        if missed:
            self.stdout.write(f"\nMISS: held-out theme goals missed in {', '.join(missed)}")
            if options["fail_on_miss"]:
                raise CommandError(f"held-out theme goals missed in {', '.join(missed)}")
        else:
            self.stdout.write("\nPASS: held-out theme goals met in every language")

    def _older_sets(self, with_classifier: bool) -> None:
        report = redaction_evaluate(load_jsonl("redaction_set.jsonl"))
        self.stdout.write("\n".join(report.lines()))
        rows = load_jsonl("themes_set.jsonl")
        languages = sorted({r["language"] for r in rows})
        self.stdout.write(f"\nThemes on {len(rows)} labelled stories ({', '.join(languages)})")
        layers = theme_evaluate(rows, with_classifier=with_classifier)
        codes = sorted({c for r in rows for c in r["codes"]})
        self.stdout.write("\n".join(theme_table(layers, codes)))
