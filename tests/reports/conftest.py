import pytest

from aktiv import roles
from tests.factories import COLLECTOR_USERNAME, build_scenario, make_user


@pytest.fixture
def collector(db):
    return make_user(roles.STAFF, username=COLLECTOR_USERNAME)


@pytest.fixture
def scenario(collector):
    return build_scenario(collector=collector)
