"""Smoke test of the Kafka features the services rely on, through aiokafka, against a
running broker (Apache Kafka 4.x or Tansu). Run it in CI after kafka.sh start: aiokafka's
own CI does not cover Kafka 4.x.

    python deploy/local/kafka_smoke.py --bootstrap 127.0.0.1:29092
    python deploy/local/kafka_smoke.py --bootstrap 127.0.0.1:19092 --no-idempotence  # Tansu
    python deploy/local/kafka_smoke.py --bootstrap 127.0.0.1:29094 --security-protocol SASL_PLAINTEXT \
        --username sosai --password sosai-local-scram          # kafka.sh's SCRAM-SHA-512 listener

Each check prints PASS/FAIL. Required checks (admin create/delete topic, acks=all produce,
group consume with manual commit, resume from the committed offset) make the exit code 1;
optional ones (idempotent producer, transactions, gzip, ...) only report.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from sosai_shared.events.kafka import security_options

PARTITIONS = 3
N = 30

results: list[tuple[str, bool, bool, str]] = []  # name, required, ok, detail
#: security arguments of every client (--security-protocol ...), as the services build them
SECURITY: dict[str, Any] = {}


async def check(
    name: str, required: bool, fn: Callable[[], Awaitable[str | None]], limit: float = 30
) -> bool:
    t0 = time.monotonic()
    try:
        detail = await asyncio.wait_for(fn(), timeout=limit) or ""
        ok = True
    except Exception as exc:  # report every failure, keep going
        detail = f"{type(exc).__name__}: {exc}"[:300]
        ok = False
    dt = time.monotonic() - t0
    results.append((name, required, ok, detail))
    tag = "PASS" if ok else ("FAIL" if required else "FAIL (optional)")
    print(f"{tag:16} {name} [{dt:.2f}s] {detail}", flush=True)
    return ok


async def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument(
        "--no-idempotence", action="store_true", help="skip idempotent-producer checks as required"
    )
    # the services' own settings (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_CAFILE) by default
    ap.add_argument("--security-protocol", default=os.environ.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"))
    ap.add_argument("--sasl-mechanism", default=os.environ.get("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"))
    ap.add_argument("--username", default=os.environ.get("KAFKA_SASL_USERNAME", ""))
    ap.add_argument("--password", default=os.environ.get("KAFKA_SASL_PASSWORD", ""))
    ap.add_argument("--cafile", default=os.environ.get("KAFKA_SSL_CAFILE", ""))
    args = ap.parse_args()
    bs = args.bootstrap
    SECURITY.update(
        security_options(
            args.security_protocol, args.sasl_mechanism, args.username, args.password, args.cafile
        )
    )
    print(
        f"security: {args.security_protocol}"
        + (f" {args.sasl_mechanism} as {args.username}" if args.username else "")
    )
    logging.basicConfig(level=logging.CRITICAL)

    run = uuid.uuid4().hex[:8]
    topic = f"smoke.{run}"
    group = f"smoke-group-{run}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bs, **SECURITY, request_timeout_ms=10000)
    await admin.start()
    state: dict[str, Any] = {}

    # NB: aiokafka's create_topics does not raise on per-topic errors; read topic_errors.
    async def create_topic() -> str:
        resp = await admin.create_topics([NewTopic(topic, num_partitions=PARTITIONS, replication_factor=1)])
        errs = [(t, code, msg) for t, code, msg in resp.topic_errors if code != 0]
        if errs:
            raise RuntimeError(f"create_topics errors: {errs}")
        for _ in range(50):
            if topic in await admin.list_topics():
                return f"{topic} x{PARTITIONS}"
            await asyncio.sleep(0.1)
        raise RuntimeError("topic not listed after create")

    async def create_existing() -> str:
        resp = await admin.create_topics([NewTopic(topic, num_partitions=PARTITIONS, replication_factor=1)])
        codes = [code for _, code, _ in resp.topic_errors]
        if codes == [36]:  # TOPIC_ALREADY_EXISTS
            return "error_code 36 TOPIC_ALREADY_EXISTS in the response (not raised)"
        raise RuntimeError(f"second create of the same topic returned error codes {codes}")

    async def describe_topic() -> str:
        d = await admin.describe_topics([topic])
        parts = d[0]["partitions"]
        if len(parts) != PARTITIONS:
            raise RuntimeError(f"expected {PARTITIONS} partitions, got {len(parts)}")
        return f"{len(parts)} partitions"

    async def describe_cluster() -> str:
        c = await admin.describe_cluster()
        return f"cluster_id={c.get('cluster_id')} brokers={len(c.get('brokers', []))}"

    async def produce(idempotent: bool, label: str) -> str:
        p = AIOKafkaProducer(
            bootstrap_servers=bs, **SECURITY, acks="all", enable_idempotence=idempotent, linger_ms=5
        )
        await p.start()
        try:
            offsets = []
            for i in range(N):
                md = await p.send_and_wait(
                    topic,
                    f"{label}-{i}".encode(),
                    key=f"k{i % 7}".encode(),
                    headers=[("ce_type", b"smoke.test"), ("run", run.encode())],
                )
                offsets.append((md.partition, md.offset))
            state.setdefault("produced", 0)
            state["produced"] += N
            return f"{N} msgs, last={offsets[-1]}"
        finally:
            await p.stop()

    async def produce_batch() -> str:
        p = AIOKafkaProducer(
            bootstrap_servers=bs,
            **SECURITY,
            acks="all",
            enable_idempotence=not args.no_idempotence,
            linger_ms=10,
        )
        await p.start()
        try:
            t0 = time.monotonic()
            futs = [await p.send(topic, b"x" * 200, key=f"b{i % 11}".encode()) for i in range(1000)]
            await p.flush()
            await asyncio.gather(*futs)
            state["produced"] = state.get("produced", 0) + 1000
            return f"1000 msgs in {time.monotonic() - t0:.2f}s"
        finally:
            await p.stop()

    async def produce_gzip() -> str:
        p = AIOKafkaProducer(bootstrap_servers=bs, **SECURITY, acks="all", compression_type="gzip")
        await p.start()
        try:
            await p.send_and_wait(topic, b"gzip" * 100, key=b"gz")
            state["produced"] = state.get("produced", 0) + 1
            return "1 gzip msg"
        finally:
            await p.stop()

    async def transactional() -> str:
        p = AIOKafkaProducer(bootstrap_servers=bs, **SECURITY, transactional_id=f"smoke-tx-{run}")
        await p.start()
        try:
            async with p.transaction():
                await p.send_and_wait(topic, b"tx", key=b"tx")
            state["produced"] = state.get("produced", 0) + 1
            return "1 committed tx msg"
        finally:
            await p.stop()

    def consumer(**kw: Any) -> AIOKafkaConsumer:
        return AIOKafkaConsumer(
            topic,
            bootstrap_servers=bs,
            **SECURITY,
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=10000,
            heartbeat_interval_ms=1000,
            isolation_level="read_committed",
            **kw,
        )

    async def consume_commit() -> str:
        c = consumer()
        await c.start()
        try:
            want = state.get("produced", 0)
            got = 0
            headers_ok = False
            while got < want:
                batch = await c.getmany(timeout_ms=1000, max_records=500)
                for recs in batch.values():
                    got += len(recs)
                    headers_ok = headers_ok or any(dict(r.headers).get("run") == run.encode() for r in recs)
            await c.commit()
            committed = {tp.partition: await c.committed(tp) for tp in c.assignment()}
            state["committed"] = committed
            if not headers_ok:
                raise RuntimeError("headers did not round-trip")
            return f"consumed {got}, headers ok, committed={committed}"
        finally:
            await c.stop()

    async def list_offsets() -> str:
        c = AIOKafkaConsumer(bootstrap_servers=bs, **SECURITY, enable_auto_commit=False)
        await c.start()
        try:
            tps = [TopicPartition(topic, p) for p in range(PARTITIONS)]
            beg = await c.beginning_offsets(tps)
            end = await c.end_offsets(tps)
            total = sum(end[tp] - beg[tp] for tp in tps)
            detail = f"beginning={[beg[t] for t in tps]} end={[end[t] for t in tps]} total={total}"
            # Kafka counts transaction markers too, so >=; fewer means a wrong high watermark
            if total < state.get("produced", 0):
                raise RuntimeError(
                    f"end offsets cover {total} records, {state['produced']} were acked: {detail}"
                )
            return detail
        finally:
            await c.stop()

    async def offsets_for_times() -> str:
        c = AIOKafkaConsumer(bootstrap_servers=bs, **SECURITY, enable_auto_commit=False)
        await c.start()
        try:
            tps = [TopicPartition(topic, p) for p in range(PARTITIONS)]
            r = await c.offsets_for_times({tp: 0 for tp in tps})
            return str({tp.partition: (o.offset if o else None) for tp, o in r.items()})
        finally:
            await c.stop()

    async def admin_group_offsets() -> str:
        offs = await admin.list_consumer_group_offsets(group)
        mine = {tp.partition: om.offset for tp, om in offs.items() if tp.topic == topic}
        if mine != state.get("committed"):
            raise RuntimeError(f"admin says {mine}, consumer committed {state.get('committed')}")
        return str(mine)

    async def describe_group() -> str:
        d = await admin.describe_consumer_groups([group])
        return str(d)[:160]

    async def resume_from_commit() -> str:
        p = AIOKafkaProducer(bootstrap_servers=bs, **SECURITY, acks="all", enable_idempotence=False)
        await p.start()
        try:
            await p.send_and_wait(topic, b"after-commit", key=b"k0")
        finally:
            await p.stop()
        c = consumer()
        await c.start()
        try:
            seen: list[bytes] = []
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and not seen:
                batch = await c.getmany(timeout_ms=500)
                for recs in batch.values():
                    seen += [r.value for r in recs]
            if seen != [b"after-commit"]:
                raise RuntimeError(f"expected only the new message, got {len(seen)}: {seen[:3]}")
            await c.commit()
            return "second consumer got only the new message"
        finally:
            await c.stop()

    async def two_members() -> str:
        c1, c2 = consumer(), consumer()
        await c1.start()
        await c2.start()
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                await asyncio.gather(c1.getmany(timeout_ms=200), c2.getmany(timeout_ms=200))
                a1, a2 = c1.assignment(), c2.assignment()
                if a1 and a2 and not (a1 & a2) and len(a1 | a2) == PARTITIONS:
                    return f"split {sorted(t.partition for t in a1)} / {sorted(t.partition for t in a2)}"
            raise RuntimeError(f"no clean split: {c1.assignment()} / {c2.assignment()}")
        finally:
            await asyncio.gather(c1.stop(), c2.stop())

    async def delete_topic() -> str:
        await admin.delete_topics([topic])
        for _ in range(50):
            if topic not in await admin.list_topics():
                return "deleted"
            await asyncio.sleep(0.2)
        raise RuntimeError("topic still listed after delete")

    try:
        await check("describe_cluster", False, describe_cluster)
        if not await check("create_topics", True, create_topic):
            return 1
        await check("create_topics again -> already exists", False, create_existing)
        await check("describe_topics", False, describe_topic)
        await check("produce acks=all (not idempotent) + headers", True, lambda: produce(False, "plain"))
        await check("produce acks=all idempotent", not args.no_idempotence, lambda: produce(True, "idem"))
        await check("produce 1000 batched", True, produce_batch)
        await check("produce gzip", False, produce_gzip)
        await check("transactional producer", False, transactional, limit=20)
        await check("list_offsets end == records acked", False, list_offsets)
        await check("offsets_for_times", False, offsets_for_times)
        await check("group consume + manual commit + committed()", True, consume_commit, limit=60)
        await check("admin list_consumer_group_offsets", False, admin_group_offsets)
        await check("admin describe_consumer_groups", False, describe_group)
        await check("new consumer resumes from committed offset", True, resume_from_commit, limit=60)
        await check("two group members split partitions", False, two_members, limit=60)
        await check("delete_topics", False, delete_topic)
    finally:
        await admin.close()

    failed_req = [n for n, req, ok, _ in results if req and not ok]
    failed_opt = [n for n, req, ok, _ in results if not req and not ok]
    passed = sum(1 for r in results if r[2])
    print(
        f"smoke: {passed}/{len(results)} checks ok"
        f" (required failures: {failed_req or 'none'}; optional failures: {failed_opt or 'none'})"
    )
    return 1 if failed_req else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
