package dev.grpccontract.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breaks the feature files in many small ways (a token deleted, repeated, replaced, inserted) and
 * checks that we report exactly what protoc reports, or produce exactly its bytes, source code info
 * included.
 */
class MutationConformanceTest {
  /** How many mutants; {@code -Dmutation.count=5000} for a long campaign. */
  private static final int MUTANTS = Integer.getInteger("mutation.count", 600);

  /** The seed of the mutations; {@code -Dmutation.seed=...} for another campaign. */
  private static final long SEED = Long.getLong("mutation.seed", 20261125L);

  /** A directory to copy each differing mutant to ({@code -Dmutation.keep=...}), or null. */
  private static final String KEEP = System.getProperty("mutation.keep");

  private static final Pattern TOKEN =
      Pattern.compile(
          "//[^\\n]*|/\\*.*?\\*/|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'|[A-Za-z_][A-Za-z0-9_]*|\\d[\\w.]*|\\S",
          Pattern.DOTALL);
  private static final String[] INSERTS = {
    "0", "-1", "\"x\"", ";", "{", "}", "=", ".", "max", "536870912", "19000", "optional",
        "repeated",
    "group", "map<", ">", "[", "]", "(", ")", "inf", "1.5", "to", "reserved", "extensions", "oneof",
    "option", "stream", "returns"
  };

  @TempDir Path tmp;

  @Test
  void brokenVariantsOfTheFeatureFilesFailOrSucceedExactlyLikeProtoc() throws Exception {
    Path protoc = ConformanceTest.protocOrSkip();
    Path features = ConformanceTest.roots().get(ConformanceTest.roots().size() - 1);
    Path wkt = ConformanceTest.roots().get(0);
    List<String> sources = new ArrayList<>();
    try (Stream<Path> s = Files.walk(features)) {
      for (Path p :
          s.filter(f -> f.toString().endsWith(".proto")).sorted().collect(Collectors.toList())) {
        Path copy = tmp.resolve(features.relativize(p).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(p, copy);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        // files of comments alone have no token to break
        if (p.getParent().equals(features)
            && text.strip().length() > 40
            && !tokens(text).isEmpty()) {
          sources.add(text);
        }
      }
    }
    Random random = new Random(SEED);
    Map<String, String> differences = new LinkedHashMap<>();
    int same = 0;
    for (int i = 0; i < MUTANTS; i++) {
      String name = String.format("mutant_%04d.proto", i);
      Files.writeString(
          tmp.resolve(name),
          mutate(sources.get(random.nextInt(sources.size())), random),
          StandardCharsets.UTF_8);
      Path ours = tmp.resolve("ours.pb");
      Path theirs = tmp.resolve("theirs.pb");
      Files.deleteIfExists(ours);
      Files.deleteIfExists(theirs);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc =
          Protoc.run(
              new String[] {
                "-I" + tmp,
                "-I" + wkt,
                "--include_imports",
                "--include_source_info",
                "-o" + ours,
                name
              },
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      Process proc =
          new ProcessBuilder(
                  protoc.toString(),
                  "-I" + tmp,
                  "-I" + wkt,
                  "--include_imports",
                  "--include_source_info",
                  "-o" + theirs,
                  name)
              .redirectErrorStream(true)
              .start();
      String expected;
      try (InputStream in = proc.getInputStream()) {
        expected = withoutWarnings(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      int prc = proc.waitFor();
      String actual = withoutWarnings(err.toString(StandardCharsets.UTF_8));
      boolean identical =
          (rc == 0) == (prc == 0)
              && expected.equals(actual)
              && (rc != 0 || Arrays.equals(Files.readAllBytes(ours), Files.readAllBytes(theirs)));
      if (identical) {
        same++;
      } else {
        if (KEEP != null) {
          Files.createDirectories(Path.of(KEEP));
          Files.copy(
              tmp.resolve(name),
              Path.of(KEEP, name),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        differences.put(
            name,
            "protoc ("
                + prc
                + "):\n"
                + expected
                + "\nours ("
                + rc
                + "):\n"
                + actual
                + "\n"
                + context(tmp.resolve(name), expected));
      }
    }
    System.out.println(
        "mutations: " + same + "/" + MUTANTS + " identical to protoc (seed " + SEED + ")");
    differences.forEach((f, d) -> System.out.println("  differs: " + f + "\n" + d));
    assertThat(differences).isEmpty();
  }

  /** The start and end of every token of the source that is not a comment. */
  private static List<int[]> tokens(String source) {
    List<int[]> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(source);
    while (m.find()) {
      if (!m.group().startsWith("/")) {
        tokens.add(new int[] {m.start(), m.end()});
      }
    }
    return tokens;
  }

  private static String mutate(String source, Random random) {
    List<int[]> tokens = tokens(source);
    int[] t = tokens.get(random.nextInt(tokens.size()));
    int[] other = tokens.get(random.nextInt(tokens.size()));
    String token = source.substring(t[0], t[1]);
    String otherToken = source.substring(other[0], other[1]);
    return switch (random.nextInt(5)) {
      case 0 -> source.substring(0, t[0]) + source.substring(t[1]);
      case 1 -> source.substring(0, t[0]) + token + " " + token + source.substring(t[1]);
      case 2 -> source.substring(0, t[0]) + otherToken + source.substring(t[1]);
      case 3 -> source.substring(0, t[0]) + otherToken + " " + source.substring(t[0]);
      default ->
          source.substring(0, t[0])
              + INSERTS[random.nextInt(INSERTS.length)]
              + source.substring(t[1]);
    };
  }

  /** The source lines protoc's messages point at, to make a failure readable. */
  private static String context(Path file, String messages) throws java.io.IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder();
    Matcher m = Pattern.compile("\\.proto:(\\d+):").matcher(messages);
    while (m.find()) {
      int line = Integer.parseInt(m.group(1));
      if (line >= 1 && line <= lines.size()) {
        sb.append("  ").append(line).append(" | ").append(lines.get(line - 1)).append('\n');
      }
    }
    return sb.toString();
  }

  private static String withoutWarnings(String text) {
    return text.lines().filter(l -> !l.contains(": warning: ")).collect(Collectors.joining("\n"));
  }
}
