"""Runs what later apps registered (``hooks.erasure_hooks``, ``hooks.narrowing_hooks``) when a
story is withdrawn. The withdrawal service calls these inside its own transaction: if one hook
raises, the whole withdrawal rolls back and the participant is told to try again; nothing is
half-erased."""

from testimonies.hooks import erasure_hooks, narrowing_hooks


def run_erasure(testimony_id: int) -> None:
    for fn in erasure_hooks:
        fn(testimony_id)


def run_narrowing(testimony_id: int, scopes: set[str]) -> None:
    for fn in narrowing_hooks:
        fn(testimony_id, set(scopes))
