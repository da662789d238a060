from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import demo_seed


class Command(BaseCommand):
    help = "Load the demo data (countries, codebook, events, one user per role). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even when DEBUG is off (never on a production site).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            # SECURITY: demo accounts have published passwords; keep them off real sites.
            raise CommandError("seed_demo runs only with DEBUG on (use --force to override).")
        credentials = demo_seed()
        self.stdout.write(self.style.SUCCESS("Demo data is in place. Demo accounts:"))
        for cred in credentials:
            line = f"  {cred.role:<12} {cred.email:<34} password: {cred.password}"
            if cred.totp_secret:
                line += f"  authenticator app secret: {cred.totp_secret}"
            self.stdout.write(line)
