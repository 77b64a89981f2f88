from django.urls import path

from cairn.product.views import feedback, metrics, products, public, releases

urlpatterns = [
    path("products/", products.product_list, name="products"),
    path("products/<int:product_id>/", products.product_overview, name="product"),
    path("products/<int:product_id>/metrics/", metrics.metric_list, name="product-metrics"),
    path("products/<int:product_id>/metrics/<int:metric_id>/", metrics.metric_detail, name="product-metric"),
    path("products/<int:product_id>/metrics/<int:metric_id>/points/", metrics.add_point),
    path("products/<int:product_id>/metrics/<int:metric_id>/points/<str:day>/delete", metrics.delete_point),
    path("products/<int:product_id>/metrics/<int:metric_id>/import/", metrics.import_points),
    path("products/<int:product_id>/feedback/", feedback.inbox, name="product-feedback"),
    path("products/<int:product_id>/feedback/<int:feedback_id>/triage/", feedback.triage,
         name="product-feedback-triage"),
    path("products/<int:product_id>/ideas/", feedback.idea_list, name="product-ideas"),
    path("products/<int:product_id>/ideas/<int:idea_id>/", feedback.idea_detail, name="product-idea"),
    path("products/<int:product_id>/customers/", feedback.customer_list, name="product-customers"),
    path("feedback/follow/<str:token>/", public.follow, name="feedback-follow"),
    path("feedback/<slug:slug>/", public.feedback_form, name="feedback-form"),
    path("products/<int:product_id>/releases/", releases.release_list, name="product-releases"),
    path("products/<int:product_id>/releases/<int:release_id>/", releases.release_detail, name="product-release"),
    path("products/<int:product_id>/releases/<int:release_id>/scope/", releases.release_scope),
    path("products/<int:product_id>/releases/<int:release_id>/notes/preview/", releases.notes_preview),
    path("products/<int:product_id>/releases/<int:release_id>/notes.md", releases.notes_file, {"kind": "md"}),
    path("products/<int:product_id>/releases/<int:release_id>/notes.html", releases.notes_file, {"kind": "html"}),
    path("products/<int:product_id>/launch-tasks/<int:task_id>/", releases.launch_task),
    path("products/<int:product_id>/launch-templates/", releases.launch_templates, name="product-launch-templates"),
]
