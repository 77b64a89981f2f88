from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """Where every project stands: status reports and the portfolio."""

    name = "cairn.reporting"
    label = "reporting"
    verbose_name = "Status reports and portfolio"
