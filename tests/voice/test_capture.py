"""Spoken stories from the event's link: start, chunked upload (resume, bad input), confirm,
erasure; the model's absence leaves the recording for manual transcription."""

import pytest
from django.contrib.auth.models import Permission

from testimonies import services as testimony_services
from testimonies.models import Testimony
from testimonies.selectors import consent_text_current
from voice import services, storage
from voice.models import Recording

pytestmark = pytest.mark.django_db


def start(client, event, scopes=("research",)):
    consent = consent_text_current(language="en")
    response = client.post(
        f"/t/{event.submission_token}/speak/",
        {"consent_text": consent.pk, "scopes": list(scopes)},
    )
    assert response.status_code == 302
    recording = Recording.objects.get()
    key = client.session["voice_keys"][str(recording.public_id)]
    return recording, key


def send(client, recording, key, data, *, offset=0, final=True):
    query = f"?offset={offset}" + ("&final=1" if final else "")
    return client.post(
        f"/speak/{recording.public_id}/upload/{query}",
        data=data,
        content_type="application/octet-stream",
        HTTP_X_SUBMISSION_KEY=key,
    )


def test_the_story_step_offers_to_speak(client, event):
    consent = consent_text_current(language="en")
    response = client.post(
        f"/t/{event.submission_token}/",
        {"step": "consent", "consent_text": consent.pk, "scope_research": "on"},
    )
    assert f"/t/{event.submission_token}/speak/" in response.content.decode()


def test_voice_scopes_are_offered_unticked(client, event):
    body = client.get(f"/t/{event.submission_token}/").content.decode()
    for name in ("scope_voice_keep", "scope_voice_listen"):
        assert f'name="{name}"' in body
        tag = body[body.index(f'name="{name}"') - 200 : body.index(f'name="{name}"') + 100]
        assert "checked" not in tag


def test_without_research_consent_nothing_starts(client, event):
    consent = consent_text_current(language="en")
    response = client.post(f"/t/{event.submission_token}/speak/", {"consent_text": consent.pk})
    assert response.status_code == 400
    assert not Recording.objects.exists()


def test_chunked_upload_resumes_and_queues(client, event, clip, settings):
    settings.VOICE_CHUNK_BYTES = 64 * 1024
    recording, key = start(client, event)
    page = client.get(f"/speak/{recording.public_id}/").content.decode()
    assert (
        "Send my recording" in page
        and "-" in client.session["voice_new_codes"][str(recording.public_id)]
    )
    first = clip[: 64 * 1024]
    assert send(client, recording, key, first, final=False).json()["received"] == len(first)
    # The same chunk again (its answer was lost): ignored. A gap: a conflict with the offset.
    assert send(client, recording, key, first, final=False).json()["received"] == len(first)
    gap = send(client, recording, key, b"x", offset=len(first) + 10, final=False)
    assert gap.status_code == 409 and gap.json()["received"] == len(first)
    assert client.get(f"/speak/{recording.public_id}/upload/").json()["received"] == len(first)
    offset = len(first)
    while offset < len(clip):
        part = clip[offset : offset + 64 * 1024]
        last = offset + len(part) >= len(clip)
        answer = send(client, recording, key, part, offset=offset, final=last).json()
        offset = answer["received"]
    recording.refresh_from_db()
    assert recording.status == Recording.Status.QUEUED
    assert recording.audio_stored and 7 < recording.duration_seconds < 12
    # Encrypted at rest: the file on disk is not the WAV.
    raw = (storage.path_of(recording) / "audio").read_bytes()
    assert b"RIFF" not in raw[:64] and storage.audio_read(recording) == clip


def test_a_wrong_submission_key_is_refused(client, event, clip):
    recording, _key = start(client, event)
    assert send(client, recording, "not-the-key", clip).status_code == 404
    recording.refresh_from_db()
    assert recording.received_bytes == 0


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"%PDF-1.4 this is not audio at all" * 50, "not a recording"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 200, "damaged"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_kept(client, event, data, words):
    recording, key = start(client, event)
    answer = send(client, recording, key, data)
    assert answer.status_code == 400
    assert words in answer.json()["error"].lower() or "no sound" in answer.json()["error"].lower()
    recording.refresh_from_db()
    assert recording.status == Recording.Status.UPLOADING and recording.received_bytes == 0
    assert not list(storage.path_of(recording).glob("*"))


def test_an_oversized_upload_is_refused_and_dropped(client, event, clip, settings):
    settings.VOICE_MAX_BYTES = len(clip) - 1
    recording, key = start(client, event)
    answer = send(client, recording, key, clip)
    assert answer.status_code == 400 and "MB" in answer.json()["error"]
    assert not list(storage.path_of(recording).glob("*"))


