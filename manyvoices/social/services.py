"""Writes that span several models: publishing and editing posts (review, history, tags,
mentions), comments (notifications), reactions, reports and moderation, endorsements,
and 'share outside'. Views and the API call these; each checks who may do what."""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import markdown
from .models import (
    MAX_BODY,
    MAX_COMMENT,
    Comment,
    Community,
    Endorsement,
    Expertise,
    ModerationAction,
    Notification,
    Post,
    PostRevision,
    PostTag,
    Reaction,
    Report,
    clean_tag,
    signed_in,
)
from .reviewing import ensure_publishable, post_text


class InvalidInput(ValueError):
    """Bad input; the message names the field and what is wrong."""


def _text_of(title: str, body: str) -> str:
    return post_text(title, body)


def parse_tags(raw: str | list[str]) -> list[str]:
    items = raw if isinstance(raw, list) else raw.replace(",", " ").split()
    tags: list[str] = []
    for item in items:
        tag = clean_tag(item)
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > 10:
        raise InvalidInput("tags: at most 10 tags per post")
    return tags


def mentioned_users(text: str, *, exclude: Any = None) -> list[Any]:
    from manyvoices.people.models import User

    handles = markdown.mentioned_handles(text)
    if not handles:
        return []
    cond = Q()
    for h in handles[:50]:
        cond |= Q(email__iexact=h) if "@" in h else Q(email__istartswith=f"{h}@")
    users = User.objects.filter(cond, is_active=True)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users)


def notify(*, recipient: Any, actor: Any, kind: str, post: Post, comment: Comment | None) -> bool:
    """One notification, only for someone who may see the post (a mention of an outsider
    in a private community tells them nothing) and never for one's own act."""
    if recipient.pk == actor.pk or not recipient.is_active or not post.can_read(recipient):
        return False
    if post.hidden or (comment is not None and comment.hidden):
        return False
    _obj, created = Notification.objects.get_or_create(
        recipient=recipient, kind=kind, post=post, comment=comment, defaults={"actor": actor}
    )
    return created


def _check_post_input(title: str, body: str) -> tuple[str, str]:
    title = (title or "").strip()
    body = (body or "").replace("\r\n", "\n")
    if not title:
        raise InvalidInput("title: a post needs a title")
    if len(title) > 200:
        raise InvalidInput(f"title: at most 200 characters (this one has {len(title)})")
    if not body.strip():
        raise InvalidInput("body: a post needs some text")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"body: at most {MAX_BODY} characters (this one has {len(body)})")
    return title, body


@transaction.atomic
def save_post(
    *,
    author: Any,
    title: str,
    body: str,
    tags: str | list[str] = "",
    community: Community | None = None,
    publish: bool = False,
    post: Post | None = None,
) -> Post:
    """Create or edit a post, as a draft or published. Publishing is reviewed on the
    internal network and refused when the review blocks (Blocked). Editing a published
    post keeps its earlier text as a revision and marks the post updated."""
    if not signed_in(author):
        raise PermissionDenied("sign in to write")
    title, body = _check_post_input(title, body)
    tag_list = parse_tags(tags)
    if post is not None and post.author_id != author.pk:
        raise PermissionDenied("only its author edits a post")
    target = community if post is None else post.community
    if target is not None and not target.can_write(author):
        raise PermissionDenied(f"only members write in {target.name}")
    was_published = post is not None and post.is_published
    if publish or was_published:
        ensure_publishable(_text_of(title, body), author)
    now = timezone.now()
    if post is None:
        post = Post(author=author, community=community)
    elif was_published and (post.title != title or post.body != body):
        PostRevision.objects.create(post=post, title=post.title, body=post.body, replaced_at=now)
        post.edited_at = now
    post.title, post.body = title, body
    if publish and not post.is_published:
        post.status = Post.Status.PUBLISHED
        post.published_at = now
    post.save()
    PostTag.objects.filter(post=post).exclude(tag__in=tag_list).delete()
    existing = set(PostTag.objects.filter(post=post).values_list("tag", flat=True))
    PostTag.objects.bulk_create(
        [
            PostTag(post=post, tag=t, published_at=post.published_at)
            for t in tag_list
            if t not in existing
        ]
    )
    PostTag.objects.filter(post=post).update(published_at=post.published_at)
    if post.is_published:
        for user in mentioned_users(_text_of(title, body), exclude=author):
            notify(
                recipient=user,
                actor=author,
                kind=Notification.Kind.MENTION,
                post=post,
                comment=None,
            )
    return post


