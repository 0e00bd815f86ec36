"""outbox notify trigger: commits in any replica wake the relay that holds the lock

Revision ID: c91c4a00c9d0
Revises: 48ee324dc594
Create Date: 2026-11-30 04:30:00
"""

from alembic import op

from sosai_shared.events import outbox_notify

revision = "c91c4a00c9d0"
down_revision = "48ee324dc594"
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox_notify.create_trigger(op)  # PostgreSQL only; SQLite's relay is woken in-process


def downgrade() -> None:
    outbox_notify.drop_trigger(op)
