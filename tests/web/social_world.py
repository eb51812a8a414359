"""A small internal network for the social tests, on top of the shared people (alice the
owner, bob her colleague, charlie the outsider) and the published test policy.

- open community `guild` (anyone reads and writes), alice moderates;
- restricted community `news` (anyone reads, members write), comms moderates, alice member;
- private community `skunkworks` (members only), alice moderates, bob is a member;
- posts: alice's blog post, a post in each community, alice's draft; a comment by bob on
  the private post. Each carries a word found nowhere else, so a search for it finds
  exactly that post or comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from manyvoices.social import services
from manyvoices.social.models import Comment, Community, Membership, Post

if TYPE_CHECKING:
    from .conftest import People

PRIVATE_WORD = "zanzibar"
PRIVATE_COMMENT_WORD = "marmalade"
DRAFT_WORD = "quokka"
BLOG_WORD = "pangolin"
OPEN_WORD = "axolotl"
NEWS_WORD = "narwhal"


@dataclass
class World:
    guild: Community
    news: Community
    skunkworks: Community
    blog_post: Post
    open_post: Post
    news_post: Post
    private_post: Post
    draft: Post
    private_comment: Comment


@pytest.fixture
def world(people: People, policy: Any) -> World:
    alice, bob, comms = people.alice, people.bob, people.comms
    guild = Community.objects.create(slug="guild", name="Guild", visibility="open")
    news = Community.objects.create(slug="news", name="News", visibility="restricted")
    skunk = Community.objects.create(slug="skunkworks", name="Skunkworks", visibility="private")
    Membership.objects.create(community=guild, user=alice, role="moderator")
    Membership.objects.create(community=news, user=comms, role="moderator")
    Membership.objects.create(community=news, user=alice)
    Membership.objects.create(community=skunk, user=alice, role="moderator")
    Membership.objects.create(community=skunk, user=bob)

    def post(title: str, body: str, community: Community | None = None, **kw: Any) -> Post:
        kw.setdefault("publish", True)
        return services.save_post(author=alice, title=title, body=body, community=community, **kw)

    blog = post("On testing", f"Notes on the {BLOG_WORD} of testing.", tags="testing")
    open_post = post("Guild news", f"The {OPEN_WORD} club meets Friday.", guild, tags="clubs")
    news_post = post("Office news", f"A {NEWS_WORD} was seen in the lobby.", news)
    private = post("Secret plans", f"The {PRIVATE_WORD} plan is on track.", skunk, tags="testing")
    draft = post("Unfinished", f"A {DRAFT_WORD} in progress.", publish=False)
    comment = services.add_comment(
        author=bob, post=private, body=f"Love the {PRIVATE_COMMENT_WORD} idea."
    )
    return World(guild, news, skunk, blog, open_post, news_post, private, draft, comment)
