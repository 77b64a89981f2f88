from django.urls import path

from cairn.events import views

urlpatterns = [path("projects/<str:key>/events", views.project_stream, name="project-events")]
