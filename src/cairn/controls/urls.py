from django.urls import path

from cairn.controls.views import changes, register, risks

urlpatterns = [
    path("projects/<str:key>/risks/", risks.register_page, name="risks"),
    path("projects/<str:key>/risks/<int:number>/", risks.risk_page, name="risk"),
    path("projects/<str:key>/risks/<int:number>/rate", risks.rate, name="risk-rate"),
    path("projects/<str:key>/changes/", changes.changes_page, name="changes"),
    path("projects/<str:key>/changes/<int:number>/", changes.change_page, name="change"),
    path("projects/<str:key>/stakeholders/", register.stakeholders_page, name="stakeholders"),
    path("projects/<str:key>/decisions/", register.decisions_page, name="decisions"),
]
