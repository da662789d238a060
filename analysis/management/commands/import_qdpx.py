"""Import a REFI-QDA project (.qdpx) from a file, for archives too large for the page.

    manage.py import_qdpx project.qdpx --event 12 --user researcher@example.org \\
        --consented-at 2025-03-01T10:00:00Z --scope research --scope quote_anonymous \\
        --codes-out withdrawal-codes.csv [--codebook slug] [--consent-language en]
        [--consent-version 2] [--dry-run]

Codes merge into the codebook by GUID, else by name; the others are created. Coders map to
accounts (an Entendu export's own, or by name), the others become external coders. The
withdrawal codes of the new stories go to ``--codes-out`` (never to the terminal).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from analysis.qdpx_import import ImportChoices, qdpx_import
from analysis.qdpx_preview import preview
from analysis.refiqda_read import read_qdpx
from coding.models import Codebook
from core.exceptions import ApplicationError
from events.models import Event
from testimonies.models import ConsentText, Scope
from testimonies.selectors import consent_text_current
from testimonies.services.import_codes import import_codes_csv


class Command(BaseCommand):
    help = "Import a REFI-QDA project (.qdpx): sources become stories of an event."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--event", type=int, required=True)
        parser.add_argument("--user", required=True, help="the importing researcher's e-mail")
        parser.add_argument("--codebook", default="", help="slug (default: the default one)")
        parser.add_argument("--consented-at", required=True, help="ISO 8601")
        parser.add_argument("--scope", action="append", default=[], choices=Scope.values)
        parser.add_argument("--consent-language", default="en")
        parser.add_argument("--consent-version", type=int)
        parser.add_argument("--codes-out", default="", help="file for the withdrawal codes")
        parser.add_argument("--dry-run", action="store_true", help="show the preview only")

    def handle(self, *args, **options):
        try:
            return self._handle(options)
        except ApplicationError as error:
            raise CommandError(error.message) from error

    def _objects(self, options):
        user = get_user_model().objects.filter(email__iexact=options["user"]).first()
        event = Event.objects.filter(pk=options["event"]).first()
        if options["codebook"]:
            codebook = Codebook.objects.filter(slug=options["codebook"]).first()
        else:
            codebook = Codebook.objects.filter(is_default=True).first()
        if options["consent_version"]:
            consent = ConsentText.objects.filter(
                language__iexact=options["consent_language"], version=options["consent_version"]
            ).first()
        else:
            consent = consent_text_current(language=options["consent_language"])
        for value, what in ((user, "user"), (event, "event"), (codebook, "codebook")):
            if value is None:
                raise CommandError(f"No such {what}.")
        if consent is None:
            raise CommandError("No such consent text.")
        return user, event, codebook, consent

    def _handle(self, options):
        user, event, codebook, consent = self._objects(options)
        when = parse_datetime(options["consented_at"].replace("Z", "+00:00"))
        if when is None or timezone.is_naive(when) or when > timezone.now():
            raise CommandError("--consented-at: a past date and time with its zone (ISO 8601).")
        if not options["dry_run"] and not options["codes_out"]:
            raise CommandError("--codes-out is required: the stories' withdrawal codes go there.")
        path = Path(options["path"])
        with path.open("rb") as fh:
            project = read_qdpx(fh, size=path.stat().st_size)
        found = preview(project, codebook)
        self.stdout.write(
            f"{found.sources} sources, {found.codings} codings, {found.notes} memos; codes: "
            f"{found.count('matched')} matched, {found.count('changed')} changed, "
            f"{found.count('new')} new; {len(found.unmatched)} codebook codes unmatched; "
            f"coders: {sum(1 for v in found.coders.values() if v)} mapped to accounts, "
            f"{sum(1 for v in found.coders.values() if not v)} external."
        )
        if options["dry_run"]:
            return
        report = qdpx_import(
            project=project,
            user=user,
            choices=ImportChoices(
                event=event,
                codebook=codebook,
                consent_text=consent,
                consented_at=when,
                scopes=frozenset({Scope.RESEARCH, *options["scope"]}),
                code_matches=found.code_matches,
                coders=found.coders,
            ),
        )
        Path(options["codes_out"]).write_text(
            import_codes_csv(codes=report.codes, event=event), encoding="utf-8"
        )
        self.stdout.write(
            f"Imported {report.stories} stories ({report.duplicates} already imported), "
            f"{report.codings} codings, {report.memos} memos, {report.codes_created} new codes, "
            f"{report.external_coders} external coders. Withdrawal codes: {options['codes_out']}"
        )
