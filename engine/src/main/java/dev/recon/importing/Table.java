package dev.recon.importing;

import java.util.List;

/** A file read as a header and its data rows, whatever its container (CSV or XLSX). */
public record Table(FileFormat format, List<String> header, List<RawRow> rows) {
  public Table {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }
}
