package dev.grpccontract.client.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import com.google.protobuf.util.JsonFormat;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Protobuf JSON printing shared by responses, assertions and error messages. */
public final class Json {

  private static final JsonFormat.Printer DEFAULT_PRINTER = JsonFormat.printer();

  private Json() {}

  /** Returns the printer used when no schema-specific type registry is known. */
  public static JsonFormat.Printer defaultPrinter() {
    return DEFAULT_PRINTER;
  }

  /**
   * Prints {@code message} as pretty protobuf JSON, never failing: falls back to text format when
   * the message has no JSON form (an {@code Any} whose type the registry lacks, a {@code
   * google.protobuf.Value} holding NaN or an infinity).
   */
  public static String print(JsonFormat.Printer printer, MessageOrBuilder message) {
    try {
      return printer.print(message);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // An Any whose type is not in the registry, or a Value holding NaN or infinity, which JSON
      // cannot hold; text format still shows the content.
      return message.toString();
    }
  }

  /** Prints {@code message} as single-line protobuf JSON, never failing; see {@link #print}. */
  public static String printCompact(JsonFormat.Printer printer, MessageOrBuilder message) {
    try {
      return printer.omittingInsignificantWhitespace().print(message);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return TextFormat.printer().emittingSingleLine(true).printToString(message).trim();
    }
  }

  /**
   * Returns the default instance of a generated message class.
   *
   * @throws IllegalArgumentException when {@code type} is not a concrete generated message class
   */
  public static <T extends Message> T defaultInstanceOf(Class<T> type) {
    try {
      Method method = type.getMethod("getDefaultInstance");
      if (!Modifier.isStatic(method.getModifiers())) {
        throw new NoSuchMethodException("getDefaultInstance is not static");
      }
      return type.cast(method.invoke(null));
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalArgumentException(
          type.getName()
              + " is not a generated protobuf message class (it has no static"
              + " getDefaultInstance()); pass the class protoc generated for the message",
          e);
    }
  }
}
