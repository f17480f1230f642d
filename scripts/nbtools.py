"""Helpers for writing chapter notebooks from Python (authoring only).

Chapters are committed as ``.ipynb`` without outputs. A chapter script calls
:func:`md`, :func:`code` and :func:`write` so the JSON is always valid and the
cell tags follow the book's conventions:

* ``book-only`` (markdown): shown in the book, removed in Voilà dashboards
  (MyST roles such as glue/cite/dropdowns do not render there);
* ``remove-input`` (code): the book shows the output (the app), not the code;
* ``remove-input`` + ``remove-output`` (code): set-up and ``glue`` cells, hidden in the book
  (the executed notebook keeps their outputs, so tests can read the glued values)
  (Voilà strips all code anyway).
"""

from __future__ import annotations

import nbformat as nbf


def md(text: str, book_only: bool = False):
    cell = nbf.v4.new_markdown_cell(text.strip("\n"))
    if book_only:
        cell.metadata["tags"] = ["book-only"]
    return cell


def code(src: str, tags=("remove-input",)):
    cell = nbf.v4.new_code_cell(src.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def write(path: str, cells, title: str) -> None:
    nb = nbf.v4.new_notebook()
    nb.cells = list(cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = title
    nbf.validate(nb)
    nbf.write(nb, path)
