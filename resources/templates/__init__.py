"""Alert mail templates: <language>/<name>.txt (see docs/templates.md)."""
