from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("For example the script or computer that will use it."),
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by e-mail address or name"), max_length=100, required=False)


class PersonInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        initial=[Role.PARTICIPANT],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Researchers and admins must set up two-factor sign-in."),
    )


class _GiveOrTakeForm(forms.Form):
    give = forms.TypedChoiceField(
        choices=(("1", "1"), ("0", "0")), coerce=lambda value: value == "1"
    )


class PersonRoleForm(_GiveOrTakeForm):
    role = forms.ChoiceField(choices=Role.choices)


class PersonGrantForm(_GiveOrTakeForm):
    key = forms.CharField(max_length=100)


class PersonActiveForm(forms.Form):
    active = forms.TypedChoiceField(
        choices=(("1", "1"), ("0", "0")), coerce=lambda value: value == "1"
    )
