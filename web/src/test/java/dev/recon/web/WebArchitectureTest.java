package dev.recon.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The web module's boundary: it reaches the database only through the engine's stores and services,
 * and rules only through the engine's matching package; never jOOQ, JDBC or Drools.
 */
@AnalyzeClasses(packages = "dev.recon.web", importOptions = ImportOption.DoNotIncludeTests.class)
class WebArchitectureTest {
  @ArchTest
  static final ArchRule webNeverTouchesSqlOrRulesDirectly =
      noClasses()
          .that()
          .resideInAPackage("dev.recon.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.jooq..", "dev.recon.db.jooq..", "java.sql..", "org.drools..", "org.kie..");
}
