"""A generated feed of many fictional stories (for tests of reports at volume): story ``i`` is an
event at one place in one invented town, with its own official and date, told by two outlets."""

from __future__ import annotations

import json
from pathlib import Path

_TOWN_HEADS = ["Al", "Bren", "Cor", "Dun", "Ess", "Fal", "Gar", "Hol", "Iver", "Jor", "Kel", "Lom", "Mar", "Nor"]
_TOWN_TAILS = ["dale", "mark", "wick", "ford"]
_GIVEN = ["Ansel", "Brita", "Cato", "Dagny", "Evert", "Freja", "Gunnar", "Hedda", "Ivo", "Jonna", "Kasper", "Liv", "Magnus",
          "Nora"]
_FAMILY = ["Aaberg", "Brekke", "Dahlen", "Fosse"]
_THINGS = ["ferry", "bridge", "library", "orchard", "brewery", "stadium", "hospital", "canal", "museum", "quarry",
           "lighthouse", "airfield", "vineyard", "sawmill", "observatory", "aquarium", "tramway", "cathedral", "dairy",
           "foundry", "greenhouse", "harbour wall", "ice rink", "jetty", "kiln", "lido", "marina", "nursery", "opera house",
           "pier", "reservoir", "ski lift", "tannery", "velodrome", "windmill", "zoo", "bakery", "cinema", "distillery",
           "fish market", "granary", "hostel", "ironworks", "kennels", "lock gates", "mill pond", "nature reserve",
           "oyster beds", "paper mill", "rope works", "salt marsh", "theatre", "tunnel", "viaduct", "weir", "youth club"]
_HAPPENINGS = ["reopened after repairs", "was sold to a cooperative", "flooded after heavy rain", "won a national award",
               "was damaged by fire", "got a new roof", "closed for the winter", "doubled its staff"]
OUTLETS = ["Gull Bay Courier", "Northern Lantern"]


def story_texts(n: int) -> list[dict[str, str]]:
    """2 x ``n`` feed records, two per story, each story with its own town, official, subject and day."""
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    records = []
    for i in range(n):
        town = _TOWN_HEADS[i % len(_TOWN_HEADS)] + _TOWN_TAILS[i // len(_TOWN_HEADS) % len(_TOWN_TAILS)]
        person = f"{_GIVEN[i % len(_GIVEN)]} {_FAMILY[i // len(_GIVEN) % len(_FAMILY)]}"
        thing, happened = _THINGS[i % len(_THINGS)], _HAPPENINGS[i % len(_HAPPENINGS)]
        month, day = 1 + i % 12, 1 + (i * 7) % 27
        date = f"{2020 + i % 5}-{month:02d}-{day:02d}"
        when = f"{day} {months[month - 1]} {2020 + i % 5}"
        for k, outlet in enumerate(OUTLETS):
            text = (f"The {thing} in {town} {happened} on {when}. "
                    f"\"The {thing} belongs to {town},\" said {person}, who runs it. "
                    + (f"{person} said the {thing} had {10 + i} visitors a day." if k == 0 else
                       f"According to {person}, the {thing} of {town} will be busy again soon."))
            records.append({"title": f"{town} {thing} {happened}" if k == 0 else f"{thing.capitalize()} in {town} {happened}",
                            "outlet": outlet, "published": date, "text": text,
                            "url": f"https://{outlet.split()[0].lower()}.example/{i}-{k}"})
    return records
def write_feed(folder: Path, n: int) -> Path:
    """The records of :func:`story_texts` as one JSON feed file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "feed.json"
    path.write_text(json.dumps(story_texts(n)), encoding="utf-8")
    return path
