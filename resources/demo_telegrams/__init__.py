"""Synthetic demo telegrams (package so that they ship as package data)."""
