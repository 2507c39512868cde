package dev.grpccontract.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every error kind against protoc's output for the same input, recorded in {@code
 * errors/expected/} (file, line, column and text), so this runs without protoc.
 */
class DiagnosticsTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenFileReportsWhatProtocReports() throws IOException {
    Path dir = ErrorConformanceTest.errorsDir();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().startsWith("err_"))
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(files).hasSizeGreaterThan(40);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      String name = f.getFileName().toString();
                      String expected =
                          Files.readString(
                                  dir.resolve("expected").resolve(name.replace(".proto", ".txt")),
                                  StandardCharsets.UTF_8)
                              .strip();
                      ProtoCompilationException e =
                          catchThrowableOfType(
                              ProtoCompilationException.class,
                              () ->
                                  ProtoCompiler.builder()
                                      .addImportPath(dir)
                                      .cacheResults(false)
                                      .build()
                                      .compile(name));
                      assertThat(e).as("compiling %s must fail", name).isNotNull();
                      String actual =
                          e.diagnostics().stream()
                              .map(
                                  d ->
                                      d.message().startsWith("File not found.")
                                          ? Diagnostic.of(
                                              d.file(), d.line(), d.column(), "File not found.")
                                          : d)
                              .map(Diagnostic::toString)
                              .collect(Collectors.joining("\n"));
                      assertThat(actual).isEqualTo(expected);
                    }));
  }

  @Test
  void diagnosticsPrintLikeProtoc() {
    assertThat(Diagnostic.of("a.proto", 3, 7, "Boom.")).hasToString("a.proto:3:7: Boom.");
    assertThat(Diagnostic.of("a.proto", 0, 0, "File not found."))
        .hasToString("a.proto: File not found.");
    Diagnostic d = Diagnostic.of("x.proto", 1, 2, "m");
    assertThat(d.file()).isEqualTo("x.proto");
    assertThat(d.line()).isEqualTo(1);
    assertThat(d.column()).isEqualTo(2);
    assertThat(d.message()).isEqualTo("m");
    assertThat(d)
        .isEqualTo(Diagnostic.of("x.proto", 1, 2, "m"))
        .hasSameHashCodeAs(Diagnostic.of("x.proto", 1, 2, "m"));
  }

  @Test
  void columnsCountTabsToTheNextMultipleOfEight() {
    ProtoCompilationException e =
        catchThrowableOfType(
            ProtoCompilationException.class,
            () ->
                ProtoCompiler.builder()
                    .addSource(
                        "tabs.proto", "syntax = \"proto3\";\nmessage M {\n\tNope n = 1;\n}\n")
                    .build()
                    .compile("tabs.proto"));
    assertThat(e.diagnostics())
        .containsExactly(Diagnostic.of("tabs.proto", 3, 9, "\"Nope\" is not defined."));
  }
}
