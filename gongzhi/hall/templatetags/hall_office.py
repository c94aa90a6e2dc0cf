"""What the office part of an application's page shows beside its moves: documents and the hand-over."""

from django import template

from ..selectors.issued import documents_of, handover_label

register = template.Library()


@register.simple_tag
def issued_documents(application):
    """The result notices of an application the page already lets the viewer see."""
    return list(documents_of(application))


@register.simple_tag
def handover_of(application) -> str:
    """How the result was handed over; an authorised person's name and ID masked."""
    return handover_label(application)
