from django.urls import path

from cairn.planning.views import gantt, resources

urlpatterns = [
    path("projects/<str:key>/gantt/", gantt.gantt_page, name="gantt"),
    path("projects/<str:key>/schedule/", resources.schedule_tools, name="schedule-tools"),
    path("workload/", resources.workload_page, name="workload"),
]
