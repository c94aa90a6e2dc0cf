from django.db.models import QuerySet

from gongzhi.accounts.usercache import user_cached, version_of
from gongzhi.core.errors import NotFound

from .models import Notice


def notice_list_for(*, viewer) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient=viewer)


def notice_get_for(*, viewer, notice_id: int) -> Notice:
    notice = Notice.objects.filter(recipient=viewer, pk=notice_id).first()
    if notice is None:
        raise NotFound()
    return notice


def notice_unread_count(*, viewer) -> int:
    """One COUNT on the notice_unread index (recipient, read_at), once per change of the viewer's notices
    (gongzhi.accounts.usercache: sending or reading a notice retires it): the header shows it on every page."""
    return user_cached(viewer.pk, "unread", lambda: Notice.objects.filter(recipient=viewer, read_at__isnull=True).count(),
                       version=version_of(viewer))  # fmt: skip
