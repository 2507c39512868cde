package dev.grpccontract.junit.internal;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.contract.ContractException;
import dev.grpccontract.contract.ContractFile;
import dev.grpccontract.contract.ContractVerifier;
import dev.grpccontract.contract.Contracts;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.contract.PactFiles;
import dev.grpccontract.contract.VerificationResult;
import dev.grpccontract.internal.Names;
import dev.grpccontract.junit.GrpcContracts;
import dev.grpccontract.junit.ProviderState;
import dev.grpccontract.proto.ProtoSchema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The invocations of a {@code @ContractTest} method: one per interaction of the class's contract
 * files, or one per broken file, which fails with the file's problems.
 */
public final class ContractInvocations {

  /** Configuration parameter (or system property): tags to run; {@code !tag} excludes. */
  public static final String TAGS = "grpccontract.contracts.tags";

  /** Configuration parameter (or system property): globs on the names of interactions to run. */
  public static final String NAMES = "grpccontract.contracts.names";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ContractInvocations.class);

  private ContractInvocations() {}

  /**
   * Returns the invocations for the template method of {@code context}.
   *
   * @param schema the class's schema when it is known before the tests run (to check the files
   *     once, up front); null for targets that exist per test instance
   * @param clients the client for an invocation's context
   */
  public static Stream<TestTemplateInvocationContext> of(
      ExtensionContext context,
      ProtoSchema schema,
      Function<ExtensionContext, GrpcClient> clients) {
    List<String> locations = locations(context);
    if (locations.isEmpty()) {
      throw new ExtensionConfigurationException(
          "@ContractTest method "
              + context.getRequiredTestMethod().getName()
              + " has no contract files: add @GrpcContracts(\"classpath:contracts/...grpc.yaml\")"
              + " to "
              + context.getRequiredTestClass().getSimpleName()
              + " or to the method");
    }
    ClassLoader loader = context.getRequiredTestClass().getClassLoader();
    Filter filter = Filter.of(context);
    List<TestTemplateInvocationContext> invocations = new ArrayList<>();
    for (Contracts.Source source : Contracts.resolve(loader, locations)) {
      ContractFile file;
      try {
        file = Contracts.parse(source.name(), source.read());
        if (schema != null) {
          file.requireFits(schema);
        }
      } catch (ContractException e) {
        invocations.add(new Broken(source.name(), e));
        continue;
      }
      for (Interaction interaction : file.interactions()) {
        if (filter.accepts(interaction)) {
          invocations.add(new InteractionInvocation(interaction, clients));
        }
      }
    }
    return invocations.stream();
  }

  /**
   * Returns the schema the Pact files among {@code testClass}'s contract locations embed (its
   * {@code @GrpcContracts}, its enclosing classes' and its methods'), for a target that has no
   * other schema source; null when none of them is a readable Pact file. Locations that cannot be
   * resolved or read are left to the invocations, which report them.
   */
  public static ProtoSchema embeddedSchema(Class<?> testClass) {
    Set<String> locations = new LinkedHashSet<>();
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      for (GrpcContracts contracts :
          AnnotationSupport.findRepeatableAnnotations(type, GrpcContracts.class)) {
        locations.addAll(List.of(contracts.value()));
      }
      for (Method method : type.getDeclaredMethods()) {
        for (GrpcContracts contracts :
            AnnotationSupport.findRepeatableAnnotations(method, GrpcContracts.class)) {
          locations.addAll(List.of(contracts.value()));
        }
      }
    }
    if (locations.isEmpty()) {
      return null;
    }
    ProtoSchema schema = null;
    try {
      for (Contracts.Source source :
          Contracts.resolve(testClass.getClassLoader(), new ArrayList<>(locations))) {
        if (!PactFiles.isPactFile(source.name())) {
          continue;
        }
        try {
          Optional<ProtoSchema> embedded = Contracts.parse(source.name(), source.read()).schema();
          if (embedded.isPresent()) {
            schema = schema == null ? embedded.get() : schema.plus(embedded.get());
          }
        } catch (ContractException | java.io.UncheckedIOException e) {
          // the file's own test reports it
        }
      }
    } catch (IllegalArgumentException e) {
      // a location without files: the template reports it
    }
    return schema;
  }

  /** Returns whether filters may leave a template with no invocations (then that is no error). */
  public static boolean filtered(ExtensionContext context) {
    return Filter.of(context).active();
  }

  private static List<String> locations(ExtensionContext context) {
    Set<String> locations = new LinkedHashSet<>();
    List<Class<?>> classes = new ArrayList<>();
    for (Optional<ExtensionContext> current = Optional.of(context);
        current.isPresent();
        current = current.get().getParent()) {
      current
          .get()
          .getTestClass()
          .ifPresent(
              c -> {
                if (!classes.contains(c)) {
                  classes.add(0, c);
                }
              });
    }
    for (Class<?> type : classes) {
      for (GrpcContracts contracts :
          AnnotationSupport.findRepeatableAnnotations(type, GrpcContracts.class)) {
        locations.addAll(List.of(contracts.value()));
      }
    }
    for (GrpcContracts contracts :
        AnnotationSupport.findRepeatableAnnotations(
            context.getRequiredTestMethod(), GrpcContracts.class)) {
      locations.addAll(List.of(contracts.value()));
    }
    return new ArrayList<>(locations);
  }

  /** The tag and name filters of the run. */
  private record Filter(List<String> include, List<String> exclude, List<PathMatcher> names) {

    static Filter of(ExtensionContext context) {
      List<String> include = new ArrayList<>();
      List<String> exclude = new ArrayList<>();
      for (String tag : split(parameter(context, TAGS))) {
        if (tag.startsWith("!")) {
          exclude.add(tag.substring(1).trim());
        } else {
          include.add(tag);
        }
      }
      List<PathMatcher> names = new ArrayList<>();
      for (String glob : split(parameter(context, NAMES))) {
        names.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("/", "\\/")));
      }
      return new Filter(include, exclude, names);
    }

    private static String parameter(ExtensionContext context, String key) {
      return context.getConfigurationParameter(key).orElseGet(() -> System.getProperty(key, ""));
    }

    private static List<String> split(String text) {
      List<String> parts = new ArrayList<>();
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          parts.add(part.trim());
        }
      }
      return parts;
    }

    boolean active() {
      return !include.isEmpty() || !exclude.isEmpty() || !names.isEmpty();
    }

    boolean accepts(Interaction interaction) {
      if (!include.isEmpty() && interaction.tags().stream().noneMatch(include::contains)) {
        return false;
      }
      if (interaction.tags().stream().anyMatch(exclude::contains)) {
        return false;
      }
      if (names.isEmpty()) {
        return true;
      }
      String name = interaction.name().replace("/", "\\/");
      for (PathMatcher matcher : names) {
        if (matcher.matches(Paths.get(name))) {
          return true;
        }
      }
      return false;
    }
  }

  /** A file that cannot be verified: one test that fails with all its problems. */
  private record Broken(String file, ContractException problem)
      implements TestTemplateInvocationContext {

    @Override
    public String getDisplayName(int invocationIndex) {
      return file + " (does not fit the schema or the format)";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(
          (BeforeTestExecutionCallback)
              context -> {
                throw new ExtensionConfigurationException(problem.getMessage(), problem);
              });
    }
  }

  /** One interaction: provider states, the call and its check, then the method's body. */
  private static final class InteractionInvocation
      implements TestTemplateInvocationContext,
          BeforeTestExecutionCallback,
          ParameterResolver,
          InvocationInterceptor {

    private final Interaction interaction;
    private final Function<ExtensionContext, GrpcClient> clients;

    InteractionInvocation(Interaction interaction, Function<ExtensionContext, GrpcClient> clients) {
      this.interaction = interaction;
      this.clients = clients;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return interaction.name();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(this);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws Exception {
      // Targets that exist per test instance know their schema only here: a file that does not
      // fit it fails at its first interaction, and its other interactions are aborted.
      Set<String> broken = brokenFiles(context);
      if (broken.contains(interaction.file().name())) {
        throw new TestAbortedException(
            interaction.file().name()
                + " does not fit the schema; its first interaction's failure lists the problems");
      }
      for (Interaction.Given given : interaction.given()) {
        runState(context, given);
      }
      VerificationResult result;
      try {
        result = ContractVerifier.verify(clients.apply(context), interaction);
      } catch (ContractException e) {
        broken.add(interaction.file().name());
        throw e;
      }
      context.getStore(NAMESPACE).put(VerificationResult.class, result);
    }

    /** The files found not to fit the schema, for the test method's whole template. */
    @SuppressWarnings("unchecked")
    private static Set<String> brokenFiles(ExtensionContext context) {
      ExtensionContext template = context.getParent().orElse(context);
      return template
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              "broken-files", k -> java.util.concurrent.ConcurrentHashMap.newKeySet(), Set.class);
    }

    @Override
    public void interceptTestTemplateMethod(
        Invocation<Void> invocation,
        ReflectiveInvocationContext<Method> invocationContext,
        ExtensionContext context)
        throws Throwable {
      VerificationResult result =
          context.getStore(NAMESPACE).get(VerificationResult.class, VerificationResult.class);
      if (result != null && !result.passed()) {
        invocation.skip();
        throw new AssertionFailedError(result.describe());
      }
      invocation.proceed();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return type == Interaction.class || type == VerificationResult.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      if (parameter.getParameter().getType() == Interaction.class) {
        return interaction;
      }
      return context.getStore(NAMESPACE).get(VerificationResult.class, VerificationResult.class);
    }

    private void runState(ExtensionContext context, Interaction.Given given) throws Exception {
      Class<?> testClass = context.getRequiredTestClass();
      Map<String, Method> handlers = new LinkedHashMap<>();
      for (Method method :
          ReflectionSupport.findMethods(
              testClass,
              m -> m.isAnnotationPresent(ProviderState.class),
              HierarchyTraversalMode.TOP_DOWN)) {
        for (String state : method.getAnnotation(ProviderState.class).value()) {
          handlers.put(state, method);
        }
      }
      Method handler = handlers.get(given.name());
      if (handler == null) {
        List<String> closest = Names.closest(given.name(), handlers.keySet(), 3);
        throw new ExtensionConfigurationException(
            "No @ProviderState(\""
                + given.name()
                + "\") method in "
                + testClass.getSimpleName()
                + " for interaction '"
                + interaction.name()
                + "' ("
                + interaction.location()
                + "). "
                + (handlers.isEmpty()
                    ? "The class handles no provider states."
                    : closest.isEmpty()
                        ? "It handles " + handlers.keySet() + "."
                        : "Did you mean " + closest + "?")
                + " Add a method: @ProviderState(\""
                + given.name()
                + "\") void setUp(Map<String, Object> params) { ... }");
      }
      Object target =
          Modifier.isStatic(handler.getModifiers()) ? null : context.getRequiredTestInstance();
      Object[] arguments = new Object[handler.getParameterCount()];
      Class<?>[] types = handler.getParameterTypes();
      for (int i = 0; i < types.length; i++) {
        if (types[i] == Map.class) {
          arguments[i] = given.params();
        } else if (types[i] == Interaction.Given.class) {
          arguments[i] = given;
        } else if (types[i] == Interaction.class) {
          arguments[i] = interaction;
        } else {
          throw new ExtensionConfigurationException(
              "@ProviderState method "
                  + handler.getName()
                  + " takes a "
                  + types[i].getSimpleName()
                  + "; it may take Map<String, Object> (the state's params), Interaction.Given or"
                  + " Interaction");
        }
      }
      handler.setAccessible(true);
      try {
        handler.invoke(target, arguments);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
          throw exception;
        }
        throw (Error) cause;
      }
    }
  }
}
