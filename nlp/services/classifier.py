"""Classifier training: on request (queued after commit) or run by the worker."""

from django.db import transaction

from core.outbox import outbox_enqueue
from nlp import classifier as textcat
from nlp.models import ClassifierVersion


def classifier_train(*, user=None) -> ClassifierVersion:
    return textcat.classifier_train(user=user)


@transaction.atomic
def classifier_request(*, user) -> None:
    outbox_enqueue(task_name="nlp.train_classifier", kwargs={"user_id": user.pk if user else None})
