"""A service's NotFoundError is a 404 at both edges (the DRF handler and the web middleware)."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from core.api import exception_handler
from core.exceptions import NotFoundError
from core.middleware import NotFoundMiddleware


def test_the_api_answers_404_for_not_found_error():
    response = exception_handler(NotFoundError(), {})
    assert response.status_code == 404


def test_the_middleware_turns_not_found_error_into_http404():
    middleware = NotFoundMiddleware(lambda request: None)
    with pytest.raises(Http404):
        middleware.process_exception(RequestFactory().get("/"), NotFoundError())
    assert middleware.process_exception(RequestFactory().get("/"), ValueError()) is None
