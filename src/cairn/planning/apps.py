from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "cairn.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"
