"""The delivery worker's in-memory queue without I/O: order per subject, bounds, a slow receiver."""

from __future__ import annotations

from datetime import UTC, datetime

from sosai_notifications.models import Delivery, StoredEvent, Subscription
from sosai_notifications.webhooks.dispatch import DispatchQueue, Job

NOW = datetime(2026, 11, 29, tzinfo=UTC)


def job(n: int, sub: str = "sub-a", subject: str | None = None) -> Job:
    subject = subject or f"subject-{n}"
    d = Delivery(
        id=f"msg_{sub}_{n}",
        subscription_id=sub,
        org="org-a",
        event_seq=n,
        event_id=f"ev-{n}",
        event_type="t",
        subject=subject,
        status="pending",
        next_attempt_at=NOW,
        retry_from=NOW,
        created_at=NOW,
    )
    s = Subscription(
        id=sub, org="org-a", url="http://x", event_types=["*"], status="active", secret_enc="", created_by="u"
    )
    e = StoredEvent(
        seq=n, event_id=f"ev-{n}", type="t", source="s", subject=subject, time=NOW, owners=[], data={}
    )
    return Job(d, s, e)


def queue(capacity: int = 100, in_flight: int = 8, per_sub: int = 4) -> DispatchQueue:
    return DispatchQueue(capacity=capacity, max_in_flight=in_flight, max_per_subscription=per_sub)


def test_jobs_start_oldest_first_within_the_per_subscription_and_overall_bounds() -> None:
    q = queue(in_flight=6, per_sub=4)
    q.replace([job(n) for n in range(5)] + [job(n, sub="sub-b") for n in range(10, 15)])
    started = q.take()
    # sub-a takes its four slots, then sub-b gets the remaining two of the six
    assert [j.id for j in started] == [f"msg_sub-a_{n}" for n in range(4)] + ["msg_sub-b_10", "msg_sub-b_11"]
    assert q.take() == [] and q.free() == 0
    q.sent(started[0])  # a slot frees: the next one overall may go, in order
    assert [j.id for j in q.take()] == ["msg_sub-a_4"]


def test_one_subject_of_a_subscription_is_never_sent_twice_at_once() -> None:
    q = queue()
    first, second = job(1, subject="prj-1"), job(2, subject="prj-1")
    q.replace([first])
    assert q.take() == [first]
    q.replace([second])  # even if the database gave the next one, it waits for the first's record
    assert q.take() == []
    q.sent(first)
    assert q.take() == []  # answered, but its outcome is not recorded: the lane stays held
    assert q.busy_ids() == [first.id]
    q.recorded([first.id])
    q.replace([second])
    assert q.take() == [second]


def test_a_slow_subscription_holds_only_its_own_slots() -> None:
    q = queue(in_flight=8, per_sub=2)
    q.replace([job(n, sub="slow") for n in range(50)])
    slow_started = q.take()
    assert len(slow_started) == 2
    assert q.saturated() == ["slow"]
    assert q.starved()  # slots are free but only the saturated subscription's jobs wait
    # the refill leaves out the saturated subscription, keeping its waiting jobs (at most half the
    # queue): the others' jobs get the room, and the slow one goes on where it was
    kept = q.kept(q.saturated())
    assert len(kept) == 48 and kept[0].id == "msg_slow_2"
    q.replace([job(n, sub="fast") for n in range(100, 103)], kept)
    assert [j.subscription_id for j in q.take()] == ["fast", "fast"]  # its own two slots
    q.sent(slow_started[0])  # the slow receiver answers: its next job starts, no refill needed
    assert [j.id for j in q.take()] == ["msg_slow_2"]


def test_the_queue_and_the_unrecorded_outcomes_are_bounded() -> None:
    q = queue(capacity=3, in_flight=10, per_sub=10)
    q.replace([job(n) for n in range(10)])
    assert q.waiting == 3
    started = q.take()
    assert len(started) == 3
    for j in started:
        q.sent(j)
    assert q.free() == 0  # three outcomes wait for their record: nothing more starts
    q.replace([job(n) for n in range(3, 6)])
    assert q.take() == []
    q.recorded([started[0].id])
    assert len(q.take()) == 1


def test_abandoned_and_disabled_jobs_are_released() -> None:
    q = queue()
    a, b = job(1), job(2, sub="sub-b")
    q.replace([a, b])
    (started, *_) = q.take()
    q.abandoned(started)  # cancelled at shutdown: its lane and slot are free again
    assert q.busy_ids() == [b.id] and q.sending == 1
    q.replace([a, job(3, sub="sub-b")])
    q.drop_subscriptions({"sub-b"})
    assert [j.id for j in q.take()] == [a.id]
