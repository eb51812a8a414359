from django.urls import path

from . import views

app_name = "guidelines"
urlpatterns = [
    path("guidelines/", views.public, name="public"),
    path("guidelines/acknowledge/", views.acknowledge, name="acknowledge"),
    path("guidelines/manage/", views.manage, name="manage"),
    path("guidelines/manage/new/", views.edit, name="edit"),
    path("guidelines/manage/<int:pk>/", views.version_detail, name="version"),
    path("guidelines/manage/<int:pk>/publish/", views.publish, name="publish"),
    path("guidelines/coverage/", views.coverage, name="coverage"),
]
