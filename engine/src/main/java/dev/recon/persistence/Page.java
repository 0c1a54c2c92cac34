package dev.recon.persistence;

import java.util.List;

/**
 * One page of a longer list, read with a limit and offset so that no screen ever loads the whole
 * table.
 *
 * @param offset rows skipped before this page
 * @param total rows in the whole list
 */
public record Page<T>(List<T> rows, int offset, int limit, long total) {
  public Page {
    rows = List.copyOf(rows);
  }
}
