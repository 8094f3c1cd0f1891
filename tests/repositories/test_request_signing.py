"""The DynamoDB client signs with SigV4 that keeps its key and host between calls, as botocore."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from botocore import auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from runtime.signing import SIGNATURE_VERSION, CachedKeySigV4Auth

if TYPE_CHECKING:
    from types_aiobotocore_dynamodb import DynamoDBClient

REGION = "us-east-1"


def reference_signature(request: Any, credentials: Credentials) -> str:
    """botocore's own SigV4 of the same request at the same moment."""
    headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
    copy = AWSRequest(method=request.method, url=request.url, headers=headers, data=request.body)
    copy.context["timestamp"] = request.context["timestamp"]
    signer = SigV4Auth(credentials, "dynamodb", REGION)
    canonical = signer.canonical_request(copy)
    return signer.signature(signer.string_to_sign(copy, canonical), copy)


async def test_every_call_the_repositories_make_is_signed_as_botocore_signs_it(
    dynamodb: DynamoDBClient, table: str
) -> None:
    signed: list[tuple[str, str, str]] = []
    versions: list[str] = []

    def chosen(signature_version: str, **_: Any) -> None:
        versions.append(signature_version)

    def check(request: Any, operation_name: str, **_: Any) -> None:
        header = request.headers["Authorization"]
        header = header.decode() if isinstance(header, bytes) else header
        expected = reference_signature(request, Credentials("local", "local"))
        signed.append((operation_name, header.rsplit("Signature=", 1)[1], expected))

    dynamodb.meta.events.register_last("request-created.dynamodb", check)
    dynamodb.meta.events.register("before-sign.dynamodb", chosen)
    key = {"PK": {"S": "a"}, "SK": {"S": "b"}}
    await dynamodb.put_item(TableName=table, Item={**key, "n": {"N": "1"}})
    await dynamodb.update_item(
        TableName=table,
        Key=key,
        UpdateExpression="SET n = :n",
        ExpressionAttributeValues={":n": {"N": "2"}},
    )
    assert (await dynamodb.get_item(TableName=table, Key=key))["Item"]["n"] == {"N": "2"}
    await dynamodb.query(
        TableName=table,
        KeyConditionExpression="PK = :pk",
        ExpressionAttributeValues={":pk": {"S": "a"}},
    )
    await dynamodb.batch_get_item(RequestItems={table: {"Keys": [key]}})
    await dynamodb.transact_write_items(
        TransactItems=[{"Delete": {"TableName": table, "Key": key}}]
    )
    assert [name for name, _, _ in signed] == [
        "PutItem",
        "UpdateItem",
        "GetItem",
        "Query",
        "BatchGetItem",
        "TransactWriteItems",
    ]
    assert all(got == expected for _, got, expected in signed), signed
    assert versions == [SIGNATURE_VERSION] * len(signed)


@pytest.mark.parametrize("token", [None, "session-token"])
def test_refreshed_credentials_and_session_tokens_sign_as_botocore(
    monkeypatch: pytest.MonkeyPatch, token: str | None
) -> None:
    monkeypatch.setattr(auth, "get_current_datetime", lambda: datetime(2026, 11, 30, 9, tzinfo=UTC))

    def authorization(signer_class: type[SigV4Auth], credentials: Credentials) -> dict[str, str]:
        request = AWSRequest(
            method="POST",
            url="https://dynamodb.us-east-1.amazonaws.com/",
            headers={"X-Amz-Target": "DynamoDB_20120810.GetItem"},
            data=b'{"TableName": "t"}',
        )
        signer_class(credentials, "dynamodb", REGION).add_auth(request)
        return dict(request.headers.items())

    # The same day, before and after the credentials were refreshed.
    for secret in ("secret-before", "secret-after"):
        credentials = Credentials("AKIDEXAMPLE", secret, token)
        ours = authorization(CachedKeySigV4Auth, credentials)
        assert ours == authorization(SigV4Auth, credentials)
        assert ("X-Amz-Security-Token" in ours) is (token is not None)
