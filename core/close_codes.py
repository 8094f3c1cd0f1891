"""Websocket close codes of /graphql: graphql-transport-ws's own, and those the API adds.

Clients reconnect after TOO_SLOW (and should read again what a page shows, as events were
dropped) and after TRY_AGAIN; they stop after TOO_MANY_SOCKETS. UNAUTHORIZED asks for a
renewed token before reconnecting.
"""

from __future__ import annotations

UNAUTHORIZED = 4401  # connection_init without a valid token, or the token expired or was revoked
FORBIDDEN = 4403  # a token of another deployment
TOO_SLOW = 4413  # the socket did not take its events as fast as they came; they were dropped
TOO_MANY_SOCKETS = 4429  # the person already holds the most sockets one process allows
TRY_AGAIN = 4503  # a service the socket needs (Redis) is unavailable; reconnect later
