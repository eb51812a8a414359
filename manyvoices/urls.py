"""URLs of the web app. Each app owns its own urls.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from manyvoices.advocacy.views import follow as follow_short_link
from manyvoices.api.api import api
from manyvoices.people.forms import EmailAuthenticationForm
from manyvoices.people.views import home
from manyvoices.social.api import router as social_router

api.add_router("/v1/", social_router)

admin.site.site_header = "ManyVoices administration"

urlpatterns = [
    # First: short links are the busiest URL, so they are matched before all others.
    path("l/<str:code>", follow_short_link, name="short-link"),
    path("", home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(success_url="/accounts/password/done/"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", include("manyvoices.people.urls")),
    path("", include("manyvoices.guidelines.urls")),
    path("", include("manyvoices.composer.urls")),
    path("", include("manyvoices.api.urls")),
    path("", include("manyvoices.social.urls")),
    path("", include("manyvoices.advocacy.urls")),
    path("", include("manyvoices.networks.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
