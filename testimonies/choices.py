"""Choices shared by the models, services and pages: the characteristics a participant may give,
and the loop's (issue 20) quote requests, follow-up and the storyteller's own reading. Plain
values; the labels are translatable."""

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


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "self_described", _("I describe myself another way")
    PREFER_NOT = "prefer_not", _("I prefer not to say")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    A18_24 = "18_24", _("18 to 24")
    A25_34 = "25_34", _("25 to 34")
    A35_44 = "35_44", _("35 to 44")
    A45_54 = "45_54", _("45 to 54")
    A55_64 = "55_64", _("55 to 64")
    A65_PLUS = "65_plus", _("65 or over")
    PREFER_NOT = "prefer_not", _("I prefer not to say")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = "prefer_not", _("I prefer not to say")


class TrustAffected(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class Reason(models.TextChoices):
    NOT_LISTENED_TO = "not_listened_to", _("I was not listened to")
    JUDGED = "judged", _("I was judged")
    NOT_WELCOME = "not_welcome", _("I did not feel welcome")
    UNSAFE = "unsafe", _("I did not feel safe")
    POOR_CARE = "poor_care", _("Poor quality of care")
    OTHER = "other", _("Something else")


class Consequence(models.TextChoices):
    CHANGED_PROFESSIONAL = "changed_professional", _("I changed health professional")
    STOPPED_SEEING_ANY = "stopped_seeing_any", _("I stopped seeing any health professional")
    PHYSICAL_HEALTH_WORSE = "physical_health_worse", _("My physical health got worse")
    MENTAL_HEALTH_WORSE = "mental_health_worse", _("My mental health got worse")
