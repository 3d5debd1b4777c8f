"""Work that follows a change, once per transaction however many signals announce it.

One admin save sends ``post_save`` and then, through taggit's ``set()``, ``m2m_changed``
for its tags and its categories (``post_add`` even when nothing changed); an import
saves thousands of rows. Each follow-up (advancing the cache's generation, reindexing a post,
announcing it to the WebSub hub) is queued on commit once for its key.
"""

from django.db import transaction


class _Once:
    def __init__(self, callback):
        self.callback = callback
        self.done = False

    def __call__(self):
        self.done = True
        self.callback()


def on_commit_once(key, callback):
    """``transaction.on_commit(callback)`` unless a callback for ``key`` is still waiting
    for this transaction to commit. A commit or rollback gives the connection a new list
    of callbacks (a rolled-back savepoint drops its own), and the keys start over with it."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # runs now
        transaction.on_commit(callback)
        return
    queue, waiting = getattr(connection, "quire_on_commit_once", (None, None))
    if queue is not connection.run_on_commit:
        waiting = {}
        connection.quire_on_commit_once = (connection.run_on_commit, waiting)
    queued = waiting.get(key)
    if queued is None or queued.done:
        waiting[key] = _Once(callback)
        transaction.on_commit(waiting[key])
