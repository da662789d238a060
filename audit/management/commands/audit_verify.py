"""``manage.py audit_verify``: recompute the audit chain; exit non-zero at the first break."""

from django.core.management.base import BaseCommand, CommandError

from audit.services import audit_verify


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and name the first broken entry."

    def handle(self, *args, **options):
        checked, broken = audit_verify()
        if broken is not None:
            raise CommandError(
                f"audit log broken at entry #{broken.sequence}: {broken.reason} "
                f"({checked} entries before it are intact)"
            )
        self.stdout.write(self.style.SUCCESS(f"audit log intact: {checked} entries"))