def test_too_long_a_recording_is_refused(client, event, clip, settings):
    settings.VOICE_MAX_SECONDS = 2
    recording, key = start(client, event)
    answer = send(client, recording, key, clip)
    assert answer.status_code == 400 and "longer than" in answer.json()["error"]


def test_another_session_cannot_reach_the_recording(client, event, clip, django_user_model):
    from django.test import Client

    recording, key = start(client, event)
    other = Client()
    for url in ("", "upload/", "progress.json", "audio/"):
        assert other.get(f"/speak/{recording.public_id}/{url}").status_code == 404


def uploaded(client, event, clip, scopes=("research",)):
    recording, key = start(client, event, scopes)
    assert send(client, recording, key, clip).status_code == 200
    recording.refresh_from_db()
    return recording, key


def test_a_missing_model_leaves_it_for_manual_transcription(
    client, event, clip, settings, tmp_path, caplog
):
    settings.VOICE_MODEL_DIR = str(tmp_path / "no-model")
    recording, _key = uploaded(client, event, clip)
    with caplog.at_level("ERROR", logger="voice"):
        assert services.recording_transcribe(recording_id=recording.pk) == "manual"
    assert len([r for r in caplog.records if r.name.startswith("voice")]) == 1
    recording.refresh_from_db()
    assert recording.problem == Recording.Problem.MODEL and recording.audio_stored
    page = client.get(f"/speak/{recording.public_id}/").content.decode()
    assert "could not be written down automatically" in page


def test_confirmed_text_becomes_the_story_and_the_recording_is_erased(
    client, event, clip, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.VOICE_MODEL_DIR = str(tmp_path / "no-model")
    recording, _key = uploaded(client, event, clip)
    services.recording_transcribe(recording_id=recording.pk)
    folder = storage.path_of(recording)
    assert (folder / "audio").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/speak/{recording.public_id}/", {"text": "I waited six hours at the hospital."}
        )
    assert response.status_code == 200 and "Your story is saved" in response.content.decode()
    testimony = Testimony.objects.get()
    assert testimony.text == "I waited six hours at the hospital."
    assert testimony.scope_research and not testimony.scope_voice_keep
    recording.refresh_from_db()
    assert recording.testimony == testimony and not recording.audio_stored
    assert not folder.exists()


def test_kept_recording_is_erased_on_withdrawal(client, event, clip, settings, tmp_path):
    settings.VOICE_MODEL_DIR = str(tmp_path / "no-model")
    recording, _key = uploaded(client, event, clip, scopes=("research", "voice_keep"))
    services.recording_transcribe(recording_id=recording.pk)
    client.post(f"/speak/{recording.public_id}/", {"text": "My story in my words."})
    testimony = Testimony.objects.get()
    folder = storage.path_of(recording)
    assert (folder / "audio").exists()
    testimony_services.testimony_withdraw(testimony=testimony, actor="participant")
    assert not folder.exists()
    assert not Recording.objects.exists()


def test_listening_needs_the_scope_the_grant_and_is_audited(
    client, event, clip, settings, tmp_path, client_for, researcher
):
    from audit.models import AuditEntry

    settings.VOICE_MODEL_DIR = str(tmp_path / "no-model")
    scopes = ("research", "voice_keep", "voice_listen")
    recording, _key = uploaded(client, event, clip, scopes=scopes)
    services.recording_transcribe(recording_id=recording.pk)
    client.post(f"/speak/{recording.public_id}/", {"text": "My story in my words."})
    testimony = Testimony.objects.get()
    url = f"/research/stories/{testimony.public_id}/recording/"
    reader = client_for(researcher)
    assert reader.get(url).status_code == 404  # no grant
    researcher.user_permissions.add(Permission.objects.get(codename="view_original_text"))
    reader = client_for(researcher)
    whole = reader.get(url)
    assert whole.status_code == 200 and whole.content == clip
    assert AuditEntry.objects.filter(action="recording.listened").count() == 1
    part = reader.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206 and part.content == clip[100:200]
    assert part["Content-Range"] == f"bytes 100-199/{len(clip)}"
    assert AuditEntry.objects.filter(action="recording.listened").count() == 1
    testimony_services.testimony_withdraw(
        testimony=testimony, scopes=["voice_listen"], actor="participant"
    )
    assert reader.get(url).status_code == 404


def test_return_with_the_code(client, event, clip):
    from django.test import Client

    recording, _key = start(client, event)
    code = client.session["voice_new_codes"][str(recording.public_id)]
    other = Client()
    assert other.post("/speak/return/", {"code": "WRONG-CODE"}).status_code == 400
    answer = other.post("/speak/return/", {"code": code.lower().replace("-", " ")})
    assert answer.status_code == 302
    assert other.get(f"/speak/{recording.public_id}/").status_code == 200
