"""Admins: the deployment's message templates, their update and an unsaved preview."""

from __future__ import annotations

import strawberry

from resolvers import templates as ops
from schema.context import Context
from schema.fields import field, mutation
from schema.rate_limit import Budget, limited
from schema.templates import MessageTemplateInput, MessageTemplates, TemplatePreview

Info = strawberry.Info[Context, None]

# A live preview follows typing: its own budget, so it never uses up the admin's writes.
PREVIEWS = Budget(name="template-previews", calls=120, seconds=60)


@strawberry.type
class TemplateQuery:
    @field(description="Admins: the deployment's message templates, or the built-in ones.")
    async def message_templates(self, info: Info) -> MessageTemplates:
        return await ops.message_templates(info.context)


@strawberry.type
class TemplateMutation:
    @mutation(
        extensions=limited(),
        description="Admins: replace the match message template; it must compile and use known "
        "variables (BAD_USER_INPUT naming `subject` or `body`). The built-in text restores the "
        "built-in message.",
    )
    async def update_match_template(
        self, info: Info, input: MessageTemplateInput
    ) -> MessageTemplates:
        return await ops.update_match_template(info.context, data=input)

    @mutation(
        extensions=limited(PREVIEWS),
        description="Admins: a match message template rendered against a made-up match; "
        "nothing is saved.",
    )
    async def preview_template(self, info: Info, input: MessageTemplateInput) -> TemplatePreview:
        return await ops.preview_template(info.context, data=input)
