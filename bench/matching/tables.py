"""Tables the matching benchmarks print."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """A titled table of rows, printed as aligned text."""

    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def render(self) -> str:
        widths = [
            max(len(str(row[column])) for row in [self.header, *self.rows])
            for column in range(len(self.header))
        ]
        lines = [f"## {self.title}", ""]
        for row in [self.header, ["-" * width for width in widths], *self.rows]:
            lines.append(
                "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
            )
        return "\n".join(lines)
