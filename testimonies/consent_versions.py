"""Publishing a later consent version: the latest text of each language with one more paragraph.

Used by the data migrations that add a paragraph (0007 voice, 0008 ask before each quote) with
their historical model, and again by ``consent_texts_ensure_defaults`` on a flushed database. It
takes the model as an argument and imports nothing of the app, so that migrations may call it.
"""

import hashlib


def publish_next_version(ConsentText, paragraphs: dict[str, str]) -> None:  # noqa: N803
    """For each language with a text, publish version latest + 1 with its paragraph appended;
    a language whose latest text already holds the paragraph is left as it is (runs twice)."""
    for language, paragraph in paragraphs.items():
        latest = ConsentText.objects.filter(language__iexact=language).order_by("-version").first()
        if latest is None or paragraph in latest.body:
            continue
        body = f"{latest.body}\n\n{paragraph}"
        ConsentText.objects.create(
            language=latest.language,
            version=latest.version + 1,
            title=latest.title,
            body=body,
            sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        )
