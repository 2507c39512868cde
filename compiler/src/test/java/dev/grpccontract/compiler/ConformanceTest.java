package dev.grpccontract.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.TextFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares our descriptor sets with protoc 4.36.2's, byte for byte, over a corpus. */
class ConformanceTest {

  @TempDir Path tmp;

  static Path protocOrSkip() {
    String p = System.getProperty("conformance.protoc");
    assumeTrue(p != null, "conformance.protoc is not set: run through Maven to get protoc");
    Path exe = Path.of(p);
    assumeTrue(Files.isRegularFile(exe), "protoc is not available for this platform: " + exe);
    exe.toFile().setExecutable(true);
    return exe;
  }

  static List<Path> roots() {
    Path corpus = Path.of(System.getProperty("conformance.corpus", "target/conformance/corpus"));
    Path features =
        Path.of(System.getProperty("conformance.features", "src/test/resources/features"));
    return List.of(
        corpus.resolve("protobuf-java"),
        corpus.resolve("common-protos"),
        corpus.resolve("grpc-services"),
        corpus.resolve("spanner"),
        corpus.resolve("pubsub"),
        corpus.resolve("grpc-interop-testing"),
        features);
  }

  @Test
  void everyCorpusFileIsByteIdenticalToProtoc() throws Exception {
    compareEveryFile(List.of("--include_imports"), "conformance", "/known-differences.txt");
  }

  @Test
  void everyCorpusFileWithSourceInfoIsByteIdenticalToProtoc() throws Exception {
    compareEveryFile(
        List.of("--include_imports", "--include_source_info"),
        "source info conformance",
        "/known-source-info-differences.txt");
  }

