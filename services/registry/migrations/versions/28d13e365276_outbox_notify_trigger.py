"""outbox notify trigger: commits in any replica wake the relay that holds the lock

Revision ID: 28d13e365276
Revises: 7d2bbe9c4e97
Create Date: 2026-11-30 04:30:00
"""

from alembic import op

from sosai_shared.events import outbox_notify

revision = "28d13e365276"
down_revision = "7d2bbe9c4e97"
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox_notify.create_trigger(op)  # PostgreSQL only; SQLite's relay is woken in-process


def downgrade() -> None:
    outbox_notify.drop_trigger(op)
