package dev.grpccontract.assertj.internal;

import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failed check before it is thrown: its message, and the expected and actual values the {@code
 * AssertionFailedError} carries for IDE diffs.
 *
 * @param message the message factory
 * @param expected the expected value, may be {@code null}
 * @param actual the actual value, may be {@code null}
 */
public record Failure(ErrorMessageFactory message, Object expected, Object actual) {}
