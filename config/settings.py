"""The one place configuration is read: environment variables prefixed VCOFFEE_."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from config.signing_keys import parse_keyring

PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev"})
ROOT = Path(__file__).resolve().parent.parent
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
ENV_PREFIX = "VCOFFEE_"
# Read by the tools around the application, never by it: `make dev` ports and data folder, the
# test fixtures' service endpoints, the web dev server and the browser tests. Each is named
# here so that a misspelt setting is still refused.
TOOLING_VARIABLES = frozenset(
    {
        "VCOFFEE_DEV_DATA_DIR",
        "VCOFFEE_DEV_DYNAMODB_PORT",
        "VCOFFEE_DEV_REDIS_PORT",
        "VCOFFEE_DEV_OIDC_PORT",
        "VCOFFEE_DEV_SMTP_PORT",
        "VCOFFEE_TEST_DYNAMODB_ENDPOINT",
        "VCOFFEE_TEST_REDIS_URL",
        "VCOFFEE_API_URL",
        "VCOFFEE_WEB_PORT",
        "VCOFFEE_CHROMIUM",
        "VCOFFEE_SCREENSHOT_DIR",
    }
)


class UnknownVariables(RuntimeError):
    """VCOFFEE_ variables that are not settings; `names` lists them."""

    code = "UNKNOWN_SETTING"

    def __init__(self, names: list[str]) -> None:
        super().__init__(describe_unknown(names))
        self.names = names


class OidcProvider(BaseModel):
    """An OpenID Connect issuer people of this deployment may sign in with."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$")
    label: str
    issuer: str
    client_id: str
    client_secret: SecretStr = SecretStr("")
    scopes: str = "openid email profile"
    # Asymmetric algorithms the issuer signs id_tokens with; anything else is refused.
    id_token_algorithms: list[str] = Field(default_factory=lambda: ["RS256", "ES256"])


