package dev.recon.importing.ofx;

import dev.recon.facts.Fact;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.importing.BadInput;
import dev.recon.importing.InputFile;
import dev.recon.importing.Problem;
import dev.recon.importing.StatementReference;
import dev.recon.importing.TextDecoding;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.normalizing.Counterparties;
import dev.recon.normalizing.References;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OFX and QFX bank and credit-card statements: version 1.x (SGML, where simple elements have
 * no end tag) and 2.x (XML). Each {@code STMTTRN} becomes a bank item: its signed {@code TRNAMT},
 * {@code DTPOSTED} as booking date ({@code DTAVAIL} as value date), {@code NAME} (or {@code
 * PAYEE/NAME}) as counterparty, and a reference found by the profile's pattern in the name and
 * memo, else the check number, else {@code REFNUM}. The account is {@code ACCTID}, the currency
 * {@code CURDEF}. OFX carries no opening balance, so there is no balance check.
 */
public final class OfxReader {
  private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z0-9.]+)>([^<]*)");
  private static final Pattern AMOUNT = Pattern.compile("[+-]?\\d{1,15}([.,]\\d{1,6})?");
  private static final int SNIFF_CHARS = 1024;
  private static final int MAX_VALUE = 4096;
  private static final Pattern SGML_VERSION =
      Pattern.compile("(?m)\\A\\s*OFXHEADER:.*?^VERSION:(\\S*)", Pattern.DOTALL);
  private static final Pattern XML_VERSION = Pattern.compile("<\\?OFX [^>]*?VERSION=\"([^\"]*)\"");
  private static final List<String> KNOWN_VERSIONS =
      List.of(
          "100", "102", "103", "151", "160", "200", "201", "202", "203", "210", "211", "220",
          "230");

  private OfxReader() {}

  public static boolean looksLikeOfx(byte[] bytes) {
    String head =
        new String(bytes, 0, Math.min(bytes.length, SNIFF_CHARS), StandardCharsets.ISO_8859_1)
            .stripLeading();
    return head.startsWith("OFXHEADER:") || head.contains("<?OFX ") || head.contains("<OFX>");
  }

  public static List<Fact> read(InputFile file, Pattern referencePattern, String accountOverride) {
    String text = decode(file);
    refuseUnknownVersion(file.name(), text);
    List<Problem> problems = new ArrayList<>();
    List<Fact> facts = new ArrayList<>();
    Deque<String> open = new ArrayDeque<>();
    String account = null;
    String currency = null;
    Transaction transaction = null;
    boolean sawOfx = false;
    Matcher tag = TAG.matcher(text);
    int lineOffset = 0;
    int line = 1;
    while (tag.find()) {
      line += countLines(text, lineOffset, tag.start());
      lineOffset = tag.start();
      boolean closing = !tag.group(1).isEmpty();
      String name = tag.group(2).toUpperCase(java.util.Locale.ROOT);
      if (tag.group(3).length() > MAX_VALUE) {
        throw new BadInput(
            new Problem(
                file.name(),
                line,
                null,
                String.format(
                    java.util.Locale.ROOT,
                    "element %s: its text is %,d characters long; OFX values have at most a few"
                        + " hundred (Recon accepts up to %,d): the file is damaged or not OFX",
                    tag.group(2),
                    tag.group(3).length(),
                    MAX_VALUE)));
      }
      String value = unescape(tag.group(3).strip());
      if (name.equals("OFX")) {
        sawOfx = true;
      }
      if (closing) {
        if (name.equals("STMTTRN") && transaction != null) {
          Fact fact =
              transaction.toFact(
                  file.name(),
                  accountOverride != null ? accountOverride : account,
                  currency,
                  referencePattern,
                  problems);
          if (fact != null) {
            facts.add(fact);
          }
          transaction = null;
        }
        // An end tag closes its element; in SGML, simple elements were never opened.
        if (open.contains(name)) {
          while (!open.isEmpty() && !open.pop().equals(name)) {
            // Drop the simple elements left open inside it.
          }
        }
        continue;
      }
      if (value.isEmpty()) {
        open.push(name);
        if (name.equals("STMTTRN")) {
          transaction = new Transaction(line);
        }
        continue;
      }
      // A simple element and its value.
      switch (name) {
        case "ACCTID" -> account = value;
        case "CURDEF" -> currency = value;
        default -> {
          if (transaction != null) {
            transaction.set(name, value, open.contains("PAYEE"));
          }
        }
      }
    }
    if (!sawOfx) {
      problems.add(
          Problem.ofFile(
              file.name(), "has an OFX header but no <OFX> element; it is cut off or not OFX"));
    } else if (!open.isEmpty() && open.contains("OFX")) {
      problems.add(
          Problem.ofFile(
              file.name(), "ends before </OFX>: the file is cut off; nothing of it was stored"));
    }
    if (!problems.isEmpty()) {
      throw new BadInput(problems);
    }
    return facts;
  }

  private static int countLines(String text, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static String unescape(String value) {
    return value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  /**
   * OFX 1.x declares a single-byte charset in its header (often CHARSET:1252); everything else, 2.x
   * included, is UTF-8, decoded strictly so a file in another encoding is refused with the line of
   * its first foreign byte, never read with replacement characters.
   */
  private static String decode(InputFile file) {
    TextDecoding.refuseUtf16OrBinary(file, "OFX");
    byte[] bytes = file.bytes();
    String head =
        new String(bytes, 0, Math.min(bytes.length, SNIFF_CHARS), StandardCharsets.ISO_8859_1);
    if (head.contains("CHARSET:1252")
        || head.contains("CHARSET:ISO-8859-1")
        || head.contains("ENCODING:USASCII") && !head.contains("CHARSET:NONE")) {
      return new String(bytes, Charset.forName("windows-1252"));
    }
    return TextDecoding.decodeText(file, "OFX 2.x (and UTF-8 OFX 1.x)");
  }

  /**
   * The header's version: 1.x SGML files say {@code VERSION:102}, 2.x XML files {@code <?OFX ...
   * VERSION="220"?>}. A version Recon does not know may arrange its elements differently, so it is
   * named rather than read on trust; a file without a version is read as the element tree it is.
   */
  private static void refuseUnknownVersion(String file, String text) {
    Matcher sgml = SGML_VERSION.matcher(text);
    Matcher xml = XML_VERSION.matcher(text);
    String version = sgml.find() ? sgml.group(1) : xml.find() ? xml.group(1) : null;
    if (version != null && !KNOWN_VERSIONS.contains(version)) {
      throw new BadInput(
          Problem.ofFile(
              file,
              "OFX header VERSION "
                  + version
                  + " is not a version Recon reads; Recon reads OFX 1.0.2 to 1.6 (VERSION:102"
                  + " to 160) and 2.0 to 2.3 (VERSION=\"200\" to \"230\")"));
    }
  }

  /** One STMTTRN being read. */
  private static final class Transaction {
    final int line;
    String type;
    String posted;
    String available;
    String amount;
    String name;
    String memo;
    String checkNumber;
    String referenceNumber;
    String currency;

    Transaction(int line) {
      this.line = line;
    }

    void set(String element, String value, boolean inPayee) {
      switch (element) {
        case "TRNTYPE" -> type = value;
        case "DTPOSTED" -> posted = value;
        case "DTAVAIL" -> available = value;
        case "TRNAMT" -> amount = value;
        case "NAME" -> {
          if (name == null || inPayee) {
            name = value;
          }
        }
        case "MEMO" -> memo = value;
        case "CHECKNUM" -> checkNumber = value;
        case "REFNUM" -> referenceNumber = value;
        case "CURSYM" -> currency = value;
        default -> {}
      }
    }

    Fact toFact(
        String file,
        String account,
        String statementCurrency,
        Pattern referencePattern,
        List<Problem> problems) {
      String code = currency != null ? currency : statementCurrency;
      if (account == null) {
        problems.add(
            new Problem(
                file,
                line,
                null,
                "element STMTTRN: the statement names no account (ACCTID); pass --account"));
        return null;
      }
      if (code == null) {
        problems.add(
            new Problem(
                file, line, null, "element STMTTRN: the statement gives no currency (CURDEF)"));
        return null;
      }
      if (amount == null || !AMOUNT.matcher(amount).matches()) {
        problems.add(
            new Problem(
                file,
                line,
                null,
                "element TRNAMT: "
                    + (amount == null
                        ? "the amount is missing"
                        : "\"" + amount + "\" is not an amount")));
        return null;
      }
      LocalDate booking = date(posted, file, "DTPOSTED", problems);
      LocalDate value = available == null ? null : date(available, file, "DTAVAIL", problems);
      if (booking == null) {
        return null;
      }
      String remittance =
          String.join(" ", name == null ? "" : name, memo == null ? "" : memo).strip();
      String reference =
          StatementReference.choose(
              null, referencePattern, remittance, checkNumber, referenceNumber);
      try {
        Money money =
            Money.ofDecimal(new BigDecimal(amount.replace(',', '.')), Currencies.of(code));
        return new Fact(
            Side.BANK,
            account,
            money,
            booking,
            value,
            References.clean(reference),
            reference,
            Counterparties.normalize(name),
            name,
            memo,
            null,
            null,
            null,
            null,
            new Origin(file, line));
      } catch (IllegalArgumentException | ArithmeticException e) {
        problems.add(new Problem(file, line, null, "element STMTTRN: " + e.getMessage()));
        return null;
      }
    }

    private LocalDate date(String text, String file, String element, List<Problem> problems) {
      if (text == null || text.length() < 8) {
        problems.add(
            new Problem(
                file,
                line,
                null,
                "element "
                    + element
                    + ": "
                    + (text == null
                        ? "the date is missing"
                        : "\"" + text + "\" is not a date (YYYYMMDD...)")));
        return null;
      }
      try {
        return LocalDate.of(
            Integer.parseInt(text.substring(0, 4)),
            Integer.parseInt(text.substring(4, 6)),
            Integer.parseInt(text.substring(6, 8)));
      } catch (NumberFormatException | DateTimeException e) {
        problems.add(
            new Problem(
                file,
                line,
                null,
                "element " + element + ": \"" + text + "\" is not a date (YYYYMMDD...)"));
        return null;
      }
    }
  }
}
