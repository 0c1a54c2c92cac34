package dev.recon.importing.bai2;

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
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads BAI2 cash management balance reports (the BAI version 2 format US banks send for prior-day
 * and intraday reporting). A file is a 01 file header, groups (02 group header, 98 group trailer)
 * of accounts (03 account identifier with summary and status amounts, 16 transaction details, 49
 * account trailer), and a 99 file trailer; an 88 record continues the record before it.
 *
 * <p>Each 16 record with a credit type code (100-399) becomes a positive bank item, one with a
 * debit type code (400-699) a negative one; other detail codes (non-monetary 890, loan and custom
 * codes) carry no direction and are skipped and counted. Amounts have no decimal point: the
 * currency's minor units are implied (12345 USD is 123.45). The booking date is the group's as-of
 * date, the value date the funds type's value date where it gives one (funds type V). The reference
 * is one the profile's pattern finds in the text, else the customer reference, else the bank
 * reference.
 *
 * <p>The trailers' control totals (the sum of every amount reported inside, as written) and record
 * counts (every physical record, continuations included) are checked: a mismatch means records were
 * lost or altered and the file is refused. Where an account reports an opening (010) and closing
 * (015) ledger balance, they are checked against its transactions like any statement.
 */
public final class Bai2Reader {
  /** Physical BAI2 records are usually 80 characters; variable-length ones stay far below this. */
  public static final int RECORD_LENGTH_MAX = 4096;

  private static final int PROBLEMS_MAX = 50;
  private static final Pattern DIGITS = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern UNSIGNED = Pattern.compile("\\d{1,18}");
  private static final Set<String> RECORD_CODES =
      Set.of("01", "02", "03", "16", "88", "49", "98", "99");

  private Bai2Reader() {}

  public record Result(List<Fact> facts, int skipped, List<BalanceCheck> checks) {}

