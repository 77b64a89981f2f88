from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "cairn.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cairn.planning.receivers import let_go_of_issue
        from cairn.tracker.signals import issue_leaving_project

        issue_leaving_project.connect(let_go_of_issue, dispatch_uid="planning.let_go_of_issue")
