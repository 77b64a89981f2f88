from django.apps import AppConfig


class ControlsConfig(AppConfig):
    """The project manager's controls: risks, change requests, stakeholders, decisions."""

    name = "cairn.controls"
    label = "controls"
    verbose_name = "Project controls"
