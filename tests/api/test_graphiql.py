"""GraphiQL in production: the schema for admins only, and a CSP relaxed for its page alone."""

from __future__ import annotations

from pathlib import Path

import httpx
from graphql import build_client_schema, get_introspection_query

from config.settings import Settings
from devtools.stack import Endpoints
from tests.api.conftest import Api
from tests.conftest import make_settings
from vcoffee.app import create_app

PUBLIC = "https://coffee.example.com"
# What GraphiQL sends when it opens, with the options it may ask for.
GRAPHIQL_INTROSPECTION = get_introspection_query(
    descriptions=True, input_value_deprecation=True, schema_description=True
)


async def test_graphiql_gets_the_whole_schema_only_as_an_admin_in_production(
    settings: Settings, table: str
) -> None:
    production = settings.model_copy(update={"environment": "production"})
    app = create_app(production)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            api = Api(client=http, services=app.state.services)
            member = await api.person("mo")
            admin = await api.person("root", admin=True)
            for who in (None, member):
                refused = await api.run(GRAPHIQL_INTROSPECTION, as_=who)
                assert refused.get("data") is None
                codes = {error["extensions"]["code"] for error in refused["errors"]}
                assert codes == {"BAD_USER_INPUT"}
            allowed = await api.data(GRAPHIQL_INTROSPECTION, as_=admin)
    schema = build_client_schema(allowed)  # type: ignore[arg-type]
    query = schema.query_type
    assert query is not None
    assert {"messageTemplates", "topicSuggestions", "users"} <= set(query.fields)


def web_app(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><title>Virtual Coffee</title>")
    return tmp_path


async def test_only_the_graphiql_page_may_use_inline_styles(
    endpoints: Endpoints, table: str, tmp_path: Path
) -> None:
    settings = make_settings(
        endpoints, public_url=PUBLIC, table_name=table, frontend_dist=web_app(tmp_path)
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=PUBLIC) as http:
            graphiql = await http.get("/admin/graphiql")
            others = [await http.get(path) for path in ("/", "/admin/users", "/auth/providers")]
    assert graphiql.status_code == 200
    assert "Virtual Coffee" in graphiql.text
    policy = graphiql.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["style-src-elem"] == "'self' 'unsafe-inline'"
    assert directives["style-src-attr"] == "'unsafe-inline'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self' wss://coffee.example.com"
    assert "unsafe-eval" not in policy
    for response in others:
        assert response.status_code == 200, response.url
        assert "unsafe-inline" not in response.headers["content-security-policy"], response.url
