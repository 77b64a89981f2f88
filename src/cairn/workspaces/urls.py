from django.urls import path

from cairn.workspaces import stream, views

urlpatterns = [
    path("workspace/", views.first_workspace, name="workspace"),
    path("workspaces/<str:slug>/", views.workspace_page, name="workspace-page"),
    path("invitations/<str:secret>/", views.accept_invitation, name="invitation"),
    path("projects/<str:key>/events", stream.project_stream, name="project-events"),
]
