"""Pages of the voice app: record or upload, follow the transcription, confirm the text.

Anyone with the event's link may start a recording; afterwards only the browser session that
started it (or came back with its return code) reaches it: another's recording is a 404.
"""

import json

from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.roles import EVENT_TEAM, RESEARCH_TEAM
from core.access import public, roles_required
from core.exceptions import ApplicationError, ConflictError, NotFoundError
from core.validation import parse_positive_int
from events.selectors import event_list_for_user
from testimonies import selectors as testimony_selectors
from testimonies.models import ConsentText, Scope, Testimony
from testimonies.receipt_pages import receipt_context
from voice import selectors, services, storage
from voice.models import Recording
from voice.streaming import audio_response, range_start

SESSION_IDS = "voice_recordings"
SESSION_KEYS = "voice_keys"
SESSION_CODES = "voice_new_codes"


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def _remember(request, recording, *, key: str, code: str = "") -> None:
    ids = list(request.session.get(SESSION_IDS, []))
    if str(recording.public_id) not in ids:
        ids.append(str(recording.public_id))
    request.session[SESSION_IDS] = ids[-20:]
    request.session[SESSION_KEYS] = {
        **request.session.get(SESSION_KEYS, {}),
        str(recording.public_id): key,
    }
    if code:
        request.session[SESSION_CODES] = {
            **request.session.get(SESSION_CODES, {}),
            str(recording.public_id): code,
        }


def _mine(request, public_id) -> Recording:
    recording = selectors.recording_for_session(
        public_id=public_id, allowed_ids=request.session.get(SESSION_IDS, [])
    )
    if recording is None:
        raise Http404
    return recording


def _key(request, recording) -> str:
    return request.session.get(SESSION_KEYS, {}).get(str(recording.public_id), "")


@public
@never_cache
def speak(request, token: str):
    """From the story step: start a recording with the consent just given."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    event = testimony_selectors.event_for_submission_token(token=token)
    if event is None:
        raise Http404
    pk = parse_positive_int(request.POST.get("consent_text", ""))
    consent_text = ConsentText.objects.filter(pk=pk).first() if pk else None
    scopes = [s for s in request.POST.getlist("scopes") if s in Scope.values]
    try:
        started = services.recording_start(
            event=event, consent_text=consent_text, scopes=scopes, participant=request.user
        )
    except ApplicationError as error:
        return _no_store(
            render(request, "voice/problem.html", {"message": error.message}, status=400)
        )
    _remember(request, started.recording, key=started.submission_key, code=started.return_code)
    return redirect("voice:recording", public_id=started.recording.public_id)


@roles_required(*EVENT_TEAM)
@never_cache
def facilitator_speak(request, event_id):
    """From the facilitator's entry page: record a participant's story on their behalf, with
    the consent they witnessed (the same fields as the written entry; the text comes later)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    event = get_object_or_404(event_list_for_user(user=request.user), pk=event_id)
    pk = parse_positive_int(request.POST.get("consent_text", ""))
    consent_text = ConsentText.objects.filter(pk=pk).first() if pk else None
    scopes = [s for s in Scope.values if request.POST.get(f"scope_{s}")]
    try:
        started = services.recording_start(
            event=event,
            consent_text=consent_text,
            scopes=scopes,
            entered_by=request.user,
            consent_method=request.POST.get("consent_method", ""),
            witnessed=bool(request.POST.get("witnessed")),
        )
    except ApplicationError as error:
        context = {"message": error.message}
        return _no_store(render(request, "voice/problem.html", context, status=400))
    _remember(request, started.recording, key=started.submission_key, code=started.return_code)
    return redirect("voice:recording", public_id=started.recording.public_id)


@public
@never_cache
def speak_return(request):
    """Come back to a recording with its return code (from another device, later)."""
    error = ""
    if request.method == "POST":
        try:
            recording = services.recording_for_return_code(request.POST.get("code", ""))
        except NotFoundError:
            error = _("No recording waits with this code. Please check it and try again.")
        else:
            key = services.recording_rekey(recording=recording)
            _remember(request, recording, key=key)
            return redirect("voice:recording", public_id=recording.public_id)
    status = 400 if error else 200
    return _no_store(render(request, "voice/return.html", {"error": error}, status=status))


