from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("people/", views.people_list, name="list"),
    path("people/invite/", views.invite, name="invite"),
    path("people/import/", views.import_csv, name="import"),
    path("invitations/<str:token>/", views.accept, name="accept"),
    path("settings/profile/", views.profile, name="profile"),
]
