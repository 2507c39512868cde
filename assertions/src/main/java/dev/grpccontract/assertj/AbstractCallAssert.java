package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.internal.ShouldHaveDurationLessThan.shouldHaveDurationLessThan;

import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.assertj.internal.MetadataChecks;
import dev.grpccontract.client.GrpcResult;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks shared by the outcomes of calls of the dynamic client, a {@link
 * dev.grpccontract.client.GrpcResponse} and a {@link dev.grpccontract.client.StreamResponse}: every
 * status check of {@link AbstractStatusAssert}, plus headers, trailers and duration.
 *
 * <p>Extend {@link AbstractGrpcResponseAssert} or {@link AbstractStreamResponseAssert} rather than
 * this class: its constructor is not accessible outside this package.
 *
 * @param <SELF> the type of the concrete assertion, returned by every check for chaining
 * @param <ACTUAL> the type of the call outcome under test
 */
public abstract class AbstractCallAssert<
        SELF extends AbstractCallAssert<SELF, ACTUAL>, ACTUAL extends GrpcResult>
    extends AbstractStatusAssert<SELF, ACTUAL> {

  AbstractCallAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  @Override
  final Status actualStatus() {
    return actual.status();
  }

  @Override
  final Optional<com.google.rpc.Status> actualErrorDetails() {
    return actual.errorDetails();
  }

  @Override
  final JsonFormat.TypeRegistry actualTypeRegistry() {
    return actual.typeRegistry();
  }

  /** Returns the full method name of the call; {@code actual} is known non-null. */
  final String actualMethod() {
    return actual.method();
  }

  /** Returns the headers of the call; {@code actual} is known non-null. */
  final Metadata actualHeaders() {
    return actual.headers();
  }

  /** Returns the trailers of the call; {@code actual} is known non-null. */
  final Metadata actualTrailers() {
    return actual.trailers();
  }

  /** Returns the duration of the call; {@code actual} is known non-null. */
  final Duration actualDuration() {
    return actual.duration();
  }

  final String methodLine() {
    return "\nmethod: " + actualMethod();
  }

  /**
   * Verifies that the ASCII header {@code key} has {@code value} among its values.
   *
   * @param key an ASCII header name, any case
   * @param value the expected value, compared exactly
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or the header lacks the value
   * @throws IllegalArgumentException when {@code key} is a binary ({@code -bin}) key
   */
  public SELF hasHeader(String key, String value) {
    isNotNull();
    return check(MetadataChecks.hasValue("headers", actualHeaders(), key, value, methodLine()));
  }

  /**
   * Verifies that the binary header {@code key} (ending with {@code -bin}) has {@code value} among
   * its values.
   *
   * @param key a binary header name, any case
   * @param value the expected bytes, compared exactly
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or the header lacks the value
   * @throws IllegalArgumentException when {@code key} is an ASCII key
   */
  public SELF hasHeader(String key, byte[] value) {
    isNotNull();
    return check(MetadataChecks.hasValue("headers", actualHeaders(), key, value, methodLine()));
  }

  /**
   * Verifies that the ASCII trailer {@code key} has {@code value} among its values.
   *
   * @param key an ASCII trailer name, any case
   * @param value the expected value, compared exactly
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or the trailer lacks the value
   * @throws IllegalArgumentException when {@code key} is a binary ({@code -bin}) key
   */
  public SELF hasTrailer(String key, String value) {
    isNotNull();
    return check(MetadataChecks.hasValue("trailers", actualTrailers(), key, value, methodLine()));
  }

  /**
   * Verifies that the binary trailer {@code key} (ending with {@code -bin}) has {@code value} among
   * its values.
   *
   * @param key a binary trailer name, any case
   * @param value the expected bytes, compared exactly
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or the trailer lacks the value
   * @throws IllegalArgumentException when {@code key} is an ASCII key
   */
  public SELF hasTrailer(String key, byte[] value) {
    isNotNull();
    return check(MetadataChecks.hasValue("trailers", actualTrailers(), key, value, methodLine()));
  }

  /**
   * Returns an assertion on the headers, described as this assertion is.
   *
   * @return a new assertion on a copy of the headers
   * @throws AssertionError when the actual value is {@code null}
   */
  public final MetadataAssert headers() {
    return metadata("headers", this::actualHeaders);
  }

  /**
   * Returns an assertion on the trailers, described as this assertion is.
   *
   * @return a new assertion on a copy of the trailers
   * @throws AssertionError when the actual value is {@code null}
   */
  public final MetadataAssert trailers() {
    return metadata("trailers", this::actualTrailers);
  }

  private MetadataAssert metadata(String subject, Supplier<Metadata> metadata) {
    MetadataAssert part =
        SoftNavigation.navigate(
            softly,
            () -> {
              requireActual();
              return metadata.get();
            },
            MetadataAssert.class,
            Metadata.class,
            value -> extractingForProxy(new MetadataAssert(value)));
    return navigated(part).describedIn(subject, actual == null ? "" : methodLine());
  }

  /**
   * Verifies that the call took less than {@code max}, from its start to its final status.
   *
   * @param max the exclusive upper bound, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or the call took {@code max} or
   *     longer
   */
  public SELF hasDurationLessThan(Duration max) {
    Objects.requireNonNull(max, "max");
    isNotNull();
    Duration duration = actualDuration();
    if (duration.compareTo(max) >= 0) {
      throw failed(shouldHaveDurationLessThan(actualMethod(), max, duration), max, duration);
    }
    return myself;
  }
}
