"""Every certificate the catalog was told about per session, and which one the carbon card shows.

Only the session's organising organisation may attach a certificate to it; a certificate naming
another organiser's session (or a session the catalog never had) is recorded as refused, with
the reason, and counted. Certificates are applied by their own certification time, not by
arrival order, so a late older certificate never replaces a newer one.
"""
