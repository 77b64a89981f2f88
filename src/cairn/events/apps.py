from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "cairn.events"
    label = "events"

    def ready(self) -> None:
        from cairn.events import broker  # noqa: F401  (subscribes the live broker to the bus)
