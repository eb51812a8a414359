"""WSGI entry point: `gunicorn manyvoices.wsgi` or any WSGI server.

Importing it also warms the review engine: its language detector, semantic model and
lexicons load lazily, about a second and a half on the first review of a process. Done
here, that second is paid once at start-up (once in all under `gunicorn --preload`,
whose workers share the loaded pages), never by a person's first review. The warm-up
uses a built-in throwaway policy and no database, so nothing is opened before gunicorn
forks.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
application = get_wsgi_application()

# Short links (`/l/<code>`) are answered before Django's middleware: see fastlink.py.
from manyvoices.advocacy.fastlink import ShortLinkFastPath  # noqa: E402  (after setup)

application = ShortLinkFastPath(application)

_WARM_UP_POLICY = 'name: Warm-up\nversion: "1"\ncompany:\n  name: Example\n'
_WARM_UP_DRAFTS = (
    "Proud of the team: we shipped the new search today, come and try it!",
    "Fiers de notre équipe : la nouvelle recherche est en ligne aujourd'hui.",
    "Stolz auf unser Team: die neue Suche ist heute online gegangen.",
    "Orgullosos del equipo: hoy lanzamos la nueva búsqueda.",
    "Orgulhosos da equipe: a nova busca foi lançada hoje.",
)


def warm_up() -> None:
    """Review a few drafts in each language against a throwaway policy (no database)."""
    from manyvoices.engine import Draft, parse_policy, review
    from manyvoices.engine.checks import credential

    policy = parse_policy(_WARM_UP_POLICY, source="warm-up")
    for text in _WARM_UP_DRAFTS:
        review(Draft(text=text, network="linkedin"), policy)
    credential.warm_up()  # detect-secrets loads on the first draft with a token otherwise


warm_up()
