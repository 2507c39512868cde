package dev.grpccontract.client;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.client.internal.CallCapture;
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
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A dynamic gRPC client: calls any method of a {@link ProtoSchema} by name, with requests given as
 * JSON text, a {@code Map} or a protobuf {@code Message}, and no generated stubs. Unary calls
 * ({@link #invoke}, {@link #invokeAsync}), server streams ({@link #serverStream}), client streams
 * ({@link #clientStream}) and bidirectional streams ({@link #bidiStream}).
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
 * client does not own its channel. It does own the bidirectional streams opened through it: {@link
 * #close()} cancels those still open. Instances are thread-safe.
 */
public final class GrpcClient implements AutoCloseable {

  /** The deadline of calls that set none, when the client was built without one. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

  private final Channel channel;
  private final Channel intercepted;

  /** The channel calls go through: {@link #channel} with coverage recording. */
  private final Channel calls;

  private final ProtoSchema schema;
  private final Duration defaultDeadline;
  private final Metadata defaultMetadata;
  private final CallCredentials credentials;
  private final int maxOutboundMessageSize;
  private final RequestConverter converter;
  private final Set<BidiStream> openStreams = ConcurrentHashMap.newKeySet();

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
    this.intercepted = ClientInterceptors.intercept(calls, CallCapture.INTERCEPTOR);
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
    long start = System.nanoTime();
    UnaryCall.Outcome outcome =
        UnaryCall.run(calls, descriptor, callOptions(params, null), extraMetadata(params), message);
    return GrpcResponse.received(
        descriptor.getFullMethodName(),
        explained(outcome.status()),
        outcome.message(),
        outcome.headers(),
        outcome.trailers(),
        Duration.ofNanos(System.nanoTime() - start),
        schema.typeRegistry());
  }

  /**
   * Starts a unary call and returns at once; k6's {@code asyncInvoke}. The future completes with
   * the response, failed calls included. Mistakes in the test are thrown right away.
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
    CallCapture capture = capture(params);
    CompletableFuture<GrpcResponse> future = new CompletableFuture<>();
    long start = System.nanoTime();
    ClientCall<Message, Message> call =
        intercepted.newCall(descriptor, callOptions(params, capture));
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
            Status finalStatus = explained(status);
            if (status.isOk() && body == null) {
              finalStatus = Status.INTERNAL.withDescription("No response message for a unary call");
            }
            future.complete(
                GrpcResponse.received(
                    descriptor.getFullMethodName(),
                    finalStatus,
                    body,
                    capture.headers(),
                    trailers,
                    Duration.ofNanos(System.nanoTime() - start),
                    schema.typeRegistry()));
          }
        },
        new Metadata());
    call.request(2);
    call.sendMessage(message);
    call.halfClose();
    return future;
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
    return collect(descriptor, params, List.of(message));
  }

  /**
   * Calls a client-streaming method with the given requests, sent in order, then half-closes.
   *
   * @param requests JSON texts, {@code Map}s or {@code Message}s; all are converted before the call
   *     starts, so a bad one fails the test without sending anything
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
    StreamResponse streamed = collect(descriptor, params, messages);
    Message only =
        streamed.isOk() && streamed.messageCount() > 0 ? streamed.rawMessages().get(0) : null;
    Status status = streamed.status();
    if (status.isOk() && only == null) {
      status =
          Status.INTERNAL.withDescription("The server ended the call without a response message");
    }
    return GrpcResponse.received(
        streamed.method(),
        status,
        only,
        streamed.headers(),
        streamed.trailers(),
        streamed.duration(),
        schema.typeRegistry());
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
    CallCapture capture = capture(params);
    ClientCall<Message, Message> call =
        intercepted.newCall(descriptor, callOptions(params, capture));
    Message prototype = requestPrototype(descriptor);
    BidiStream[] self = new BidiStream[1];
    BidiStream stream =
        new BidiStream(
            descriptor.getFullMethodName(),
            call,
            capture,
            request -> converter.toMessage(method, prototype, request),
            params.deadline().orElse(defaultDeadline),
            schema.typeRegistry(),
            () -> openStreams.remove(self[0]));
    self[0] = stream;
    openStreams.add(stream);
    stream.start();
    return stream;
  }

  private StreamResponse collect(
      io.grpc.MethodDescriptor<Message, Message> descriptor,
      CallParams params,
      List<Message> requests) {
    CallCapture capture = capture(params);
    ClientCall<Message, Message> call =
        intercepted.newCall(descriptor, callOptions(params, capture));
    int limit = params.maxMessages();
    List<Message> received = new ArrayList<>();
    boolean[] truncated = new boolean[1];
    CompletableFuture<StreamResponse> done = new CompletableFuture<>();
    long start = System.nanoTime();
    call.start(
        new ClientCall.Listener<Message>() {
          @Override
          public void onMessage(Message message) {
            synchronized (received) {
              if (truncated[0]) {
                return;
              }
              received.add(message);
              if (limit > 0 && received.size() >= limit) {
                truncated[0] = true;
                String reason = "grpc-contract read the " + limit + " messages CallParams allowed";
                call.cancel(reason, null);
                // The outcome is known now; the transport may never report the close of a call
                // whose server had finished with messages still unread (in-process does not).
                done.complete(
                    StreamResponse.received(
                        descriptor.getFullMethodName(),
                        Status.CANCELLED.withDescription(reason),
                        received,
                        capture.headers(),
                        new Metadata(),
                        Duration.ofNanos(System.nanoTime() - start),
                        true,
                        schema.typeRegistry()));
                return;
              }
            }
            call.request(1);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            synchronized (received) {
              done.complete(
                  StreamResponse.received(
                      descriptor.getFullMethodName(),
                      explained(status),
                      received,
                      capture.headers(),
                      trailers,
                      Duration.ofNanos(System.nanoTime() - start),
                      truncated[0],
                      schema.typeRegistry()));
            }
          }
        },
        new Metadata());
    call.request(1);
    try {
      for (Message request : requests) {
        call.sendMessage(request);
      }
      call.halfClose();
    } catch (RuntimeException e) {
      call.cancel("failed to send", e);
      throw e;
    }
    Duration deadline = params.deadline().orElse(defaultDeadline);
    try {
      // The deadline ends the call; the extra second only guards against a transport that never
      // closes.
      return done.get(deadline.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel("interrupted", e);
      throw new IllegalStateException(
          "Interrupted while calling " + descriptor.getFullMethodName(), e);
    } catch (ExecutionException | TimeoutException e) {
      call.cancel("no final status", e);
      throw new IllegalStateException(
          descriptor.getFullMethodName() + " did not end within its deadline of " + deadline, e);
    }
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
    CallCapture capture = new CallCapture(defaultMetadata);
    try {
      HealthCheckResponse response =
          ClientCalls.blockingUnaryCall(
              intercepted,
              HealthGrpc.getCheckMethod(),
              callOptions(CallParams.defaults(), capture),
              HealthCheckRequest.newBuilder().setService(service).build());
      return HealthCheck.of(service, response.getStatus(), Status.OK);
    } catch (StatusRuntimeException e) {
      HealthCheckResponse.ServingStatus serving =
          e.getStatus().getCode() == Status.Code.NOT_FOUND
              ? HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN
              : HealthCheckResponse.ServingStatus.UNKNOWN;
      return HealthCheck.of(service, serving, e.getStatus());
    }
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

  /** Cancels the bidirectional streams opened through this client that are still open. */
  @Override
  public void close() {
    for (BidiStream stream : List.copyOf(openStreams)) {
      stream.close();
    }
    openStreams.clear();
  }

  /** Returns how many bidirectional streams opened through this client are still open. */
  public int openStreamCount() {
    return openStreams.size();
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

  private CallCapture capture(CallParams params) {
    return new CallCapture(extraMetadata(params));
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

  private CallOptions callOptions(CallParams params, CallCapture capture) {
    Duration deadline = params.deadline().orElse(defaultDeadline);
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    if (capture != null) {
      options = options.withOption(CallCapture.KEY, capture);
    }
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

  /**
   * A failure that happened on the client side (no connection, a TLS handshake error) carries its
   * cause; the description then says it, since the cause does not travel with the status.
   */
  static Status explained(Status status) {
    Throwable cause = status.getCause();
    if (status.isOk() || cause == null) {
      return status;
    }
    if (status.getCode() == Status.Code.CANCELLED && cause instanceof StatusRuntimeException) {
      // grpc-java cancels a call whose request broke a client-side rule (a message over
      // maxOutboundMessageSize); the rule's own status is what the test wants to see.
      Status inner = ((StatusRuntimeException) cause).getStatus();
      return inner.augmentDescription("the client cancelled the call before sending");
    }
    StringBuilder causes = new StringBuilder();
    for (Throwable t = cause; t != null && causes.length() < 400; t = t.getCause()) {
      String text =
          t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      if (status.getDescription() == null || !status.getDescription().contains(text)) {
        causes.append(causes.length() == 0 ? "caused by " : "; ").append(text);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return causes.length() == 0 ? status : status.augmentDescription(causes.toString());
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
        return "clientStream(...)";
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
