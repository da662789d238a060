from django.http import Http404

from core.exceptions import NotFoundError


class NotFoundMiddleware:
    """Turns a service's ``NotFoundError`` into Django's 404 for the web views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFoundError):
            raise Http404(exception.message) from exception
        return None
