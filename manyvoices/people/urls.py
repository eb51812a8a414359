from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "people"
urlpatterns = [
    path("people/", views.people_list, name="list"),
    path("people/invite/", views.invite, name="invite"),
    path("people/import/", views.import_csv, name="import"),
    path("invitations/<str:token>/", views.accept, name="accept"),
    path("settings/profile/", views.profile, name="profile"),
    # Forgotten passwords (people who sign in with SSO have no password to reset).
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/reset_email.txt",
            subject_template_name="registration/reset_subject.txt",
            success_url=reverse_lazy("people:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("people:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