class Settings(BaseSettings):
    """Configuration of one running instance, which serves exactly one deployment."""

    # Unknown keyword arguments are refused (the default); unknown variables by the check below.
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX)

    environment: Literal["development", "test", "production"] = "production"
    deployment_id: str = Field(default="default", pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")
    table_name: str = "virtual-coffee"
    aws_region: str = "us-east-1"
    dynamodb_endpoint: str | None = None
    # DynamoDB allows 100 actions per transaction; the DynamoDB Local build used here allows 10.
    dynamodb_transaction_limit: int = Field(default=100, ge=10, le=100)
    redis_url: str = "redis://127.0.0.1:6379/0"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str = "http://127.0.0.1:8000"
    trusted_proxy: bool = False
    # Processes of `vcoffee api`, each with its own event loop; one per core the API may use.
    api_workers: int = Field(default=1, ge=1, le=64)
    session_secret: SecretStr = SecretStr("change-me")
    jwt_signing_keys: SecretStr = SecretStr("change-me")
    oidc_providers: list[OidcProvider] = Field(default_factory=list)
    admin_emails: list[str] = Field(default_factory=list)
    # When set, only verified emails of these domains may sign in.
    allowed_email_domains: list[str] = Field(default_factory=list)
    # Calls per minute per client address (behind VCOFFEE_TRUSTED_PROXY, the address the proxy
    # saw) and per signed-in person; past them the API answers 429 with Retry-After.
    client_requests_per_minute: int = Field(default=600, ge=1)
    person_requests_per_minute: int = Field(default=300, ge=1)
    sign_ins_per_minute: int = Field(default=20, ge=1)
    refreshes_per_minute: int = Field(default=60, ge=1)
    # How often a live subscription checks that its session was not revoked.
    session_check_seconds: float = Field(default=5.0, gt=0, le=60)
    # Seed of the deployment's configuration on its first start; admins edit it afterwards.
    match_schedule: str = "0 9 * * mon"
    match_time_zone: str = "UTC"
    group_size: int = Field(default=2, ge=2, le=10)
    # Notification channels of this instance; a channel without its settings is not offered.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_sender: str | None = None
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    ses_enabled: bool = False
    ses_sender: str | None = None
    ses_configuration_set: str | None = None
    ses_endpoint: str | None = None
    # The deployment's installed Slack app (docs/slack-app.md); without a bot token, Slack
    # goes through each person's own incoming webhook.
    slack_api_url: str = "https://slack.com/api"
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_bot_token: SecretStr | None = None
    # The bot's user name, for the t.me links that link a person's chat; and the secret
    # Telegram sends back on every webhook call (setWebhook's secret_token).
    telegram_bot_username: str | None = Field(default=None, pattern=r"^\w{5,32}$")
    telegram_webhook_secret: SecretStr | None = None
    signal_api_url: str | None = None
    signal_sender_number: str | None = Field(default=None, pattern=r"^\+[1-9]\d{6,14}$")
    # Folder of the local mail catcher (`make dev`); admins may read what it caught.
    mailbox_dir: Path | None = None
    notification_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # Unanswered rounds in a row after which a person is paused (0: never).
    pause_after_unanswered_rounds: int = Field(default=3, ge=0, le=52)
    frontend_dist: Path = ROOT / "frontend" / "dist"
    # Prometheus metrics on a port of their own (unset: not served); never the public port.
    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    log_level: str = "INFO"

    def __init__(self, **values: Any) -> None:
        # pydantic-settings skips environment variables that match no field, so a misspelt one
        # would silently leave a feature at its default. Checked before validation so that the
        # error carries no values (a validation error would show the secrets it read).
        unknown = unknown_variables(os.environ)
        if unknown:
            raise UnknownVariables(unknown)
        super().__init__(**values)

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment == "development":
            return self
        for name in ("session_secret", "jwt_signing_keys"):
            value: SecretStr = getattr(self, name)
            if value.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS:
                raise ValueError(
                    f"VCOFFEE_{name.upper()} is a placeholder; set a real secret "
                    "(placeholders are accepted only with VCOFFEE_ENVIRONMENT=development)"
                )
        parse_keyring(self.jwt_signing_keys.get_secret_value(), require_strong=True)
        return self

    @model_validator(mode="after")
    def _metrics_of_one_process(self) -> Settings:
        # Each API process would count on its own and only one could bind the port.
        if self.metrics_port is not None and self.api_workers > 1:
            raise ValueError("VCOFFEE_METRICS_PORT needs VCOFFEE_API_WORKERS=1")
        if self.metrics_port is not None and self.metrics_port == self.port:
            raise ValueError("VCOFFEE_METRICS_PORT must differ from VCOFFEE_PORT")
        return self

    @model_validator(mode="after")
    def _channels_have_their_senders(self) -> Settings:
        needs = (
            (self.ses_enabled and not self.ses_sender, "SES_ENABLED", "SES_SENDER"),
            (self.smtp_host and not self.smtp_sender, "SMTP_HOST", "SMTP_SENDER"),
            (
                self.slack_bot_token and not self.slack_signing_secret,
                "SLACK_BOT_TOKEN",
                "SLACK_SIGNING_SECRET",
            ),
            (
                self.signal_api_url and not self.signal_sender_number,
                "SIGNAL_API_URL",
                "SIGNAL_SENDER_NUMBER",
            ),
        )
        for missing, given, needed in needs:
            if missing:
                raise ValueError(f"VCOFFEE_{given} is set without VCOFFEE_{needed}")
        return self

    @property
    def is_local(self) -> bool:
        # Parsed, not prefix-matched: "http://localhost.example.com" is not local.
        parts = urlsplit(self.public_url)
        return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS


def setting_variables() -> frozenset[str]:
    """The variable name of every setting."""
    return frozenset(f"{ENV_PREFIX}{name.upper()}" for name in Settings.model_fields)


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """VCOFFEE_ variables that are neither a setting nor one of the tools' own, sorted."""
    known = setting_variables() | TOOLING_VARIABLES
    return sorted(
        name
        for name in environ
        if name.upper().startswith(ENV_PREFIX) and name.upper() not in known
    )


def describe_unknown(names: list[str]) -> str:
    settings = sorted(setting_variables())
    parts = []
    for name in names:
        close = difflib.get_close_matches(name.upper(), settings, n=1, cutoff=0.85)
        parts.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return (
        f"{UnknownVariables.code}: unknown variable{'s' if len(names) > 1 else ''} "
        f"{', '.join(parts)}: not a setting of Virtual Coffee (README, Configuration); "
        "remove or correct it"
    )
