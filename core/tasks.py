from celery import shared_task


@shared_task(name="core.ping")
def ping(value: str) -> str:
    """A round-trip probe for workers: returns what it was sent, reversed."""
    return value[::-1]
