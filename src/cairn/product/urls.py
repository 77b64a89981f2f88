from django.urls import path

from cairn.product.views import products, roadmap

urlpatterns = [
    path("products/", products.product_list, name="products"),
    path("products/<int:product_id>/", products.product_overview, name="product"),
    path("products/<int:product_id>/roadmap/", roadmap.roadmap_page, name="product-roadmap"),
    path("roadmap/<str:token>/", roadmap.public_roadmap_page, name="public-roadmap"),
]
