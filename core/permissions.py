"""API permissions. The default is DenyAll; each API view names the roles it allows."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

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


def roles_read_write(*, read: tuple[str, ...], write: tuple[str, ...]) -> type[RolePermission]:
    """Holders of ``read`` roles may read (safe methods); only holders of ``write`` roles write."""

    def has_permission(self, request, view):
        if not RolePermission.has_permission(self, request, view):
            return False
        return request.method in SAFE_METHODS or user_has_role(request.user, *write)

    name = "Read_" + "_".join(read) + "_Write_" + "_".join(write)
    return type(name, (RolePermission,), {"roles": tuple(read), "has_permission": has_permission})
