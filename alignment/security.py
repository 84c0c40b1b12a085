"""Login throttling against password guessing on the admin login."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _key(request, username: str) -> str:
    address = request.META.get("REMOTE_ADDR", "") if request else ""
    digest = hashlib.sha256(f"{username.lower()}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """Refuses a username from an address after too many failed attempts, for a while,
    without even checking the password (so guessing gains nothing)."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": _("Too many failed login attempts. Please wait %(minutes)s minutes and try again."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        key = _key(self.request, username)
        limit = settings.WORKBENCH_LOGIN_ATTEMPTS
        lockout = settings.WORKBENCH_LOGIN_LOCKOUT_SECONDS
        if cache.get(key, 0) >= limit:
            raise ValidationError(self.error_messages["throttled"], code="throttled",
                                  params={"minutes": max(1, lockout // 60)})
        try:
            return super().clean()
        except ValidationError:
            cache.set(key, cache.get(key, 0) + 1, lockout)
            raise
