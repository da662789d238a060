"""Quote sheets: each quote with the attribution and consent receipt its teller's consent allows,
as HTML or DOCX."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django_countries import countries

from analysis.exporters.tables import CHUNK
from coding.models import CodeApplication
from core.exports import xlsx_text
from testimonies.models import ConsentMethod, Scope, Testimony


@dataclass
class Quote:
    # Every code on the passage, joined ("Waiting; Dignity"): one line on sheets and in the API.
    code: str
    text: str
    attribution: str
    receipt: dict
    # BCP 47 language of the story (detected, else declared): the quote's ``lang`` attribute.
    language: str = ""
    # The codes on the passage one by one, in codebook order.
    codes: list[str] = field(default_factory=list)
    # Where it comes from, for the quote finder: the story, the passage's offsets in its
    # research copy (code points, as the coding screen's ?at=start-end), its event and country.
    testimony_id: int | None = None
    start: int | None = None
    end: int | None = None
    event: str = ""
    country: str = ""

    @property
    def at(self) -> str:
        return f"{self.start}-{self.end}" if self.start is not None else ""

    @property
    def country_name(self) -> str:
        return countries.name(self.country) or self.country

    @property
    def receipt_rows(self) -> list[tuple[str, str]]:
        """The receipt as a person reads it, in the active language (``receipt`` keeps the
        stable values the API returns)."""
        labels = receipt_labels()
        return [(labels[key], receipt_value(key, value)) for key, value in self.receipt.items()]

    @property
    def quoted_text(self) -> str:
        return quoted(self.text)


def quoted(text: str) -> str:
    """``text`` between the quotation marks of the active language (“…”, « … », „…“, 「…」)."""
    # Translators: the quotation marks around a quote in a quote sheet, as your language writes
    # them: « %(quote)s » in French, „%(quote)s“ in German, 「%(quote)s」 in Japanese.
    return pgettext("quotation marks", "“%(quote)s”") % {"quote": text}


def generated_at_label(moment: datetime) -> str:
    """When a sheet was made, in the language's date format, in UTC."""
    return formats.date_format(moment.astimezone(UTC), "DATETIME_FORMAT")


def receipt_value(key: str, value) -> str:
    """One receipt value in words: dates in the language's format, methods and scopes by label."""
    if key == "consent_given_at":
        return f"{generated_at_label(datetime.fromisoformat(value))} (UTC)"
    if key == "jurisdiction":
        return countries.name(value) or str(value)
    if key == "collection_method":
        return str(ConsentMethod(value).label) if value in ConsentMethod.values else str(value)
    if key == "scopes":
        labels = dict(Scope.choices)
        return "; ".join(str(labels.get(scope, scope)) for scope in value.split(", ") if scope)
    return str(value)


def attribution_for(testimony: Testimony) -> str:
    """What the consent allows: first name and country, or anonymous."""
    if testimony.scope_quote_named and testimony.first_name:
        country = testimony.event.country
        return f"{testimony.first_name}, {country.name or country.code}"
    return _("Anonymous participant")


def receipt_summary(testimony: Testimony) -> dict:
    """The consent receipt fields an auditor needs; no identifier of the person."""
    consent = testimony.consent_text
    return {
        "receipt_id": str(testimony.public_id),
        "consent_given_at": testimony.consent_given_at.isoformat(),
        "jurisdiction": str(testimony.event.country),
        "collection_method": testimony.consent_method,
        "consent_text": f"{consent.language} v{consent.version}",
        "consent_text_sha256": consent.sha256,
        "scopes": ", ".join(testimony.scopes()),
    }


def passage_codes(applications) -> dict[tuple[int, int, int], list]:
    """Every code accepted on each passage (story, start, end) of ``applications``, each code
    once, in codebook order: one query for the lot."""
    keys = {(a.testimony_id, a.start, a.end) for a in applications}
    if not keys:
        return {}
    found: dict[tuple[int, int, int], list] = defaultdict(list)
    rows = (
        CodeApplication.objects.filter(
            status=CodeApplication.Status.ACCEPTED,
            testimony_id__in={k[0] for k in keys},
            start__in={k[1] for k in keys},
        )
        .select_related("code")
        .order_by("code__position", "code_id", "id")
    )
    for app in rows:
        key = (app.testimony_id, app.start, app.end)
        if key in keys and app.code not in found[key]:
            found[key].append(app.code)
    return found


def quotes_from(applications) -> Iterator[Quote]:
    """One quote per passage; ``applications`` holds one application per passage
    (``selectors.quotes_for_user``) and the quote lists every code on it."""
    rows = applications.iterator(CHUNK) if hasattr(applications, "iterator") else iter(applications)
    while chunk := list(islice(rows, CHUNK)):
        codes = passage_codes(chunk)
        for app in chunk:
            copy = getattr(app.testimony, "research_copy", None)
            if copy is None:
                continue
            # NOTE: offsets are code points, and Python strings index code points.
            text = copy.redacted_text[app.start : app.end]
            if not text.strip():
                continue
            labels = [
                c.text("label").marked
                for c in codes.get((app.testimony_id, app.start, app.end)) or [app.code]
            ]
            yield Quote(
                "; ".join(labels),
                text,
                attribution_for(app.testimony),
                receipt_summary(app.testimony),
                language=copy.language,
                codes=labels,
                testimony_id=app.testimony_id,
                start=app.start,
                end=app.end,
                event=app.testimony.event.title,
                country=str(app.testimony.event.country),
            )


def receipt_labels() -> dict[str, str]:
    return {
        "receipt_id": _("Receipt id"),
        "consent_given_at": _("Consent given at"),
        "jurisdiction": _("Jurisdiction"),
        "collection_method": _("Collection method"),
        "consent_text": _("Consent text"),
        "consent_text_sha256": _("Consent text SHA-256"),
        "scopes": _("Scopes in force"),
    }


def write_quotes_html(quotes: Iterable[Quote], fh, *, title: str) -> int:
    count = 0

    def counted():
        nonlocal count
        for quote in quotes:
            count += 1
            yield quote

    html = render_to_string(
        "analysis/quote_sheet_export.html",
        {
            "title": title,
            "quotes": counted(),
            "labels": receipt_labels(),
            "generated_at": generated_at_label(timezone.now()),
        },
    )
    fh.write(html.encode("utf-8"))
    return count


def write_quotes_docx(quotes: Iterable[Quote], fh, *, title: str) -> int:
    from docx import Document

    document = Document()
    document.core_properties.title = xlsx_text(str(title))
    document.add_heading(xlsx_text(str(title)), level=1)
    document.add_paragraph(
        _(
            "Each quote is shown with the attribution its teller's consent allows and the "
            "consent receipt that allows it, for audit. Generated on %(date)s."
        )
        % {"date": f"{generated_at_label(timezone.now())} UTC"}
    )
    upright = (get_language() or "").startswith("ja")
    count = 0
    for quote in quotes:
        count += 1
        document.add_heading(xlsx_text(quote.code), level=2)
        paragraph = document.add_paragraph(style="Quote")
        run = paragraph.add_run(quoted(xlsx_text(quote.text)))
        if upright:
            # NOTE: Word's "Quote" style is italic; Japanese is never set in italics.
            run.italic = False
        document.add_paragraph(xlsx_text(f"— {quote.attribution}"))
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in quote.receipt_rows:
            cells = table.add_row().cells
            cells[0].text = xlsx_text(str(label))
            cells[1].text = xlsx_text(str(value))
    if count == 0:
        document.add_paragraph(_("No quote matches this selection with consent to quote."))
    document.save(fh)
    return count
