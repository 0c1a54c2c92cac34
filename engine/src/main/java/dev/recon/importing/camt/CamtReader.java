package dev.recon.importing.camt;

import dev.recon.facts.Fact;
import dev.recon.facts.Origin;
import dev.recon.facts.Side;
import dev.recon.importing.BadInput;
import dev.recon.importing.BalanceCheck;
import dev.recon.importing.InputFile;
import dev.recon.importing.Problem;
import dev.recon.importing.StatementReference;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.normalizing.Counterparties;
import dev.recon.normalizing.References;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads ISO 20022 bank-to-customer cash management messages: camt.053 statements, camt.052 intraday
 * reports and camt.054 debit/credit notifications, versions .001.02 to .001.08 and later (the
 * elements Recon reads did not change between them). Streams with StAX: one entry at a time.
 *
 * <p>A booked entry becomes one bank item; an entry that batches several transactions ({@code
 * TxDtls}) whose amounts add up to it becomes one item per transaction, each naming the entry in
 * its text and carrying the batch's id (its {@code Btch/PmtInfId}, else the entry's {@code
 * AcctSvcrRef}) as payout id, so a ledger posting of the batch total can match them. Money in is
 * positive ({@code CRDT}), money out negative ({@code DBIT}). The reference is the structured
 * creditor reference, else a reference found in the remittance text by the profile's pattern, else
 * the end-to-end id; the counterparty is the debtor of a credit and the creditor of a debit.
 * Pending and information-only entries are skipped and counted. Where a statement carries opening
 * and closing balances, they must agree with its booked entries.
 */
public final class CamtReader {
  private static final Pattern MESSAGE =
      Pattern.compile("urn:iso:std:iso:20022:tech:xsd:(camt\\.(\\d{3})\\.001\\.(\\d{2}))");

  /** The versions of camt.052/053/054 whose elements Recon reads (they did not change). */
  private static final int VERSION_MIN = 2;

  private static final int VERSION_MAX = 13;
  private static final int SNIFF_BYTES = 4096;

  /** Longer than any camt text field (Ustrd is 140, AddtlNtryInf 500): more is damage. */
  private static final int TEXT_LENGTH_MAX = 100_000;

  private static final Pattern PLAIN_AMOUNT = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");

  private CamtReader() {}

  public record Result(
      String message, List<Fact> facts, int skippedEntries, List<BalanceCheck> checks) {}

