package dev.grpccontract.client;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.CallCapture;
import dev.grpccontract.client.internal.RequestConverter;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A dynamic gRPC client: calls any method of a {@link ProtoSchema} by name, with a request given as
 * JSON text, a {@code Map} or a protobuf {@code Message}, and no generated stubs.
 *
 * <pre>{@code
 * GrpcResponse response = client.invoke("hello.HelloService/SayHello", "{\"greeting\": \"Bert\"}");
 * }</pre>
 *
 * <p>A call that the server fails is a {@link GrpcResponse} with that status, never an exception.
 * Exceptions mean a mistake in the test: an unknown method, a request that does not fit the
 * method's input type, or a method called in the wrong way; their messages name the fix.
 *
 * <p>Every call has a deadline: the one in {@link CallParams}, else the client's default. The
 * client does not own its channel: closing the channel is up to whoever created it (the JUnit
 * extension does that for injected clients). Instances are immutable and thread-safe.
 */
public final class GrpcClient {

  /** The deadline of calls that set none, when the client was built without one. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

  private final Channel channel;
  private final Channel intercepted;
  private final ProtoSchema schema;
  private final Duration defaultDeadline;
  private final RequestConverter converter;
  private final JsonFormat.Printer printer;

  private GrpcClient(Builder builder) {
    this.channel = builder.channel;
    this.schema = builder.schema;
    this.defaultDeadline = builder.defaultDeadline;
    this.intercepted = ClientInterceptors.intercept(channel, CallCapture.INTERCEPTOR);
    this.converter = new RequestConverter(schema.typeRegistry());
    this.printer = JsonFormat.printer().usingTypeRegistry(schema.typeRegistry());
  }

  /** Returns a client for {@code schema} over {@code channel} with the default deadline. */
  public static GrpcClient create(Channel channel, ProtoSchema schema) {
    return builder(channel, schema).build();
  }

  /** Returns a builder of a client for {@code schema} over {@code channel}. */
  public static Builder builder(Channel channel, ProtoSchema schema) {
    return new Builder(channel, schema);
  }

  /**
   * Calls a unary method with the client's default deadline and no metadata.
   *
   * @param method {@code "package.Service/Method"}
   * @param request JSON text, a {@code Map<String, ?>} (nested maps and lists), or a {@code
   *     Message} of the method's input type
   * @return the response; a failed call is a response with its status
   * @throws IllegalArgumentException when the method is unknown (the message lists the closest
   *     names), is not unary, or the request does not fit its input type (the message names the
   *     field path)
   */
  public GrpcResponse invoke(String method, Object request) {
    return invoke(method, request, CallParams.defaults());
  }

