from django.apps import AppConfig


class ProductConfig(AppConfig):
    name = "cairn.product"
    label = "product"
    verbose_name = "Product management"
