"""The admin's people pages: find, invite, give and take roles and grants, deactivate.

Admins only; the rules (nobody changes their own account, the last admin stays) are in
``accounts.services``.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import (
    PeopleSearchForm,
    PersonActiveForm,
    PersonGrantForm,
    PersonInviteForm,
    PersonRoleForm,
)
from accounts.hooks import grant_hooks, person_link_hooks
from accounts.roles import Role
from core.access import roles_required
from core.form_views import form_submit, post_action

PAGE_SIZE = 50


@roles_required(Role.ADMIN)
@require_http_methods(["GET"])
def people_list(request):
    form = PeopleSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = selectors.people_for_admin(user=request.user, query=query)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(Role.choices)
    rows = [(person, [labels[g.name] for g in person.role_groups]) for person in page]
    context = {"form": form, "page": page, "rows": rows, "query": query}
    return render(request, "accounts/people_list.html", context)


@roles_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def person_invite(request):
    return form_submit(
        request,
        PersonInviteForm(request.POST or None),
        action=lambda form: services.person_invite(
            actor=request.user, request=request, **form.cleaned_data
        ),
        success_message=_("The account was made and an e-mail was sent to choose a password."),
        success_url=lambda person: reverse("people:detail", args=[person.pk]),
        template="accounts/person_invite.html",
    )


@roles_required(Role.ADMIN)
@require_http_methods(["GET"])
def person_detail(request, pk: int):
    person = selectors.person_get_for_admin(user=request.user, pk=pk)
    roles = {group.name for group in person.role_groups}
    held = selectors.person_permission_keys(person=person)
    grants = [{"grant": grant, "held": grant.key in held} for grant in grant_hooks]
    links = [link for fn in person_link_hooks for link in fn(person=person)]
    context = {
        "person": person,
        "is_self": person.pk == request.user.pk,
        "roles": [(value, label, value in roles) for value, label in Role.choices],
        "grants": grants,
        "links": links,
        "is_researcher": Role.RESEARCHER in roles,
    }
    return render(request, "accounts/person_detail.html", context)


def _person_post(request, pk, *, form, action, message):
    person = selectors.person_get_for_admin(user=request.user, pk=pk)
    return post_action(
        request,
        form=form,
        invalid_message=_("This change is not possible."),
        action=lambda: action(person),
        success_message=message,
        redirect_to=reverse("people:detail", args=[person.pk]),
    )


@roles_required(Role.ADMIN)
@require_POST
def person_role(request, pk: int):
    form = PersonRoleForm(request.POST)
    return _person_post(
        request,
        pk,
        form=form,
        action=lambda person: services.person_role_set(
            actor=request.user, person=person, **form.cleaned_data
        ),
        message=_("The roles were changed."),
    )


@roles_required(Role.ADMIN)
@require_POST
def person_grant(request, pk: int):
    form = PersonGrantForm(request.POST)
    return _person_post(
        request,
        pk,
        form=form,
        action=lambda person: services.person_grant_set(
            actor=request.user, person=person, **form.cleaned_data
        ),
        message=_("The permissions were changed."),
    )


@roles_required(Role.ADMIN)
@require_POST
def person_active(request, pk: int):
    form = PersonActiveForm(request.POST)
    return _person_post(
        request,
        pk,
        form=form,
        action=lambda person: services.person_active_set(
            actor=request.user, person=person, **form.cleaned_data
        ),
        message=_("The account was changed."),
    )


@roles_required(Role.ADMIN)
@require_POST
def person_invitation(request, pk: int):
    return _person_post(
        request,
        pk,
        form=None,
        action=lambda person: services.person_invitation_resend(
            actor=request.user, person=person, request=request
        ),
        message=_("An e-mail to choose a password was sent."),
    )
