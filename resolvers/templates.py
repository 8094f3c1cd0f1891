"""Admins: the deployment's match message template, checked before saving and previewed unsaved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from jinja2 import TemplateError, TemplateSyntaxError, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel, ConfigDict, StringConstraints

from core.errors import BadUserInput
from notifications.content import match_context, sample_notice
from notifications.sources import MATCH_TEMPLATE, template_set
from notifications.templates import MATCH_TEMPLATES, InvalidTemplate, render, validate_templates
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

# Only parsed, never rendered: it finds the names a template reads.
_PARSER = ImmutableSandboxedEnvironment()
# The parts email is made of, named by the one input field each comes from.
_INPUT_FIELD = {"subject": "subject", "text": "body", "html": "body"}


class TemplateCheck(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    body: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]


def sample_context() -> dict[str, Any]:
    """What a template is checked and previewed against: a made-up match."""
    return match_context(notice=sample_notice())


def _unknown_names(*, field: str, source: str, known: Mapping[str, Any]) -> None:
    # Rendering alone misses names in branches the sample does not take.
    try:
        names = meta.find_undeclared_variables(_PARSER.parse(source))
    except TemplateSyntaxError as error:
        raise BadUserInput(
            f"The {field} does not compile (line {error.lineno}): {error.message}",
            fields=(field,),
        ) from None
    unknown = sorted(names - set(known))
    if unknown:
        raise BadUserInput(
            f"The {field} uses unknown variables: {', '.join(unknown)}. "
            f"Known: {', '.join(sorted(known))}.",
            fields=(field,),
        )


def checked_template(data: MessageTemplateInput) -> models.MessageTemplate:
    """The admin's template if it compiles and renders with known variables; else BAD_USER_INPUT."""
    check = checked(TemplateCheck, {"subject": data.subject, "body": data.body})
    known = sample_context()
    _unknown_names(field="subject", source=check.subject, known=known)
    _unknown_names(field="body", source=check.body, known=known)
    template = models.MessageTemplate(subject=check.subject, body=check.body)
    parts = template_set(template)
    if parts is None:
        raise BadUserInput("The body is empty.", fields=("body",))
    try:
        validate_templates(templates=parts, sample=known)
    except InvalidTemplate as error:
        raise BadUserInput(error.message, fields=(_INPUT_FIELD[error.field],)) from None
    return template


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
    template = checked_template(data)
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
    parts = template_set(checked_template(data))
    if parts is None:
        raise BadUserInput("The body is empty.", fields=("body",))
    try:
        message = render(templates=parts, context=sample_context())
    except TemplateError as error:
        raise BadUserInput(f"The template does not render: {error}", fields=("body",)) from None
    return TemplatePreview(subject=message.subject, text=message.text, html=message.html)
