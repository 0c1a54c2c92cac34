package dev.recon.facts;

/** Where a fact was read: the file's name and the 1-based line (or sheet row) it started on. */
public record Origin(String fileName, int line) {
  public Origin {
    if (line < 1) {
      throw new IllegalArgumentException("line " + line + " is not a line number");
    }
  }

  @Override
  public String toString() {
    return fileName + ":" + line;
  }
}
