package dev.grpccontract.mock;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.contract.ConsumerContracts;
import dev.grpccontract.contract.ContractWriter;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A recording proxy in front of a real server: it forwards every call of the schema's services (all
 * four call kinds, with request metadata, deadline, response headers, messages, status and
 * trailers) to a target channel, and keeps what passed, to be written as contract interactions.
 *
 * <pre>{@code
 * try (GrpcRecorder recorder = GrpcRecorder.start(schema, realChannel)) {
 *   new OrdersClient(recorder.channel()).state("42");  // the code under test, through the proxy
 *   recorder.writeTo(Path.of("target/grpc-contracts"), "web", "orders");
 * }
 * }</pre>
 *
 * <p>Hosted in-process or on a loopback TCP port; thread-safe; {@link #close()} stops the proxy and
 * the channel it owns, not the target.
 */
public final class GrpcRecorder implements AutoCloseable {

  /**
   * Request headers the transport sets; never forwarded, as the proxy's own transport sets them.
   */
  private static final Set<String> TRANSPORT_HEADERS =
      Set.of("user-agent", "content-type", "te", "host", "grpc-accept-encoding", "grpc-encoding");

  private final ProtoSchema schema;
  private final Channel target;
  private final Server server;
  private final ManagedChannel channel;
  private final String address;
  private final List<RecordedCall> journal = new CopyOnWriteArrayList<>();

  private GrpcRecorder(ProtoSchema schema, Channel target, boolean netty) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.target = Objects.requireNonNull(target, "target");
    if (schema.services().isEmpty()) {
      throw new IllegalArgumentException(
          "The schema ("
              + schema.origin()
              + ") has no services, so a recorder of it would forward nothing; give a schema whose"
              + " files declare the target's services");
    }
    try {
      if (netty) {
        NettyServerBuilder builder =
            NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        services().forEach(builder::addService);
        this.server = builder.build().start();
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        this.address = (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
        this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
      } else {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        services().forEach(builder::addService);
        this.server = builder.build().start();
        this.address = name;
        this.channel = InProcessChannelBuilder.forName(name).build();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the recorder for " + schema.origin(), e);
    }
  }

  /**
   * Starts a recorder, in-process, forwarding every method of {@code schema} to {@code target}.
   *
   * @throws IllegalArgumentException when the schema has no services
   */
  public static GrpcRecorder start(ProtoSchema schema, Channel target) {
    return new GrpcRecorder(schema, target, false);
  }

  /**
   * Starts a recorder on a free loopback TCP port (plaintext), for code under test that dials an
   * address.
   *
   * @throws IllegalArgumentException when the schema has no services
   */
  public static GrpcRecorder startOnLoopbackPort(ProtoSchema schema, Channel target) {
    return new GrpcRecorder(schema, target, true);
  }

  /** Returns a channel to the recorder, for the code under test. */
  public ManagedChannel channel() {
    return channel;
  }

  /** Returns the recorder's address: {@code host:port}, or the in-process name. */
  public String address() {
    return address;
  }

  /** Returns every call that passed, in the order they started. */
  public List<RecordedCall> calls() {
    return List.copyOf(journal);
  }

  /** Forgets the calls recorded so far. */
  public void reset() {
    journal.clear();
  }

  /**
   * Returns the calls that ended, as contract interactions named {@code <namePrefix>: <Method>} and
   * numbered from the second on: the request metadata and messages, the answers (for bidi calls as
   * steps in the order they passed), the status, description and {@code google.rpc} error details.
   * Deadlines are left out, as their remaining time differs from run to run.
   */
  public List<ContractWriter.Call> interactions(String namePrefix) {
    List<ContractWriter.Call> result = new ArrayList<>();
    int index = 0;
    for (RecordedCall call : journal) {
      if (call.status().isEmpty()) {
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

  /**
   * Writes the recorded interactions (named {@code recorded: <Method>}) as the recorder's part of
   * {@code <consumer>-<provider>.grpc.yaml} in {@code directory}; see {@link ConsumerContracts}.
   *
   * @return the contract file
   */
  public Path writeTo(Path directory, String consumer, String provider) {
    return ConsumerContracts.write(
        directory, consumer, provider, "recorder", interactions("recorded"));
  }

  /** Stops the recorder and its channel; the target stays open. */
  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "GrpcRecorder{" + address + ", " + schema.origin() + "}";
  }

  private List<ServerServiceDefinition> services() {
    List<ServerServiceDefinition> definitions = new ArrayList<>();
    for (ServiceDescriptor service : schema.services()) {
      ServerServiceDefinition.Builder builder =
          ServerServiceDefinition.builder(service.getFullName());
      for (MethodDescriptor method : service.getMethods()) {
        String name = service.getFullName() + "/" + method.getName();
        builder.addMethod(schema.grpcMethod(name), new Forward(name));
      }
      definitions.add(builder.build());
    }
    return definitions;
  }

  private static Metadata forwardable(Metadata headers) {
    Metadata out = new Metadata();
    for (String key : headers.keys()) {
      if (key.startsWith(":") || TRANSPORT_HEADERS.contains(key)) {
        continue;
      }
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Metadata.Key<byte[]> k = Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER);
        for (byte[] value : headers.getAll(k)) {
          out.put(k, value);
        }
      } else {
        Metadata.Key<String> k = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
        for (String value : headers.getAll(k)) {
          out.put(k, value);
        }
      }
    }
    return out;
  }

  /** Forwards the calls of one method and records them. */
  private final class Forward implements ServerCallHandler<Message, Message> {
    private final String name;

    Forward(String name) {
      this.name = name;
    }

    @Override
    public ServerCall.Listener<Message> startCall(
        ServerCall<Message, Message> serverCall, Metadata headers) {
      Deadline deadline = Context.current().getDeadline();
      RecordedCall record =
          new RecordedCall(
              name,
              headers,
              deadline == null
                  ? null
                  : Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS))));
      journal.add(record);
      CallOptions options = CallOptions.DEFAULT;
      if (deadline != null) {
        options = options.withDeadline(deadline);
      }
      ClientCall<Message, Message> clientCall = target.newCall(schema.grpcMethod(name), options);
      Object lock = new Object();
      clientCall.start(
          new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata responseHeaders) {
              synchronized (lock) {
                serverCall.sendHeaders(forwardable(responseHeaders));
              }
            }

            @Override
            public void onMessage(Message message) {
              synchronized (lock) {
                record.sent(message);
                serverCall.sendMessage(message);
                clientCall.request(1);
              }
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
              synchronized (lock) {
                record.closed(status, trailers);
                try {
                  serverCall.close(status, trailers);
                } catch (IllegalStateException e) {
                  // the client went away first
                }
              }
            }
          },
          forwardable(headers));
      synchronized (lock) {
        clientCall.request(1);
        serverCall.request(1);
      }
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(Message message) {
          synchronized (lock) {
            record.addRequest(message);
            clientCall.sendMessage(message);
            serverCall.request(1);
          }
        }

        @Override
        public void onHalfClose() {
          synchronized (lock) {
            record.halfClosed();
            clientCall.halfClose();
          }
        }

        @Override
        public void onCancel() {
          synchronized (lock) {
            clientCall.cancel("the client cancelled the call to the recorder", null);
          }
        }
      };
    }
  }
}
