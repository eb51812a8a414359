from django.urls import path

from . import views

app_name = "tokens"
urlpatterns = [
    path("settings/tokens/", views.tokens, name="list"),
    path("settings/tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
]
