package dev.grpccontract.benchmarks.suite;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What a suite of many test classes costs with the extension against the same tests written by
 * hand: {@code bench.classes} [100] copies of each suite class ({@link HandWrittenSuite}, {@link
 * ExtensionSuite}, {@link ExtensionDirectSuite}, {@link ExtensionJsonSuite}, {@link
 * ExtensionJsonDirectSuite}; ten unary tests each) run through the JUnit Platform Launcher in one
 * JVM, the suites interleaved for {@code bench.rounds} [7] rounds after {@code bench.warmupRounds}
 * [3]; medians and their ratios to the hand-written suite are printed, and so is a one-class,
 * one-test run of each.
 *
 * <p>Each copy is the same class loaded anew by a class loader of its own, so the extension sees as
 * many distinct classes as a real suite has, each with its own server and channel.
 */
public final class SuiteCostMain {

  /** The suites, by name, the baseline first. */
  static final Map<String, Class<?>> SUITES = new LinkedHashMap<>();

  static {
    SUITES.put("hand-written (stub, directExecutor)", HandWrittenSuite.class);
    SUITES.put("extension (services, messages)", ExtensionSuite.class);
    SUITES.put("extension (directExecutor = true)", ExtensionDirectSuite.class);
    SUITES.put("extension (.proto files, JSON)", ExtensionJsonSuite.class);
    SUITES.put(
        "extension (.proto files, JSON, directExecutor = true)", ExtensionJsonDirectSuite.class);
  }

  private SuiteCostMain() {}

  /** Runs the comparison with settings from the system properties and prints it. */
  public static void main(String[] args) {
    System.out.print(run(System.getProperties()));
  }

  /** A suite's measured times, in milliseconds. */
  record Timing(String suite, double medianMillis, double oneTestMillis) {}

  /**
   * Runs the comparison and returns its report.
   *
   * @throws IllegalStateException when a test of a suite fails
   */
  static String run(Properties properties) {
    int classes = count(properties, "bench.classes", 100);
    int rounds = count(properties, "bench.rounds", 7);
    int warmup = count(properties, "bench.warmupRounds", 3);
    List<Timing> timings = measure(classes, rounds, warmup);
    return format(timings, classes, rounds);
  }

  static List<Timing> measure(int classes, int rounds, int warmup) {
    Launcher launcher = LauncherFactory.create();
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, List<Double>> single = new LinkedHashMap<>();
    for (int round = 0; round < warmup + rounds; round++) {
      for (Map.Entry<String, Class<?>> suite : SUITES.entrySet()) {
        double millis = runCopies(launcher, suite.getValue(), classes, 10);
        double one = runCopies(launcher, suite.getValue(), 1, 1);
        if (round >= warmup) {
          times.computeIfAbsent(suite.getKey(), k -> new ArrayList<>()).add(millis);
          single.computeIfAbsent(suite.getKey(), k -> new ArrayList<>()).add(one);
        }
      }
    }
    List<Timing> timings = new ArrayList<>();
    for (String suite : SUITES.keySet()) {
      timings.add(new Timing(suite, median(times.get(suite)), median(single.get(suite))));
    }
    return timings;
  }

  static String format(List<Timing> timings, int classes, int rounds) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d classes x 10 unary tests, median of %d interleaved rounds (JDK %s, %d processors)%n",
                classes,
                rounds,
                System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors()));
    double baseline = timings.get(0).medianMillis();
    for (Timing timing : timings) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-56s %9.1f ms  ratio %.2f   one class, one test: %.2f ms%n",
              timing.suite(),
              timing.medianMillis(),
              timing.medianMillis() / baseline,
              timing.oneTestMillis()));
    }
    return out.toString();
  }

  /** Runs {@code copies} fresh copies of {@code suite}, with {@code tests} of its tests each. */
  private static double runCopies(Launcher launcher, Class<?> suite, int copies, int tests) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (int i = 0; i < copies; i++) {
      Class<?> copy = copy(suite);
      if (tests >= 10) {
        request.selectors(selectClass(copy));
      } else {
        java.lang.reflect.Method first = firstTest(copy);
        request.selectors(
            org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(copy, first));
      }
    }
    LauncherDiscoveryRequest built = request.build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    long start = System.nanoTime();
    launcher.execute(built, listener);
    double millis = (System.nanoTime() - start) / 1e6;
    TestExecutionSummary summary = listener.getSummary();
    long expected = (long) copies * Math.min(tests, 10);
    if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() != expected) {
      java.io.StringWriter failures = new java.io.StringWriter();
      summary.printFailuresTo(new java.io.PrintWriter(failures), 5);
      throw new IllegalStateException(
          suite.getSimpleName()
              + ": "
              + summary.getTestsSucceededCount()
              + " of "
              + expected
              + " tests passed\n"
              + failures);
    }
    return millis;
  }

  /** Returns {@code call0}, declared by the class or inherited. */
  private static java.lang.reflect.Method firstTest(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
        if (method.getName().equals("call0")) {
          return method;
        }
      }
    }
    throw new IllegalStateException(type.getName() + " has no call0 test");
  }

  private static final java.util.concurrent.atomic.AtomicInteger COPIES =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Returns a copy of {@code type} under a new name ({@code ...Copy17}), defined by a class loader
   * of its own: JUnit tells classes apart by name, so each copy is one more test class.
   */
  static Class<?> copy(Class<?> type) {
    ClassLoader parent = type.getClassLoader();
    String name = type.getName();
    String copyName = name + "Copy" + COPIES.incrementAndGet();
    byte[] bytes;
    try (InputStream in = parent.getResourceAsStream(name.replace('.', '/') + ".class")) {
      bytes =
          ClassRenamer.rename(
              in.readAllBytes(), name.replace('.', '/'), copyName.replace('.', '/'));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + name, e);
    }
    ClassLoader loader =
        new ClassLoader(parent) {
          @Override
          protected Class<?> findClass(String className) throws ClassNotFoundException {
            if (className.equals(copyName)) {
              return defineClass(className, bytes, 0, bytes.length);
            }
            throw new ClassNotFoundException(className);
          }
        };
    try {
      return loader.loadClass(copyName);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Cannot copy " + name, e);
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static int count(Properties properties, String name, int defaultValue) {
    String value = properties.getProperty(name, "").trim();
    try {
      return value.isEmpty() ? defaultValue : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, was \"" + value + "\"", e);
    }
  }
}
