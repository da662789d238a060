from celery import shared_task


@shared_task(name="core.ping", ignore_result=False)
def ping(value: str) -> str:
    """A round-trip probe for workers: returns what it was sent, reversed."""
    return value[::-1]


@shared_task(name="core.relay_outbox", time_limit=120, soft_time_limit=100, ignore_result=True)
def relay_outbox() -> int:
    """Periodic safety net: publish outbox messages the after-commit relay could not send."""
    from core.outbox import outbox_relay

    return outbox_relay().sent
