"""Gauge stations shipped for the ward (see docs/feeds.md, "Stations for the ward")."""
