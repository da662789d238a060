"""Hooks other apps register so that a withdrawal reaches the data they derived from a story.

Coding and NLP register in their ``AppConfig.ready()``::

    from testimonies import erasure
    erasure.register_erasure(erase_codes_for_testimony)        # fn(testimony_id: int) -> None
    erasure.register_narrowing(on_scopes_narrowed)             # fn(testimony_id, scopes: set)

The withdrawal service calls every registered function inside its own transaction: if one
raises, the whole withdrawal rolls back and the participant is told to try again; nothing is
half-erased. Functions must be idempotent (a second call finds nothing to erase).
"""

from collections.abc import Callable

ErasureFn = Callable[[int], None]
NarrowingFn = Callable[[int, set[str]], None]

_erasers: list[ErasureFn] = []
_narrowers: list[NarrowingFn] = []


def register_erasure(fn: ErasureFn) -> ErasureFn:
    if fn not in _erasers:
        _erasers.append(fn)
    return fn


def register_narrowing(fn: NarrowingFn) -> NarrowingFn:
    if fn not in _narrowers:
        _narrowers.append(fn)
    return fn


def erasers() -> tuple[ErasureFn, ...]:
    return tuple(_erasers)


def narrowers() -> tuple[NarrowingFn, ...]:
    return tuple(_narrowers)


def run_erasure(testimony_id: int) -> None:
    for fn in erasers():
        fn(testimony_id)


def run_narrowing(testimony_id: int, scopes: set[str]) -> None:
    for fn in narrowers():
        fn(testimony_id, set(scopes))
