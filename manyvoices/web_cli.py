"""The web app's commands in the `manyvoices` CLI (manyvoices/cli.py adds them):

manyvoices demo [--port 8000] [--host 127.0.0.1] [--no-serve]
manyvoices token create --email EMAIL [--name NAME]
manyvoices token revoke --email EMAIL --name NAME
manyvoices worker [--interval 0.5] [--queues default] [--batch]   # background tasks
manyvoices manage COMMAND [ARGS...]       # Django's manage.py
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
    import django

    django.setup()


def add_commands(sub: Any) -> None:
    demo = sub.add_parser("demo", help="run the web app with the demo company (Acme)")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument(
        "--no-serve", action="store_true", help="migrate and load the demo data, then stop"
    )
    demo.set_defaults(web_command=cmd_demo)

    token = sub.add_parser("token", help="create or revoke personal API tokens")
    token_sub = token.add_subparsers(
        dest="token_command", metavar="ACTION", required=True, parser_class=sub._parser_class
    )
    create = token_sub.add_parser("create", help="create a token and print it (shown once)")
    create.add_argument("--email", required=True)
    create.add_argument("--name", default="cli")
    create.set_defaults(web_command=cmd_token_create)
    revoke = token_sub.add_parser("revoke", help="revoke a person's tokens with this name")
    revoke.add_argument("--email", required=True)
    revoke.add_argument("--name", required=True)
    revoke.set_defaults(web_command=cmd_token_revoke)

    worker = sub.add_parser("worker", help="run background tasks and periodic work")
    worker.add_argument("--interval", type=float, default=0.5, help="seconds between polls")
    worker.add_argument("--queues", default="default", help="comma-separated; '*' for all")
    worker.add_argument("--worker-id", default="")
    worker.add_argument("--batch", action="store_true", help="run what is queued, then stop")
    worker.add_argument("--max-tasks", type=int, default=None)
    worker.add_argument("--no-periodic", action="store_true", help="only run queued tasks")
    worker.set_defaults(web_command=cmd_worker)

    manage = sub.add_parser(
        "manage", help="Django's manage.py (migrate, createsuperuser, ...)", add_help=False
    )
    manage.add_argument("django_args", nargs=argparse.REMAINDER)
    manage.set_defaults(web_command=cmd_manage)


def cmd_demo(args: argparse.Namespace) -> int:
    _django()
    from django.conf import settings
    from django.core.management import call_command

    from manyvoices.demo import DEMO_PASSWORD, DEMO_SIGN_INS, load_demo

    call_command("migrate", interactive=False, verbosity=0)
    loaded = load_demo()
    where = settings.DATABASES["default"]["NAME"]
    print(("Loaded" if loaded else "Using") + f" the demo company (Acme) in {where}.")
    url = f"http://{args.host}:{args.port}"
    print(f"\nManyVoices demo at {url}  (guidelines: {url}/guidelines/, API docs: {url}/api/docs)")
    print(f"Sign in with any of these (password: {DEMO_PASSWORD}):")
    for email, what in DEMO_SIGN_INS:
        print(f"  {email:28} {what}")
    print()
    sys.stdout.flush()
    if args.no_serve:
        return 0
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0


def cmd_token_create(args: argparse.Namespace) -> int:
    _django()
    from manyvoices.api.models import ApiToken
    from manyvoices.people.models import User

    user = User.objects.filter(email__iexact=args.email.strip()).first()
    if user is None:
        print(f"manyvoices: no person with email {args.email}", file=sys.stderr)
        return 2
    if not user.is_active:
        print(f"manyvoices: {args.email} is deactivated", file=sys.stderr)
        return 2
    _token, secret = ApiToken.issue(user, args.name)
    print(secret)
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    _django()
    from manyvoices.api.models import ApiToken

    tokens = ApiToken.objects.active().filter(
        user__email__iexact=args.email.strip(), name=args.name
    )
    count = 0
    for token in tokens:
        token.revoke()
        count += 1
    if not count:
        print(f"manyvoices: {args.email} has no active token named {args.name!r}", file=sys.stderr)
        return 2
    print(f"revoked {count} token{'s' if count != 1 else ''}")
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    _django()
    from manyvoices.worker import run

    return run(
        interval=args.interval,
        queues=args.queues,
        worker_id=args.worker_id,
        max_tasks=args.max_tasks,
        batch=args.batch,
        periodic=not args.no_periodic,
    )


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manyvoices manage", *args.django_args])
    return 0
