package dev.grpccontract.junit.internal;

import dev.grpccontract.contract.ConsumerContracts;
import dev.grpccontract.contract.ContractWriter;
import dev.grpccontract.junit.GrpcConsumerContract;
import dev.grpccontract.mock.GrpcMockServer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link GrpcConsumerContract}: after each passing test it takes the calls the
 * test's mocks answered, and when the class ends it writes them as the class's fragment of the
 * contract file. Registered by the annotation; not meant to be registered by hand.
 */
public final class ConsumerContractExtension
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private static final Namespace NAMESPACE = Namespace.create(ConsumerContractExtension.class);
  private static final String RECORDED = "recorded";

  /** Creates the extension; JUnit calls this for the annotation. */
  public ConsumerContractExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    annotation(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getExecutionException().isPresent() || annotation(context).isEmpty()) {
      return;
    }
    Map<String, GrpcMockServer> mocks = GrpcMockExtension.mocksOf(context);
    for (GrpcMockServer mock : mocks.values()) {
      if (!mock.problems().isEmpty()) {
        return; // the mock extension fails the test; its calls are no contract
      }
    }
    Recorded recorded = recorded(classContext(context));
    String test = context.getRequiredTestClass().getSimpleName() + " " + context.getDisplayName();
    synchronized (recorded) {
      String prefix = test;
      for (int n = 2; !recorded.tests.add(prefix); n++) {
        prefix = test + " (" + n + ")";
      }
      List<ContractWriter.Call> calls = new ArrayList<>();
      for (Map.Entry<String, GrpcMockServer> mock : mocks.entrySet()) {
        String name =
            mocks.size() == 1 || mock.getKey().isEmpty()
                ? prefix
                : prefix + " [" + mock.getKey() + "]";
        calls.addAll(mock.getValue().exercisedInteractions(name));
      }
      recorded.calls.put(context.getUniqueId(), calls);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Optional<GrpcConsumerContract> annotation = annotation(context);
    if (annotation.isEmpty()) {
      return;
    }
    Recorded recorded = context.getStore(NAMESPACE).get(key(context), Recorded.class);
    List<ContractWriter.Call> calls = new ArrayList<>();
    if (recorded != null) {
      synchronized (recorded) {
        recorded.calls.values().forEach(calls::addAll);
      }
    }
    String directory =
        context
            .getConfigurationParameter(GrpcConsumerContract.DIRECTORY_PROPERTY)
            .orElse(GrpcConsumerContract.DEFAULT_DIRECTORY);
    Path file =
        ConsumerContracts.write(
            Paths.get(directory),
            annotation.get().consumer(),
            annotation.get().provider(),
            context.getRequiredTestClass().getName(),
            calls);
    context.publishReportEntry("grpc-contract consumer contract", file.toString());
  }

  /** The annotation of the test's class or an enclosing class, with its names checked. */
  private static Optional<GrpcConsumerContract> annotation(ExtensionContext context) {
    for (Class<?> type = context.getRequiredTestClass();
        type != null;
        type = type.getEnclosingClass()) {
      Optional<GrpcConsumerContract> found =
          AnnotationSupport.findAnnotation(type, GrpcConsumerContract.class);
      if (found.isPresent()) {
        try {
          ConsumerContracts.checkName("consumer", found.get().consumer());
          ConsumerContracts.checkName("provider", found.get().provider());
        } catch (IllegalArgumentException e) {
          throw new ExtensionConfigurationException(
              "@GrpcConsumerContract on " + type.getName() + ": " + e.getMessage());
        }
        return found;
      }
    }
    return Optional.empty();
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static Recorded recorded(ExtensionContext classContext) {
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(key(classContext), key -> new Recorded(), Recorded.class);
  }

  /**
   * The store key of a class's calls: named after the class, since a {@code @Nested} class's store
   * also finds the values of its enclosing class's store, and each class writes its own fragment.
   */
  private static String key(ExtensionContext classContext) {
    return RECORDED + ":" + classContext.getRequiredTestClass().getName();
  }

  /** The calls of one class's passing tests, by test id (so in a stable order). */
  private static final class Recorded {
    final Map<String, List<ContractWriter.Call>> calls = new TreeMap<>();
    final Set<String> tests = new HashSet<>();
  }
}
