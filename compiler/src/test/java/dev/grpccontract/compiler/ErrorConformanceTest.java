package dev.grpccontract.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Compares the errors we print for broken files with what protoc prints, line for line. */
class ErrorConformanceTest {

  static Path errorsDir() {
    return Path.of(System.getProperty("conformance.errors", "src/test/resources/errors"));
  }

  @Test
  void everyBrokenFileReportsTheSameErrorsAsProtoc() throws Exception {
    Path protoc = ConformanceTest.protocOrSkip();
    Path dir = errorsDir();
    Path wkt = ConformanceTest.roots().get(0);
    TreeSet<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("err_") && n.endsWith(".proto"))
          .forEach(files::add);
    }
    Map<String, String> differences = new LinkedHashMap<>();
    int same = 0;
    for (String file : files) {
      String[] args = {"-I" + dir, "-I" + wkt, "-o" + Path.of("target", "ignored.pb"), file};
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc =
          Protoc.run(
              args,
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      List<String> cmd = new ArrayList<>();
      cmd.add(protoc.toString());
      cmd.addAll(List.of(args));
      Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String expected;
      try (InputStream in = proc.getInputStream()) {
        expected = withoutWarnings(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      int prc = proc.waitFor();
      String actual = withoutWarnings(err.toString(StandardCharsets.UTF_8));
      assertThat(prc).as("protoc must reject %s", file).isNotZero();
      if (rc == 0) {
        differences.put(file, "expected:\n" + expected + "\nactual: accepted");
      } else if (expected.equals(actual)) {
        same++;
      } else {
        differences.put(file, "expected:\n" + expected + "\nactual:\n" + actual);
      }
    }
    System.out.println("errors: " + same + "/" + files.size() + " identical to protoc");
    differences.forEach((f, d) -> System.out.println("  differs: " + f + "\n" + d));
    Map<String, String> known = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/known-error-differences.txt")) {
      if (in != null) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
          String l = line.strip();
          if (!l.isEmpty() && !l.startsWith("#")) {
            int hash = l.indexOf(" # ");
            known.put(hash < 0 ? l : l.substring(0, hash).strip(), l);
          }
        }
      }
    }
    assertThat(differences.keySet()).as("unexpected differences").isSubsetOf(known.keySet());
    assertThat(known.keySet())
        .as("fixed: remove from known-error-differences.txt")
        .isSubsetOf(differences.keySet());
  }

  private static String withoutWarnings(String text) {
    return text.lines().filter(l -> !l.contains(": warning: ")).collect(Collectors.joining("\n"));
  }
}
