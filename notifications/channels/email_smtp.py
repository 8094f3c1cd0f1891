"""Email over SMTP (aiosmtplib), for self-hosting and the local mail catcher."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage

import aiosmtplib

from notifications.errors import PermanentError, TransientError
from notifications.message import RenderedMessage
from notifications.mime import email_to

SERVICE = "SMTP"
UNREACHABLE = "The SMTP server could not be reached"


class SmtpEmailChannel:
    """One SMTP session per message; the password comes from the secret store."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        username: str | None = None,
        password: str | None = None,
        use_tls: bool = False,
        start_tls: bool | None = None,
        timeout: float = 30.0,
        reply_to: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._username = username
        self._password = password
        self._use_tls = use_tls
        self._start_tls = start_tls
        self._timeout = timeout
        self._reply_to = reply_to
        self._clock = clock
        self._quitting: set[asyncio.Task[None]] = set()

    async def send(self, *, message: RenderedMessage, address: str) -> None:
        email = email_to(
            message=message,
            sender=self._sender,
            recipient=address,
            now=self._clock(),
            reply_to=self._reply_to,
        )
        try:
            await self._hand_over(email)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [error.code for error in exc.recipients]
            raise _from_code(min(codes) if codes else 550, "recipient refused") from exc
        except aiosmtplib.SMTPAuthenticationError as exc:
            raise PermanentError("AUTH_FAILED", "The SMTP server refused the credentials") from exc
        except aiosmtplib.SMTPResponseException as exc:
            raise _from_code(exc.code, exc.message) from exc
        except aiosmtplib.SMTPTimeoutError as exc:
            raise TransientError("TIMEOUT", "The SMTP server did not answer in time") from exc
        except (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected, OSError) as exc:
            raise TransientError("CONNECTION_FAILED", UNREACHABLE) from exc
        except aiosmtplib.SMTPException as exc:
            raise TransientError("SMTP_ERROR", f"SMTP failed ({type(exc).__name__})") from exc

    async def _hand_over(self, email: EmailMessage) -> None:
        """Returns as soon as the server accepted the message at the end of DATA.

        The caller records the send next; saying QUIT first (as `aiosmtplib.send` does) would
        keep a round trip, and with a server slow to answer it up to the whole timeout, in
        the window where a killed worker sends the message again. A QUIT that fails or times
        out changes nothing: the message was accepted.
        """
        client = aiosmtplib.SMTP(
            hostname=self._host,
            port=self._port,
            username=self._username,
            password=self._password,
            use_tls=self._use_tls,
            start_tls=self._start_tls,
            timeout=self._timeout,
        )
        try:
            await client.connect()
            await client.send_message(email)
        except BaseException:
            client.close()
            raise
        task = asyncio.create_task(_quit(client))
        self._quitting.add(task)
        task.add_done_callback(self._quitting.discard)


async def _quit(client: aiosmtplib.SMTP) -> None:
    try:
        await client.quit()
    except (aiosmtplib.SMTPException, OSError):
        pass
    finally:
        client.close()


def _from_code(code: int, text: str) -> TransientError | PermanentError:
    # RFC 5321: 4xx is a temporary refusal, 5xx a permanent one.
    if 400 <= code < 500 or code < 0:
        return TransientError("SERVER_ERROR", f"SMTP {code}: {text[:200]}")
    if code in (530, 535, 538):
        return PermanentError("AUTH_FAILED", f"SMTP {code}: {text[:200]}")
    return PermanentError("REJECTED", f"SMTP {code}: {text[:200]}")
