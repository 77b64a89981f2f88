from django.urls import path

from cairn.costs.views import money, time

urlpatterns = [
    path("timesheet/", time.timesheet_page, name="timesheet"),
    path("timesheet/approvals/", time.approvals_page, name="timesheet-approvals"),
    path("issues/<str:issue_key>/time", time.issue_time, name="issue-time"),
    path("issues/<str:issue_key>/time/<str:action>", time.issue_time_action, name="issue-time-action"),
    path("projects/<str:key>/costs/", money.costs_page, name="costs"),
    path("projects/<str:key>/costs/expenses/<int:expense_id>/receipt", money.receipt_download, name="receipt"),
    path("projects/<str:key>/earned-value/", money.earned_value_page, name="earned-value"),
]
