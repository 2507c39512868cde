package dev.grpccontract.assertj;

import static org.assertj.core.description.EmptyTextDescription.emptyDescription;

import dev.grpccontract.assertj.internal.Failure;
import dev.grpccontract.assertj.internal.MetadataChecks;
import io.grpc.Metadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on gRPC {@link Metadata}: headers, trailers, or metadata a test built itself.
 *
 * <p>Keys are case-insensitive, as in gRPC. ASCII keys take {@code String} values; binary keys
 * (ending with {@code -bin}) take {@code byte[]} values, and mixing them up is a mistake in the
 * test ({@link IllegalArgumentException}). Every check first verifies that the actual metadata is
 * not {@code null}. Failures are {@code org.opentest4j.AssertionFailedError}s whose messages print
 * the metadata with the values of {@code authorization}, {@code cookie}, {@code set-cookie} and
 * {@code x-api-key} masked as {@code ***}.
 *
 * @param <SELF> the type of the concrete assertion, returned by every check for chaining
 * @param <ACTUAL> the type of the metadata under test
 */
public abstract class AbstractMetadataAssert<
        SELF extends AbstractMetadataAssert<SELF, ACTUAL>, ACTUAL extends Metadata>
    extends AbstractAssert<SELF, ACTUAL> {

  private String subject = "metadata";
  private String details = "";

  /**
   * Creates an assertion on metadata.
   *
   * @param actual the metadata under test; {@code null} fails every check
   * @param selfType the class of the concrete assertion
   */
  protected AbstractMetadataAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** Names the metadata in failure messages and adds lines after them; for navigation. */
  final SELF describedIn(String subject, String details) {
    this.subject = subject;
    this.details = details;
    return myself;
  }

  /**
   * Verifies that the metadata has at least one value for {@code key}.
   *
   * @param key the key name, ASCII or binary, any case
   * @return this assertion, for chaining
   * @throws AssertionError when the actual metadata is {@code null} or lacks the key
   * @throws IllegalArgumentException when {@code key} is not a valid metadata key name
   */
  public SELF containsKey(String key) {
    isNotNull();
    return check(MetadataChecks.containsKey(subject, actual, key, details));
  }

  /**
   * Verifies that the metadata has no value for {@code key}.
   *
   * @param key the key name, ASCII or binary, any case
   * @return this assertion, for chaining
   * @throws AssertionError when the actual metadata is {@code null} or has the key
   */
  public SELF doesNotContainKey(String key) {
    isNotNull();
    return check(MetadataChecks.doesNotContainKey(subject, actual, key, details));
  }

  /**
   * Verifies that the ASCII {@code key} has {@code value} among its values (a key may repeat).
   *
   * @param key an ASCII key name, any case
   * @param value the expected value, compared exactly
   * @return this assertion, for chaining
   * @throws AssertionError when the actual metadata is {@code null} or the key lacks the value
   * @throws IllegalArgumentException when {@code key} is a binary ({@code -bin}) key: pass a {@code
   *     byte[]} then
   */
  public SELF hasValue(String key, String value) {
    isNotNull();
    return check(MetadataChecks.hasValue(subject, actual, key, value, details));
  }

  /**
   * Verifies that the binary {@code key} has {@code value} among its values (a key may repeat).
   *
   * @param key a binary key name (ending with {@code -bin}), any case
   * @param value the expected bytes, compared exactly
   * @return this assertion, for chaining
   * @throws AssertionError when the actual metadata is {@code null} or the key lacks the value
   * @throws IllegalArgumentException when {@code key} is an ASCII key: pass a {@code String} then
   */
  public SELF hasValue(String key, byte[] value) {
    isNotNull();
    return check(MetadataChecks.hasValue(subject, actual, key, value, details));
  }

  /**
   * Verifies that some value of the ASCII {@code key} matches the regular expression {@code regex}
   * as a whole, as {@link java.util.regex.Matcher#matches()} does (use {@code ".*text.*"} to match
   * a part). Failure messages mask the values of secret keys.
   *
   * @param key an ASCII key name, any case
   * @param regex a {@link java.util.regex.Pattern} regular expression, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual metadata is {@code null} or no value matches
   * @throws IllegalArgumentException when {@code key} is a binary ({@code -bin}) key
   * @throws java.util.regex.PatternSyntaxException when {@code regex} is not a valid expression
   */
  public SELF hasValueMatching(String key, String regex) {
    isNotNull();
    return check(MetadataChecks.hasValueMatching(subject, actual, key, regex, details));
  }

  /**
   * Verifies that the ASCII {@code key} has exactly {@code values}, in the order they were added (a
   * key may repeat). Use {@link #doesNotContainKey(String)} to verify that a key is absent.
   *
   * @param key an ASCII key name, any case
   * @param values the expected values, in order
   * @return this assertion, for chaining
   * @throws AssertionError when the actual metadata is {@code null} or the values differ
   * @throws IllegalArgumentException when {@code key} is a binary ({@code -bin}) key
   */
  public SELF hasValues(String key, String... values) {
    Objects.requireNonNull(values, "values");
    isNotNull();
    return check(MetadataChecks.hasValues(subject, actual, key, List.of(values), details));
  }

  /**
   * Verifies that the binary {@code key} (ending with {@code -bin}) has exactly {@code values}, in
   * the order they were added.
   *
   * @param key a binary key name, any case
   * @param values the expected bytes, in order
   * @return this assertion, for chaining
   * @throws AssertionError when the actual metadata is {@code null} or the values differ
   * @throws IllegalArgumentException when {@code key} is an ASCII key
   */
  public SELF hasValues(String key, byte[]... values) {
    Objects.requireNonNull(values, "values");
    isNotNull();
    return check(MetadataChecks.hasBinaryValues(subject, actual, key, List.of(values), details));
  }

  private SELF check(Optional<Failure> failure) {
    if (failure.isPresent()) {
      Failure f = failure.get();
      throw failureWithActualExpected(
          f.actual(),
          f.expected(),
          "%s",
          f.message().create(emptyDescription(), info.representation()));
    }
    return myself;
  }
}
