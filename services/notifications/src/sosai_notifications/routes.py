"""The notifications service's routers, assembled."""

from __future__ import annotations

from sosai_notifications.asyncapi.routes import router as asyncapi
from sosai_notifications.feed.routes import router as feed
from sosai_notifications.mail.routes import router as mail
from sosai_notifications.webhooks.routes import router as webhooks

routers = [webhooks, feed, mail, asyncapi]
