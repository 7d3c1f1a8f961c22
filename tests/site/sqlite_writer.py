"""One of the concurrent writers of test_sqlite_concurrency: through the site's own settings
(XHHT_DATABASE_URL names a file), `count` transactions that read and then write, the shape
of a report save. Prints how many failed, and the first failure."""

from __future__ import annotations

import os
import sys
import time


def main(writer: int, count: int) -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "xhht.settings"
    import django

    django.setup()
    from django.db import OperationalError, connection, transaction

    failures: list[str] = []
    for number in range(count):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM saves WHERE writer = %s", [writer])
                (before,) = cursor.fetchone() or (0,)
                time.sleep(0.002)  # a page's work between reading and writing
                cursor.execute(
                    "INSERT INTO saves (writer, number, seen) VALUES (%s, %s, %s)",
                    [writer, number, before],
                )
        except OperationalError as error:
            failures.append(str(error))
    print(len(failures), failures[0] if failures else "")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
