package dev.grpccontract.client;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.client.internal.CallRecorder;
import dev.grpccontract.client.internal.OpenCall;
import dev.grpccontract.client.internal.OutboundLimit;
import dev.grpccontract.client.internal.RequestConverter;
import dev.grpccontract.client.internal.UnaryCall;
import dev.grpccontract.coverage.CoverageRecorder;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A dynamic gRPC client: calls any method of a {@link ProtoSchema} by name, with requests given as
 * JSON text, a {@code Map} or a protobuf {@code Message}, and no generated stubs. Unary calls
 * ({@link #invoke}, {@link #invokeAsync}), server streams ({@link #serverStream}), client streams
 * ({@link #clientStream} with the requests at hand, {@link #openClientStream} to feed them one by
 * one) and bidirectional streams ({@link #bidiStream}). Every kind of call goes through the same
 * listener, which records headers, messages, status and trailers.
 *
 * <pre>{@code
 * GrpcResponse response = client.invoke("hello.HelloService/SayHello", "{\"greeting\": \"Bert\"}");
 * }</pre>
 *
 * <p>A call that the server fails is a response with that status, never an exception. Exceptions
 * mean a mistake in the test: an unknown method, a request that does not fit the method's input
 * type, or a method called in the wrong way; their messages name the fix.
 *
 * <p>Every call has a deadline: the one in {@link CallParams}, else the client's default. The
 * client does not own its channel. It does own the client and bidirectional streams opened through
 * it: {@link #close()} cancels those still open. A request over the builder's {@link
 * Builder#maxOutboundMessageSize(int)} is never sent: the call is a {@code RESOURCE_EXHAUSTED}
 * response (or ends so, on a stream). Instances are thread-safe.
 */
public final class GrpcClient implements AutoCloseable {

  /** The deadline of calls that set none, when the client was built without one. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

  private final Channel channel;

  /** The channel calls go through: {@link #channel} with coverage recording. */
  private final Channel calls;

  private final ProtoSchema schema;
  private final Duration defaultDeadline;
  private final Metadata defaultMetadata;
  private final CallCredentials credentials;
  private final int maxOutboundMessageSize;
  private final RequestConverter converter;

  /** The streams opened through this client, with their calls, until the calls end. */
  private final Map<AutoCloseable, OpenCall> openStreams = new ConcurrentHashMap<>();

  private GrpcClient(
      Channel channel,
      ProtoSchema schema,
      Duration defaultDeadline,
      Metadata defaultMetadata,
      CallCredentials credentials,
      int maxOutboundMessageSize) {
    this.channel = channel;
    this.calls = ClientInterceptors.intercept(channel, CoverageRecorder.global().interceptor());
    CoverageRecorder.global().register(schema);
    this.schema = schema;
    this.defaultDeadline = defaultDeadline;
    this.defaultMetadata = defaultMetadata;
    this.credentials = credentials;
    this.maxOutboundMessageSize = maxOutboundMessageSize;
    this.converter = new RequestConverter(schema.typeRegistry());
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
   * Returns a client with the same channel, schema and defaults that keeps its own set of open
   * streams, so closing it cancels only the streams opened through it. The JUnit extension gives
   * each test such a client.
   */
  public GrpcClient newScope() {
    return new GrpcClient(
        channel, schema, defaultDeadline, defaultMetadata, credentials, maxOutboundMessageSize);
  }

  // ------------------------------------------------------------------------------------- unary

  /**
   * Calls a unary method with the client's default deadline and no metadata.
   *
   * @param method {@code "package.Service/Method"}
   * @param request JSON text, a {@code Map<String, ?>} (nested maps and lists), or a {@code
   *     Message} of the method's input type
   * @return the response; a failed call is a response with its status
   * @throws IllegalArgumentException when the method is unknown (the message lists the closest
   *     names), is not unary (the message names the call to use), or the request does not fit its
   *     input type (the message names the field path)
   */
  public GrpcResponse invoke(String method, Object request) {
    return invoke(method, request, CallParams.defaults());
  }

  /**
   * Calls a unary method with the given metadata and deadline. See {@link #invoke(String, Object)}.
   */
  public GrpcResponse invoke(String method, Object request, CallParams params) {
    Objects.requireNonNull(params, "params");
    io.grpc.MethodDescriptor<Message, Message> descriptor =
        method(method, io.grpc.MethodDescriptor.MethodType.UNARY);
    Message message = convert(descriptor, method, request);
    Status tooLarge = OutboundLimit.check(message, maxOutboundMessageSize);
    if (tooLarge != null) {
      return refused(descriptor, tooLarge);
    }
    return response(
        descriptor,
        UnaryCall.run(
            calls, descriptor, callOptions(params), extraMetadata(params), List.of(message)));
  }

  /**
   * Starts a unary call and returns at once; k6's {@code asyncInvoke}. The future completes with
   * the response, failed calls included. Cancelling the future cancels the call (the server sees
   * the cancellation). Mistakes in the test are thrown right away.
   */
  public CompletableFuture<GrpcResponse> invokeAsync(String method, Object request) {
    return invokeAsync(method, request, CallParams.defaults());
  }

  /** Starts a unary call with the given parameters. See {@link #invokeAsync(String, Object)}. */
  public CompletableFuture<GrpcResponse> invokeAsync(
      String method, Object request, CallParams params) {
    Objects.requireNonNull(params, "params");
    io.grpc.MethodDescriptor<Message, Message> descriptor =
        method(method, io.grpc.MethodDescriptor.MethodType.UNARY);
    Message message = convert(descriptor, method, request);
    Status tooLarge = OutboundLimit.check(message, maxOutboundMessageSize);
    if (tooLarge != null) {
      return CompletableFuture.completedFuture(refused(descriptor, tooLarge));
    }
    ClientCall<Message, Message> call = calls.newCall(descriptor, callOptions(params));
    CallRecorder recorder = new CallRecorder(CallRecorder.Reading.SINGLE, 0);
    CompletableFuture<GrpcResponse> future = new CancellingFuture(call);
    recorder.onEnd(() -> future.complete(response(descriptor, recorder)));
    recorder.startAndSend(call, extraMetadata(params), List.of(message));
    return future;
  }

  /** A future whose cancellation cancels its call. */
  private static final class CancellingFuture extends CompletableFuture<GrpcResponse> {
    private final ClientCall<Message, Message> call;

    CancellingFuture(ClientCall<Message, Message> call) {
      this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        call.cancel("the test cancelled the future of invokeAsync(...)", null);
      }
      return cancelled;
    }
  }

  // --------------------------------------------------------------------------------- streaming

  /**
   * Calls a server-streaming method and reads the whole stream. See {@link #serverStream(String,
   * Object, CallParams)}.
   */
  public StreamResponse serverStream(String method, Object request) {
    return serverStream(method, request, CallParams.defaults());
  }

  /**
   * Calls a server-streaming method and reads every message until the server ends the stream, the
   * deadline passes, or {@link CallParams#maxMessages()} messages have come (then the call is
   * cancelled and {@link StreamResponse#truncated()} is set). Messages read before an error are
   * kept.
   *
   * @throws IllegalArgumentException for an unknown method, a method of another kind, or a request
   *     that does not fit
   */
  public StreamResponse serverStream(String method, Object request, CallParams params) {
    Objects.requireNonNull(params, "params");
    io.grpc.MethodDescriptor<Message, Message> descriptor =
        method(method, io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING);
    Message message = convert(descriptor, method, request);
    Status tooLarge = OutboundLimit.check(message, maxOutboundMessageSize);
    if (tooLarge != null) {
      return StreamResponse.received(
          descriptor.getFullMethodName(),
          tooLarge,
          List.of(),
          null,
          null,
          Duration.ZERO,
          false,
          schema.typeRegistry());
    }
    ClientCall<Message, Message> call = calls.newCall(descriptor, callOptions(params));
    CallRecorder recorder = new CallRecorder(CallRecorder.Reading.ALL, params.maxMessages());
    recorder.startAndSend(call, extraMetadata(params), List.of(message));
    Duration deadline = params.deadline().orElse(defaultDeadline);
    boolean ended;
    try {
      // The deadline ends the call; the extra second only guards against a transport that never
      // closes.
      ended = recorder.await(recorder::isClosed, deadline.toNanos() + 1_000_000_000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel("interrupted", e);
      throw new IllegalStateException(
          "Interrupted while calling " + descriptor.getFullMethodName(), e);
    }
    if (!ended) {
      call.cancel("no final status", null);
      throw new IllegalStateException(
          descriptor.getFullMethodName() + " did not end within its deadline of " + deadline);
    }
    return StreamResponse.received(
        descriptor.getFullMethodName(),
        recorder.status(),
        recorder.messages(),
        recorder.headers(),
        recorder.trailers(),
        Duration.ofNanos(recorder.elapsedNanos()),
        recorder.truncated(),
        schema.typeRegistry());
  }

  /**
   * Calls a client-streaming method with the given requests, sent in order, then half-closes. To
   * feed the stream message by message, or cancel it, use {@link #openClientStream(String)}.
   *
   * @param requests JSON texts, {@code Map}s or {@code Message}s; all are converted before the call
   *     starts, so a bad one fails the test without sending anything, and one over {@code
   *     maxOutboundMessageSize} makes the response {@code RESOURCE_EXHAUSTED} without a call
   */
  public GrpcResponse clientStream(String method, Iterable<?> requests) {
    return clientStream(method, requests, CallParams.defaults());
  }

  /**
   * Calls a client-streaming method with the given requests. See {@link #clientStream(String,
   * Iterable)}.
   */
  public GrpcResponse clientStream(String method, Object... requests) {
    return clientStream(method, Arrays.asList(requests), CallParams.defaults());
  }

  /**
   * Calls a client-streaming method with the requests of a stream. See {@link #clientStream(String,
   * Iterable)}.
   */
  public GrpcResponse clientStream(String method, Stream<?> requests) {
    List<Object> all = new ArrayList<>();
    requests.forEach(all::add);
    return clientStream(method, all, CallParams.defaults());
  }

  /** Calls a client-streaming method with the given requests and parameters. */
  public GrpcResponse clientStream(String method, Iterable<?> requests, CallParams params) {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(params, "params");
    io.grpc.MethodDescriptor<Message, Message> descriptor =
        method(method, io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING);
    List<Message> messages = new ArrayList<>();
    int index = 0;
    for (Object request : requests) {
      try {
        messages.add(convert(descriptor, method, request));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Request " + index + ": " + e.getMessage(), e);
      }
      index++;
    }
    for (int i = 0; i < messages.size(); i++) {
      Status tooLarge = OutboundLimit.check(messages.get(i), maxOutboundMessageSize);
      if (tooLarge != null) {
        return refused(descriptor, tooLarge.augmentDescription("request " + i));
      }
    }
    return response(
        descriptor,
        UnaryCall.run(calls, descriptor, callOptions(params), extraMetadata(params), messages));
  }

  /**
   * Opens a client-streaming call with the default deadline. See {@link #openClientStream(String,
   * CallParams)}.
   */
  public ClientStream openClientStream(String method) {
    return openClientStream(method, CallParams.defaults());
  }

  /**
   * Opens a client-streaming call to feed message by message; k6's {@code Stream} on a
   * client-streaming method. Send with {@link ClientStream#send}, end with {@link
   * ClientStream#response()}, or {@link ClientStream#cancel} it, also before sending anything. The
   * call is bounded by the deadline; closing this client cancels it if it is still open.
   *
   * @throws IllegalArgumentException for an unknown method or a method of another kind
   */
  public ClientStream openClientStream(String method, CallParams params) {
    Objects.requireNonNull(params, "params");
    io.grpc.MethodDescriptor<Message, Message> descriptor =
        method(method, io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING);
    OpenCall call = open(method, descriptor, params, CallRecorder.Reading.SINGLE);
    ClientStream stream = new ClientStream(call, schema.typeRegistry());
    track(stream, call, params);
    return stream;
  }

  /**
   * Opens a bidirectional stream with the default deadline. See {@link #bidiStream(String,
   * CallParams)}.
   */
  public BidiStream bidiStream(String method) {
    return bidiStream(method, CallParams.defaults());
  }

  /**
   * Opens a bidirectional stream. The whole stream is bounded by the deadline; close it (or let the
   * JUnit extension close it when the test ends) to cancel it if it is still open.
   *
   * @throws IllegalArgumentException for an unknown method or a method of another kind
   */
  public BidiStream bidiStream(String method, CallParams params) {
    Objects.requireNonNull(params, "params");
    io.grpc.MethodDescriptor<Message, Message> descriptor =
        method(method, io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING);
    OpenCall call = open(method, descriptor, params, CallRecorder.Reading.ON_DEMAND);
    BidiStream stream = new BidiStream(call, schema.typeRegistry());
    track(stream, call, params);
    return stream;
  }

  private OpenCall open(
      String method,
      io.grpc.MethodDescriptor<Message, Message> descriptor,
      CallParams params,
      CallRecorder.Reading reading) {
    Message prototype = requestPrototype(descriptor);
    return new OpenCall(
        descriptor.getFullMethodName(),
        calls.newCall(descriptor, callOptions(params)),
        new CallRecorder(reading, 0),
        request -> converter.toMessage(method, prototype, request),
        params.deadline().orElse(defaultDeadline),
        maxOutboundMessageSize);
  }

  /** Keeps {@code stream} among the open streams until its call ends, then starts the call. */
  private void track(AutoCloseable stream, OpenCall call, CallParams params) {
    openStreams.put(stream, call);
    call.recorder().onEnd(() -> openStreams.remove(stream));
    call.start(extraMetadata(params));
  }

  private GrpcResponse response(
      io.grpc.MethodDescriptor<Message, Message> descriptor, CallRecorder recorder) {
    return GrpcResponse.received(
        descriptor.getFullMethodName(),
        recorder.status(),
        recorder.single(),
        recorder.headers(),
        recorder.trailers(),
        Duration.ofNanos(recorder.elapsedNanos()),
        schema.typeRegistry());
  }

  /** The response of a call the client did not start because its request broke a client rule. */
  private GrpcResponse refused(io.grpc.MethodDescriptor<Message, Message> descriptor, Status why) {
    return GrpcResponse.received(
        descriptor.getFullMethodName(),
        why,
        null,
        null,
        null,
        Duration.ZERO,
        schema.typeRegistry());
  }

  // ------------------------------------------------------------------------- health, discovery

  /**
   * Asks the standard health service about the server as a whole. See {@link #healthCheck(String)}.
   */
  public HealthCheck healthCheck() {
    return healthCheck("");
  }

  /**
   * Asks the standard health service ({@code grpc.health.v1.Health/Check}) about one service; k6's
   * {@code client.healthCheck()}. Never throws for a server-side failure: see {@link HealthCheck}.
   */
  public HealthCheck healthCheck(String service) {
    Objects.requireNonNull(service, "service");
    @SuppressWarnings("unchecked")
    io.grpc.MethodDescriptor<Message, Message> check =
        (io.grpc.MethodDescriptor<Message, Message>)
            (io.grpc.MethodDescriptor<?, ?>) HealthGrpc.getCheckMethod();
    CallRecorder recorder =
        UnaryCall.run(
            channel,
            check,
            callOptions(CallParams.defaults()),
            defaultMetadata,
            List.of(HealthCheckRequest.newBuilder().setService(service).build()));
    Status status = recorder.status();
    if (status.isOk()) {
      return HealthCheck.of(
          service, ((HealthCheckResponse) recorder.single()).getStatus(), Status.OK);
    }
    HealthCheckResponse.ServingStatus serving =
        status.getCode() == Status.Code.NOT_FOUND
            ? HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN
            : HealthCheckResponse.ServingStatus.UNKNOWN;
    return HealthCheck.of(service, serving, status);
  }

  /** Returns the full names of the services in the schema, like {@code grpcurl list}. */
  public List<String> services() {
    List<String> names = new ArrayList<>();
    for (ServiceDescriptor service : schema.services()) {
      names.add(service.getFullName());
    }
    return names;
  }

  /**
   * Returns the full names of a service's methods, {@code "package.Service/Method"}, like {@code
   * grpcurl list package.Service}.
   *
   * @throws IllegalArgumentException when the schema has no such service, naming the closest
   */
  public List<String> methods(String service) {
    ServiceDescriptor descriptor = schema.service(service);
    List<String> names = new ArrayList<>();
    for (MethodDescriptor method : descriptor.getMethods()) {
      names.add(descriptor.getFullName() + "/" + method.getName());
    }
    return names;
  }

  /** Returns the full names of every method the schema has, {@code "package.Service/Method"}. */
  public List<String> methods() {
    return schema.methodNames();
  }

  /**
   * Describes a service, method, message or enum in {@code .proto} syntax, with the comments the
   * schema carries; like {@code grpcurl describe}.
   *
   * @throws IllegalArgumentException when the schema has no such element
   */
  public String describe(String name) {
    return schema.describe(name);
  }

  // ------------------------------------------------------------------------------------ common

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

  /** Cancels the client and bidirectional streams opened through this client that are open. */
  @Override
  public void close() {
    for (AutoCloseable stream : List.copyOf(openStreams.keySet())) {
      try {
        stream.close();
      } catch (Exception e) {
        throw new IllegalStateException("Could not close " + stream, e);
      }
    }
    openStreams.clear();
  }

  /** Returns how many client and bidirectional streams opened through this client are open. */
  public int openStreamCount() {
    // A call that has just ended may not have run its end callback yet; it is not open.
    return (int) openStreams.values().stream().filter(call -> !call.recorder().isClosed()).count();
  }

  private io.grpc.MethodDescriptor<Message, Message> method(
      String method, io.grpc.MethodDescriptor.MethodType expected) {
    io.grpc.MethodDescriptor<Message, Message> descriptor = schema.grpcMethod(method);
    if (descriptor.getType() != expected) {
      throw new IllegalArgumentException(
          descriptor.getFullMethodName()
              + " is a "
              + kind(descriptor.getType())
              + " method; call it with "
              + callFor(descriptor.getType())
              + ", not "
              + callFor(expected));
    }
    return descriptor;
  }

  private Message convert(
      io.grpc.MethodDescriptor<Message, Message> descriptor, String method, Object request) {
    return converter.toMessage(method, requestPrototype(descriptor), request);
  }

  /** The schema built the marshaller from the input type's prototype; no second lookup. */
  private static Message requestPrototype(io.grpc.MethodDescriptor<Message, Message> descriptor) {
    return (Message)
        ((io.grpc.MethodDescriptor.PrototypeMarshaller<?>) descriptor.getRequestMarshaller())
            .getMessagePrototype();
  }

  /** The metadata a call sends besides grpc-java's own: the defaults, then the call's. */
  private Metadata extraMetadata(CallParams params) {
    Metadata extra = defaultMetadata;
    if (params.hasMetadata()) {
      if (extra == null) {
        extra = params.metadataView();
      } else {
        extra = new Metadata();
        extra.merge(defaultMetadata);
        extra.merge(params.metadataView());
      }
    }
    return extra;
  }

  private CallOptions callOptions(CallParams params) {
    Duration deadline = params.deadline().orElse(defaultDeadline);
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    if (credentials != null) {
      options = options.withCallCredentials(credentials);
    }
    if (maxOutboundMessageSize >= 0) {
      options = options.withMaxOutboundMessageSize(maxOutboundMessageSize);
    }
    if (params.compression().isPresent()) {
      options = options.withCompression(params.compression().get());
    }
    return options;
  }

  private static String kind(io.grpc.MethodDescriptor.MethodType type) {
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

  private static String callFor(io.grpc.MethodDescriptor.MethodType type) {
    switch (type) {
      case SERVER_STREAMING:
        return "serverStream(...)";
      case CLIENT_STREAMING:
        return "clientStream(...) or openClientStream(...)";
      case BIDI_STREAMING:
        return "bidiStream(...)";
      default:
        return "invoke(...) or invokeAsync(...)";
    }
  }

  /** Builds a {@link GrpcClient}. Not thread-safe; the client it builds is. */
  public static final class Builder {
    private final Channel channel;
    private final ProtoSchema schema;
    private Duration defaultDeadline = DEFAULT_DEADLINE;
    private final Metadata defaultMetadata = new Metadata();
    private CallCredentials credentials;
    private int maxOutboundMessageSize = -1;

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

    /** Adds metadata sent with every call, before any per-call metadata. */
    public Builder defaultMetadata(Metadata metadata) {
      this.defaultMetadata.merge(Objects.requireNonNull(metadata, "metadata"));
      return this;
    }

    /**
     * Attaches {@code credentials} to every call; a second call combines both credentials (both
     * apply their metadata).
     */
    public Builder callCredentials(CallCredentials credentials) {
      Objects.requireNonNull(credentials, "credentials");
      this.credentials =
          this.credentials == null
              ? credentials
              : new io.grpc.CompositeCallCredentials(this.credentials, credentials);
      return this;
    }

    /** Sets the largest request message a call may send, in bytes (k6's {@code maxSendSize}). */
    public Builder maxOutboundMessageSize(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxOutboundMessageSize must be >= 0, but was " + bytes);
      }
      this.maxOutboundMessageSize = bytes;
      return this;
    }

    /** Returns the client. */
    public GrpcClient build() {
      Metadata metadata = null;
      if (!defaultMetadata.keys().isEmpty()) {
        metadata = new Metadata();
        metadata.merge(defaultMetadata);
      }
      return new GrpcClient(
          channel, schema, defaultDeadline, metadata, credentials, maxOutboundMessageSize);
    }
  }
}
