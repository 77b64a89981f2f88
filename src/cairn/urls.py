from django.http import HttpRequest, JsonResponse
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView

from cairn.api import api, error_body


def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    return JsonResponse(error_body(f"No API endpoint /api/{rest}; see /api/docs"), status=404)


urlpatterns = [
    # Browsers ask for /favicon.ico on pages that name no icon (an attachment, an error).
    path("favicon.ico", RedirectView.as_view(url=static("cairn/favicon.svg"), permanent=True)),
    path("api/", api.urls),
    path("api/<path:rest>", api_not_found),
    path("accounts/", include("allauth.urls")),
    path("", include("cairn.accounts.urls")),
    path("", include("cairn.workspaces.urls")),
    path("", include("cairn.product.urls")),
    path("", include("cairn.planning.urls")),
    path("", include("cairn.controls.urls")),
    path("", include("cairn.costs.urls")),
    path("", include("cairn.reporting.urls")),
    path("", include("cairn.lifecycle.urls")),
    path("", include("cairn.tracker.urls")),
]
