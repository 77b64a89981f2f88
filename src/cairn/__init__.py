"""Cairn: one hub for product management and project management."""

__version__ = "0.1.0"
