"""outbox notify trigger: commits in any replica wake the relay that holds the lock

Revision ID: fa3d014d63f6
Revises: 6e2e3e38da99
Create Date: 2026-11-30 04:30:00
"""

from alembic import op

from sosai_shared.events import outbox_notify

revision = "fa3d014d63f6"
down_revision = "6e2e3e38da99"
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox_notify.create_trigger(op)  # PostgreSQL only; SQLite's relay is woken in-process


def downgrade() -> None:
    outbox_notify.drop_trigger(op)
