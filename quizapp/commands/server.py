"""``quizapp server init | add-learner NAME | add-teacher NAME``: set up a shared history.

Run as the database's owner, with the URL given (``--url``) or configured
(``$QUIZAPP_DATABASE_URL`` or ``database_url``). ``init`` creates or migrates
the schema and grants the learner and teacher group roles their rights; the
other two create a login role of that kind and say how to give it a password
and how its owner points quizapp at the server.
"""

from __future__ import annotations

import argparse
import re
import sys

from quizapp.core.i18n import _
from quizapp.core.store import StoreError
from quizapp.exit_codes import ExitCode

# A plain role name: no quoting surprises in psql, URLs or messages.
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _url(args: argparse.Namespace) -> str | None:
    if args.url:
        return str(args.url)
    from quizapp.core.store.backend import database_url

    return database_url()


def run(args: argparse.Namespace) -> int:
    try:
        url = _url(args)
        if not url:
            print(
                _(
                    "quizapp: no server: give --url postgresql://OWNER@HOST/DATABASE "
                    "or set QUIZAPP_DATABASE_URL"
                ),
                file=sys.stderr,
            )
            return ExitCode.USAGE
        try:
            from quizapp.core.store import postgres_admin
        except ImportError:
            print(
                _(
                    "quizapp: the PostgreSQL support is not installed: "
                    "pip install 'quizapp[postgres]'"
                ),
                file=sys.stderr,
            )
            return ExitCode.BAD_INPUT
        if args.action == "init":
            found = postgres_admin.init_server(url)
            if found == 0:
                print(_("the quizapp schema created; learner and teacher roles granted"))
            else:
                print(_("the quizapp schema is up to date; learner and teacher roles granted"))
            return ExitCode.OK
        name = str(args.name)
        if not ROLE_NAME.fullmatch(name):
            print(
                _(
                    "quizapp: {name!r} is not a plain role name "
                    "(lower-case letters, digits and _, at most 63)"
                ).format(name=name),
                file=sys.stderr,
            )
            return ExitCode.BAD_INPUT
        kind: postgres_admin.Kind = "teacher" if args.action == "add-teacher" else "learner"
        postgres_admin.add_role(url, name, kind)
    except StoreError as error:
        print(_("quizapp: {message}").format(message=error), file=sys.stderr)
        return ExitCode.BAD_INPUT
    created = (
        _("created the teacher {name}") if kind == "teacher" else _("created the learner {name}")
    ).format(name=name)
    print(
        _("{created}; set its password with: {command}").format(
            created=created, command=f"psql -c '\\password {name}'"
        )
    )
    print(
        _("then on their machine: {setting}").format(
            setting=f"QUIZAPP_DATABASE_URL=postgresql://{name}@HOST/DATABASE"
        )
    )
    return ExitCode.OK
