import pytest

from aktiv import roles
from tests.conftest import make_user
from tests.reports.factories import COLLECTOR_USERNAME, build_scenario


@pytest.fixture
def collector(db):
    return make_user(roles.STAFF, username=COLLECTOR_USERNAME)


@pytest.fixture
def scenario(collector):
    return build_scenario(collector=collector)
