"""Requests refused before execution still answer JSON with a code a client can branch on."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.conftest import Api

OPERATION = '{"query": "{ deploymentId }"}'


def only_error(response: httpx.Response) -> dict[str, Any]:
    assert response.headers["content-type"].startswith("application/json"), response.text
    body = response.json()
    assert "data" not in body
    (error,) = body["errors"]
    assert isinstance(error, dict)
    return error


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/graphql",
    ],
)
async def test_a_body_that_is_not_json_is_refused_with_415_and_a_code(
    api: Api, content_type: str
) -> None:
    response = await api.client.post(
        "/graphql", content=OPERATION, headers={"content-type": content_type}
    )
    assert response.status_code == 415
    error = only_error(response)
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "application/json" in error["message"]
    assert "team-a" not in response.text


async def test_a_body_without_content_type_is_refused_with_415(api: Api) -> None:
    response = await api.client.post("/graphql", content=OPERATION)
    assert "content-type" not in response.request.headers
    assert response.status_code == 415
    assert only_error(response)["extensions"] == {"code": "BAD_USER_INPUT"}


async def test_a_form_post_of_a_mutation_changes_nothing(api: Api) -> None:
    ada = await api.person("ada")
    response = await api.client.post(
        "/graphql",
        data={"query": "mutation { leave { participation { status } } }"},
        headers={"authorization": f"Bearer {api.token(ada)}"},
    )
    assert response.status_code == 415
    assert only_error(response)["extensions"]["code"] == "BAD_USER_INPUT"
    still = await api.repositories.users.require(user_id=ada.id)
    assert still.participation.opted_in


@pytest.mark.parametrize("body", ['{"query": ', "", "not json", '{"query": "{ a }"} trailing'])
async def test_malformed_json_is_refused_with_400_and_a_code(api: Api, body: str) -> None:
    response = await api.client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    error = only_error(response)
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert error["message"] == "Unable to parse request body as JSON"


@pytest.mark.parametrize("body", ['"{ deploymentId }"', "42", "null", "true"])
async def test_json_that_is_not_an_object_is_refused_with_400(api: Api, body: str) -> None:
    response = await api.client.post(
        "/graphql", content=body, headers={"content-type": "application/json; charset=utf-8"}
    )
    assert response.status_code == 400
    error = only_error(response)
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert error["message"] == "the request body must be a JSON object"


async def test_batches_and_queries_over_get_are_refused_with_a_code(api: Api) -> None:
    batch = await api.client.post(
        "/graphql", json=[{"query": "{ deploymentId }"}, {"query": "{ deploymentId }"}]
    )
    assert batch.status_code == 400
    assert only_error(batch)["extensions"] == {"code": "BAD_USER_INPUT"}
    over_get = await api.client.get("/graphql", params={"query": "{ deploymentId }"})
    assert over_get.status_code in {400, 405}
    assert only_error(over_get)["extensions"]["code"] == "BAD_USER_INPUT"
    assert "team-a" not in over_get.text


async def test_json_with_a_charset_is_still_served(api: Api) -> None:
    response = await api.client.post(
        "/graphql", content=OPERATION, headers={"content-type": "application/json; charset=utf-8"}
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"deploymentId": "team-a"}}
