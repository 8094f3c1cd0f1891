"""Match messages say who, what in common, when in the reader's zone, and render safely."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest

from notifications.answers import AnswerLinks
from notifications.content import (
    Contact,
    MatchNotice,
    Partner,
    match_context,
    render_match_message,
    sample_notice,
)
from notifications.mime import build_email
from notifications.templates import InvalidTemplate, TemplateSet, validate_templates

STAMP = datetime(2030, 1, 1, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def notice(**changes: object) -> MatchNotice:
    base = MatchNotice(
        match_id="m-1",
        deployment_name="Acme Coffee",
        reader_name="Ada",
        reader_topics=("Jazz", "climbing", "Rust"),
        reader_time_zone="America/New_York",
        partners=(Partner(name="Grace", topics=("rust", "jazz", "opera")),),
        suggested_start=datetime(2030, 1, 15, 15, 0, tzinfo=UTC),
        duration=timedelta(minutes=30),
        conversation_starter="What would you automate first?",
        match_url="https://coffee.example.com/matches/m-1",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


async def test_the_message_names_the_partner_common_topics_local_time_starter_and_link() -> None:
    message = await render_match_message(notice=notice(), templates=None, stamp=STAMP)
    assert message.subject == "Your coffee chat with Grace"
    for body in (message.text, message.html):
        assert "Grace" in body
        assert "You both like: " in body
        assert "Jazz, Rust" in body
        # Their other topics follow the shared ones; the reader's own do not appear.
        assert body.index("Jazz, Rust") < body.index("opera")
        assert "climbing" not in body
        assert "Tuesday 15 January 2030, 10:00 EST (America/New_York)" in body
        assert "What would you automate first?" in body
        assert "https://coffee.example.com/matches/m-1" in body


async def test_the_intro_gives_each_partners_profile_contact_local_time_and_answers() -> None:
    grace = Partner(
        name="Grace Hopper",
        topics=("compilers", "jazz"),
        pronouns="she/her",
        title="Compiler engineer",
        team="Platform",
        time_zone="Europe/Berlin",
        about="Happiest when a program explains itself.",
        email="grace@example.com",
        contacts=(
            Contact(label="Email", value="grace@example.com", url="mailto:grace@example.com"),
            Contact(label="Telegram", value="@gracehopper", url="https://t.me/gracehopper"),
        ),
    )
    links = AnswerLinks(
        met="https://c.example/a?t=1",
        not_yet="https://c.example/a?t=2",
        skip="https://c.example/a?t=3",
    )
    message = await render_match_message(
        notice=notice(partners=(grace,), duration=timedelta(minutes=45), answers=links),
        templates=None,
        stamp=STAMP,
    )
    text = message.text
    assert "Grace Hopper (she/her)" in text
    assert "Compiler engineer, Platform team" in text
    assert "Time zone: Europe/Berlin (16:00 CET at the suggested time)" in text
    assert "About: Happiest when a program explains itself." in text
    assert "You both like: Jazz" in text
    assert "Also into: compilers" in text
    assert "Email: grace@example.com" in text
    assert "Telegram: @gracehopper" in text
    assert "Tuesday 15 January 2030, 10:00 EST (America/New_York), 45 minutes." in text
    assert "We met: https://c.example/a?t=1" in text
    assert "Skip next round: https://c.example/a?t=3" in text
    assert '<a href="mailto:grace@example.com">grace@example.com</a>' in message.html
    assert '<a href="https://c.example/a?t=2">Not yet</a>' in message.html


def test_template_variables_reach_every_partner_field() -> None:
    context = match_context(notice=sample_notice())
    partner = context["partners"][0]
    assert partner["email"] == "grace@example.com"
    assert partner["telegram"] == "@grace"
    assert partner["local_time"] == "05:00 EST"
    assert partner["topics"][:2] == partner["common_topics"]
    assert context["duration"] == "30 minutes"
    assert set(context["answer_links"]) == {"met", "not_yet", "skip"}
    validate_templates(
        templates=TemplateSet(
            subject="{{ partners[0].name }}",
            text="{{ partners[0].email }} {{ partners[0].pronouns }} {{ partners[0].about }}",
            html="{{ partners[0].team }} {{ answer_links.met }}",
        ),
        sample=context,
    )


async def test_the_time_follows_each_readers_own_zone() -> None:
    tokyo = await render_match_message(
        notice=notice(reader_time_zone="Asia/Tokyo"), templates=None, stamp=STAMP
    )
    assert "Wednesday 16 January 2030, 00:00 JST (Asia/Tokyo)" in tokyo.text
    unknown = await render_match_message(
        notice=notice(reader_time_zone="Mars/Olympus"), templates=None, stamp=STAMP
    )
    assert "15:00 UTC (UTC)" in unknown.text


def test_a_group_match_lists_everyone() -> None:
    partners = (Partner(name="Grace", topics=("jazz",)), Partner(name="Linus", topics=("rust",)))
    context = match_context(notice=notice(partners=partners))
    assert context["partner_names"] == "Grace and Linus"
    assert context["common_topics"] == ["Jazz", "Rust"]


async def test_hostile_names_and_topics_are_escaped_in_html() -> None:
    evil = Partner(name=HOSTILE, topics=(HOSTILE,))
    message = await render_match_message(
        notice=notice(partners=(evil,), reader_topics=(HOSTILE,), conversation_starter=HOSTILE),
        templates=None,
        stamp=STAMP,
    )
    assert "<script>" not in message.html
    assert "<img" not in message.html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in message.html
    assert HOSTILE in message.text  # plain text is never interpreted as markup


async def test_a_hostile_name_cannot_add_email_headers() -> None:
    evil = Partner(name="Eve\r\nBcc: victim@example.com", topics=())
    message = await render_match_message(
        notice=notice(partners=(evil,)), templates=None, stamp=STAMP
    )
    email = build_email(
        message=message, sender="coffee@example.com", recipient="ada@example.com", now=STAMP
    )
    parsed = message_from_bytes(email.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Your coffee chat with Eve Bcc: victim@example.com"


async def test_the_email_has_text_html_and_the_invite() -> None:
    message = await render_match_message(notice=notice(), templates=None, stamp=STAMP)
    email = build_email(
        message=message, sender="coffee@example.com", recipient="ada@example.com", now=STAMP
    )
    parsed = message_from_bytes(email.as_bytes(), policy=policy.default)
    types = [part.get_content_type() for part in parsed.walk()]
    assert types == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    invite = next(part for part in parsed.walk() if part.get_content_type() == "text/calendar")
    assert invite.get_filename() == "coffee-chat.ics"
    assert b"DTSTART:20300115T150000Z" in invite.get_payload(decode=True)


async def test_every_copy_of_one_readers_match_mail_has_the_same_message_id() -> None:
    """A second copy (a retry after a kill, a resend) can be recognised and dropped."""

    async def message_id(*, match_id: str, reader_id: str | None, at: datetime) -> str:
        message = await render_match_message(
            notice=notice(match_id=match_id, reader_id=reader_id), templates=None, stamp=at
        )
        email = build_email(
            message=message, sender="coffee@example.com", recipient="ada@example.com", now=at
        )
        header = message_from_bytes(email.as_bytes(), policy=policy.default)["Message-ID"]
        assert not header.defects, header.defects
        return str(header)

    match_id = "2030-06-03T08:00Z_0001"
    first = await message_id(match_id=match_id, reader_id="u-ada", at=STAMP)
    again = await message_id(match_id=match_id, reader_id="u-ada", at=STAMP + timedelta(hours=2))

    assert first == again == "<match.2030-06-03T0800Z_0001.u-ada@example.com>"
    others = {
        await message_id(match_id=match_id, reader_id="u-grace", at=STAMP),
        await message_id(match_id="2030-06-10T08:00Z_0001", reader_id="u-ada", at=STAMP),
    }
    assert first not in others
    assert len(others) == 2
    # A message that is no one reader's match message gets a fresh id each time.
    assert await message_id(match_id=match_id, reader_id=None, at=STAMP) != await message_id(
        match_id=match_id, reader_id=None, at=STAMP
    )


async def test_a_deployment_template_is_used_and_escapes_too() -> None:
    templates = TemplateSet(
        subject="Coffee: {{ partner_names }}",
        text="{{ reader.name }} meets {{ partner_names }} at {{ suggested_time }}",
        html="<b>{{ partner_names }}</b>",
    )
    message = await render_match_message(
        notice=notice(partners=(Partner(name="<b>Eve</b>", topics=()),)),
        templates=templates,
        stamp=STAMP,
    )
    assert message.subject == "Coffee: <b>Eve</b>"
    assert message.html == "<b>&lt;b&gt;Eve&lt;/b&gt;</b>"
    assert message.text.startswith("Ada meets <b>Eve</b> at Tuesday 15 January 2030")


async def test_a_template_that_breaks_at_send_time_falls_back_to_the_built_in_one() -> None:
    broken = TemplateSet(subject="{{ partners[5].name }}", text="x", html="x")
    message = await render_match_message(notice=notice(), templates=broken, stamp=STAMP)
    assert message.subject == "Your coffee chat with Grace"


@pytest.mark.parametrize(
    ("templates", "field", "reason"),
    [
        (
            TemplateSet(subject="{{ partnr_names }}", text="t", html="h"),
            "subject",
            "DOES_NOT_RENDER",
        ),
        (TemplateSet(subject="s", text="{% for %}", html="h"), "text", "DOES_NOT_RENDER"),
        (
            TemplateSet(subject="s", text="t", html="{{ ''.__class__.__mro__ }}"),
            "html",
            "DOES_NOT_RENDER",
        ),
        (
            TemplateSet(subject="s", text="{{ cycler.__init__.__globals__ }}", html="h"),
            "text",
            "DOES_NOT_RENDER",
        ),
        (
            TemplateSet(subject="s", text="t", html="{{ partners.append(1) }}"),
            "html",
            "DOES_NOT_RENDER",
        ),
        (TemplateSet(subject=" ", text="t", html="h"), "subject", "EMPTY"),
        (TemplateSet(subject="s", text="x" * 20_001, html="h"), "text", "TOO_LONG"),
        (TemplateSet(subject="s", text="{{ 'x' * 200000 }}", html="h"), "text", "TOO_LONG"),
    ],
)
def test_templates_that_cannot_be_used_are_refused_when_saved(
    templates: TemplateSet, field: str, reason: str
) -> None:
    sample = match_context(notice=sample_notice())
    with pytest.raises(InvalidTemplate) as refused:
        validate_templates(templates=templates, sample=sample)
    assert (refused.value.code, refused.value.field, refused.value.reason) == (
        "BAD_USER_INPUT",
        field,
        reason,
    )


async def test_format_strings_cannot_reach_python_internals() -> None:
    templates = TemplateSet(
        subject="s", text="[{{ '{0.__class__.__mro__}'.format(reader) }}]", html="h"
    )
    message = await render_match_message(notice=notice(), templates=templates, stamp=STAMP)
    assert "class" not in message.text
    assert message.text.startswith("Hi Ada,")  # the sandbox refused; the built-in one went


def test_valid_templates_are_accepted() -> None:
    templates = TemplateSet(
        subject="Hi {{ reader.name }}",
        text="{{ match_url }}",
        html="<p>{{ conversation_starter }}</p>",
    )
    sample = match_context(notice=sample_notice())
    assert validate_templates(templates=templates, sample=sample) == templates
