import pytest
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction for a whole module, rolled back after it: the corpus is saved
    once per entry point, and each test runs in a savepoint inside it."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(SITE_URL="https://www.chenk.top", PAGE_CACHE_ENABLED=False),
    ):
        yield
        transaction.set_rollback(True)
