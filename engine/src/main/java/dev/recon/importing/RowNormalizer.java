package dev.recon.importing;

import dev.recon.facts.Fact;
import dev.recon.facts.Origin;
import dev.recon.money.Currencies;
import dev.recon.money.Money;
import dev.recon.normalizing.AmountText;
import dev.recon.normalizing.Counterparties;
import dev.recon.normalizing.References;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Turns the rows of one table into facts by a profile. Every problem is collected (up to {@link
 * #PROBLEMS_MAX}) so the user sees all broken lines at once; any problem refuses the whole file.
 *
 * <p>Signs: a single amount column is taken as written (times the profile's amount.sign); with a
 * money-in / money-out pair the amount is |in| - |out|, whatever sign the file put on either.
 */
final class RowNormalizer {
  static final int PROBLEMS_MAX = 50;

  /**
   * Rows a task normalizes: large enough that sharing out a big table costs nothing to speak of.
   */
  private static final int CHUNK_ROWS = 20_000;

  private final Profile profile;
  private final String fileName;
  private final String accountOverride;
  private final Map<Column, Integer> index = new EnumMap<>(Column.class);

  RowNormalizer(Profile profile, String fileName, String accountOverride) {
    this.profile = profile;
    this.fileName = fileName;
    this.accountOverride = accountOverride;
  }

  /** Chunks read ahead of the sink: enough to keep every core busy, few enough to bound memory. */
  private static final int CHUNKS_AHEAD = 8;

  /**
   * Normalizes a table as it is read, handing its facts to {@code sink} in row order, and returns
   * how many rows were skipped. One thread reads the rows; as each chunk of them is read it is
   * normalized on a free core (rows are independent of each other), while the sink takes the chunks
   * done, in order. So a sink that stores facts works while later rows are still being read, and
   * the facts, and the first problems, are those of one pass. Once a problem is found the sink gets
   * nothing more, and the problems (up to {@link #PROBLEMS_MAX}) are thrown when the whole table
   * has been checked: a sink that stores must roll back.
   */
  int normalize(RowSource source, Consumer<Fact> sink) {
    List<String> header = source.header();
    locateColumns(header);
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService normalizers = Executors.newFixedThreadPool(cores, threads("normalize"));
    ExecutorService reader = Executors.newSingleThreadExecutor(threads("read"));
    BlockingQueue<Future<Chunk>> done = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    try {
      reader.submit(
          () -> {
            try {
              for (List<RawRow> rows = source.next(CHUNK_ROWS);
                  !rows.isEmpty();
                  rows = source.next(CHUNK_ROWS)) {
                List<RawRow> run = rows;
                done.put(normalizers.submit(() -> normalize(header, run)));
              }
              done.put(END_OF_TABLE);
            } catch (RuntimeException | Error e) {
              done.put(CompletableFuture.failedFuture(e));
            }
            return null;
          });
      List<Problem> problems = new ArrayList<>();
      int ignored = 0;
      long rows = 0;
      for (Future<Chunk> next = take(done); next != END_OF_TABLE; next = take(done)) {
        Chunk chunk = done(next);
        if (problems.isEmpty() && chunk.problems().isEmpty()) {
          chunk.facts().forEach(sink);
        }
        if (problems.size() < PROBLEMS_MAX) {
          problems.addAll(chunk.problems());
        }
        ignored += chunk.ignored();
        rows += chunk.rows();
      }
      if (!source.shapeProblems().isEmpty()) {
        throw new BadInput(source.shapeProblems());
      }
      if (rows == 0) {
        throw new BadInput(Problem.ofFile(fileName, "has a header but no records"));
      }
      if (!problems.isEmpty()) {
        throw new BadInput(problems.subList(0, Math.min(problems.size(), PROBLEMS_MAX)));
      }
      return ignored;
    } finally {
      reader.shutdownNow();
      normalizers.shutdownNow();
    }
  }

  /** Put after a table's last chunk. */
  private static final Future<Chunk> END_OF_TABLE = CompletableFuture.completedFuture(null);

  private java.util.concurrent.ThreadFactory threads(String task) {
    return work -> {
      Thread thread = new Thread(work, "recon-" + task + " " + fileName);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static Future<Chunk> take(BlockingQueue<Future<Chunk>> done) {
    try {
      return done.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a table", e);
    }
  }

  /** A chunk's result, with what went wrong in it thrown as it was thrown there. */
  private static Chunk done(Future<Chunk> chunk) {
    try {
      return chunk.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while normalizing", e);
    }
  }

  /** What a run of rows gave: its facts, its problems (at most {@link #PROBLEMS_MAX}), skipped. */
  private record Chunk(List<Fact> facts, List<Problem> problems, int ignored, int rows) {}

  private Chunk normalize(List<String> header, List<RawRow> rows) {
    List<Fact> facts = new ArrayList<>(rows.size());
    List<Problem> problems = new ArrayList<>();
    int ignored = 0;
    for (RawRow row : rows) {
      String kind = profile.kindNames().kindOf(lower(value(row, Column.KIND)));
      if (kind != null && profile.ignoredKinds().contains(kind)) {
        ignored++;
        continue;
      }
      try {
        facts.add(fact(row, kind));
      } catch (FieldProblem e) {
        problems.add(new Problem(fileName, row.line(), header(header, e.column), e.getMessage()));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(fileName, row.line(), null, e.getMessage()));
      }
      if (problems.size() >= PROBLEMS_MAX) {
        break;
      }
    }
    return new Chunk(facts, problems, ignored, rows.size());
  }

  private void locateColumns(List<String> header) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<Column, String> mapped : profile.columns().entrySet()) {
      int position = indexOfIgnoreCase(header, mapped.getValue());
      if (position < 0) {
        missing.add("\"" + mapped.getValue() + "\" (" + mapped.getKey().key() + ")");
      } else {
        index.put(mapped.getKey(), position);
      }
    }
    if (!missing.isEmpty()) {
      String delimiterHint =
          header.size() == 1
              ? " The header was read as a single column: the file may not be separated by '"
                  + profile.delimiter()
                  + "' as profile "
                  + profile.name()
                  + " expects."
              : "";
      throw new BadInput(
          Problem.ofFile(
              fileName,
              "missing column "
                  + String.join(", ", missing)
                  + " that profile "
                  + profile.name()
                  + " expects; the file's columns are: "
                  + String.join(", ", header)
                  + "."
                  + delimiterHint
                  + " Choose the matching profile with --profile"));
    }
  }

  private Fact fact(RawRow row, String kind) {
    Currency currency = currency(row);
    Money amount = amount(row, currency);
    LocalDate booking = date(row, Column.BOOKING_DATE);
    if (booking == null) {
      throw new FieldProblem(Column.BOOKING_DATE, "booking date is empty");
    }
    String referenceRaw = value(row, Column.REFERENCE);
    String text = value(row, Column.TEXT);
    String counterpartyRaw = value(row, Column.COUNTERPARTY);
    return new Fact(
        profile.source(),
        account(row),
        amount,
        booking,
        date(row, Column.VALUE_DATE),
        References.extract(profile.referencePattern(), referenceRaw, text),
        referenceRaw,
        Counterparties.normalize(counterpartyRaw),
        counterpartyRaw,
        text,
        value(row, Column.PAYOUT_ID),
        kind,
        money(row, Column.GROSS, currency),
        money(row, Column.FEE, currency),
        new Origin(fileName, row.line()));
  }

  private String account(RawRow row) {
    if (accountOverride != null) {
      return accountOverride;
    }
    String fromColumn = value(row, Column.ACCOUNT);
    if (fromColumn != null) {
      return fromColumn;
    }
    if (profile.defaultAccount() != null) {
      return profile.defaultAccount();
    }
    throw new IllegalArgumentException(
        "no account: pass --account, or map column.account or set default.account in the profile");
  }

  private Currency currency(RawRow row) {
    String code = profile.hasColumn(Column.CURRENCY) ? value(row, Column.CURRENCY) : null;
    try {
      return Currencies.of(code != null ? code : profile.defaultCurrency());
    } catch (IllegalArgumentException e) {
      throw new FieldProblem(Column.CURRENCY, e.getMessage());
    }
  }

  private Money amount(RawRow row, Currency currency) {
    if (profile.hasColumn(Column.AMOUNT)) {
      Money amount = money(row, Column.AMOUNT, currency);
      if (amount == null) {
        throw new FieldProblem(Column.AMOUNT, "amount is empty");
      }
      return profile.amountSign() < 0 ? amount.negate() : amount;
    }
    Money in = money(row, Column.MONEY_IN, currency);
    Money out = money(row, Column.MONEY_OUT, currency);
    if (in == null && out == null) {
      Column where = profile.hasColumn(Column.MONEY_IN) ? Column.MONEY_IN : Column.MONEY_OUT;
      throw new FieldProblem(where, "both the money-in and the money-out column are empty");
    }
    long inMinor = in == null ? 0 : Math.abs(in.minor());
    long outMinor = out == null ? 0 : Math.abs(out.minor());
    if (inMinor != 0 && outMinor != 0) {
      throw new FieldProblem(
          Column.MONEY_IN,
          "both the money-in ("
              + in.toDecimal().toPlainString()
              + ") and the money-out column ("
              + out.toDecimal().toPlainString()
              + ") hold an amount; a row must be one or the other");
    }
    return new Money(inMinor - outMinor, currency);
  }

  private Money money(RawRow row, Column column, Currency currency) {
    String text = value(row, column);
    try {
      BigDecimal decimal = AmountText.parse(text, profile.decimalComma());
      return decimal == null ? null : Money.ofDecimal(decimal, currency);
    } catch (IllegalArgumentException e) {
      throw new FieldProblem(column, e.getMessage());
    }
  }

  private LocalDate date(RawRow row, Column column) {
    try {
      return profile.dates().parse(value(row, column));
    } catch (IllegalArgumentException e) {
      throw new FieldProblem(column, e.getMessage());
    }
  }

  private String value(RawRow row, Column column) {
    Integer position = index.get(column);
    if (position == null) {
      return null;
    }
    String cell = row.cell(position);
    return cell == null || cell.isBlank() ? null : cell.strip();
  }

  private String header(List<String> header, Column column) {
    Integer position = index.get(column);
    return position == null ? profile.column(column).orElse(null) : header.get(position);
  }

  private static int indexOfIgnoreCase(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  /** A field-level problem, carrying which column to name in the message. */
  private static final class FieldProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Column column;

    FieldProblem(Column column, String message) {
      super(message, null, false, false);
      this.column = column;
    }
  }
}
