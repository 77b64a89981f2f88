from django.urls import path

from cairn.workspaces import stream, views

urlpatterns = [
    path("workspace/", views.workspace_page, name="workspace"),
    path("invitations/<str:secret>/", views.accept_invitation, name="invitation"),
    path("projects/<str:key>/events", stream.project_stream, name="project-events"),
]
