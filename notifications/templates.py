"""Per-deployment editable message templates, rendered in a bounded Jinja2 sandbox.

The sandbox refuses what could grow without bound: ranges past MAX_RANGE items, powers past a
few thousand bits, repeated strings or lists past the output limit, and output past it. It
has no loader, so include, import and extends are refused when a template is checked. What
remains costly (a filter asked for a huge width, many nested loops) is bounded by rendering
admins' templates in a separate process with a time and memory limit: template_runner.py.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import (
    DictLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateRuntimeError,
    TemplateSyntaxError,
    meta,
    nodes,
)
from jinja2.compiler import Frame
from jinja2.runtime import Context as JinjaContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

from notifications.addresses import BAD_USER_INPUT
from notifications.message import Attachment, RenderedMessage

MAX_TEMPLATE_CHARS = 20_000
MAX_OUTPUT_CHARS = 100_000
MAX_RANGE = 1_000
MAX_POWER_BITS = 4_096
# Tags that reach for other templates; a deployment's template stands alone.
LOADING_TAGS = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


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

    def parts(self) -> Iterator[tuple[str, str]]:
        yield "subject", self.subject
        yield "text", self.text
        yield "html", self.html


class OutputTooLong(TemplateRuntimeError):
    """A part's output, or a repetition inside it, would pass MAX_OUTPUT_CHARS."""


def bounded_range(*args: int) -> range:
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise TemplateRuntimeError(f"a range in a template holds at most {MAX_RANGE} items")
    return items


def _bits(value: Any) -> int:
    return max(abs(value).bit_length(), 1) if isinstance(value, int) else 0


