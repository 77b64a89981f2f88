from django.urls import path

from cairn.controls.views import risks

urlpatterns = [
    path("projects/<str:key>/risks/", risks.register_page, name="risks"),
    path("projects/<str:key>/risks/<int:number>/", risks.risk_page, name="risk"),
    path("projects/<str:key>/risks/<int:number>/rate", risks.rate, name="risk-rate"),
]
