package dev.grpccontract.mock;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.contract.ContractFile;
import dev.grpccontract.contract.Contracts;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.contract.InteractionExample;
import dev.grpccontract.mock.internal.MockCall;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mock gRPC server for any {@link ProtoSchema}: every method of every service of the schema is
 * served, unary and streaming, and answered by the stubs added with {@link #stubFor} or loaded from
 * contract files with {@link #load}. A call no stub matches ends with {@code UNIMPLEMENTED}, whose
 * description names the closest stub and how the call differs from it, field path by field path;
 * such calls are kept for {@link #verifyNoUnexpectedCalls()}.
 *
 * <pre>{@code
 * try (GrpcMockServer mock = GrpcMockServer.start(schema)) {
 *   mock.stubFor(method("orders.v1.OrderService/GetOrder")
 *       .withRequest(partialJson("{\"id\": \"42\"}"))
 *       .willReturn(json("{\"id\": \"42\", \"state\": \"OPEN\"}")));
 *   OrdersClient client = new OrdersClient(mock.channel());   // the code under test
 *   ...
 *   mock.verify(method("orders.v1.OrderService/GetOrder"), times(1));
 *   mock.verifyNoUnexpectedCalls();
 * }
 * }</pre>
 *
 * <p>Hosted in-process (a unique name) or on a loopback TCP port with Netty. Thread-safe: stubs may
 * be added while calls run; each call takes the stubs present when it is matched. Pauses of replies
 * run on the mock's own timer thread, so no call blocks a thread. {@link #close()} stops the server
 * and the channel it owns.
 */
public final class GrpcMockServer implements AutoCloseable {

  private final ProtoSchema schema;
  private final Server server;
  private final ManagedChannel channel;
  private final String address;
  private final int port;
  private final ScheduledExecutorService timer;
  private final List<BoundStub> stubs = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final MockTls tls;
  // Appended to on every call, so O(1) appends: a copy-on-write list copied the whole journal
  // per call, which made a long-running mock slower with every call it answered.
  private final Queue<RecordedCall> journal = new ConcurrentLinkedQueue<>();
  private final Map<String, String> scenarios = new HashMap<>();

  /** The provider states chosen with givenStates, guarded by scenarios; null until chosen. */
  private Set<String> providerStates;

  private volatile Duration idleLimit = DEFAULT_IDLE_LIMIT;
  private boolean closed;

  /** How long a client or bidi stream may wait by default; see {@link #idleLimit(Duration)}. */
  public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofSeconds(10);

  private GrpcMockServer(ProtoSchema schema, boolean netty, MockTls tls) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.tls = tls;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "grpc-contract-mock-timer");
              thread.setDaemon(true);
              return thread;
            });
    List<ServerServiceDefinition> services = services();
    try {
      if (netty) {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        NettyServerBuilder builder =
            tls == null
                ? NettyServerBuilder.forAddress(loopback)
                : NettyServerBuilder.forAddress(
                    loopback,
                    TlsServerCredentials.create(tls.certificateChain(), tls.privateKey()));
        services.forEach(builder::addService);
        this.server = builder.build().start();
        this.port = server.getPort();
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        this.address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        if (tls == null) {
          this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
        } else {
          NettyChannelBuilder channelBuilder =
              NettyChannelBuilder.forTarget(
                  address,
                  TlsChannelCredentials.newBuilder().trustManager(tls.trustCertificates()).build());
          tls.authority().ifPresent(channelBuilder::overrideAuthority);
          this.channel = channelBuilder.build();
        }
      } else {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        services.forEach(builder::addService);
        this.server = builder.build().start();
        this.port = -1;
        this.address = name;
        this.channel = InProcessChannelBuilder.forName(name).build();
      }
    } catch (IOException e) {
      timer.shutdownNow();
      throw new UncheckedIOException("Cannot start the mock server for " + schema.origin(), e);
    }
  }

  /**
   * Starts a mock of every service of {@code schema}, in-process.
   *
   * @throws IllegalArgumentException when the schema has no services
   */
  public static GrpcMockServer start(ProtoSchema schema) {
    return new GrpcMockServer(checked(schema), false, null);
  }

  /**
   * Starts a mock of every service of {@code schema} on a free loopback TCP port, over plaintext
   * HTTP/2 (Netty), for code under test that dials an address.
   *
   * @throws IllegalArgumentException when the schema has no services
   * @throws UncheckedIOException when no port can be bound
   */
  public static GrpcMockServer startOnLoopbackPort(ProtoSchema schema) {
    return new GrpcMockServer(checked(schema), true, null);
  }

  /**
   * Starts a mock of every service of {@code schema} on a free loopback TCP port, serving TLS with
   * {@code tls}'s certificate and key. Its {@link #channel()} trusts {@link
   * MockTls#trustCertificatesPem()} and asks for {@link MockTls#authority()}; give the code under
   * test the same (see {@link #tls()}).
   *
   * @throws IllegalArgumentException when the schema has no services, or the certificate or key
   *     cannot be used (the message says which)
   * @throws UncheckedIOException when no port can be bound
   */
  public static GrpcMockServer startOnLoopbackPort(ProtoSchema schema, MockTls tls) {
    return new GrpcMockServer(checked(schema), true, Objects.requireNonNull(tls, "tls"));
  }

  /** Returns the TLS the mock serves; empty for plaintext and in-process mocks. */
  public Optional<MockTls> tls() {
    return Optional.ofNullable(tls);
  }

  private static ProtoSchema checked(ProtoSchema schema) {
    Objects.requireNonNull(schema, "schema");
    if (schema.services().isEmpty()) {
      throw new IllegalArgumentException(
          "The schema ("
              + schema.origin()
              + ") has no services, so a mock of it would serve nothing; give a schema whose"
              + " files declare the services to mock");
    }
    return schema;
  }

  private List<ServerServiceDefinition> services() {
    List<ServerServiceDefinition> definitions = new ArrayList<>();
    for (ServiceDescriptor service : schema.services()) {
      ServerServiceDefinition.Builder builder =
          ServerServiceDefinition.builder(service.getFullName());
      for (MethodDescriptor method : service.getMethods()) {
        String name = service.getFullName() + "/" + method.getName();
        builder.addMethod(schema.grpcMethod(name), new Handler(method, name));
      }
      definitions.add(builder.build());
    }
    return definitions;
  }

  /** Returns the schema the mock serves. */
  public ProtoSchema schema() {
    return schema;
  }

  /**
   * Returns where the mock listens: {@code 127.0.0.1:port} on a loopback port, or the in-process
   * server name ({@code InProcessChannelBuilder.forName(address())}).
   */
  public String address() {
    return address;
  }

  /** Returns the TCP port, or -1 for an in-process mock. */
  public int port() {
    return port;
  }

  /** Returns whether the mock is hosted in-process. */
  public boolean isInProcess() {
    return port < 0;
  }

  /** Returns a plaintext channel to the mock; the mock owns it and shuts it down on close. */
  public ManagedChannel channel() {
    return channel;
  }

  /**
   * Adds a stub. Later stubs win over earlier ones of the same priority.
   *
   * @return this mock, for chaining
   * @throws IllegalArgumentException when the stub does not fit the schema: a method the schema
   *     lacks (naming the closest), JSON that does not fit a message type (naming the field path),
   *     a matcher on a path the type lacks, an answer that does not suit the method's kind
   */
  public GrpcMockServer stubFor(MethodStub stub) {
    Objects.requireNonNull(stub, "stub");
    BoundStub bound = BoundStub.bind(stub, schema, sequence.incrementAndGet());
    synchronized (stubs) {
      stubs.add(bound);
    }
    return this;
  }

  /**
   * Serves every interaction of the contract files at {@code locations} (paths, directories, globs,
   * or {@code classpath:} resources, as {@link Contracts#load(String...)} takes them): a call with
   * an interaction's requests (and its metadata) is answered with the interaction's responses,
   * status, description, error details, headers and trailers; a bidi interaction plays its {@code
   * steps}, answering each {@code send} with the {@code expect} steps that follow it. Request
   * matching is by protobuf meaning, exact. An interaction's provider states ({@code given}) are
   * its stub's {@link MethodStub#givenStates}: they matter once states are chosen with {@link
   * #givenStates} (see there); until then, of two interactions with the same request, the later in
   * the file answers. A status description given only as {@code regex} or {@code contains} is
   * answered with the interaction's {@code example} text.
   *
   * @return this mock, for chaining
   * @throws dev.grpccontract.contract.ContractException when a file breaks the format or does not
   *     fit the schema, listing every problem with its line and column
   * @throws IllegalArgumentException when an example breaks its own matchers (a regex its value
   *     does not match), which the mock would send as it is; nothing is loaded then
   */
  public GrpcMockServer load(String... locations) {
    List<MethodStub> loaded = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ContractFile file : Contracts.load(locations)) {
      file.requireFits(schema);
      for (Interaction interaction : file.interactions()) {
        InteractionExample example = InteractionExample.of(interaction, schema);
        for (String problem : example.exampleProblems()) {
          problems.add(
              "  '" + interaction.name() + "' (" + interaction.location() + "): " + problem);
        }
        loaded.add(ContractStubs.stub(example));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "The mock cannot serve "
              + String.join(", ", locations)
              + " as written: examples break their own matchers, so the mock would break the"
              + " contract it serves:\n"
              + String.join("\n", problems)
              + "\nGive each matched field an example value its matcher accepts.");
    }
    loaded.forEach(this::stubFor);
    return this;
  }

  /**
   * Puts the mock in the provider states {@code states}, replacing those chosen before: from now on
   * a stub with states (an interaction of a contract file with {@code given}, or a stub with {@link
   * MethodStub#givenStates}) answers only when all its states are among them; stubs without states
   * answer in every state. Of several stubs that match a call at the same priority, one with states
   * wins over one without, and among those the later added wins. Until this is called, the mock
   * ignores states and every stub answers as its priority and order say. {@link #reset} forgets the
   * choice. No states at all serves only the stubs without states.
   *
   * @return this mock, for chaining
   */
  public GrpcMockServer givenStates(String... states) {
    Set<String> chosen = new java.util.LinkedHashSet<>();
    for (String state : states) {
      chosen.add(Objects.requireNonNull(state, "state"));
    }
    synchronized (scenarios) {
      providerStates = java.util.Collections.unmodifiableSet(chosen);
    }
    return this;
  }

  /**
   * Sets how long a client-streaming or bidirectional call may go without a request or half-close
   * from the client (default {@link #DEFAULT_IDLE_LIMIT}) before the mock ends it with {@code
   * FAILED_PRECONDITION}: a script that waits for a request the client never sends, while the
   * client waits for a message, would otherwise hang until the client's deadline. The call is then
   * unexpected, with the reason. Applies to calls that start afterwards.
   *
   * @return this mock, for chaining
   * @throws IllegalArgumentException when not positive
   */
  public GrpcMockServer idleLimit(Duration limit) {
    Objects.requireNonNull(limit, "limit");
    if (limit.isZero() || limit.isNegative()) {
      throw new IllegalArgumentException("The idle limit must be positive, but was " + limit);
    }
    this.idleLimit = limit;
    return this;
  }

  /** Returns every call received since the start or the last {@link #reset()}, in order. */
  public List<RecordedCall> calls() {
    return List.copyOf(journal);
  }

  /**
   * Returns the calls a stub answered to the end, as contract interactions for {@link
   * dev.grpccontract.contract.ContractWriter}: the requests and request metadata the client sent,
   * the messages the mock answered with (for a bidi call as {@code send}/{@code expect} steps in
   * the order they passed), the status, its description and its {@code google.rpc} error details.
   * Calls no stub answered, and calls still open, are left out; the deadline is left out too, as
   * its remaining time differs from run to run.
   *
   * @param namePrefix the start of every interaction's name; each name ends with the method and,
   *     from the second call on, its number
   */
  public List<dev.grpccontract.contract.ContractWriter.Call> exercisedInteractions(
      String namePrefix) {
    List<dev.grpccontract.contract.ContractWriter.Call> result = new ArrayList<>();
    int index = 0;
    for (RecordedCall call : journal) {
      if (call.stub().isEmpty() || call.status().isEmpty() || !call.unexpected().isEmpty()) {
        continue;
      }
      index++;
      MethodDescriptor method = schema.method(call.method());
      result.add(
          Recordings.toContractCall(
              namePrefix + ": " + method.getName() + (index == 1 ? "" : " #" + index),
              method,
              call));
    }
    return result;
  }

  /** Returns the calls no stub answered (or with bidi requests no rule answered). */
  public List<RecordedCall> unexpectedCalls() {
    List<RecordedCall> result = new ArrayList<>();
    for (RecordedCall call : journal) {
      if (!call.unexpected().isEmpty()) {
        result.add(call);
      }
    }
    return result;
  }

  /**
   * Checks that calls matching {@code pattern} (its method, request matchers and metadata) were
   * received as many times as {@code count} says.
   *
   * @throws AssertionError when not, listing the calls of the method with how each differs from the
   *     pattern
   * @throws IllegalArgumentException when the pattern does not fit the schema
   */
  public void verify(MethodStub pattern, CallCount count) {
    Objects.requireNonNull(count, "count");
    BoundStub bound = BoundStub.pattern(Objects.requireNonNull(pattern, "pattern"), schema);
    int matched = 0;
    List<String> others = new ArrayList<>();
    for (RecordedCall call : journal) {
      if (!call.method().equals(bound.fullName)) {
        continue;
      }
      List<String> differences =
          bound.differences(call.headers(), call.deadline().orElse(null), call.requests());
      if (differences.isEmpty()) {
        matched++;
      } else {
        others.add("  " + call + "\n      " + String.join("\n      ", differences));
      }
    }
    if (!count.accepts(matched)) {
      throw new AssertionError(
          "Expected "
              + count
              + " matching "
              + pattern
              + " but the mock received "
              + matched
              + (others.isEmpty()
                  ? ""
                  : "; other calls of " + bound.fullName + ":\n" + String.join("\n", others)));
    }
  }

  /** Checks that at least one call matching {@code pattern} was received; see {@link #verify}. */
  public void verify(MethodStub pattern) {
    verify(pattern, Stubbing.atLeast(1));
  }

  /**
   * Checks that every call was answered by a stub.
   *
   * @throws AssertionError listing each unexpected call with how it differs from the closest stub
   */
  public void verifyNoUnexpectedCalls() {
    List<String> problems = unexpectedCallProblems();
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  /**
   * Checks that every stub marked {@link MethodStub#required()} answered at least one call.
   *
   * @throws AssertionError naming each required stub no call used
   */
  public void verifyRequiredStubsCalled() {
    List<String> problems = unusedRequiredStubProblems();
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  /**
   * Returns what {@link #verifyNoUnexpectedCalls()} and {@link #verifyRequiredStubsCalled()} would
   * report, one entry each; empty when both pass.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    List<String> unexpected = unexpectedCallProblems();
    if (!unexpected.isEmpty()) {
      problems.add(String.join("\n", unexpected));
    }
    List<String> unused = unusedRequiredStubProblems();
    if (!unused.isEmpty()) {
      problems.add(String.join("\n", unused));
    }
    return problems;
  }

  private List<String> unexpectedCallProblems() {
    List<RecordedCall> unexpected = unexpectedCalls();
    if (unexpected.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "The mock received "
            + unexpected.size()
            + (unexpected.size() == 1 ? " call" : " calls")
            + " no stub answered:");
    for (RecordedCall call : unexpected) {
      lines.add("  " + call);
      for (String why : call.unexpected()) {
        lines.add("    " + why.replace("\n", "\n    "));
      }
    }
    return lines;
  }

  private List<String> unusedRequiredStubProblems() {
    List<String> lines = new ArrayList<>();
    synchronized (stubs) {
      for (BoundStub stub : stubs) {
        if (stub.required && stub.calls.get() == 0) {
          lines.add("  " + stub.name);
        }
      }
    }
    if (!lines.isEmpty()) {
      lines.add(
          0,
          (lines.size() == 1 ? "A required stub was" : lines.size() + " required stubs were")
              + " never called:");
    }
    return lines;
  }

  /** Removes every stub, forgets every call received, and puts every scenario back at its start. */
  public void reset() {
    synchronized (stubs) {
      stubs.clear();
    }
    journal.clear();
    synchronized (scenarios) {
      scenarios.clear();
      providerStates = null;
    }
  }

  /**
   * Returns the state of scenario {@code name}: {@link Stubbing#STARTED} until a stub of it moves
   * it on.
   */
  public String scenarioState(String name) {
    synchronized (scenarios) {
      return scenarios.getOrDefault(Objects.requireNonNull(name, "name"), Stubbing.STARTED);
    }
  }

  /**
   * Stops the server and shuts the channel down, cancelling calls still open; waits a bounded time
   * for both. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    channel.shutdownNow();
    server.shutdownNow();
    timer.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the mock's address and the schema's origin, for messages. */
  @Override
  public String toString() {
    return "GrpcMockServer{" + address + ", " + schema.origin() + "}";
  }

  /** The stub chosen for a call, or why none was. */
  private record Choice(BoundStub stub, String unexpected) {}

  private Choice choose(RecordedCall call) {
    String method = call.method();
    List<Message> requests = call.requests();
    List<BoundStub> candidates = new ArrayList<>();
    Set<String> stubbed = new LinkedHashSet<>();
    synchronized (stubs) {
      for (BoundStub stub : stubs) {
        stubbed.add(stub.fullName);
        if (stub.fullName.equals(method)) {
          candidates.add(stub);
        }
      }
    }
    if (candidates.isEmpty()) {
      return new Choice(
          null,
          "the mock has no stub for "
              + method
              + (stubbed.isEmpty()
                  ? " (it has no stubs at all)"
                  : "; it has stubs for " + String.join(", ", stubbed))
              + "; add one with stubFor(method(\""
              + method
              + "\")...)");
    }
    Set<String> chosen;
    synchronized (scenarios) {
      chosen = providerStates;
    }
    candidates.sort(
        Comparator.comparingInt((BoundStub s) -> s.priority)
            .thenComparing(s -> chosen != null && s.states.isEmpty())
            .thenComparing(s -> -s.order));
    BoundStub closest = null;
    List<String> closestDifferences = null;
    for (BoundStub stub : candidates) {
      List<String> differences =
          new ArrayList<>(stub.differences(call.headers(), call.deadline().orElse(null), requests));
      if (chosen != null && !chosen.containsAll(stub.states)) {
        differences.add(
            0,
            "provider states: it needs "
                + stub.states
                + " but the mock is in "
                + chosen
                + "; choose them with givenStates(...)");
      }
      synchronized (scenarios) {
        MethodStub.Scenario scenario = stub.scenario;
        String state =
            scenario == null ? null : scenarios.getOrDefault(scenario.name(), Stubbing.STARTED);
        if (scenario != null
            && scenario.requiredState() != null
            && !scenario.requiredState().equals(state)) {
          differences.add(
              0,
              "scenario "
                  + ProtoJson.quote(scenario.name())
                  + ": expected state "
                  + ProtoJson.quote(scenario.requiredState())
                  + " but it is "
                  + ProtoJson.quote(state));
        }
        if (differences.isEmpty()) {
          if (scenario != null && scenario.newState() != null) {
            scenarios.put(scenario.name(), scenario.newState());
          }
          return new Choice(stub, null);
        }
      }
      if (closest == null || differences.size() < closestDifferences.size()) {
        closest = stub;
        closestDifferences = differences;
      }
    }
    return new Choice(
        null,
        "no stub of "
            + method
            + " matches; the closest, "
            + closest.name
            + ", differs:\n  "
            + String.join("\n  ", closestDifferences));
  }

  /** Answers every call of one method. */
  private final class Handler implements ServerCallHandler<Message, Message> {
    private final MethodDescriptor method;
    private final String fullName;
    private final boolean bidi;

    Handler(MethodDescriptor method, String fullName) {
      this.method = method;
      this.fullName = fullName;
      this.bidi = method.isClientStreaming() && method.isServerStreaming();
    }

    @Override
    public ServerCall.Listener<Message> startCall(
        ServerCall<Message, Message> call, Metadata headers) {
      Deadline deadline = Context.current().getDeadline();
      RecordedCall record =
          new RecordedCall(
              fullName,
              headers,
              deadline == null
                  ? null
                  : Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS))));
      MockCall mock =
          new MockCall(
              call,
              timer,
              action -> {
                if (action instanceof MockCall.Send send) {
                  record.sent(send.message());
                } else if (action instanceof MockCall.Close close) {
                  record.closed(close.status(), close.trailers());
                }
              });
      journal.add(record);
      BoundStub stub = null;
      List<BoundStub.CallRule> rules = List.of();
      if (bidi) {
        Choice choice = choose(record);
        stub = choice.stub();
        if (stub == null) {
          unexpected(mock, record, choice.unexpected());
        } else {
          record.answeredBy(stub.name);
          stub.calls.incrementAndGet();
          rules = stub.rulesForCall();
          mock.play(stub.start);
        }
      }
      if (!mock.isClosed()) {
        call.request(1);
      }
      BoundStub chosen = stub;
      List<BoundStub.CallRule> callRules = rules;
      Duration limit = method.isClientStreaming() ? idleLimit : null;
      Runnable stuck = () -> stuck(mock, record, chosen, limit);
      mock.watchIdle(limit, stuck);
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(Message message) {
          int index = record.requests().size();
          record.addRequest(message);
          mock.watchIdle(limit, stuck);
          if (chosen != null) {
            converse(mock, record, chosen, callRules, message, index);
          }
          if (!mock.isClosed()) {
            call.request(1);
          }
        }

        @Override
        public void onHalfClose() {
          record.halfClosed();
          mock.watchIdle(null, stuck);
          if (bidi) {
            if (chosen != null) {
              mock.play(chosen.halfClose);
            }
            return;
          }
          Choice choice = choose(record);
          if (choice.stub() == null) {
            unexpected(mock, record, choice.unexpected());
            return;
          }
          record.answeredBy(choice.stub().name, choice.stub().responseMatchers);
          choice.stub().calls.incrementAndGet();
          mock.play(choice.stub().plan);
        }

        @Override
        public void onCancel() {
          mock.cancelled();
        }
      };
    }

    private void converse(
        MockCall mock,
        RecordedCall record,
        BoundStub stub,
        List<BoundStub.CallRule> rules,
        Message message,
        int index) {
      String label = "requests[" + index + "].";
      List<String> closest = null;
      int closestRule = -1;
      for (int i = 0; i < rules.size(); i++) {
        BoundStub.CallRule rule = rules.get(i);
        if (rule.rule().once() && rule.used().get()) {
          continue;
        }
        List<String> differences = rule.rule().when().differences(message, label);
        if (differences.isEmpty()) {
          if (!rule.rule().once() || rule.used().compareAndSet(false, true)) {
            mock.play(rule.rule().actions());
            return;
          }
        } else if (closest == null || differences.size() < closest.size()) {
          closest = differences;
          closestRule = i;
        }
      }
      record.unexpected(
          "requests["
              + index
              + "] of the conversation of "
              + stub.name
              + " matched no rule"
              + (closest == null
                  ? " (it has no rule left for it)"
                  : "; the closest, rule "
                      + closestRule
                      + ", differs:\n  "
                      + String.join("\n  ", closest)));
    }

    private void stuck(MockCall mock, RecordedCall record, BoundStub stub, Duration limit) {
      if (mock.isClosed()) {
        return;
      }
      String why =
          "the call waited "
              + limit
              + " for the client's next request or half-close after "
              + record.requests().size()
              + " requests"
              + (stub == null ? "" : " (" + stub.name + ")")
              + ": the client and the mock wait for each other. Send what the script answers, or"
              + " half-close the stream in the test; idleLimit(...) sets the wait";
      record.unexpected(why);
      mock.play(
          List.of(
              new MockCall.Close(
                  Status.FAILED_PRECONDITION.withDescription("grpc-contract mock: " + why),
                  new Metadata())));
    }

    private void unexpected(MockCall mock, RecordedCall record, String why) {
      record.unexpected(why);
      mock.play(
          List.of(
              new MockCall.Close(
                  Status.UNIMPLEMENTED.withDescription("grpc-contract mock: " + why),
                  new Metadata())));
    }

    @Override
    public String toString() {
      return "mock handler of " + method.getFullName();
    }
  }
}
