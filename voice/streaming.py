"""Answering a request for audio bytes, with HTTP Range for seeking (RFC 9110, section 14)."""

import re

from django.http import HttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")

# What the decoder said the container is -> the type the browser needs to play it.
CONTENT_TYPES = {
    "matroska": "audio/webm",
    "webm": "audio/webm",
    "ogg": "audio/ogg",
    "mov": "audio/mp4",
    "mp4": "audio/mp4",
    "m4a": "audio/mp4",
    "3gp": "audio/3gpp",
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
}


def range_start(request) -> int:
    match = _RANGE.match(request.headers.get("Range", "").strip())
    return int(match.group(1)) if match and match.group(1) else 0


def audio_response(request, data: bytes, *, container: str) -> HttpResponse:
    """200 with the whole file, or 206 with the asked part, or 416 when it cannot be given."""
    size = len(data)
    content_type = CONTENT_TYPES.get(container, "application/octet-stream")
    header = request.headers.get("Range", "").strip()
    match = _RANGE.match(header) if header else None
    if header and match is None:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _private(response)
    if match:
        first, last = match.groups()
        if first == "":
            start, end = max(size - int(last or 0), 0), size - 1
        else:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return _private(response)
        response = HttpResponse(data[start : end + 1], status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = HttpResponse(data, content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    return _private(response)


def _private(response):
    # SECURITY: a voice is personal data: never cached, never shown inline from another site.
    response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
