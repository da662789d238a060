"""Where later apps plug into the people pages (see ``core.hooks``).

- ``grant_hooks.register(Grant(...))``: a right an admin may give to, or take from, a researcher
  on ``/manage/people/<id>/``. Coding registers the codebook management permission, analysis the
  characteristics export, testimonies the reading of original texts (through its own services,
  which record it in the audit log). Accounts never imports those apps.
- ``person_link_hooks.register(fn)``: ``fn(*, person) -> list[tuple[str, str]]`` of (label,
  URL) shown on a person's page; events links to the page that assigns them to events.
"""

from collections.abc import Callable
from dataclasses import dataclass

from core.hooks import HookPoint


@dataclass(frozen=True)
class Grant:
    """One grant: ``key`` is its permission ``app_label.codename``.

    ``give(*, person)`` / ``take(*, person)`` change it (by default: the user's own permission;
    the m2m signal records ``permission.granted`` / ``.revoked`` in the audit log). ``roles``:
    who may hold it.
    """

    key: str
    label: str
    description: str = ""
    roles: tuple[str, ...] = ("researcher",)
    give: Callable | None = None
    take: Callable | None = None


grant_hooks = HookPoint("accounts.grants")
person_link_hooks = HookPoint("accounts.person_links")
