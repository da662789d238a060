"""Classifier training: on request (queued after commit) or run by the worker."""

from django.db import transaction

from nlp import classifier as textcat
from nlp.models import ClassifierVersion


def classifier_train(*, user=None) -> ClassifierVersion:
    return textcat.classifier_train(user=user)


@transaction.atomic
def classifier_request(*, user) -> None:
    from nlp import tasks

    transaction.on_commit(lambda: tasks.train_classifier.delay(user.pk if user else None))
