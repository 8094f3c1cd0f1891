"""The `vcoffee` command line: one entry point for every process and tool of the product."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError

Handler = Callable[[argparse.Namespace], int]


def cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    from config.settings import Settings
    from runtime.logging import configure_logging
    from runtime.ports import ensure_free
    from vcoffee.body_limit import GRAPHQL_BODY_BYTES

    settings = Settings()
    configure_logging(level=settings.log_level)
    ensure_free(name="the API", port=settings.port, variable="VCOFFEE_PORT")
    uvicorn.run(
        # A factory, so that each worker process builds its own app from the same settings.
        "vcoffee.app:serve",
        factory=True,
        workers=settings.api_workers,
        host=settings.host,
        port=settings.port,
        log_config=None,
        # A websocket message is held whole before it is read: as large as a GraphQL body.
        ws_max_size=GRAPHQL_BODY_BYTES,
        # Live events are small JSON messages: compressing each costs more CPU than it saves
        # bytes, and compressing a stream that mixes secrets with chosen text invites CRIME.
        ws_per_message_deflate=False,
        proxy_headers=settings.trusted_proxy,
        forwarded_allow_ips="*" if settings.trusted_proxy else None,
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from workers.main import run_worker

    return run_worker()


def cmd_dev(args: argparse.Namespace) -> int:
    from devtools.dev import run_dev

    return run_dev()


def cmd_check(args: argparse.Namespace) -> int:
    from devtools.check import run_checks

    return run_checks(only=args.only)


def cmd_match(args: argparse.Namespace) -> int:
    # The matcher uses no pydantic plugin, and looking for them reads the metadata of every
    # installed package (about 45 ms); PYDANTIC_DISABLE_PLUGINS set outside wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from matching.command import run

    status = run(source=args.input, stdout=sys.stdout, stderr=sys.stderr)
    # Nothing is left to do but free memory the process gives back anyway: tearing down the
    # interpreter and the modules the matcher imported cost up to 0.1 s of CPU here.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def cmd_create_table(args: argparse.Namespace) -> int:
    import asyncio

    from config.settings import Settings
    from runtime.bootstrap import bootstrap

    settings = Settings()
    created = asyncio.run(bootstrap(settings))
    state = "created" if created else "already present"
    print(f"table {settings.table_name}: {state}; deployment {settings.deployment_id} ready")
    return 0


def cmd_seed_config(args: argparse.Namespace) -> int:
    import asyncio

    from config.settings import Settings
    from runtime.bootstrap import seed_config_once

    settings = Settings()
    seeded = asyncio.run(seed_config_once(settings))
    state = "seeded from the settings" if seeded else "already set, left as it is"
    print(f"deployment {settings.deployment_id}: configuration {state}")
    return 0


def cmd_export_schema(args: argparse.Namespace) -> int:
    from api.export import export_sdl

    sdl = export_sdl()
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        with open(args.output, "w", encoding="utf-8") as target:
            target.write(sdl)
    return 0


def cmd_export_limits(args: argparse.Namespace) -> int:
    from api.limits import LIMITS_PATH, export_limits

    target = LIMITS_PATH if args.output is None else args.output
    if target == "-":
        sys.stdout.write(export_limits())
    else:
        with open(target, "w", encoding="utf-8") as file:
            file.write(export_limits())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vcoffee", description="Virtual Coffee: pairs colleagues for regular coffee chats."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    add("dev", cmd_dev, "start every process locally, keeping data under .data/")
    add("api", cmd_api, "serve GraphQL, sign-in and the web app (uvicorn)")
    add("worker", cmd_worker, "run the arq worker: scheduled rounds and notifications")
    match = add("match", cmd_match, "match one round instance (JSON) and print the groups")
    match.add_argument("--input", required=True, help="instance file, or - for stdin")
    add("create-table", cmd_create_table, "create the deployment's table and default config")
    add(
        "seed-config",
        cmd_seed_config,
        "write the first schedule, time zone and group size into an existing table, once",
    )
    export = add("export-schema", cmd_export_schema, "print the GraphQL SDL")
    export.add_argument("--output", default="-", help="file to write, or - for stdout")
    limits = add("export-limits", cmd_export_limits, "write the input limits for the web app")
    limits.add_argument("--output", default=None, help="file to write (default: the web app's)")
    check = add("check", cmd_check, "start test services and run every check (make test)")
    check.add_argument("--only", action="append", default=None, help="run only these steps")
    return parser


def configuration_problems(error: ValidationError) -> str:
    """One line per problem, naming the setting; never the values, which may be secrets."""
    lines = []
    for problem in error.errors(include_input=False, include_url=False, include_context=False):
        where = ".".join(str(part) for part in problem["loc"])
        named = f"VCOFFEE_{where.upper()}: " if where else ""
        lines.append(f"  {named}{problem['msg']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ValidationError as error:
        print(f"vcoffee: invalid configuration:\n{configuration_problems(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except RuntimeError as error:
        print(f"vcoffee: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
