"""The recording beside the story on the coding screen: only for a researcher allowed to hear it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from testimonies.models import Testimony
from tests.coding.factories import CodebookFactory
from tests.voice.test_capture import uploaded
from voice import services

pytestmark = pytest.mark.django_db


def confirmed(client, event, clip, scopes):
    recording, _key = uploaded(client, event, clip, scopes=scopes)
    services.recording_transcribe(recording_id=recording.pk)
    client.post(f"/speak/{recording.public_id}/", {"text": "My story in my words."})
    return Testimony.objects.get()


@pytest.mark.parametrize(
    ("scopes", "granted", "shown"),
    [
        (("research", "voice_keep", "voice_listen"), True, True),
        (("research", "voice_keep", "voice_listen"), False, False),
        (("research", "voice_keep"), True, False),
    ],
)
def test_the_player_is_shown_only_when_allowed(
    client,
    event,
    clip,
    settings,
    tmp_path,
    client_for,
    researcher,
    scopes,
    granted,
    shown,  # noqa: F811
):
    settings.VOICE_MODEL_DIR = str(tmp_path / "no-model")
    testimony = confirmed(client, event, clip, scopes)
    CodebookFactory()
    if granted:
        researcher.user_permissions.add(Permission.objects.get(codename="view_original_text"))
    page = client_for(researcher).get(reverse("coding:story", args=[testimony.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    url = f"/research/stories/{testimony.public_id}/recording/"
    assert (url in body) is shown
    assert ('id="voice-words"' in body) is shown
