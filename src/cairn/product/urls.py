from django.urls import path

from cairn.product.views import products, releases

urlpatterns = [
    path("products/", products.product_list, name="products"),
    path("products/<int:product_id>/", products.product_overview, name="product"),
    path("products/<int:product_id>/releases/", releases.release_list, name="product-releases"),
    path("products/<int:product_id>/releases/<int:release_id>/", releases.release_detail, name="product-release"),
    path("products/<int:product_id>/releases/<int:release_id>/scope/", releases.release_scope),
    path("products/<int:product_id>/releases/<int:release_id>/notes/preview/", releases.notes_preview),
    path("products/<int:product_id>/releases/<int:release_id>/notes.md", releases.notes_file, {"kind": "md"}),
    path("products/<int:product_id>/releases/<int:release_id>/notes.html", releases.notes_file, {"kind": "html"}),
    path("products/<int:product_id>/launch-tasks/<int:task_id>/", releases.launch_task),
    path("products/<int:product_id>/launch-templates/", releases.launch_templates, name="product-launch-templates"),
]
