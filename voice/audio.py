"""Reading what a file really is: PyAV opens and decodes it; its name and type are never trusted."""

import io
from dataclasses import dataclass

import av
from django.utils.translation import gettext as _

# The containers we accept (webm, ogg, m4a/mp4, mp3, wav), as PyAV names them.
ACCEPTED_FORMATS = {"matroska", "webm", "ogg", "mov", "mp4", "m4a", "3gp", "mp3", "wav"}


class NotAudio(Exception):
    """A clear, translated reason the file cannot be used."""


@dataclass(frozen=True)
class Probe:
    container: str
    duration_seconds: float


def probe(data: bytes, *, max_seconds: int) -> Probe:
    """Decode the whole file (durations in headers lie, or are missing in MediaRecorder's webm)
    and return its container and length; raise NotAudio with a message for the person."""
    if not data:
        raise NotAudio(_("The file is empty. Please record again or choose another file."))
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            names = set(container.format.name.split(","))
            if not names & ACCEPTED_FORMATS:
                raise NotAudio(_("This file is not a recording we can read."))
            streams = container.streams.audio
            if not streams:
                raise NotAudio(_("This file has no sound in it."))
            seconds = 0.0
            for frame in container.decode(streams[0]):
                if frame.sample_rate:
                    seconds += frame.samples / frame.sample_rate
                if seconds > max_seconds:
                    raise NotAudio(
                        _("The recording is longer than %(minutes)d minutes.")
                        % {"minutes": max_seconds // 60}
                    )
    except NotAudio:
        raise
    except (av.FFmpegError, ValueError, OSError, IndexError, EOFError) as exc:
        raise NotAudio(
            _("This file is damaged or is not a recording we can read (webm, ogg, m4a, mp3, wav).")
        ) from exc
    if seconds < 0.2:
        raise NotAudio(_("The recording has no sound in it. Please record again."))
    return Probe(container=sorted(names & ACCEPTED_FORMATS)[0], duration_seconds=seconds)