@public
@never_cache
def recording(request, public_id):
    """The recording's page, whatever its state: record/upload, progress, check and confirm."""
    rec = _mine(request, public_id)
    code = request.session.get(SESSION_CODES, {}).get(str(rec.public_id), "")
    context = {
        "recording": rec,
        "return_code": code,
        "submission_key": _key(request, rec),
        "max_mb": _max_mb(),
        "max_minutes": _max_minutes(),
        "error": "",
        "text": rec.transcript,
    }
    if request.method == "POST" and rec.status in (
        Recording.Status.TRANSCRIBED,
        Recording.Status.MANUAL,
    ):
        text = request.POST.get("text", "")
        try:
            submission = services.recording_confirm(
                recording=rec,
                text=text,
                submission_key=_key(request, rec),
                participant=request.user,
            )
        except ApplicationError as error:
            messages = [error.message, *sum((error.field_errors or {}).values(), [])]
            context |= {"error": " ".join(str(m) for m in messages), "text": text}
            return _no_store(render(request, "voice/recording.html", context, status=400))
        page = receipt_context(request, submission.testimony, code=submission.withdrawal_code)
        return _no_store(render(request, "testimonies/receipt.html", page | {"switcher": None}))
    return _no_store(render(request, "voice/recording.html", context))


def _max_mb() -> int:
    from django.conf import settings

    return settings.VOICE_MAX_BYTES // (1024 * 1024)


def _max_minutes() -> int:
    from django.conf import settings

    return settings.VOICE_MAX_SECONDS // 60


@public
@never_cache
def upload(request, public_id):
    """GET: how many bytes the server has (to resume). POST: one chunk at ``?offset=``, the
    last one with ``&final=1``; the body is the raw bytes; the header X-Submission-Key."""
    rec = _mine(request, public_id)
    if request.method == "GET":
        return JsonResponse({"received": rec.received_bytes, "status": rec.status})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    offset = parse_positive_int(request.GET.get("offset", "0"))
    if offset is None and request.GET.get("offset", "0") != "0":
        return JsonResponse({"error": _("The upload is not valid.")}, status=400)
    try:
        result = services.recording_upload_chunk(
            recording=rec,
            submission_key=request.headers.get("X-Submission-Key", ""),
            offset=offset or 0,
            data=request.body,
            final=request.GET.get("final") == "1",
        )
    except NotFoundError:
        raise Http404 from None
    except ConflictError as error:
        rec.refresh_from_db()
        return JsonResponse({"error": error.message, "received": rec.received_bytes}, status=409)
    except ApplicationError as error:
        return JsonResponse({"error": error.message, "received": 0}, status=400)
    return JsonResponse({"received": result.received, "complete": result.complete})


@public
@never_cache
def progress(request, public_id):
    rec = _mine(request, public_id)
    return JsonResponse(
        {
            "status": rec.status,
            "label": str(rec.get_status_display()),
            "progress": round(rec.progress, 3),
        }
    )


@public
@never_cache
def audio(request, public_id):
    """The speaker listens back to their own recording (Range for seeking)."""
    rec = _mine(request, public_id)
    if not rec.audio_stored or not storage.audio_exists(rec):
        raise Http404
    return audio_response(request, storage.audio_read(rec), container=rec.container)


@roles_required(*RESEARCH_TEAM)
@never_cache
def research_recording(request, public_id):
    """A researcher allowed to listen (voice/README.md) hears a confirmed story's recording;
    each listening (a request from the start of the file) is recorded."""
    testimony = get_object_or_404(Testimony, public_id=public_id)
    rec = selectors.recording_for_testimony(testimony=testimony)
    if rec is None:
        raise Http404
    try:
        # NOTE: a seek asks for a later range of the same listening: not recorded again.
        data = services.recording_listen(
            user=request.user, testimony=testimony, record=range_start(request) == 0
        )
    except NotFoundError:
        raise Http404 from None
    return audio_response(request, data, container=rec.container)


def words_json(recording) -> str:
    return json.dumps(selectors.recording_words(recording), ensure_ascii=False)
