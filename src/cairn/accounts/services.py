"""Use cases for people and their credentials."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import PersonalAccessToken, User
from cairn.errors import Invalid, NotFound
from cairn.rows import one

TOKEN_PREFIX = "cairn_"
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _refuse_nul(**texts: str) -> None:
    # PostgreSQL refuses NUL in text and SQLite would keep it: neither is a name.
    for name, text in texts.items():
        if "\x00" in text:
            raise Invalid.field(name, "must not contain NUL characters")


def account_with_email(email: str) -> User | None:
    """The account that uses the e-mail address, in any case: there is at most one."""
    email = email.strip()
    return one(User.objects.filter(email__iexact=email)) if email else None


def _refuse_taken_email(email: str, keeping: User | None = None) -> None:
    # One account per address: sign-in by e-mail, invitations and password resets would
    # not know which of two accounts is meant.
    owner = account_with_email(email)
    if owner is not None and (keeping is None or owner.pk != keeping.pk):
        raise Invalid.field("email", "another account uses this e-mail address")


def create_user(
    *,
    username: str,
    email: str,
    password: str,
    display_name: str = "",
    is_superuser: bool = False,
) -> User:
    username = username.strip()
    _refuse_nul(username=username, email=email, display_name=display_name)
    if not username:
        raise Invalid.field("username", "is required")
    if User.objects.filter(username__iexact=username).exists():
        raise Invalid.field("username", f"{username!r} is taken")
    _refuse_taken_email(email.strip())
    user = User(username=username, email=email.strip(), display_name=display_name.strip())
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise Invalid.field("password", " ".join(error.messages)) from None
    user.set_password(password)
    user.is_superuser = is_superuser
    user.is_staff = is_superuser
    user.save()
    return user


def issue_token(*, user: User, name: str, now: datetime) -> tuple[PersonalAccessToken, str]:
    """Returns the token row and its secret; the secret is shown once and never stored."""
    name = values.text(name, "name", max_length=100, required=True)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        token_hash=hash_secret(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        created_at=now,
    )
    return token, secret


def revoke_token(*, user: User, token_id: int, now: datetime) -> PersonalAccessToken:
    with transaction.atomic():
        token = PersonalAccessToken.objects.filter(user=user, pk=token_id).first()
        if token is None:
            raise NotFound("No such token")
        if token.revoked_at is None:
            token.revoked_at = now
            token.save(update_fields=["revoked_at"])
    return token


def token_for_secret(secret: str, *, now: datetime) -> PersonalAccessToken | None:
    """The live token of an active account that the secret names, its user loaded."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = one(
        PersonalAccessToken.objects.select_related("user")
        .filter(token_hash=hash_secret(secret), revoked_at__isnull=True)
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_for_token(secret: str, *, now: datetime) -> User | None:
    token = token_for_secret(secret, now=now)
    return token.user if token is not None else None


def still_signed_in(user_id: int, token_id: int | None) -> QuerySet[User]:
    """The user while the account is active and, when they came with a token, the token
    is unrevoked: a query for long-lived connections to combine with their own check."""
    users = User.objects.filter(pk=user_id, is_active=True)
    if token_id is not None:
        users = users.filter(tokens__pk=token_id, tokens__revoked_at__isnull=True)
    return users


def active_user_named(username: str) -> User | None:
    """The active account of that username (any case), for adapters that take a name;
    those answer "no one" alike for a missing name and for a person out of reach."""
    if "\x00" in username:  # PostgreSQL refuses NUL in a query; no username has one
        return None
    return one(User.objects.filter(username__iexact=username, is_active=True))


def deactivate(*, user: User, now: datetime) -> User:
    """Stops the account at once: it cannot sign in, its tokens are revoked, and its open
    sessions and live streams answer as anonymous from the next request on (the
    authentication backend refuses inactive accounts). Its history stays."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    return user


def reactivate(*, user: User) -> User:
    """The account may sign in again; revoked tokens stay revoked."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def update_profile(*, user: User, display_name: str, email: str, time_zone: str) -> User:
    import zoneinfo

    display_name = display_name.strip()
    email = email.strip()
    _refuse_nul(display_name=display_name, email=email)
    if len(display_name) > 150:
        raise Invalid.field("display_name", "must be at most 150 characters")
    if email and ("@" not in email or len(email) > 254):
        raise Invalid.field("email", "is not an e-mail address")
    _refuse_taken_email(email, keeping=user)
    if time_zone not in zoneinfo.available_timezones():
        raise Invalid.field("time_zone", f"{time_zone!r} is not a time zone")
    user.display_name, user.email, user.time_zone = display_name, email, time_zone
    user.save(update_fields=["display_name", "email", "time_zone"])
    return user
