import pytest

from agreement import suggestions


@pytest.fixture(autouse=True)
def _fresh_suggestion_model():
    """The trained model lives in process memory keyed by data versions, which a
    rolled-back test can reuse: each test starts without it."""
    suggestions.clear()
    yield
    suggestions.clear()