  /**
   * Whether the content starts with a BAI2 file header record: {@code 01,} with at least eight
   * fields, a YYMMDD creation date in the fourth, ending in a slash.
   */
  public static boolean looksLikeBai2(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1);
    if (head.startsWith("\u00EF\u00BB\u00BF")) {
      head = head.substring(3);
    }
    head = head.stripLeading();
    int end = head.indexOf('\n');
    String first = (end < 0 ? head : head.substring(0, end)).strip();
    if (!first.startsWith("01,") || !first.endsWith("/")) {
      return false;
    }
    String[] fields = first.split(",", -1);
    return fields.length >= 8 && fields[3].matches("\\d{6}");
  }

  public static Result read(InputFile file, Pattern referencePattern, String accountOverride) {
    String text = TextDecoding.decodeText(file, "BAI2");
    List<Record> records = records(file.name(), text);
    Reading reading = new Reading(file.name(), referencePattern, accountOverride);
    reading.readAll(records);
    if (!reading.problems.isEmpty()) {
      throw new BadInput(reading.problems);
    }
    return new Result(reading.facts, reading.skipped, reading.checks);
  }

  /**
   * One logical record: its code, its fields (continuations appended), the line it starts on, how
   * many physical records it spans, and for each field the physical record it came from.
   */
  record Record(String code, List<String> fields, List<Integer> pieceOf, int line, int physical) {}

  private static List<Record> records(String fileName, String text) {
    List<Record> records = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    List<String> fields = null;
    List<Integer> pieces = null;
    String code = null;
    int startLine = 0;
    int physical = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 ? lines[i].replace("\uFEFF", "") : lines[i];
      int number = i + 1;
      if (line.length() > RECORD_LENGTH_MAX) {
        throw new BadInput(
            new Problem(
                fileName,
                number,
                null,
                "the record is "
                    + line.length()
                    + " characters long, more than the "
                    + RECORD_LENGTH_MAX
                    + " a BAI2 record may have; the file is damaged or not BAI2"));
      }
      if (line.isBlank()) {
        continue;
      }
      String body = line.strip();
      if (body.endsWith("/")) {
        body = body.substring(0, body.length() - 1);
      }
      List<String> split = List.of(body.split(",", -1));
      if (split.get(0).equals("88") && fields != null) {
        for (int f = 1; f < split.size(); f++) {
          fields.add(split.get(f));
          pieces.add(physical);
        }
        physical++;
        continue;
      }
      if (fields != null) {
        records.add(new Record(code, fields, pieces, startLine, physical));
      }
      code = split.get(0);
      fields = new ArrayList<>(split);
      pieces = new ArrayList<>();
      for (int f = 0; f < split.size(); f++) {
        pieces.add(0);
      }
      startLine = number;
      physical = 1;
    }
    if (fields != null) {
      records.add(new Record(code, fields, pieces, startLine, physical));
    }
    return records;
  }

  /** The reader's state: where in the file/group/account nesting it is and what it has summed. */
  private static final class Reading {
    final String file;
    final Pattern referencePattern;
    final String accountOverride;
    final List<Problem> problems = new ArrayList<>();
    final List<Fact> facts = new ArrayList<>();
    final List<BalanceCheck> checks = new ArrayList<>();
    int skipped;

    boolean inFile;
    boolean fileEnded;
    int fileRecords;
    long fileTotal;
    int fileGroups;

    boolean inGroup;
    int groupRecords;
    long groupTotal;
    int groupAccounts;
    LocalDate asOfDate;
    String groupCurrency;

    Account account;

    Reading(String file, Pattern referencePattern, String accountOverride) {
      this.file = file;
      this.referencePattern = referencePattern;
      this.accountOverride = accountOverride;
    }

    void readAll(List<Record> records) {
      for (Record record : records) {
        if (problems.size() >= PROBLEMS_MAX) {
          return;
        }
        if (fileEnded) {
          problem(record.line(), null, "record " + record.code() + " after the 99 file trailer");
          return;
        }
        fileRecords += record.physical();
        groupRecords += record.physical();
        if (account != null) {
          account.records += record.physical();
        }
        if (!dispatch(record)) {
          return;
        }
      }
      if (!inFile) {
        problem(0, null, "has no 01 file header record; it is empty or not BAI2");
      } else if (!fileEnded && problems.isEmpty()) {
        problem(
            0,
            null,
            "ends without the 99 file trailer"
                + (account != null ? " (inside account " + account.number + ")" : "")
                + ": the file is cut off; nothing of it was stored");
      }
    }

    /** Reads one record; false when reading cannot go on. */
    private boolean dispatch(Record record) {
      String code = record.code();
      if (!inFile && !code.equals("01")) {
        problem(
            record.line(),
            "record code",
            "a BAI2 file starts with a 01 file header record, found \""
                + shorten(code)
                + "\"; the file is not BAI2 or its start is missing");
        return false;
      }
      if (!RECORD_CODES.contains(code)) {
        problem(
            record.line(),
            "record code",
            "\""
                + shorten(code)
                + "\" is not a BAI2 record type (01, 02, 03, 16, 88, 49, 98 or 99)");
        return false;
      }
      switch (code) {
        case "01" -> fileHeader(record);
        case "02" -> groupHeader(record);
        case "03" -> accountHeader(record);
        case "16" -> detail(record);
        case "49" -> accountTrailer(record);
        case "98" -> groupTrailer(record);
        case "99" -> fileTrailer(record);
        default -> problem(record.line(), "record code", "an 88 continuation with nothing before");
      }
      return true;
    }

    private void fileHeader(Record record) {
      if (inFile) {
        problem(record.line(), null, "a second 01 file header before the 99 file trailer");
        return;
      }
      inFile = true;
      fileRecords = record.physical();
      String version = field(record, 8);
      if (!"2".equals(version)) {
        problem(
            record.line(),
            "version number",
            (version == null || version.isEmpty()
                    ? "the 01 file header gives no version number"
                    : "version \"" + shorten(version) + "\" is not a version Recon reads")
                + "; Recon reads BAI version 2 (BAI2) files");
      }
    }

    private void groupHeader(Record record) {
      if (inGroup) {
        problem(record.line(), null, "a 02 group header inside a group: its 98 trailer is missing");
      }
      inGroup = true;
      groupRecords = record.physical();
      groupTotal = 0;
      groupAccounts = 0;
      asOfDate = date(record.line(), "as-of date", field(record, 4));
      String currency = field(record, 6);
      groupCurrency = currency == null || currency.isEmpty() ? "USD" : currency;
    }

    private void accountHeader(Record record) {
      if (!inGroup) {
        problem(record.line(), null, "a 03 account record outside a group (no 02 before it)");
        return;
      }
      if (account != null) {
        problem(
            record.line(),
            null,
            "a 03 account record inside account " + account.number + ": its 49 trailer is missing");
      }
      String number = field(record, 1);
      if (number == null || number.isBlank()) {
        problem(record.line(), "customer account number", "the account number is missing");
        number = "?";
      }
      String currency = field(record, 2);
      account = new Account(number.strip(), record.line());
      account.records = record.physical();
      account.currency = currency(record.line(), blankTo(currency, groupCurrency));
      int at = 3;
      List<String> fields = record.fields();
      while (at < fields.size()) {
        String typeCode = fields.get(at);
        String amount = at + 1 < fields.size() ? fields.get(at + 1) : "";
        if (typeCode.isEmpty() && amount.isEmpty()) {
          break;
        }
        Long minor = amount.isEmpty() ? null : amount(record.line(), "amount", amount, DIGITS);
        if (minor != null) {
          account.controlTotal += minor;
          if (typeCode.equals("010")) {
            account.opening = minor;
          } else if (typeCode.equals("015")) {
            account.closing = minor;
          }
        }
        at = afterFundsType(record, at + 3);
      }
    }

    /** The index after a funds type field at {@code at} and the fields it brings. */
    private int afterFundsType(Record record, int at) {
      String type = field(record, at);
      if (type == null) {
        return record.fields().size();
      }
      return switch (type.toUpperCase(java.util.Locale.ROOT)) {
        case "S" -> at + 4;
        case "V" -> at + 3;
        case "D" -> {
          String count = field(record, at + 1);
          int n = count != null && UNSIGNED.matcher(count).matches() ? parseCount(count) : -1;
          if (n < 0) {
            problem(
                record.line(),
                "number of distributions",
                "\"" + shorten(String.valueOf(count)) + "\" is not a number");
            yield record.fields().size();
          }
          yield at + 2 + 2 * n;
        }
        default -> at + 1;
      };
    }

    private static int parseCount(String count) {
      return count.length() > 4 ? 10_000 : Integer.parseInt(count);
    }

    private void detail(Record record) {
      if (account == null) {
        problem(record.line(), null, "a 16 transaction detail outside an account (no 03 before)");
        return;
      }
      String typeCode = blankTo(field(record, 1), "");
      String amountText = blankTo(field(record, 2), "");
      Long minor = amount(record.line(), "amount", amountText, UNSIGNED);
      if (minor == null) {
        return;
      }
      account.controlTotal += minor;
      int fundsAt = 3;
      LocalDate valueDate = null;
      String fundsType = blankTo(field(record, fundsAt), "");
      if (fundsType.equalsIgnoreCase("V")) {
        valueDate = date(record.line(), "value date", field(record, fundsAt + 1));
      }
      int refAt = afterFundsType(record, fundsAt);
      String bankReference = blankTo(field(record, refAt), "");
      String customerReference = blankTo(field(record, refAt + 1), "");
      String text = textFrom(record, refAt + 2);
      int direction = direction(typeCode);
      if (direction == 0) {
        if (!UNSIGNED.matcher(typeCode).matches()) {
          problem(record.line(), "type code", "\"" + shorten(typeCode) + "\" is not a type code");
        }
        skipped++;
        return;
      }
      long signed = direction * minor;
      account.movements += signed;
      if (asOfDate == null) {
        return;
      }
      String reference =
          StatementReference.choose(
              null, referencePattern, text, nullIfEmpty(customerReference), bankReference);
      String account = accountOverride != null ? accountOverride : this.account.number;
      try {
        facts.add(
            new Fact(
                Side.BANK,
                account,
                new Money(signed, this.account.currency),
                asOfDate,
                valueDate,
                References.clean(reference),
                reference,
                Counterparties.normalize(null),
                null,
                ("[" + typeCode + "] " + text).strip(),
                null,
                null,
                null,
                null,
                new Origin(file, record.line())));
      } catch (IllegalArgumentException e) {
        problem(record.line(), null, e.getMessage());
      }
    }

    /** Credit type codes 100-399 are money in, debit codes 400-699 money out; others neither. */
    private static int direction(String typeCode) {
      if (typeCode.length() != 3 || !UNSIGNED.matcher(typeCode).matches()) {
        return 0;
      }
      int code = Integer.parseInt(typeCode);
      if (code >= 100 && code <= 399) {
        return 1;
      }
      return code >= 400 && code <= 699 ? -1 : 0;
    }

    /** The free text: the rest of the record, continuation records joined by a space. */
    private static String textFrom(Record record, int at) {
      StringBuilder text = new StringBuilder();
      for (int i = at; i < record.fields().size(); i++) {
        if (i > at) {
          text.append(record.pieceOf().get(i).equals(record.pieceOf().get(i - 1)) ? "," : " ");
        }
        text.append(record.fields().get(i));
      }
      return text.toString().strip();
    }

    private void accountTrailer(Record record) {
      if (account == null) {
        problem(record.line(), null, "a 49 account trailer without its 03 account record");
        return;
      }
      Long total = amount(record.line(), "account control total", field(record, 1), DIGITS);
      if (total != null && total != account.controlTotal) {
        problem(
            record.line(),
            "account control total",
            "the trailer of account "
                + account.number
                + " says "
                + total
                + " but its amounts add up to "
                + account.controlTotal
                + "; records are missing or were altered");
      }
      checkCount(record, "number of records", 2, account.records, "account " + account.number);
      if (account.opening != null && account.closing != null && asOfDate != null) {
        checks.add(
            new BalanceCheck(
                accountOverride != null ? accountOverride : account.number,
                account.currency.getCurrencyCode(),
                "as of " + asOfDate,
                account.line,
                asOfDate,
                account.opening,
                account.movements,
                asOfDate,
                account.closing));
      }
      groupTotal += account.controlTotal;
      groupAccounts++;
      account = null;
    }

    private void groupTrailer(Record record) {
      if (!inGroup) {
        problem(record.line(), null, "a 98 group trailer without its 02 group header");
        return;
      }
      if (account != null) {
        problem(
            record.line(),
            null,
            "a 98 group trailer inside account " + account.number + ": its 49 trailer is missing");
        account = null;
      }
      Long total = amount(record.line(), "group control total", field(record, 1), DIGITS);
      if (total != null && total != groupTotal) {
        problem(
            record.line(),
            "group control total",
            "the group trailer says "
                + total
                + " but its accounts add up to "
                + groupTotal
                + "; an account is missing or was altered");
      }
      checkCount(record, "number of accounts", 2, groupAccounts, "the group");
      checkCount(record, "number of records", 3, groupRecords, "the group");
      fileTotal += groupTotal;
      fileGroups++;
      inGroup = false;
    }

    private void fileTrailer(Record record) {
      if (inGroup) {
        problem(record.line(), null, "the 99 file trailer comes before the group's 98 trailer");
      }
      Long total = amount(record.line(), "file control total", field(record, 1), DIGITS);
      if (total != null && total != fileTotal) {
        problem(
            record.line(),
            "file control total",
            "the file trailer says "
                + total
                + " but its groups add up to "
                + fileTotal
                + "; a group is missing or was altered");
      }
      checkCount(record, "number of groups", 2, fileGroups, "the file");
      checkCount(record, "number of records", 3, fileRecords, "the file");
      fileEnded = true;
    }

    private void checkCount(Record record, String name, int index, int actual, String scope) {
      String text = field(record, index);
      if (text == null || !UNSIGNED.matcher(text).matches() || text.length() > 9) {
        problem(
            record.line(),
            name,
            "\"" + shorten(String.valueOf(text)) + "\" is not a count of records");
        return;
      }
      if (Integer.parseInt(text) != actual) {
        problem(
            record.line(),
            name,
            "the trailer says "
                + text
                + " but "
                + scope
                + " has "
                + actual
                + "; records are missing or were added");
      }
    }

    private Long amount(int line, String field, String text, Pattern shape) {
      if (text == null || text.isEmpty()) {
        problem(line, field, "the amount is missing");
        return null;
      }
      if (!shape.matcher(text).matches()) {
        problem(
            line,
            field,
            "\""
                + shorten(text)
                + "\" is not a BAI2 amount (digits without a decimal point"
                + (shape == UNSIGNED ? ", no sign" : "")
                + ")");
        return null;
      }
      long minor = Long.parseLong(text);
      if (Math.abs(minor) >= Fact.AMOUNT_MINOR_LIMIT) {
        problem(line, field, "\"" + text + "\" is larger than Recon accepts");
        return null;
      }
      return minor;
    }

    private LocalDate date(int line, String field, String text) {
      if (text == null || !text.matches("\\d{6}")) {
        problem(
            line,
            field,
            "\"" + shorten(String.valueOf(text)) + "\" is not a date (BAI2 writes YYMMDD)");
        return null;
      }
      try {
        return LocalDate.of(
            2000 + Integer.parseInt(text.substring(0, 2)),
            Integer.parseInt(text.substring(2, 4)),
            Integer.parseInt(text.substring(4, 6)));
      } catch (DateTimeException e) {
        problem(line, field, "\"" + text + "\" is not a date (BAI2 writes YYMMDD)");
        return null;
      }
    }

    private Currency currency(int line, String code) {
      try {
        return Currencies.of(code);
      } catch (IllegalArgumentException e) {
        problem(line, "currency code", e.getMessage());
        return Currencies.of("USD");
      }
    }

    private static String field(Record record, int index) {
      return index < record.fields().size() ? record.fields().get(index).strip() : null;
    }

    private void problem(int line, String field, String message) {
      if (problems.size() < PROBLEMS_MAX) {
        problems.add(new Problem(file, line, field, message));
      }
    }
  }

  private static final class Account {
    final String number;
    final int line;
    Currency currency;
    int records;
    long controlTotal;
    long movements;
    Long opening;
    Long closing;

    Account(String number, int line) {
      this.number = number;
      this.line = line;
    }
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String nullIfEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
