import time

from django.core.management.base import BaseCommand

from core.outbox import outbox_relay


class Command(BaseCommand):
    help = "Publish pending outbox messages to Celery (once, or in a loop with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep relaying until stopped.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between runs.")
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, loop=False, interval=5.0, limit=500, **options):
        while True:
            result = outbox_relay(limit=limit)
            self.stdout.write(f"sent={result.sent} pending={result.pending} failed={result.failed}")
            if not loop:
                return
            time.sleep(interval)
