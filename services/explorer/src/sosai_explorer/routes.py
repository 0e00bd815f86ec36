"""Every router of the explorer, in the order they are mounted."""

from __future__ import annotations

from sosai_explorer.certificates.routes import router as certificates
from sosai_explorer.claims.routes import router as claims
from sosai_explorer.content.routes import router as content
from sosai_explorer.ledger.routes import router as ledger
from sosai_explorer.opendata.routes import router as opendata
from sosai_explorer.outreach.routes import router as outreach
from sosai_explorer.programme.routes import router as programme
from sosai_explorer.projects.routes import router as projects

routers = [programme, projects, ledger, certificates, claims, outreach, opendata, content]
