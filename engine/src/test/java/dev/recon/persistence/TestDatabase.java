package dev.recon.persistence;

import java.nio.file.Path;

/** A fresh embedded database per test, in the test's temporary folder. */
public final class TestDatabase {
  private TestDatabase() {}

  public static Database h2(Path tempDir) {
    return Database.open("jdbc:h2:file:" + tempDir.resolve("recon").toAbsolutePath());
  }
}
