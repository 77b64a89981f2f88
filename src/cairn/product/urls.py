from django.urls import path

from cairn.product.views import backlog, products

urlpatterns = [
    path("products/", products.product_list, name="products"),
    path("products/<int:product_id>/", products.product_overview, name="product"),
    path("products/<int:product_id>/backlog/", backlog.backlog_page, name="product-backlog"),
    path("products/<int:product_id>/backlog/chart/", backlog.chart_fragment, name="product-backlog-chart"),
    path("products/<int:product_id>/backlog/<str:kind>/<int:item_id>/scores/", backlog.item_scores,
         name="product-backlog-scores"),
    path("products/<int:product_id>/features/<int:feature_id>/", backlog.feature_page, name="product-feature"),
]
