"""Admins: the deployment's match message template, checked before saving and previewed unsaved."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from core.errors import BadUserInput
from notifications.match_templates import checked_match_template, sample_context
from notifications.message import RenderedMessage
from notifications.sources import MATCH_TEMPLATE
from notifications.templates import MATCH_TEMPLATES, InvalidTemplate
from repositories import models
from repositories.audit import AuditAction
from resolvers.audit import record_admin_action
from resolvers.validation import checked
from schema.context import Context
from schema.templates import (
    MessageTemplate,
    MessageTemplateInput,
    MessageTemplates,
    TemplatePreview,
)

# The parts email is made of, named by the one input field each comes from.
_INPUT_FIELD = {"subject": "subject", "text": "body", "html": "body"}


class TemplateCheck(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    body: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]


async def checked_template(
    data: MessageTemplateInput,
) -> tuple[models.MessageTemplate, RenderedMessage]:
    """The admin's template and its sample rendering, if it may be saved; else BAD_USER_INPUT."""
    check = checked(TemplateCheck, {"subject": data.subject, "body": data.body})
    template = models.MessageTemplate(subject=check.subject, body=check.body)
    try:
        return template, await checked_match_template(template)
    except InvalidTemplate as error:
        raise BadUserInput(error.message, fields=(_INPUT_FIELD[error.field],)) from None


def _is_builtin(template: models.MessageTemplate) -> bool:
    return (
        template.subject.strip() == MATCH_TEMPLATES.subject.strip()
        and template.body.strip() == MATCH_TEMPLATES.text.strip()
    )


def templates_of(config: models.DeploymentConfig) -> MessageTemplates:
    saved = config.templates.get(MATCH_TEMPLATE)
    return MessageTemplates(
        match=MessageTemplate(
            subject=saved.subject if saved else MATCH_TEMPLATES.subject,
            body=saved.body if saved else MATCH_TEMPLATES.text,
            is_default=saved is None,
            default_subject=MATCH_TEMPLATES.subject,
            default_body=MATCH_TEMPLATES.text,
            variables=sorted(sample_context()),
        )
    )


async def message_templates(context: Context) -> MessageTemplates:
    context.require_admin()
    return templates_of(await context.services.repositories.config.get())


async def update_match_template(
    context: Context, *, data: MessageTemplateInput
) -> MessageTemplates:
    """Saves the template; saving the built-in text goes back to the built-in message."""
    admin = context.require_admin()
    template, _ = await checked_template(data)
    repository = context.services.repositories.config
    current = await repository.get()
    templates = dict(current.templates)
    if _is_builtin(template):
        templates.pop(MATCH_TEMPLATE, None)
    else:
        templates[MATCH_TEMPLATE] = template
    if templates == current.templates:
        return templates_of(current)  # nothing changes, so nothing is logged
    saved = await repository.update(
        config=current.model_copy(update={"templates": templates}),
        expected_version=current.version,
    )
    await record_admin_action(
        context,
        admin=admin,
        action=AuditAction.CONFIG_UPDATED,
        target="config",
        detail={"changed": "templates", "version": str(saved.version)},
    )
    return templates_of(saved)


async def preview_template(context: Context, *, data: MessageTemplateInput) -> TemplatePreview:
    context.require_admin()
    _, message = await checked_template(data)
    return TemplatePreview(subject=message.subject, text=message.text, html=message.html)
