package dev.recon.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.recon.facts.Fact;
import dev.recon.importing.FileFormat;
import dev.recon.importing.FileParser;
import dev.recon.importing.FileSummary;
import dev.recon.importing.InputFile;
import dev.recon.importing.ParsedFile;
import dev.recon.importing.Profile;
import dev.recon.money.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Parses and normalizes a file without touching the database. With {@code --json} it prints one
 * JSON object per record and a final summary object, one per line (the format is documented in
 * README.md under "recon parse").
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = "Parses and normalizes a file without storing anything, and prints the records.")
final class ParseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--source", description = "bank, gateway or ledger (implied by --profile)")
  String source;

  @Option(
      names = "--profile",
      description = "Column-mapping profile: built-in name or .properties file")
  String profileName;

  @Option(names = "--account", description = "Account the records belong to")
  String account;

  @Option(names = "--json", description = "Print JSON lines: one object per record, then a summary")
  boolean json;

  @picocli.CommandLine.Mixin FormatOption format;

  @Parameters(paramLabel = "FILE", description = "The file to parse")
  Path file;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    JsonFactory factory = new JsonFactory();
    Consumer<Fact> print = fact -> printFact(factory, fact, out);
    FileSummary summary;
    if (FileParser.formatOf(file) == FileFormat.CAMT) {
      // camt is streamed: each record is printed as its entry ends, nothing of the file is held.
      FileFormat detected = format.check(file.getFileName().toString(), FileFormat.CAMT);
      Profile profile = ProfileChoice.resolve(spec, source, profileName, detected);
      summary = FileParser.streamCamt(file, profile, account, print);
    } else {
      InputFile input = InputFile.read(file);
      FileFormat detected = format.check(input);
      ParsedFile parsed =
          FileParser.parse(
              input, ProfileChoice.resolve(spec, source, profileName, input, detected), account);
      parsed.facts().forEach(print);
      summary = parsed.summary();
    }
    if (json) {
      out.println(json(factory, g -> writeSummary(g, summary)));
    } else {
      out.printf(Locale.ROOT, "%d records%n", summary.records());
    }
    out.flush();
    return 0;
  }

  private void printFact(JsonFactory factory, Fact fact, PrintWriter out) {
    if (json) {
      try {
        out.println(json(factory, g -> writeFact(g, fact)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      out.printf(
          Locale.ROOT,
          "%s  %-7s %-12s %15s  %s  %s%n",
          fact.origin(),
          fact.side().label(),
          fact.account(),
          fact.amount(),
          fact.bookingDate(),
          fact.reference() == null ? "" : fact.reference());
    }
  }

  private interface JsonBody {
    void write(JsonGenerator generator) throws IOException;
  }

  private static String json(JsonFactory factory, JsonBody body) throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    try (JsonGenerator generator = factory.createGenerator(text)) {
      generator.writeStartObject();
      body.write(generator);
      generator.writeEndObject();
    }
    return text.toString();
  }

  private static void writeFact(JsonGenerator g, Fact f) throws IOException {
    g.writeStringField("type", "record");
    g.writeStringField("file", f.origin().fileName());
    g.writeNumberField("line", f.origin().line());
    g.writeStringField("side", f.side().label());
    g.writeStringField("account", f.account());
    g.writeStringField("currency", f.currencyCode());
    g.writeNumberField("amount_minor", f.amount().minor());
    g.writeStringField("amount", f.amount().toDecimal().toPlainString());
    g.writeStringField("booking_date", f.bookingDate().toString());
    g.writeStringField("value_date", f.valueDate() == null ? null : f.valueDate().toString());
    g.writeStringField("reference", f.reference());
    g.writeStringField("reference_raw", f.referenceRaw());
    g.writeStringField("counterparty", f.counterparty());
    g.writeStringField("counterparty_raw", f.counterpartyRaw());
    g.writeStringField("text", f.text());
    g.writeStringField("payout_id", f.payoutId());
    g.writeStringField("kind", f.kind());
    writeMinor(g, "gross_minor", f.gross());
    writeMinor(g, "fee_minor", f.fee());
    g.writeStringField("counterparty_iban", f.counterpartyIban());
    g.writeStringField("bank_transaction_code", f.bankTransactionCode());
    g.writeStringField("bank_transaction_code_proprietary", f.bankTransactionCodeProprietary());
    g.writeStringField("end_to_end_id", f.endToEndId());
  }

  private static void writeMinor(JsonGenerator g, String name, Money money) throws IOException {
    if (money == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, money.minor());
    }
  }

  private static void writeSummary(JsonGenerator g, FileSummary parsed) throws IOException {
    g.writeStringField("type", "summary");
    g.writeStringField("file", parsed.name());
    g.writeStringField("sha256", parsed.sha256());
    g.writeStringField("format", parsed.format().label());
    g.writeStringField("profile", parsed.profile().name());
    g.writeStringField("source", parsed.profile().source().label());
    g.writeNumberField("records", parsed.records());
    g.writeNumberField("ignored", parsed.ignoredRows());
    g.writeObjectFieldStart("total_minor");
    for (Map.Entry<String, Long> total : parsed.totalMinorByCurrency().entrySet()) {
      g.writeNumberField(total.getKey(), total.getValue());
    }
    g.writeEndObject();
    // Statements that carry balances: opening + booked entries against closing.
    g.writeArrayFieldStart("statements");
    for (dev.recon.importing.BalanceCheck check : parsed.balanceChecks()) {
      g.writeStartObject();
      g.writeStringField("account", check.account());
      g.writeStringField("currency", check.currency());
      g.writeStringField("statement_id", check.statementId());
      g.writeStringField(
          "opening_date", check.openingDate() == null ? null : check.openingDate().toString());
      g.writeNumberField("opening_minor", check.openingMinor());
      g.writeNumberField("movements_minor", check.movementsMinor());
      g.writeNumberField("closing_minor", check.closingMinor());
      g.writeBooleanField("agrees", check.agrees());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
