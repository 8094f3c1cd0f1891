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

{{ partner.name }}{% if partner.pronouns %} ({{ partner.pronouns }}){% endif %}

{% if partner.title or partner.team %}
  {{ partner.title or "" }}{% if partner.title and partner.team %}, {% endif %}\
{% if partner.team %}{{ partner.team }} team{% endif %}

{% endif %}
  Time zone: {{ partner.time_zone }} ({{ partner.local_time }} at the suggested time)
{% if partner.about %}
  About: {{ partner.about }}
{% endif %}
{% if partner.common_topics %}
  You both like: {{ partner.common_topics | join(", ") }}
{% endif %}
{% set others = partner.topics[partner.common_topics | length:] %}
{% if others %}
  {{ "Also into" if partner.common_topics else "Into" }}: {{ others | join(", ") }}
{% endif %}
{% for contact in partner.contacts %}
  {{ contact.label }}: {{ contact.value }}
{% endfor %}
{% endfor %}

When: {{ suggested_time }}, {{ duration }}.
Accept the calendar invitation (attached to the email, and on your match page), or write
to {{ partner_names }} to find another time.

Conversation starter: {{ conversation_starter }}
{% if answer_links %}

Afterwards, tell us in one click:
  We met: {{ answer_links.met }}
  Not yet: {{ answer_links.not_yet }}
  Skip next round: {{ answer_links.skip }}
{% endif %}

Your match: {{ match_url }}

{{ deployment_name }}
""",
    html="""<p>Hi {{ reader.name }},</p>
<p>This round you are meeting <strong>{{ partner_names }}</strong>.</p>
{% for partner in partners %}
<h3 style="margin-bottom:0">{{ partner.name }}
{%- if partner.pronouns %} <small>({{ partner.pronouns }})</small>{% endif %}</h3>
{% if partner.title or partner.team %}
<p style="margin-top:0">{{ partner.title or "" }}
{%- if partner.title and partner.team %}, {% endif %}
{%- if partner.team %}{{ partner.team }} team{% endif %}</p>
{% endif %}
<ul>
  <li>Time zone: {{ partner.time_zone }} ({{ partner.local_time }} at the suggested time)</li>
{% if partner.about %}
  <li>About: {{ partner.about }}</li>
{% endif %}
{% if partner.common_topics %}
  <li>You both like: <strong>{{ partner.common_topics | join(", ") }}</strong></li>
{% endif %}
{% set others = partner.topics[partner.common_topics | length:] %}
{% if others %}
  <li>{{ "Also into" if partner.common_topics else "Into" }}: {{ others | join(", ") }}</li>
{% endif %}
{% for contact in partner.contacts %}
  <li>{{ contact.label }}: <a href="{{ contact.url }}">{{ contact.value }}</a></li>
{% endfor %}
</ul>
{% endfor %}
<p>When: <strong>{{ suggested_time }}</strong>, {{ duration }}.<br>
Accept the calendar invitation (attached to the email, and on your match page), or write
to {{ partner_names }} to find another time.</p>
<p>Conversation starter: <em>{{ conversation_starter }}</em></p>
{% if answer_links %}
<p>Afterwards, tell us in one click:
<a href="{{ answer_links.met }}">We met</a> &middot;
<a href="{{ answer_links.not_yet }}">Not yet</a> &middot;
<a href="{{ answer_links.skip }}">Skip next round</a></p>
{% endif %}
<p><a href="{{ match_url }}">Your match</a></p>
<p>{{ deployment_name }}</p>
""",
)

REMINDER_TEMPLATES = TemplateSet(
    subject="Did you meet {{ partner_names }}?",
    text="""Hi {{ reader.name }},

Did your coffee chat with {{ partner_names }} happen? One click tells us:

  We met: {{ answer_links.met }}
  Not yet: {{ answer_links.not_yet }}
  Skip next round: {{ answer_links.skip }}

Your answers help us pair people who meet.
""",
    html="""<p>Hi {{ reader.name }},</p>
<p>Did your coffee chat with <strong>{{ partner_names }}</strong> happen? One click tells us:</p>
<p><a href="{{ answer_links.met }}">We met</a> &middot;
<a href="{{ answer_links.not_yet }}">Not yet</a> &middot;
<a href="{{ answer_links.skip }}">Skip next round</a></p>
<p>Your answers help us pair people who meet.</p>
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
