"""Django's JSON fixtures, keeping times to the microsecond.

Django's encoder cuts datetimes and times to milliseconds; a backup keeps them as
they are. Fixtures in this format are ordinary JSON fixtures to ``loaddata``.
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "exact-json"


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def serialize(self, queryset, **options):
        return super().serialize(queryset, **options, cls=ExactEncoder)


Deserializer = json.Deserializer