  /**
   * Calls a unary method with the given metadata and deadline. See {@link #invoke(String,
   * Object)}.
   */
  public GrpcResponse invoke(String method, Object request, CallParams params) {
    Objects.requireNonNull(params, "params");
    io.grpc.MethodDescriptor<Message, Message> descriptor = unaryMethod(method);
    Message message = converter.toMessage(method, requestPrototype(method), request);
    CallCapture capture = new CallCapture(params.hasMetadata() ? params.metadataView() : null);
    CallOptions options = callOptions(params, capture);
    long start = System.nanoTime();
    Message response = null;
    Status status;
    Metadata trailers;
    try {
      response = ClientCalls.blockingUnaryCall(intercepted, descriptor, options, message);
      status = Status.OK;
      trailers = capture.trailers();
    } catch (StatusRuntimeException e) {
      status = e.getStatus();
      trailers = e.getTrailers() != null ? e.getTrailers() : capture.trailers();
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    return GrpcResponse.of(
        descriptor.getFullMethodName(),
        status,
        response,
        capture.headers(),
        trailers,
        duration,
        printer);
  }

  /**
   * Starts a unary call and returns at once; k6's {@code asyncInvoke}. The future completes with
   * the response (a failed call included) and completes exceptionally only for mistakes in the
   * test, which are thrown right away instead when they can be seen before the call starts.
   */
  public CompletableFuture<GrpcResponse> invokeAsync(String method, Object request) {
    return invokeAsync(method, request, CallParams.defaults());
  }

  /** Starts a unary call with the given parameters. See {@link #invokeAsync(String, Object)}. */
  public CompletableFuture<GrpcResponse> invokeAsync(
      String method, Object request, CallParams params) {
    Objects.requireNonNull(params, "params");
    io.grpc.MethodDescriptor<Message, Message> descriptor = unaryMethod(method);
    Message message = converter.toMessage(method, requestPrototype(method), request);
    CallCapture capture = new CallCapture(params.hasMetadata() ? params.metadataView() : null);
    CompletableFuture<GrpcResponse> future = new CompletableFuture<>();
    long start = System.nanoTime();
    ClientCall<Message, Message> call = intercepted.newCall(descriptor, callOptions(params, capture));
    call.start(
        new ClientCall.Listener<Message>() {
          private Message response;

          @Override
          public void onMessage(Message received) {
            response = received;
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            Message body = status.isOk() ? response : null;
            if (status.isOk() && body == null) {
              status = Status.INTERNAL.withDescription("No response message for a unary call");
            }
            future.complete(
                GrpcResponse.of(
                    descriptor.getFullMethodName(),
                    status,
                    body,
                    capture.headers(),
                    trailers,
                    Duration.ofNanos(System.nanoTime() - start),
                    printer));
          }
        },
        new Metadata());
    call.request(2);
    call.sendMessage(message);
    call.halfClose();
    return future;
  }

  /** Returns the schema this client resolves method names and types in. */
  public ProtoSchema schema() {
    return schema;
  }

  /** Returns the channel calls go over. */
  public Channel channel() {
    return channel;
  }

  /** Returns the deadline of calls whose {@link CallParams} set none. */
  public Duration defaultDeadline() {
    return defaultDeadline;
  }

  /** Returns the full names of every method the schema has, {@code "package.Service/Method"}. */
  public List<String> methods() {
    return schema.methodNames();
  }

  private io.grpc.MethodDescriptor<Message, Message> unaryMethod(String method) {
    io.grpc.MethodDescriptor<Message, Message> descriptor = schema.grpcMethod(method);
    if (descriptor.getType() != io.grpc.MethodDescriptor.MethodType.UNARY) {
      throw new IllegalArgumentException(
          descriptor.getFullMethodName()
              + " is a "
              + kind(descriptor.getType())
              + " method; invoke(...) calls unary methods only");
    }
    return descriptor;
  }

  private Message requestPrototype(String method) {
    MethodDescriptor descriptor = schema.method(method);
    return schema.defaultInstance(descriptor.getInputType());
  }

  private CallOptions callOptions(CallParams params, CallCapture capture) {
    Duration deadline = params.deadline().orElse(defaultDeadline);
    return CallOptions.DEFAULT
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
        .withOption(CallCapture.KEY, capture);
  }

  static String kind(io.grpc.MethodDescriptor.MethodType type) {
    switch (type) {
      case SERVER_STREAMING:
        return "server-streaming";
      case CLIENT_STREAMING:
        return "client-streaming";
      case BIDI_STREAMING:
        return "bidirectional-streaming";
      case UNARY:
        return "unary";
      default:
        return "unknown-kind";
    }
  }

  /** Builds a {@link GrpcClient}. Not thread-safe; the client it builds is. */
  public static final class Builder {
    private final Channel channel;
    private final ProtoSchema schema;
    private Duration defaultDeadline = DEFAULT_DEADLINE;

    private Builder(Channel channel, ProtoSchema schema) {
      this.channel = Objects.requireNonNull(channel, "channel");
      this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * Sets the deadline of calls that set none in their {@link CallParams}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder defaultDeadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isZero() || deadline.isNegative()) {
        throw new IllegalArgumentException("A deadline must be positive, but was " + deadline);
      }
      this.defaultDeadline = deadline;
      return this;
    }

    /** Returns the client. */
    public GrpcClient build() {
      return new GrpcClient(this);
    }
  }
}
