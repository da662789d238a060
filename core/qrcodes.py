"""QR codes made here, never by an external service (the link they carry may be secret)."""

import io

import segno


def qr_image(text: str, *, kind: str, title: str = "") -> tuple[bytes, str]:
    """``text`` as a QR code: an SVG when ``kind`` is "svg", else a PNG; with its content type."""
    qr = segno.make(text, error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        qr.save(buffer, kind="svg", scale=8, border=4, xmldecl=False, title=title)
        return buffer.getvalue(), "image/svg+xml"
    qr.save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue(), "image/png"
