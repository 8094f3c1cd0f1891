"""The process admins' templates render in: JSON lines in on stdin, JSON lines out on stdout.

Started and killed by template_runner.py; its memory is capped, so a template that builds a
huge string meets a MemoryError here instead of exhausting the host.
"""

from __future__ import annotations

import json
import resource
import select
import sys
from dataclasses import asdict
from typing import Any

from notifications.templates import InvalidTemplate, TemplateSet, render_parts

MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024
READY = "ready"


def answer(request: dict[str, Any]) -> dict[str, Any]:
    try:
        rendered = render_parts(
            templates=TemplateSet(**request["templates"]), context=request["context"]
        )
    except InvalidTemplate as refused:
        return {
            "refused": {
                "field": refused.field,
                "reason": refused.reason,
                "message": refused.message,
            }
        }
    except Exception as error:
        message = f"The template does not render: {type(error).__name__}"
        return {"refused": {"field": "text", "reason": "DOES_NOT_RENDER", "message": message}}
    return {"rendered": asdict(rendered)}


def main(idle_seconds: float) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    # Imports are done: from here on, a render's time limit counts only the render.
    sys.stdout.write(READY + "\n")
    sys.stdout.flush()
    while True:
        # An idle process ends by itself; the runner starts another when one is needed.
        ready, _, _ = select.select([sys.stdin], [], [], idle_seconds)
        line = sys.stdin.buffer.readline() if ready else b""
        if not line:
            return
        reply = answer(json.loads(line))
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(idle_seconds=float(sys.argv[1]))
