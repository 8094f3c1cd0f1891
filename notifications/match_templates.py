"""The deployment's match template: checked before it is saved, and previewed unsaved.

Parsing happens here, on sources of bounded length; rendering, which runs what an admin
wrote, happens in the template processes with a time limit.
"""

from __future__ import annotations

from typing import Any

from notifications.content import match_context, sample_notice
from notifications.message import RenderedMessage
from notifications.sources import template_set
from notifications.template_runner import TemplateRunner, template_runner
from notifications.templates import InvalidTemplate, TemplateSet, check_source, message_of
from repositories.models.config import MessageTemplate


def sample_context() -> dict[str, Any]:
    """What a template is checked and previewed against: a made-up match."""
    return match_context(notice=sample_notice())


def _parts(template: MessageTemplate) -> TemplateSet:
    parts = template_set(template)
    if parts is None:
        raise InvalidTemplate(field="text", reason="EMPTY", message="The body is empty.")
    return parts


async def checked_match_template(
    template: MessageTemplate, *, runner: TemplateRunner | None = None
) -> RenderedMessage:
    """The template rendered against the sample match, if it may be saved; else InvalidTemplate.

    Every part must parse, stand alone (no include, import or extends), read only known
    variables, and render in time within the output limit.
    """
    known = sample_context()
    check_source(field="subject", source=template.subject, known=known)
    check_source(field="text", source=template.body, known=known)
    parts = _parts(template)
    rendered = await (runner or template_runner()).render(templates=parts, context=known)
    return message_of(rendered)
