"""Administrators: consent text versions, and the log of reads of original texts."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import Role
from core.access import roles_required
from core.form_views import form_submit
from core.keyset import keyset_page
from core.validation import parse_positive_int
from testimonies import selectors, services
from testimonies.forms import ConsentTextForm, GrantForm
from testimonies.models import ConsentText


@roles_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def consent_text_admin(request):
    """Every version per language; publish a new version (the only way to change a used one)."""
    if request.method == "POST":
        form = ConsentTextForm(request.POST)
    else:
        form = ConsentTextForm(initial={"language": get_language() or "en"})
    return form_submit(
        request,
        form,
        action=lambda form: services.consent_text_create(user=request.user, **form.cleaned_data),
        success_message=lambda text: (
            _("Version %(version)s (%(language)s) is published.")
            % {"version": text.version, "language": text.language}
        ),
        success_url="testimonies:consent_text_admin",
        template="testimonies/consent_text_admin.html",
        context=lambda: {"texts": selectors.consent_texts_with_use()},
        invalid_status=400,
    )


@roles_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def consent_text_edit(request, pk):
    """Correct a version nobody has agreed to yet; a used version is shown read-only."""
    text = get_object_or_404(ConsentText, pk=pk)
    used = selectors.consent_text_is_used(consent_text=text)
    if request.method == "POST" and used:
        # The template says why: a used version is read-only.
        return render(
            request,
            "testimonies/consent_text_edit.html",
            {"form": None, "text": text, "used": used, "refused": True},
            status=409,
        )
    if request.method == "POST":
        form = ConsentTextForm(request.POST)
    else:
        form = ConsentTextForm(
            initial={"language": text.language, "title": text.title, "body": text.body}
        )

    def page():
        # NOTE: the language is disabled for display only, once the form is validated: a
        # disabled field would validate its (empty) initial value instead of the posted one.
        form.fields["language"].disabled = True
        return {"text": text, "used": used, "refused": False}

    return form_submit(
        request,
        form,
        action=lambda form: services.consent_text_update(
            consent_text=text, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
        ),
        success_message=_("The consent text is corrected."),
        success_url="testimonies:consent_text_admin",
        template="testimonies/consent_text_edit.html",
        context=page,
        invalid_status=400,
    )


@roles_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def original_text_audit(request):
    """Who holds the explicit grant to read original texts, and who read which one, when
    (never the text itself). Admins grant and revoke here."""
    if request.method == "POST" and request.POST.get("action") == "revoke":
        holder = get_object_or_404(
            selectors.original_text_grant_holders(),
            pk=parse_positive_int(request.POST.get("user", "")) or 0,
        )
        services.original_text_revoke(user=holder)
        messages.success(request, _("The grant is revoked."))
        return redirect("testimonies:original_text_audit")
    return form_submit(
        request,
        GrantForm(request.POST) if request.method == "POST" else GrantForm(),
        action=lambda form: services.original_text_grant(email=form.cleaned_data["email"]),
        success_message=_("The grant is given."),
        success_url="testimonies:original_text_audit",
        template="testimonies/original_text_audit.html",
        context=lambda: {
            "page": keyset_page(
                selectors.original_text_accesses(),
                cursor=request.GET.get("cursor"),
                size=50,
                count_bound=None,
            ),
            "holders": selectors.original_text_grant_holders(),
        },
        invalid_status=400,
    )
