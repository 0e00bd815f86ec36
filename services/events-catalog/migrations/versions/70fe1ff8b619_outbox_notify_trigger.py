"""outbox notify trigger: commits in any replica wake the relay that holds the lock

Revision ID: 70fe1ff8b619
Revises: 9cf59993409f
Create Date: 2026-11-30 04:30:00
"""

from alembic import op

from sosai_shared.events import outbox_notify

revision = "70fe1ff8b619"
down_revision = "9cf59993409f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox_notify.create_trigger(op)  # PostgreSQL only; SQLite's relay is woken in-process


def downgrade() -> None:
    outbox_notify.drop_trigger(op)
