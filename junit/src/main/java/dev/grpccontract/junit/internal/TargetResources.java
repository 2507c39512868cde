package dev.grpccontract.junit.internal;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcCallCredentials;
import dev.grpccontract.junit.GrpcService;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.BindableService;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The server, channel, schema and client of one target, kept in a JUnit store and closed with it:
 * channel first, then server, each with an orderly shutdown and a bounded wait before {@code
 * shutdownNow}. A resource that still does not terminate fails the close, naming it.
 */
@SuppressWarnings(
    "deprecation") // CloseableResource: implemented beside AutoCloseable for JUnit 5.x
public final class TargetResources
    implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  static final long SHUTDOWN_WAIT_MILLIS = 5_000;

  private final String name;
  private final DeadlineTimer timer;
  private final Server server;
  private final ManagedChannel channel;
  private final ProtoSchema schema;
  private final GrpcClient client;
  private final long shutdownWaitMillis;
  private boolean closed;

  private TargetResources(
      String name,
      DeadlineTimer timer,
      Server server,
      ManagedChannel channel,
      ProtoSchema schema,
      GrpcClient client,
      long shutdownWaitMillis) {
    this.name = name;
    this.timer = timer;
    this.server = server;
    this.channel = channel;
    this.schema = schema;
    this.client = client;
    this.shutdownWaitMillis = shutdownWaitMillis;
  }

  /**
   * For tests of the shutdown: resources around a server and channel the caller built, with an
   * orderly-shutdown wait of {@code shutdownWaitMillis} instead of {@link #SHUTDOWN_WAIT_MILLIS}.
   */
  static TargetResources of(
      String name,
      Server server,
      ManagedChannel channel,
      ProtoSchema schema,
      long shutdownWaitMillis) {
    return new TargetResources(
        name,
        null,
        server,
        channel,
        schema,
        GrpcClient.create(channel, schema),
        shutdownWaitMillis);
  }

  /**
   * Starts what {@code spec} describes.
   *
   * @param testInstance the instance whose {@code @GrpcService} and {@code @GrpcCallCredentials}
   *     instance fields are read, or {@code null} to read static fields only
   * @throws ExtensionConfigurationException when the configuration is inconsistent
   */
  public static TargetResources start(TargetConfig spec, Object testInstance) {
    List<ServerServiceDefinition> definitions = new ArrayList<>();
    List<ServerInterceptor> interceptors = new ArrayList<>();
    List<CallCredentials> credentials = new ArrayList<>();
    for (Class<? extends BindableService> type : spec.serviceClasses()) {
      definitions.add(instantiate(type, spec.where()).bindService());
    }
    for (Object service : spec.services()) {
      addService(service, "the extension's builder", definitions, interceptors, credentials);
    }
    interceptors.addAll(spec.interceptors());
    credentials.addAll(spec.callCredentials());
    // With an address as well (the address switch is on), services are not hosted but still
    // give the schema when no @ProtoSource does.
    for (Field field : serviceFields(spec.testClass())) {
      Object value = readField(field, testInstance);
      if (value != NOT_READ) {
        addService(
            value, "@GrpcService field " + describe(field), definitions, interceptors, credentials);
      }
    }
    for (Field field : credentialFields(spec.testClass())) {
      Object value = readField(field, testInstance);
      if (value == NOT_READ) {
        continue;
      }
      if (!(value instanceof CallCredentials)) {
        throw new ExtensionConfigurationException(
            "@GrpcCallCredentials field "
                + describe(field)
                + " must hold an io.grpc.CallCredentials, but holds "
                + (value == null ? "null" : "a " + value.getClass().getName()));
      }
      credentials.add((CallCredentials) value);
    }
    if (spec.hosted() && definitions.isEmpty()) {
      throw new ExtensionConfigurationException(
          "@GrpcTarget on "
              + spec.where()
              + " has nothing to talk to: list service classes in @GrpcTarget(services = ...),"
              + " add @GrpcService fields, or set @GrpcTarget(address = \"host:port\")");
    }

    checkConnection(spec);
    String name;
    DeadlineTimer timer = null;
    Server server = null;
    ManagedChannel channel = null;
    try {
      if (spec.hosted() && spec.transport() == GrpcTarget.Transport.IN_PROCESS) {
        name = InProcessServerBuilder.generateName();
        timer = DeadlineTimer.shared();
        InProcessServerBuilder serverBuilder =
            InProcessServerBuilder.forName(name).scheduledExecutorService(timer.scheduler());
        if (spec.directExecutor()) {
          serverBuilder.directExecutor();
        }
        addServices(serverBuilder, definitions, interceptors);
        server = startServer(serverBuilder, name);
        InProcessChannelBuilder channelBuilder =
            InProcessChannelBuilder.forName(name).scheduledExecutorService(timer.scheduler());
        configure(channelBuilder, spec);
        channel = channelBuilder.build();
      } else if (spec.hosted()) {
        NettyServerBuilder serverBuilder =
            NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                serverCredentials(spec));
        addServices(serverBuilder, definitions, interceptors);
        server = startServer(serverBuilder, "Netty server");
        name = "127.0.0.1:" + server.getPort();
        channel =
            nettyChannel(name, spec, spec.tls().serverTls() ? channelCredentials(spec) : null);
      } else {
        name = spec.address();
        channel = nettyChannel(name, spec, spec.plaintext() ? null : channelCredentials(spec));
      }
      ProtoSchema schema;
      if (spec.schema() != null) {
        schema = spec.schema();
      } else if (!spec.sources().isEmpty()) {
        schema =
            SchemaLoader.load(
                spec.sources(),
                spec.testClass().getClassLoader(),
                channel,
                spec.headers(),
                spec.deadline(),
                spec.where());
      } else if (!definitions.isEmpty()) {
        schema = SchemaLoader.forServices(definitions);
      } else {
        // Pact files carry their descriptors: a provider verified against its pacts needs no
        // other schema source.
        schema = ContractInvocations.embeddedSchema(spec.testClass());
        if (schema == null) {
          throw new ExtensionConfigurationException(
              "@GrpcTarget(address = \""
                  + spec.address()
                  + "\") on "
                  + spec.where()
                  + " needs a schema: add @ProtoSource(descriptorSet = ...), (classes = ...),"
                  + " (files = ...) or (reflection = true), or verify Pact files"
                  + " (@GrpcContracts(\"pacts/....json\")), which embed theirs");
        }
      }
      GrpcClient.Builder client =
          GrpcClient.builder(channel, schema)
              .defaultDeadline(spec.deadline())
              .defaultMetadata(spec.headers());
      if (spec.maxOutboundMessageSize() >= 0) {
        client.maxOutboundMessageSize(spec.maxOutboundMessageSize());
      }
      for (CallCredentials credential : credentials) {
        client.callCredentials(credential);
      }
      return new TargetResources(
          name, timer, server, channel, schema, client.build(), SHUTDOWN_WAIT_MILLIS);
    } catch (RuntimeException | Error e) {
      shutdownQuietly(channel, server, e);
      if (timer != null) {
        timer.close();
      }
      throw e;
    }
  }

  private static final Object NOT_READ = new Object();

  /** Reads a static field, or an instance field when there is an instance; else NOT_READ. */
  private static Object readField(Field field, Object testInstance) {
    boolean isStatic = Modifier.isStatic(field.getModifiers());
    if (!isStatic && testInstance == null) {
      return NOT_READ;
    }
    return read(field, isStatic ? null : testInstance);
  }

  private static void addServices(
      io.grpc.ServerBuilder<?> builder,
      List<ServerServiceDefinition> definitions,
      List<ServerInterceptor> interceptors) {
    for (ServerServiceDefinition definition : definitions) {
      builder.addService(ServerInterceptors.intercept(definition, interceptors));
    }
  }

  private static Server startServer(io.grpc.ServerBuilder<?> builder, String name) {
    try {
      return builder.build().start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Builds a channel to any gRPC target string through grpc-java's channel registry, which picks
   * Netty for host names and addresses and Netty's domain-socket transport for {@code unix:}.
   */
  private static ManagedChannel nettyChannel(
      String target, TargetConfig spec, ChannelCredentials credentials) {
    ManagedChannelBuilder<?> builder =
        Grpc.newChannelBuilder(
            target, credentials == null ? InsecureChannelCredentials.create() : credentials);
    if (builder instanceof NettyChannelBuilder) {
      ((NettyChannelBuilder) builder)
          .withOption(
              io.grpc.netty.shaded.io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
              (int) Math.min(Integer.MAX_VALUE, spec.connectTimeout().toMillis()));
    }
    configure(builder, spec);
    return builder.build();
  }

  private static ChannelCredentials channelCredentials(TargetConfig spec) {
    TargetConfig.TlsMaterial tls = spec.tls();
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    try {
      if (!tls.trustCertificates().isEmpty()) {
        builder.trustManager(pem(tls.trustCertificates(), "@Tls(trustCertificates)", spec));
      }
      if (!tls.clientCertificate().isEmpty() || !tls.clientKey().isEmpty()) {
        if (tls.clientCertificate().isEmpty() || tls.clientKey().isEmpty()) {
          throw new ExtensionConfigurationException(
              "@Tls on "
                  + spec.where()
                  + " needs both clientCertificate and clientKey for mutual TLS");
        }
        builder.keyManager(
            pem(tls.clientCertificate(), "@Tls(clientCertificate)", spec),
            pem(tls.clientKey(), "@Tls(clientKey)", spec));
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "@Tls on " + spec.where() + ": cannot use the client's TLS material: " + e.getMessage(),
          e);
    }
    return builder.build();
  }

  private static ServerCredentials serverCredentials(TargetConfig spec) {
    TargetConfig.TlsMaterial tls = spec.tls();
    if (!tls.serverTls()) {
      if (tls.requireClientCertificate()) {
        throw new ExtensionConfigurationException(
            "@Tls on "
                + spec.where()
                + " requires client certificates but gives the server no"
                + " serverCertificate and serverKey");
      }
      return InsecureServerCredentials.create();
    }
    try {
      TlsServerCredentials.Builder builder =
          TlsServerCredentials.newBuilder()
              .keyManager(
                  pem(tls.serverCertificate(), "@Tls(serverCertificate)", spec),
                  pem(tls.serverKey(), "@Tls(serverKey)", spec));
      if (tls.requireClientCertificate()) {
        if (tls.trustCertificates().isEmpty()) {
          throw new ExtensionConfigurationException(
              "@Tls on "
                  + spec.where()
                  + " requires client certificates: set trustCertificates to"
                  + " the CA that signs them");
        }
        builder
            .trustManager(pem(tls.trustCertificates(), "@Tls(trustCertificates)", spec))
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return builder.build();
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "@Tls on " + spec.where() + ": cannot use the server's TLS material: " + e.getMessage(),
          e);
    }
  }

  /**
   * The connection mistakes caught before any call: TLS material with {@code plaintext = true}, and
   * an address written as a URL.
   */
  private static void checkConnection(TargetConfig spec) {
    TargetConfig.TlsMaterial tls = spec.tls();
    if (spec.plaintext() && !tls.equals(TargetConfig.TlsMaterial.NONE)) {
      throw new ExtensionConfigurationException(
          "@GrpcTarget on "
              + spec.where()
              + " sets plaintext = true and TLS material in tls = @Tls(...); a plaintext"
              + " connection uses no TLS: remove one of the two");
    }
    String address = spec.address() == null ? "" : spec.address().trim();
    String lower = address.toLowerCase(java.util.Locale.ROOT);
    if (!spec.hosted() && (lower.startsWith("http://") || lower.startsWith("https://"))) {
      boolean secure = lower.startsWith("https://");
      String hostPort = address.substring(secure ? 8 : 7).replaceAll("/+$", "");
      throw new ExtensionConfigurationException(
          "@GrpcTarget(address = \""
              + address
              + "\") on "
              + spec.where()
              + ": a gRPC address is host:port, not a URL; write \""
              + hostPort
              + "\""
              + (secure
                  ? " (TLS is the default)"
                  : " and set plaintext = true if the server does not serve TLS"));
    }
  }

  /** Reads a PEM file from a path or a {@code classpath:} resource. */
  private static java.io.InputStream pem(String location, String attribute, TargetConfig spec) {
    java.io.InputStream in = openPem(location, attribute, spec);
    if (!attribute.endsWith("Key)")) {
      return in;
    }
    byte[] bytes;
    try (in) {
      bytes = in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new ExtensionConfigurationException(
          attribute + " = \"" + location + "\" on " + spec.where() + ": cannot read it (" + e + ")",
          e);
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    java.util.regex.Matcher legacy =
        java.util.regex.Pattern.compile("-----BEGIN (RSA|EC|DSA) PRIVATE KEY-----").matcher(text);
    if (legacy.find()) {
      throw new ExtensionConfigurationException(
          attribute
              + " = \""
              + location
              + "\" on "
              + spec.where()
              + " is a "
              + (legacy.group(1).equals("RSA") ? "PKCS#1" : "traditional " + legacy.group(1))
              + " key (BEGIN "
              + legacy.group(1)
              + " PRIVATE KEY); gRPC reads PKCS#8 keys (BEGIN PRIVATE KEY). Convert it: openssl"
              + " pkcs8 -topk8 -nocrypt -in "
              + location.replaceFirst("^classpath:", "")
              + " -out key.pk8.pem");
    }
    return new java.io.ByteArrayInputStream(bytes);
  }

  private static java.io.InputStream openPem(String location, String attribute, TargetConfig spec) {
    if (location.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length());
      resource = resource.startsWith("/") ? resource.substring(1) : resource;
      java.io.InputStream in = spec.testClass().getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new ExtensionConfigurationException(
            attribute
                + " = \""
                + location
                + "\" on "
                + spec.where()
                + ": no such classpath resource");
      }
      return in;
    }
    java.nio.file.Path path = java.nio.file.Paths.get(location);
    try {
      return java.nio.file.Files.newInputStream(path);
    } catch (java.io.IOException e) {
      throw new ExtensionConfigurationException(
          attribute
              + " = \""
              + location
              + "\" on "
              + spec.where()
              + ": cannot read "
              + path.toAbsolutePath()
              + " ("
              + e
              + ")",
          e);
    }
  }

  private static void configure(ManagedChannelBuilder<?> builder, TargetConfig spec) {
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

  /** Returns the {@code @GrpcCallCredentials} fields of {@code testClass} and its superclasses. */
  public static List<Field> credentialFields(Class<?> testClass) {
    return AnnotationSupport.findAnnotatedFields(testClass, GrpcCallCredentials.class);
  }

  /** Returns the {@code @GrpcService} fields of {@code testClass} and its superclasses. */
  public static List<Field> serviceFields(Class<?> testClass) {
    return AnnotationSupport.findAnnotatedFields(testClass, GrpcService.class);
  }

  private static void addService(
      Object value,
      String origin,
      List<ServerServiceDefinition> definitions,
      List<ServerInterceptor> interceptors,
      List<CallCredentials> credentials) {
    if (value instanceof CallCredentials) {
      credentials.add((CallCredentials) value);
    } else if (value instanceof BindableService) {
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
              + (value == null
                  ? "null (is it set in @BeforeEach? set it where it is declared)"
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
      if (timer != null) {
        timer.close();
      }
      throw new IllegalStateException("Interrupted while shutting down " + name, e);
    }
  }

  private void shutdown() throws InterruptedException {
    channel.shutdown();
    if (server != null) {
      server.shutdown();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(shutdownWaitMillis);
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
        stuck.add("server " + name);
      }
    }
    if (timer != null) {
      timer.close();
    }
    if (!stuck.isEmpty()) {
      throw new IllegalStateException(
          "grpc-contract could not shut down "
              + String.join(" and ", stuck)
              + " within "
              + shutdownWaitMillis
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
