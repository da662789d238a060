"""Query filters of the testimonies API."""

import django_filters

from testimonies.models import ResearchCopy


class ResearchCopyFilter(django_filters.FilterSet):
    class Meta:
        model = ResearchCopy
        fields = {"testimony__event__slug": ["exact"], "detected_language": ["exact"]}
