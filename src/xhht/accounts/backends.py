"""Django's own password backend, reading the signed-in user with their unit in one query:
nearly every page asks for the unit (scope, menus), and a second query on every request
costs about 1.3 ms of Python. The lookup by key is not ordered (`first()` would order it,
and Django costs more to compile that than the database to run it)."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from xhht.accounts.models import User


class UserWithUnitBackend(ModelBackend):
    def get_user(self, user_id: int) -> User | None:
        try:
            user = User.objects.select_related("unit").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
