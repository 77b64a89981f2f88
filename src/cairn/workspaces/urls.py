from django.urls import path

from cairn.workspaces import views

urlpatterns = [
    path("workspace/", views.workspace_page, name="workspace"),
    path("invitations/<str:secret>/", views.accept_invitation, name="invitation"),
]
