package dev.recon.importing.swift;

import com.prowidesoftware.swift.io.parser.SwiftParser;
import com.prowidesoftware.swift.model.SwiftBlock4;
import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.field.Field60F;
import com.prowidesoftware.swift.model.field.Field61;
import dev.recon.facts.Fact;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.importing.BadInput;
import dev.recon.importing.BalanceCheck;
import dev.recon.importing.InputFile;
import dev.recon.importing.Problem;
import dev.recon.importing.StatementReference;
import dev.recon.importing.TextDecoding;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.normalizing.Counterparties;
import dev.recon.normalizing.References;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SWIFT MT940 customer statements and MT942 interim reports, as banks deliver them: with or
 * without the FIN header blocks, several statements per file. Prowide Core parses the tags; this
 * class turns each {@code :61:} statement line, with the {@code :86:} that follows it, into a bank
 * item. {@code :86:} is read in the structured forms banks use (German {@code ?20..?29} remittance
 * and {@code ?32/?33} name subfields; {@code /EREF/.../REMI/.../NAME/...} keywords) or as free
 * text. Where a statement has {@code :60F:/:60M:} and {@code :62F:/:62M:}, the balances must agree
 * with its lines.
 */
public final class Mt940Reader {
  private static final Pattern STATEMENT_START = Pattern.compile("(?m)^:20:");
  private static final Pattern GERMAN_SUBFIELD = Pattern.compile("\\?(\\d{2})");
  private static final Pattern KEYWORD = Pattern.compile("/(EREF|REMI|NAME|ORDP|BENM|IREF)/");
  private static final int SNIFF_CHARS = 2048;
  private static final int MAX_LINE = 1000;
  private static final Pattern STATEMENT_END = Pattern.compile("(?ms)^-(?:\\}.*|$.*)\\z");
  private static final Pattern MESSAGE_TYPE = Pattern.compile("\\{2:[IO](\\d{3})");
  private static final List<String> READ_TYPES = List.of("940", "942", "950");
  private static final Pattern ENTRY_TOTAL =
      Pattern.compile("(\\d{1,5})([A-Z]{3})(\\d{1,15}(?:,\\d*)?)");

  private Mt940Reader() {}

  public record Result(List<Fact> facts, List<BalanceCheck> checks) {}

  /** Whether the text reads like an MT940/MT942 statement: tags :20:, :25: and :61: or :60F:. */
  public static boolean looksLikeMt940(byte[] bytes) {
    String head =
        new String(bytes, 0, Math.min(bytes.length, SNIFF_CHARS), StandardCharsets.ISO_8859_1);
    String start = head.stripLeading();
    boolean tagged = start.startsWith(":20:") || start.startsWith("{1:");
    return tagged
        && head.contains(":25:")
        && (head.contains(":61:")
            || head.contains(":60F:")
            || head.contains(":60M:")
            || head.contains(":34F:"));
  }

  public static Result read(InputFile file, Pattern referencePattern, String accountOverride) {
    TextDecoding.refuseUtf16OrBinary(file, "SWIFT MT940/MT942");
    String text = decode(file.bytes()).replace("\r\n", "\n").replace('\r', '\n');
    refuseOversizedLines(file.name(), text);
    refuseOtherMessageTypes(file.name(), text);
    List<Problem> problems = new ArrayList<>();
    List<Fact> facts = new ArrayList<>();
    List<BalanceCheck> checks = new ArrayList<>();
    for (Chunk chunk : chunks(text)) {
      new Statement(file.name(), chunk, referencePattern, accountOverride, problems, facts, checks)
          .read();
    }
    if (!problems.isEmpty()) {
      throw new BadInput(problems);
    }
    return new Result(facts, checks);
  }

