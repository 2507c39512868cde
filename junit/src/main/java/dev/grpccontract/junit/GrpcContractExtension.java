package dev.grpccontract.junit;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.internal.ContractInvocations;
import dev.grpccontract.junit.internal.CoverageWriter;
import dev.grpccontract.junit.internal.Placeholders;
import dev.grpccontract.junit.internal.TargetConfig;
import dev.grpccontract.junit.internal.TargetResolver;
import dev.grpccontract.junit.internal.TargetResources;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.BindableService;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit Jupiter extension behind {@link GrpcTarget} and {@link ProtoSource}: starts the target
 * (in-process server and channel, or a channel to an address), loads the schema, and injects a
 * {@link GrpcClient}, the {@link ProtoSchema}, or the {@link Channel}/{@link ManagedChannel} into
 * test method and constructor parameters and into fields of those types that are still {@code
 * null}.
 *
 * <p>Declarative use needs only the annotations, which register this extension. Programmatic use
 * registers a configured instance, for what annotations cannot express (service instances, a schema
 * built in code):
 *
 * <pre>{@code
 * @RegisterExtension
 * static GrpcContractExtension grpc =
 *     GrpcContractExtension.builder().service(new HelloServiceImpl()).build();
 * }</pre>
 *
 * A programmatic instance takes its target from its builder; {@code @GrpcTarget} on the class is
 * then ignored for every injection (parameters, static and instance fields, {@code @Nested}
 * classes), whatever order JUnit calls the two instances in, and {@code @ProtoSource} is used only
 * when the builder sets no schema.
 *
 * <p>Servers and channels live in the test class's {@link ExtensionContext.Store} (the test
 * method's, for a target declared on the method; the test instance's, for classes with instance
 * {@link GrpcService} fields) and are shut down when it closes, also when tests fail. Safe under
 * JUnit's parallel execution.
 */
