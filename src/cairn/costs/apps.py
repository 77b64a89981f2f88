from django.apps import AppConfig


class CostsConfig(AppConfig):
    """Time and money: time entries and timesheets, rates, expenses, budgets, earned value."""

    name = "cairn.costs"
    label = "costs"
    verbose_name = "Time and cost"
