"""The internal network: profiles and expertise, blogs, communities, follows, notifications
and moderation.

Visibility lives in one place, the querysets' `visible_to(user)`, and every page, feed,
search, notification and API answer goes through it, inside the query (never after
paging):

- nobody who is not signed in sees anything of the internal network;
- a draft is its author's alone;
- a post outside any community is for every signed-in colleague;
- a post in an open or restricted community is for every signed-in colleague (a
  restricted community lets only members write); a post in a private community is for
  its members only;
- a hidden post or comment (moderation) is left out of every list; its page shows it
  only to its author and to those who may moderate it;
- a comment is visible where its post is, and not hidden.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from . import markdown

MAX_BODY = 100_000
MAX_COMMENT = 10_000


def clean_tag(raw: str) -> str:
    """A tag as stored: lower case, letters, digits and dashes ('Machine learning' ->
    'machine-learning')."""
    return slugify(raw.strip().lstrip("#"))[:50]


def signed_in(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_network_moderator(user: Any) -> bool:
    """Compliance and administrators moderate the whole network."""
    return signed_in(user) and user.role in ("compliance", "admin")


# --- Profiles and expertise -------------------------------------------------------------


class Profile(models.Model):
    """What the network adds to a person: a bio and languages. Department, location, title
    and manager are the person's own fields (manyvoices.people)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="social_profile"
    )
    bio = models.TextField(blank=True, max_length=5000)
    languages = models.CharField(max_length=200, blank=True, help_text="comma-separated")
    # Name, title, department, location, bio and expertise tags in one text, for search;
    # kept in step by refresh_search_text() (signals on User and Expertise).
    search_text = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"profile of {self.user}"

    @classmethod
    def of(cls, user: Any) -> Profile:
        profile, _ = cls.objects.get_or_create(user=user)
        return profile

    @property
    def language_list(self) -> list[str]:
        return [x.strip() for x in self.languages.split(",") if x.strip()]

    def compose_search_text(self) -> str:
        u = self.user
        tags = " ".join(e.tag.replace("-", " ") for e in Expertise.objects.filter(user=u))
        return " ".join(
            p
            for p in (
                u.name,
                u.email.split("@")[0],
                u.title,
                u.department,
                u.location,
                self.languages,
                tags,
                self.bio,
            )
            if p
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.compose_search_text()
        super().save(*args, **kwargs)


class Expertise(models.Model):
    """A tag a person adds to their own profile; colleagues endorse it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expertise"
    )
    tag = models.CharField(max_length=50, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["user", "tag"], name="one_tag_per_person"),)
        ordering = ("tag",)

    def __str__(self) -> str:
        return f"{self.user}: {self.tag}"


class Endorsement(models.Model):
    expertise = models.ForeignKey(Expertise, on_delete=models.CASCADE, related_name="endorsements")
    endorser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements_given"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["expertise", "endorser"], name="one_endorsement_each"),
        )


# --- Communities --------------------------------------------------------------------------


class Visibility(models.TextChoices):
    OPEN = "open", "Open: anyone reads and writes"
    RESTRICTED = "restricted", "Restricted: anyone reads, members write"
    PRIVATE = "private", "Private: members only"


class CommunityQuerySet(models.QuerySet["Community"]):
    def visible_to(self, user: Any) -> CommunityQuerySet:
        if not signed_in(user):
            return self.none()
        return self.filter(
            Q(visibility__in=(Visibility.OPEN, Visibility.RESTRICTED))
            | Q(pk__in=Membership.objects.filter(user=user).values("community_id"))
        )


class Community(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=2000)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("social:community", args=[self.slug])

    def role_of(self, user: Any) -> str | None:
        if not signed_in(user):
            return None
        return (
            Membership.objects.filter(community=self, user=user)
            .values_list("role", flat=True)
            .first()
        )

    def can_read(self, user: Any) -> bool:
        if not signed_in(user):
            return False
        return self.visibility != Visibility.PRIVATE or self.role_of(user) is not None

    def can_write(self, user: Any) -> bool:
        if not signed_in(user):
            return False
        return self.visibility == Visibility.OPEN or self.role_of(user) is not None

    def can_moderate(self, user: Any) -> bool:
        """Its own moderators; compliance and admins too, except in a private community,
        whose content never reaches anyone outside it."""
        if self.role_of(user) == Membership.Role.MODERATOR:
            return True
        return is_network_moderator(user) and self.visibility != Visibility.PRIVATE

    def can_join(self, user: Any) -> bool:
        """Open and restricted communities take anyone who asks; private ones are joined
        only when a moderator adds a person."""
        return signed_in(user) and self.visibility != Visibility.PRIVATE


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        MODERATOR = "moderator", "Moderator"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["community", "user"], name="one_membership_each"),
        )
        indexes = (models.Index(fields=["user", "community"]),)


# --- Blog posts ---------------------------------------------------------------------------


def readable_community_ids(user: Any) -> models.QuerySet[Any]:
    return Membership.objects.filter(user=user).values("community_id")


def post_visibility(user: Any, prefix: str = "") -> Q:
    """The condition under which `user` may see a published post (prefix: the path to the
    post, e.g. 'post__' for comments)."""
    return Q(**{f"{prefix}status": "published", f"{prefix}hidden": False}) & (
        Q(**{f"{prefix}community__isnull": True})
        | Q(**{f"{prefix}community__visibility__in": (Visibility.OPEN, Visibility.RESTRICTED)})
        | Q(**{f"{prefix}community_id__in": readable_community_ids(user)})
    )


class PostQuerySet(models.QuerySet["Post"]):
    def visible_to(self, user: Any) -> PostQuerySet:
        """Published, not hidden posts the user may read: every list goes through this."""
        if not signed_in(user):
            return self.none()
        return self.filter(post_visibility(user))

    def of_author(self, user: Any) -> PostQuerySet:
        if not signed_in(user):
            return self.none()
        return self.filter(author=user)


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_posts"
    )
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=MAX_BODY)
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    # Set when a published post is edited: the page says "updated" and links its history.
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-id")
        indexes = (
            models.Index(fields=["author", "-published_at", "-id"], name="post_author_recent"),
            models.Index(
                fields=["community", "-published_at", "-id"], name="post_community_recent"
            ),
            models.Index(fields=["-published_at", "-id"], name="post_recent"),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("social:post", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def render(self) -> None:
        self.body_html = markdown.render(self.body)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.render()
        super().save(*args, **kwargs)

    def can_read(self, user: Any) -> bool:
        """For one post's page: the author always; moderators see hidden posts to restore
        them; otherwise the visibility rule."""
        if not signed_in(user):
            return False
        if user.pk == self.author_id:
            return True
        if not self.is_published:
            return False
        if self.community_id is not None and not self.community.can_read(user):
            return False
        if self.hidden:
            return self.can_moderate(user)
        return True

    def can_moderate(self, user: Any) -> bool:
        if self.community_id is not None:
            return self.community.can_moderate(user)
        return is_network_moderator(user)

    def can_comment(self, user: Any) -> bool:
        if not self.is_published or self.hidden or not signed_in(user):
            return False
        if self.community_id is None:
            return True
        return self.community.can_write(user)

    def tags(self) -> list[str]:
        return sorted(t.tag for t in self.post_tags.all())

    def reaction_counts(self) -> dict[str, int]:
        counts = dict(Reaction.KINDS)
        out = {k: 0 for k in counts}
        for row in self.reactions.values("kind").annotate(n=models.Count("id")):
            out[row["kind"]] = row["n"]
        return out


class PostTag(models.Model):
    """A post's tag, with the post's publication time copied so a tag's newest posts come
    straight from an index (the feed)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="post_tags")
    tag = models.CharField(max_length=50)
    published_at = models.DateTimeField(null=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["post", "tag"], name="one_tag_per_post"),)
        indexes = (models.Index(fields=["tag", "-published_at"], name="posttag_recent"),)


