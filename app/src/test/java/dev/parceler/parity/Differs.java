package dev.parceler.parity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An upstream case whose expectation Parceler deliberately does not meet: the test asserts what
 * Parceler does instead, and {@link #value()} holds the text of the documentation that tells an
 * operator so ({@link UpstreamCasesTest} fails when the page no longer says it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Differs {
    /** Where the difference is said: a page of {@code docs/}, or the README. */
    String page() default "docs/migration.md";

    /** Words that page says of each difference (compared with runs of white space made one). */
    String[] value();
}
