"""The demo company's internal network: profiles with expertise and endorsements,
communities (open, restricted and one private), blog posts, comments, reactions and
follows, so the network looks alive. Called by manyvoices.demo.load_demo()."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from . import services
from .models import Community, Follow, Membership, Post, Profile

# local part -> (bio, languages, expertise tags)
PROFILES = {
    "employee": (
        "Backend engineer on Anvil Cloud search. Ask me about query planners.",
        "English, Spanish",
        ["postgresql", "search", "python"],
    ),
    "sre": (
        "I keep the lights on: on-call, observability, capacity.",
        "Polish, English",
        ["kubernetes", "observability", "incident-response"],
    ),
    "dev2": (
        "Distributed systems, consensus, and good coffee.",
        "Mandarin, English, German",
        ["distributed-systems", "go", "kubernetes"],
    ),
    "dev3": ("Frontend and accessibility.", "German, English", ["accessibility", "htmx", "css"]),
    "pm": ("Product manager for Anvil Cloud.", "French, English", ["product-management", "search"]),
    "designer": (
        "Product designer; I draw boxes and then delete them.",
        "Portuguese, English",
        ["design-systems", "accessibility"],
    ),
    "marketer": (
        "Product marketing for Rocket Skates.",
        "Italian, English",
        ["product-marketing", "launches"],
    ),
    "sales3": (
        "Sales engineer for Latin America.",
        "Portuguese, Spanish, English",
        ["solution-architecture", "postgresql"],
    ),
    "support1": (
        "Support engineer; I read every ticket twice.",
        "Swedish, English",
        ["customer-support", "observability"],
    ),
    "counsel": (
        "Corporate counsel: contracts, privacy.",
        "Turkish, English",
        ["privacy", "contracts"],
    ),
}

COMMUNITIES = [
    (
        "engineering-guild",
        "Engineering Guild",
        "open",
        "Talks, tips and war stories from everyone who builds things.",
        "dev2",
    ),
    (
        "announcements",
        "Announcements",
        "restricted",
        "Company news from communications. Everyone reads; members post.",
        "comms",
    ),
    (
        "project-tumbleweed",
        "Project Tumbleweed",
        "private",
        "The Tumbleweed team's own room. Members only.",
        "eng-manager",
    ),
]

MEMBERS = {
    "engineering-guild": ["employee", "sre", "dev3", "designer", "pm", "support1"],
    "announcements": ["social", "chief-people"],
    "project-tumbleweed": ["employee", "dev2", "pm"],
}

# (author, community slug or None, title, body, tags)
POSTS = [
    (
        "employee",
        None,
        "How we made Anvil Cloud search twice as fast",
        "We rewrote the ranking step to read **one index** instead of three.\n\n"
        "- fewer round trips\n- a smaller working set\n- one less cache to warm\n\n"
        "Thanks to @sre for the dashboards that showed where the time went.",
        ["search", "postgresql", "performance"],
    ),
    (
        "sre",
        "engineering-guild",
        "What our last incident taught us about alerts",
        "Alerts should page a person only when a person can do something. We cut our pages "
        "by half by deleting alerts nobody acted on. Blameless review notes are on the wiki.",
        ["observability", "incident-response"],
    ),
    (
        "dev3",
        "engineering-guild",
        "Accessibility checks in every pull request",
        "We now run an automated accessibility check on every page in CI. It caught three "
        "missing labels in its first week. @designer helped with the colour contrast fixes.",
        ["accessibility"],
    ),
    (
        "comms",
        "announcements",
        "Welcome to the internal network",
        "This is where we write for each other. The guidelines apply here too, and the coach "
        "will point out anything that should not be posted, such as credentials or a "
        "colleague's personal details.",
        ["welcome"],
    ),
    (
        "dev2",
        "project-tumbleweed",
        "Tumbleweed: consensus layer design notes",
        "The consensus layer uses a single leader per shard. Open question: how do we handle "
        "a leader that is slow but not dead? @employee has ideas.",
        ["distributed-systems"],
    ),
    (
        "pm",
        "project-tumbleweed",
        "Tumbleweed beta checklist",
        "Internal only: the beta checklist and owners. Please review by Friday.",
        ["planning"],
    ),
    (
        "designer",
        None,
        "Design systems are for deleting things",
        "A design system earns its keep when it lets you remove a component with confidence.",
        ["design-systems"],
    ),
    (
        "support1",
        None,
        "Five things customers ask about observability",
        "1. Where are my logs?\n2. Why is this graph empty?\n3. Can I export it?\n"
        "4. How long do you keep it?\n5. Can I get an alert for that?",
        ["observability", "customer-support"],
    ),
    (
        "marketer",
        "engineering-guild",
        "What marketing needs from engineering for a launch",
        "Screenshots, a one-line description, and a date we can trust. That is it.",
        ["launches"],
    ),
]

COMMENTS = [
    (0, "sre", "Glad the dashboards helped! The p99 graph tells the story best."),
    (0, "pm", "Customers noticed this week. Thank you @employee."),
    (1, "support1", "Fewer pages for you means faster answers for customers too."),
    (2, "designer", "Happy to help, contrast is my favourite bug."),
    (4, "employee", "A slow leader could step down after missing two heartbeats."),
    (4, "pm", "Let's discuss at Thursday's sync."),
    (7, "sre", "Number 5 is the best question."),
]

ENDORSEMENTS = [
    ("sre", "employee", "postgresql"),
    ("pm", "employee", "search"),
    ("dev2", "employee", "search"),
    ("employee", "sre", "kubernetes"),
    ("dev2", "sre", "observability"),
    ("support1", "sre", "observability"),
    ("employee", "dev2", "distributed-systems"),
    ("sre", "dev2", "kubernetes"),
    ("designer", "dev3", "accessibility"),
    ("dev3", "designer", "accessibility"),
    ("sales3", "employee", "postgresql"),
    ("marketer", "pm", "product-management"),
]


def load_social_demo(users: dict[str, Any]) -> None:
    rng = random.Random(11)
    for local, (bio, languages, tags) in PROFILES.items():
        profile = Profile.of(users[local])
        profile.bio, profile.languages = bio, languages
        profile.save()
        for tag in tags:
            services.add_expertise(user=users[local], tag=tag)
    for local, user in users.items():
        if local not in PROFILES:
            Profile.of(user)
    communities = {}
    for slug, name, visibility, description, moderator in COMMUNITIES:
        c = Community.objects.create(
            slug=slug,
            name=name,
            visibility=visibility,
            description=description,
            created_by=users[moderator],
        )
        Membership.objects.create(community=c, user=users[moderator], role="moderator")
        for local in MEMBERS[slug]:
            Membership.objects.get_or_create(community=c, user=users[local])
        communities[slug] = c
    posts: list[Post] = []
    start = timezone.now() - dt.timedelta(days=len(POSTS) + 1)
    for i, (local, slug, title, body, tags) in enumerate(POSTS):
        post = services.save_post(
            author=users[local],
            title=title,
            body=body,
            tags=tags,
            community=communities.get(slug or ""),
            publish=True,
        )
        when = start + dt.timedelta(days=i, hours=rng.randint(8, 17))
        Post.objects.filter(pk=post.pk).update(published_at=when, created_at=when)
        post.post_tags.update(published_at=when)
        posts.append(post)
    # One published post edited afterwards, so the history shows.
    first = posts[0]
    first.refresh_from_db()
    services.save_post(
        author=first.author,
        title=first.title,
        body=first.body + "\n\n*Update:* the numbers now include cold caches.",
        tags=first.tags(),
        post=first,
    )
    for index, local, body in COMMENTS:
        services.add_comment(author=users[local], post=posts[index], body=body)
    for endorser, owner, tag in ENDORSEMENTS:
        expertise = users[owner].expertise.get(tag=tag)
        services.endorse(endorser=users[endorser], expertise=expertise)
    for post in posts:
        for local in rng.sample(sorted(users), 4):
            if post.can_read(users[local]) and local != post.author.email.split("@")[0]:
                services.toggle_reaction(
                    user=users[local],
                    post=post,
                    kind=rng.choice(["like", "celebrate", "insightful"]),
                )
    Follow.objects.create(follower=users["employee"], user=users["sre"])
    Follow.objects.create(follower=users["employee"], tag="observability")
    Follow.objects.create(follower=users["sre"], user=users["employee"])
    for local in MEMBERS["engineering-guild"]:
        Follow.objects.get_or_create(
            follower=users[local], community=communities["engineering-guild"]
        )
