"""Pages of the internal network. Every page needs a signed-in person; every object is
looked up through the visibility rules, and one a person may not see is answered exactly
like a missing one (404). Writes go through services.py, which checks permissions again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from manyvoices.composer.coaching import CoachPanel, coach_context, fixed_text, stale_fix
from manyvoices.composer.reviewing import normalise_newlines
from manyvoices.lib.htmx import is_htmx, render_page
from manyvoices.people.models import User

from . import services
from .experts import find_experts
from .feed import BadCursor, feed
from .models import (
    MAX_BODY,
    MAX_COMMENT,
    Comment,
    Community,
    Expertise,
    Follow,
    Membership,
    ModerationAction,
    Notification,
    Post,
    PostTag,
    Profile,
    Report,
    Visibility,
    clean_tag,
    is_network_moderator,
)
from .reviewing import Blocked, post_text, review_internal
from .search import KINDS, search

LIVE_REVIEW_MAX = 20_000  # characters of a body reviewed per keystroke


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("not found") from None


def _readable_post(request: HttpRequest, pk: Any) -> Post:
    post = get_object_or_404(Post.objects.select_related("author", "community"), pk=_int(pk))
    if not post.can_read(request.user):
        raise Http404("no such post")
    return post


def _readable_community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not community.can_read(request.user):
        raise Http404("no such community")
    return community


# --- Feed ----------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    try:
        page = feed(request.user, cursor=request.GET.get("cursor") or None)
    except BadCursor as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    ctx = {
        "page": page,
        "unread": Notification.objects.for_user(request.user).filter(read_at__isnull=True).count()
        if not is_htmx(request)
        else 0,
    }
    return render_page(request, "social/home.html", "social/_feed_page.html", ctx)


# --- Posts ---------------------------------------------------------------------------


def _writable_communities(user: Any) -> list[Community]:
    return [c for c in Community.objects.visible_to(user) if c.can_write(user)]


def _own_post(request: HttpRequest, pk: Any) -> Post | None:
    """The post being edited, when the editor says which: only its author's (404 otherwise,
    as the edit page answers)."""
    if pk in (None, ""):
        return None
    return get_object_or_404(Post, pk=_int(pk), author=request.user)


def _post_coach(request: HttpRequest, title: str, body: str) -> dict[str, Any]:
    """The shared coaching panel for a post's title and body, reviewed together on the
    internal network as publishing reviews them; the body's words are highlighted."""
    title, body = normalise_newlines(title), normalise_newlines(body)
    text = post_text(title, body)
    panel = CoachPanel(
        form="#post-form", fix_url=reverse("social:fix"), scope="for the internal network"
    )
    review = review_internal(text, request.user) if (title or body) else None
    return {
        "title": title,
        "body": body,
        **coach_context(text, review, panel, highlighted=(len(text) - len(body), len(text))),
    }


