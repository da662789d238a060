"""API permissions. The default is DenyAll; each API view names the roles it allows."""

from rest_framework.permissions import BasePermission

from accounts.roles import user_has_role


class DenyAll(BasePermission):
    def has_permission(self, request, view):
        return False


class RolePermission(BasePermission):
    roles: tuple[str, ...] = ()

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and (
            not self.roles or user_has_role(request.user, *self.roles)
        )


def roles_allowed(*roles: str) -> type[RolePermission]:
    """A permission class allowing signed-in users who hold one of ``roles`` (any if none)."""
    name = "Roles_" + "_".join(roles) if roles else "AnySignedIn"
    return type(name, (RolePermission,), {"roles": tuple(roles)})