class PostRevision(models.Model):
    """An earlier text of a published post, kept when it was edited (the guidelines ask
    authors never to alter a post silently)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    body = models.TextField()
    # When this text was replaced.
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-replaced_at", "-id")

    @property
    def body_html(self) -> str:
        return markdown.render(self.body)


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible_to(self, user: Any) -> CommentQuerySet:
        if not signed_in(user):
            return self.none()
        return self.filter(Q(hidden=False) & post_visibility(user, "post__"))


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(max_length=MAX_COMMENT)
    body_html = models.TextField(blank=True)
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ("created_at", "id")
        indexes = (models.Index(fields=["post", "created_at"], name="comment_post_time"),)

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.post_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_html = markdown.render(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    def can_read(self, user: Any) -> bool:
        if not self.post.can_read(user):
            return False
        if self.hidden:
            return user.pk == self.author_id or self.post.can_moderate(user)
        return True


class Reaction(models.Model):
    KINDS = (("like", "Like"), ("celebrate", "Celebrate"), ("insightful", "Insightful"))

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=KINDS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_each"),
        )


# --- Follows and notifications --------------------------------------------------------


class Follow(models.Model):
    """One thing a person follows: a colleague, a community or a tag."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    tag = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["follower", "user"], condition=Q(user__isnull=False), name="follow_user"
            ),
            models.UniqueConstraint(
                fields=["follower", "community"],
                condition=Q(community__isnull=False),
                name="follow_community",
            ),
            models.UniqueConstraint(
                fields=["follower", "tag"], condition=~Q(tag=""), name="follow_tag"
            ),
        )


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: Any) -> NotificationQuerySet:
        """A person's notifications about things they may still see (someone who left a
        private community no longer hears of it)."""
        if not signed_in(user):
            return self.none()
        return (
            self.filter(recipient=user)
            .filter(post_visibility(user, "post__"))
            .filter(Q(comment__isnull=True) | Q(comment__hidden=False))
        )


class Notification(models.Model):
    class Kind(models.TextChoices):
        MENTION = "mention", "mentioned you"
        COMMENT = "comment", "commented on your post"
        REPLY = "reply", "replied to your comment"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="social_notifications"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=["recipient", "-created_at"], name="notif_recent"),)
        constraints = (
            models.UniqueConstraint(
                fields=["recipient", "kind", "post", "comment"],
                name="one_notification_each",
                nulls_distinct=False,
            ),
        )

    def target_url(self) -> str:
        return self.comment.get_absolute_url() if self.comment_id else self.post.get_absolute_url()


# --- Moderation -------------------------------------------------------------------------


class Report(models.Model):
    """Anyone who can see a post or comment may report it; its moderators decide."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    @property
    def target(self) -> Post | Comment:
        return self.comment if self.comment_id else self.post


class ModerationAction(models.Model):
    """The audit trail: who hid or restored what, when and why. Never deleted."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hidden"
        RESTORE = "restore", "Restored"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="moderation")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="moderation"
    )
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
