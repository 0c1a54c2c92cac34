package dev.recon.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's bytes, its name as the user gave it, and its content hash, the identity by which a
 * second import of the same file is recognised whatever it is called.
 */
public record InputFile(String name, byte[] bytes, String sha256) {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  public static InputFile read(Path path) {
    try {
      byte[] bytes = Files.readAllBytes(path);
      return of(path.getFileName().toString(), bytes);
    } catch (NoSuchFileException e) {
      throw new BadInput(Problem.ofFile(path.toString(), "no such file"));
    } catch (IOException e) {
      throw new BadInput(Problem.ofFile(path.toString(), "cannot be read: " + e.getMessage()));
    }
  }

  public static InputFile of(String name, byte[] bytes) {
    return new InputFile(name, bytes, sha256(bytes));
  }

  /**
   * The format the content shows, whatever the file is called: markers of the self-describing
   * formats first, then XLSX (a ZIP container); anything else is read as delimited text.
   */
  public FileFormat format() {
    // A text format saved as UTF-16 is still recognised, so its reader can say what is wrong
    // (or, for XML, read it: XML declares its encoding).
    byte[] text = utf16Head(bytes);
    // Before the XML test: OFX 2.x is XML too.
    if (dev.recon.importing.ofx.OfxReader.looksLikeOfx(text)) {
      return FileFormat.OFX;
    }
    if (dev.recon.importing.camt.CamtReader.looksLikeXml(text)) {
      return FileFormat.CAMT;
    }
    if (dev.recon.importing.swift.Mt940Reader.looksLikeMt940(text)) {
      return FileFormat.MT940;
    }
    if (dev.recon.importing.bai2.Bai2Reader.looksLikeBai2(text)) {
      return FileFormat.BAI2;
    }
    String firstLine = firstLine(text);
    if (dev.recon.importing.gateway.PayPalReader.looksLikePayPal(firstLine)) {
      return FileFormat.PAYPAL;
    }
    if (dev.recon.importing.gateway.StripePayoutReader.looksLikeStripePayout(firstLine)) {
      return FileFormat.STRIPE_PAYOUT;
    }
    if (dev.recon.importing.gateway.AdyenReader.looksLikeAdyen(firstLine)) {
      return FileFormat.ADYEN;
    }
    if (bytes.length >= ZIP_MAGIC.length) {
      for (int i = 0; i < ZIP_MAGIC.length; i++) {
        if (bytes[i] != ZIP_MAGIC[i]) {
          return FileFormat.CSV;
        }
      }
      return FileFormat.XLSX;
    }
    return FileFormat.CSV;
  }

  /** The start of a UTF-16 text (with its byte-order mark) as UTF-8; other content as it is. */
  private static byte[] utf16Head(byte[] bytes) {
    boolean bigEndian = bytes.length >= 2 && bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF;
    boolean littleEndian = bytes.length >= 2 && bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE;
    if (!bigEndian && !littleEndian) {
      return bytes;
    }
    int length = Math.min(bytes.length, 16384) & ~1;
    String head =
        new String(
            bytes,
            2,
            length - 2,
            bigEndian
                ? java.nio.charset.StandardCharsets.UTF_16BE
                : java.nio.charset.StandardCharsets.UTF_16LE);
    return head.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The first line of the content (at most 8 KiB of it), without a byte-order mark. */
  private static String firstLine(byte[] bytes) {
    String head =
        new String(bytes, 0, Math.min(bytes.length, 8192), java.nio.charset.StandardCharsets.UTF_8);
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    int end = head.indexOf('\n');
    return end < 0 ? head : head.substring(0, end);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
