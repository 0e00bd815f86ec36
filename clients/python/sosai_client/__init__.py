"""Python client of the Sōsai programme services, generated from their OpenAPI by `make client`.

One subpackage per service, each a complete openapi-python-client package (its own
``AuthenticatedClient``, ``models`` and ``api``): ``sosai_client.registry``,
``sosai_client.certification``, ``sosai_client.calculator``, ``sosai_client.events_catalog``.
Only this file and the README are written by hand; everything else is regenerated.
"""

SERVICES = ("registry", "certification", "calculator", "events_catalog")
