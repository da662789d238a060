"""What a story's full withdrawal removes from NLP."""

from nlp.models import NlpFailure, StoryAnalysis, StoryEmbedding


def erase_for_testimony(testimony_id: int) -> None:
    """Full withdrawal: the analysis, the embedding and the failure records of a story go with it.

    (Suggestions are code applications: the coding app's eraser deletes them.)
    """
    StoryAnalysis.objects.filter(testimony_id=testimony_id).delete()
    NlpFailure.objects.filter(testimony_id=testimony_id).delete()
    StoryEmbedding.objects.filter(testimony_id=testimony_id).delete()


def on_scopes_narrowed(testimony_id: int, scopes: set[str]) -> None:
    """Without research consent the story's vector goes too (it was made from its research copy)."""
    if "research" in scopes:
        StoryEmbedding.objects.filter(testimony_id=testimony_id).delete()
