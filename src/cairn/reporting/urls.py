from django.urls import path

from cairn.reporting import views

urlpatterns = [
    path("projects/<str:key>/reports/", views.reports_page, name="reports"),
    path("projects/<str:key>/reports/<int:number>/", views.report_page, name="report"),
    path("projects/<str:key>/reports/<int:number>/report.md", views.report_markdown, name="report-markdown"),
    path("projects/<str:key>/reports/<int:number>/report.csv", views.report_csv, name="report-csv"),
    path("portfolio/", views.portfolio_page, name="portfolio"),
    path("portfolio/load", views.portfolio_load, name="portfolio-load"),
]
