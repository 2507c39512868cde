package dev.grpccontract.assertj.internal;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.RetryInfo;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * The rich error model of a status ({@code google.rpc.Status} with {@code Any} details) and the
 * checks on it. Each check returns the failure, or empty when it passes.
 */
public final class ErrorDetails {

  private final Status status;
  private final Optional<com.google.rpc.Status> details;
  private final String unreadable;
  private final String trailingDetails;

  /**
   * Creates the error model of a status.
   *
   * @param status the gRPC status
   * @param details the rich error model, empty when the status has none
   * @param unreadable why the details trailer could not be read, or {@code null}
   * @param trailingDetails lines failure messages add at the end; may be empty
   */
  public ErrorDetails(
      Status status,
      Optional<com.google.rpc.Status> details,
      String unreadable,
      String trailingDetails) {
    this.status = status;
    this.details = details;
    this.unreadable = unreadable;
    this.trailingDetails = trailingDetails;
  }

  /** Returns every detail of {@code type}, unpacked, in order. */
  public <T extends Message> List<T> unpack(Class<T> type) {
    List<T> found = new ArrayList<>();
    if (details.isEmpty()) {
      return found;
    }
    for (Any any : details.get().getDetailsList()) {
      if (any.is(type)) {
        try {
          found.add(any.unpack(type));
        } catch (InvalidProtocolBufferException e) {
          // A detail that claims the type but does not parse does not count as one.
        }
      }
    }
    return found;
  }

  /** Returns the failure for a status without a detail of {@code type}. */
  public Failure shouldHaveDetail(Class<? extends Message> type) {
    String name = ProtoJson.defaultInstanceOf(type).getDescriptorForType().getFullName();
    return failure(
        "an error detail of type " + name,
        name,
        details.map(d -> d.getDetailsCount() == 0 ? null : typeNames()).orElse(null),
        typesText());
  }

  /** Checks for a {@code BadRequest} field violation. */
  public Optional<Failure> hasFieldViolation(String field, String descriptionSubstring) {
    List<String> violations = new ArrayList<>();
    for (BadRequest request : unpack(BadRequest.class)) {
      for (BadRequest.FieldViolation violation : request.getFieldViolationsList()) {
        if (violation.getField().equals(field)
            && violation.getDescription().contains(descriptionSubstring)) {
          return Optional.empty();
        }
        violations.add(violation.getField() + ": " + Texts.quote(violation.getDescription()));
      }
    }
    String expected = field + ": " + Texts.quote(descriptionSubstring);
    return Optional.of(
        failure(
            "a BadRequest field violation of field "
                + Texts.quote(field)
                + " with a description containing "
                + Texts.quote(descriptionSubstring),
            expected,
            violations.isEmpty() ? null : String.join("\n", violations),
            violations.isEmpty() ? noneOf("BadRequest field violations") : list(violations)));
  }

  /** Checks for an {@code ErrorInfo} with the reason and domain. */
  public Optional<Failure> hasErrorInfo(String reason, String domain) {
    List<String> infos = new ArrayList<>();
    for (ErrorInfo info : unpack(ErrorInfo.class)) {
      if (info.getReason().equals(reason) && info.getDomain().equals(domain)) {
        return Optional.empty();
      }
      infos.add("reason " + Texts.quote(info.getReason()) + ", domain " + quoteDomain(info));
    }
    String expected = "reason " + Texts.quote(reason) + ", domain " + Texts.quote(domain);
    return Optional.of(
        failure(
            "an ErrorInfo with " + expected,
            expected,
            infos.isEmpty() ? null : String.join("\n", infos),
            infos.isEmpty() ? noneOf("ErrorInfo details") : list(infos)));
  }

  private static String quoteDomain(ErrorInfo info) {
    return Texts.quote(info.getDomain());
  }

  /** Checks for a {@code RetryInfo} with the delay. */
  public Optional<Failure> hasRetryDelay(Duration delay) {
    List<String> delays = new ArrayList<>();
    for (RetryInfo info : unpack(RetryInfo.class)) {
      Duration actual =
          Duration.ofSeconds(info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos());
      if (actual.equals(delay)) {
        return Optional.empty();
      }
      delays.add(actual.toString());
    }
    return Optional.of(
        failure(
            "a RetryInfo with retry delay " + delay,
            delay.toString(),
            delays.isEmpty() ? null : String.join("\n", delays),
            delays.isEmpty() ? noneOf("RetryInfo details") : list(delays)));
  }

  /** Checks for a {@code LocalizedMessage} of the locale whose message contains the text. */
  public Optional<Failure> hasLocalizedMessage(Locale locale, String messageSubstring) {
    String tag = locale.toLanguageTag();
    List<String> messages = new ArrayList<>();
    for (LocalizedMessage message : unpack(LocalizedMessage.class)) {
      if (message.getLocale().equalsIgnoreCase(tag)
          && message.getMessage().contains(messageSubstring)) {
        return Optional.empty();
      }
      messages.add(message.getLocale() + ": " + Texts.quote(message.getMessage()));
    }
    String expected = tag + ": " + Texts.quote(messageSubstring);
    return Optional.of(
        failure(
            "a LocalizedMessage for locale "
                + tag
                + " with a message containing "
                + Texts.quote(messageSubstring),
            expected,
            messages.isEmpty() ? null : String.join("\n", messages),
            messages.isEmpty() ? noneOf("LocalizedMessage details") : list(messages)));
  }

  private String noneOf(String what) {
    if (details.isEmpty()) {
      return typesText();
    }
    return "there are no " + what + "; the detail types are: " + typeNames();
  }

  private static String list(List<String> items) {
    return "there are:\n"
        + items.stream().map(item -> "  " + item).collect(Collectors.joining("\n"));
  }

  private String typesText() {
    if (unreadable != null) {
      return "the grpc-status-details-bin trailer cannot be read: " + unreadable;
    }
    if (details.isEmpty()) {
      return "the status has no error details (no grpc-status-details-bin trailer)";
    }
    if (details.get().getDetailsCount() == 0) {
      return "its error details have no detail messages";
    }
    return "the detail types are: " + typeNames();
  }

  private String typeNames() {
    return details.get().getDetailsList().stream()
        .map(any -> any.getTypeUrl().substring(any.getTypeUrl().lastIndexOf('/') + 1))
        .collect(Collectors.joining(", "));
  }

  private Failure failure(String wanted, Object expected, Object actual, String found) {
    String model =
        details.isPresent()
            ? "\nerror details:\n" + Texts.indent(ProtoJson.pretty(details.get()))
            : "";
    return new Failure(
        new BasicErrorMessageFactory(
            "%nExpecting gRPC error details to contain %s%nbut %s%nstatus:%n  %s%s%s",
            TextFactory.unquotedString(wanted),
            TextFactory.unquotedString(found),
            TextFactory.unquotedString(Texts.status(status)),
            TextFactory.unquotedString(model),
            TextFactory.unquotedString(trailingDetails)),
        expected,
        actual);
  }
}
