"""Start-up: importing storyline (and spaCy through it) does not import torch; the embedder still can."""

import subprocess
import sys

PROBE = """
import sys
import storyline.cli, storyline.engines.local
print("torch" in sys.modules)
import spacy
nlp = spacy.blank("en")
print("torch" in sys.modules)
import torch
print("torch" in sys.modules)
"""


def run_probe(env_flag: str | None = None) -> list[str]:
    import os

    env = dict(os.environ)
    env.pop("STORYLINE_THINC_TORCH", None)
    if env_flag:
        env["STORYLINE_THINC_TORCH"] = env_flag
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env)
    return out.stdout.split()


def test_import_and_spacy_leave_torch_unloaded_until_asked():
    assert run_probe() == ["False", "False", "True"]


def test_the_environment_flag_lets_thinc_import_torch():
    assert run_probe("1")[0] == "True"
