package dev.recon.importing;

import java.util.List;

/** One data row of a table as text cells, with the line (or sheet row) it came from. */
public record RawRow(int line, List<String> cells) {
  public RawRow {
    cells = List.copyOf(cells);
  }

  public String cell(int index) {
    return index < cells.size() ? cells.get(index) : null;
  }
}
