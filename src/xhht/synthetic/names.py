"""Vietnamese personal names for made-up officers and signers."""

from __future__ import annotations

import random

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Quang", "Ngọc", "Thu", "Xuân")
GIVEN = (
    *("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Lan"),
    *("Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Thắng", "Thảo", "Trang", "Tuấn", "Yến"),
)


def person(rng: random.Random) -> str:
    """A plausible full name: family, middle and given name."""
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
