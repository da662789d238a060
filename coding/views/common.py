"""What the coding pages share: who codes, which codebook, where to go back to."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.roles import RESEARCH_TEAM
from coding import selectors
from coding.models import Codebook
from core.validation import parse_positive_int

CODERS = RESEARCH_TEAM
BLIND_SESSION_KEY = "coding_blind"


def require_manager(user) -> None:
    if not selectors.can_manage_codebook(user):
        raise PermissionDenied


# The user's codebooks, read once per request (the screen lists them and picks one).
_CODEBOOKS_ATTR = "_coding_codebooks"


def codebooks_for_request(request) -> list[Codebook]:
    """``selectors.codebooks_for_user`` for the signed-in user, read once per request."""
    books = getattr(request, _CODEBOOKS_ATTR, None)
    if books is None:
        books = list(selectors.codebooks_for_user(user=request.user))
        setattr(request, _CODEBOOKS_ATTR, books)
    return books


def codebook_for_request(request, slug: str | None = None) -> Codebook:
    """The codebook named by the URL or the query, else the user's first one."""
    books = codebooks_for_request(request)
    slug = slug or request.GET.get("codebook") or request.POST.get("codebook")
    book = next((b for b in books if b.slug == slug), None) if slug else next(iter(books), None)
    if book is None:
        raise Http404
    return book


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def is_blind(request) -> bool:
    return bool(request.session.get(BLIND_SESSION_KEY, False))


def story_copy(request, testimony_id: int):
    copy = selectors.research_copy_for_coding(user=request.user, testimony_id=testimony_id)
    if copy is None:
        raise Http404
    return copy


def passage_param(value, length: int) -> tuple[int, int] | None:
    """``?at=start-end`` (code points in the research copy, end excluded, as search hits and
    quotes link it) as (start, end) within a text of ``length``; anything else is ignored."""
    if not isinstance(value, str) or value.count("-") != 1:
        return None
    start_text, end_text = value.split("-")
    start = parse_positive_int(start_text, minimum=0)
    end = parse_positive_int(end_text, minimum=1)
    if start is None or end is None or not start < end <= length:
        return None
    return start, end
