"""Request body size limit, checked before anything reads the body."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


class BodySizeLimitMiddleware:
    """Refuse a request whose declared body is over the limit with 413, before it is read.

    Uploads (policy files, CSV of people) get `MAX_UPLOAD_BYTES`; every other request,
    the API included, gets `MAX_BODY_BYTES`. Django's own DATA_UPLOAD_MAX_MEMORY_SIZE
    still guards bodies sent without a Content-Length.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _too_big(request, "the Content-Length header is not a number", status=400)
        content_type = request.META.get("CONTENT_TYPE", "")
        limit = (
            settings.MAX_UPLOAD_BYTES
            if content_type.startswith("multipart/form-data")
            and not request.path.startswith("/api/")
            else settings.MAX_BODY_BYTES
        )
        if length > limit:
            return _too_big(request, f"the request body is {length} bytes; the limit is {limit}")
        return self.get_response(request)


def _too_big(request: HttpRequest, message: str, *, status: int = 413) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


# Scripts and styles come only from our own static files: user text can never run.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The API docs (Swagger UI) and Django's admin set inline styles of their own.
RELAXED_STYLES = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy header on every HTML page (Django 5.2 has none built in)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            relaxed = request.path.startswith(("/api/docs", "/admin/"))
            response["Content-Security-Policy"] = (
                RELAXED_STYLES if relaxed else CONTENT_SECURITY_POLICY
            )
        return response


class ApiJsonErrorsMiddleware:
    """Under /api/, every error is JSON `{"detail": ...}`, even the ones Django or
    django-ninja answer in HTML or plain text (an unknown path, a wrong method)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            if response.status_code == 404:
                detail = f"there is no API endpoint {request.path}"
            elif response.status_code == 405:
                detail = f"{request.method} is not allowed on {request.path}"
            else:
                detail = response.reason_phrase
            return JsonResponse({"detail": detail}, status=response.status_code)
        return response
