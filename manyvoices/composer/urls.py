from django.urls import path

from . import views

app_name = "composer"
urlpatterns = [
    path("compose/", views.compose, name="new"),
    path("compose/review/", views.live_review, name="review"),
    path("compose/fix/", views.fix, name="fix"),
    path("compose/dismiss/", views.dismiss, name="dismiss"),
    path("compose/save/", views.save, name="save"),
    path("drafts/", views.drafts, name="drafts"),
    path("drafts/<int:pk>/", views.compose, name="edit"),
    path("drafts/<int:pk>/ready/", views.ready, name="ready"),
    path("drafts/<int:pk>/delete/", views.delete, name="delete"),
    path("insights/", views.insights, name="insights"),
]
