from django.apps import AppConfig


class ProductConfig(AppConfig):
    name = "cairn.product"
    label = "product"
    verbose_name = "Product management"

    def ready(self) -> None:
        from cairn.product import receivers  # noqa: F401 - connects the receivers
