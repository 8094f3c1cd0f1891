"""Per-deployment editable message templates, rendered in a Jinja2 sandbox."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from notifications.addresses import BAD_USER_INPUT
from notifications.message import Attachment, RenderedMessage

MAX_TEMPLATE_CHARS = 20_000
MAX_OUTPUT_CHARS = 100_000


class InvalidTemplate(ValueError):
    """An admin's template cannot be saved; `field` names which part and why."""

    code = BAD_USER_INPUT

    def __init__(self, *, field: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class TemplateSet:
    """The three parts of one kind of message: subject line, plain text and HTML."""

    subject: str
    text: str
    html: str


# HTML-escaping applies to everything a template prints, so names and topics that carry
# markup show as text. The text environment escapes nothing: it is never shown as HTML.
_HTML = ImmutableSandboxedEnvironment(
    autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
)
_TEXT = ImmutableSandboxedEnvironment(
    autoescape=False,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@functools.lru_cache(maxsize=256)
def _compiled(source: str, *, html: bool) -> Template:
    # Compiling costs milliseconds; a round renders the same few templates thousands of times.
    return (_HTML if html else _TEXT).from_string(source)


def render(
    *,
    templates: TemplateSet,
    context: Mapping[str, Any],
    attachments: tuple[Attachment, ...] = (),
) -> RenderedMessage:
    """Render all three parts; raises jinja2.TemplateError when a template is broken."""
    subject = _compiled(templates.subject, html=False).render(context)
    text = _compiled(templates.text, html=False).render(context)
    html = _compiled(templates.html, html=True).render(context)
    if max(len(subject), len(text), len(html)) > MAX_OUTPUT_CHARS:
        raise TemplateError("the rendered message is too long")
    return RenderedMessage(
        subject=" ".join(subject.split())[:250], text=text, html=html, attachments=attachments
    )


def validate_templates(*, templates: TemplateSet, sample: Mapping[str, Any]) -> TemplateSet:
    """The templates, if each part compiles and renders against a sample context."""
    for field, source, environment in (
        ("subject", templates.subject, _TEXT),
        ("text", templates.text, _TEXT),
        ("html", templates.html, _HTML),
    ):
        if not source.strip():
            raise InvalidTemplate(field=field, reason="EMPTY", message=f"The {field} is empty.")
        if len(source) > MAX_TEMPLATE_CHARS:
            raise InvalidTemplate(
                field=field,
                reason="TOO_LONG",
                message=f"The {field} template is longer than {MAX_TEMPLATE_CHARS} characters.",
            )
        try:
            output = environment.from_string(source).render(sample)
        except TemplateError as exc:
            raise InvalidTemplate(
                field=field,
                reason="DOES_NOT_RENDER",
                message=f"The {field} template does not render: {exc.message or exc}",
            ) from exc
        if len(output) > MAX_OUTPUT_CHARS:
            raise InvalidTemplate(
                field=field, reason="TOO_LONG", message=f"The rendered {field} is too long."
            )
    return templates


MATCH_TEMPLATES = TemplateSet(
    subject="Your coffee chat with {{ partner_names }}",
    text="""Hi {{ reader.name }},

This round you are meeting {{ partner_names }}.
{% for partner in partners %}
- {{ partner.name }}
{%- if partner.common_topics %}: you both like {{ partner.common_topics | join(", ") }}{% endif %}

{% endfor %}

Suggested time: {{ suggested_time }} ({{ duration_minutes }} minutes).
Conversation starter: {{ conversation_starter }}

See the match: {{ match_url }}

{{ deployment_name }}
""",
    html="""<p>Hi {{ reader.name }},</p>
<p>This round you are meeting <strong>{{ partner_names }}</strong>.</p>
<ul>
{% for partner in partners %}
  <li>{{ partner.name }}
  {%- if partner.common_topics %}: you both like {{ partner.common_topics | join(", ") }}
  {%- endif %}</li>
{% endfor %}
</ul>
<p>Suggested time: <strong>{{ suggested_time }}</strong> ({{ duration_minutes }} minutes).</p>
<p>Conversation starter: <em>{{ conversation_starter }}</em></p>
<p><a href="{{ match_url }}">See the match</a></p>
<p>{{ deployment_name }}</p>
""",
)

REMINDER_TEMPLATES = TemplateSet(
    subject="Did you meet {{ partner_names }}?",
    text="""Hi {{ reader.name }},

Did your coffee chat with {{ partner_names }} happen?

Yes, we met: {{ answer_yes_url }}
No, we did not: {{ answer_no_url }}

One click is enough; it helps us pair people who meet.
""",
    html="""<p>Hi {{ reader.name }},</p>
<p>Did your coffee chat with <strong>{{ partner_names }}</strong> happen?</p>
<p><a href="{{ answer_yes_url }}">Yes, we met</a> &middot;
<a href="{{ answer_no_url }}">No, we did not</a></p>
<p>One click is enough; it helps us pair people who meet.</p>
""",
)

PAUSED_TEMPLATES = TemplateSet(
    subject="We have paused your coffee chats",
    text="""Hi {{ reader.name }},

You have not told us whether you met in the last {{ missed_rounds }} rounds, so we have \
paused your coffee chats: you will not be matched until you resume.

To resume, open {{ resume_url }} and switch "Participate" back on.
""",
    html="""<p>Hi {{ reader.name }},</p>
<p>You have not told us whether you met in the last {{ missed_rounds }} rounds, so we have
paused your coffee chats: you will not be matched until you resume.</p>
<p>To resume, open <a href="{{ resume_url }}">your settings</a> and switch
&ldquo;Participate&rdquo; back on.</p>
""",
)
