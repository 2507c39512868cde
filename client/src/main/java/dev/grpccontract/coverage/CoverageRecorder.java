package dev.grpccontract.coverage;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records what a test run does with the schemas it calls: per method, whether it was called, every
 * status code seen, the request fields ever set, the response fields ever seen and ever asserted
 * on, enum values and oneof branches seen, and the shapes of streams. {@link CoverageReport} turns
 * it into {@code coverage.json} and {@code coverage.html}.
 *
 * <p>One recorder per JVM ({@link #global()}); every {@code GrpcClient} reports to it, the contract
 * verifier and the assertions report the fields they check. Thread-safe. Recording is on unless the
 * system property {@code grpccontract.coverage} is {@code false}.
 */
public final class CoverageRecorder {

  private static final CoverageRecorder GLOBAL =
      new CoverageRecorder(!"false".equals(System.getProperty("grpccontract.coverage")));

  private final boolean enabled;
  private final Map<ProtoSchema, Boolean> schemas =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<String, MethodDescriptor> methods = new ConcurrentHashMap<>();
  private final Map<String, Stats> stats = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> asserted = new ConcurrentHashMap<>();
  private final ClientInterceptor interceptor = new Recording();
  private final Set<String> wholeTypes = ConcurrentHashMap.newKeySet();

  /** Method, then consumer, then "request" / "response", then field paths. */
  private final Map<String, Map<String, Map<String, Set<String>>>> consumers =
      new ConcurrentHashMap<>();

  CoverageRecorder(boolean enabled) {
    this.enabled = enabled;
  }

  /** Returns the JVM's recorder. */
  public static CoverageRecorder global() {
    return GLOBAL;
  }

  /** Returns whether this recorder records; when not, every method returns at once. */
  public boolean enabled() {
    return enabled;
  }

  /** Returns whether anything was recorded: a schema, a call, or an assertion. */
  public boolean isEmpty() {
    return schemas.isEmpty() && stats.isEmpty() && asserted.isEmpty();
  }

  /** Adds the methods of {@code schema} to the report, so that methods never called show. */
  public void register(ProtoSchema schema) {
    if (!enabled || schemas.put(schema, Boolean.TRUE) != null) {
      return;
    }
    for (ServiceDescriptor service : schema.services()) {
      if (service.getFullName().startsWith("grpc.reflection.")
          || service.getFullName().startsWith("grpc.health.")) {
        continue;
      }
      for (MethodDescriptor method : service.getMethods()) {
        methods.putIfAbsent(service.getFullName() + "/" + method.getName(), method);
      }
    }
  }

  /** Returns a client interceptor that records every call made through it. */
  public ClientInterceptor interceptor() {
    return interceptor;
  }

  /** Records that a test checked the field at {@code path} of a message of {@code type}. */
  public void asserted(Descriptor type, String path) {
    if (enabled) {
      asserted
          .computeIfAbsent(type.getFullName(), k -> ConcurrentHashMap.newKeySet())
          .add(Shapes.normalize(path));
    }
  }

  /** Records that a test checked every field that {@code expected} sets, against a message. */
  public void asserted(Message expected) {
    if (!enabled) {
      return;
    }
    Set<String> fields = new TreeSet<>();
    Shapes.seen(expected, "", 0, fields, new TreeMap<>(), new TreeMap<>());
    asserted
        .computeIfAbsent(
            expected.getDescriptorForType().getFullName(), k -> ConcurrentHashMap.newKeySet())
        .addAll(fields);
  }

  /** Records that a test checked the whole of messages of {@code type} (every field). */
  public void assertedWhole(Descriptor type) {
    if (enabled && wholeTypes.add(type.getFullName())) {
      List<String> all = new ArrayList<>();
      Shapes.paths(type, "", 0, all);
      asserted.computeIfAbsent(type.getFullName(), k -> ConcurrentHashMap.newKeySet()).addAll(all);
    }
  }

  /**
   * Returns the field paths of messages of {@code type} that tests have checked so far, in
   * coverage's form ({@code items[].sku}); empty when none.
   */
  public Set<String> assertedFields(Descriptor type) {
    return Set.copyOf(asserted.getOrDefault(type.getFullName(), Set.of()));
  }

  /** Forgets everything recorded; for tests of the recorder. */
  void reset() {
    schemas.clear();
    methods.clear();
    stats.clear();
    asserted.clear();
    wholeTypes.clear();
    consumers.clear();
  }

  /**
   * Records that {@code consumer} relies on {@code method} with the fields its requests set and the
   * fields its expected responses give, as a contract file of that consumer says.
   */
  public void reliedOn(
      String consumer, String method, List<Message> requests, List<Message> responses) {
    if (!enabled) {
      return;
    }
    Map<String, Set<String>> sides =
        consumers
            .computeIfAbsent(method, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(consumer, k -> new ConcurrentHashMap<>());
    Set<String> request = sides.computeIfAbsent("request", k -> ConcurrentHashMap.newKeySet());
    Set<String> response = sides.computeIfAbsent("response", k -> ConcurrentHashMap.newKeySet());
    for (Message message : requests) {
      Shapes.seen(message, "", 0, request, new TreeMap<>(), new TreeMap<>());
    }
    for (Message message : responses) {
      Shapes.seen(message, "", 0, response, new TreeMap<>(), new TreeMap<>());
    }
  }

  /** Returns what was recorded, in the form {@code coverage.json} holds. */
  public CoverageReport report() {
    Map<String, JsonArray> services = new TreeMap<>();
    Map<String, MethodDescriptor> all = new TreeMap<>(methods);
    for (String name : stats.keySet()) {
      all.putIfAbsent(name, stats.get(name).method);
    }
    for (Map.Entry<String, MethodDescriptor> entry : all.entrySet()) {
      String name = entry.getKey();
      String service = name.substring(0, name.indexOf('/'));
      services
          .computeIfAbsent(service, k -> new JsonArray())
          .add(methodJson(name, entry.getValue()));
    }
    return CoverageReport.fromServices(services);
  }

  private JsonObject methodJson(String name, MethodDescriptor method) {
    Stats s = stats.get(name);
    JsonObject json = new JsonObject();
    json.addProperty("name", name);
    json.addProperty("kind", kind(method));
    json.addProperty("calls", s == null ? 0 : s.calls);
    JsonObject codes = new JsonObject();
    if (s != null) {
      synchronized (s) {
        s.codes.forEach((code, count) -> codes.addProperty(code, count));
      }
    }
    json.add("statusCodes", codes);
    json.add("request", side(method.getInputType(), s == null ? null : s.request, null));
    Set<String> checked = asserted.getOrDefault(method.getOutputType().getFullName(), Set.of());
    json.add("response", side(method.getOutputType(), s == null ? null : s.response, checked));
    Map<String, Map<String, Set<String>>> relying = consumers.get(name);
    if (relying != null) {
      JsonObject byConsumer = new JsonObject();
      new TreeMap<>(relying)
          .forEach(
              (consumer, sides) -> {
                JsonObject one = new JsonObject();
                one.add("request", strings(new TreeSet<>(sides.get("request"))));
                one.add("response", strings(new TreeSet<>(sides.get("response"))));
                byConsumer.add(consumer, one);
              });
      json.add("consumers", byConsumer);
    }
    if (method.isServerStreaming() || method.isClientStreaming()) {
      JsonObject streams = new JsonObject();
      if (s != null) {
        synchronized (s) {
          streams.addProperty(
              "minResponses", s.minResponses == Integer.MAX_VALUE ? 0 : s.minResponses);
          streams.addProperty("maxResponses", s.maxResponses);
          streams.addProperty(
              "minRequests", s.minRequests == Integer.MAX_VALUE ? 0 : s.minRequests);
          streams.addProperty("maxRequests", s.maxRequests);
          streams.addProperty("cancelled", s.cancelled);
        }
      }
      json.add("streams", streams);
    }
    return json;
  }

  private static JsonObject side(Descriptor type, Side seen, Set<String> checked) {
    JsonObject json = new JsonObject();
    json.addProperty("type", type.getFullName());
    List<String> universe = new ArrayList<>();
    Shapes.paths(type, "", 0, universe);
    json.add("fields", strings(universe));
    Side side = seen == null ? new Side() : seen;
    synchronized (side) {
      json.add("seen", strings(side.fields));
      if (checked != null) {
        json.add("asserted", strings(within(universe, checked)));
      }
      Map<String, List<String>> enumUniverse = new TreeMap<>();
      Shapes.enums(type, "", 0, enumUniverse);
      JsonObject enums = new JsonObject();
      enumUniverse.forEach(
          (path, values) -> {
            JsonObject one = new JsonObject();
            one.add("values", strings(values));
            one.add("seen", strings(side.enumValues.getOrDefault(path, Set.of())));
            enums.add(path, one);
          });
      json.add("enums", enums);
      Map<String, List<String>> oneofUniverse = new TreeMap<>();
      Shapes.oneofs(type, "", 0, oneofUniverse);
      JsonObject oneofs = new JsonObject();
      oneofUniverse.forEach(
          (path, branches) -> {
            JsonObject one = new JsonObject();
            one.add("branches", strings(branches));
            one.add("seen", strings(side.oneofBranches.getOrDefault(path, Set.of())));
            oneofs.add(path, one);
          });
      json.add("oneofs", oneofs);
    }
    return json;
  }

  /**
   * Returns the asserted paths that name fields of the type, a repeated field named without its
   * {@code []} counted as the field.
   */
  private static Set<String> within(List<String> universe, Set<String> checked) {
    Set<String> known = new java.util.HashSet<>(universe);
    Set<String> result = new TreeSet<>();
    for (String path : checked) {
      if (known.contains(path)) {
        result.add(path);
      } else if (known.contains(path + "[]")) {
        result.add(path + "[]");
      }
    }
    return result;
  }

  private static JsonArray strings(java.util.Collection<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  static String kind(MethodDescriptor method) {
    if (method.isClientStreaming()) {
      return method.isServerStreaming() ? "bidi" : "client-streaming";
    }
    return method.isServerStreaming() ? "server-streaming" : "unary";
  }

  /** What was seen of one side (requests or responses) of a method. */
  private static final class Side {
    final Set<String> fields = new TreeSet<>();
    final Map<String, Set<String>> enumValues = new TreeMap<>();
    final Map<String, Set<String>> oneofBranches = new TreeMap<>();

    synchronized void add(Message message) {
      Shapes.seen(message, "", 0, fields, enumValues, oneofBranches);
    }
  }

  /** The calls of one method. */
  private static final class Stats {
    final MethodDescriptor method;
    final Side request = new Side();
    final Side response = new Side();
    final Map<String, Integer> codes = new LinkedHashMap<>();
    int calls;
    int minRequests = Integer.MAX_VALUE;
    int maxRequests;
    int minResponses = Integer.MAX_VALUE;
    int maxResponses;
    int cancelled;

    Stats(MethodDescriptor method) {
      this.method = method;
    }

    synchronized void ended(Status status, int requests, int responses, boolean cancelledByClient) {
      calls++;
      codes.merge(status.getCode().name(), 1, Integer::sum);
      minRequests = Math.min(minRequests, requests);
      maxRequests = Math.max(maxRequests, requests);
      minResponses = Math.min(minResponses, responses);
      maxResponses = Math.max(maxResponses, responses);
      if (cancelledByClient) {
        cancelled++;
      }
    }
  }

  /** Wraps every call to count its messages and read its status. */
  private final class Recording implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        io.grpc.MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      ClientCall<Q, R> call = next.newCall(method, options);
      if (!enabled) {
        return call;
      }
      Stats s = statsFor(method);
      if (s == null) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        private volatile int sent;
        private volatile int received;
        private final java.util.concurrent.atomic.AtomicBoolean ended =
            new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onMessage(R message) {
                  received++;
                  if (message instanceof Message m) {
                    s.response.add(m);
                  }
                  super.onMessage(message);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                  if (ended.compareAndSet(false, true)) {
                    s.ended(status, sent, received, false);
                  }
                  super.onClose(status, trailers);
                }
              },
              headers);
        }

        @Override
        public void sendMessage(Q message) {
          sent++;
          if (message instanceof Message m) {
            s.request.add(m);
          }
          super.sendMessage(message);
        }

        /**
         * A call the client cancels counts as ended now: in-process, the transport may never report
         * the close of a call whose server had already finished.
         */
        @Override
        public void cancel(String message, Throwable cause) {
          if (ended.compareAndSet(false, true)) {
            s.ended(Status.CANCELLED, sent, received, true);
          }
          super.cancel(message, cause);
        }
      };
    }

    private Stats statsFor(io.grpc.MethodDescriptor<?, ?> method) {
      String name = method.getFullMethodName();
      Stats existing = stats.get(name);
      if (existing != null) {
        return existing;
      }
      MethodDescriptor descriptor = methods.get(name);
      if (descriptor == null) {
        return null; // not a method of a registered schema: health checks, reflection
      }
      return stats.computeIfAbsent(name, k -> new Stats(descriptor));
    }
  }
}
