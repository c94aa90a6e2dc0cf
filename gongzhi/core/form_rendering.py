"""How every form renders: one field template, one form template, one punctuation style.

Each field is its label (no trailing colon; an optional field says so in its label, 「（可不填）」), its
help text and its errors, each with an id the input refers to (`aria-describedby`), then the input
with `required`, `maxlength` and `aria-invalid` from the field itself. The whole form's errors show
at once: forms validate every field with the rules the action applies (required, lengths, choices)
before the action runs, and the action stays the authority for what the form cannot know.

Django 5.2 builds most of the attributes; the bound field here adds one thing it skips: a widget
that already refers to something (the personal-data check under free text, `text-check`) keeps
that and gains its help text and error ids, instead of losing them.
"""

from django.forms import BoundField
from django.forms.renderers import TemplatesSetting


class LinkedBoundField(BoundField):
    """A bound field whose input names its help text and errors even when its widget names a region of its own."""

    @property
    def aria_describedby(self) -> str:
        own = self.field.widget.attrs.get("aria-describedby", "")
        ids = own.split() if own else []
        if any(i.endswith(("error", "helptext")) for i in ids):
            return own  # a page that renders and links its own errors (e.g. the audit filters) keeps its ids
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(f"{self.auto_id}_helptext")
            if self.errors:
                ids.append(f"{self.auto_id}_error")
        return " ".join(ids)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if not self.use_fieldset and (ids := self.aria_describedby):
            attrs["aria-describedby"] = ids
        return attrs


class FormRenderer(TemplatesSetting):
    """settings.FORM_RENDERER: the project's templates over Django's. gongzhi/templates/django/forms/div.html
    and field.html replace Django's own, so `{{ form }}`, `form.as_div` and `field.as_field_group` all render alike."""

    bound_field_class = LinkedBoundField
