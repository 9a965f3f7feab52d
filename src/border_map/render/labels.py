"""Where a map's names go on a page: greedy placement by priority, the same for the PDF and the deck PDF.

The candidates come from the view model (model/labels.py), most important first. Each is tried at a few
positions around its anchor (on it, then above, below, right, left, then the corners), and takes the first
box that stays inside the frame, clear of the obstacles (legend, scale bar, north arrow, locator inset, story
markers) and of every label already placed. What finds no room is dropped: the table beside the map names
every place. Why greedy rather than an optimiser (simulated annealing, as in Christensen, Marks & Shieber
1995): a briefing map carries tens of names, not thousands; the greedy pass is deterministic, explains itself
(a name is missing because a more important one took its room) and costs milliseconds per page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from border_map.model.labels import Label

Box = tuple[float, float, float, float]  # left, top, right, bottom, in page units (y grows downwards)

# Around the anchor, as multiples of (width, height) of the label's box, from its centre: on the anchor first,
# then the four sides, then the corners.
POSITIONS = (
    (0.0, 0.0),
    (0.0, -1.0),
    (0.0, 1.0),
    (0.5, 0.0),
    (-0.5, 0.0),
    (0.5, -1.0),
    (-0.5, -1.0),
    (0.5, 1.0),
    (-0.5, 1.0),
)


@dataclass(frozen=True)
class Placed:
    label: Label
    box: Box  # the text's own box (without the gap kept around it)


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def within(inner: Box, outer: Box) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def place(
    labels: Iterable[Label],
    project: Callable[[float, float], tuple[float, float]],
    measure: Callable[[Label], tuple[float, float]],
    frame: Box,
    obstacles: Sequence[Box] = (),
    gap: float = 0.5,
) -> tuple[list[Placed], list[Label]]:
    """The labels that fit, each with its box, and those dropped. `project` turns longitude/latitude into page
    coordinates, `measure` gives a label's (width, height) on the page; `gap` is kept free around each label
    (its halo), between labels and from the frame and the obstacles. Labels are taken in the order given,
    lowest `priority` first where the order does not say (a stable sort)."""
    placed: list[Placed] = []
    dropped: list[Label] = []
    taken: list[Box] = []
    room = (frame[0] + gap, frame[1] + gap, frame[2] - gap, frame[3] - gap)
    for label in sorted(labels, key=lambda item: item.priority):
        ax, ay = project(label.lon, label.lat)
        width, height = measure(label)
        for dx, dy in POSITIONS:
            cx, cy = ax + dx * (width + 2 * gap), ay + dy * (height + 2 * gap)
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            grown = (box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap)
            if not within(box, room):
                continue
            if any(overlaps(grown, other) for other in obstacles) or any(overlaps(grown, other) for other in taken):
                continue
            placed.append(Placed(label, box))
            taken.append(grown)
            break
        else:
            dropped.append(label)
    return placed, dropped
