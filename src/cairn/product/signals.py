"""What the parts of the product context tell each other without importing each other's
use cases.

`features_shipped` is sent once a release ships (or a feature is marked shipped), with
`product`, `features` (the Feature rows that just shipped), `release` (or None) and
`now`: the feedback side marks the ideas they deliver as shipped and tells the people
who asked.
"""

from __future__ import annotations

import django.dispatch

features_shipped = django.dispatch.Signal()
