from django.db.models import QuerySet

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
    """One COUNT on the notice_unread index (recipient, read_at): cheap enough for every page's header."""
    return Notice.objects.filter(recipient=viewer, read_at__isnull=True).count()
