"""'Find an expert': people ranked by the expertise tags they added, their colleagues'
endorsements of those tags, and what they wrote on the topic (only posts the searcher may
see count, so a private community's posts never surface its members to outsiders)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from .models import Expertise, Profile, clean_tag, signed_in
from .search import backend, post_matches, terms_of

TAG_WEIGHT = 5.0
ENDORSEMENT_WEIGHT = 2.0
POST_WEIGHT = 1.0
POSTS_COUNTED = 10  # a prolific writer should not outrank every endorsed expert
PROFILE_WEIGHT = 1.0
POSTS_SCANNED = 500


@dataclass
class Expert:
    user: Any
    score: float = 0.0
    tags: list[str] = field(default_factory=list)
    endorsements: int = 0
    posts: int = 0


def find_experts(user: Any, q: str, *, limit: int = 20) -> list[Expert]:
    terms = terms_of(q)
    if not terms or not signed_in(user):
        return []
    tags = {clean_tag(q), *(clean_tag(t) for t in terms)} - {""}
    experts: dict[int, Expert] = {}

    def get(u: Any) -> Expert:
        if u.pk not in experts:
            experts[u.pk] = Expert(user=u)
        return experts[u.pk]

    rows = (
        Expertise.objects.filter(tag__in=tags, user__is_active=True)
        .select_related("user")
        .annotate(n=Count("endorsements"))
        .order_by("-n")[:500]
    )
    for row in rows:
        e = get(row.user)
        e.tags.append(row.tag)
        e.endorsements += row.n
        e.score += TAG_WEIGHT + ENDORSEMENT_WEIGHT * row.n
    authors = Counter(post_matches(user, q).values_list("author_id", flat=True)[:POSTS_SCANNED])
    profiles = backend().people(
        Profile.objects.filter(user__is_active=True).select_related("user"), terms, 200
    )[:100]
    for profile in profiles:
        get(profile.user).score += PROFILE_WEIGHT
    if authors:
        from manyvoices.people.models import User

        for u in User.objects.filter(pk__in=list(authors), is_active=True):
            e = get(u)
            e.posts = authors[u.pk]
            e.score += POST_WEIGHT * min(e.posts, POSTS_COUNTED)
    ranked = sorted(
        experts.values(), key=lambda e: (-e.score, -e.endorsements, e.user.name, e.user.pk)
    )
    return ranked[:limit]
