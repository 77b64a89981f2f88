from django.urls import path

from cairn.costs.views import time

urlpatterns = [
    path("timesheet/", time.timesheet_page, name="timesheet"),
    path("timesheet/approvals/", time.approvals_page, name="timesheet-approvals"),
    path("issues/<str:issue_key>/time", time.issue_time, name="issue-time"),
    path("issues/<str:issue_key>/time/<str:action>", time.issue_time_action, name="issue-time-action"),
]
