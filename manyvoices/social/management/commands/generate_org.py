"""manyvoices manage generate_org: a large synthetic organisation for load tests (see
manyvoices/social/generate.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from manyvoices.social.generate import Sizes, generate


class Command(BaseCommand):
    help = "Generate a large organisation: employees, communities, posts, comments (bulk load)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employees", type=int, default=100_000)
        parser.add_argument("--posts", type=int, default=1_000_000)
        parser.add_argument("--comments", type=int, default=3_000_000)
        parser.add_argument(
            "--communities", type=int, default=None, help="default: one per 200 employees"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--password", default="manyvoices")

    def handle(self, *args: Any, **o: Any) -> None:
        for name in ("employees", "posts"):
            if o[name] < 1:
                raise CommandError(f"--{name} must be at least 1; got {o[name]}")
        if o["comments"] < 0:
            raise CommandError(f"--comments must be 0 or more; got {o['comments']}")
        communities = o["communities"] or max(5, o["employees"] // 200)
        sizes = Sizes(o["employees"], o["posts"], o["comments"], communities)
        generate(sizes, seed=o["seed"], password=o["password"], log=self.stdout.write)