public final class GrpcContractExtension
    implements BeforeAllCallback,
        TestInstancePostProcessor,
        ParameterResolver,
        TestTemplateInvocationContextProvider {

  private static final Namespace NAMESPACE = Namespace.create(GrpcContractExtension.class);
  private static final String PROGRAMMATIC_MARKER = "programmatic-extension";
  private static final Set<Class<?>> INJECTABLE =
      Set.of(GrpcClient.class, ProtoSchema.class, Channel.class, ManagedChannel.class);

  /** The builder's configuration, or {@code null} for the declarative extension. */
  private final TargetConfig programmatic;

  /** Creates the declarative extension; JUnit calls this for the annotations. */
  public GrpcContractExtension() {
    this(null);
  }

  private GrpcContractExtension(TargetConfig programmatic) {
    this.programmatic = programmatic;
  }

  /**
   * Returns a builder of a programmatically configured extension, for {@code @RegisterExtension}.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext context) {
    return ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    CoverageWriter.register(context);
    if (programmatic != null) {
      context.getStore(NAMESPACE).put(PROGRAMMATIC_MARKER, Boolean.TRUE);
    }
    if (steppedAside(context)) {
      return;
    }
    checkClassTarget(context);
    List<Field> fields = injectableFields(context.getRequiredTestClass(), true);
    if (!fields.isEmpty()) {
      TargetResources resources = resources(context, null);
      for (Field field : fields) {
        inject(field, null, resources, context);
      }
    }
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context)
      throws Exception {
    if (steppedAside(context)) {
      return;
    }
    List<Field> fields = injectableFields(testInstance.getClass(), false);
    if (fields.isEmpty()) {
      return;
    }
    TargetResources resources = resources(context, testInstance);
    for (Field field : fields) {
      inject(field, testInstance, resources, context);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    return INJECTABLE.contains(parameterContext.getParameter().getType()) && !steppedAside(context);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    Class<?> type = parameterContext.getParameter().getType();
    boolean constructor =
        parameterContext.getDeclaringExecutable() instanceof java.lang.reflect.Constructor;
    try {
      return valueFor(type, resources(context, null), context);
    } catch (InstanceRequiredException e) {
      throw new ParameterResolutionException(
          e.getMessage() + (constructor ? " (a constructor runs before the instance exists)" : ""),
          e);
    }
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(ContractTest.class)).orElse(false)
        && !steppedAside(context);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    ProtoSchema schema;
    try {
      schema = resources(context, null).schema();
    } catch (InstanceRequiredException e) {
      schema = null; // the target exists per test instance: files are checked per interaction
    }
    return ContractInvocations.of(
        context,
        schema,
        invocation ->
            (GrpcClient)
                valueFor(
                    GrpcClient.class,
                    resources(invocation, invocation.getRequiredTestInstance()),
                    invocation));
  }

  @Override
  public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
    return ContractInvocations.filtered(context);
  }

  /**
   * Resolves the class's own target before its tests run, so that a configuration mistake (an unset
   * placeholder, a {@code .proto} file that does not compile, a service without a no-arg
   * constructor) fails the class once, with one message, instead of every test that injects. A
   * target that exists per test instance is checked as far as it can be without one: its
   * annotations and placeholders.
   */
  private void checkClassTarget(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    boolean declared =
        programmatic != null
            || AnnotationSupport.findAnnotation(
                    testClass, GrpcTarget.class, context.getEnclosingTestClasses())
                .isPresent()
            || !TargetResources.serviceFields(testClass).isEmpty();
    if (!declared) {
      return;
    }
    if (hasInstanceServiceFields(testClass)) {
      resolved(context);
    } else {
      resources(context, null);
    }
  }

  /** The declarative instance leaves the work to a programmatic one registered for the class. */
  private boolean steppedAside(ExtensionContext context) {
    return programmatic == null
        && (Boolean.TRUE.equals(context.getStore(NAMESPACE).get(PROGRAMMATIC_MARKER))
            || registersProgrammatic(context));
  }

  /**
   * Returns whether the test class (or an enclosing one) registers a programmatic instance with
   * {@code @RegisterExtension}: then that instance serves every injection, static fields included,
   * whatever order JUnit calls the two instances in. Static fields are read; an instance field
   * counts when declared as this class, or, declared as a supertype ({@code Extension}), once the
   * test instance holding it exists.
   */
  private static boolean registersProgrammatic(ExtensionContext context) {
    Optional<Class<?>> testClass = context.getTestClass();
    if (testClass.isEmpty()) {
      return false;
    }
    if (PROGRAMMATIC_FIELDS.get(testClass.get())) {
      return true;
    }
    List<Object> instances =
        context.getTestInstances().map(i -> i.getAllInstances()).orElse(List.of());
    for (Object instance : instances) {
      for (Field field : registeredFields(instance.getClass(), false)) {
        if (field.getType() != GrpcContractExtension.class
            && ReflectionSupport.tryToReadFieldValue(field, instance)
                .toOptional()
                .map(GrpcContractExtension::isProgrammatic)
                .orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final ClassValue<Boolean> PROGRAMMATIC_FIELDS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> testClass) {
          for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            for (Field field : registeredFields(type, true)) {
              if (ReflectionSupport.tryToReadFieldValue(field, null)
                  .toOptional()
                  .map(GrpcContractExtension::isProgrammatic)
                  .orElse(false)) {
                return true;
              }
            }
            for (Field field : registeredFields(type, false)) {
              if (field.getType() == GrpcContractExtension.class) {
                return true;
              }
            }
          }
          return false;
        }
      };

  /** The {@code @RegisterExtension} fields that may hold this class, static or instance ones. */
  private static List<Field> registeredFields(Class<?> type, boolean statics) {
    return ReflectionSupport.findFields(
        type,
        f ->
            f.isAnnotationPresent(RegisterExtension.class)
                && Modifier.isStatic(f.getModifiers()) == statics
                && f.getType().isAssignableFrom(GrpcContractExtension.class),
        HierarchyTraversalMode.TOP_DOWN);
  }

  private static boolean isProgrammatic(Object value) {
    return value instanceof GrpcContractExtension
        && ((GrpcContractExtension) value).programmatic != null;
  }

  private TargetResources resources(ExtensionContext context, Object instance) {
    TargetResolver.Resolved resolved = resolved(context);
    TargetConfig spec = resolved.spec();
    boolean perInstance = hasInstanceServiceFields(spec.testClass());
    Object owner = null;
    if (perInstance) {
      owner = instance != null ? instance : context.getTestInstance().orElse(null);
      if (owner == null) {
        throw new InstanceRequiredException(
            spec.testClass().getSimpleName()
                + " has instance @GrpcService fields, so its server exists per test instance;"
                + " inject the client into test methods or fields, not into constructors or"
                + " @BeforeAll methods, or make the @GrpcService fields static");
      }
    }
    ExtensionContext storeContext;
    if (resolved.methodLevel()) {
      storeContext = context;
    } else if (perInstance
        && context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
            == TestInstance.Lifecycle.PER_METHOD) {
      storeContext = context;
    } else {
      storeContext = classContext(context);
    }
    StoreKey key = new StoreKey(spec, owner);
    Object finalOwner = owner;
    return computeIfAbsent(
        storeContext.getStore(NAMESPACE), key, k -> TargetResources.start(spec, finalOwner));
  }

  /**
   * Returns the target of {@code context}, resolved once per class (and once per test method that
   * has annotations of its own) rather than for every parameter and field injected.
   */
  private TargetResolver.Resolved resolved(ExtensionContext context) {
    boolean ownTarget =
        context
            .getTestMethod()
            .map(
                m ->
                    AnnotationSupport.isAnnotated(m, GrpcTarget.class)
                        || AnnotationSupport.isAnnotated(m, ProtoSource.class)
                        || AnnotationSupport.isAnnotated(m, ProtoSources.class))
            .orElse(false);
    ExtensionContext owner = ownTarget ? context : classContext(context);
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            new ResolvedKey(this, owner.getUniqueId()),
            k -> TargetResolver.resolve(owner, programmatic, Placeholders.system()),
            TargetResolver.Resolved.class);
  }

  /**
   * The store key of a resolved target: per extension instance (declarative, programmatic) and
   * context, since a method's store also sees its class's entries.
   */
  private record ResolvedKey(GrpcContractExtension extension, String context) {}

  /**
   * JUnit 6 renames {@code getOrComputeIfAbsent} to {@code computeIfAbsent}; the old name still
   * works there, so this one place keeps both versions supported.
   */
  private static TargetResources computeIfAbsent(
      ExtensionContext.Store store,
      StoreKey key,
      java.util.function.Function<StoreKey, TargetResources> factory) {
    return store.getOrComputeIfAbsent(key, factory, TargetResources.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** Per class, whether it has instance service or credentials fields; read for every test. */
  private static final ClassValue<Boolean> INSTANCE_SERVICE_FIELDS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return findInstanceServiceFields(type);
        }
      };

  private static boolean hasInstanceServiceFields(Class<?> testClass) {
    return INSTANCE_SERVICE_FIELDS.get(testClass);
  }

  private static boolean findInstanceServiceFields(Class<?> testClass) {
    List<Field> fields = new ArrayList<>(TargetResources.serviceFields(testClass));
    fields.addAll(TargetResources.credentialFields(testClass));
    for (Field field : fields) {
      if (!Modifier.isStatic(field.getModifiers())) {
        return true;
      }
    }
    return false;
  }

  /** Per class, its injectable static fields and its injectable instance fields. */
  private static final ClassValue<List<List<Field>>> INJECTABLE_FIELDS =
      new ClassValue<>() {
        @Override
        protected List<List<Field>> computeValue(Class<?> type) {
          return List.of(findInjectableFields(type, true), findInjectableFields(type, false));
        }
      };

  private static List<Field> injectableFields(Class<?> testClass, boolean statics) {
    return INJECTABLE_FIELDS.get(testClass).get(statics ? 0 : 1);
  }

  private static List<Field> findInjectableFields(Class<?> testClass, boolean statics) {
    List<Field> result = new ArrayList<>();
    for (Field field :
        ReflectionSupport.findFields(
            testClass,
            f ->
                INJECTABLE.contains(f.getType())
                    && Modifier.isStatic(f.getModifiers()) == statics
                    && !Modifier.isFinal(f.getModifiers())
                    && !f.isAnnotationPresent(GrpcService.class)
                    && !f.isAnnotationPresent(GrpcCallCredentials.class),
            HierarchyTraversalMode.TOP_DOWN)) {
      result.add(field);
    }
    return List.copyOf(result);
  }

  private static void inject(
      Field field, Object instance, TargetResources resources, ExtensionContext context) {
    try {
      field.setAccessible(true);
      if (field.get(instance) == null) {
        field.set(instance, valueFor(field.getType(), resources, context));
      }
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "Cannot inject " + field.getDeclaringClass().getSimpleName() + "." + field.getName(), e);
    }
  }

  /**
   * A test method gets its own client scope, so the streams it leaves open are cancelled when it
   * ends; class-level injection (static fields, constructors of per-class instances) gets the
   * target's client, whose streams end with the class.
   */
  private static Object valueFor(
      Class<?> type, TargetResources resources, ExtensionContext context) {
    if (type == GrpcClient.class) {
      if (context.getTestMethod().isEmpty()) {
        return resources.client();
      }
      return context
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              new ScopeKey(resources),
              key -> new TestScope(resources.client().newScope()),
              TestScope.class)
          .client;
    }
    if (type == ProtoSchema.class) {
      return resources.schema();
    }
    return resources.channel();
  }

  /** A store key: the target, and the test instance for per-instance targets (by identity). */
  private static final class StoreKey {
    private final TargetConfig spec;
    private final Object instance;

    StoreKey(TargetConfig spec, Object instance) {
      this.spec = spec;
      this.instance = instance;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof StoreKey
          && ((StoreKey) other).spec.equals(spec)
          && ((StoreKey) other).instance == instance;
    }

    @Override
    public int hashCode() {
      return spec.hashCode() * 31 + System.identityHashCode(instance);
    }
  }

  /** The key of a test method's client scope for one target. */
  private record ScopeKey(TargetResources resources) {}

  /** A test method's client, closed with the method's store: cancels the streams it left open. */
  @SuppressWarnings(
      "deprecation") // CloseableResource: implemented beside AutoCloseable for JUnit 5.x
  private static final class TestScope
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final GrpcClient client;

    TestScope(GrpcClient client) {
      this.client = client;
    }

    @Override
    public void close() {
      client.close();
    }
  }

  private static final class InstanceRequiredException extends ExtensionConfigurationException {
    private static final long serialVersionUID = 1L;

    InstanceRequiredException(String message) {
      super(message);
    }
  }

  /**
   * Configures a {@link GrpcContractExtension} in code. Not thread-safe; the extension it builds
   * is. By default services are hosted in-process, calls have a five-second deadline, and the
   * schema comes from the hosted services.
   */
  public static final class Builder {
    private final TargetConfig.Builder config = TargetConfig.builder();
    private String trustCertificates = "";
    private String clientCertificate = "";
    private String clientKey = "";
    private String serverCertificate = "";
    private String serverKey = "";
    private boolean requireClientCertificate;

    private Builder() {}

    /** Hosts {@code service}. Its instance is shared by every test of the class. */
    public Builder service(BindableService service) {
      config.service(service);
      return this;
    }

    /** Hosts a service definition, for services built without generated code. */
    public Builder service(ServerServiceDefinition service) {
      config.service(service);
      return this;
    }

    /** Applies {@code interceptor} to every hosted service. */
    public Builder interceptor(ServerInterceptor interceptor) {
      config.interceptor(interceptor);
      return this;
    }

    /** Attaches {@code credentials} to every call of the injected client. */
    public Builder callCredentials(CallCredentials credentials) {
      config.callCredentials(credentials);
      return this;
    }

    /**
     * Talks to a running server at {@code address} (a gRPC target string) instead of hosting
     * services. TLS unless {@link #plaintext()}. {@code ${NAME}} and {@code ${NAME:default}}
     * placeholders are resolved as in {@link GrpcTarget#address()}: from the system property, then
     * the environment variable, when the extension starts the target.
     */
    public Builder address(String address) {
      config.address(address);
      return this;
    }

    /** Talks without TLS. */
    public Builder plaintext() {
      config.plaintext(true);
      return this;
    }

    /** Trusts the CA certificates of a PEM file (a path or {@code classpath:} resource). */
    public Builder trustCertificates(String pem) {
      this.trustCertificates = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * Presents a client certificate, for mutual TLS (PEM paths or {@code classpath:} resources).
     */
    public Builder clientCertificate(String certificatePem, String keyPem) {
      this.clientCertificate = Objects.requireNonNull(certificatePem, "certificatePem");
      this.clientKey = Objects.requireNonNull(keyPem, "keyPem");
      return this;
    }

    /** Gives the hosted Netty server TLS keys; see {@link GrpcTarget.Transport#NETTY}. */
    public Builder serverCertificate(String certificatePem, String keyPem) {
      this.serverCertificate = Objects.requireNonNull(certificatePem, "certificatePem");
      this.serverKey = Objects.requireNonNull(keyPem, "keyPem");
      return this;
    }

    /** Makes the hosted Netty server demand a client certificate signed by the trusted CAs. */
    public Builder requireClientCertificate() {
      this.requireClientCertificate = true;
      return this;
    }

    /** Overrides the authority (and TLS server name) the client sends. */
    public Builder authority(String authority) {
      config.authority(authority);
      return this;
    }

    /** Sets how hosted services are served; in-process by default. */
    public Builder transport(GrpcTarget.Transport transport) {
      config.transport(transport);
      return this;
    }

    /** Sends {@code key: value} on every call. */
    public Builder metadata(String key, String value) {
      config.metadata(key, value);
      return this;
    }

    /**
     * Sends {@code authorization: Bearer <token>} on every call; {@code ${NAME}} placeholders are
     * resolved as in {@link #address(String)}.
     */
    public Builder bearerToken(String token) {
      return metadata("authorization", "Bearer " + Objects.requireNonNull(token, "token"));
    }

    /**
     * Sets the deadline of calls that set none.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder deadline(Duration deadline) {
      config.deadline(deadline);
      return this;
    }

    /**
     * Sets how long opening the TCP connection may take (Netty's connect timeout). It does not
     * cover the TLS and HTTP/2 handshakes that follow: each call's deadline bounds those, so a
     * server that accepts the connection and never answers ends the call with {@code
     * DEADLINE_EXCEEDED}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder connectTimeout(Duration timeout) {
      config.connectTimeout(timeout);
      return this;
    }

    /** Sets the largest response message the client accepts, in bytes. */
    public Builder maxInboundMessageSize(int bytes) {
      config.maxInboundMessageSize(nonNegative(bytes, "maxInboundMessageSize"));
      return this;
    }

    /** Sets the largest request message the client sends, in bytes. */
    public Builder maxOutboundMessageSize(int bytes) {
      config.maxOutboundMessageSize(nonNegative(bytes, "maxOutboundMessageSize"));
      return this;
    }

    /**
     * Runs the hosted services on the calling thread; see {@link GrpcTarget#directExecutor()} for
     * what it saves and the guarantee it gives up.
     */
    public Builder directExecutor() {
      config.directExecutor(true);
      return this;
    }

    /** Uses {@code schema} instead of {@code @ProtoSource} or the services' descriptors. */
    public Builder schema(ProtoSchema schema) {
      config.schema(Objects.requireNonNull(schema, "schema"));
      return this;
    }

    private static int nonNegative(int bytes, String name) {
      if (bytes < 0) {
        throw new IllegalArgumentException(name + " must be >= 0, but was " + bytes);
      }
      return bytes;
    }

    /** Returns the extension. */
    public GrpcContractExtension build() {
      return new GrpcContractExtension(
          config
              .tls(
                  new TargetConfig.TlsMaterial(
                      trustCertificates,
                      clientCertificate,
                      clientKey,
                      serverCertificate,
                      serverKey,
                      requireClientCertificate))
              .build());
    }
  }
}
