from django.urls import path

from cairn.product.views import market, products, research, strategy

urlpatterns = [
    path("products/", products.product_list, name="products"),
    path("products/<int:product_id>/", products.product_overview, name="product"),
    path("products/<int:product_id>/okrs/", strategy.okrs, name="product-okrs"),
    path("products/<int:product_id>/okrs/key-results/<int:key_result_id>/", strategy.key_result_value,
         name="product-key-result"),
    path("products/<int:product_id>/market/", market.market, name="product-market"),
    path("products/<int:product_id>/market/cell/", market.cell, name="product-market-cell"),
    path("products/<int:product_id>/research/", research.notes, name="product-research"),
    path("products/<int:product_id>/research/<int:note_id>/", research.note, name="product-research-note"),
]
