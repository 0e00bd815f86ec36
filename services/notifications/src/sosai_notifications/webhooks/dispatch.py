"""The delivery worker's in-memory queue: which due deliveries may be sent now. No I/O.

The durable queue is the ``deliveries`` table; this is a bounded cache of its head (what
``repository.due`` returned last), so that the worker starts a delivery the moment a slot frees
instead of asking the database again. The guarantees live here, tested without a database:

- one subject of one subscription is a *lane*: at most one delivery of a lane is sent or waiting
  for its outcome to be recorded at a time, so a later event never overtakes an earlier one
  (the database adds the rest: ``due`` returns only the earliest pending delivery of a lane, and
  that one stays pending until its outcome is recorded);
- at most ``max_in_flight`` requests at once and ``max_per_subscription`` per subscription: a
  slow receiver fills only its own slots, and the jobs of other subscriptions behind it start;
- at most ``capacity`` jobs wait, and at most ``capacity`` deliveries are sent or wait for their
  outcome's record (past that nothing new starts: the database's write is the back-pressure).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sosai_notifications.models import Delivery, StoredEvent, Subscription


@dataclass(frozen=True, eq=False)
class Job:
    """A due delivery with what sending it needs (read with it in one query)."""

    delivery: Delivery
    subscription: Subscription
    event: StoredEvent

    @property
    def id(self) -> str:
        return self.delivery.id

    @property
    def subscription_id(self) -> str:
        return self.delivery.subscription_id

    @property
    def lane(self) -> tuple[str, str]:
        return self.delivery.subscription_id, self.delivery.subject


class DispatchQueue:
    def __init__(self, *, capacity: int, max_in_flight: int, max_per_subscription: int) -> None:
        self.capacity, self.max_in_flight, self.max_per_subscription = (
            capacity,
            max_in_flight,
            max_per_subscription,
        )
        self._waiting: dict[str, Job] = {}  # in the order the database gave them (oldest due first)
        self._sending: dict[str, Job] = {}
        self._unrecorded: dict[str, Job] = {}
        self._per_sub: Counter[str] = Counter()
        self._lanes: set[tuple[str, str]] = set()

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def sending(self) -> int:
        return len(self._sending)

    def busy_ids(self) -> list[str]:
        """Deliveries sent or being sent whose outcome is not recorded yet: a refill skips them."""
        return [*self._sending, *self._unrecorded]

    def saturated(self) -> list[str]:
        """Subscriptions with every slot taken: a refill skips them, so others' jobs get the room."""
        return [s for s, n in self._per_sub.items() if n >= self.max_per_subscription]

    def free(self) -> int:
        """Slots for new requests: within ``max_in_flight``, and sent-but-unrecorded within ``capacity``."""
        busy = len(self._sending) + len(self._unrecorded)
        return max(min(self.max_in_flight - len(self._sending), self.capacity - busy), 0)

    def kept(self, subscriptions: Collection[str]) -> list[Job]:
        """Waiting jobs of these (saturated) subscriptions, at most half the queue: a refill that
        leaves those subscriptions out keeps them, and still has room for the others."""
        wanted = set(subscriptions)
        return [j for j in self._waiting.values() if j.subscription_id in wanted][: self.capacity // 2]

    def replace(self, jobs: Iterable[Job], kept: Iterable[Job] = ()) -> None:
        """The waiting jobs become what the database says is due now (dropping stale ones), with
        the ``kept`` ones merged in, oldest due first."""
        merged = sorted([*kept, *jobs], key=lambda j: (j.delivery.next_attempt_at, j.delivery.event_seq))
        self._waiting = {}
        for job in merged:
            if len(self._waiting) >= self.capacity:
                break
            if job.id in self._sending or job.id in self._unrecorded or job.lane in self._lanes:
                continue  # started while the refill was being read
            self._waiting[job.id] = job

    def take(self) -> list[Job]:
        """The jobs to start now, oldest first, within every bound; they count as sending."""
        free = self.free()
        started: list[Job] = []
        if free == 0:
            return started
        for job in list(self._waiting.values()):
            if len(started) >= free:
                break
            if self._per_sub[job.subscription_id] >= self.max_per_subscription or job.lane in self._lanes:
                continue
            del self._waiting[job.id]
            self._sending[job.id] = job
            self._per_sub[job.subscription_id] += 1
            self._lanes.add(job.lane)
            started.append(job)
        return started

    def starved(self) -> bool:
        """Slots are free but no waiting job may take one: time to ask the database."""
        if self.free() == 0:
            return False
        return not any(
            self._per_sub[j.subscription_id] < self.max_per_subscription and j.lane not in self._lanes
            for j in self._waiting.values()
        )

    def sent(self, job: Job) -> None:
        """The request is over: its slot is free, its lane stays held until the outcome is recorded."""
        self._release_slot(job)
        self._unrecorded[job.id] = job

    def abandoned(self, job: Job) -> None:
        """Cancelled before an answer (shutdown): still pending in the database, sent again later."""
        self._release_slot(job)
        self._lanes.discard(job.lane)

    def recorded(self, ids: Iterable[str]) -> None:
        for i in ids:
            job = self._unrecorded.pop(i, None)
            if job is not None:
                self._lanes.discard(job.lane)

    def drop_subscriptions(self, sub_ids: set[str]) -> None:
        """Forget the waiting jobs of subscriptions just disabled."""
        if sub_ids:
            self._waiting = {i: j for i, j in self._waiting.items() if j.subscription_id not in sub_ids}

    def _release_slot(self, job: Job) -> None:
        if self._sending.pop(job.id, None) is None:
            return
        self._per_sub[job.subscription_id] -= 1
        if self._per_sub[job.subscription_id] <= 0:
            del self._per_sub[job.subscription_id]
