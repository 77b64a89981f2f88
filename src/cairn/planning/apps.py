from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "cairn.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The tracker sits below planning and may not import it, yet an edit of a
        # scheduled issue's date must become an edit of the plan: planning tells the
        # tracker, once, who computes issue dates (see cairn.tracker.planned_dates).
        from cairn.planning.issue_dates import SchedulePlanner
        from cairn.tracker import planned_dates

        planned_dates.register(SchedulePlanner())

        from cairn.planning.receivers import let_go_of_issue
        from cairn.tracker.signals import issue_leaving_project

        issue_leaving_project.connect(let_go_of_issue, dispatch_uid="planning.let_go_of_issue")