def _exponent(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _repeated(sequence: Any, times: Any) -> int:
    """The length `sequence * times` would have, or 0 when it is no repetition."""
    if isinstance(sequence, str | list | tuple) and isinstance(times, int):
        return len(sequence) * times
    return 0


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with arithmetic and ranges that cannot grow without bound."""

    intercepted_binops = frozenset({"**", "*"})

    def __init__(self, **options: Any) -> None:
        # An empty loader: include, import and extends find nothing instead of failing oddly.
        super().__init__(loader=DictLoader({}), undefined=StrictUndefined, **options)
        self.globals["range"] = bounded_range

    def call_binop(self, context: JinjaContext, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _bits(left) * _exponent(right) > MAX_POWER_BITS:
            raise TemplateRuntimeError("a power in a template is too large")
        if (
            operator == "*"
            and max(_repeated(left, right), _repeated(right, left)) > MAX_OUTPUT_CHARS
        ):
            raise OutputTooLong("a repetition in a template is too long")
        return super().call_binop(context, operator, left, right)


# HTML-escaping applies to everything a template prints, so names and topics that carry
# markup show as text. The text environment escapes nothing: it is never shown as HTML.
_HTML = BoundedSandbox(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_TEXT = BoundedSandbox(
    autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
)


def _environment(field: str) -> BoundedSandbox:
    return _HTML if field == "html" else _TEXT


class _NameReader(meta.TrackingCodeGenerator):
    """Lists the names a template reads, without working out its constant expressions.

    Jinja's code generator computes constant parts (`'%0999999999d' % 1`, `'x'|center(10**9)`)
    while it walks a template; done here, in the API process, one small template would stall
    the event loop for seconds. They are worked out where templates run: the bounded process.
    """

    def __init__(self, environment: BoundedSandbox) -> None:
        super().__init__(environment)
        self.optimizer = None

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        raise nodes.Impossible()


def _names_read(tree: nodes.Template, environment: BoundedSandbox) -> set[str]:
    reader = _NameReader(environment)
    reader.visit(tree)
    return reader.undeclared_identifiers


def _check_length(*, field: str, source: str) -> None:
    if not source.strip():
        raise InvalidTemplate(field=field, reason="EMPTY", message=f"The {field} is empty.")
    if len(source) > MAX_TEMPLATE_CHARS:
        raise InvalidTemplate(
            field=field,
            reason="TOO_LONG",
            message=f"The {field} template is longer than {MAX_TEMPLATE_CHARS} characters.",
        )


def check_source(*, field: str, source: str, known: Mapping[str, Any]) -> None:
    """Refuses a part that is empty, too long, does not parse, loads others or reads unknowns.

    Rendering alone would miss names in branches the sample does not take.
    """
    _check_length(field=field, source=source)
    environment = _environment(field)
    try:
        tree = environment.parse(source)
        loads = any(True for _ in tree.find_all(LOADING_TAGS))
        names = _names_read(tree, environment)
    except TemplateSyntaxError as error:
        raise InvalidTemplate(
            field=field,
            reason="DOES_NOT_COMPILE",
            message=f"The {field} does not compile (line {error.lineno}): {error.message}",
        ) from None
    except RecursionError:
        # Jinja parses and walks a template recursively: a few hundred nested brackets, tags
        # or filters exhaust Python's stack long before the length limit.
        raise InvalidTemplate(
            field=field, reason="TOO_DEEP", message=f"The {field} is nested too deeply."
        ) from None
    if loads:
        raise InvalidTemplate(
            field=field,
            reason="LOADS_TEMPLATES",
            message=f"The {field} may not use include, import or extends.",
        )
    unknown = sorted(names - set(known))
    if unknown:
        raise InvalidTemplate(
            field=field,
            reason="UNKNOWN_VARIABLES",
            message=f"The {field} uses unknown variables: {', '.join(unknown)}. "
            f"Known: {', '.join(sorted(known))}.",
        )


@functools.lru_cache(maxsize=256)
def _compiled(source: str, *, field: str) -> Template:
    # Compiling costs milliseconds; a round renders the same few templates thousands of times.
    return _environment(field).from_string(source)


def render_part(*, field: str, source: str, context: Mapping[str, Any]) -> str:
    """One part, stopped as soon as its output passes MAX_OUTPUT_CHARS."""
    chunks: list[str] = []
    size = 0
    for chunk in _compiled(source, field=field).generate(context):
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise OutputTooLong(f"the rendered {field} is too long")
        chunks.append(chunk)
    return "".join(chunks)


def render_parts(*, templates: TemplateSet, context: Mapping[str, Any]) -> TemplateSet:
    """Each part rendered; InvalidTemplate names the first part that fails and why."""
    rendered: dict[str, str] = {}
    for field, source in templates.parts():
        try:
            rendered[field] = render_part(field=field, source=source, context=context)
        except OutputTooLong:
            raise InvalidTemplate(
                field=field, reason="TOO_LONG", message=f"The rendered {field} is too long."
            ) from None
        except TemplateError as error:
            raise InvalidTemplate(
                field=field,
                reason="DOES_NOT_RENDER",
                message=f"The {field} template does not render: {error.message or error}",
            ) from None
        except (ArithmeticError, ValueError, TypeError, RecursionError, MemoryError) as error:
            # Python's own limits, met by arithmetic or formatting the sandbox let through.
            raise InvalidTemplate(
                field=field,
                reason="DOES_NOT_RENDER",
                message=f"The {field} template does not render: {type(error).__name__}",
            ) from None
    return TemplateSet(**rendered)


def check_lengths(templates: TemplateSet) -> None:
    for field, source in templates.parts():
        _check_length(field=field, source=source)


def validate_templates(*, templates: TemplateSet, sample: Mapping[str, Any]) -> TemplateSet:
    """The templates, if each part renders against a sample context in this process."""
    check_lengths(templates)
    render_parts(templates=templates, context=sample)
    return templates


def message_of(
    rendered: TemplateSet, *, attachments: tuple[Attachment, ...] = ()
) -> RenderedMessage:
    return RenderedMessage(
        subject=" ".join(rendered.subject.split())[:250],
        text=rendered.text,
        html=rendered.html,
        attachments=attachments,
    )


def render(
    *,
    templates: TemplateSet,
    context: Mapping[str, Any],
    attachments: tuple[Attachment, ...] = (),
) -> RenderedMessage:
    """Render all three parts in this process: for the built-in, trusted templates.

    Raises InvalidTemplate (a ValueError) when a part is broken.
    """
    return message_of(render_parts(templates=templates, context=context), attachments=attachments)


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
