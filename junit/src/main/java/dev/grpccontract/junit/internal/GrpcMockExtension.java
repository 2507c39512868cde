package dev.grpccontract.junit.internal;

import dev.grpccontract.junit.GrpcMock;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.Tls;
import dev.grpccontract.mock.GrpcMockServer;
import dev.grpccontract.mock.MockTls;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.Metadata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The extension behind {@link GrpcMock}: starts one mock per name and test, injects it into fields
 * before each test and into parameters, fails the test with the mock's problems after it, and
 * closes the mock with the test's store. Registered by the annotation; not meant to be registered
 * by hand.
 */
public final class GrpcMockExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(GrpcMockExtension.class);
  private static final String MOCKS = "mocks";

  /** Creates the extension; JUnit calls this for the annotation. */
  public GrpcMockExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field field :
          AnnotationSupport.findAnnotatedFields(
              instance.getClass(), GrpcMock.class, f -> true, HierarchyTraversalMode.TOP_DOWN)) {
        check(field);
        GrpcMock annotation = field.getAnnotation(GrpcMock.class);
        String name = annotation.value().isEmpty() ? field.getName() : annotation.value();
        GrpcMockServer mock = mock(context, name, annotation);
        try {
          field.setAccessible(true);
          field.set(instance, mock);
        } catch (IllegalAccessException | RuntimeException e) {
          throw new ExtensionConfigurationException(
              "Cannot inject @GrpcMock "
                  + field.getDeclaringClass().getSimpleName()
                  + "."
                  + field.getName(),
              e);
        }
      }
    }
  }

  private static void check(Field field) {
    String where = field.getDeclaringClass().getSimpleName() + "." + field.getName();
    if (field.getType() != GrpcMockServer.class) {
      throw new ExtensionConfigurationException(
          "Can only inject @GrpcMock into fields of type GrpcMockServer but "
              + where
              + " is a "
              + field.getType().getName());
    }
    if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
      throw new ExtensionConfigurationException(
          "@GrpcMock field "
              + where
              + " must be neither static nor final: each test gets its own mock, set before it"
              + " runs");
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.isAnnotated(GrpcMock.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type != GrpcMockServer.class) {
      throw new ParameterResolutionException(
          "Can only resolve @GrpcMock parameter of type GrpcMockServer but was: " + type.getName());
    }
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "@GrpcMock parameters belong to one test: use them in test, @BeforeEach or @AfterEach"
              + " methods, not in constructors or @BeforeAll methods ("
              + parameter.getDeclaringExecutable()
              + ")");
    }
    GrpcMock annotation = parameter.findAnnotation(GrpcMock.class).orElseThrow();
    return mock(context, annotation.value(), annotation);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Mocks mocks = context.getStore(NAMESPACE).get(MOCKS, Mocks.class);
    if (mocks == null) {
      return;
    }
    List<String> problems = new ArrayList<>();
    synchronized (mocks) {
      mocks.byName.forEach(
          (name, mock) -> {
            for (String problem : mock.problems()) {
              problems.add("@GrpcMock" + (name.isEmpty() ? "" : " " + name) + ": " + problem);
            }
          });
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  /** Returns the mocks the test started, by name, in the order they started; empty for none. */
  static Map<String, GrpcMockServer> mocksOf(ExtensionContext context) {
    Mocks mocks = context.getStore(NAMESPACE).get(MOCKS, Mocks.class);
    if (mocks == null) {
      return Map.of();
    }
    synchronized (mocks) {
      return new LinkedHashMap<>(mocks.byName);
    }
  }

  /** Returns the test's mock of that name, starting it on first use. */
  private static GrpcMockServer mock(ExtensionContext context, String name, GrpcMock annotation) {
    Mocks mocks =
        context.getStore(NAMESPACE).getOrComputeIfAbsent(MOCKS, key -> new Mocks(), Mocks.class);
    synchronized (mocks) {
      GrpcMockServer existing = mocks.byName.get(name);
      if (existing != null) {
        return existing;
      }
      ProtoSchema schema = schema(context);
      MockTls tls = tls(context, name, annotation);
      GrpcMockServer mock =
          annotation.transport() == GrpcTarget.Transport.NETTY
              ? (tls == null
                  ? GrpcMockServer.startOnLoopbackPort(schema)
                  : GrpcMockServer.startOnLoopbackPort(schema, tls))
              : GrpcMockServer.start(schema);
      mocks.byName.put(name, mock);
      if (annotation.contracts().length > 0) {
        mock.load(annotation.contracts());
      }
      return mock;
    }
  }

  /** Returns the TLS of the annotation, or null for plaintext. */
  private static MockTls tls(ExtensionContext context, String name, GrpcMock annotation) {
    Tls tls = annotation.tls();
    String where = "@GrpcMock \"" + name + "\" in " + context.getRequiredTestClass().getName();
    boolean any =
        !tls.serverCertificate().isEmpty()
            || !tls.serverKey().isEmpty()
            || !tls.trustCertificates().isEmpty()
            || !tls.clientCertificate().isEmpty()
            || !tls.clientKey().isEmpty()
            || tls.requireClientCertificate();
    if (!any) {
      if (!annotation.authority().isEmpty()) {
        throw new ExtensionConfigurationException(
            where
                + " sets authority without tls; authority is the host name of a TLS"
                + " certificate: add tls = @Tls(serverCertificate = ..., serverKey = ...)");
      }
      return null;
    }
    if (annotation.transport() != GrpcTarget.Transport.NETTY) {
      throw new ExtensionConfigurationException(
          where + " sets tls on an in-process mock; TLS needs transport = Transport.NETTY");
    }
    if (tls.serverCertificate().isEmpty() || tls.serverKey().isEmpty()) {
      throw new ExtensionConfigurationException(
          where
              + " sets tls without both serverCertificate and serverKey; give the certificate"
              + " chain and PKCS#8 key (PEM) the mock presents");
    }
    if (!tls.clientCertificate().isEmpty()
        || !tls.clientKey().isEmpty()
        || tls.requireClientCertificate()) {
      throw new ExtensionConfigurationException(
          where
              + " sets clientCertificate, clientKey or requireClientCertificate; a mock serves"
              + " TLS only, without mutual TLS: remove them");
    }
    Class<?> testClass = context.getRequiredTestClass();
    try {
      MockTls result =
          MockTls.fromPem(
              pem(testClass, tls.serverCertificate(), where, "serverCertificate"),
              pem(testClass, tls.serverKey(), where, "serverKey"));
      if (!tls.trustCertificates().isEmpty()) {
        result =
            result.trusting(pem(testClass, tls.trustCertificates(), where, "trustCertificates"));
      }
      return annotation.authority().isEmpty()
          ? result
          : result.withAuthority(annotation.authority());
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
    }
  }

  private static java.io.InputStream pem(
      Class<?> testClass, String location, String where, String attribute) {
    if (location.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
      java.io.InputStream in = testClass.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new ExtensionConfigurationException(
            where + ": tls." + attribute + " = \"" + location + "\" is no classpath resource");
      }
      return in;
    }
    java.nio.file.Path path = java.nio.file.Paths.get(location);
    try {
      return java.nio.file.Files.newInputStream(path);
    } catch (java.io.IOException e) {
      throw new ExtensionConfigurationException(
          where
              + ": tls."
              + attribute
              + " = \""
              + location
              + "\": cannot read "
              + path.toAbsolutePath()
              + " ("
              + e
              + ")",
          e);
    }
  }

  private static ProtoSchema schema(ExtensionContext context) {
    TargetConfig spec = TargetResolver.resolve(context, null, Placeholders.system()).spec();
    for (SourceSpec source : spec.sources()) {
      if (source.kind() == SourceSpec.Kind.REFLECTION) {
        boolean target =
            !spec.hosted()
                || !spec.serviceClasses().isEmpty()
                || !spec.services().isEmpty()
                || !TargetResources.serviceFields(spec.testClass()).isEmpty();
        if (!target) {
          throw new ExtensionConfigurationException(
              "@GrpcMock on "
                  + spec.where()
                  + ": @ProtoSource(reflection = true) asks a running server for the schema, but"
                  + " the test names none; add @GrpcTarget(address = ...) (or hosted services)"
                  + " for the real server whose schema the mock copies, or name the schema with"
                  + " files, descriptorSet or classes");
        }
        // The mock copies the schema the real server reports, then the connection is closed.
        try (TargetResources real =
            TargetResources.start(spec, context.getTestInstance().orElse(null))) {
          return real.schema();
        }
      }
    }
    if (spec.sources().isEmpty()) {
      throw new ExtensionConfigurationException(
          "@GrpcMock on "
              + spec.where()
              + " needs a schema: add @ProtoSource(files = ...), (descriptorSet = ...) or (classes ="
              + " ...) to the test class or method");
    }
    return SchemaLoader.load(
        spec.sources(),
        context.getRequiredTestClass().getClassLoader(),
        null,
        new Metadata(),
        Duration.ofSeconds(5),
        spec.where());
  }

  /** The mocks of one test, closed with its store. */
  @SuppressWarnings("deprecation") // CloseableResource: implemented beside AutoCloseable for 5.x
  private static final class Mocks
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    final Map<String, GrpcMockServer> byName = new LinkedHashMap<>();

    @Override
    public void close() {
      List<GrpcMockServer> all;
      synchronized (this) {
        all = new ArrayList<>(byName.values());
      }
      for (GrpcMockServer mock : all) {
        mock.close();
      }
    }
  }
}
