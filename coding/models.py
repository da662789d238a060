from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Codebook(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default codebook"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("codebook")
        verbose_name_plural = _("codebooks")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_codebook"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Code(models.Model):
    """A code in a codebook; codes nest. The six action themes are the default top level."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    key = models.SlugField(_("key"), max_length=100, help_text=_("Stable identifier"))
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    inclusion_criteria = models.TextField(_("inclusion criteria"), blank=True)
    exclusion_criteria = models.TextField(_("exclusion criteria"), blank=True)
    example = models.TextField(_("example"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#1f5f8b")
    is_codable = models.BooleanField(_("codable"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["codebook", "key"], name="code_key_unique"),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="code_colour_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_fr if (get_language() or "en").startswith("fr") else self.label_en

    @property
    def description(self) -> str:
        fr = (get_language() or "en").startswith("fr")
        return self.description_fr if fr else self.description_en
