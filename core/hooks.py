"""The one way an earlier app lets later apps plug in: a named ``HookPoint``.

An app declares its hook points in its own ``hooks.py`` (``<thing>_hooks = HookPoint(...)``);
a later app registers in its ``AppConfig.ready()`` with ``<thing>_hooks.register(fn)``. The
earlier app calls what is registered without ever importing the later one, which keeps the
layer order (core, accounts < events < testimonies < coding < nlp < analysis).
"""

from collections.abc import Iterator
from typing import Any


class HookPoint:
    """An ordered, duplicate-free list of registered items (usually callables)."""

    def __init__(self, name: str, *, initial: tuple = ()):
        self.name = name
        self._items: list[Any] = list(initial)

    def register(self, item: Any) -> Any:
        """Add ``item`` once (registering twice is harmless); returns it, so it can decorate."""
        if item not in self._items:
            self._items.append(item)
        return item

    def unregister(self, item: Any) -> None:
        if item in self._items:
            self._items.remove(item)

    def __iter__(self) -> Iterator[Any]:
        # NOTE: iterate over a copy so a hook that registers another cannot change this loop.
        return iter(tuple(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<HookPoint {self.name}: {len(self._items)} registered>"
