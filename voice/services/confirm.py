"""The speaker confirms the transcript (it becomes the story); erasure; audited listening."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_record
from core.exceptions import ApplicationError, NotFoundError
from testimonies.models import Channel, ConsentMethod, Scope, Testimony
from testimonies.services import Submission, SubmissionDraft, testimony_create
from voice import storage
from voice.models import Recording, RecordingListen
from voice.selectors import recording_listenable

logger = logging.getLogger(__name__)


def recording_confirm(
    *, recording: Recording, text: str, submission_key: str, participant=None
) -> Submission:
    """The text the speaker read and corrected becomes the story, with the consent given before
    recording; the recording is erased unless the speaker chose to keep it. Only this confirmed
    text reaches the research copy, redaction and suggestions (through ``testimony_create``)."""
    with transaction.atomic():
        locked = Recording.objects.select_for_update().get(pk=recording.pk)
        if locked.status == Recording.Status.CONFIRMED and locked.testimony_id:
            raise ApplicationError(_("This recording is already your story."))
        if locked.status not in (Recording.Status.TRANSCRIBED, Recording.Status.MANUAL):
            raise ApplicationError(_("The transcript is not ready yet."))
        facilitator = locked.entered_by
        draft = SubmissionDraft(
            event=locked.event,
            consent_text=locked.consent_text,
            scopes=locked.scopes,
            text=(text or "").strip(),
            declared_language=locked.language,
            channel=Channel.FACILITATOR if facilitator else Channel.ONLINE,
            consent_method=locked.consent_method if facilitator else ConsentMethod.ONLINE,
            entered_by=facilitator,
            participant=None if facilitator else (participant or locked.participant),
            submission_key=submission_key,
        )
        submission = testimony_create(draft=draft)
        locked.testimony = submission.testimony
        locked.status = Recording.Status.CONFIRMED
        if Scope.VOICE_KEEP not in locked.scopes:
            locked.audio_stored = False
            # NOTE: after the commit, so a rolled-back confirmation keeps its recording.
            transaction.on_commit(lambda: storage.erase(locked))
        locked.save()
    return submission


def recording_erase_for_testimony(testimony_id: int) -> None:
    """Erasure hook: a withdrawn story loses its recording (file and row) at once."""
    for recording in Recording.objects.filter(testimony_id=testimony_id):
        storage.erase(recording)
        recording.delete()
        audit_record(action=Action.RECORDING_ERASED, target=("testimony", testimony_id))


def recording_narrow_for_testimony(testimony_id: int, scopes) -> None:
    """Narrowing hook: taking back "keep my recording" erases the file."""
    if Scope.VOICE_KEEP not in set(scopes):
        return
    for recording in Recording.objects.filter(testimony_id=testimony_id, audio_stored=True):
        storage.erase(recording)
        recording.audio_stored = False
        recording.save(update_fields=["audio_stored", "updated_at"])
        audit_record(action=Action.RECORDING_ERASED, target=("testimony", testimony_id))


def recording_listen(*, user, testimony: Testimony, via: str = "web", record: bool = True) -> bytes:
    """The audio of a confirmed story for a researcher allowed to hear it, after logging who
    listened. Allowed: the story is active with research consent, the speaker ticked
    "researchers may listen", the recording is kept, and the researcher holds the explicit
    original-text grant (a voice identifies a person like the original text). Otherwise 404."""
    recording = recording_listenable(user=user, testimony=testimony)
    allowed = recording is not None
    if not allowed:
        raise NotFoundError()
    if not record:
        return storage.audio_read(recording)
    with transaction.atomic():
        RecordingListen.objects.create(recording=recording, user=user)
        audit_record(
            action=Action.RECORDING_LISTENED, actor=user, target=testimony, details={"via": via}
        )
    return storage.audio_read(recording)
