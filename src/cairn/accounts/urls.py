from django.urls import path

from cairn.accounts import views

urlpatterns = [path("account/", views.account, name="account")]
