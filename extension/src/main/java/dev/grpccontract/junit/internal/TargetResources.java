package dev.grpccontract.junit.internal;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcService;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The server, channel, schema and client of one target, kept in a JUnit store and closed with
 * it: channel first, then server, each with an orderly shutdown and a bounded wait before {@code
 * shutdownNow}. A resource that still does not terminate fails the close, naming it.
 */
@SuppressWarnings("deprecation") // CloseableResource: implemented beside AutoCloseable for JUnit 5.x
public final class TargetResources
    implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  static final long SHUTDOWN_WAIT_MILLIS = 5_000;

  private final String name;
  private final Server server;
  private final ManagedChannel channel;
  private final ProtoSchema schema;
  private final GrpcClient client;
  private boolean closed;

  private TargetResources(
      String name, Server server, ManagedChannel channel, ProtoSchema schema, GrpcClient client) {
    this.name = name;
    this.server = server;
    this.channel = channel;
    this.schema = schema;
    this.client = client;
  }

  /**
   * Starts what {@code spec} describes.
   *
   * @param testInstance the instance whose {@code @GrpcService} instance fields are read, or
   *     {@code null} to read static fields only
   * @throws ExtensionConfigurationException when the configuration is inconsistent
   */
  public static TargetResources start(TargetSpec spec, Object testInstance) {
    List<ServerServiceDefinition> definitions = new ArrayList<>();
    List<ServerInterceptor> interceptors = new ArrayList<>();
    for (Class<? extends BindableService> type : spec.serviceClasses()) {
      definitions.add(instantiate(type, spec.where()).bindService());
    }
    for (Object service : spec.services()) {
      addService(service, "the extension's builder", definitions, interceptors);
    }
    for (Field field : serviceFields(spec.testClass())) {
      boolean isStatic = Modifier.isStatic(field.getModifiers());
      if (!isStatic && testInstance == null) {
        continue;
      }
      Object value = read(field, isStatic ? null : testInstance);
      addService(value, "@GrpcService field " + describe(field), definitions, interceptors);
    }

    if (!spec.inProcess() && !definitions.isEmpty()) {
      throw new ExtensionConfigurationException(
          "@GrpcTarget on "
              + spec.where()
              + " sets address = \""
              + spec.address()
              + "\" and also services to host in-process; choose one");
    }
    if (spec.inProcess() && definitions.isEmpty()) {
      throw new ExtensionConfigurationException(
          "@GrpcTarget on "
              + spec.where()
              + " has nothing to talk to: list service classes in @GrpcTarget(services = ...),"
              + " add @GrpcService fields, or set @GrpcTarget(address = \"host:port\")");
    }

    String name = spec.inProcess() ? InProcessServerBuilder.generateName() : spec.address();
    Server server = null;
    ManagedChannel channel = null;
    try {
      if (spec.inProcess()) {
        InProcessServerBuilder serverBuilder = InProcessServerBuilder.forName(name);
        for (ServerServiceDefinition definition : definitions) {
          serverBuilder.addService(ServerInterceptors.intercept(definition, interceptors));
        }
        try {
          server = serverBuilder.build().start();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("Cannot start in-process server " + name, e);
        }
        InProcessChannelBuilder channelBuilder = InProcessChannelBuilder.forName(name);
        configure(channelBuilder, spec);
        channel = channelBuilder.build();
      } else {
        NettyChannelBuilder channelBuilder = NettyChannelBuilder.forTarget(spec.address());
        if (spec.plaintext()) {
          channelBuilder.usePlaintext();
        } else {
          channelBuilder.useTransportSecurity();
        }
        configure(channelBuilder, spec);
        channel = channelBuilder.build();
      }
      ProtoSchema schema;
      if (spec.schema() != null) {
        schema = spec.schema();
      } else if (!spec.sources().isEmpty()) {
        schema =
            SchemaLoader.load(
                spec.sources(), spec.testClass().getClassLoader(), channel, spec.where());
      } else if (spec.inProcess()) {
        schema = ProtoSchema.fromServices(definitions);
      } else {
        throw new ExtensionConfigurationException(
            "@GrpcTarget(address = \""
                + spec.address()
                + "\") on "
                + spec.where()
                + " needs a schema: add @ProtoSource(descriptorSet = ...), (classes = ...),"
                + " (files = ...) or (reflection = true)");
      }
      GrpcClient client =
          GrpcClient.builder(channel, schema).defaultDeadline(spec.deadline()).build();
      return new TargetResources(name, server, channel, schema, client);
    } catch (RuntimeException | Error e) {
      shutdownQuietly(channel, server, e);
      throw e;
    }
  }

  private static void configure(ManagedChannelBuilder<?> builder, TargetSpec spec) {
    if (!spec.authority().isEmpty()) {
      builder.overrideAuthority(spec.authority());
    }
    if (spec.maxInboundMessageSize() >= 0) {
      builder.maxInboundMessageSize(spec.maxInboundMessageSize());
    }
  }

  private static void shutdownQuietly(ManagedChannel channel, Server server, Throwable failure) {
    try {
      if (channel != null) {
        channel.shutdownNow();
      }
      if (server != null) {
        server.shutdownNow();
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Returns the {@code @GrpcService} fields of {@code testClass} and its superclasses. */
  public static List<Field> serviceFields(Class<?> testClass) {
    return AnnotationSupport.findAnnotatedFields(testClass, GrpcService.class);
  }

  private static void addService(
      Object value,
      String origin,
      List<ServerServiceDefinition> definitions,
      List<ServerInterceptor> interceptors) {
    if (value instanceof BindableService) {
      definitions.add(((BindableService) value).bindService());
    } else if (value instanceof ServerServiceDefinition) {
      definitions.add((ServerServiceDefinition) value);
    } else if (value instanceof ServerInterceptor) {
      interceptors.add((ServerInterceptor) value);
    } else {
      throw new ExtensionConfigurationException(
          origin
              + " must hold a BindableService, ServerServiceDefinition or ServerInterceptor, but"
              + " holds "
              + (value == null ? "null (is it set in @BeforeEach? set it where it is declared)"
                  : "a " + value.getClass().getName()));
    }
  }

  private static BindableService instantiate(Class<? extends BindableService> type, String where) {
    try {
      Constructor<? extends BindableService> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new ExtensionConfigurationException(
          "@GrpcTarget on "
              + where
              + " lists "
              + type.getName()
              + ", which has no no-arg constructor; give it one, or host an instance you build"
              + " in a @GrpcService field",
          e);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ExtensionConfigurationException(
          "@GrpcTarget on " + where + " could not create " + type.getName() + ": " + cause, cause);
    }
  }

  private static Object read(Field field, Object instance) {
    try {
      field.setAccessible(true);
      return field.get(instance);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "Cannot read @GrpcService field " + describe(field) + ": " + e, e);
    }
  }

  static String describe(Field field) {
    return field.getDeclaringClass().getSimpleName() + "." + field.getName();
  }

  /** Returns the client of this target. */
  public GrpcClient client() {
    return client;
  }

  /** Returns the schema of this target. */
  public ProtoSchema schema() {
    return schema;
  }

  /** Returns the channel of this target. */
  public ManagedChannel channel() {
    return channel;
  }

  /** Shuts down the channel, then the server; see the class comment. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    client.close();
    try {
      shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.shutdownNow();
      if (server != null) {
        server.shutdownNow();
      }
      throw new IllegalStateException("Interrupted while shutting down " + name, e);
    }
  }

  private void shutdown() throws InterruptedException {
    channel.shutdown();
    if (server != null) {
      server.shutdown();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_WAIT_MILLIS);
    List<String> stuck = new ArrayList<>();
    if (!channel.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
      channel.shutdownNow();
      if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
        stuck.add("channel to " + name);
      }
    }
    if (server != null && !server.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
      server.shutdownNow();
      if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
        stuck.add("in-process server " + name);
      }
    }
    if (!stuck.isEmpty()) {
      throw new IllegalStateException(
          "grpc-contract could not shut down "
              + String.join(" and ", stuck)
              + " within "
              + SHUTDOWN_WAIT_MILLIS
              + " ms; a call or a service thread may still be running");
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  @Override
  public String toString() {
    return "TargetResources{" + name + "}";
  }
}
