"""Merges the domains' root types into the schema served at /graphql."""

from __future__ import annotations

import functools

import strawberry
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from api.operations.admin import AdminMutation, AdminQuery
from api.operations.caught_mail import CaughtMailQuery
from api.operations.channel_links import ChannelLinkMutation
from api.operations.deliveries import DeliveryMutation, DeliveryQuery
from api.operations.deployment import DeploymentMutation, DeploymentQuery
from api.operations.matches import MatchMutation, MatchQuery, MatchSubscription
from api.operations.me import MeMutation, MeQuery
from api.operations.met_rate import MetRateQuery
from api.operations.rounds import RoundMutation, RoundQuery, RoundSubscription
from api.operations.templates import TemplateMutation, TemplateQuery
from api.operations.topics import TopicQuery
from metrics.api import OperationMetrics
from resolvers.audited_refusals import AuditedRefusals
from schema.error_code_enum import ErrorCodeEnum
from schema.error_extension import CodedSchema, ErrorCodes
from schema.plain_fields import PlainFieldsExecution
from schema.security import limits
from schema.system import SystemQuery

Query = merge_types(
    "Query",
    (
        SystemQuery,
        MeQuery,
        MatchQuery,
        DeploymentQuery,
        AdminQuery,
        RoundQuery,
        TemplateQuery,
        TopicQuery,
        CaughtMailQuery,
        DeliveryQuery,
        MetRateQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        MeMutation,
        MatchMutation,
        DeploymentMutation,
        AdminMutation,
        RoundMutation,
        TemplateMutation,
        DeliveryMutation,
        ChannelLinkMutation,
    ),
)
Subscription = merge_types("Subscription", (MatchSubscription, RoundSubscription))


@functools.cache
def build_schema() -> strawberry.Schema:
    """The schema, built once per process (building it takes about 0.3 s)."""
    return CodedSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[ErrorCodeEnum],
        # OperationMetrics first: it finishes last, once ErrorCodes has coded the errors.
        extensions=[OperationMetrics, *limits(), AuditedRefusals, ErrorCodes],
        config=StrawberryConfig(disable_field_suggestions=True),
        execution_context_class=PlainFieldsExecution,
    )
