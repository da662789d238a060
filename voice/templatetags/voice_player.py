"""``{% recording_player testimony %}``: the recording of a story, for a researcher allowed to
hear it (voice/README.md), with its word timestamps so a selected passage can be played. Shows
nothing otherwise. Each listening is audited by the audio view itself."""

from django import template

from voice import selectors

register = template.Library()


@register.inclusion_tag("voice/_player.html", takes_context=True)
def recording_player(context, testimony):
    request = context.get("request")
    user = getattr(request, "user", None)
    recording = None
    if user is not None and user.is_authenticated:
        recording = selectors.recording_listenable(user=user, testimony=testimony)
    return {
        "testimony": testimony,
        "recording": recording,
        "words": selectors.recording_words(recording) if recording else [],
    }
