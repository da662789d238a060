"""Calibrate the confidence bands of the lexicon's suggestions: `python manage.py nlp_calibrate`.

Scores every lexicon suggestion on the per-language labelled sets (tests/data/labelled), chooses
the bands' lower bounds on the held-out rows (nlp/calibration.py), and prints them with the
precision per band on held-out and development rows, next to the bounds in use
(coding/confidence.py). ``--check`` exits non-zero when the bounds in use differ.

Then the least evidence each theme needs (``nlp.lexicon.MIN_EVIDENCE``), fitted on the
development rows only, next to the values in use; ``--check`` fails when they differ too.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coding.selectors import LEXICON_BOUNDS
from nlp.calibration import (
    band_table,
    calibrate,
    fit_min_evidence,
    raw_matchers,
    scored_suggestions,
)
from nlp.evaluation import file_matchers
from nlp.evaluation_languages import LABELLED_DIR, THEMES, load_labelled
from nlp.lexicon import MIN_EVIDENCE


class Command(BaseCommand):
    help = "Choose the confidence bands on held-out stories and print precision per band."

    def add_arguments(self, parser):
        parser.add_argument("--labelled-dir", default=str(LABELLED_DIR))
        parser.add_argument(
            "--check", action="store_true", help="Fail when coding.confidence is out of date"
        )

    def handle(self, *args, **options):
        rows = load_labelled(Path(options["labelled_dir"]))
        if not rows:
            raise CommandError("no labelled set found")
        points = scored_suggestions(rows, file_matchers({r["language"] for r in rows}))
        bounds = calibrate(points)
        held = sum(1 for p in points if p.split == "heldout")
        self.stdout.write(
            f"{len(points)} lexicon suggestions on {len(rows)} labelled stories "
            f"({held} on held-out stories)"
        )
        self.stdout.write(
            f"Calibrated on held-out: strong >= {bounds[0]}, fairly strong >= {bounds[1]}"
        )
        self.stdout.write("With these bounds:")
        self.stdout.write("\n".join(band_table(points, bounds)))
        if tuple(LEXICON_BOUNDS) != bounds:
            self.stdout.write(f"\nIn use (coding/confidence.py): {LEXICON_BOUNDS}")
            self.stdout.write("\n".join(band_table(points, LEXICON_BOUNDS)))
            if options["check"]:
                raise CommandError("coding/confidence.py LEXICON_BOUNDS are out of date")
        self._min_evidence(rows, options["check"])

    def _min_evidence(self, rows, check: bool) -> None:
        dev = [r for r in rows if r.get("split", "dev") == "dev"]
        points = scored_suggestions(dev, raw_matchers({r["language"] for r in dev}))
        fitted = fit_min_evidence(points, THEMES)
        self.stdout.write(f"\nLeast evidence per theme, fitted on {len(dev)} development stories:")
        for theme in THEMES:
            in_use = MIN_EVIDENCE.get(theme, 0.0)
            self.stdout.write(f"  {theme:<16} fitted {fitted[theme]:.1f}   in use {in_use:.1f}")
        if check and fitted != MIN_EVIDENCE:
            raise CommandError("nlp.lexicon.MIN_EVIDENCE is out of date")
