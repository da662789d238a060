"""An event's sessions and the log a facilitator keeps of each."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import roles_required
from core.form_views import form_submit
from events import selectors, services
from events.forms import SessionForm, SessionLogForm
from events.models import SessionLog
from events.views.common import EDITORS, event_url

SESSION_FIELDS = ("title", "starts_at", "duration_minutes", "format")


@roles_required(*EDITORS)
def session_form(request, slug, pk=None):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    session = get_object_or_404(event.sessions, pk=pk) if pk else None
    kwargs = {"instance": session} if session else {}

    def save(form):
        data = form.cleaned_data
        fields = {name: data[name] for name in SESSION_FIELDS}
        if session:
            return services.session_update(
                session=session, facilitators=data["facilitators"], **fields
            )
        return services.session_create(event=event, facilitators=data["facilitators"], **fields)

    return form_submit(
        request,
        SessionForm(request.POST or None, event=event, **kwargs),
        action=save,
        success_message=_("The session was saved."),
        success_url=event_url(event, "#sessions"),
        template="events/session_form.html",
        context={"event": event, "session": session},
    )


@require_POST
@roles_required(*EDITORS)
def session_delete(request, slug, pk):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    session = get_object_or_404(event.sessions, pk=pk)
    services.session_delete(session=session)
    messages.success(request, _("The session was deleted."))
    return redirect(event_url(event, "#sessions"))


@roles_required(*EDITORS)
def session_log(request, slug, pk):
    """The form a facilitator fills in on a phone during or right after a session."""
    event = selectors.event_get_editable(user=request.user, slug=slug)
    session = get_object_or_404(event.sessions, pk=pk)
    log = SessionLog.objects.filter(session=session).first()
    return form_submit(
        request,
        SessionLogForm(request.POST or None, instance=log or SessionLog(session=session)),
        action=lambda form: services.session_log_save(
            session=session, user=request.user, **form.cleaned_data
        ),
        success_message=_("The session log was saved."),
        success_url=event_url(event, "#sessions"),
        template="events/session_log_form.html",
        context={"event": event, "session": session, "log": log},
    )
