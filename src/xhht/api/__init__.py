"""The JSON API (django-ninja): the same services, scope and audit as the pages, for
provinces' own tools and the Ministry's systems. Described at /api/openapi.json."""
