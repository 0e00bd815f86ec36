"""Signed claim documents: fetched in the background, stored, verified when shown."""
