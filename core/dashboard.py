"""What each app adds to the signed-in starting page, without core importing any app.

``dashboard_context_hooks.register(fn)`` in an app's ``AppConfig.ready()``; ``fn(*, user) -> dict``
returns the template context that app contributes (``{}`` when it has nothing for this user).
The events app registers the facilitator's event list (``events.selectors.dashboard_context``).
"""

from core.hooks import HookPoint

dashboard_context_hooks = HookPoint("core.dashboard_context")


def dashboard_context(*, user) -> dict:
    context: dict = {}
    for contribute in dashboard_context_hooks:
        context.update(contribute(user=user))
    return context
