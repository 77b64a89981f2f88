"""The REST API v1: one NinjaAPI, routers from each bounded context, and the error
format every endpoint shares: {"message": "...", "errors": {"field": "what is wrong"}}."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from cairn.accounts.services import user_for_token
from cairn.errors import DomainError, PreconditionFailed


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token, now=timezone.now())
        if user is None:
            return None
        request.user = user
        return user


class PageSession(SessionAuth):
    """The pages' own session, CSRF-checked. Asked only when a session is what a caller
    brings: a caller without one, or one who sent a token (a bad one, since the token was
    asked first), is told to authenticate rather than that a CSRF check failed."""

    def __call__(self, request: HttpRequest) -> Any:
        if "Authorization" in request.headers or not request.user.is_authenticated:
            return None
        return super().__call__(request)


class ObjectBodyParser(Parser):
    """Every body we accept is a JSON object. Anything else is refused here: given a bare
    string, Ninja's schemas would read attributes off the str (`"x".title()`) and accept it."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data


api = NinjaAPI(
    title="Cairn API",
    version="1",
    description=(
        "Everything the web pages can do. Authenticate with a personal access token: "
        "`Authorization: Bearer <token>` (create one under Account → API tokens or with "
        "`cairn token USER`); a missing, revoked or mistyped token answers 401. Request bodies "
        "are at most 5 MB (413 beyond; attachments have their own limit). Lists answer `{items, total, next_cursor}`; pass `cursor` to "
        "get the next page. Writes answer an `ETag`; send it back in `If-Match` and a stale "
        "write is refused with 412 and the current state."
    ),
    auth=[BearerToken(), PageSession()],
    urls_namespace="api",
    parser=ObjectBodyParser(),
)


def error_body(message: str, fields: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    return {"message": message, "errors": fields or {}, **extra}


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    body, headers = error_body(exc.message, exc.fields), {}
    if isinstance(exc, PreconditionFailed) and exc.current is not None:
        from cairn.tracker import versions

        extra, headers = versions.api_refusal(exc)
        body.update(extra)
    response = api.create_response(request, body, status=exc.status)
    for name, value in headers.items():
        response[name] = value
    return response


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, str] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("body", "payload", "title") names the field "title"; only the leading source
        # and parameter are dropped, so a field itself called "body" keeps its name.
        if location[:1] and location[0] in ("body", "query", "path", "form", "file", "header", "cookie"):
            location = location[1:]
        if location[:1] == ["payload"]:
            location = location[1:]
        fields[".".join(location) or "request"] = str(error.get("msg", "is invalid"))
    summary = "; ".join(f"{name}: {msg}" for name, msg in fields.items())
    return api.create_response(request, error_body(f"Invalid input — {summary}", fields), status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, error_body("Authentication required: send Authorization: Bearer <token>"), status=401
    )


@api.exception_handler(RequestDataTooBig)
def body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)} MB"
    return api.create_response(
        request, error_body(f"The request body is larger than {limit}", {"request": f"is larger than {limit}"}),
        status=413,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, error_body(exc.message), status=exc.status_code)


def _register() -> None:
    from cairn.accounts.api import router as accounts
    from cairn.controls.api import routers as controls_routers
    from cairn.costs.api import routers as cost_routers
    from cairn.lifecycle.api import routers as lifecycle_routers
    from cairn.planning.api import router as schedule
    from cairn.planning.capacity_api import router as capacity
    from cairn.planning.editing_api import router as plan_editing
    from cairn.product.api import routers as product_routers
    from cairn.reporting.api import router as reporting
    from cairn.tracker.api import router as issues
    from cairn.tracker.filters_api import router as saved_filters
    from cairn.tracker.issue_links_api import router as issue_links
    from cairn.tracker.projects_api import router as projects
    from cairn.tracker.settings_api import router as tracker_settings
    from cairn.workspaces.api import router as members
    from cairn.workspaces.api import workspace_router as workspaces

    api.add_router("/v1", accounts)
    api.add_router("/v1", workspaces)
    api.add_router("/v1", projects)
    api.add_router("/v1", members)
    api.add_router("/v1", issues)
    api.add_router("/v1", issue_links)
    api.add_router("/v1", schedule)
    api.add_router("/v1", capacity)
    api.add_router("/v1", plan_editing)
    # Before the settings' catch-all DELETE below.
    for router in [*controls_routers(), *cost_routers(), *lifecycle_routers()]:
        api.add_router("/v1", router)
    api.add_router("/v1", reporting)
    # Before the settings' catch-all /projects/{key}/{kind}/{id}, which would take it.
    api.add_router("/v1", saved_filters)
    api.add_router("/v1", tracker_settings)
    for router in product_routers():
        api.add_router("/v1", router)


_register()
