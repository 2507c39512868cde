package dev.grpccontract.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocTest {

  @TempDir Path dir;
  private Path src;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeSources() throws Exception {
    src = Files.createDirectories(dir.resolve("src"));
    Files.createDirectories(src.resolve("pkg"));
    Files.writeString(
        src.resolve("pkg/base.proto"),
        "syntax = \"proto3\";\npackage pkg;\nmessage Base { string id = 1; }\n");
    Files.writeString(
        src.resolve("pkg/top.proto"),
        "syntax = \"proto3\";\npackage pkg;\nimport \"pkg/base.proto\";\nimport \"google/protobuf/empty.proto\";\n"
            + "message Top { Base base = 1; }\nservice S { rpc Ping(google.protobuf.Empty) returns (Top); }\n");
  }

  private int run(String... args) {
    return Protoc.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheImportClosureWithIncludeImports() throws Exception {
    Path set = dir.resolve("out.pb");
    assertThat(run("-I" + src, "--include_imports", "--descriptor_set_out=" + set, "pkg/top.proto"))
        .isZero();
    assertThat(FileDescriptorSet.parseFrom(Files.readAllBytes(set)).getFileList())
        .extracting(f -> f.getName())
        .containsExactly("pkg/base.proto", "google/protobuf/empty.proto", "pkg/top.proto");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void writesOnlyTheNamedFilesWithoutIncludeImports() throws Exception {
    Path set = dir.resolve("out.pb");
    assertThat(run("--proto_path=" + src, "-o" + set, "pkg/top.proto")).isZero();
    assertThat(FileDescriptorSet.parseFrom(Files.readAllBytes(set)).getFileList())
        .extracting(f -> f.getName())
        .containsExactly("pkg/top.proto");
  }

  @Test
  void acceptsSeparateFlagValuesAndPathsUnderAnImportPath() throws Exception {
    Path set = dir.resolve("out.pb");
    assertThat(
            run(
                "-I",
                src.toString(),
                "-o",
                set.toString(),
                "--include_source_info",
                src.resolve("pkg/top.proto").toString()))
        .isZero();
    assertThat(FileDescriptorSet.parseFrom(Files.readAllBytes(set)).getFile(0).getName())
        .isEqualTo("pkg/top.proto");
  }

  @Test
  void writesSourceInfoForEveryFileWithIncludeSourceInfo() throws Exception {
    Path set = dir.resolve("out.pb");
    assertThat(
            run(
                "-I" + src,
                "--include_imports",
                "--include_source_info",
                "-o" + set,
                "pkg/top.proto"))
        .isZero();
    FileDescriptorSet written = FileDescriptorSet.parseFrom(Files.readAllBytes(set));
    assertThat(written.getFileList())
        .allSatisfy(f -> assertThat(f.getSourceCodeInfo().getLocationCount()).isPositive());
    // pkg/top.proto: the service's location starts at line 6, column 1 (zero-based 5, 0)
    assertThat(written.getFile(2).getSourceCodeInfo().getLocationList())
        .anySatisfy(
            l -> {
              assertThat(l.getPathList()).containsExactly(6, 0);
              assertThat(l.getSpanList()).containsExactly(5, 0, 60);
            });
    assertThat(stderr()).isEmpty();
  }

  @Test
  void warnsLikeProtocWhenSourceInfoHasNowhereToGo() {
    assertThat(run("-I" + src, "--include_source_info", "pkg/base.proto")).isZero();
    assertThat(stderr().strip())
        .isEqualTo(
            "--include_source_info only makes sense when combined with --descriptor_set_out.");
  }

  @Test
  void readsArgumentsFromAnArgfile() throws Exception {
    Path set = dir.resolve("out.pb");
    Path argfile = dir.resolve("args.txt");
    Files.write(
        argfile,
        List.of("-I" + src, "--include_imports", "--descriptor_set_out=" + set, "pkg/top.proto"));
    assertThat(run("@" + argfile)).isZero();
    assertThat(FileDescriptorSet.parseFrom(Files.readAllBytes(set)).getFileCount()).isEqualTo(3);
  }

  @Test
  void printsDiagnosticsAndFailsOnErrors() throws Exception {
    Files.writeString(
        src.resolve("bad.proto"), "syntax = \"proto3\";\nmessage Bad {\n  Missing m = 1\n}\n");
    assertThat(run("-I" + src, "-o" + dir.resolve("x.pb"), "bad.proto")).isEqualTo(1);
    assertThat(stderr().lines()).containsExactly(src + "/bad.proto:4:1: Expected \";\".");
    assertThat(dir.resolve("x.pb")).doesNotExist();
  }

  @Test
  void failsOnUnknownFlagsMissingInputsAndMissingFiles() {
    assertThat(run("--frobnicate", "a.proto")).isEqualTo(1);
    assertThat(run("-I" + src)).isEqualTo(1);
    assertThat(stderr()).contains("Unknown flag: --frobnicate").contains("Missing input file.");
    err.reset();
    assertThat(run("-I" + src, "nothere.proto")).isEqualTo(1);
    assertThat(stderr().strip())
        .isEqualTo("Could not make proto path relative: nothere.proto: No such file or directory");
  }

  @Test
  void outputBytesEqualProtocs() throws Exception {
    Path protoc = ConformanceTest.protocOrSkip();
    Path wkt = ConformanceTest.roots().get(0);
    Path ours = dir.resolve("ours.pb");
    Path theirs = dir.resolve("theirs.pb");
    String[] common = {"-I" + src, "-I" + wkt, "--include_imports"};
    List<String> args = new ArrayList<>(List.of(common));
    args.add("--descriptor_set_out=" + ours);
    args.add("pkg/top.proto");
    assertThat(run(args.toArray(new String[0]))).isZero();
    List<String> cmd = new ArrayList<>(List.of(protoc.toString()));
    cmd.addAll(List.of(common));
    cmd.add("--descriptor_set_out=" + theirs);
    cmd.add("pkg/top.proto");
    assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).isZero();
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(theirs));
  }

  @Test
  void printsItsVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("libprotoc 36.2");
  }
}
