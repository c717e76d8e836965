"""Peewee models, the connection and the use cases.

Every module here imports peewee; the first import goes through `import_peewee()`, so that
a terminal on SQLite never loads the PostgreSQL driver (see pg_driver.py).
"""
from .pg_driver import import_peewee

import_peewee()
