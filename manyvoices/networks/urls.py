from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("settings/connections/", views.connections, name="connections"),
    path("settings/connections/<str:network>/connect/", views.connect, name="connect"),
    path("settings/connections/<str:network>/callback/", views.callback, name="callback"),
    path("settings/connections/<int:pk>/disconnect/", views.disconnect, name="disconnect"),
    path("publish/", views.posts, name="posts"),
    path("publish/<int:pk>/", views.post, name="post"),
    path(
        "publish/deliveries/<int:pk>/<str:action>/",
        views.delivery_action,
        name="delivery_action",
    ),
]
