"""URLs of the documents (each views module owns its block)."""

from xhht.documents import views_chase, views_close, views_draft, views_files, views_templates
from xhht.documents.views import app_name, urlpatterns

urlpatterns = [
    *urlpatterns,
    *views_files.urlpatterns,
    *views_chase.urlpatterns,
    *views_templates.urlpatterns,
    *views_close.urlpatterns,
    *views_draft.urlpatterns,
]

__all__ = ["app_name", "urlpatterns"]
