package dev.recon.importing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the text formats that are defined as ASCII or UTF-8 (BAI2 and the gateway reports)
 * strictly: a UTF-16 export and a Latin-1 file are each refused with their own message and the line
 * of the first byte that does not fit, never read as garbage.
 */
public final class TextDecoding {
  private static final int PROBE_BYTES = 8192;

  private TextDecoding() {}

  /** The file as UTF-8 text without a byte-order mark. */
  public static String decodeText(InputFile file, String formatName) {
    refuseUtf16OrBinary(file, formatName);
    byte[] bytes = file.bytes();
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int offset = firstUndecodable(bytes);
      throw new BadInput(
          new Problem(
              file.name(),
              lineOf(bytes, offset),
              null,
              String.format(
                  java.util.Locale.ROOT,
                  "byte %d (0x%02X) is not UTF-8: the file is in another encoding (Latin-1 or"
                      + " Windows-1252?), but %s files are ASCII or UTF-8; export it again as"
                      + " UTF-8",
                  offset,
                  bytes[Math.min(offset, bytes.length - 1)] & 0xFF,
                  formatName)));
    }
  }

  /**
   * Refuses a UTF-16 file (byte-order mark) or a binary one (NUL bytes near the start): every text
   * format Recon reads is single-byte or UTF-8, and such a file would otherwise be read as garbage
   * or taken for another format.
   */
  public static void refuseUtf16OrBinary(InputFile file, String formatName) {
    byte[] bytes = file.bytes();
    if (startsWithUtf16Mark(bytes) || hasNulByte(bytes)) {
      throw new BadInput(
          Problem.ofFile(
              file.name(),
              "is UTF-16 or binary, but "
                  + formatName
                  + " files are ASCII or UTF-8 text; export or save it again as UTF-8"));
    }
  }

  private static boolean startsWithUtf16Mark(byte[] bytes) {
    return bytes.length >= 2
        && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE));
  }

  private static boolean hasNulByte(byte[] bytes) {
    int probe = Math.min(bytes.length, PROBE_BYTES);
    for (int i = 0; i < probe; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static int firstUndecodable(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
    return in.position();
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
