"""Deny by default: every view must carry an explicit access decision.

A function view is wrapped with ``@public`` or ``@roles_required(...)``; a class-based view
mixes in ``PublicMixin`` or ``RolesRequiredMixin`` and names ``allowed_roles``. Django REST
Framework views decide through their permission classes (the default one denies everything).
Views from a few vetted packages make their own decisions (allauth, admin, set_language).
``AccessPolicyMiddleware`` refuses every other view, and tests/core/test_url_policies.py walks
every URL to prove each has a decision.
"""

import logging
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.views import APIView

from accounts.roles import user_has_role

logger = logging.getLogger(__name__)

PUBLIC = "public"
AUTHENTICATED = "authenticated"
DELEGATED = "delegated"

# NOTE: these packages' views carry their own checks (allauth: its own login and rate limits;
# admin: is_staff; set_language: a harmless cookie; static: public assets).
DELEGATED_MODULE_PREFIXES = (
    "allauth.",
    "django.contrib.admin.",
    "django.views.i18n",
    "django.views.static",
    "django.contrib.staticfiles.",
)
# The admin site wraps every view in its own is_staff check (admin_site.admin_view).
DELEGATED_NAMESPACES = frozenset({"admin"})


def public(view):
    """Anyone, signed in or not, may open this view. Use only where an issue says so."""
    view.access_policy = PUBLIC
    return view


def _check_roles(request, roles):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if roles and not user_has_role(request.user, *roles):
        raise PermissionDenied
    return None


def roles_required(*roles: str):
    """Signed-in users holding one of ``roles``; an empty list means any signed-in user."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refused = _check_roles(request, roles)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        wrapped.access_policy = tuple(roles) or AUTHENTICATED
        return wrapped

    return decorator


class PublicMixin:
    access_policy = PUBLIC


class RolesRequiredMixin:
    """Class-based views: ``allowed_roles = (Role.FACILITATOR, Role.ADMIN)``."""

    allowed_roles: tuple[str, ...] = ()
    allow_any_signed_in = False

    @classmethod
    def as_view(cls, **initkwargs):
        if not cls.allowed_roles and not cls.allow_any_signed_in:
            raise TypeError(f"{cls.__name__} names no allowed_roles")
        view = super().as_view(**initkwargs)
        view.access_policy = tuple(cls.allowed_roles) or AUTHENTICATED
        return view

    def dispatch(self, request, *args, **kwargs):
        refused = _check_roles(request, self.allowed_roles)
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)


def access_policy_of(view_func, namespaces=()):
    """The decision a view carries, or None when it has made none."""
    if DELEGATED_NAMESPACES.intersection(namespaces):
        return DELEGATED
    policy = getattr(view_func, "access_policy", None)
    if policy:
        return policy
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    if view_class is not None:
        if issubclass(view_class, APIView):
            return DELEGATED
        policy = getattr(view_class, "access_policy", None)
        if policy:
            return policy
    module = getattr(view_class or view_func, "__module__", "") or ""
    if module.startswith(DELEGATED_MODULE_PREFIXES):
        return DELEGATED
    return None


class AccessPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        namespaces = match.namespaces if match else ()
        if access_policy_of(view_func, namespaces) is None:
            # SECURITY: a view that made no decision is a bug; refuse rather than expose it.
            logger.error("View %s has no access policy; refused.", view_func.__qualname__)
            raise PermissionDenied
        return None
