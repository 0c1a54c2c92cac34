package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.facts.Fact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every camt message Recon reads (camt.052 reports, camt.053 statements, camt.054 notifications) in
 * every version from .001.02 to .001.08 gives the same entries, amounts and balances. Each fixture
 * is written from one template with that version's namespace and the shapes that changed between
 * versions: the entry status as a code ({@code <Sts>BOOK</Sts>}, up to .06) or a choice ({@code
 * <Sts><Cd>BOOK</Cd></Sts>}), the parties as {@code Dbtr/Nm} or, from .08, {@code Dbtr/Pty/Nm}, and
 * a transaction's amount under {@code AmtDtls/TxAmt} (.02) or directly.
 */
class CamtVersionsTest {
  record Message(String type, int version) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "camt.%s.001.%02d", type, version);
    }

    boolean hasBalances() {
      return !type.equals("054");
    }
  }

  static Stream<Message> messages() {
    List<Message> messages = new ArrayList<>();
    for (String type : List.of("052", "053", "054")) {
      for (int version = 2; version <= 8; version++) {
        messages.add(new Message(type, version));
      }
    }
    return messages.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void everyVersionGivesTheSameEntriesAmountsAndBalances(Message message) {
    ParsedFile parsed =
        FileParser.parse(
            InputFile.of(message + ".xml", xml(message).getBytes(StandardCharsets.UTF_8)),
            Profiles.load("bank"),
            null);

    assertThat(parsed.format()).isEqualTo(FileFormat.CAMT);
    assertThat(parsed.facts())
        .extracting(CamtVersionsTest::describe)
        .containsExactly(
            "DE89370400440532013000 125000 2026-11-09 INV20261001 NORDWIND LOGISTIK",
            "DE89370400440532013000 -8010 2026-11-09 RENT202611 HAUSVERWALTUNG MITTE",
            "DE89370400440532013000 10000 2026-11-10 INV20263001 ALPHA WERKZEUG",
            "DE89370400440532013000 5055 2026-11-10 INV20263002 BETA BAU");
    assertThat(parsed.ignoredRows()).as("the pending entry").isEqualTo(1);
    if (message.hasBalances()) {
      assertThat(parsed.balanceChecks())
          .singleElement()
          .satisfies(
              check -> {
                assertThat(check.openingMinor()).isEqualTo(100_000);
                assertThat(check.movementsMinor()).isEqualTo(132_045);
                assertThat(check.closingMinor()).isEqualTo(232_045);
                assertThat(check.agrees()).isTrue();
              });
    } else {
      assertThat(parsed.balanceChecks()).isEmpty();
    }
  }

  private static String describe(Fact fact) {
    return fact.account()
        + " "
        + fact.amount().minor()
        + " "
        + fact.bookingDate()
        + " "
        + fact.reference()
        + " "
        + fact.counterparty();
  }

  private static String xml(Message message) {
    String[] root =
        switch (message.type()) {
          case "052" -> new String[] {"BkToCstmrAcctRpt", "Rpt"};
          case "053" -> new String[] {"BkToCstmrStmt", "Stmt"};
          default -> new String[] {"BkToCstmrDbtCdtNtfctn", "Ntfctn"};
        };
    String opening = message.type().equals("052") ? "PRCD" : "OPBD";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
        + message
        + "\">\n<"
        + root[0]
        + ">\n<GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-11-10T18:00:00</CreDtTm></GrpHdr>\n<"
        + root[1]
        + ">\n<Id>ID-1</Id><CreDtTm>2026-11-10T18:00:00</CreDtTm>\n"
        + "<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\n"
        + (message.hasBalances() ? balance(opening, "1000.00") + balance("CLBD", "2320.45") : "")
        + entry(message, "1250.00", "CRDT", "BOOK", "2026-11-09", single(message, "CRDT"))
        + entry(message, "80.10", "DBIT", "BOOK", "2026-11-09", single(message, "DBIT"))
        + entry(message, "99.00", "DBIT", "PDNG", "2026-11-10", "")
        + entry(message, "150.55", "CRDT", "BOOK", "2026-11-10", batch(message))
        + "</"
        + root[1]
        + ">\n</"
        + root[0]
        + ">\n</Document>\n";
  }

  private static String balance(String type, String amount) {
    return "<Bal><Tp><CdOrPrtry><Cd>"
        + type
        + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">"
        + amount
        + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-10</Dt></Dt></Bal>\n";
  }

  private static String entry(
      Message message, String amount, String sign, String status, String date, String details) {
    String statusXml =
        message.version() <= 6 ? "<Sts>" + status + "</Sts>" : "<Sts><Cd>" + status + "</Cd></Sts>";
    return "<Ntry><Amt Ccy=\"EUR\">"
        + amount
        + "</Amt><CdtDbtInd>"
        + sign
        + "</CdtDbtInd>"
        + statusXml
        + "<BookgDt><Dt>"
        + date
        + "</Dt></BookgDt><ValDt><Dt>"
        + date
        + "</Dt></ValDt>"
        + (details.isEmpty() ? "" : "<NtryDtls>" + details + "</NtryDtls>")
        + "</Ntry>\n";
  }

  private static String single(Message message, String sign) {
    boolean credit = sign.equals("CRDT");
    return transaction(
        message,
        null,
        credit ? "Dbtr" : "Cdtr",
        credit ? "Nordwind Logistik GmbH" : "Hausverwaltung Mitte",
        credit ? "Rechnung INV-2026-1001" : "Miete RENT-2026-11");
  }

  private static String batch(Message message) {
    return "<Btch><PmtInfId>COLL-1</PmtInfId><NbOfTxs>2</NbOfTxs></Btch>"
        + transaction(message, "100.00", "Dbtr", "Alpha Werkzeug AG", "INV-2026-3001")
        + transaction(message, "50.55", "Dbtr", "Beta Bau KG", "INV-2026-3002");
  }

  private static String transaction(
      Message message, String amount, String party, String name, String remittance) {
    String amountXml = "";
    if (amount != null) {
      String amt = "<Amt Ccy=\"EUR\">" + amount + "</Amt>";
      amountXml =
          (message.version() == 2 ? "<AmtDtls><TxAmt>" + amt + "</TxAmt></AmtDtls>" : amt)
              + "<CdtDbtInd>CRDT</CdtDbtInd>";
    }
    String nameXml =
        message.version() >= 8 ? "<Pty><Nm>" + name + "</Nm></Pty>" : "<Nm>" + name + "</Nm>";
    return "<TxDtls><Refs><EndToEndId>E2E</EndToEndId></Refs>"
        + amountXml
        + "<RltdPties><"
        + party
        + ">"
        + nameXml
        + "</"
        + party
        + "></RltdPties><RmtInf><Ustrd>"
        + remittance
        + "</Ustrd></RmtInf></TxDtls>";
  }
}
