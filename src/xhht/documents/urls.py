"""URLs of the documents (views.py owns its block)."""

from xhht.documents.views import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
