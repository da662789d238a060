"""Print the NLP figures on the labelled sets: `python manage.py nlp_evaluate`.

Redaction recall per identifier type on tests/data/redaction_set.jsonl, and precision, recall
and F1 per code of the lexicon layer and of the textcat layer (5-fold cross-validation) on
tests/data/themes_set.jsonl. Uses the shipped lexicon files, not the database.
"""

from django.core.management.base import BaseCommand

from nlp.evaluation import load_jsonl, redaction_evaluate, theme_evaluate, theme_table


class Command(BaseCommand):
    help = "Print redaction recall and theme precision/recall on the labelled sets."

    def add_arguments(self, parser):
        parser.add_argument("--no-classifier", action="store_true", help="Skip the textcat folds")

    def handle(self, *args, **options):
        report = redaction_evaluate(load_jsonl("redaction_set.jsonl"))
        self.stdout.write("\n".join(report.lines()))
        rows = load_jsonl("themes_set.jsonl")
        languages = sorted({r["language"] for r in rows})
        self.stdout.write(f"\nThemes on {len(rows)} labelled stories ({', '.join(languages)})")
        layers = theme_evaluate(rows, with_classifier=not options["no_classifier"])
        codes = sorted({c for r in rows for c in r["codes"]})
        self.stdout.write("\n".join(theme_table(layers, codes)))
