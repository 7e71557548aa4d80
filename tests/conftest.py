import os
import pathlib

import pytest

SHARED_DATA = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(autouse=True, scope="session")
def _offline_data_dir():
    """Tests never need the network: without HOMEMADE_DATA_DIR, use ../shared/data."""
    if not os.environ.get("HOMEMADE_DATA_DIR") and SHARED_DATA.is_dir():
        os.environ["HOMEMADE_DATA_DIR"] = str(SHARED_DATA)
    yield
