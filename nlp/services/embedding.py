"""Story embeddings, written after a story's analysis by their own task (nlp.embed_testimonies).

Embedding is slower than spaCy (about a second a story on one core), so it never holds up the
research copy or the lexicon's suggestions: ``testimonies_analyse`` queues it after its commit,
in batches (``nlp.services.analysis.testimonies_embed_request``). Safe to run twice: a story
whose vector was made by the current model is skipped.
"""

from django.db import transaction

from nlp import embeddings
from nlp.models import StoryEmbedding
from nlp.pipelines import base_language
from testimonies.models import ResearchCopy, Testimony


def testimonies_embed(*, testimony_ids: list[int]) -> int:
    """Embed the research copies of these stories (active, research consent) that lack a vector."""
    done = set(
        StoryEmbedding.objects.filter(
            testimony_id__in=list(testimony_ids), model_name=embeddings.MODEL_NAME
        ).values_list("testimony_id", flat=True)
    )
    copies = list(
        ResearchCopy.objects.filter(
            testimony_id__in=[pk for pk in testimony_ids if pk not in done],
            testimony__status=Testimony.Status.ACTIVE,
            testimony__scope_research=True,
        )
        .exclude(redacted_text="")
        .values_list("testimony_id", "redacted_text", "detected_language")
    )
    if not copies:
        return 0
    vectors = embeddings.embed([text for _pk, text, _lang in copies])
    with transaction.atomic():
        live = set(
            Testimony.objects.filter(
                pk__in=[pk for pk, _text, _lang in copies],
                status=Testimony.Status.ACTIVE,
                scope_research=True,
            )
            .select_for_update()
            .values_list("pk", flat=True)
        )
        StoryEmbedding.objects.bulk_create(
            [
                StoryEmbedding(
                    testimony_id=pk,
                    model_name=embeddings.MODEL_NAME,
                    vector=embeddings.to_bytes(vector),
                    language=base_language(lang),
                )
                for (pk, _text, lang), vector in zip(copies, vectors, strict=True)
                if pk in live
            ],
            update_conflicts=True,
            unique_fields=["testimony"],
            update_fields=["model_name", "vector", "language", "created_at"],
        )
    return len(live)
