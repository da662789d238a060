import pytest
from django.core.management import call_command
from django.test import override_settings

from testimonies.demo import DEMO_STORIES
from testimonies.demo_corpus import CORPUS_SIZE
from testimonies.models import ResearchCopy, Testimony

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_stories_are_seeded_once_with_research_copies():
    call_command("seed_demo")
    first = Testimony.objects.filter(is_demo=True).count()
    call_command("seed_demo")
    # The hand-written stories and the generated corpus (testimonies.demo_corpus).
    assert Testimony.objects.filter(is_demo=True).count() == first
    assert first == len(DEMO_STORIES) + CORPUS_SIZE
    assert ResearchCopy.objects.count() == first
    assert ResearchCopy.objects.filter(redacted_text__contains="[EMAIL]").exists()
    assert not ResearchCopy.objects.filter(redacted_text__contains="@example.org").exists()
