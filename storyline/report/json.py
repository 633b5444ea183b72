"""dossier.json: the ``storyline.dossier/2`` contract."""

from __future__ import annotations

import json

from ..model import Dossier, dossier_to_dict


def render_json(dossier: Dossier) -> str:
    return json.dumps(dossier_to_dict(dossier), ensure_ascii=False, indent=1) + "\n"
