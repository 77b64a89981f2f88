from django.urls import path

from cairn.product.views import feedback, metrics, products, public

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
]
