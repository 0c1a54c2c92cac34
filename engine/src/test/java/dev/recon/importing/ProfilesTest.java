package dev.recon.importing;

import static dev.recon.importing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.facts.Side;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfilesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"bank", "ledger", "gateway", "stripe-balance"})
  void everyBuiltInProfileLoads(String name) {
    assertThat(Profiles.load(name).name()).isEqualTo(name);
  }

  @Test
  void builtInProfilesDescribeTheirLayouts() {
    Profile bank = Profiles.load("bank");
    Profile stripe = Profiles.load("stripe-balance");

    assertThat(bank.source()).isEqualTo(Side.BANK);
    assertThat(bank.delimiter()).isEqualTo(';');
    assertThat(bank.decimalComma()).isTrue();
    assertThat(bank.column(Column.MONEY_IN)).contains("Credit");
    assertThat(bank.column(Column.MONEY_OUT)).contains("Debit");
    assertThat(Profiles.load("ledger").column(Column.MONEY_IN)).contains("Debit");
    assertThat(stripe.source()).isEqualTo(Side.GATEWAY);
    assertThat(stripe.ignoredKinds()).containsExactly("payout");
    assertThat(stripe.amountSign()).isEqualTo(1);
  }

  @Test
  void defaultProfileOfASourceIsTheBuiltInOfThatName() {
    assertThat(Profiles.defaultFor(Side.LEDGER).name()).isEqualTo("ledger");
  }

  @Test
  void unknownProfileNameListsTheBuiltIns() {
    assertThatThrownBy(() -> Profiles.load("sparkasse"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown profile \"sparkasse\"; built-in profiles are bank, ledger, gateway,"
                + " stripe-balance, or give a path to a .properties file");
  }

  @Test
  void missingProfileFileIsNamed() {
    String path = dir.resolve("absent.properties").toString();

    assertThatThrownBy(() -> Profiles.load(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot read profile " + path);
  }

  @Test
  void profileMappingBothAmountAndDebitCreditIsRefused() {
    Path profile =
        write(
            dir,
            "both.properties",
            "source = bank\ncolumn.booking_date = D\ncolumn.amount = A\ncolumn.money_in = I\n"
                + "default.currency = EUR\n");

    assertThatThrownBy(() -> Profiles.load(profile.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "profile both: map either column.amount or the pair column.money_in /"
                + " column.money_out");
  }

  @Test
  void profileWithoutBookingDateIsRefused() {
    Path profile =
        write(
            dir, "nodate.properties", "source = bank\ncolumn.amount = A\ndefault.currency = EUR\n");

    assertThatThrownBy(() -> Profiles.load(profile.toString()))
        .hasMessage("profile nodate: column.booking_date is required");
  }

  @Test
  void profileWithoutAnyCurrencyIsRefused() {
    Path profile =
        write(
            dir, "nocur.properties", "source = bank\ncolumn.amount = A\ncolumn.booking_date = D\n");

    assertThatThrownBy(() -> Profiles.load(profile.toString()))
        .hasMessage("profile nocur: map column.currency or set default.currency");
  }

  @Test
  void profileWithAnUnknownEncodingIsRefused() {
    Path profile =
        write(
            dir,
            "enc.properties",
            "source = bank\ncolumn.amount = A\ncolumn.booking_date = D\ndefault.currency = EUR\n"
                + "encoding = latin-9000\n");

    assertThatThrownBy(() -> Profiles.load(profile.toString()))
        .hasMessage("profile enc: unknown encoding \"latin-9000\"");
  }

  @Test
  void profileWithABrokenReferencePatternIsRefused() {
    Path profile =
        write(
            dir,
            "re.properties",
            "source = bank\ncolumn.amount = A\ncolumn.booking_date = D\ndefault.currency = EUR\n"
                + "reference.pattern = (INV-\n");

    assertThatThrownBy(() -> Profiles.load(profile.toString()))
        .hasMessageStartingWith("profile re: reference.pattern is not a valid regex");
  }

  @Test
  void profileFileIsReadAsUtf8() {
    Path profile =
        write(
            dir,
            "de.properties",
            "source = bank\ncolumn.amount = Betrag\ncolumn.booking_date = Buchungstag\n"
                + "column.currency = Währung\n",
            StandardCharsets.UTF_8);

    assertThat(Profiles.load(profile.toString()).column(Column.CURRENCY)).contains("Währung");
  }
}
