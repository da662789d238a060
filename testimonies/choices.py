"""Choices shared by the loop's models, services and pages (issue 20): quote requests, follow-up
and the storyteller's own reading. Plain values; the labels are translatable."""

from django.db import models
from django.utils.translation import gettext_lazy as _

PASSAGE_MAX_LENGTH = 1_000
PURPOSE_DETAIL_MAX_LENGTH = 200
CHANGE_SENTENCE_MAX_LENGTH = 300


class QuotePurpose(models.TextChoices):
    REPORT = "report", _("A report")
    PRESENTATION = "presentation", _("A presentation")
    PUBLIC_PAGE = "public_page", _("A public web page")


class Attribution(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous")
    NAMED = "named", _("Your first name and country")


class QuoteStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for your answer")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class TrustChange(models.TextChoices):
    LOWER = "lower", _("I trust health services less")
    SAME = "same", _("My trust did not change")
    HIGHER = "higher", _("I trust health services more")
    UNSURE = "unsure", _("I am not sure")
