"""An event's commitments: the board, the form and status changes."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import roles_required
from core.form_views import form_submit, post_action
from events import selectors, services
from events.forms import CommitmentForm, CommitmentStatusForm
from events.models import Commitment, CommitmentStatusChange
from events.views.common import EDITORS, READERS, can_edit

COMMITMENT_FIELDS = ("description", "organisation", "session", "due_date", "public_progress_note")


@roles_required(*READERS)
def commitment_board(request, slug):
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    commitments = selectors.commitment_list_for_event(event=event).prefetch_related(
        Prefetch(
            "history",
            queryset=CommitmentStatusChange.objects.select_related("changed_by").order_by(
                "-changed_at", "-id"
            ),
        )
    )
    columns = {status: [] for status in Commitment.Status.values}
    for commitment in commitments:
        columns[commitment.status].append(commitment)
    return render(
        request,
        "events/commitment_board.html",
        {
            "event": event,
            "can_edit": can_edit(request, event),
            "columns": [
                (status, label, columns[status]) for status, label in Commitment.Status.choices
            ],
            "status_choices": Commitment.Status.choices,
        },
    )


@roles_required(*EDITORS)
def commitment_form(request, slug, pk=None):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    commitment = get_object_or_404(event.commitments, pk=pk) if pk else None
    kwargs = {"instance": commitment} if commitment else {}

    def save(form):
        data = form.cleaned_data
        fields = {name: data[name] for name in COMMITMENT_FIELDS}
        common = {"user": request.user, "themes": data["themes"], "status": data["status"]}
        if commitment:
            return services.commitment_update(
                commitment=commitment, status_note=data["status_note"], **common, **fields
            )
        return services.commitment_create(event=event, **common, **fields)

    return form_submit(
        request,
        CommitmentForm(request.POST or None, event=event, **kwargs),
        action=save,
        success_message=_("The commitment was saved."),
        success_url=reverse("events:commitments", args=[event.slug]),
        template="events/commitment_form.html",
        context={"event": event, "commitment": commitment},
    )


@require_POST
@roles_required(*EDITORS)
def commitment_status(request, slug, pk):
    event = selectors.event_get_editable(user=request.user, slug=slug)
    commitment = get_object_or_404(event.commitments, pk=pk)
    form = CommitmentStatusForm(request.POST)
    return post_action(
        request,
        form=form,
        invalid_message=_("Unknown status."),
        action=lambda: services.commitment_status_change(
            commitment=commitment,
            user=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        ),
        success_message=_("The commitment's status was changed."),
        redirect_to=reverse("events:commitments", args=[event.slug]) + f"#commitment-{pk}",
    )
