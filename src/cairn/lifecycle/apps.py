from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    """A project from initiation to closure: phases and their gates, the business case
    and charter, scope, deliverables and their sign-off, and the lessons learned."""

    name = "cairn.lifecycle"
    label = "lifecycle"
    verbose_name = "Project lifecycle"
