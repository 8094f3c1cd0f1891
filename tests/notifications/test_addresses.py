"""People's channel addresses are checked at input, with a code and the field at fault."""

from __future__ import annotations

import pytest

from notifications.addresses import (
    InvalidAddress,
    WebhookPolicy,
    system_resolver,
    validate_e164,
    validate_email,
    validate_telegram_chat_id,
    validate_webhook_url,
)

HOOK = "https://hooks.slack.com/services/T000/B000/XXXXXXXX"


def resolving_to(*addresses: str):  # type: ignore[no-untyped-def]
    async def resolve(host: str) -> list[str]:
        return list(addresses)

    return resolve


async def unresolvable(host: str) -> list[str]:
    raise OSError("name or service not known")


async def test_a_slack_webhook_on_a_public_address_is_accepted() -> None:
    url = await validate_webhook_url(url=f"  {HOOK} ", resolve=resolving_to("3.3.3.3"))
    assert url == HOOK


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://hooks.slack.com/services/T000/B000/X", "NOT_HTTPS"),
        ("ftp://hooks.slack.com/services/T000/B000/X", "NOT_HTTPS"),
        ("https://evil.example.com/services/T000/B000/X", "NOT_SLACK"),
        ("https://hooks.slack.com.evil.example.com/services/X", "NOT_SLACK"),
        ("https://hooks.slack.com@evil.example.com/services/X", "NOT_SLACK"),
        ("https://127.0.0.1/services/T000/B000/X", "NOT_SLACK"),
        ("https://[::1]/services/T000/B000/X", "NOT_SLACK"),
        ("https://user:pw@hooks.slack.com/services/X", "MALFORMED"),
        ("https://hooks.slack.com:8443/services/X", "MALFORMED"),
        ("https://hooks.slack.com/api/chat.postMessage", "MALFORMED"),
        ("https://hooks.slack.com/services/X\r\nHost: evil", "MALFORMED"),
        ("not a url", "MALFORMED"),
        ("hooks.slack.com/services/X", "NOT_HTTPS"),
    ],
)
async def test_webhooks_that_are_not_slacks_are_refused(url: str, reason: str) -> None:
    with pytest.raises(InvalidAddress) as refused:
        await validate_webhook_url(url=url, resolve=resolving_to("3.3.3.3"))
    assert refused.value.code == "BAD_USER_INPUT"
    assert refused.value.field == "slackWebhook"
    assert refused.value.reason == reason
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5",
        "127.0.0.1",
        "169.254.169.254",
        "192.168.1.2",
        "::1",
        "fd00::1",
        "::ffff:10.1.2.3",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 (an address to refuse, not one to bind)
    ],
)
async def test_a_slack_host_resolving_to_a_private_address_is_refused(address: str) -> None:
    with pytest.raises(InvalidAddress) as refused:
        await validate_webhook_url(url=HOOK, resolve=resolving_to("3.3.3.3", address))
    assert refused.value.reason == "PRIVATE_ADDRESS"
    assert refused.value.code == "BAD_USER_INPUT"


async def test_an_unresolvable_webhook_host_is_refused() -> None:
    with pytest.raises(InvalidAddress) as refused:
        await validate_webhook_url(url=HOOK, resolve=unresolvable)
    assert refused.value.reason == "UNRESOLVABLE"


async def test_the_system_resolver_sees_that_localhost_is_loopback() -> None:
    policy = WebhookPolicy(hosts=frozenset({"localhost"}))
    with pytest.raises(InvalidAddress) as refused:
        await validate_webhook_url(
            url="https://localhost/services/X", policy=policy, resolve=system_resolver
        )
    assert refused.value.reason == "PRIVATE_ADDRESS"


async def test_a_widened_policy_passed_explicitly_accepts_a_local_test_server() -> None:
    policy = WebhookPolicy(
        hosts=frozenset({"127.0.0.1"}), schemes=frozenset({"http"}), allow_private_addresses=True
    )
    url = "http://127.0.0.1:8080/services/T/B/X"
    assert await validate_webhook_url(url=url, policy=policy) == url
    with pytest.raises(InvalidAddress):
        await validate_webhook_url(url=url)


@pytest.mark.parametrize(
    ("given", "kept"), [("123456789", "123456789"), (" -1001234 ", "-1001234")]
)
def test_telegram_chat_ids_are_numbers(given: str, kept: str) -> None:
    assert validate_telegram_chat_id(chat_id=given) == kept


@pytest.mark.parametrize("given", ["", "0", "@somebody", "12ab", "1" * 25, "123\n456"])
def test_telegram_chat_ids_that_are_not_numbers_are_refused(given: str) -> None:
    with pytest.raises(InvalidAddress) as refused:
        validate_telegram_chat_id(chat_id=given)
    assert (refused.value.code, refused.value.field) == ("BAD_USER_INPUT", "telegramChatId")


@pytest.mark.parametrize(
    ("given", "kept"),
    [("+44 20 7946 0958", "+442079460958"), ("+1 (415) 555-0100", "+14155550100")],
)
def test_signal_numbers_are_kept_in_e164(given: str, kept: str) -> None:
    assert validate_e164(number=given) == kept


@pytest.mark.parametrize("given", ["07946 0958", "+0441234567", "+12", "+1234567890123456", "tel"])
def test_signal_numbers_not_in_e164_are_refused(given: str) -> None:
    with pytest.raises(InvalidAddress) as refused:
        validate_e164(number=given)
    assert (refused.value.code, refused.value.field) == ("BAD_USER_INPUT", "signalNumber")


def test_email_domains_are_lower_cased() -> None:
    assert validate_email(email=" Ada.L+coffee@Example.COM ") == "Ada.L+coffee@example.com"


@pytest.mark.parametrize(
    "given",
    [
        "ada",
        "ada@",
        "@example.com",
        "ada@example",
        "a..b@example.com",
        "ada@exa mple.com",
        "ada@example.com\r\nBcc: x@example.com",
        "ada@-example.com",
        "a@b@example.com",
    ],
)
def test_malformed_emails_are_refused(given: str) -> None:
    with pytest.raises(InvalidAddress) as refused:
        validate_email(email=given)
    assert (refused.value.code, refused.value.field) == ("BAD_USER_INPUT", "email")
