"""Floor 4: what the mail says: templates, vocabulary and rendering, no sending.

The template library (``library``: files, choice, checks), the JMA vocabulary in three
languages (``vocabulary``), a JMA alert rendered into a mail (``alerts``), manual alerts'
wording and rendering (``manual_alerts``) and the office's own template files
(``office_templates``, read only; saving them is a staff operation).

May import: ``dispatch.records`` and the floors below it, and ``feeds``.
"""
