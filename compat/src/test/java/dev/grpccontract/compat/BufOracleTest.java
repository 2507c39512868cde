package dev.grpccontract.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grpccontract.compat.RuleCases.RuleCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule table run through buf itself: for each of buf's rules, buf (configured to use only that
 * rule) must give the same verdict as {@link SchemaCompatibility} on the breaking and the clean
 * pair. Skipped when no buf is found: {@code -Dbuf.path=}, {@code buf} on the PATH, or {@code
 * node_modules/.bin/buf} in the project or a parent folder ({@code npm install @bufbuild/buf}).
 */
class BufOracleTest {

  private static Path buf;

  @BeforeAll
  static void findBuf() {
    buf = locateBuf();
  }

  /**
   * buf's rules, less the deprecated MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT: buf 1.75 stops with
   * "resultRules was empty" when a v2 configuration uses only that rule.
   */
  static Stream<RuleCase> bufCases() {
    return RuleCases.everyPair().stream()
        .filter(c -> c.rule().isBufRule() && !c.rule().isDeprecated());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bufCases")
  void bufGivesTheSameVerdicts(RuleCase c, @TempDir Path dir) throws Exception {
    assumeTrue(
        buf != null,
        "buf not found: pass -Dbuf.path=/path/to/buf, put buf on the PATH, or run"
            + " 'npm install @bufbuild/buf' in the project folder; the oracle is skipped");
    boolean oursBreaking = breaks(c.rule(), c.breakingBefore(), c.breakingAfter());
    boolean oursClean = breaks(c.rule(), c.cleanBefore(), c.cleanAfter());
    BufRun breaking = runBuf(c.rule(), c.breakingBefore(), c.breakingAfter(), dir.resolve("b"));
    BufRun clean = runBuf(c.rule(), c.cleanBefore(), c.cleanAfter(), dir.resolve("c"));

    assertThat(breaking.breaking())
        .as(
            "buf on the breaking pair of %s (ours: %s)%n%s",
            c.rule(), oursBreaking, breaking.output)
        .isEqualTo(oursBreaking);
    assertThat(clean.breaking())
        .as("buf on the clean pair of %s (ours: %s)%n%s", c.rule(), oursClean, clean.output)
        .isEqualTo(oursClean);
  }

  private static boolean breaks(Rule rule, Map<String, String> before, Map<String, String> after) {
    return SchemaCompatibility.anyBreaking(
        SchemaCompatibility.withRules(Set.of(rule))
            .findings(RuleCases.compile(before), RuleCases.compile(after)));
  }

  private static final class BufRun {
    final int exitCode;
    final String output;

    BufRun(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    boolean breaking() {
      if (exitCode != 0 && exitCode != 100) {
        throw new AssertionError("buf failed with exit code " + exitCode + ":\n" + output);
      }
      return exitCode == 100;
    }
  }

  private static BufRun runBuf(
      Rule rule, Map<String, String> before, Map<String, String> after, Path dir)
      throws IOException, InterruptedException {
    Path old = write(dir.resolve("before"), before, rule);
    Path now = write(dir.resolve("after"), after, rule);
    Process p =
        new ProcessBuilder(
                List.of(
                    buf.toString(),
                    "breaking",
                    now.toString(),
                    "--against",
                    old.toString(),
                    "--error-format",
                    "text"))
            .redirectErrorStream(true)
            .directory(dir.toFile())
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("buf did not finish");
    }
    return new BufRun(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Path write(Path root, Map<String, String> files, Rule rule) throws IOException {
    Files.createDirectories(root);
    Files.writeString(
        root.resolve("buf.yaml"), "version: v2\nbreaking:\n  use:\n    - " + rule.name() + "\n");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = root.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }
    return root;
  }

  static Path locateBuf() {
    String property = System.getProperty("buf.path");
    if (property != null && !property.isBlank()) {
      Path p = Path.of(property);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, "buf");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("node_modules/.bin/buf");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
