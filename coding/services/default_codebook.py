"""The default codebook (the six action themes), written from ``coding.default_codebook``."""

from django.db import transaction

from coding.default_codebook import SUB_CODE_GUIDANCE, SUB_CODES, THEME_COLOURS, THEMES
from coding.models import Code, Codebook


@transaction.atomic
def codebook_default_seed() -> Codebook:
    """Create or refresh the default codebook (the six themes and their sub-codes); idempotent."""
    codebook, _ = Codebook.objects.update_or_create(
        slug="action-themes",
        defaults={
            "name": "Six action themes",
            "description": "The default codebook: the six action themes and their sub-codes.",
            "is_default": True,
        },
    )
    themes = {}
    for position, (key, en, fr, desc_en, desc_fr) in enumerate(THEMES, start=1):
        themes[key], _ = Code.objects.update_or_create(
            codebook=codebook,
            key=key,
            defaults={
                "parent": None,
                "label_en": en,
                "label_fr": fr,
                "description_en": desc_en,
                "description_fr": desc_fr,
                "colour": THEME_COLOURS[position - 1],
                "position": position,
                "is_codable": True,
            },
        )
    for position, (parent_key, key, en, fr) in enumerate(SUB_CODES, start=1):
        Code.objects.update_or_create(
            codebook=codebook,
            key=key,
            defaults={
                "parent": themes[parent_key],
                "label_en": en,
                "label_fr": fr,
                "colour": themes[parent_key].colour,
                "position": position,
                **dict(
                    zip(
                        (
                            "description_en",
                            "description_fr",
                            "inclusion_criteria",
                            "exclusion_criteria",
                            "example",
                        ),
                        SUB_CODE_GUIDANCE.get(key, ("",) * 5),
                        strict=True,
                    )
                ),
            },
        )
    return codebook
