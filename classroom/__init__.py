"""Classroom server: the chapters as Voilà apps behind a gallery page.

``python -m classroom`` (``make classroom``) starts Voilà on the chapters with
the repository's ``voila.json`` plus the classroom additions of
:mod:`classroom.app`: a gallery at ``/``, preheated kernels, a kernel cap with
a polite "class is full" page, idle culling, and ``/classroom/status``.
"""
