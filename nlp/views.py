"""NLP pages: bulk jobs with live progress, lexicon editing, classifier versions, failures."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import RESEARCH_TEAM, Role, user_has_role
from coding.selectors import default_codes
from core.access import roles_required
from core.form_views import form_submit, post_action
from events.models import Event
from nlp import selectors, services
from nlp.forms import LANGUAGE_CHOICES, JobForm, LexiconEntryForm, LexiconFilterForm
from nlp.models import LexiconEntry

RESEARCH_ROLES = RESEARCH_TEAM
# A lexicon holds up to some 1,400 entries in a language: the page shows them a hundred at a time.
LEXICON_PAGE_SIZE = 100


def _code_choices() -> list[tuple[str, str]]:
    """The codes a lexicon entry may point to, labelled in the reader's language."""
    codes = {key: str(code.label) for key, code in default_codes().items()}
    keys = set(codes) | services.shipped_code_keys()
    return sorted(((key, codes.get(key, key)) for key in keys), key=lambda c: c[1])


def _events():
    return Event.objects.order_by("-starts_at").only("id", "title")[:500]


@roles_required(*RESEARCH_ROLES)
def overview(request):
    return form_submit(
        request,
        JobForm(request.POST if request.method == "POST" else None, events=_events()),
        action=lambda form: services.job_create(
            kind=form.cleaned_data["kind"],
            filters=form.filters(),
            batch_size=form.cleaned_data["batch_size"],
            user=request.user,
        ),
        success_message=_("The job has started."),
        success_url=lambda job: reverse("nlp:job", args=[job.pk]),
        template="nlp/overview.html",
        context=lambda: {
            "jobs": Paginator(selectors.job_list_for_user(user=request.user), 25).get_page(
                request.GET.get("page")
            ),
            "is_admin": user_has_role(request.user, Role.ADMIN),
        },
    )


@roles_required(*RESEARCH_ROLES)
def job_detail(request, pk: int):
    job = get_object_or_404(selectors.job_list_for_user(user=request.user), pk=pk)
    return render(
        request, "nlp/job_detail.html", {"job": job, "progress": selectors.job_progress(job=job)}
    )


JOB_ACTIONS = {
    "pause": (services.job_pause, gettext_lazy("The job is paused.")),
    "resume": (services.job_resume, gettext_lazy("The job has resumed.")),
    "cancel": (services.job_cancel, gettext_lazy("The job is cancelled.")),
}


@roles_required(*RESEARCH_ROLES)
@require_POST
def job_action(request, pk: int, action: str):
    if action not in JOB_ACTIONS:
        raise Http404
    job = get_object_or_404(selectors.job_list_for_user(user=request.user), pk=pk)
    service, done = JOB_ACTIONS[action]
    return post_action(
        request,
        action=lambda: service(job=job, user=request.user),
        success_message=done,
        redirect_to=reverse("nlp:job", args=[job.pk]),
    )


@roles_required(*RESEARCH_ROLES)
def lexicon(request):
    codes = _code_choices()
    languages = dict(LANGUAGE_CHOICES)
    filters = LexiconFilterForm(request.GET or None, codes=codes)
    language, code = "fr", ""
    if filters.is_valid():
        language = filters.cleaned_data["language"] or "fr"
        code = filters.cleaned_data["code"] or ""
    if request.method == "POST":
        form = LexiconEntryForm(request.POST, codes=codes)
    else:
        form = LexiconEntryForm(codes=codes, initial={"code_key": code})

    def page():
        scope = {"user": request.user, "language": language, "code_key": code}
        entries = Paginator(selectors.lexicon_entries_for_user(**scope), LEXICON_PAGE_SIZE)
        entries = entries.get_page(request.GET.get("page"))
        counts = selectors.lexicon_counts_for_user(**scope) if entries.has_other_pages() else {}
        labels = dict(codes)
        groups: dict[str, list[LexiconEntry]] = {}
        for entry in entries:
            groups.setdefault(entry.code_key, []).append(entry)
        return {
            "filters": filters,
            "language": language,
            "language_name": languages.get(language, language),
            "groups": [
                (key, labels.get(key, key), counts.get(key, len(rows)), rows)
                for key, rows in groups.items()
            ],
            "entries": entries,
            "revision": services.lexicon_revision(language),
        }

    return form_submit(
        request,
        form,
        action=lambda form: services.lexicon_entry_create(
            language=language,
            code_key=form.cleaned_data["code_key"],
            kind=form.cleaned_data["kind"],
            value=form.cleaned_data["value"],
            user=request.user,
        ),
        success_message=_("The term was added."),
        success_url=request.get_full_path(),
        template="nlp/lexicon.html",
        context=page,
    )


def _back(request):
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "nlp:lexicon"
    return redirect(target)


def _entry(request, pk):
    return get_object_or_404(selectors.lexicon_entries_for_user(user=request.user), pk=pk)


@roles_required(*RESEARCH_ROLES)
@require_POST
def lexicon_entry_toggle(request, pk: int):
    entry = _entry(request, pk)
    services.lexicon_entry_update(entry=entry, user=request.user, is_active=not entry.is_active)
    messages.success(request, _("The term was updated."))
    return _back(request)


@roles_required(*RESEARCH_ROLES)
@require_POST
def lexicon_entry_delete(request, pk: int):
    entry = _entry(request, pk)
    services.lexicon_entry_delete(entry=entry, user=request.user)
    messages.success(request, _("The term was removed."))
    return _back(request)


@roles_required(*RESEARCH_ROLES)
def classifier(request):
    if request.method == "POST":
        services.classifier_request(user=request.user)
        messages.success(request, _("Training has been queued; refresh this page in a while."))
        return redirect("nlp:classifier")
    versions = Paginator(selectors.classifier_versions_for_user(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "nlp/classifier.html", {"versions": versions})


@roles_required(Role.ADMIN)
def failures(request):
    show_all = request.GET.get("all") == "1"
    rows = Paginator(
        selectors.failures_for_user(user=request.user, include_resolved=show_all), 50
    ).get_page(request.GET.get("page"))
    return render(request, "nlp/failures.html", {"failures": rows, "show_all": show_all})


@roles_required(Role.ADMIN)
@require_POST
def failure_resolve(request, pk: int):
    failure = get_object_or_404(
        selectors.failures_for_user(user=request.user, include_resolved=True), pk=pk
    )
    services.failure_resolve(failure=failure, user=request.user)
    messages.success(request, _("The failure is marked as resolved."))
    return redirect("nlp:failures")
