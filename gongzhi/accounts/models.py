"""Users, their scoped roles and API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.masking import mask_phone

from .roles import SEPARATED_ADMIN_ROLES, Role
from .usercache import user_version_bump


class User(AbstractUser):
    """A person who logs in. Phone numbers are stored encrypted with a blind index."""

    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone_ciphertext = models.TextField(blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True)
    phone_masked = models.CharField(_("手机号"), max_length=11, blank=True, default="")
    password_changed_at = models.DateTimeField(null=True, blank=True)
    # Set when community staff reset the password to a temporary one: the next login must choose a new one.
    password_must_change = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(
                fields=["phone_index"], condition=~models.Q(phone_index=""), name="user_phone_unique"
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        user_version_bump(self.pk)  # a password change or a deactivation counts from the next request

    def delete(self, *args, **kwargs):
        user_version_bump(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def label(self) -> str:
        return f"{self.display_name or self.username}({self.username})"

    def set_phone(self, phone: str) -> None:
        from gongzhi.core.crypto import blind_index, encrypt

        if not phone:
            self.phone_ciphertext = self.phone_index = self.phone_masked = ""
            return
        self.phone_ciphertext = encrypt(phone, context="user.phone")
        self.phone_index = blind_index(phone, context="phone")
        self.phone_masked = mask_phone(phone)


class RoleAssignment(models.Model):
    """`user` holds `role` over `area` and its whole subtree — in `department` when it names one.

    A role held in a department (a township's 民政办) covers only that
    department's matters: the cases that belong to it and the escalations
    sent to it. Without a department the role covers every matter of the area.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="role_assignments")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    department = models.ForeignKey(
        "areas.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("部门"),
    )
    # A role held for one social organisation (accounts.roles.ORGANISATION_ROLES): it covers only that
    # organisation's matters, whatever else lies in the area.
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("社会组织"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("角色分配")
        verbose_name_plural = _("角色分配")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "area"],
                condition=models.Q(department=None, organisation=None),
                name="role_assignment_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "area", "department"],
                condition=~models.Q(department=None),
                name="role_assignment_department_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=~models.Q(organisation=None),
                name="role_assignment_organisation_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.area}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        user_version_bump(self.user_id)  # the holder's roles are read once per change

    def delete(self, *args, **kwargs):
        user_version_bump(self.user_id)
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if self.role in SEPARATED_ADMIN_ROLES:
            others = (
                RoleAssignment.objects.filter(user_id=self.user_id, role__in=SEPARATED_ADMIN_ROLES)
                .exclude(role=self.role)
                .exists()
            )
            if others:
                raise ValidationError(_("系统管理员、安全管理员、审计管理员三种角色不能由同一人兼任。"))


class ApiToken(models.Model):
    """A bearer token for API clients. Only a hash is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "gz_" + secrets.token_urlsafe(32)
