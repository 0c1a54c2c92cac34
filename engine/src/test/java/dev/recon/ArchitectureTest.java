package dev.recon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's boundaries, as tests: a change that crosses one fails the build. */
@AnalyzeClasses(packages = "dev.recon", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule engineNeverUsesTheWebModule =
      noClasses().should().dependOnClassesThat().resideInAPackage("dev.recon.web..");

  @ArchTest
  static final ArchRule onlyPersistenceTouchesJooqAndTheGeneratedSchema =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.recon.persistence..", "dev.recon.db..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jooq..", "dev.recon.db.jooq..");

  @ArchTest
  static final ArchRule onlyMatchingUsesDrools =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.recon.matching..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.drools..", "org.kie..");

  @ArchTest
  static final ArchRule moneyAndFactsAreKernelsThatUseOnlyTheJdk =
      classes()
          .that()
          .resideInAnyPackage("dev.recon.money..", "dev.recon.facts..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.recon.money..", "dev.recon.facts..");

  @ArchTest
  static final ArchRule theMatchingCoreNeverReadsTheDatabase =
      noClasses()
          .that()
          .haveSimpleNameStartingWith("Match")
          .and()
          .resideInAPackage("dev.recon.matching")
          .and()
          .doNotHaveSimpleName("MatchRunner")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.recon.persistence..", "java.sql..", "java.io..", "java.nio.file..");

  @ArchTest
  static final ArchRule normalizingIsPure =
      noClasses()
          .that()
          .resideInAPackage("dev.recon.normalizing..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.recon.persistence..", "java.sql..", "java.nio.file..");
}
