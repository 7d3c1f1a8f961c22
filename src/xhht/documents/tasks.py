"""The background job that makes a document (django-tasks, run by `xhht worker`).

Its argument is the primary key of the GeneratedDocument asked for; running it twice
makes the file once: a document no longer waiting is left alone."""

from __future__ import annotations

from django_tasks import task


@task()
def document_job(pk: int) -> str:
    from xhht.documents.services import document_run

    return document_run(pk)
