"""Intercoder agreement: the report, its CSV, the disagreements and their reconciliation."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_record
from coding import selectors, services
from coding.forms import AgreementFilterForm, ReconcileForm
from coding.views.common import CODERS, codebook_for_request, is_blind, safe_next, story_copy
from core.access import roles_required
from core.exports import csv_writer
from core.form_views import post_action
from core.keyset import keyset_page, without_jit
from core.replica import replica_view


def _agreement_filters(request):
    form = AgreementFilterForm(request.GET or None)
    book, event, rollup = None, None, False
    if form.is_valid():
        book, event = form.cleaned_data["codebook"], form.cleaned_data["event"]
        rollup = form.cleaned_data["rollup"]
    return form, book or codebook_for_request(request), event, rollup


def _blind_page(request, template: str, form):
    """While the coder codes blind, these pages (which name who coded what) say so and offer
    to leave blind mode, instead of showing other coders' work."""
    return render(request, template, {"form": form, "blind": True})


@roles_required(*CODERS)
@replica_view
def agreement(request):
    form, book, event, rollup = _agreement_filters(request)
    if is_blind(request):
        return _blind_page(request, "coding/agreement.html", form)
    report = selectors.agreement_report(
        user=request.user, codebook=book, event=event, rollup=rollup
    )
    if request.GET.get("download") == "csv":
        audit_record(
            action=Action.EXPORT_DOWNLOADED,
            target=book,
            details={"dataset": "agreement", "format": "csv"},
        )
        return _agreement_csv(report)
    query = request.GET.copy()
    query["download"] = "csv"
    return render(
        request,
        "coding/agreement.html",
        {"form": form, "report": report, "csv_query": query.urlencode()},
    )


def _agreement_csv(report) -> HttpResponse:
    """One row per code (or group) and pair of coders, for a paper's appendix."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="intercoder-agreement.csv"'
    # SECURITY: code labels are user text; core.exports guards them against formula injection.
    writer = csv_writer(response)
    writer.writerow(
        [
            "kind",
            "code_key",
            "code",
            "stories",
            "coders",
            "percent_agreement",
            "alpha_nominal",
            "coder_a",
            "coder_b",
            "pair_stories",
            "cohen_kappa",
        ]
    )

    def figure(value):
        # NOTE: a number, not text, so a negative kappa stays a number after the guard.
        return "" if value is None else round(float(value), 4)

    for kind, rows in (("code", report["codes"]), ("group", report["groups"])):
        for row in rows:
            base = [
                kind,
                row["code"].key,
                row["code"].label,
                row["units"],
                row["coders"],
                figure(row["percent_agreement"]),
                figure(row["alpha"]),
            ]
            if not row["pairs"]:
                writer.writerow([*base, "", "", "", ""])
            for pair in row.get("machine_pairs", []):
                # NOTE: the machine as a coder (its suggestions) against one researcher.
                writer.writerow(
                    [*base, "machine", pair["coder"], pair["units"], figure(pair["kappa"])]
                )
            for pair in row["pairs"]:
                writer.writerow(
                    [
                        *base,
                        pair["coders"][0],
                        pair["coders"][1],
                        pair["units"],
                        figure(pair["kappa"]),
                    ]
                )
    return response


@roles_required(*CODERS)
def disagreement_list(request):
    form, book, event, _rollup = _agreement_filters(request)
    if is_blind(request):
        return _blind_page(request, "coding/disagreements.html", form)
    pairs = selectors.disagreement_pairs(user=request.user, codebook=book, event=event)
    with without_jit():
        page = keyset_page(pairs, cursor=request.GET.get("cursor"), size=50)
        page.object_list = selectors.disagreement_rows(page.object_list, codebook=book)
    return render(
        request,
        "coding/disagreements.html",
        {
            "form": form,
            "page": page,
            "codebook": book,
            "reconcile_form": ReconcileForm(),
        },
    )


@roles_required(*CODERS)
@require_POST
def reconcile(request, testimony_id: int, code_id: int):
    copy = story_copy(request, testimony_id)
    code = get_object_or_404(selectors.codes_for_user(user=request.user), pk=code_id)
    form = ReconcileForm(request.POST)
    return post_action(
        request,
        form=form,
        invalid_message=_("Choose whether the code applies."),
        action=lambda: services.reconciliation_record(
            testimony=copy.testimony, code=code, user=request.user, **form.cleaned_data
        ),
        success_message=_("Decision recorded."),
        redirect_to=safe_next(request, reverse("coding:disagreements")),
    )
