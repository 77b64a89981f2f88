"""Reading Microsoft Project XML (MSPDI) plans.

:func:`read_mspdi` turns an MSPDI document into a :class:`ProjectFile`: plain data,
close to the file (UIDs, raw codes, stored dates), with no Django and no engine
types.  :func:`to_plan` maps that onto the scheduling engine's
:class:`~cairn.engine.scheduling.Plan`.

Units, as MS Project stores them: durations are ISO-8601 (``PT16H0M0S``) *working*
time, so ``PT8H0M0S`` is one day only because the project says a day is 480 minutes
(``MinutesPerDay``); dates are naive local wall-clock times, which is what the
engine wants; lags and display formats are described in
:mod:`~cairn.interop.mspdi_project`.

The reader is in modules of its own, one concept each:

* :mod:`~cairn.interop.mspdi_document`: loading the XML safely (no DTD, hence no
  entities), :class:`ReaderError`, and typed field values (durations, dates);
* :mod:`~cairn.interop.mspdi_project`: the plan as stored (:class:`ProjectFile`,
  its tasks, links, resources and assignments);
* :mod:`~cairn.interop.mspdi_calendars`: calendars, their exceptions and bases;
* :mod:`~cairn.interop.mspdi_reader`: reading a document into a :class:`ProjectFile`;
* :mod:`~cairn.interop.mspdi_plan`: the engine's plan for it (:func:`to_plan`), and
  what that plan cannot express (:func:`unsupported`).
"""

from cairn.interop.mspdi_calendars import CalendarData, CalendarException, WorkingTimes
from cairn.interop.mspdi_document import NAMESPACE, ReaderError, parse_duration
from cairn.interop.mspdi_plan import to_plan, unsupported
from cairn.interop.mspdi_project import Assignment, Link, ProjectFile, Resource, TaskData
from cairn.interop.mspdi_reader import read_mspdi

__all__ = [
    "NAMESPACE",
    "Assignment",
    "CalendarData",
    "CalendarException",
    "Link",
    "ProjectFile",
    "ReaderError",
    "Resource",
    "TaskData",
    "WorkingTimes",
    "parse_duration",
    "read_mspdi",
    "to_plan",
    "unsupported",
]
