from django.urls import path

from . import views

app_name = "social"
urlpatterns = [
    path("network/", views.home, name="home"),
    path("network/write/", views.write, name="write"),
    path("network/write/review/", views.live_review, name="review"),
    path("network/write/fix/", views.fix, name="fix"),
    path("network/mine/", views.my_posts, name="mine"),
    path("network/posts/<int:pk>/", views.post_detail, name="post"),
    path("network/posts/<int:pk>/edit/", views.write, name="edit"),
    path("network/posts/<int:pk>/history/", views.history, name="history"),
    path("network/posts/<int:pk>/comment/", views.comment, name="comment"),
    path("network/posts/<int:pk>/comment/review/", views.comment_review, name="comment_review"),
    path("network/posts/<int:pk>/comment/fix/", views.comment_fix, name="comment_fix"),
    path("network/posts/<int:pk>/react/", views.react, name="react"),
    path("network/posts/<int:pk>/report/", views.report, name="report"),
    path("network/posts/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("network/posts/<int:pk>/share-outside/", views.share_outside, name="share_outside"),
    path("network/moderation/", views.moderation, name="moderation"),
    path("network/communities/", views.communities, name="communities"),
    path("network/c/<slug:slug>/", views.community, name="community"),
    path("network/c/<slug:slug>/membership/", views.membership, name="membership"),
    path("network/follow/", views.follow, name="follow"),
    path("network/tags/<str:tag>/", views.tag, name="tag"),
    path("network/people/<int:pk>/", views.person, name="person"),
    path("network/profile/", views.edit_profile, name="edit_profile"),
    path("network/expertise/<int:pk>/endorse/", views.endorse, name="endorse"),
    path("network/experts/", views.experts, name="experts"),
    path("network/search/", views.search_page, name="search"),
    path("network/notifications/", views.notifications, name="notifications"),
]
