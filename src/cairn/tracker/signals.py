"""What the tracker tells the contexts above it, which it may not import: they connect
to these in their AppConfig.ready()."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction, before an issue moves to another project or is deleted,
# with `issue`, `actor` and `now`: what hangs on the issue in its old project (its place
# in the schedule) must let go of it.
issue_leaving_project = Signal()
