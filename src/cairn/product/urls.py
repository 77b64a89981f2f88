from django.urls import path

from cairn.product.views import metrics, products

urlpatterns = [
    path("products/", products.product_list, name="products"),
    path("products/<int:product_id>/", products.product_overview, name="product"),
    path("products/<int:product_id>/metrics/", metrics.metric_list, name="product-metrics"),
    path("products/<int:product_id>/metrics/<int:metric_id>/", metrics.metric_detail, name="product-metric"),
    path("products/<int:product_id>/metrics/<int:metric_id>/points/", metrics.add_point),
    path("products/<int:product_id>/metrics/<int:metric_id>/points/<str:day>/delete", metrics.delete_point),
    path("products/<int:product_id>/metrics/<int:metric_id>/import/", metrics.import_points),
]
