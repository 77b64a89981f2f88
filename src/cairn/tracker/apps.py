from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "cairn.tracker"
    label = "tracker"
    default_auto_field = "django.db.models.BigAutoField"
