package dev.recon.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a class once per {@link TestDatabase.Backend} (H2 and PostgreSQL). The class
 * receives its backend in a field {@code @Parameter TestDatabase.Backend backend} and opens its
 * database with {@link TestDatabase#open}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Backend.class)
public @interface EveryDatabase {}
