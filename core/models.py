from django.db import models
from django.db.models import Q


class OutboxMessage(models.Model):
    """A task to publish to Celery, written in the same transaction as the change it follows.

    The relay (core/outbox.py) publishes pending rows and marks them sent; a broker outage only
    delays them. Payloads hold ids, never personal data.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict)
    queue = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    available_at = models.DateTimeField(help_text="Not relayed before this time (backoff).")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["available_at", "id"],
                condition=Q(status="pending"),
                name="outbox_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk} ({self.status})"
