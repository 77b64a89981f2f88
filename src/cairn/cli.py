"""The `cairn` command: serve, migrate, demo, createuser, createworkspace, addmember, token,
check, worker — and any other Django management command by name."""

from __future__ import annotations

import os
import sys

ALIASES = {"worker": "db_worker", "check": "cairn_check"}
USAGE = """usage: cairn COMMAND [ARGS]

  serve [--host H] [--port P] [--workers N]   serve the app (uvicorn, ASGI)
  migrate                                     bring the database up to date
  demo                                        load the demo workspace (idempotent)
  createuser USERNAME --email E [--admin]     create a user (asks for a password)
  createworkspace NAME --owner USERNAME       create a workspace; prints its slug
  addmember SLUG USERNAME [--role ROLE]       add an account to a workspace (admin, manager,
                                              member or guest; member by default)
  token USERNAME [--name N]                   print a new API token for USERNAME
  check                                       configuration and database health
  worker                                      run background jobs
  reports --due                               generate and mail the status reports due today
                                              (run it daily, e.g. from cron)
  api_reference                               print the API reference (docs/api.md)
  reindex                                     rebuild the full-text search index
"""


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return
    command, rest = args[0], args[1:]
    if command == "serve":
        serve(rest)
        return
    if command == "api_reference":
        print_api_reference()
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cairn", ALIASES.get(command, command), *rest])


def print_api_reference() -> None:
    import django

    django.setup()
    from cairn.api import api
    from cairn.api_reference import render

    sys.stdout.write(render(api.get_openapi_schema()))


def serve(args: list[str]) -> None:
    import argparse

    import uvicorn

    parser = argparse.ArgumentParser(prog="cairn serve")
    parser.add_argument("--host", default=os.environ.get("CAIRN_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("CAIRN_WORKERS", "1")))
    options = parser.parse_args(args)
    print(f"Cairn is serving on http://{options.host}:{options.port}", flush=True)
    uvicorn.run(
        "cairn.asgi:application",
        host=options.host,
        port=options.port,
        workers=options.workers,
        log_level=os.environ.get("CAIRN_LOG_LEVEL", "warning").lower(),
        lifespan="off",
        # Open live streams would otherwise hold a shutdown until the browsers leave.
        timeout_graceful_shutdown=3,
    )
