from django.urls import include, path

from cairn.api import api

urlpatterns = [
    path("api/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("cairn.accounts.urls")),
    path("", include("cairn.workspaces.urls")),
    path("", include("cairn.events.urls")),
    path("", include("cairn.planning.urls")),
    path("", include("cairn.tracker.urls")),
]
