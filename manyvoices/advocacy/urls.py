from django.urls import path

from . import views

app_name = "advocacy"
urlpatterns = [
    path("hub/", views.hub, name="hub"),
    path("hub/<int:pk>/", views.compose, name="compose"),
    path("hub/<int:pk>/review/", views.live_review, name="review"),
    path("hub/<int:pk>/fix/", views.fix, name="fix"),
    path("hub/<int:pk>/share/", views.share, name="share_it"),
    path("hub/<int:pk>/image", views.image, name="image"),
    path("hub/p/<int:pk>/", views.public, name="public"),
    path("hub/shares/", views.my_shares, name="my_shares"),
    path("hub/shares/<int:pk>/", views.share_detail, name="share"),
    path("hub/shares/<int:pk>/publish/", views.publish, name="publish"),
    path("hub/me/", views.me, name="me"),
    path("hub/leaderboard/", views.leaderboard, name="leaderboard"),
    path("hub/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("hub/manage/", views.manage, name="manage"),
    path("hub/manage/new/", views.edit, name="new"),
    path("hub/manage/<int:pk>/", views.edit, name="edit"),
    path("hub/manage/<int:pk>/refetch/", views.refetch, name="refetch"),
    path("hub/manage/<int:pk>/delete/", views.delete, name="delete"),
    path("hub/manage/campaigns/", views.campaigns, name="campaigns"),
    path("hub/manage/feeds/", views.feeds, name="feeds"),
    path("hub/manage/feeds/items/<int:pk>/", views.feed_item, name="feed_item"),
    path("hub/manage/settings/", views.settings_page, name="settings"),
    path("hub/analytics/", views.analytics_page, name="analytics"),
]
