"""Data files shipped with kishomail (templates, translations, icons, demo telegrams)."""
