package dev.recon.importing;

/**
 * One thing wrong with an input file, located as precisely as the format allows: {@code
 * bank.csv:17: column "Amount": "12,3O" is not an amount}. Line 0 means the file as a whole.
 */
public record Problem(String fileName, int line, String column, String message) {

  public static Problem ofFile(String fileName, String message) {
    return new Problem(fileName, 0, null, message);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(fileName);
    if (line > 0) {
      text.append(':').append(line);
    }
    text.append(": ");
    if (column != null) {
      text.append("column \"").append(column).append("\": ");
    }
    return text.append(message).toString();
  }
}
