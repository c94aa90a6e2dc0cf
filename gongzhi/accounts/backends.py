"""Log in with a username or a mainland mobile number."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import ValidationError

from gongzhi.core.crypto import blind_index
from gongzhi.core.validators import validate_phone

from .scopes import role_grants_read
from .usercache import user_cached, user_version


class UsernameOrPhoneBackend(BaseBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            try:
                phone = validate_phone(username)
            except ValidationError:
                phone = None
            if phone:
                user = User.objects.filter(phone_index=blind_index(phone, context="phone")).first()
        if user is None:
            User().set_password(password)  # spend the same time as a real check
            return None
        if user.check_password(password) and user.is_active:
            return user
        return None

    def get_user(self, user_id):
        """The session's user and their roles, from the shared cache while neither has changed
        (gongzhi.accounts.usercache): a password change, a deactivation or a revoked role counts from the
        very next request."""
        token = user_version(user_id)
        user, grants = user_cached(user_id, "user_grants", lambda: _user_and_grants(user_id), version=token)
        if user is None or not user.is_active:
            return None
        user._gongzhi_role_grants = grants
        user._gongzhi_version = token
        return user


def _user_and_grants(user_id) -> tuple:
    User = get_user_model()
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None, []
    return user, role_grants_read(user_id)
