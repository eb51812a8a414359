"""generate_org bulk-loads a consistent organisation (small sizes here; the benchmark
loads the full one): counts as asked, a manager tree, community posts by members only,
and search, feed and experts work on what it wrote."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Exists, OuterRef

from manyvoices.people.models import User
from manyvoices.social.feed import feed
from manyvoices.social.models import (
    Comment,
    Community,
    Expertise,
    Follow,
    Membership,
    Post,
    PostTag,
    Profile,
)
from manyvoices.social.search import search

pytestmark = pytest.mark.django_db


def test_generate_org_loads_what_was_asked_and_keeps_the_rules(db: Any) -> None:
    out = StringIO()
    call_command("generate_org", employees=120, posts=300, comments=600, communities=10, stdout=out)
    assert "done in" in out.getvalue()
    assert User.objects.count() == 120 and Profile.objects.count() == 120
    assert Post.objects.count() == 300 and Comment.objects.count() == 600
    assert Community.objects.count() == 10
    assert Community.objects.filter(visibility="private").exists()
    assert PostTag.objects.count() >= 300 and Expertise.objects.count() >= 120
    assert Follow.objects.exists()
    assert User.objects.filter(manager__isnull=True).count() == 1
    # every community post's author is a member of a non-open community
    members = Membership.objects.filter(community=OuterRef("community"), user=OuterRef("author"))
    outsiders = Post.objects.filter(community__visibility__in=["private", "restricted"]).exclude(
        Exists(members)
    )
    assert not outsiders.exists()
    someone = User.objects.order_by("pk")[5]
    assert feed(someone).posts
    topic = PostTag.objects.values_list("tag", flat=True).first()
    hits = search(someone, topic)
    assert hits.posts
    visible = set(Post.objects.visible_to(someone).values_list("pk", flat=True))
    assert all(h.id in visible for h in hits.posts)
    # the people loaded can sign in with the one password
    assert someone.check_password("manyvoices")


def test_generate_org_twice_adds_a_second_organisation(db: Any) -> None:
    call_command("generate_org", employees=20, posts=10, comments=5, stdout=StringIO())
    call_command("generate_org", employees=20, posts=10, comments=5, stdout=StringIO())
    assert User.objects.count() == 40 and Post.objects.count() == 20
    post = Post.objects.create(author=User.objects.first(), title="after", body="x")
    assert post.pk > max(Post.objects.exclude(pk=post.pk).values_list("pk", flat=True))


def test_generate_org_refuses_bad_sizes(db: Any) -> None:
    with pytest.raises(CommandError, match="--employees"):
        call_command("generate_org", employees=0, stdout=StringIO())
