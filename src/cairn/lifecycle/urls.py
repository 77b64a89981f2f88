from django.urls import path

from cairn.lifecycle.views import charter, closure, deliverables, phases

urlpatterns = [
    path("projects/<str:key>/lifecycle/", phases.lifecycle_page, name="lifecycle"),
    path("projects/<str:key>/lifecycle/tick", phases.tick, name="lifecycle-tick"),
    path("projects/<str:key>/charter/", charter.charter_page, name="charter"),
    path("projects/<str:key>/deliverables/", deliverables.deliverables_page, name="deliverables"),
    path("projects/<str:key>/closure/", closure.closure_page, name="closure"),
    path("projects/<str:key>/closure/report/", closure.report_page, name="post-project-report"),
    path("lessons/", closure.lessons_page, name="lessons"),
]
