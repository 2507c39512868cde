package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.internal.ShouldHaveDescription.shouldHaveDescription;
import static dev.grpccontract.assertj.internal.ShouldHaveDescription.shouldHaveDescriptionContaining;
import static dev.grpccontract.assertj.internal.ShouldHaveDescription.shouldHaveDescriptionMatching;
import static dev.grpccontract.assertj.internal.ShouldHaveStatus.shouldHaveStatus;
import static org.assertj.core.description.EmptyTextDescription.emptyDescription;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.RetryInfo;
import dev.grpccontract.assertj.internal.ErrorDetails;
import dev.grpccontract.assertj.internal.Failure;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Status checks shared by everything that ends with a gRPC status: a {@link
 * dev.grpccontract.client.GrpcResponse}, a {@link dev.grpccontract.client.StreamResponse}, an
 * {@link io.grpc.Status}, a {@link io.grpc.StatusRuntimeException} or a {@link
 * io.grpc.StatusException}: the code, the description, and the rich error details of the {@code
 * grpc-status-details-bin} trailer.
 *
 * <p>Every check first verifies that the actual value is not {@code null}. A failure is an {@code
 * org.opentest4j.AssertionFailedError} whose expected and actual values are the two status codes
 * (or the two descriptions), so IDEs show a diff; its message shows the actual code and description
 * and, where known, the method, the response message and the trailers with secrets masked. Extend
 * {@link StatusAssert}, {@link AbstractGrpcResponseAssert} or {@link AbstractStreamResponseAssert}
 * rather than this class: its constructor is not accessible outside this package.
 *
 * @param <SELF> the type of the concrete assertion, returned by every check for chaining
 * @param <ACTUAL> the type of the value under test
 */
