"""Builds the AsyncAPI 3.0 document from the payload contracts. Pure (reads the example files).

Channels are the topics (Kafka channel binding), messages the event types with their JSON
Schema (pydantic's, shared definitions hoisted into ``components.schemas``) and the stored
examples of ``shared/tests/contract_examples``. A ``webhook`` channel describes how the same
messages reach a subscriber: an HTTP POST, CloudEvents structured mode, Standard Webhooks headers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sosai_notifications import audience
from sosai_shared.contracts import TOPICS, EventPayload, all_contracts

_SCHEMA_REF = "#/components/schemas/{model}"


def default_examples_dir() -> Path:
    import sosai_shared

    return Path(sosai_shared.__file__).resolve().parents[2] / "tests" / "contract_examples"


def load_examples(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Stored CloudEvents examples by event type (every file that parses and names a type)."""
    found: dict[str, list[dict[str, Any]]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(doc, dict) and isinstance(doc.get("type"), str) and isinstance(doc.get("data"), dict):
            found.setdefault(doc["type"], []).append({"name": path.stem, "payload": doc})
    return found


def _message_name(event_type: str) -> str:
    return event_type.removeprefix("jp.sosai.").replace(".", "_")


def _envelope_schema(payload_ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "CloudEvents 1.0, structured JSON mode",
        "required": ["specversion", "id", "source", "type", "time", "data"],
        "properties": {
            "specversion": {"type": "string", "const": "1.0"},
            "id": {"type": "string"},
            "source": {"type": "string"},
            "type": {"type": "string"},
            "subject": {"type": "string"},
            "time": {"type": "string", "format": "date-time"},
            "datacontenttype": {"type": "string"},
            "correlationid": {"type": "string"},
            "data": {"$ref": payload_ref},
        },
    }


_WEBHOOK_HEADERS = {
    "type": "object",
    "required": ["webhook-id", "webhook-timestamp", "webhook-signature"],
    "properties": {
        "webhook-id": {"type": "string", "description": "the delivery's id, the same on every retry"},
        "webhook-timestamp": {"type": "string", "description": "Unix seconds of this attempt"},
        "webhook-signature": {"type": "string", "description": "space-separated v1,<base64 HMAC-SHA256>"},
        "content-type": {"type": "string", "const": "application/cloudevents+json"},
    },
}


def build(examples: dict[str, list[dict[str, Any]]], *, public_url: str, kafka: str) -> dict[str, Any]:
    contracts: dict[str, type[EventPayload]] = all_contracts()
    schemas: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    by_topic: dict[str, list[str]] = {}
    for event_type, contract in sorted(contracts.items()):
        schema = contract.model_json_schema(ref_template=_SCHEMA_REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[contract.__name__] = schema
        name = _message_name(event_type)
        msg: dict[str, Any] = {
            "name": event_type,
            "title": contract.__name__,
            "summary": (contract.__doc__ or event_type).strip().splitlines()[0],
            "contentType": "application/cloudevents+json",
            "payload": _envelope_schema(_SCHEMA_REF.format(model=contract.__name__)),
            "bindings": {
                "kafka": {
                    "key": {"type": "string", "description": f"the {contract.subject_field}"},
                    "bindingVersion": "0.5.0",
                }
            },
            "tags": [{"name": "public" if audience.is_public_type(event_type) else "owners-only"}],
        }
        if event_type in examples:
            msg["examples"] = examples[event_type]
        messages[name] = msg
        by_topic.setdefault(contract.topic, []).append(name)
    for service, topic in sorted(TOPICS.items()):
        names = sorted(by_topic.get(topic, []))
        channels[service] = {
            "address": topic,
            "description": f"Every event the {service} service publishes, keyed by aggregate id",
            "servers": [{"$ref": "#/servers/kafka"}],
            "messages": {n: {"$ref": f"#/components/messages/{n}"} for n in names},
            "bindings": {"kafka": {"topic": topic, "partitions": 3, "bindingVersion": "0.5.0"}},
        }
        operations[f"consume_{service}"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{service}"},
            "summary": f"The notifications service consumes {topic}",
            "messages": [{"$ref": f"#/channels/{service}/messages/{n}"} for n in names],
        }
    webhook_messages = {n: {"$ref": f"#/components/messages/{n}"} for n in sorted(messages)}
    channels["webhook"] = {
        "address": None,
        "title": "A subscriber's endpoint",
        "description": (
            "Each delivery is an HTTP POST of one CloudEvent (structured mode) to the subscription's URL, "
            "signed per Standard Webhooks. Answer 2xx to acknowledge; 410 disables the subscription; "
            "anything else is retried with exponential backoff for about three days."
        ),
        "servers": [{"$ref": "#/servers/webhooks"}],
        "messages": webhook_messages,
    }
    operations["deliver_webhook"] = {
        "action": "send",
        "channel": {"$ref": "#/channels/webhook"},
        "summary": "Deliver an event to a subscriber",
        "bindings": {"http": {"method": "POST", "bindingVersion": "0.3.0"}},
        "messages": [{"$ref": f"#/channels/webhook/messages/{n}"} for n in sorted(messages)],
    }
    for msg in messages.values():
        msg["headers"] = {"$ref": "#/components/schemas/WebhookHeaders"}
    schemas["WebhookHeaders"] = _WEBHOOK_HEADERS
    return {
        "asyncapi": "3.0.0",
        "id": "urn:jp:sosai:events",
        "info": {
            "title": "Sōsai events",
            "version": "1.0.0",
            "description": (
                "Every event the Sōsai services publish: on Kafka (one topic per service) and, through the "
                "notifications service, as signed webhooks."
            ),
            "license": {"name": "Apache-2.0"},
        },
        "defaultContentType": "application/cloudevents+json",
        "servers": {
            "kafka": {"host": kafka, "protocol": "kafka", "description": "the programme's Kafka cluster"},
            "webhooks": {
                "host": public_url.split("://", 1)[-1].rstrip("/"),
                "protocol": "https",
                "description": "the notifications service, which POSTs to subscribers' endpoints",
            },
        },
        "channels": channels,
        "operations": operations,
        "components": {"schemas": schemas, "messages": messages},
    }
