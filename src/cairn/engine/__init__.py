"""Cairn's domain engine: pure Python, no Django import.

Subpackages: ``scheduling`` (critical path method, working calendars, baselines).
"""