def _editor_context(
    request: HttpRequest,
    post: Post | None,
    *,
    title: str | None = None,
    body: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    data = request.POST if request.method == "POST" else None
    if title is None:
        title = data.get("title", "") if data else (post.title if post else "")
    if body is None:
        body = data.get("body", "") if data else (post.body if post else "")
    ctx = {
        "post": post,
        "tags": data.get("tags", "") if data else (" ".join(post.tags()) if post else ""),
        "community_slug": data.get("community", "")
        if data
        else (post.community.slug if post and post.community else request.GET.get("community", "")),
        "communities": _writable_communities(request.user),
        **_post_coach(request, title, body),
    }
    ctx.update(extra)
    return ctx


@login_required
@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    post = None
    if pk is not None:
        post = get_object_or_404(Post, pk=pk, author=request.user)
    if request.method == "GET":
        return render(request, "social/write.html", _editor_context(request, post))
    community = None
    slug = request.POST.get("community", "")
    if post is None and slug:
        community = Community.objects.visible_to(request.user).filter(slug=slug).first()
        if community is None:
            return render(
                request,
                "social/write.html",
                _editor_context(request, post, error=f"community: no community {slug!r}"),
                status=400,
            )
    publish = request.POST.get("action") == "publish"
    try:
        saved = services.save_post(
            author=request.user,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
            tags=request.POST.get("tags", ""),
            community=community,
            publish=publish,
            post=post,
        )
    except (services.InvalidInput, Blocked, PermissionDenied) as exc:
        status = 403 if isinstance(exc, PermissionDenied) else 400
        return render(
            request,
            "social/write.html",
            _editor_context(request, post, error=str(exc)),
            status=status,
        )
    if saved.is_published:
        messages.success(
            request, "Published." if publish else "Saved; the post shows it was updated."
        )
        return redirect(saved)
    messages.success(request, "Draft saved. Only you can see it.")
    return redirect("social:edit", pk=saved.pk)


@login_required
@require_POST
def live_review(request: HttpRequest) -> HttpResponse:
    """The editor's text reviewed on the internal network as it is typed: the shared
    coaching panel (with the highlights swapped out of band into the body's backdrop)."""
    post = _own_post(request, request.POST.get("post"))
    title, body = request.POST.get("title", ""), request.POST.get("body", "")
    if is_htmx(request):
        # Bounds one keystroke's work (the answer draws no text, only the review); the
        # page without htmx, and publishing, review the whole text.
        title, body = title[:200], body[:LIVE_REVIEW_MAX]
    return _render_editor(request, post, "composer/_review.html", title=title, body=body)


@login_required
@require_POST
def fix(request: HttpRequest) -> HttpResponse:
    """Apply one finding's fix to the title or the body (whichever it lies in) and answer
    with the updated editor, as the composer's one-click fix does."""
    post = _own_post(request, request.POST.get("post"))
    title = normalise_newlines(request.POST.get("title", ""))
    body = normalise_newlines(request.POST.get("body", ""))
    if len(title) > 200 or len(body) > MAX_BODY:
        return HttpResponse("The text is longer than a post may be.", status=400)
    coach = _post_coach(request, title, body)
    review, key = coach["review"], request.POST.get("key", "")
    text = post_text(title, body)
    new_title = new_body = None
    if review is not None:
        if title:
            new_title = fixed_text(review, key, title, within=(0, len(title)))
        if new_title is None:
            new_body = fixed_text(review, key, body, within=(len(text) - len(body), len(text)))
    status = 200
    if new_title is None and new_body is None:
        status = stale_fix(request)
    return _render_editor(
        request,
        post,
        "social/_editor.html",
        title=title if new_title is None else new_title,
        body=body if new_body is None else new_body,
        status=status,
    )


def _render_editor(
    request: HttpRequest,
    post: Post | None,
    partial: str,
    *,
    title: str,
    body: str,
    status: int = 200,
) -> HttpResponse:
    """`partial` of the editor for htmx, drawn from the coaching context alone (no page
    queries on every keystroke); the whole write page otherwise."""
    if is_htmx(request):
        # The review alone swaps the highlights and the status out of band; a fix redraws them.
        oob = partial == "composer/_review.html"
        ctx = {"post": post, "oob": oob, **_post_coach(request, title, body)}
        return render(request, partial, ctx, status=status)
    ctx = _editor_context(request, post, title=title, body=body)
    return render(request, "social/write.html", ctx, status=status)


@login_required
@require_GET
def my_posts(request: HttpRequest) -> HttpResponse:
    posts = Post.objects.of_author(request.user).select_related("community").order_by("-created_at")
    return render(request, "social/my_posts.html", {"posts": posts[:200]})


def _comment_coach(request: HttpRequest, post: Post, body: str) -> dict[str, Any]:
    """The shared coaching panel for the comment box, reviewed on the internal network as
    adding the comment reviews it."""
    body = normalise_newlines(body)
    panel = CoachPanel(
        form="#comment-form",
        fix_url=reverse("social:comment_fix", args=[post.pk]),
        scope="for the internal network",
    )
    return {"comment_body": body, **coach_context(body, review_internal(body, request.user), panel)}


def _post_context(
    request: HttpRequest, post: Post, *, body: str = "", **extra: Any
) -> dict[str, Any]:
    user = request.user
    moderator = post.can_moderate(user)
    comments = post.comments.select_related("author")
    if not moderator:
        comments = comments.filter(Q(hidden=False) | Q(author=user))
    can_comment = post.can_comment(user)
    ctx = {
        "post": post,
        "comments": list(comments),
        "can_comment": can_comment,
        "can_moderate": moderator,
        "reactions": post.reaction_counts(),
        "mine": set(post.reactions.filter(user=user).values_list("kind", flat=True)),
        "revisions": post.revisions.count(),
        **(_comment_coach(request, post, body) if can_comment else {}),
    }
    ctx.update(extra)
    return ctx


@login_required
@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = _readable_post(request, pk)
    return render(request, "social/post.html", _post_context(request, post))


@login_required
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    post = _readable_post(request, pk)
    return render(request, "social/history.html", {"post": post, "revisions": post.revisions.all()})


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    post = _readable_post(request, pk)
    parent = None
    if request.POST.get("parent"):
        parent = Comment.objects.filter(pk=_int(request.POST["parent"]), post=post).first()
    body = request.POST.get("body", "")
    try:
        services.add_comment(author=request.user, post=post, body=body, parent=parent)
    except PermissionDenied:
        raise
    except (services.InvalidInput, Blocked) as exc:
        return render(
            request,
            "social/post.html",
            _post_context(request, post, body=body, comment_error=str(exc)),
            status=400,
        )
    messages.success(request, "Comment added.")
    return redirect(post)


def _commentable_post(request: HttpRequest, pk: int) -> Post:
    post = _readable_post(request, pk)
    if not post.can_comment(request.user):
        raise PermissionDenied("you cannot comment on this post")
    return post


@login_required
@require_POST
def comment_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The comment box's text reviewed on the internal network as it is typed."""
    post = _commentable_post(request, pk)
    body = request.POST.get("body", "")[:LIVE_REVIEW_MAX]
    return _render_comment_box(request, post, "composer/_review.html", body=body)


@login_required
@require_POST
def comment_fix(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply one finding's fix to the comment box's text; the updated box and review."""
    post = _commentable_post(request, pk)
    body = normalise_newlines(request.POST.get("body", ""))
    if len(body) > MAX_COMMENT:
        return HttpResponse("The text is longer than a comment may be.", status=400)
    coach = _comment_coach(request, post, body)
    fixed = None
    if coach["review"] is not None:
        fixed = fixed_text(coach["review"], request.POST.get("key", ""), body)
    status = 200
    if fixed is None:
        status = stale_fix(request)
    return _render_comment_box(
        request,
        post,
        "social/_comment_editor.html",
        body=body if fixed is None else fixed,
        status=status,
    )


def _render_comment_box(
    request: HttpRequest, post: Post, partial: str, *, body: str, status: int = 200
) -> HttpResponse:
    """`partial` of the comment box for htmx, drawn from the coaching context alone; the
    whole post page otherwise."""
    if is_htmx(request):
        # The review alone swaps the highlights and the status out of band; a fix redraws them.
        oob = partial == "composer/_review.html"
        ctx = {"post": post, "oob": oob, **_comment_coach(request, post, body)}
        return render(request, partial, ctx, status=status)
    return render(
        request, "social/post.html", _post_context(request, post, body=body), status=status
    )


@login_required
@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    post = _readable_post(request, pk)
    try:
        services.toggle_reaction(user=request.user, post=post, kind=request.POST.get("kind", ""))
    except services.InvalidInput as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    if is_htmx(request):
        return render(
            request,
            "social/_reactions.html",
            {
                "post": post,
                "reactions": post.reaction_counts(),
                "mine": set(
                    post.reactions.filter(user=request.user).values_list("kind", flat=True)
                ),
            },
        )
    return redirect(post)


@login_required
@require_POST
def share_outside(request: HttpRequest, pk: int) -> HttpResponse:
    post = _readable_post(request, pk)
    draft = services.share_outside(user=request.user, post=post)
    messages.info(request, "A draft for outside networks: the external guidelines apply here.")
    return redirect("composer:edit", pk=draft.pk)


# --- Reports and moderation ---------------------------------------------------------


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    post = _readable_post(request, pk)
    target_comment = None
    if request.POST.get("comment"):
        target_comment = Comment.objects.filter(pk=_int(request.POST["comment"]), post=post).first()
        if target_comment is None or not target_comment.can_read(request.user):
            raise Http404("no such comment")
    try:
        services.report(
            reporter=request.user,
            post=post,
            comment=target_comment,
            reason=request.POST.get("reason", ""),
        )
    except services.InvalidInput as exc:
        messages.error(request, str(exc))
        return redirect(post)
    messages.success(request, "Reported. A moderator will look at it.")
    return redirect(post)


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    post = _readable_post(request, pk)
    if not post.can_moderate(request.user):
        raise PermissionDenied
    target_comment = None
    if request.POST.get("comment"):
        target_comment = get_object_or_404(Comment, pk=_int(request.POST["comment"]), post=post)
    try:
        services.moderate(
            moderator=request.user,
            post=post,
            comment=target_comment,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
        )
    except services.InvalidInput as exc:
        messages.error(request, str(exc))
        return redirect(post)
    messages.success(request, "Done; recorded in the moderation log.")
    if request.POST.get("next") == "queue":
        return redirect("social:moderation")
    return redirect(post)


def _moderated_community_ids(user: Any) -> list[int]:
    return list(
        Membership.objects.filter(user=user, role=Membership.Role.MODERATOR).values_list(
            "community_id", flat=True
        )
    )


@login_required
@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    """Open reports and the audit trail of what this person may moderate."""
    user = request.user
    own = _moderated_community_ids(user)
    scope = Q(post__community_id__in=own)
    if is_network_moderator(user):
        # everything but private communities they do not moderate themselves
        scope |= Q(post__community__isnull=True) | Q(
            post__community__visibility__in=(Visibility.OPEN, Visibility.RESTRICTED)
        )
    elif not own:
        raise PermissionDenied
    reports = (
        Report.objects.filter(scope, resolved_at__isnull=True)
        .select_related("reporter", "post", "comment", "post__community")
        .order_by("-created_at")[:200]
    )
    actions = (
        ModerationAction.objects.filter(scope)
        .select_related("moderator", "post", "comment")
        .order_by("-created_at")[:200]
    )
    return render(request, "social/moderation.html", {"reports": reports, "actions": actions})


# --- Communities ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def communities(request: HttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:120]
        visibility = request.POST.get("visibility", Visibility.OPEN)
        slug = slugify(name)[:80]
        if not name or not slug:
            error = "name: a community needs a name"
        elif visibility not in Visibility.values:
            error = f"visibility: one of {', '.join(Visibility.values)}"
        elif Community.objects.filter(slug=slug).exists():
            error = f"name: a community called {name!r} exists already"
        else:
            community = Community.objects.create(
                slug=slug,
                name=name,
                description=request.POST.get("description", "")[:2000],
                visibility=visibility,
                created_by=request.user,
            )
            Membership.objects.create(
                community=community, user=request.user, role=Membership.Role.MODERATOR
            )
            messages.success(request, f"Created {name}; you are its moderator.")
            return redirect(community)
    mine = set(Membership.objects.filter(user=request.user).values_list("community_id", flat=True))
    listed = Community.objects.visible_to(request.user).annotate(members=Count("memberships"))
    return render(
        request,
        "social/communities.html",
        {"communities": listed, "mine": mine, "error": error, "visibilities": Visibility.choices},
        status=400 if error else 200,
    )


@login_required
@require_GET
def community(request: HttpRequest, slug: str) -> HttpResponse:
    c = _readable_community(request, slug)
    cursor = request.GET.get("cursor")
    posts = Post.objects.visible_to(request.user).filter(community=c).select_related("author")
    if cursor:
        from .feed import _older, decode_cursor

        try:
            posts = posts.filter(_older(decode_cursor(cursor)))
        except BadCursor as exc:
            return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    page = list(posts.order_by("-published_at", "-id")[:21])
    from .feed import Page, encode_cursor

    more = len(page) > 20
    page = page[:20]
    ctx = {
        "community": c,
        "page": Page(page, encode_cursor(page[-1]) if more else None),
        "role": c.role_of(request.user),
        "can_write": c.can_write(request.user),
        "can_moderate": c.can_moderate(request.user),
        "following": Follow.objects.filter(follower=request.user, community=c).exists(),
        "members": c.memberships.select_related("user").order_by("-role", "user__name")[:50],
        "feed_url": c.get_absolute_url(),
    }
    return render_page(request, "social/community.html", "social/_feed_page.html", ctx)


@login_required
@require_POST
def membership(request: HttpRequest, slug: str) -> HttpResponse:
    c = _readable_community(request, slug)
    action = request.POST.get("action")
    if action == "join":
        if not c.can_join(request.user):
            raise PermissionDenied
        Membership.objects.get_or_create(community=c, user=request.user)
        Follow.objects.get_or_create(follower=request.user, community=c)
    elif action == "leave":
        Membership.objects.filter(community=c, user=request.user).delete()
        Follow.objects.filter(follower=request.user, community=c).delete()
    elif action in ("add", "promote", "remove"):
        if not c.can_moderate(request.user):
            raise PermissionDenied
        person = User.objects.filter(email__iexact=request.POST.get("email", "").strip()).first()
        if person is None:
            messages.error(request, "email: nobody here has that address")
            return redirect(c)
        if action == "remove":
            Membership.objects.filter(community=c, user=person).delete()
        else:
            m, _ = Membership.objects.get_or_create(community=c, user=person)
            if action == "promote":
                m.role = Membership.Role.MODERATOR
                m.save(update_fields=["role"])
    else:
        return HttpResponse("action: join, leave, add, promote or remove", status=400)
    return redirect(c)


# --- Follows --------------------------------------------------------------------------


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
    stop = request.POST.get("stop") == "1"
    fields: dict[str, Any]
    if kind == "user":
        target = get_object_or_404(User, pk=_int(value), is_active=True)
        if target.pk == request.user.pk:
            return HttpResponse("you see your own posts already", status=400)
        fields = {"user": target}
        back = target
    elif kind == "community":
        target_c = _readable_community(request, value)
        fields, back = {"community": target_c}, target_c
    elif kind == "tag":
        tag = clean_tag(value)
        if not tag:
            return HttpResponse("value: a tag", status=400)
        fields, back = {"tag": tag}, None
    else:
        return HttpResponse("kind: user, community or tag", status=400)
    if stop:
        Follow.objects.filter(follower=request.user, **fields).delete()
    else:
        Follow.objects.get_or_create(follower=request.user, **fields)
    if kind == "tag":
        return redirect("social:tag", tag=fields["tag"])
    if kind == "user":
        return redirect("social:person", pk=back.pk)
    return redirect(back)


@login_required
@require_GET
def tag(request: HttpRequest, tag: str) -> HttpResponse:
    clean = clean_tag(tag)
    posts = (
        Post.objects.visible_to(request.user)
        .filter(pk__in=PostTag.objects.filter(tag=clean).values("post_id"))
        .select_related("author", "community")
        .order_by("-published_at", "-id")[:50]
    )
    return render(
        request,
        "social/tag.html",
        {
            "tag": clean,
            "posts": posts,
            "following": Follow.objects.filter(follower=request.user, tag=clean).exists(),
        },
    )


# --- People ---------------------------------------------------------------------------


@login_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    someone = get_object_or_404(User.objects.select_related("manager"), pk=pk, is_active=True)
    profile = Profile.of(someone)
    expertise = (
        Expertise.objects.filter(user=someone)
        .annotate(n=Count("endorsements"))
        .order_by("-n", "tag")
    )
    endorsed = set(
        Expertise.objects.filter(user=someone, endorsements__endorser=request.user).values_list(
            "pk", flat=True
        )
    )
    posts = (
        Post.objects.visible_to(request.user)
        .filter(author=someone)
        .select_related("community")
        .order_by("-published_at", "-id")[:20]
    )
    return render(
        request,
        "social/person.html",
        {
            "someone": someone,
            "profile": profile,
            "expertise": expertise,
            "endorsed": endorsed,
            "posts": posts,
            "chain": someone.management_chain(),
            "following": Follow.objects.filter(follower=request.user, user=someone).exists(),
            "is_me": someone.pk == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request: HttpRequest) -> HttpResponse:
    profile = Profile.of(request.user)
    error = None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "save":
            bio = request.POST.get("bio", "")
            if len(bio) > 5000:
                error = f"bio: at most 5000 characters (this one has {len(bio)})"
            else:
                profile.bio = bio
                profile.languages = request.POST.get("languages", "")[:200]
                profile.save()
                messages.success(request, "Profile saved.")
        elif action == "add-tag":
            try:
                services.add_expertise(user=request.user, tag=request.POST.get("tag", ""))
                messages.success(request, "Expertise added.")
            except services.InvalidInput as exc:
                error = str(exc)
        elif action == "remove-tag":
            Expertise.objects.filter(
                user=request.user, pk=_int(request.POST.get("expertise"))
            ).delete()
        if error is None:
            return redirect("social:edit_profile")
    return render(
        request,
        "social/edit_profile.html",
        {
            "profile": profile,
            "expertise": Expertise.objects.filter(user=request.user),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def endorse(request: HttpRequest, pk: int) -> HttpResponse:
    expertise = get_object_or_404(Expertise, pk=pk, user__is_active=True)
    if request.POST.get("stop") == "1":
        expertise.endorsements.filter(endorser=request.user).delete()
    else:
        try:
            services.endorse(endorser=request.user, expertise=expertise)
        except services.InvalidInput as exc:
            return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    return redirect("social:person", pk=expertise.user_id)


@login_required
@require_GET
def experts(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    return render(
        request, "social/experts.html", {"q": q, "experts": find_experts(request.user, q)}
    )


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    kinds = [k for k in request.GET.getlist("kind") if k in KINDS] or list(KINDS)
    return render(
        request,
        "social/search.html",
        {"q": q, "results": search(request.user, q, kinds=kinds), "kinds": kinds},
    )


# --- Notifications -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.for_user(request.user)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("social:notifications")
    return render(
        request,
        "social/notifications.html",
        {"notifications": mine.select_related("actor", "post", "comment")[:100]},
    )