  /** The camt message type and version the file declares (e.g. camt.053.001.08), or null. */
  public static String messageOf(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.UTF_8);
    Matcher message = MESSAGE.matcher(head);
    return message.find() ? message.group(1) : null;
  }

  private static boolean wrongEncoding(XMLStreamException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.CharConversionException
          || String.valueOf(cause.getMessage()).contains("Invalid byte")) {
        return true;
      }
    }
    return e.getNestedException() instanceof java.io.CharConversionException;
  }

  private static boolean readable(String message) {
    Matcher parts = MESSAGE.matcher("urn:iso:std:iso:20022:tech:xsd:" + message);
    if (!parts.matches()) {
      return false;
    }
    int version = Integer.parseInt(parts.group(3));
    return parts.group(2).matches("05[234]") && version >= VERSION_MIN && version <= VERSION_MAX;
  }

  /** Whether the file is XML at all (it may then be of a kind Recon does not read). */
  public static boolean looksLikeXml(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).strip();
    return head.startsWith("<") || head.startsWith("\uFEFF<");
  }

  public static Result read(InputFile file, Pattern referencePattern, String accountOverride) {
    List<Fact> facts = new ArrayList<>();
    Streamed streamed =
        stream(
            new ByteArrayInputStream(file.bytes()),
            file.name(),
            referencePattern,
            accountOverride,
            facts::add);
    return new Result(streamed.message(), facts, streamed.skippedEntries(), streamed.checks());
  }

  /** What a streamed read found besides the facts it handed on. */
  public record Streamed(
      String message, long facts, int skippedEntries, List<BalanceCheck> checks) {}

  /**
   * Reads a message from a stream, handing each fact to {@code sink} as soon as its entry ends:
   * nothing but the current statement and entry is held, so memory does not grow with the file. A
   * file with problems is refused when the stream ends; a caller that stores facts as they come
   * must therefore do so in a transaction it can roll back.
   */
  public static Streamed stream(
      InputStream input,
      String fileName,
      Pattern referencePattern,
      String accountOverride,
      Consumer<Fact> sink) {
    BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
    String message;
    try {
      in.mark(SNIFF_BYTES);
      message = messageOf(in.readNBytes(SNIFF_BYTES));
      in.reset();
    } catch (IOException e) {
      throw new BadInput(Problem.ofFile(fileName, "cannot be read: " + e.getMessage()));
    }
    if (message != null && !readable(message)) {
      throw new BadInput(
          Problem.ofFile(
              fileName,
              "is an ISO 20022 "
                  + message
                  + " message, a message or version Recon does not read; it reads camt.052,"
                  + " camt.053 and camt.054 versions .001.02 to .001."
                  + VERSION_MAX));
    }
    if (message == null) {
      throw new BadInput(
          Problem.ofFile(
              fileName,
              "is XML but not an ISO 20022 camt.052, camt.053 or camt.054 message (no"
                  + " urn:iso:std:iso:20022:tech:xsd:camt.05x namespace); Recon cannot read it"));
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // No DTDs and no external entities: an uploaded file must not make Recon fetch or expand.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    State state = new State(fileName, referencePattern, accountOverride, sink);
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          state.start(
              xml.getLocalName(),
              xml.getAttributeValue(null, "Ccy"),
              xml.getLocation().getLineNumber());
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          state.text(xml.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          state.end(xml.getLocation().getLineNumber());
        }
      }
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      if (wrongEncoding(e)) {
        state.problems.add(
            new Problem(
                fileName,
                Math.max(line, 0),
                null,
                "a byte is not valid in the encoding the XML declares (UTF-8 unless it names"
                    + " another)"
                    + (state.path.isEmpty() ? "" : " inside " + state.elementPath())
                    + ": the file was saved in another encoding; export it again as UTF-8"));
        throw new BadInput(state.problems);
      }
      state.problems.add(
          new Problem(
              fileName,
              Math.max(line, 0),
              null,
              "the XML is broken or cut off ("
                  + e.getMessage()
                      .replaceAll(
                          "(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "")
                      .strip()
                  + (state.path.isEmpty() ? "" : " inside " + state.elementPath())
                  + "); nothing of this file was stored"));
    }
    if (!state.problems.isEmpty()) {
      throw new BadInput(state.problems);
    }
    return new Streamed(message, state.factCount, state.skipped, state.checks);
  }

  /** What the reader has seen so far; one statement and one entry at a time. */
  private static final class State {
    final String file;
    final Pattern referencePattern;
    final String accountOverride;
    final Deque<String> path = new ArrayDeque<>();
    // The position of each open element among its same-named siblings, and per open element the
    // count of its children by name.
    final Deque<Integer> positions = new ArrayDeque<>();
    final Deque<java.util.Map<String, Integer>> childCounts =
        new ArrayDeque<>(List.of(new java.util.HashMap<>()));
    final StringBuilder text = new StringBuilder();
    final Consumer<Fact> sink;
    long factCount;
    final List<Problem> problems = new ArrayList<>();
    final List<BalanceCheck> checks = new ArrayList<>();
    int skipped;
    String currencyAttribute;

    // The statement (Stmt, Rpt or Ntfctn) being read.
    String statementId;
    int statementLine;
    String iban;
    String otherId;
    String accountCurrency;
    Long opening;
    Long closing;
    long movements;
    String balanceType;
    String balanceAmount;
    String balanceCurrency;
    String balanceSign;
    String balanceDate;
    String openingDate;
    String closingDate;

    // The entry being read.
    Entry entry;
    Tx tx;

    State(String file, Pattern referencePattern, String accountOverride, Consumer<Fact> sink) {
      this.file = file;
      this.referencePattern = referencePattern;
      this.accountOverride = accountOverride;
      this.sink = sink;
    }

    /** Text of the current element; a value longer than any camt field is damage or hostile. */
    void text(String chunk) {
      if (text.length() + chunk.length() > TEXT_LENGTH_MAX) {
        if (text.length() <= TEXT_LENGTH_MAX) {
          problem(0, elementPath(), "the text is longer than " + TEXT_LENGTH_MAX + " characters");
          text.append(" ");
        }
        return;
      }
      text.append(chunk);
    }

    /**
     * Where the reader is, as an XPath-like element path with positions, e.g. {@code
     * /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt}.
     */
    String elementPath() {
      StringBuilder path = new StringBuilder();
      java.util.Iterator<String> names = this.path.descendingIterator();
      java.util.Iterator<Integer> positions = this.positions.descendingIterator();
      while (names.hasNext()) {
        String name = names.next();
        int position = positions.hasNext() ? positions.next() : 1;
        path.append('/').append(name);
        if (name.equals("Stmt")
            || name.equals("Rpt")
            || name.equals("Ntfctn")
            || name.equals("Ntry")
            || name.equals("TxDtls")
            || name.equals("Bal")) {
          path.append('[').append(position).append(']');
        }
      }
      return path.toString();
    }

    void start(String name, String currency, int line) {
      path.push(name);
      positions.push(childCounts.peek().merge(name, 1, Integer::sum));
      childCounts.push(new java.util.HashMap<>());
      text.setLength(0);
      currencyAttribute = currency;
      switch (name) {
        case "Stmt", "Rpt", "Ntfctn" -> {
          statementLine = line;
          statementId = null;
          iban = null;
          otherId = null;
          accountCurrency = null;
          opening = null;
          openingDate = null;
          closingDate = null;
          closing = null;
          movements = 0;
        }
        case "Bal" -> {
          balanceType = null;
          balanceAmount = null;
          balanceSign = null;
          balanceDate = null;
        }
        case "Ntry" -> entry = new Entry(line);
        case "Amt" -> {
          if (entry != null && tx == null && parentOf(1).equals("Ntry")) {
            entry.amountLine = line;
          }
        }
        case "TxDtls" -> {
          if (entry != null) {
            tx = new Tx(line);
          }
        }
        default -> {}
      }
    }

    void end(int line) {
      String name = path.peek();
      String parent = parentOf(1);
      String value = text.toString().strip();
      text.setLength(0);
      if (entry == null) {
        statementElement(name, parent, value);
      } else if (tx != null) {
        transactionElement(name, parent, value, line);
      } else {
        entryElement(name, parent, value);
      }
      if (name.equals("Ntry") && entry != null) {
        finishEntry();
        entry = null;
      } else if (name.equals("TxDtls") && tx != null) {
        entry.txs.add(tx);
        tx = null;
      } else if (name.equals("Bal")) {
        finishBalance();
      } else if (name.equals("Stmt") || name.equals("Rpt") || name.equals("Ntfctn")) {
        finishStatement();
      }
      path.pop();
      positions.pop();
      childCounts.pop();
    }

    private String parentOf(int up) {
      int i = 0;
      for (String element : path) {
        if (i++ == up) {
          return element;
        }
      }
      return "";
    }

    private boolean under(String ancestor) {
      return path.contains(ancestor);
    }

    private void statementElement(String name, String parent, String value) {
      if (under("Bal")) {
        if (name.equals("Cd") && under("Tp")) {
          balanceType = value;
        } else if (name.equals("Amt")) {
          balanceAmount = value;
          balanceCurrency = currencyAttribute;
        } else if (name.equals("CdtDbtInd")) {
          balanceSign = value;
        } else if ((name.equals("Dt") || name.equals("DtTm")) && parent.equals("Dt")) {
          balanceDate = value;
        }
        return;
      }
      if (name.equals("Id")
          && (parent.equals("Stmt") || parent.equals("Rpt") || parent.equals("Ntfctn"))) {
        statementId = value;
      } else if (name.equals("IBAN") && under("Acct")) {
        iban = value;
      } else if (name.equals("Id") && parent.equals("Othr") && under("Acct") && !under("Svcr")) {
        otherId = value;
      } else if (name.equals("Ccy") && parent.equals("Acct")) {
        accountCurrency = value;
      }
    }

    private void entryElement(String name, String parent, String value) {
      if (under("BkTxCd")) {
        entry.code.read(name, parent, value);
        return;
      }
      switch (name) {
        case "Amt" -> {
          if (parent.equals("Ntry")) {
            entry.amount = value;
            entry.currency = currencyAttribute;
          }
        }
        case "CdtDbtInd" -> {
          if (parent.equals("Ntry")) {
            entry.sign = value;
          }
        }
        case "Sts", "Cd" -> {
          if (parent.equals("Ntry") || parent.equals("Sts") && parentOf(2).equals("Ntry")) {
            if (!value.isEmpty()) {
              entry.status = value;
            }
          }
        }
        case "Dt", "DtTm" -> {
          if (parent.equals("BookgDt")) {
            entry.bookingDate = value;
          } else if (parent.equals("ValDt")) {
            entry.valueDate = value;
          }
        }
        case "AcctSvcrRef" -> {
          if (parent.equals("Ntry")) {
            entry.servicerReference = value;
          }
        }
        case "AddtlNtryInf" -> entry.information = value;
        case "PmtInfId" -> {
          if (parent.equals("Btch")) {
            entry.batchId = value;
          }
        }
        default -> {}
      }
    }

    private void transactionElement(String name, String parent, String value, int line) {
      if (under("BkTxCd")) {
        tx.code.read(name, parent, value);
        return;
      }
      switch (name) {
        case "Amt" -> {
          if (parent.equals("TxDtls") || parent.equals("TxAmt") && under("AmtDtls")) {
            if (tx.amount == null) {
              tx.amount = value;
              tx.currency = currencyAttribute;
            }
          }
        }
        case "CdtDbtInd" -> {
          if (parent.equals("TxDtls")) {
            tx.sign = value;
          }
        }
        case "EndToEndId" -> tx.endToEnd = value;
        case "Ustrd" ->
            tx.unstructured = tx.unstructured == null ? value : tx.unstructured + " " + value;
        case "Ref" -> {
          if (parent.equals("CdtrRefInf")) {
            tx.creditorReference = value;
          }
        }
        case "IBAN" -> {
          if (under("DbtrAcct")) {
            tx.debtorIban = value;
          } else if (under("CdtrAcct")) {
            tx.creditorIban = value;
          }
        }
        case "Nm" -> {
          if (under("Dbtr") && !under("UltmtDbtr") && tx.debtor == null) {
            tx.debtor = value;
          } else if (under("Cdtr") && !under("UltmtCdtr") && tx.creditor == null) {
            tx.creditor = value;
          }
        }
        default -> {}
      }
    }

    private void finishBalance() {
      if (balanceType == null || balanceAmount == null) {
        return;
      }
      boolean openingType = balanceType.equals("OPBD") || balanceType.equals("PRCD");
      boolean closingType = balanceType.equals("CLBD");
      if (!openingType && !closingType) {
        return;
      }
      Long minor =
          signedMinor(balanceAmount, balanceCurrency, balanceSign, statementLine, "Bal/Amt");
      if (minor == null) {
        return;
      }
      if (openingType) {
        opening = minor;
        openingDate = balanceDate;
      } else {
        closing = minor;
        closingDate = balanceDate;
      }
    }

    private void finishStatement() {
      if (opening != null && closing != null) {
        checks.add(
            new BalanceCheck(
                account(),
                accountCurrency != null ? accountCurrency : balanceCurrency,
                statementId,
                statementLine,
                balanceDate(openingDate),
                opening,
                movements,
                balanceDate(closingDate),
                closing));
      }
    }

    private LocalDate balanceDate(String text) {
      return text == null ? null : date(text, statementLine, "Bal/Dt");
    }

    private String account() {
      if (accountOverride != null) {
        return accountOverride;
      }
      return iban != null ? iban : otherId;
    }

    private void finishEntry() {
      if (entry.status != null && !entry.status.equals("BOOK")) {
        skipped++;
        return;
      }
      Long entryMinor =
          signedMinor(entry.amount, entry.currency, entry.sign, entry.amountLine, "Ntry/Amt");
      if (entryMinor == null) {
        return;
      }
      LocalDate booking = date(entry.bookingDate, entry.line, "Ntry/BookgDt");
      LocalDate value =
          entry.valueDate == null ? null : date(entry.valueDate, entry.line, "Ntry/ValDt");
      if (booking == null || account() == null) {
        if (account() == null) {
          String statement = pathUpTo(java.util.Set.of("Stmt", "Rpt", "Ntfctn"));
          problem(
              statementLine,
              (statement == null ? "" : statement) + "/Acct/Id",
              "the statement names no account (IBAN or Othr/Id); pass --account");
        }
        return;
      }
      movements += entryMinor;
      List<Long> batch = entry.txs.size() >= 2 ? batchAmounts(entryMinor) : null;
      if (batch != null) {
        for (int i = 0; i < batch.size(); i++) {
          Tx each = entry.txs.get(i);
          String entryName =
              entry.servicerReference == null ? "line " + entry.line : entry.servicerReference;
          String text = "[entry " + entryName + "] " + nonNull(each.unstructured);
          add(each, batch.get(i), booking, value, text.strip(), each.line, batchId());
        }
      } else {
        Tx only = entry.txs.isEmpty() ? new Tx(entry.line) : entry.txs.get(0);
        String text = only.unstructured != null ? only.unstructured : entry.information;
        add(only, entryMinor, booking, value, text, entry.line, null);
      }
    }

    /**
     * The signed amounts of a batched entry's transactions when every one has an amount and they
     * add up to the entry; else null, and the entry is kept whole.
     */
    private List<Long> batchAmounts(long entryMinor) {
      List<Long> amounts = new ArrayList<>();
      long sum = 0;
      for (int i = 0; i < entry.txs.size(); i++) {
        Tx each = entry.txs.get(i);
        if (each.amount == null) {
          return null;
        }
        String sign = each.sign == null ? entry.sign : each.sign;
        Long minor =
            signedMinor(
                each.amount,
                each.currency,
                sign,
                each.line,
                "Ntry/NtryDtls/TxDtls[" + (i + 1) + "]/Amt");
        if (minor == null) {
          return null;
        }
        amounts.add(minor);
        sum += minor;
      }
      return sum == entryMinor ? amounts : null;
    }

    /**
     * The id a batched entry's transactions share, by which a ledger posting of the batch total
     * finds them: the batch's payment information id (the id the account owner gave the batch it
     * submitted), else the bank's reference of the entry.
     */
    private String batchId() {
      return entry.batchId != null ? entry.batchId : entry.servicerReference;
    }

    private void add(
        Tx details,
        long minor,
        LocalDate booking,
        LocalDate value,
        String text,
        int line,
        String batchId) {
      String reference =
          StatementReference.choose(
              details.creditorReference,
              referencePattern,
              details.unstructured,
              details.endToEnd,
              null);
      String counterparty = minor >= 0 ? details.debtor : details.creditor;
      // The transaction's own code where it has one, else the entry's.
      BankCode code = details.code.isEmpty() ? entry.code : details.code;
      try {
        factCount++;
        sink.accept(
            new Fact(
                Side.BANK,
                account(),
                new Money(minor, Currencies.of(entry.currency)),
                booking,
                value,
                References.clean(reference),
                reference,
                Counterparties.normalize(counterparty),
                counterparty,
                text,
                batchId,
                null,
                null,
                null,
                new Origin(file, line),
                minor >= 0 ? details.debtorIban : details.creditorIban,
                code.iso(),
                code.proprietary,
                "NOTPROVIDED".equals(details.endToEnd) ? null : details.endToEnd));
      } catch (IllegalArgumentException e) {
        problem(line, "Ntry", e.getMessage());
      }
    }

    private Long signedMinor(
        String amount, String currency, String sign, int line, String element) {
      if (amount == null || amount.isEmpty()) {
        problem(line, element, "the amount is missing");
        return null;
      }
      if (currency == null) {
        problem(line, element, "the amount has no Ccy attribute");
        return null;
      }
      if (!"CRDT".equals(sign) && !"DBIT".equals(sign)) {
        problem(
            line,
            element.replace("Amt", "CdtDbtInd"),
            "expected CRDT or DBIT, found " + (sign == null ? "nothing" : "\"" + sign + "\""));
        return null;
      }
      try {
        // ISO 20022 amounts are plain decimals of at most 18 digits: no sign, no exponent.
        if (!PLAIN_AMOUNT.matcher(amount).matches()) {
          throw new NumberFormatException(amount);
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() < 0) {
          problem(
              line,
              element,
              "\""
                  + amount
                  + "\" is negative; camt amounts are positive with CdtDbtInd for the direction");
          return null;
        }
        long minor = Money.ofDecimal(value, Currencies.of(currency)).minor();
        return sign.equals("DBIT") ? -minor : minor;
      } catch (NumberFormatException e) {
        problem(line, element, "\"" + amount + "\" is not an amount");
      } catch (IllegalArgumentException | ArithmeticException e) {
        problem(line, element, "\"" + amount + " " + currency + "\": " + e.getMessage());
      }
      return null;
    }

    private LocalDate date(String text, int line, String element) {
      if (text == null) {
        problem(line, element, "the date is missing");
        return null;
      }
      try {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (DateTimeParseException e) {
        problem(line, element, "\"" + text + "\" is not a date (expected YYYY-MM-DD)");
        return null;
      }
    }

    private void problem(int line, String element, String message) {
      problems.add(new Problem(file, line, null, "element " + absolute(element) + ": " + message));
    }

    /**
     * An element named relative to an open ancestor ({@code Ntry/Amt}) as a path from the root with
     * positions ({@code /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt}); relative to the current
     * element when no ancestor has that name.
     */
    private String absolute(String element) {
      if (element.startsWith("/")) {
        return element;
      }
      int slash = element.indexOf('/');
      String first = slash < 0 ? element : element.substring(0, slash);
      String ancestor = pathUpTo(java.util.Set.of(first));
      if (ancestor != null) {
        return ancestor + element.substring(first.length());
      }
      return elementPath() + "/" + element;
    }

    /** The path from the root to the innermost open element with one of these names, or null. */
    private String pathUpTo(java.util.Set<String> names) {
      String full = elementPath();
      int end = -1;
      int at = 0;
      for (String part : full.substring(1).split("/")) {
        at += 1 + part.length();
        String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
        if (names.contains(name)) {
          end = at;
        }
      }
      return end < 0 ? null : full.substring(0, end);
    }

    private static String nonNull(String text) {
      return text == null ? "" : text;
    }
  }

  /**
   * A bank transaction code ({@code BkTxCd}): the ISO 20022 domain, family and sub-family, and the
   * bank's proprietary code, as given.
   */
  private static final class BankCode {
    String domain;
    String family;
    String subFamily;
    String proprietary;

    void read(String name, String parent, String value) {
      if (name.equals("Cd") && parent.equals("Domn")) {
        domain = value;
      } else if (name.equals("Cd") && parent.equals("Fmly")) {
        family = value;
      } else if (name.equals("SubFmlyCd")) {
        subFamily = value;
      } else if (name.equals("Cd") && parent.equals("Prtry")) {
        proprietary = value;
      }
    }

    boolean isEmpty() {
      return domain == null && proprietary == null;
    }

    /** {@code PMNT/RCDT/ESCT}: domain, family and sub-family as far as given; else null. */
    String iso() {
      if (domain == null) {
        return null;
      }
      StringBuilder code = new StringBuilder(domain);
      if (family != null) {
        code.append('/').append(family);
        if (subFamily != null) {
          code.append('/').append(subFamily);
        }
      }
      return code.toString();
    }
  }

  private static final class Entry {
    final int line;
    final List<Tx> txs = new ArrayList<>();
    final BankCode code = new BankCode();
    String amount;
    String currency;
    String sign;
    String status;
    String bookingDate;
    String valueDate;
    String servicerReference;
    String batchId;
    String information;
    int amountLine;

    Entry(int line) {
      this.line = line;
      this.amountLine = line;
    }
  }

  private static final class Tx {
    final int line;
    String amount;
    String currency;
    String sign;
    String endToEnd;
    String unstructured;
    String creditorReference;
    String debtor;
    String creditor;
    String debtorIban;
    String creditorIban;
    final BankCode code = new BankCode();

    Tx(int line) {
      this.line = line;
    }
  }
}