  /**
   * Compiles every corpus and feature file on its own with both compilers and the given flags,
   * prints "{@code label}: N/M identical", and requires the files that differ to be exactly those
   * listed in {@code knownResource}.
   */
  private void compareEveryFile(List<String> flags, String label, String knownResource)
      throws Exception {
    Path protoc = protocOrSkip();
    List<Path> roots = roots();
    List<String> includes = new ArrayList<>();
    for (Path r : roots) {
      assertThat(r).isDirectory();
      includes.add("-I" + r);
    }
    TreeSet<String> files = allFiles(roots);
    Map<String, String> differences = new LinkedHashMap<>();
    int identical = 0;
    for (String file : files) {
      Path ours = tmp.resolve("ours.pb");
      Path theirs = tmp.resolve("theirs.pb");
      Files.deleteIfExists(ours);
      Files.deleteIfExists(theirs);
      List<String> args = new ArrayList<>(includes);
      args.addAll(flags);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      List<String> ourArgs = new ArrayList<>(args);
      ourArgs.add("--descriptor_set_out=" + ours);
      ourArgs.add(file);
      int rc =
          Protoc.run(
              ourArgs.toArray(new String[0]),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      List<String> cmd = new ArrayList<>();
      cmd.add(protoc.toString());
      cmd.addAll(args);
      cmd.add("--descriptor_set_out=" + theirs);
      cmd.add(file);
      Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String protocOut;
      try (InputStream in = proc.getInputStream()) {
        protocOut = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int prc = proc.waitFor();
      if (rc != 0 || prc != 0) {
        differences.put(
            file, "ours exit " + rc + ": " + err + " / protoc exit " + prc + ": " + protocOut);
        continue;
      }
      byte[] ourBytes = Files.readAllBytes(ours);
      byte[] theirBytes = Files.readAllBytes(theirs);
      if (Arrays.equals(ourBytes, theirBytes)) {
        identical++;
      } else {
        differences.put(file, "bytes differ" + firstDifference(ourBytes, theirBytes));
      }
    }
    System.out.println(label + ": " + identical + "/" + files.size() + " identical");
    differences.forEach(
        (f, why) -> System.out.println("  differs: " + f + " (" + why.strip() + ")"));
    Map<String, String> known = knownDifferences(knownResource);
    assertThat(differences.keySet())
        .as("files differing from protoc that are not in " + knownResource)
        .isSubsetOf(known.keySet());
    assertThat(known.keySet())
        .as("known differences that are now identical: remove them from " + knownResource)
        .isSubsetOf(differences.keySet());
    assertThat(files.size()).isGreaterThan(80);
  }

  /** Where two descriptor sets first differ, in words, to make a failure readable. */
  static String firstDifference(byte[] ours, byte[] theirs) throws IOException {
    List<FileDescriptorProto> a = FileDescriptorSet.parseFrom(ours).getFileList();
    List<FileDescriptorProto> b = FileDescriptorSet.parseFrom(theirs).getFileList();
    if (a.size() != b.size()) {
      return ": " + a.size() + " files instead of " + b.size();
    }
    for (int i = 0; i < a.size(); i++) {
      FileDescriptorProto x = a.get(i);
      FileDescriptorProto y = b.get(i);
      if (x.equals(y)) {
        continue;
      }
      if (!x.toBuilder()
          .clearSourceCodeInfo()
          .build()
          .equals(y.toBuilder().clearSourceCodeInfo().build())) {
        return ": descriptor of " + y.getName() + " differs";
      }
      List<SourceCodeInfo.Location> la = x.getSourceCodeInfo().getLocationList();
      List<SourceCodeInfo.Location> lb = y.getSourceCodeInfo().getLocationList();
      for (int j = 0; j < Math.max(la.size(), lb.size()); j++) {
        String ours1 =
            j < la.size()
                ? TextFormat.printer().emittingSingleLine(true).printToString(la.get(j))
                : "(none)";
        String theirs1 =
            j < lb.size()
                ? TextFormat.printer().emittingSingleLine(true).printToString(lb.get(j))
                : "(none)";
        if (!ours1.equals(theirs1)) {
          return ": " + y.getName() + " location " + j + ": ours " + ours1 + " / protoc " + theirs1;
        }
      }
      return ": " + y.getName() + " differs in its encoding";
    }
    return ": same content, different encoding";
  }

  static TreeSet<String> allFiles(List<Path> roots) throws IOException {
    TreeSet<String> files = new TreeSet<>();
    for (Path r : roots) {
      try (Stream<Path> s = Files.walk(r)) {
        s.filter(p -> p.toString().endsWith(".proto"))
            .forEach(p -> files.add(r.relativize(p).toString().replace('\\', '/')));
      }
    }
    return files;
  }

  @Test
  void theWholeCorpusInOneInvocationIsByteIdenticalToProtoc() throws Exception {
    compareWholeCorpus(List.of("--include_imports"), "/known-differences.txt");
  }

  @Test
  void theWholeCorpusWithSourceInfoInOneInvocationIsByteIdenticalToProtoc() throws Exception {
    compareWholeCorpus(
        List.of("--include_imports", "--include_source_info"),
        "/known-source-info-differences.txt");
  }

  private void compareWholeCorpus(List<String> flags, String knownResource) throws Exception {
    Path protoc = protocOrSkip();
    List<Path> roots = roots();
    List<String> args = new ArrayList<>();
    for (Path r : roots) {
      args.add("-I" + r);
    }
    args.addAll(flags);
    TreeSet<String> files = allFiles(roots);
    files.removeAll(knownDifferences(knownResource).keySet());
    Path ours = tmp.resolve("all-ours.pb");
    Path theirs = tmp.resolve("all-theirs.pb");
    List<String> ourArgs = new ArrayList<>(args);
    ourArgs.add("--descriptor_set_out=" + ours);
    ourArgs.addAll(files);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Protoc.run(
            ourArgs.toArray(new String[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<String> cmd = new ArrayList<>();
    cmd.add(protoc.toString());
    cmd.addAll(args);
    cmd.add("--descriptor_set_out=" + theirs);
    cmd.addAll(files);
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    proc.getInputStream().readAllBytes();
    assertThat(proc.waitFor()).isZero();
    byte[] ourBytes = Files.readAllBytes(ours);
    byte[] theirBytes = Files.readAllBytes(theirs);
    assertThat(Arrays.equals(ourBytes, theirBytes))
        .as(
            "descriptor sets differ"
                + (Arrays.equals(ourBytes, theirBytes)
                    ? ""
                    : firstDifference(ourBytes, theirBytes)))
        .isTrue();
  }

  /** The files listed in a known-differences resource, with their reasons. */
  static Map<String, String> knownDifferences(String resource) throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    try (InputStream in = ConformanceTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        return known;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int hash = l.indexOf(" # ");
        known.put(
            hash < 0 ? l : l.substring(0, hash).strip(), hash < 0 ? "" : l.substring(hash + 3));
      }
    }
    return known;
  }
}
