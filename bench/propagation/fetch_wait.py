"""How long a record takes from the producer's acknowledgement to a waiting consumer, by fetch wait.

A topic of its own with three partitions, one producer (``acks=all``, ``linger_ms`` 5) and one
consumer in a group of its own with the ``fetch_max_wait_ms`` given; 20 records sent one at a time
137 ms apart, each awaited by the consumer before the next. Prints the median and maximum from
send to receive. Apache Kafka answers a waiting fetch as soon as a record arrives, so the wait
should not show there; a broker that answers only when the wait ends shows it in full.

    .venv/bin/python bench/propagation/fetch_wait.py --broker 127.0.0.1:$SOSAI_TANSU_PORT --wait-ms 500 100
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
import uuid

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic


async def measure(broker: str, wait_ms: int, records: int) -> list[float]:
    topic = f"bench-fetch-wait-{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=broker)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 3, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=broker, acks="all", linger_ms=5)
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=broker,
        group_id=topic,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_wait_ms=wait_ms,
    )
    await producer.start()
    await consumer.start()
    try:
        await producer.send_and_wait(topic, b"warm-up", key=b"k")
        while not await consumer.getmany(timeout_ms=1000):
            pass
        seconds = []
        for i in range(records):
            await asyncio.sleep(0.137)
            t0 = time.perf_counter()
            await producer.send_and_wait(topic, b"x", key=str(i).encode())
            while not await consumer.getmany(timeout_ms=2000):
                pass
            seconds.append(time.perf_counter() - t0)
        return seconds
    finally:
        await consumer.stop()
        await producer.stop()
        admin = AIOKafkaAdminClient(bootstrap_servers=broker)
        await admin.start()
        try:
            await admin.delete_topics([topic])
        finally:
            await admin.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--broker", default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"))
    ap.add_argument("--wait-ms", type=int, nargs="+", default=[500, 100])
    ap.add_argument("--records", type=int, default=20)
    args = ap.parse_args()
    for wait in args.wait_ms:
        s = asyncio.run(measure(args.broker, wait, args.records))
        print(
            f"fetch_max_wait_ms {wait}: send to receive median {statistics.median(s) * 1000:.0f} ms, "
            f"max {max(s) * 1000:.0f} ms ({len(s)} records); load average {os.getloadavg()[0]:.2f}"
        )


if __name__ == "__main__":
    main()
