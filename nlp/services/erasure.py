"""What a story's full withdrawal removes from NLP."""

from nlp.models import NlpFailure, StoryAnalysis


def erase_for_testimony(testimony_id: int) -> None:
    """Full withdrawal: the analysis and the failure records of a story go with it.

    (Suggestions are code applications: the coding app's eraser deletes them.)
    """
    StoryAnalysis.objects.filter(testimony_id=testimony_id).delete()
    NlpFailure.objects.filter(testimony_id=testimony_id).delete()
