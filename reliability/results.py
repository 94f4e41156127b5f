"""The results tables every driver and the world print (and RELIABILITY.md shows): Markdown."""


def table(rows, headers, align=None, padded=True):
    """A Markdown table of `rows` under `headers`.

    `align` has an "l" or an "r" per column (default: all "l"); an "r" column is marked `---:`.
    `padded` pads every cell to its column's width (the drivers' tables, read in a terminal);
    unpadded cells keep their own width (the world's tables, whose cells can run long)."""
    align = align or "l" * len(headers)
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) if padded else 0 for i in range(len(headers))]

    def line(row):
        return "| " + " | ".join(c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align)) + " |"

    def rule(w, a):
        if not padded:
            return "---:" if a == "r" else "---"
        return "-" * (w + 1) + ":" if a == "r" else "-" * (w + 2)

    separator = "|" + "|".join(rule(w, a) for w, a in zip(widths, align)) + "|"
    return "\n".join([line(cells[0]), separator, *(line(row) for row in cells[1:])])