public abstract class AbstractStatusAssert<SELF extends AbstractStatusAssert<SELF, ACTUAL>, ACTUAL>
    extends AbstractAssert<SELF, ACTUAL> {

  /** The soft assertions that made this assertion, or {@code null}; see {@link SoftNavigation}. */
  SoftAssertionsProvider softly;

  AbstractStatusAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** Returns the status of the actual value; called only once {@code actual} is known non-null. */
  abstract Status actualStatus();

  /**
   * Returns the lines failure messages show after the status (method, response message, trailers,
   * secrets masked), each block starting with a line break; empty for none.
   */
  abstract String failureDetails();

  /**
   * Returns the rich error model ({@code google.rpc.Status} from the {@code
   * grpc-status-details-bin} trailer) of the actual value; called only once {@code actual} is known
   * non-null.
   *
   * @throws IllegalArgumentException when the trailer cannot be read as a {@code google.rpc.Status}
   *     of the same code
   */
  abstract Optional<com.google.rpc.Status> actualErrorDetails();

  /** Returns the registry that resolves {@code Any} types of the actual value; null for default. */
  JsonFormat.TypeRegistry actualTypeRegistry() {
    return null;
  }

  /**
   * Returns {@code part}, the plain assertion a navigation method made. The name follows AssertJ's
   * convention for navigation methods: when AssertJ proxied this assertion for soft assertions
   * other than {@link GrpcSoftAssertionsProvider}'s, it proxies what this returns, so the part's
   * failures are collected too.
   *
   * @param part the assertion on a part of the actual value
   * @param <A> the type of that assertion
   * @return {@code part}
   */
  protected <A extends AbstractAssert<?, ?>> A extractingForProxy(A part) {
    return part;
  }

  /** Returns {@code part} described as this assertion is, with the same representation. */
  final <A extends AbstractAssert<A, ?>> A navigated(A part) {
    if (info.hasDescription()) {
      part.describedAs(info.description());
    }
    return part.withRepresentation(info.representation());
  }

  final SELF check(Optional<Failure> failure) {
    if (failure.isPresent()) {
      throw failed(failure.get());
    }
    return myself;
  }

  /**
   * Fails as {@code isNotNull()} does, but without going through the method a soft proxy
   * intercepts: navigation methods call it to throw, not to have the failure collected and go on.
   */
  final void requireActual() {
    objects.assertNotNull(info, actual);
  }

  private ErrorDetails errorDetails() {
    requireActual();
    Optional<com.google.rpc.Status> details;
    String unreadable = null;
    try {
      details = actualErrorDetails();
    } catch (RuntimeException e) {
      details = Optional.empty();
      unreadable = String.valueOf(e.getMessage());
    }
    return new ErrorDetails(actualStatus(), details, unreadable, failureDetails());
  }

  /**
   * Verifies that the status carries a rich error detail of {@code type} (in the {@code
   * google.rpc.Status} of the {@code grpc-status-details-bin} trailer, as {@code
   * io.grpc.protobuf.StatusProto} writes it) and returns an assertion on the first such detail,
   * unpacked.
   *
   * <p>A plain {@link Status} has no trailers, so this check always fails on one; use it on a
   * response, a stream response or an exception.
   *
   * @param type the generated class of the detail, e.g. {@code com.google.rpc.BadRequest.class}
   * @param <T> the detail type
   * @return a new assertion on the unpacked detail, described as this assertion is
   * @throws AssertionError when the actual value is {@code null}, has no error details, or none of
   *     them is a {@code type}; the message lists the detail types there are
   */
  public final <T extends Message> ProtoMessageAssert hasErrorDetail(Class<T> type) {
    Objects.requireNonNull(type, "type");
    List<Message> first = new ArrayList<>(1);
    ProtoMessageAssert detail =
        SoftNavigation.navigate(
            softly,
            () -> {
              ErrorDetails details = errorDetails();
              List<T> found = details.unpack(type);
              if (found.isEmpty()) {
                throw failed(details.shouldHaveDetail(type));
              }
              first.add(found.get(0));
              return found.get(0);
            },
            ProtoMessageAssert.class,
            Message.class,
            value -> extractingForProxy(new ProtoMessageAssert(value)));
    String name =
        first.isEmpty() ? type.getName() : first.get(0).getDescriptorForType().getFullName();
    return navigated(detail).describedIn("error detail " + name, "");
  }

  /**
   * Verifies that a {@link BadRequest} error detail has a field violation for {@code field} whose
   * description contains {@code descriptionSubstring}.
   *
   * @param field the field path as the server reports it, compared exactly
   * @param descriptionSubstring text the violation's description contains (case-sensitive); empty
   *     to accept any description
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or no such violation is there; the
   *     message lists the violations there are
   */
  public SELF hasFieldViolation(String field, String descriptionSubstring) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(descriptionSubstring, "descriptionSubstring");
    return check(errorDetails().hasFieldViolation(field, descriptionSubstring));
  }

  /**
   * Verifies that an {@link ErrorInfo} error detail has the given reason and domain.
   *
   * @param reason the expected reason, compared exactly, e.g. {@code "API_DISABLED"}
   * @param domain the expected domain, compared exactly, e.g. {@code "example.com"}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or no such detail is there
   */
  public SELF hasErrorInfo(String reason, String domain) {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(domain, "domain");
    return check(errorDetails().hasErrorInfo(reason, domain));
  }

  /**
   * Verifies that a {@link RetryInfo} error detail asks the client to retry after exactly {@code
   * delay}.
   *
   * @param delay the expected retry delay, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or no such detail is there
   */
  public SELF hasRetryDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return check(errorDetails().hasRetryDelay(delay));
  }

  /**
   * Verifies that a {@link LocalizedMessage} error detail for {@code locale} has a message
   * containing {@code messageSubstring}. Locales compare as BCP-47 tags, ignoring case ({@code
   * Locale.forLanguageTag("en-US")} matches {@code "en-us"}).
   *
   * @param locale the expected locale, not {@code null}
   * @param messageSubstring text the message contains (case-sensitive)
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or no such detail is there
   */
  public SELF hasLocalizedMessage(Locale locale, String messageSubstring) {
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(messageSubstring, "messageSubstring");
    return check(errorDetails().hasLocalizedMessage(locale, messageSubstring));
  }

  /**
   * Returns an {@code AssertionFailedError} with the message of {@code factory} (after this
   * assertion's description, unless the user overrode the message) and the given expected and
   * actual values.
   */
  final AssertionError failed(ErrorMessageFactory factory, Object expected, Object actualValue) {
    return failureWithActualExpected(
        actualValue, expected, "%s", factory.create(emptyDescription(), info.representation()));
  }

  /**
   * Returns the error of {@code failure}, as {@link #failed(ErrorMessageFactory, Object, Object)}.
   */
  final AssertionError failed(Failure failure) {
    return failed(failure.message(), failure.expected(), failure.actual());
  }

  /**
   * Verifies that the status has the given code.
   *
   * @param expected the expected code, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or its code differs
   */
  public SELF hasStatus(Status.Code expected) {
    Objects.requireNonNull(expected, "expected code");
    isNotNull();
    Status status = actualStatus();
    if (status.getCode() != expected) {
      throw failed(
          shouldHaveStatus(status, expected, failureDetails()), expected, status.getCode());
    }
    return myself;
  }

  /**
   * Verifies that the status is {@link Status.Code#OK OK}: the call succeeded.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isOk() {
    return hasStatus(Status.Code.OK);
  }

  /**
   * Verifies that the status is {@link Status.Code#CANCELLED CANCELLED}: the call was cancelled,
   * typically by the caller.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isCancelled() {
    return hasStatus(Status.Code.CANCELLED);
  }

  /**
   * Verifies that the status is {@link Status.Code#UNKNOWN UNKNOWN}, the code of uncaught server
   * exceptions.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isUnknown() {
    return hasStatus(Status.Code.UNKNOWN);
  }

  /**
   * Verifies that the status is {@link Status.Code#INVALID_ARGUMENT INVALID_ARGUMENT}: the request
   * was rejected as malformed whatever the server's state.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isInvalidArgument() {
    return hasStatus(Status.Code.INVALID_ARGUMENT);
  }

  /**
   * Verifies that the status is {@link Status.Code#DEADLINE_EXCEEDED DEADLINE_EXCEEDED}: the
   * deadline passed before the call completed.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isDeadlineExceeded() {
    return hasStatus(Status.Code.DEADLINE_EXCEEDED);
  }

  /**
   * Verifies that the status is {@link Status.Code#NOT_FOUND NOT_FOUND}: a requested entity does
   * not exist.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isNotFound() {
    return hasStatus(Status.Code.NOT_FOUND);
  }

  /**
   * Verifies that the status is {@link Status.Code#ALREADY_EXISTS ALREADY_EXISTS}: the entity the
   * call tried to create exists.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isAlreadyExists() {
    return hasStatus(Status.Code.ALREADY_EXISTS);
  }

  /**
   * Verifies that the status is {@link Status.Code#PERMISSION_DENIED PERMISSION_DENIED}: the caller
   * is known but not allowed to do this.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isPermissionDenied() {
    return hasStatus(Status.Code.PERMISSION_DENIED);
  }

  /**
   * Verifies that the status is {@link Status.Code#RESOURCE_EXHAUSTED RESOURCE_EXHAUSTED}: a quota
   * or limit ran out (rate limits, message size).
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isResourceExhausted() {
    return hasStatus(Status.Code.RESOURCE_EXHAUSTED);
  }

  /**
   * Verifies that the status is {@link Status.Code#FAILED_PRECONDITION FAILED_PRECONDITION}: the
   * system is not in the state the call needs.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isFailedPrecondition() {
    return hasStatus(Status.Code.FAILED_PRECONDITION);
  }

  /**
   * Verifies that the status is {@link Status.Code#ABORTED ABORTED}: the call was aborted,
   * typically by a concurrency conflict.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isAborted() {
    return hasStatus(Status.Code.ABORTED);
  }

  /**
   * Verifies that the status is {@link Status.Code#OUT_OF_RANGE OUT_OF_RANGE}: the call went past
   * the valid range (for example reading past the end).
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isOutOfRange() {
    return hasStatus(Status.Code.OUT_OF_RANGE);
  }

  /**
   * Verifies that the status is {@link Status.Code#UNIMPLEMENTED UNIMPLEMENTED}: the server does
   * not implement or support the method.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isUnimplemented() {
    return hasStatus(Status.Code.UNIMPLEMENTED);
  }

  /**
   * Verifies that the status is {@link Status.Code#INTERNAL INTERNAL}: an invariant of the server
   * or the transport broke.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isInternal() {
    return hasStatus(Status.Code.INTERNAL);
  }

  /**
   * Verifies that the status is {@link Status.Code#UNAVAILABLE UNAVAILABLE}: the service cannot be
   * reached now; a retry may succeed.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isUnavailable() {
    return hasStatus(Status.Code.UNAVAILABLE);
  }

  /**
   * Verifies that the status is {@link Status.Code#DATA_LOSS DATA_LOSS}: data was lost or corrupted
   * beyond recovery.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isDataLoss() {
    return hasStatus(Status.Code.DATA_LOSS);
  }

  /**
   * Verifies that the status is {@link Status.Code#UNAUTHENTICATED UNAUTHENTICATED}: the call lacks
   * valid credentials.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or has another code
   */
  public SELF isUnauthenticated() {
    return hasStatus(Status.Code.UNAUTHENTICATED);
  }

  /**
   * Verifies that the status description is exactly {@code expected}.
   *
   * @param expected the expected description; {@code null} verifies that there is none
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null} or the description differs
   */
  public SELF hasDescription(String expected) {
    isNotNull();
    Status status = actualStatus();
    if (!Objects.equals(status.getDescription(), expected)) {
      throw failed(
          shouldHaveDescription(status, expected, failureDetails()),
          expected,
          status.getDescription());
    }
    return myself;
  }

  /**
   * Verifies that the status description contains {@code expected} (case-sensitive).
   *
   * @param expected the text to look for, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null}, has no description, or its
   *     description does not contain the text
   */
  public SELF hasDescriptionContaining(String expected) {
    Objects.requireNonNull(expected, "expected text");
    isNotNull();
    Status status = actualStatus();
    String description = status.getDescription();
    if (description == null || !description.contains(expected)) {
      throw failed(
          shouldHaveDescriptionContaining(status, expected, failureDetails()),
          expected,
          description);
    }
    return myself;
  }

  /**
   * Verifies that the whole status description matches the regular expression {@code regex}, as
   * {@link java.util.regex.Matcher#matches()} does (use {@code ".*text.*"} to match a part).
   *
   * @param regex a {@link Pattern} regular expression, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual value is {@code null}, has no description, or its
   *     description does not match
   * @throws java.util.regex.PatternSyntaxException when {@code regex} is not a valid expression
   */
  public SELF hasDescriptionMatching(String regex) {
    Objects.requireNonNull(regex, "regex");
    Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
    isNotNull();
    Status status = actualStatus();
    String description = status.getDescription();
    if (description == null || !pattern.matcher(description).matches()) {
      throw failed(
          shouldHaveDescriptionMatching(status, regex, failureDetails()), regex, description);
    }
    return myself;
  }
}