  /**
   * SWIFT lines are at most 65 characters; banks' own exports stretch that, but never to this. A
   * longer line is damage (or another kind of file), and would otherwise hide in a continuation.
   */
  private static void refuseOversizedLines(String file, String text) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > MAX_LINE) {
          throw new BadInput(
              new Problem(
                  file,
                  line,
                  null,
                  String.format(
                      Locale.ROOT,
                      "the line is %,d characters long; SWIFT MT940/MT942 lines have at most 65"
                          + " (Recon accepts up to %,d): the file is damaged or not MT940",
                      i - start,
                      MAX_LINE)));
        }
        line++;
        start = i + 1;
      }
    }
  }

  /**
   * A FIN-wrapped file names its message type in block 2; MT940, MT942 and MT950 (a statement
   * without {@code :86:}) are statements Recon reads, anything else (an MT900 advice, say) is
   * named.
   */
  private static void refuseOtherMessageTypes(String file, String text) {
    Matcher type = MESSAGE_TYPE.matcher(text);
    int line = 1;
    int counted = 0;
    while (type.find()) {
      line += (int) text.substring(counted, type.start()).chars().filter(c -> c == '\n').count();
      counted = type.start();
      if (!READ_TYPES.contains(type.group(1))) {
        throw new BadInput(
            new Problem(
                file,
                line,
                null,
                "block 2: the message is a SWIFT MT"
                    + type.group(1)
                    + "; Recon reads the statements MT940, MT942 and MT950"));
      }
    }
  }

  /** Strict UTF-8, else Windows-1252 (many banks still send their Latin-1 superset). */
  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("windows-1252"));
    }
  }

  /**
   * One statement's block-4 text, the file line it starts on, and whether it ended with the "-"
   * that closes a statement (a file cut off mid-statement does not).
   */
  private record Chunk(String text, int firstLine, boolean ended) {}

  private static List<Chunk> chunks(String text) {
    List<Chunk> chunks = new ArrayList<>();
    Matcher start = STATEMENT_START.matcher(text);
    List<Integer> starts = new ArrayList<>();
    while (start.find()) {
      starts.add(start.start());
    }
    for (int i = 0; i < starts.size(); i++) {
      int from = starts.get(i);
      int to = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
      String body = text.substring(from, to);
      // The end of block 4 ("-}" or a lone "-") and anything after it belong to no tag.
      Matcher end = STATEMENT_END.matcher(body);
      boolean ended = end.find();
      if (ended) {
        body = body.substring(0, end.start());
      }
      int line = 1 + (int) text.substring(0, from).chars().filter(c -> c == '\n').count();
      chunks.add(new Chunk(body.strip(), line, ended));
    }
    return chunks;
  }

  /** One statement being read. */
  private static final class Statement {
    final String file;
    final Chunk chunk;
    final Pattern referencePattern;
    final String accountOverride;
    final List<Problem> problems;
    final List<Fact> facts;
    final List<BalanceCheck> checks;
    EntryTotals entries;

    Statement(
        String file,
        Chunk chunk,
        Pattern referencePattern,
        String accountOverride,
        List<Problem> problems,
        List<Fact> facts,
        List<BalanceCheck> checks) {
      this.file = file;
      this.chunk = chunk;
      this.referencePattern = referencePattern;
      this.accountOverride = accountOverride;
      this.problems = problems;
      this.facts = facts;
      this.checks = checks;
    }

    void read() {
      SwiftBlock4 block;
      try {
        block = SwiftParser.parseBlock4("{4:\n" + chunk.text() + "\n-}");
      } catch (RuntimeException e) {
        problem(
            chunk.firstLine(),
            ":20:",
            "this statement cannot be read as SWIFT MT940 (" + e.getMessage() + ")");
        return;
      }
      List<Integer> lineNumbers = tagLines(":61:");
      String statementId = null;
      String account = accountOverride;
      String currency = null;
      Long opening = null;
      Long closing = null;
      LocalDate openingDate = null;
      LocalDate closingDate = null;
      long movements = 0;
      Map<String, DeclaredTotal> declared = new LinkedHashMap<>();
      int lineIndex = 0;
      Fact pending = null;
      Field61 pendingLine = null;
      int pendingAt = 0;
      entries = new EntryTotals();
      for (Tag tag : block.getTags()) {
        String name = tag.getName() == null ? "" : tag.getName();
        String value = tag.getValue() == null ? "" : tag.getValue();
        switch (name) {
          // :20: is often the same for every statement ("STARTUMS"); with :28C:'s statement
          // number it names one statement.
          case "20" -> statementId = value.strip();
          case "28C" ->
              statementId = (statementId == null ? "" : statementId + " ") + value.strip();
          case "25" -> {
            if (accountOverride == null) {
              account = value.strip();
            }
          }
          case "60F", "60M", "62F", "62M" -> {
            Field60F balance = new Field60F(value);
            Long minor =
                signedMinor(
                    balance.getDCMark(),
                    balance.getAmountAsBigDecimal(),
                    balance.getCurrency(),
                    chunk.firstLine(),
                    ":" + name + ":");
            if (currency == null) {
              currency = balance.getCurrency();
            }
            LocalDate date = date(balance.getDate(), chunk.firstLine(), ":" + name + ":");
            if (name.startsWith("60")) {
              opening = minor;
              openingDate = date;
            } else {
              closing = minor;
              closingDate = date;
            }
          }
          case "90D", "90C" ->
              declared.put(name, new DeclaredTotal(value.strip(), tagLine(":" + name + ":")));
          case "34F" -> {
            if (currency == null && value.length() >= 3) {
              currency = value.substring(0, 3);
            }
          }
          case "61" -> {
            if (pendingLine != null) {
              movements += entries.count(add(pendingLine, null, account, currency, pendingAt));
            }
            pendingLine = new Field61(value);
            pendingAt =
                lineIndex < lineNumbers.size() ? lineNumbers.get(lineIndex) : chunk.firstLine();
            lineIndex++;
          }
          case "86" -> {
            if (pendingLine != null) {
              movements += entries.count(add(pendingLine, value, account, currency, pendingAt));
              pendingLine = null;
            }
          }
          default -> {}
        }
      }
      if (pendingLine != null) {
        movements += entries.count(add(pendingLine, null, account, currency, pendingAt));
      }
      checkDeclaredTotals(declared);
      if (opening != null && closing == null) {
        problem(
            chunk.firstLine(),
            ":62F:",
            "is missing: the statement has an opening balance but no closing balance, so the file"
                + " is cut off or damaged; nothing of it was stored");
      } else if (opening == null && closing == null && !chunk.ended()) {
        problem(
            chunk.firstLine(),
            ":20:",
            "starts a report that never ends (no closing balance and no closing \"-\" line): the"
                + " file is cut off; nothing of it was stored");
      }
      if (opening != null && closing != null && account != null) {
        checks.add(
            new BalanceCheck(
                account,
                currency,
                statementId,
                chunk.firstLine(),
                openingDate,
                opening,
                movements,
                closingDate,
                closing));
      }
    }

    /**
     * MT942's {@code :90D:} and {@code :90C:} state how many debit and credit entries the report
     * holds and their sum; a report whose lines disagree is incomplete or altered.
     */
    private void checkDeclaredTotals(Map<String, DeclaredTotal> declared) {
      declared.forEach(
          (tag, total) -> {
            boolean debit = tag.equals("90D");
            Matcher parts = ENTRY_TOTAL.matcher(total.value());
            if (!parts.matches()) {
              problem(
                  total.line(),
                  ":" + tag + ":",
                  "\""
                      + total.value()
                      + "\" is not a number of entries, a currency and a sum (e.g. 3EUR1250,00)");
              return;
            }
            Long sum =
                signedMinor(
                    "C", decimal(parts.group(3)), parts.group(2), total.line(), ":" + tag + ":");
            if (sum == null) {
              return;
            }
            int count = Integer.parseInt(parts.group(1));
            int found = debit ? entries.debits : entries.credits;
            long foundSum = debit ? entries.debitSum : entries.creditSum;
            if (count != found || sum != foundSum) {
              String kind = debit ? "debit" : "credit";
              problem(
                  total.line(),
                  ":" + tag + ":",
                  String.format(
                      Locale.ROOT,
                      "says %d %s entries totalling %s, but the report holds %d totalling %s: the"
                          + " file is incomplete or altered; nothing of it was stored",
                      count,
                      kind,
                      new Money(sum, Currencies.of(parts.group(2))),
                      found,
                      new Money(foundSum, Currencies.of(parts.group(2)))));
            }
          });
    }

    private static BigDecimal decimal(String swiftAmount) {
      String plain = swiftAmount.replace(',', '.');
      return new BigDecimal(plain.endsWith(".") ? plain + "0" : plain);
    }

    private int tagLine(String tag) {
      List<Integer> lines = tagLines(tag);
      return lines.isEmpty() ? chunk.firstLine() : lines.get(0);
    }

    /** The file lines where a tag starts in this statement, in order. */
    private List<Integer> tagLines(String tag) {
      List<Integer> lines = new ArrayList<>();
      String[] all = chunk.text().split("\n", -1);
      for (int i = 0; i < all.length; i++) {
        if (all[i].startsWith(tag)) {
          lines.add(chunk.firstLine() + i);
        }
      }
      return lines;
    }

    /** Adds the statement line as an item; returns its signed amount (0 when refused). */
    private long add(Field61 line, String information, String account, String currency, int at) {
      if (account == null) {
        problem(chunk.firstLine(), ":25:", "the statement names no account; pass --account");
        return 0;
      }
      if (currency == null) {
        problem(at, ":61:", "the statement gives no currency (no :60F: or :34F: before its lines)");
        return 0;
      }
      Long minor =
          signedMinor(
              line.getDebitCreditMark(), line.getAmountAsBigDecimal(), currency, at, ":61:");
      LocalDate valueDate = date(line.getValueDate(), at, ":61:");
      if (minor == null || valueDate == null) {
        return 0;
      }
      LocalDate bookingDate = entryDate(line.getEntryDate(), valueDate);
      Details details = Details.of(information);
      String reference =
          StatementReference.choose(
              null,
              referencePattern,
              details.remittance,
              details.endToEnd,
              line.getReferenceForTheAccountOwner());
      try {
        facts.add(
            new Fact(
                Side.BANK,
                account,
                new Money(minor, Currencies.of(currency)),
                bookingDate,
                valueDate,
                References.clean(reference),
                reference,
                Counterparties.normalize(details.name),
                details.name,
                details.remittance,
                null,
                null,
                null,
                null,
                new Origin(file, at)));
        return minor;
      } catch (IllegalArgumentException e) {
        problem(at, ":61:", e.getMessage());
        return 0;
      }
    }

    private Long signedMinor(String mark, BigDecimal amount, String currency, int at, String tag) {
      if (amount == null) {
        problem(at, tag, "no amount could be read");
        return null;
      }
      if (mark == null || !List.of("C", "D", "RC", "RD").contains(mark)) {
        problem(
            at,
            tag,
            "expected the mark C, D, RC or RD, found "
                + (mark == null ? "nothing" : "\"" + mark + "\""));
        return null;
      }
      // SWIFT amounts have at most 15 digits; checked before any arithmetic, so an absurd
      // exponent can never make Recon build a number of a billion digits.
      if (amount.precision() - amount.scale() > 15 || amount.scale() > 15) {
        problem(at, tag, "the amount " + amount + " has more than 15 digits");
        return null;
      }
      try {
        long minor = Money.ofDecimal(amount, Currencies.of(currency)).minor();
        // A credit (or the reversal of a debit) is money in.
        return mark.equals("C") || mark.equals("RD") ? minor : -minor;
      } catch (IllegalArgumentException | ArithmeticException e) {
        problem(at, tag, amount + " " + currency + ": " + e.getMessage());
        return null;
      }
    }

    private LocalDate date(String yymmdd, int at, String tag) {
      try {
        return LocalDate.of(
            2000 + Integer.parseInt(yymmdd.substring(0, 2)),
            Integer.parseInt(yymmdd.substring(2, 4)),
            Integer.parseInt(yymmdd.substring(4, 6)));
      } catch (RuntimeException e) {
        problem(at, tag, "\"" + yymmdd + "\" is not a date (YYMMDD)");
        return null;
      }
    }

    /** The booking date MMDD in the value date's year, or the neighbouring year across New Year. */
    private static LocalDate entryDate(String mmdd, LocalDate valueDate) {
      if (mmdd == null || mmdd.length() != 4) {
        return valueDate;
      }
      try {
        LocalDate sameYear =
            LocalDate.of(
                valueDate.getYear(),
                Integer.parseInt(mmdd.substring(0, 2)),
                Integer.parseInt(mmdd.substring(2, 4)));
        if (sameYear.isAfter(valueDate.plusMonths(6))) {
          return sameYear.minusYears(1);
        }
        if (sameYear.isBefore(valueDate.minusMonths(6))) {
          return sameYear.plusYears(1);
        }
        return sameYear;
      } catch (NumberFormatException | DateTimeException e) {
        return valueDate;
      }
    }

    private void problem(int line, String tag, String message) {
      problems.add(new Problem(file, line, null, "field " + tag + " " + message));
    }
  }

  /** A {@code :90D:}/{@code :90C:} value and its file line. */
  private record DeclaredTotal(String value, int line) {}

  /** The debit and credit entries a statement holds, counted as they are read. */
  private static final class EntryTotals {
    int debits;
    int credits;
    long debitSum;
    long creditSum;

    /** Counts a read entry's signed amount (0: refused, not counted) and returns it. */
    long count(long signed) {
      if (signed < 0) {
        debits++;
        debitSum = Math.addExact(debitSum, -signed);
      } else if (signed > 0) {
        credits++;
        creditSum = Math.addExact(creditSum, signed);
      }
      return signed;
    }
  }

  /** What an :86: field says: remittance text, counterparty name and end-to-end id. */
  private record Details(String remittance, String name, String endToEnd) {
    static Details of(String information) {
      if (information == null || information.isBlank()) {
        return new Details(null, null, null);
      }
      String flat = information.replace("\n", "");
      if (GERMAN_SUBFIELD.matcher(flat).find() && flat.matches("(?s)^\\d{3}\\?.*|^\\?.*")) {
        Map<String, StringBuilder> fields = new LinkedHashMap<>();
        Matcher subfield = GERMAN_SUBFIELD.matcher(flat);
        List<int[]> marks = new ArrayList<>();
        while (subfield.find()) {
          marks.add(new int[] {subfield.start(), subfield.end()});
        }
        for (int i = 0; i < marks.size(); i++) {
          String code = flat.substring(marks.get(i)[0] + 1, marks.get(i)[1]);
          String value =
              flat.substring(
                  marks.get(i)[1], i + 1 < marks.size() ? marks.get(i + 1)[0] : flat.length());
          fields.computeIfAbsent(code, c -> new StringBuilder()).append(value);
        }
        StringBuilder remittance = new StringBuilder();
        for (int code = 20; code <= 29; code++) {
          remittance.append(fields.getOrDefault(String.valueOf(code), new StringBuilder()));
        }
        for (int code = 60; code <= 63; code++) {
          remittance.append(fields.getOrDefault(String.valueOf(code), new StringBuilder()));
        }
        String name =
            (fields.getOrDefault("32", new StringBuilder())
                    + " "
                    + fields.getOrDefault("33", new StringBuilder()))
                .strip();
        String text = remittance.toString().strip();
        String endToEnd = null;
        Matcher eref = Pattern.compile("EREF\\+(\\S+)").matcher(text);
        if (eref.find()) {
          endToEnd = eref.group(1);
        }
        return new Details(text.isEmpty() ? null : text, name.isEmpty() ? null : name, endToEnd);
      }
      if (KEYWORD.matcher(flat).find()) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher keyword = KEYWORD.matcher(flat);
        List<int[]> marks = new ArrayList<>();
        while (keyword.find()) {
          marks.add(new int[] {keyword.start(), keyword.end()});
        }
        for (int i = 0; i < marks.size(); i++) {
          String key = flat.substring(marks.get(i)[0] + 1, marks.get(i)[1] - 1);
          String value =
              flat.substring(
                  marks.get(i)[1], i + 1 < marks.size() ? marks.get(i + 1)[0] : flat.length());
          values.put(key, value.strip());
        }
        String name = values.getOrDefault("NAME", values.get("ORDP"));
        return new Details(values.getOrDefault("REMI", flat), name, values.get("EREF"));
      }
      return new Details(flat.strip(), null, null);
    }
  }
}
