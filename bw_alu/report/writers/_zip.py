"""Make an Office (zip) file reproducible: fixed entry times and document dates.

openpyxl stamps ``modified`` with the current time on save and both openpyxl and
python-docx write zip entries with the current time; the same report must give the
same bytes, so both are replaced by one fixed instant: ``SOURCE_DATE_EPOCH`` when set
(the reproducible-builds convention), else 2000-01-01T00:00:00Z.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

_DEFAULT = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
_DATE_TAGS = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def fixed_instant() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return _DEFAULT


def normalize(data: bytes) -> bytes:
    when = fixed_instant()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    zip_time = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _DATE_TAGS.sub(lambda m: m.group(1) + stamp + m.group(3), blob)
            zi = zipfile.ZipInfo(info.filename, date_time=zip_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, blob)
    return out.getvalue()
