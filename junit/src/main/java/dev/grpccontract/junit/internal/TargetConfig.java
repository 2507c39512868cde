package dev.grpccontract.junit.internal;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.BindableService;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A resolved target: what to host or where to connect, how, and where the schema comes from. The
 * annotations ({@link TargetResolver}) and {@code GrpcContractExtension.builder()} both make one
 * through {@link #builder()}, which holds every default. Immutable; two equal configurations share
 * one server and channel within a store. Placeholders are already resolved when the extension
 * starts a target.
 */
public final class TargetConfig {

  /** The default connect timeout, as {@code @GrpcTarget(connectTimeout)}'s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Class<?> testClass;
  private final String where;
  private final List<Class<? extends BindableService>> serviceClasses;
  private final List<Object> services;
  private final List<ServerInterceptor> interceptors;
  private final List<CallCredentials> callCredentials;
  private final String address;
  private final boolean plaintext;
  private final TlsMaterial tls;
  private final String authority;
  private final GrpcTarget.Transport transport;
  private final List<Map.Entry<String, String>> metadata;
  private final Duration deadline;
  private final Duration connectTimeout;
  private final int maxInboundMessageSize;
  private final int maxOutboundMessageSize;
  private final List<SourceSpec> sources;
  private final ProtoSchema schema;
  private final boolean directExecutor;

  private TargetConfig(Builder b) {
    this.testClass = b.testClass;
    this.where = b.where;
    this.serviceClasses = List.copyOf(b.serviceClasses);
    this.services = List.copyOf(b.services);
    this.interceptors = List.copyOf(b.interceptors);
    this.callCredentials = List.copyOf(b.callCredentials);
    this.address = b.address;
    this.plaintext = b.plaintext;
    this.tls = b.tls;
    this.authority = b.authority;
    this.transport = b.transport;
    this.metadata = List.copyOf(b.metadata);
    this.deadline = b.deadline;
    this.connectTimeout = b.connectTimeout;
    this.maxInboundMessageSize = b.maxInboundMessageSize;
    this.maxOutboundMessageSize = b.maxOutboundMessageSize;
    this.sources = List.copyOf(b.sources);
    this.schema = b.schema;
    this.directExecutor = b.directExecutor;
  }

  /** Returns a builder with every default: hosted in-process, five-second deadline, no TLS. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.testClass = testClass;
    b.where = where;
    b.serviceClasses.addAll(serviceClasses);
    b.services.addAll(services);
    b.interceptors.addAll(interceptors);
    b.callCredentials.addAll(callCredentials);
    b.address = address;
    b.plaintext = plaintext;
    b.tls = tls;
    b.authority = authority;
    b.transport = transport;
    b.metadata.addAll(metadata);
    b.deadline = deadline;
    b.connectTimeout = connectTimeout;
    b.maxInboundMessageSize = maxInboundMessageSize;
    b.maxOutboundMessageSize = maxOutboundMessageSize;
    b.sources.addAll(sources);
    b.schema = schema;
    b.directExecutor = directExecutor;
    return b;
  }

  /** Returns the class whose {@code @GrpcService} and {@code @GrpcCallCredentials} are read. */
  public Class<?> testClass() {
    return testClass;
  }

  /** Returns where the configuration was found, for error messages. */
  public String where() {
    return where;
  }

  /** Returns the classes to instantiate and host. */
  public List<Class<? extends BindableService>> serviceClasses() {
    return serviceClasses;
  }

  /** Returns the service and service-definition instances to host. */
  public List<Object> services() {
    return services;
  }

  /** Returns the interceptors applied to every hosted service. */
  public List<ServerInterceptor> interceptors() {
    return interceptors;
  }

  /** Returns the call credentials attached to every call of the client. */
  public List<CallCredentials> callCredentials() {
    return callCredentials;
  }

  /** Returns the address to connect to, empty to host the services. */
  public String address() {
    return address;
  }

  /** Returns whether services are hosted (no address). */
  public boolean hosted() {
    return address.isEmpty();
  }

  /** Returns whether the client talks without TLS. */
  public boolean plaintext() {
    return plaintext;
  }

  /** Returns the TLS material. */
  public TlsMaterial tls() {
    return tls;
  }

  /** Returns the authority override, or empty. */
  public String authority() {
    return authority;
  }

  /** Returns how hosted services are served. */
  public GrpcTarget.Transport transport() {
    return transport;
  }

  /** Returns the metadata sent on every call, in order, keys in lower case. */
  public List<Map.Entry<String, String>> metadata() {
    return metadata;
  }

  /**
   * Returns a new {@link Metadata} of {@link #metadata()}: values of {@code -bin} keys are decoded
   * from base64.
   *
   * @throws IllegalArgumentException when a {@code -bin} value is not base64
   */
  public Metadata headers() {
    Metadata headers = new Metadata();
    for (Map.Entry<String, String> entry : metadata) {
      String key = entry.getKey();
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        headers.put(
            Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER),
            Base64.getDecoder().decode(entry.getValue()));
      } else {
        headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), entry.getValue());
      }
    }
    return headers;
  }

  /** Returns the deadline of calls that set none. */
  public Duration deadline() {
    return deadline;
  }

  /** Returns how long opening a TCP connection may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns the largest response message accepted, or -1 for grpc-java's default. */
  public int maxInboundMessageSize() {
    return maxInboundMessageSize;
  }

  /** Returns the largest request message sent, or -1 for no limit. */
  public int maxOutboundMessageSize() {
    return maxOutboundMessageSize;
  }

  /** Returns the schema sources ({@code @ProtoSource}), possibly empty. */
  public List<SourceSpec> sources() {
    return sources;
  }

  /** Returns the schema given programmatically, or {@code null}. */
  public ProtoSchema schema() {
    return schema;
  }

  /** Returns whether hosted in-process services run on the calling thread. */
  public boolean directExecutor() {
    return directExecutor;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof TargetConfig)) {
      return false;
    }
    TargetConfig o = (TargetConfig) other;
    return testClass == o.testClass
        && where.equals(o.where)
        && serviceClasses.equals(o.serviceClasses)
        && services.equals(o.services)
        && interceptors.equals(o.interceptors)
        && callCredentials.equals(o.callCredentials)
        && address.equals(o.address)
        && plaintext == o.plaintext
        && tls.equals(o.tls)
        && authority.equals(o.authority)
        && transport == o.transport
        && metadata.equals(o.metadata)
        && deadline.equals(o.deadline)
        && connectTimeout.equals(o.connectTimeout)
        && maxInboundMessageSize == o.maxInboundMessageSize
        && maxOutboundMessageSize == o.maxOutboundMessageSize
        && sources.equals(o.sources)
        && Objects.equals(schema, o.schema)
        && directExecutor == o.directExecutor;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        testClass,
        where,
        serviceClasses,
        services,
        interceptors,
        callCredentials,
        address,
        plaintext,
        tls,
        authority,
        transport,
        metadata,
        deadline,
        connectTimeout,
        maxInboundMessageSize,
        maxOutboundMessageSize,
        sources,
        schema,
        directExecutor);
  }

  @Override
  public String toString() {
    return "TargetConfig[" + where + (hosted() ? ", hosted" : ", address=" + address) + "]";
  }

  /** TLS material, resolved: PEM locations (paths or {@code classpath:} resources), or empty. */
  public record TlsMaterial(
      String trustCertificates,
      String clientCertificate,
      String clientKey,
      String serverCertificate,
      String serverKey,
      boolean requireClientCertificate) {

    /** No TLS material: the JDK's trust store for clients, no server keys. */
    public static final TlsMaterial NONE = new TlsMaterial("", "", "", "", "", false);

    /** Returns whether the hosted server has keys, so it serves TLS. */
    public boolean serverTls() {
      return !serverCertificate.isEmpty();
    }
  }

  /**
   * Collects a {@link TargetConfig}; every default lives here. Not thread-safe. Setters check their
   * arguments, so a mistake is reported where it is made.
   */
  public static final class Builder {
    private Class<?> testClass = Object.class;
    private String where = "GrpcContractExtension.builder()";
    private final List<Class<? extends BindableService>> serviceClasses = new ArrayList<>();
    private final List<Object> services = new ArrayList<>();
    private final List<ServerInterceptor> interceptors = new ArrayList<>();
    private final List<CallCredentials> callCredentials = new ArrayList<>();
    private String address = "";
    private boolean plaintext;
    private TlsMaterial tls = TlsMaterial.NONE;
    private String authority = "";
    private GrpcTarget.Transport transport = GrpcTarget.Transport.IN_PROCESS;
    private final List<Map.Entry<String, String>> metadata = new ArrayList<>();
    private Duration deadline = GrpcClient.DEFAULT_DEADLINE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private int maxInboundMessageSize = -1;
    private int maxOutboundMessageSize = -1;
    private final List<SourceSpec> sources = new ArrayList<>();
    private ProtoSchema schema;
    private boolean directExecutor;

    private Builder() {}

    /** Sets the class whose {@code @GrpcService} and {@code @GrpcCallCredentials} are read. */
    public Builder testClass(Class<?> testClass) {
      this.testClass = Objects.requireNonNull(testClass, "testClass");
      return this;
    }

    /** Sets where the configuration was found, for error messages. */
    public Builder where(String where) {
      this.where = Objects.requireNonNull(where, "where");
      return this;
    }

    /** Sets the service classes to instantiate and host. */
    public Builder serviceClasses(List<Class<? extends BindableService>> types) {
      serviceClasses.clear();
      serviceClasses.addAll(types);
      return this;
    }

    /** Hosts {@code service}. */
    public Builder service(BindableService service) {
      services.add(Objects.requireNonNull(service, "service"));
      return this;
    }

    /** Hosts a service definition. */
    public Builder service(ServerServiceDefinition service) {
      services.add(Objects.requireNonNull(service, "service"));
      return this;
    }

    /** Applies {@code interceptor} to every hosted service. */
    public Builder interceptor(ServerInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** Attaches {@code credentials} to every call. */
    public Builder callCredentials(CallCredentials credentials) {
      callCredentials.add(Objects.requireNonNull(credentials, "credentials"));
      return this;
    }

    /** Sets the address (a gRPC target string), empty to host the services; trimmed. */
    public Builder address(String address) {
      this.address = Objects.requireNonNull(address, "address").trim();
      return this;
    }

    /** Sets whether the client talks without TLS. */
    public Builder plaintext(boolean plaintext) {
      this.plaintext = plaintext;
      return this;
    }

    /** Sets the TLS material. */
    public Builder tls(TlsMaterial tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** Sets the authority override, empty for none; trimmed. */
    public Builder authority(String authority) {
      this.authority = Objects.requireNonNull(authority, "authority").trim();
      return this;
    }

    /** Sets how hosted services are served. */
    public Builder transport(GrpcTarget.Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Adds an entry sent on every call; the key is trimmed and lower-cased, the value trimmed. */
    public Builder metadata(String key, String value) {
      metadata.add(
          Map.entry(
              Objects.requireNonNull(key, "key").trim().toLowerCase(Locale.ROOT),
              Objects.requireNonNull(value, "value").trim()));
      return this;
    }

    /** Replaces the metadata with {@code entries}, in order. */
    public Builder metadata(List<Map.Entry<String, String>> entries) {
      metadata.clear();
      for (Map.Entry<String, String> entry : entries) {
        metadata(entry.getKey(), entry.getValue());
      }
      return this;
    }

    /**
     * Sets the deadline of calls that set none.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * Sets how long opening a TCP connection may take.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Sets the largest response message accepted, -1 for grpc-java's default. */
    public Builder maxInboundMessageSize(int bytes) {
      this.maxInboundMessageSize = bytes;
      return this;
    }

    /** Sets the largest request message sent, -1 for no limit. */
    public Builder maxOutboundMessageSize(int bytes) {
      this.maxOutboundMessageSize = bytes;
      return this;
    }

    /** Replaces the schema sources. */
    public Builder sources(List<SourceSpec> sources) {
      this.sources.clear();
      this.sources.addAll(sources);
      return this;
    }

    /** Sets the schema given programmatically, {@code null} for none. */
    public Builder schema(ProtoSchema schema) {
      this.schema = schema;
      return this;
    }

    /** Sets whether hosted in-process services run on the calling thread. */
    public Builder directExecutor(boolean directExecutor) {
      this.directExecutor = directExecutor;
      return this;
    }

    /** Returns the configuration. */
    public TargetConfig build() {
      return new TargetConfig(this);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + duration);
      }
      return duration;
    }
  }
}
