package dev.grpccontract.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtoCompilerTest {

  @TempDir Path dir;

  private static final String HELLO =
      """
      syntax = "proto3";
      package hello;
      import "google/protobuf/timestamp.proto";
      message HelloRequest { string greeting = 1; google.protobuf.Timestamp at = 2; }
      message HelloReply { string reply = 1; }
      service HelloService { rpc SayHello(HelloRequest) returns (HelloReply); }
      """;

  @Test
  void compilesFilesFromAnImportPathWithWellKnownTypesNeedingNoConfiguration() throws Exception {
    Files.writeString(dir.resolve("hello.proto"), HELLO);

    CompilationResult result = ProtoCompiler.compile(List.of(dir), List.of("hello.proto"));

    assertThat(result.fileDescriptorProtos())
        .extracting(p -> p.getName())
        .containsExactly("google/protobuf/timestamp.proto", "hello.proto");
    assertThat(result.fileDescriptors())
        .extracting(FileDescriptor::getName)
        .containsExactly("google/protobuf/timestamp.proto", "hello.proto");
    assertThat(result.requestedFiles()).containsExactly("hello.proto");
    assertThat(result.findService("hello.HelloService")).isPresent();
    Descriptor request = result.findMessageType("hello.HelloRequest").orElseThrow();
    assertThat(
            DynamicMessage.newBuilder(request)
                .setField(request.findFieldByName("greeting"), "hi")
                .build())
        .isNotNull();
    assertThat(result.fileDescriptor("hello.proto")).isPresent();
    assertThat(result.toFileDescriptorSet().getFileCount()).isEqualTo(2);
  }

  @Test
  void aFileThatIsNotUtf8CompilesFromADirectoryAndTheClasspathAsWithProtoc() throws Exception {
    // protoc reads bytes: a Latin-1 comment does not stop it, and must not stop us either.
    byte[] latin1 =
        "syntax = \"proto3\";\n// caf\u00e9, in Latin-1\npackage l;\nmessage M { string s = 1; }\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("latin1.proto"), latin1);

    CompilationResult fromDirectory =
        ProtoCompiler.builder()
            .addImportPath(dir)
            .cacheResults(false)
            .build()
            .compile("latin1.proto");
    CompilationResult fromClasspath;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      fromClasspath =
          ProtoCompiler.builder()
              .addClasspathRoot("", loader)
              .cacheResults(false)
              .build()
              .compile("latin1.proto");
    }

    assertThat(fromDirectory.findMessageType("l.M")).isPresent();
    assertThat(fromClasspath.toFileDescriptorSet()).isEqualTo(fromDirectory.toFileDescriptorSet());
  }

  private static final String NOTES =
      """
      syntax = "proto3";
      package notes;
      message Note {
        string text = 1; // what the note says
      }
      service Notes {
        // Saves a note.
        rpc Save(Note) returns (Note);
      }
      """;

  private static SourceCodeInfo.Location location(FileDescriptorProto file, Integer... path) {
    return file.getSourceCodeInfo().getLocationList().stream()
        .filter(l -> l.getPathList().equals(List.of(path)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no location for path " + List.of(path)));
  }

  @Test
  void sourceInfoHasTheLeadingCommentOfAMethodAndTheTrailingCommentOfAField() {
    CompilationResult result =
        ProtoCompiler.builder()
            .addSource("notes.proto", NOTES)
            .includeSourceInfo(true)
            .build()
            .compile("notes.proto");

    FileDescriptorProto notes = result.fileDescriptorProtos().get(0);
    // service 0, method 0; zero-based line 7, columns 2 to 32
    SourceCodeInfo.Location save = location(notes, 6, 0, 2, 0);
    assertThat(save.getLeadingComments()).isEqualTo(" Saves a note.\n");
    assertThat(save.getSpanList()).containsExactly(7, 2, 32);
    // message 0, field 0
    SourceCodeInfo.Location text = location(notes, 4, 0, 2, 0);
    assertThat(text.getTrailingComments()).isEqualTo(" what the note says\n");
    assertThat(text.hasLeadingComments()).isFalse();
    // the file's own location comes first and spans the whole file
    assertThat(notes.getSourceCodeInfo().getLocation(0).getPathList()).isEmpty();
    assertThat(notes.getSourceCodeInfo().getLocation(0).getSpanList()).containsExactly(0, 0, 8, 1);
    // the built descriptor carries the same info
    assertThat(result.fileDescriptor("notes.proto").orElseThrow().toProto().getSourceCodeInfo())
        .isEqualTo(notes.getSourceCodeInfo());
  }

  @Test
  void sourceInfoIsLeftOutByDefaultAndCachedSeparately() {
    ProtoCompiler.Builder builder = ProtoCompiler.builder().addSource("notes.proto", NOTES);
    CompilationResult without = builder.build().compile("notes.proto");
    CompilationResult with = builder.includeSourceInfo(true).build().compile("notes.proto");
    CompilationResult withoutAgain =
        builder.includeSourceInfo(false).build().compile("notes.proto");

    assertThat(without.fileDescriptorProtos().get(0).hasSourceCodeInfo()).isFalse();
    assertThat(with.fileDescriptorProtos().get(0).hasSourceCodeInfo()).isTrue();
    assertThat(withoutAgain).isSameAs(without);
    assertThat(with.fileDescriptorProtos().get(0).toBuilder().clearSourceCodeInfo().build())
        .isEqualTo(without.fileDescriptorProtos().get(0));
  }

  @Test
  void inMemorySourcesAndClasspathRootsResolveImports() {
    CompilationResult result =
        ProtoCompiler.builder()
            .addSource(
                "a/main.proto",
                "syntax = \"proto3\"; package a; import \"fixtures/dep.proto\"; message Main { dep.Dep d = 1; }")
            .addClasspathRoot("", getClass().getClassLoader())
            .build()
            .compile("a/main.proto");

    assertThat(result.fileDescriptorProtos())
        .extracting(p -> p.getName())
        .containsExactly("fixtures/dep.proto", "a/main.proto");
    assertThat(
            result
                .findMessageType("a.Main")
                .orElseThrow()
                .findFieldByName("d")
                .getMessageType()
                .getFullName())
        .isEqualTo("dep.Dep");
  }

  @Test
  void includesTheImportClosureInProtocOrder() {
    CompilationResult result =
        ProtoCompiler.builder()
            .addSource("c.proto", "syntax = \"proto3\"; message C {}")
            .addSource("b.proto", "syntax = \"proto3\"; import \"c.proto\"; message B {}")
            .addSource(
                "a.proto",
                "syntax = \"proto3\"; import \"b.proto\"; import \"c.proto\"; message A {}")
            .addSource("d.proto", "syntax = \"proto3\"; import \"c.proto\"; message D {}")
            .build()
            .compile("a.proto", "d.proto");

    assertThat(result.fileDescriptorProtos())
        .extracting(p -> p.getName())
        .containsExactly("c.proto", "b.proto", "a.proto", "d.proto");
  }

  @Test
  void errorsCarryEveryDiagnosticWithFileLineAndColumn() {
    ProtoCompiler compiler =
        ProtoCompiler.builder()
            .addSource(
                "bad.proto",
                "syntax = \"proto3\";\nmessage M {\n  Unknown u = 1;\n  Other o = 2;\n}\n")
            .build();

    assertThatThrownBy(() -> compiler.compile("bad.proto"))
        .isInstanceOfSatisfying(
            ProtoCompilationException.class,
            e -> {
              assertThat(e.diagnostics())
                  .containsExactly(
                      Diagnostic.of("bad.proto", 3, 3, "\"Unknown\" is not defined."),
                      Diagnostic.of("bad.proto", 4, 3, "\"Other\" is not defined."));
              assertThat(e.getMessage())
                  .isEqualTo(
                      "bad.proto:3:3: \"Unknown\" is not defined.\nbad.proto:4:3: \"Other\" is not defined.");
            });
  }

  @Test
  void aMissingImportNamesThePathsSearched() {
    ProtoCompiler compiler =
        ProtoCompiler.builder()
            .addImportPath(dir)
            .addSource("a.proto", "syntax = \"proto3\";\nimport \"nope.proto\";\n")
            .build();

    assertThatThrownBy(() -> compiler.compile("a.proto"))
        .isInstanceOfSatisfying(
            ProtoCompilationException.class,
            e -> {
              assertThat(e.diagnostics().get(0).file()).isEqualTo("nope.proto");
              assertThat(e.diagnostics().get(0).message())
                  .startsWith("File not found.")
                  .contains(dir.toString())
                  .contains("classpath:/");
              assertThat(e.diagnostics().get(1))
                  .isEqualTo(
                      Diagnostic.of(
                          "a.proto", 2, 1, "Import \"nope.proto\" was not found or had errors."));
            });
  }

  @Test
  void importCyclesNameTheCycle() {
    ProtoCompiler compiler =
        ProtoCompiler.builder()
            .addSource("x.proto", "syntax = \"proto3\";\nimport \"y.proto\";\n")
            .addSource("y.proto", "syntax = \"proto3\";\nimport \"x.proto\";\n")
            .build();

    assertThatThrownBy(() -> compiler.compile("x.proto"))
        .isInstanceOfSatisfying(
            ProtoCompilationException.class,
            e ->
                assertThat(e.diagnostics())
                    .containsExactly(
                        Diagnostic.of(
                            "x.proto",
                            2,
                            1,
                            "File recursively imports itself: x.proto -> y.proto -> x.proto"),
                        Diagnostic.of(
                            "y.proto", 2, 1, "Import \"x.proto\" was not found or had errors."),
                        Diagnostic.of(
                            "x.proto", 2, 1, "Import \"y.proto\" was not found or had errors.")));
  }

  @Test
  void unusedImportsOfRequestedFilesAreWarnings() {
    CompilationResult result =
        ProtoCompiler.builder()
            .cacheResults(false)
            .addSource("used.proto", "syntax = \"proto3\"; message Used {}")
            .addSource(
                "w.proto",
                "syntax = \"proto3\";\nimport \"used.proto\";\nimport \"google/protobuf/empty.proto\";\nmessage W { Used u = 1; }\n")
            .build()
            .compile("w.proto");

    assertThat(result.warnings())
        .containsExactly(
            Diagnostic.warning("w.proto", 3, 1, "Import google/protobuf/empty.proto is unused."));
    assertThat(result.warnings().get(0))
        .hasToString("w.proto:3:1: warning: Import google/protobuf/empty.proto is unused.");
    assertThat(result.warnings().get(0).isWarning()).isTrue();
  }

  @Test
  void jsonNameClashesUnderLegacyJsonAndOddReservedNamesAreWarnings() {
    CompilationResult result =
        ProtoCompiler.builder()
            .cacheResults(false)
            .addSource(
                "l.proto",
                "syntax = \"proto2\";\nmessage M {\n  optional int32 foo_bar = 1;\n"
                    + "  optional int32 fooBar = 2;\n  reserved \"a-b\", \"ok\";\n}\n")
            .build()
            .compile("l.proto");

    // protoc 4.36.2 prints exactly these two warnings for this file
    assertThat(result.warnings())
        .containsExactly(
            Diagnostic.warning(
                "l.proto", 5, 12, "Reserved name \"a-b\" is not a valid identifier."),
            Diagnostic.warning(
                "l.proto",
                4,
                18,
                "The default JSON name of field \"fooBar\" (\"fooBar\") conflicts with the default"
                    + " JSON name of field \"foo_bar\"."));
  }

  @Test
  void resultsAreCachedByContent() throws Exception {
    Files.writeString(dir.resolve("hello.proto"), HELLO);
    ProtoCompiler compiler = ProtoCompiler.builder().addImportPath(dir).build();

    CompilationResult first = compiler.compile("hello.proto");
    CompilationResult again =
        ProtoCompiler.builder().addImportPath(dir).build().compile("hello.proto");
    Files.writeString(dir.resolve("hello.proto"), HELLO + "\nmessage Extra {}\n");
    CompilationResult changed = compiler.compile("hello.proto");

    assertThat(again).isSameAs(first);
    assertThat(changed).isNotSameAs(first);
    assertThat(changed.findMessageType("hello.Extra")).isPresent();
    assertThat(
            ProtoCompiler.builder()
                .addImportPath(dir)
                .cacheResults(false)
                .build()
                .compile("hello.proto"))
        .isNotSameAs(changed);
  }

  @Test
  void isSafeToUseFromManyThreads() throws Exception {
    ProtoCompiler compiler =
        ProtoCompiler.builder()
            .cacheResults(false)
            .addSource(
                "t.proto",
                "syntax = \"proto3\"; import \"google/protobuf/any.proto\"; message T { google.protobuf.Any a = 1; }")
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<CompilationResult>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 32; i++) {
        futures.add(pool.submit(() -> compiler.compile("t.proto")));
      }
      for (Future<CompilationResult> f : futures) {
        assertThat(f.get().toFileDescriptorSet())
            .isEqualTo(futures.get(0).get().toFileDescriptorSet());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void canRunProtocInsteadAndGetsTheSameDescriptors() throws Exception {
    Path protoc = ConformanceTest.protocOrSkip();
    Files.writeString(dir.resolve("hello.proto"), HELLO);

    CompilationResult viaProtoc =
        ProtoCompiler.builder()
            .addImportPath(dir)
            .protocExecutable(protoc)
            .build()
            .compile("hello.proto");
    CompilationResult ours =
        ProtoCompiler.builder()
            .addImportPath(dir)
            .cacheResults(false)
            .build()
            .compile("hello.proto");

    assertThat(viaProtoc.toFileDescriptorSet().toByteArray())
        .isEqualTo(ours.toFileDescriptorSet().toByteArray());
    assertThat(viaProtoc.fileDescriptors())
        .extracting(FileDescriptor::getName)
        .containsExactly("google/protobuf/timestamp.proto", "hello.proto");
  }

  @Test
  void protocIsAskedForSourceInfoToo() throws Exception {
    Path protoc = ConformanceTest.protocOrSkip();
    Files.writeString(dir.resolve("notes.proto"), NOTES);

    CompilationResult viaProtoc =
        ProtoCompiler.builder()
            .addImportPath(dir)
            .protocExecutable(protoc)
            .includeSourceInfo(true)
            .build()
            .compile("notes.proto");
    CompilationResult ours =
        ProtoCompiler.builder()
            .addImportPath(dir)
            .includeSourceInfo(true)
            .cacheResults(false)
            .build()
            .compile("notes.proto");

    assertThat(viaProtoc.fileDescriptorProtos().get(0).getSourceCodeInfo().getLocationCount())
        .isGreaterThan(10);
    assertThat(viaProtoc.toFileDescriptorSet().toByteArray())
        .isEqualTo(ours.toFileDescriptorSet().toByteArray());
  }

  @Test
  void theSystemPropertySelectsProtoc() throws Exception {
    Path protoc = ConformanceTest.protocOrSkip();
    String old = System.getProperty(ProtoCompiler.PROTOC_PROPERTY);
    System.setProperty(ProtoCompiler.PROTOC_PROPERTY, protoc.toString());
    try {
      ProtoCompiler compiler =
          ProtoCompiler.builder()
              .addSource("p.proto", "syntax = \"proto3\";\nmessage P {\n  Nope n = 1;\n}\n")
              .build();
      assertThatThrownBy(() -> compiler.compile("p.proto"))
          .isInstanceOfSatisfying(
              ProtoCompilationException.class,
              e ->
                  assertThat(e.diagnostics())
                      .containsExactly(Diagnostic.of("p.proto", 3, 3, "\"Nope\" is not defined.")));
    } finally {
      if (old == null) {
        System.clearProperty(ProtoCompiler.PROTOC_PROPERTY);
      } else {
        System.setProperty(ProtoCompiler.PROTOC_PROPERTY, old);
      }
    }
  }

  @Test
  void protocFromTheLocalRepositoryIsFoundWhenAsked() {
    Path local;
    try {
      local = dev.grpccontract.compiler.internal.ExternalProtoc.findInLocalRepository();
    } catch (IllegalStateException e) {
      assumeTrue(false, "protoc 4.36.2 is not in the local Maven repository: " + e.getMessage());
      return;
    }
    assertThat(local).exists();
    CompilationResult r =
        ProtoCompiler.builder()
            .useProtoc(true)
            .cacheResults(false)
            .addSource("q.proto", "syntax = \"proto3\"; message Q {}")
            .build()
            .compile("q.proto");
    assertThat(r.fileDescriptorProtos()).hasSize(1);
  }
}