@transaction.atomic
def add_comment(*, author: Any, post: Post, body: str, parent: Comment | None = None) -> Comment:
    body = (body or "").replace("\r\n", "\n")
    if not body.strip():
        raise InvalidInput("body: a comment needs some text")
    if len(body) > MAX_COMMENT:
        raise InvalidInput(f"body: at most {MAX_COMMENT} characters (this one has {len(body)})")
    if not post.can_comment(author):
        raise PermissionDenied("you cannot comment on this post")
    if parent is not None and (parent.post_id != post.pk or parent.hidden):
        raise InvalidInput("parent: that comment is not on this post")
    ensure_publishable(body, author)
    comment = Comment.objects.create(post=post, author=author, body=body, parent=parent)
    notify(
        recipient=post.author,
        actor=author,
        kind=Notification.Kind.COMMENT,
        post=post,
        comment=comment,
    )
    if parent is not None:
        notify(
            recipient=parent.author,
            actor=author,
            kind=Notification.Kind.REPLY,
            post=post,
            comment=comment,
        )
    for user in mentioned_users(body, exclude=author):
        notify(
            recipient=user, actor=author, kind=Notification.Kind.MENTION, post=post, comment=comment
        )
    return comment


def toggle_reaction(*, user: Any, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if it was there; True when it is now on."""
    if kind not in dict(Reaction.KINDS):
        raise InvalidInput(f"kind: one of {', '.join(dict(Reaction.KINDS))}")
    if not post.can_read(user) or not post.is_published or post.hidden:
        raise PermissionDenied("you cannot react to this post")
    deleted, _ = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        return False
    with contextlib.suppress(IntegrityError):  # a double click raced us
        Reaction.objects.create(post=post, user=user, kind=kind)
    return True


def report(*, reporter: Any, post: Post, comment: Comment | None, reason: str) -> Report:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("reason: say what is wrong, so moderators can judge")
    target_ok = comment.can_read(reporter) if comment is not None else post.can_read(reporter)
    if not target_ok:
        raise PermissionDenied("you cannot see that")
    return Report.objects.create(reporter=reporter, post=post, comment=comment, reason=reason[:500])


@transaction.atomic
def moderate(
    *, moderator: Any, post: Post, comment: Comment | None, action: str, reason: str
) -> ModerationAction:
    """Hide or restore a post or comment; recorded in the audit trail with its reason, and
    the reports about it are resolved."""
    if not post.can_moderate(moderator):
        raise PermissionDenied("you do not moderate this")
    if action not in ModerationAction.Action.values:
        raise InvalidInput("action: hide or restore")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("reason: the audit trail needs a reason")
    target: Post | Comment = comment if comment is not None else post
    target.hidden = action == ModerationAction.Action.HIDE
    type(target).objects.filter(pk=target.pk).update(hidden=target.hidden)
    entry = ModerationAction.objects.create(
        moderator=moderator, action=action, post=post, comment=comment, reason=reason[:500]
    )
    open_reports = Report.objects.filter(post=post, resolved_at__isnull=True)
    open_reports = (
        open_reports.filter(comment=comment)
        if comment is not None
        else open_reports.filter(comment__isnull=True)
    )
    open_reports.update(resolved_at=timezone.now())
    return entry


def add_expertise(*, user: Any, tag: str) -> Expertise:
    clean = clean_tag(tag)
    if not clean:
        raise InvalidInput("tag: letters or digits, e.g. 'kubernetes' or 'machine learning'")
    expertise, _ = Expertise.objects.get_or_create(user=user, tag=clean)
    return expertise


def endorse(*, endorser: Any, expertise: Expertise) -> bool:
    """Endorse a colleague's expertise; True when new. Nobody endorses themselves."""
    if expertise.user_id == endorser.pk:
        raise InvalidInput("you cannot endorse your own expertise")
    _obj, created = Endorsement.objects.get_or_create(expertise=expertise, endorser=endorser)
    return created


def share_outside(*, user: Any, post: Post) -> Any:
    """An internal post becomes a draft in the composer (the external rules apply there);
    only its author may do this."""
    from manyvoices.composer.models import Draft
    from manyvoices.guidelines.models import current_policy

    if post.author_id != user.pk:
        raise PermissionDenied("only its author shares a post outside")
    draft = Draft(author=user, text=_text_of(post.title, post.body), networks=["linkedin"])
    version, policy = current_policy()
    if policy is not None:
        draft.save_reviewed(policy, policy_version=version)
    else:
        draft.save()
    return draft
