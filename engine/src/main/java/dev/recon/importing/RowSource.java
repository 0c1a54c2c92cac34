package dev.recon.importing;

import java.util.List;

/**
 * A table's rows as they are read: its header first, then its rows in file order, a run at a time,
 * so a large file can be normalized and stored while the rest of it is still being read.
 */
interface RowSource {
  List<String> header();

  /**
   * Up to {@code max} next rows; an empty list once every row has been read. Called from one thread
   * at a time.
   *
   * @throws BadInput if the rest of the file cannot be read as a table at all
   */
  List<RawRow> next(int max);

  /**
   * Rows left out for their shape (another number of fields than the header's), up to {@link
   * RowNormalizer#PROBLEMS_MAX}, once {@link #next} has returned an empty list. They refuse the
   * file before any other problem does: a wrong delimiter or quoting misreads every field after it.
   */
  List<Problem> shapeProblems();

  /** The rows of a table read whole (a workbook). */
  static RowSource of(Table table) {
    return new RowSource() {
      private int position;

      @Override
      public List<String> header() {
        return table.header();
      }

      @Override
      public List<RawRow> next(int max) {
        List<RawRow> rows = table.rows();
        int from = position;
        position = Math.min(rows.size(), from + max);
        return rows.subList(from, position);
      }

      @Override
      public List<Problem> shapeProblems() {
        return List.of();
      }
    };
  }
}
