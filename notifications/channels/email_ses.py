"""Email through Amazon SES v2 (SendEmail with Raw content, so the invite can be attached)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from aiobotocore.config import AioConfig
from botocore.exceptions import BotoCoreError, ClientError, ConnectionError, ReadTimeoutError

from notifications.errors import PermanentError, TransientError
from notifications.message import RenderedMessage
from notifications.mime import email_to

if TYPE_CHECKING:
    from types_aiobotocore_sesv2 import SESV2Client

_THROTTLED = frozenset(
    {"TooManyRequestsException", "LimitExceededException", "Throttling", "ThrottlingException"}
)
_SENDER_PROBLEMS = frozenset(
    {"MailFromDomainNotVerifiedException", "AccountSuspendedException", "SendingPausedException"}
)


def ses_client_config(*, timeout: float = 10.0) -> AioConfig:
    """Client settings for the SES client: delivery's policy does the retrying, not botocore."""
    return AioConfig(
        connect_timeout=timeout,
        read_timeout=timeout,
        retries={"total_max_attempts": 1, "mode": "standard"},
    )


class SesEmailChannel:
    """Sends through an sesv2 client opened once by the worker (see `ses_client_config`)."""

    def __init__(
        self,
        *,
        client: SESV2Client,
        sender: str,
        configuration_set: str | None = None,
        reply_to: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._client = client
        self._sender = sender
        self._configuration_set = configuration_set
        self._reply_to = reply_to
        self._clock = clock

    async def send(self, *, message: RenderedMessage, address: str) -> None:
        email = email_to(
            message=message,
            sender=self._sender,
            recipient=address,
            now=self._clock(),
            reply_to=self._reply_to,
        )
        try:
            if self._configuration_set:
                await self._client.send_email(
                    FromEmailAddress=self._sender,
                    Destination={"ToAddresses": [address]},
                    Content={"Raw": {"Data": email.as_bytes()}},
                    ConfigurationSetName=self._configuration_set,
                )
            else:
                await self._client.send_email(
                    FromEmailAddress=self._sender,
                    Destination={"ToAddresses": [address]},
                    Content={"Raw": {"Data": email.as_bytes()}},
                )
        except ClientError as exc:
            raise _classify(exc) from exc
        except (ReadTimeoutError, ConnectionError) as exc:
            raise TransientError("CONNECTION_FAILED", "SES could not be reached") from exc
        except BotoCoreError as exc:
            raise TransientError("SES_ERROR", f"SES failed ({type(exc).__name__})") from exc


def _classify(exc: ClientError) -> TransientError | PermanentError:
    error = exc.response.get("Error", {})
    code = str(error.get("Code", ""))
    text = str(error.get("Message", ""))[:200]
    status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    if code in _THROTTLED or status == 429:
        return TransientError("RATE_LIMITED", f"SES: {code} {text}".strip())
    if status >= 500:
        return TransientError("SERVER_ERROR", f"SES: {code} {text}".strip())
    lowered = text.lower()
    # SES says "Email address is not verified"; some SES-compatible services, "did not have
    # authority to send from" that address.
    if code in _SENDER_PROBLEMS or "not verified" in lowered or "authority to send" in lowered:
        return PermanentError("SENDER_UNVERIFIED", f"SES: {text or code}")
    return PermanentError("REJECTED", f"SES: {code} {text}".strip())
