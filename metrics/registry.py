"""Every metric the processes export, declared once; names and labels are the alerts' contract."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

# Requests take milliseconds to seconds; rounds seconds to minutes.
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
ROUND_BUCKETS = (0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)

# The API.
GRAPHQL_OPERATIONS = Counter(
    "vcoffee_graphql_operations",
    "GraphQL operations by type, root field and the first error code (none when it succeeded)",
    ["type", "operation", "error_code"],
)
GRAPHQL_DURATION = Histogram(
    "vcoffee_graphql_operation_duration_seconds",
    "Time to answer a query or mutation, by type and root field",
    ["type", "operation"],
    buckets=REQUEST_BUCKETS,
)
HTTP_RESPONSES = Counter(
    "vcoffee_http_responses",
    "HTTP responses of the API by route group and status class (2xx … 5xx)",
    ["route", "code"],
)
OPEN_SUBSCRIPTIONS = Gauge(
    "vcoffee_graphql_subscriptions_open",
    "GraphQL operations running over websockets (live match and round subscriptions)",
)

# The worker.
ROUNDS = Counter("vcoffee_rounds", "Round jobs by how they ended", ["status"])
ROUND_DURATION = Histogram(
    "vcoffee_round_duration_seconds",
    "Time from claiming a round to its groups announced",
    buckets=ROUND_BUCKETS,
)
ROUND_PARTICIPANTS = Gauge("vcoffee_round_last_participants", "People in the last round run")
ROUND_GROUPS = Gauge("vcoffee_round_last_groups", "Groups written by the last round run")
ROUND_QUALITY = Gauge(
    "vcoffee_round_last_quality",
    "Quality of the last completed round: repeats, groups_without_common_window, unmatched, "
    "cross_team_share",
    ["measure"],
)
NOTIFICATIONS = Counter(
    "vcoffee_notifications",
    "Notification attempts by channel and outcome: sent, retried (a later attempt on the same "
    "channel followed) or failed (the channel was given up for this person)",
    ["channel", "outcome"],
)
NOTIFICATION_DELIVERIES = Counter(
    "vcoffee_notification_deliveries",
    "People notified of a match, by how it ended: sent, undeliverable, already_handled",
    ["status"],
)
QUEUE_JOBS = Gauge("vcoffee_queue_jobs", "Jobs waiting in the deployment's queue")
LAST_DUE_SLOT = Gauge(
    "vcoffee_schedule_last_due_slot_timestamp_seconds",
    "When the latest slot of the schedule fell due (Unix time)",
)
LAST_FINISHED_SLOT = Gauge(
    "vcoffee_round_last_finished_slot_timestamp_seconds",
    "Slot time of the latest round that completed or was skipped (Unix time; 0 before any)",
)

# Both.
DYNAMODB_THROTTLED = Counter(
    "vcoffee_dynamodb_throttled_requests",
    "DynamoDB answers that throttled a request (each retry counts), by operation",
    ["operation"],
)
