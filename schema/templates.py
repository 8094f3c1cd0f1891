"""Types of the deployment's editable messages: the templates and a rendered preview."""

from __future__ import annotations

import strawberry


@strawberry.type(description="A message the deployment sends, as admins edit it.")
class MessageTemplate:
    subject: str
    body: str = strawberry.field(
        description="Jinja2 text; the plain text part as written, the HTML part escaped."
    )
    is_default: bool = strawberry.field(description="True while the built-in text is used.")
    default_subject: str
    default_body: str
    variables: list[str] = strawberry.field(description="Variables the template may use.")


@strawberry.type(description="The deployment's editable messages.")
class MessageTemplates:
    match: MessageTemplate = strawberry.field(description="The message telling people their match.")


@strawberry.type(description="A template rendered against a made-up match; nothing is saved.")
class TemplatePreview:
    subject: str
    text: str = strawberry.field(description="The plain text part.")
    html: str = strawberry.field(
        description="The HTML part; everything a template prints is escaped."
    )


@strawberry.input(description="A message template, replaced as a whole.")
class MessageTemplateInput:
    subject: str
    body: str
