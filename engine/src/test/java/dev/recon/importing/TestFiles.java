package dev.recon.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Writing input files into a test's temporary folder, and catching a file's refusal. */
final class TestFiles {
  static final String BANK_HEADER =
      "Booking Date;Value Date;Debit;Credit;Currency;Counterparty;Remittance Information\n";
  static final String LEDGER_HEADER =
      "Posting Date,Document No,GL Account,Description,Debit,Credit,Currency,External Reference\n";
  static final String GATEWAY_HEADER =
      "Date,Type,Gross,Fee,Net,Currency,Payout ID,Reference,Customer,Description\n";
  static final String STRIPE_HEADER =
      "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description,"
          + "Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),"
          + "Transfer Group\n";

  private TestFiles() {}

  static Path write(Path dir, String name, String text) {
    return write(dir, name, text, StandardCharsets.UTF_8);
  }

  static Path write(Path dir, String name, String text, Charset charset) {
    return write(dir, name, text.getBytes(charset));
  }

  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The refusal the call ends in; fails the test if it returns or throws anything else. */
  static BadInput refusal(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(BadInput.class);
    return (BadInput) thrown;
  }
}
