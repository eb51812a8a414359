"""Publishing in the REST API (mounted on the one API at /api/v1/): your connections, and
posts published now or at `scheduled_for`, with their state on each network. Only your
own: another person's post answers 404."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from . import publishing
from .models import Connection, Delivery, Post

router = Router(tags=["networks"])


class ConnectionOut(Schema):
    id: int
    network: str
    handle: str
    server: str
    profile_url: str
    status: str
    status_message: str
    created_at: dt.datetime


@router.get("/v1/connections", response=list[ConnectionOut], summary="Your connected accounts")
def list_connections(request: HttpRequest) -> Any:
    return list(Connection.objects.filter(owner=request.user))


class ImageIn(Schema):
    data_base64: str = Field(description="the image file, base64-encoded (at most 1 MB)")
    mime: str = Field(description="image/jpeg, image/png, image/gif or image/webp")
    alt: str = Field(description="what the image shows, for people who cannot see it")


class PostIn(Schema):
    text: str = Field(max_length=10_000)
    connections: list[int] = Field(default_factory=list, description="ids of your connections")
    share_links: list[str] = Field(
        default_factory=list, description="networks to post yourself through their share link (x)"
    )
    scheduled_for: dt.datetime | None = Field(None, description="with a time zone; empty: now")
    link: str = ""
    link_title: str = ""
    link_description: str = ""
    content_warning: str = ""
    images: list[ImageIn] = Field(default_factory=list, max_length=4)


class DeliveryOut(Schema):
    id: int
    network: str
    connection_id: int | None
    state: str
    text: str
    message: str
    attempts: int
    due_at: dt.datetime
    published_at: dt.datetime | None
    url: str
    likes: int | None
    reposts: int | None
    replies: int | None
    views: int | None


class PostOut(Schema):
    id: int
    text: str
    link: str
    state: str
    scheduled_for: dt.datetime
    created_at: dt.datetime
    deliveries: list[DeliveryOut]


class Error(Schema):
    detail: str


def _delivery(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.pk,
        "network": d.network,
        "connection_id": d.connection_id,
        "state": d.state,
        "text": d.text,
        "message": d.message,
        "attempts": d.attempts,
        "due_at": d.due_at,
        "published_at": d.published_at,
        "url": d.remote_url,
        "likes": d.likes,
        "reposts": d.reposts,
        "replies": d.replies,
        "views": d.views,
    }


def _post(p: Post) -> dict[str, Any]:
    deliveries = list(p.deliveries.all())
    return {
        "id": p.pk,
        "text": p.text,
        "link": p.link,
        "state": p.state,
        "scheduled_for": p.scheduled_for,
        "created_at": p.created_at,
        "deliveries": [_delivery(d) for d in deliveries],
    }


@router.post(
    "/v1/posts",
    response={201: PostOut, 422: Error},
    summary="Publish a post now, or at scheduled_for, to one or several networks",
)
def create_post(request: HttpRequest, payload: PostIn) -> Any:
    images = []
    for index, image in enumerate(payload.images, 1):
        try:
            data = base64.b64decode(image.data_base64, validate=True)
        except (binascii.Error, ValueError):
            return Status(422, {"detail": f"images[{index}].data_base64: not valid base64"})
        images.append((data, image.mime, image.alt))
    try:
        post = publishing.create_post(
            author=request.user,
            text=payload.text,
            connection_ids=payload.connections,
            share_link_networks=payload.share_links,
            scheduled_for=payload.scheduled_for,
            link=payload.link,
            link_title=payload.link_title,
            link_description=payload.link_description,
            content_warning=payload.content_warning,
            images=images,
        )
    except publishing.PublishError as exc:
        return Status(422, {"detail": str(exc)})
    except Exception as exc:  # e.g. an unknown share-link network
        from .connectors import ConnectorError

        if isinstance(exc, ConnectorError):
            return Status(422, {"detail": f"share_links: {exc.message}"})
        raise
    return Status(201, _post(post))


@router.get("/v1/posts/{post_id}", response={200: PostOut, 404: Error}, summary="A post of yours")
def get_post(request: HttpRequest, post_id: int) -> Any:
    post = Post.objects.filter(pk=post_id, author=request.user).first()
    if post is None:
        raise HttpError(404, f"no post {post_id} of yours")
    return _post(post)
