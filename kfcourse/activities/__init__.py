"""Rules of the course's chapter exercises other than the role-play: pure Python, no screen.

Each module holds one exercise's rules once; where the book page must apply them with no
kernel, a pure JavaScript twin in ``kfcourse/web/<exercise>/rules.js`` is checked against
vectors this package writes.
"""
