import math

import numpy as np

from storyline.cluster.vectors import row_dots, weighted_rows


def test_rows_are_weighted_unit_vectors_and_dots_are_cosines():
    rows = [{"strike": 2.0, "port": 1.0}, {"strike": 1.0, "ferry": 1.0}, {"quake": 1.0}]
    weight = {"strike": 1.0, "port": 2.0, "ferry": 3.0, "quake": 1.0}.__getitem__
    m = weighted_rows(rows, weight)
    assert np.allclose(np.sqrt(m.multiply(m).sum(axis=1)).A.ravel(), 1.0)
    dots = row_dots(m, np.array([0, 0, 1]), np.array([1, 2, 2]))
    expected = (2.0 * 1.0) / (math.sqrt(2.0**2 + 2.0**2) * math.sqrt(1.0 + 3.0**2))
    assert np.allclose(dots, [expected, 0.0, 0.0])


def test_an_empty_row_stays_zero():
    m = weighted_rows([{}, {"port": 1.0}], lambda k: 1.0)
    assert row_dots(m, np.array([0]), np.array([1])).tolist() == [0.0]
