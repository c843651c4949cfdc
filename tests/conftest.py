import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Set before any test imports datasets or huggingface_hub: a private, empty cache and no network.
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="cleaner-tests-hf-")
atexit.register(shutil.rmtree, os.environ["HF_HOME"], ignore_errors=True)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_copy(tmp_path):
    """A private copy of seeds/ that a test may change."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


@pytest.fixture(scope="session")
def seeds_result():
    from cleaner.pipeline import clean_files

    return clean_files(SEEDS)
