"""HTML fragments of the coding screen built in Python.

NOTE: a story may carry hundreds of applications; rendering each through a template include
costs about a millisecond, so the list items and the highlighted text are built here, with every
value escaped by ``format_html``, and the translated strings looked up once per request.
"""

from dataclasses import dataclass

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@dataclass
class Evidence:
    """The passage a machine suggestion rests on, highlighted in the story's text."""

    id: int
    start: int
    end: int
    code: object
    is_evidence: bool = True


def render_segments(segments, hidden: set) -> SafeString:
    """The research copy as spans carrying their start offset in code points (data-start).

    Coded passages are ``<mark class="seg coded">``; the evidence of a pending suggestion is
    ``<mark class="seg evidence" data-evidence="<suggestion ids>">`` (both classes where they
    overlap); ``data-apps`` lists both, so pointing at an item lights its passage.
    """
    parts = []
    for seg in segments:
        evidence = [a for a in seg.applications if getattr(a, "is_evidence", False)]
        apps = [
            a
            for a in seg.applications
            if not getattr(a, "is_evidence", False) and a.id not in hidden
        ]
        shown = apps + evidence
        if not shown:
            parts.append(format_html('<span data-start="{}">{}</span>', seg.start, seg.text))
            continue
        colours = list(dict.fromkeys(a.code.colour for a in apps or evidence))
        labels = ", ".join(dict.fromkeys(a.code.label for a in apps or evidence))
        classes = "seg" + (" coded" if apps else "") + (" multi" if len(apps) > 1 else "")
        classes += " evidence" if evidence else ""
        parts.append(
            format_html(
                '<mark class="{}" data-start="{}" data-apps="{}" data-evidence="{}" '
                'data-colour="{}" data-colour2="{}" title="{}">{}</mark>',
                classes,
                seg.start,
                " ".join(str(a.id) for a in shown),
                " ".join(str(a.id) for a in evidence),
                colours[0],
                colours[-1],
                labels,
                seg.text,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html


def render_segments_at(segments, hidden: set, passage: tuple[int, int] | None) -> SafeString:
    """``render_segments``, with the segments of ``passage`` (start, end in code points, where a
    search hit or a quote led; ``text_segments`` cut the text there) inside
    ``<mark id="passage" tabindex="-1">``: the URL's ``#passage`` scrolls to it and
    passage.js focuses it. Every segment keeps its data-start."""
    if passage is None:
        return render_segments(segments, hidden)
    start, end = passage
    return format_html(
        '{}<mark id="passage" class="passage" tabindex="-1">{}</mark>{}',
        render_segments([s for s in segments if s.start < start], hidden),
        render_segments([s for s in segments if start <= s.start < end], hidden),
        render_segments([s for s in segments if s.start >= end], hidden),
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _item_texts() -> dict[str, str]:
    """The words of an application item, translated and escaped once per list."""
    return {
        key: escape(value)
        for key, value in {
            "select": _("select this passage"),
            "you": _("you"),
            "former": _("former user"),
            "from_suggestion": _("from a suggestion"),
            "actions": _("Comment or remove"),
            "comment": _("Comment"),
            "save": _("Save the comment"),
            "remove": _("Remove this code"),
            "saved": _("Comment saved."),
            "removed": _("Code removed."),
        }.items()
    }


def _item_actions(app, label: str, t: dict, hidden: str, urls: tuple[str, str, str]):
    """The comment and remove forms of one's own application (``label`` already escaped);
    ``data-api`` names the API call a script makes instead of the plain POST."""
    comment_url, delete_url, api_url = urls
    return (
        f'<details class="app-actions"><summary>{t["actions"]}'
        f'<span class="visually-hidden"> ({label})</span></summary>'
        f'<form method="post" action="{comment_url % app.id}" class="stack" '
        f'data-api="{api_url % app.id}" data-api-method="PATCH" data-done="{t["saved"]}">'
        f'{hidden}<label for="comment-{app.id}">{t["comment"]}</label>'
        f'<textarea id="comment-{app.id}" name="comment" rows="2" maxlength="2000">'
        f"{escape(app.comment)}</textarea>"
        f'<button type="submit" class="secondary">{t["save"]}</button></form>'
        f'<form method="post" action="{delete_url % app.id}" class="inline-form" '
        f'data-api="{api_url % app.id}" data-api-method="DELETE" data-done="{t["removed"]}">'
        f'{hidden}<button type="submit" class="danger">{t["remove"]}</button></form>'
        "</details>"
    )


def render_application_items(request, applications, back: str | None = None) -> SafeString:
    """The ``<li>`` items of the applications list on the coding screen; each form goes back
    to ``back`` (default: the page asked for)."""
    if not applications:
        return mark_safe("")  # noqa: S308 - empty
    t = _item_texts()
    hidden = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
        f'<input type="hidden" name="next" value="{escape(back or request.get_full_path())}">'
    )
    urls = tuple(
        reverse(name, args=[0]).replace("/0/", "/%d/")
        for name in (
            "coding:application_comment",
            "coding:application_delete",
            "api:coding-api:application",
        )
    )
    dates: dict = {}
    items = []
    for app in applications:
        label = escape(app.code.label)
        parts = [
            f'<li id="app-{app.id}" class="app-item" data-app="{app.id}"',
            f' data-start="{app.start}" data-end="{app.end}">' if app.start is not None else ">",
            f'<span class="chip" data-colour="{escape(app.code.colour)}">{label}</span> ',
        ]
        if app.start is not None:
            parts.append(
                f'<button type="button" class="link-button quote-link" '
                f'data-select-start="{app.start}" data-select-end="{app.end}">'
                f'<q dir="auto">{escape(_short(app.quote, 160))}</q>'
                f'<span class="visually-hidden"> — {t["select"]}</span></button> '
                f'<span class="help offsets-note">{app.start}–{app.end}</span> '
            )
        who = t["you"] if app.mine else t["former"]
        if not app.mine and app.coder_id:
            who = escape(str(app.coder))
        minute = app.created_at.replace(second=0, microsecond=0)
        if minute not in dates:
            dates[minute] = escape(
                formats.date_format(timezone.localtime(minute), "SHORT_DATETIME_FORMAT")
            )
        parts.append(
            f'<span class="help">{who} · <time datetime="{app.created_at.isoformat()}">'
            f"{dates[minute]}</time>"
            + (f" · {t['from_suggestion']}" if app.suggestion_id else "")
            + "</span>"
        )
        if app.comment:
            parts.append(f'<p class="comment">{escape(app.comment)}</p>')
        if app.mine:
            parts.append(_item_actions(app, label, t, hidden, urls))
        parts.append("</li>")
        items.append("".join(parts))
    # SECURITY: every value above went through escape(); ids and offsets are integers.
    return mark_safe("".join(items))  # noqa: S308
