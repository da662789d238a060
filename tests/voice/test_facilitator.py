"""A facilitator records a story on a participant's behalf, as witness of their consent."""

import pytest

from testimonies.models import Channel, ConsentMethod, Testimony
from testimonies.selectors import consent_text_current
from tests.factories import EventFacilitatorFactory
from tests.testimonies.factories import open_event
from voice import services
from voice.models import Recording

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(facilitator):
    event = open_event()
    EventFacilitatorFactory(event=event, user=facilitator)
    return event


def post(client, event, **fields):
    data = {
        "consent_text": consent_text_current(language="en").pk,
        "scope_research": "on",
        "consent_method": "spoken",
        "witnessed": "on",
        **fields,
    }
    return client.post(f"/facilitate/events/{event.pk}/speak/", data)


def test_the_entry_page_offers_to_record(client_for, facilitator, setting):
    page = client_for(facilitator).get(f"/facilitate/events/{setting.pk}/stories/new/")
    assert f"/facilitate/events/{setting.pk}/speak/" in page.content.decode()


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"witnessed": ""}, "witness"),
        ({"consent_method": "online"}, "on paper or spoken"),
        ({"scope_research": ""}, "first consent box"),
    ],
)
def test_the_witness_rules_hold(client_for, facilitator, setting, fields, words):
    answer = post(client_for(facilitator), setting, **fields)
    assert answer.status_code == 400 and words in answer.content.decode()
    assert not Recording.objects.exists()


def test_another_events_facilitator_gets_a_404(client_for, setting, django_user_model):
    from accounts.roles import Role
    from tests.factories import UserFactory

    other = UserFactory(roles=[Role.FACILITATOR])
    assert post(client_for(other), setting).status_code == 404


def test_the_confirmed_story_is_entered_by_the_witness(
    client_for, facilitator, setting, settings, tmp_path
):
    settings.VOICE_MODEL_DIR = str(tmp_path / "no-model")
    client = client_for(facilitator)
    answer = post(client, setting, consent_method="paper")
    assert answer.status_code == 302
    recording = Recording.objects.get()
    assert recording.entered_by == facilitator and recording.consent_method == "paper"
    key = client.session["voice_keys"][str(recording.public_id)]
    wav = (tmp_path / "a.wav").as_posix()
    import subprocess

    subprocess.run(
        ["sox", "-n", "-r", "16000", "-c", "1", wav, "synth", "1", "sine", "440"], check=True
    )
    with open(wav, "rb") as handle:
        sent = client.post(
            f"/speak/{recording.public_id}/upload/?offset=0&final=1",
            data=handle.read(),
            content_type="application/octet-stream",
            HTTP_X_SUBMISSION_KEY=key,
        )
    assert sent.status_code == 200
    services.recording_transcribe(recording_id=recording.pk)
    done = client.post(f"/speak/{recording.public_id}/", {"text": "Told to the facilitator."})
    assert done.status_code == 200
    testimony = Testimony.objects.get()
    assert testimony.channel == Channel.FACILITATOR
    assert testimony.consent_method == ConsentMethod.PAPER
    assert testimony.entered_by == facilitator and testimony.participant is None


def test_the_event_page_tells_facilitators_what_waits(
    client_for, facilitator, setting, settings, tmp_path
):
    settings.VOICE_MODEL_DIR = str(tmp_path / "no-model")
    started = services.recording_start(
        event=setting,
        consent_text=consent_text_current(language="fr"),
        scopes=["research"],
    )
    from tests.voice.clips import espeak_available, make_clip

    if not espeak_available():
        pytest.skip("espeak-ng is not installed")
    services.recording_upload_chunk(
        recording=started.recording,
        submission_key=started.submission_key,
        offset=0,
        data=make_clip(tmp_path, "fr").read_bytes(),
        final=True,
    )
    services.recording_transcribe(recording_id=started.recording.pk)
    client = client_for(facilitator)
    page = client.get(f"/events/{setting.slug}/").content.decode()
    assert "1 spoken story waits for manual transcription" in page
    assert "please tell the administrator" in page
    french = client.get(f"/events/{setting.slug}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "attend une mise par écrit à la main" in french
