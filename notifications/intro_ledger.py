"""Who posts a match's group introduction, kept in Redis: one poster at a time, once."""

from __future__ import annotations

from datetime import timedelta

from redis.asyncio import Redis

# A poster that died mid-way gives way after this long; a posted intro is remembered for a
# month, longer than any notification job retries.
POSTING_LEASE = timedelta(minutes=2)
POSTED_FOR = timedelta(days=30)
_POSTING, _POSTED = b"posting", b"posted"


class RedisIntroLedger:
    def __init__(self, *, redis: Redis, deployment_id: str) -> None:
        self._redis = redis
        self._prefix = f"vcoffee:{deployment_id}:slack-intro:"

    async def start(self, match_id: str) -> bool:
        lease = int(POSTING_LEASE.total_seconds())
        return bool(await self._redis.set(self._prefix + match_id, _POSTING, nx=True, ex=lease))

    async def finish(self, match_id: str) -> None:
        await self._redis.set(self._prefix + match_id, _POSTED, ex=int(POSTED_FOR.total_seconds()))

    async def abandon(self, match_id: str) -> None:
        key = self._prefix + match_id
        if await self._redis.get(key) == _POSTING:
            await self._redis.delete(key)

    async def posted(self, match_id: str) -> bool:
        return bool(await self._redis.get(self._prefix + match_id) == _POSTED)
