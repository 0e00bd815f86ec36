"""Events: CloudEvents envelope, transactional outbox and relay, idempotent consumer."""
