package dev.grpccontract.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.compiler.ProtoCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process. */
class CompatCommandTest {
  private static final String V1 =
      "syntax = \"proto3\";\n"
          + "package shop.v1;\n"
          + "message Order {\n"
          + "  string id = 1;\n"
          + "}\n"
          + "service Orders {\n"
          + "  rpc Get(Order) returns (Order);\n"
          + "}\n";

  @TempDir Path dir;
  private Path oldRoot;
  private Path newRoot;
  private Path oldFile;
  private Path newFile;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeBaseline() throws IOException {
    oldRoot = dir.resolve("old");
    newRoot = dir.resolve("new");
    oldFile = write(oldRoot, V1);
    newFile = newRoot.resolve("shop/v1/orders.proto");
  }

  private static Path write(Path root, String text) throws IOException {
    Path file = root.resolve("shop/v1/orders.proto");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private int run(String... args) {
    return CompatCommand.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void compatibleChangeExitsZeroAndPrintsNothing() throws IOException {
    write(newRoot, V1.replace("  string id = 1;\n", "  string id = 1;\n  string note = 2;\n"));

    int code =
        run(
            "compat",
            "--against",
            oldFile.toString(),
            "--against-proto_path",
            oldRoot.toString(),
            "-I",
            newRoot.toString(),
            newFile.toString());

    assertThat(code).as("exit code; stderr: %s", err()).isZero();
    assertThat(out()).isEmpty();
  }

  @Test
  void breakingChangeExitsHundredAndListsFindings() throws IOException {
    write(newRoot, V1.replace("string id = 1", "string key = 1"));

    int code =
        run(
            "compat",
            "--against",
            oldFile.toString(),
            "--against-proto_path",
            oldRoot.toString(),
            "-I",
            newRoot.toString(),
            newFile.toString());

    assertThat(code).isEqualTo(CompatCommand.BREAKING).isEqualTo(100);
    assertThat(out())
        .isEqualTo(
            "shop/v1/orders.proto:4:3: field 1 of shop.v1.Order changed its JSON name from"
                + " \"id\" to \"key\" [FIELD_SAME_JSON_NAME]\n"
                + "shop/v1/orders.proto:4:10: field 1 of shop.v1.Order changed its name from id to"
                + " key [FIELD_SAME_NAME]\n");
  }

  @Test
  void descriptorSetBaselineProfileAndIgnores() throws IOException {
    Path protoset = dir.resolve("old.protoset");
    Files.write(
        protoset,
        ProtoCompiler.builder()
            .addSource("shop/v1/orders.proto", V1)
            .build()
            .compile("shop/v1/orders.proto")
            .toFileDescriptorSet()
            .toByteArray());
    write(newRoot, V1.replace("string id = 1", "string key = 1"));

    assertThat(
            run(
                "compat",
                "--against",
                protoset.toString(),
                "-I",
                newRoot.toString(),
                newFile.toString()))
        .isEqualTo(100);
    assertThat(
            run(
                "compat",
                "--against",
                protoset.toString(),
                "--profile",
                "wire",
                "-I",
                newRoot.toString(),
                newFile.toString()))
        .isZero();
    assertThat(
            run(
                "compat",
                "--against",
                protoset.toString(),
                "--ignore",
                "FIELD_SAME_NAME,FIELD_SAME_JSON_NAME",
                "-I",
                newRoot.toString(),
                newFile.toString()))
        .isZero();
    assertThat(
            run(
                "compat",
                "--against",
                protoset.toString(),
                "--ignore-element",
                "shop.v1.Order",
                "-I",
                newRoot.toString(),
                newFile.toString()))
        .isZero();
  }

  @Test
  void jsonFormatWritesOneObjectPerFinding() throws IOException {
    write(newRoot, V1.replace("  rpc Get(Order) returns (Order);\n", ""));

    int code =
        run(
            "compat",
            "--format",
            "json",
            "--against",
            oldFile.toString(),
            "--against-proto_path",
            oldRoot.toString(),
            "-I",
            newRoot.toString(),
            newFile.toString());

    assertThat(code).isEqualTo(100);
    assertThat(out())
        .isEqualTo(
            "{\"path\":\"shop/v1/orders.proto\",\"start_line\":6,\"start_column\":1,"
                + "\"type\":\"GRPC_METHOD_NO_DELETE\",\"severity\":\"ERROR\","
                + "\"element\":\"shop.v1.Orders/Get\",\"message\":\"method shop.v1.Orders/Get is"
                + " gone; calls to it now fail with UNIMPLEMENTED\"}\n");
  }

  @Test
  void junitFormatWritesAFailurePerBreakingFinding() throws IOException {
    write(newRoot, V1.replace("string id = 1", "int64 id = 1"));

    int code =
        run(
            "compat",
            "--format=junit",
            "--profile=WIRE",
            "--against",
            oldFile.toString(),
            "--against-proto_path",
            oldRoot.toString(),
            "-I",
            newRoot.toString(),
            newFile.toString());

    assertThat(code).isEqualTo(100);
    assertThat(out())
        .startsWith(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"1\" failures=\"1\">")
        .contains(
            "<testcase classname=\"shop/v1/orders.proto\" name=\"shop/v1/orders.proto:4:3"
                + " FIELD_WIRE_COMPATIBLE_TYPE\">")
        .contains(
            "<failure type=\"FIELD_WIRE_COMPATIBLE_TYPE\" message=\"field 1 of shop.v1.Order"
                + " changed its type from string to int64, which the binary encoding does not"
                + " accept\">")
        .endsWith("</testsuites>\n");
  }

  @Test
  void baselineThatDoesNotCompilePrintsItsDiagnostics() throws IOException {
    write(oldRoot, V1.replace("string id = 1;", "strin id = 1;"));
    write(newRoot, V1);

    int code =
        run(
            "compat",
            "--against",
            oldFile.toString(),
            "--against-proto_path",
            oldRoot.toString(),
            "-I",
            newRoot.toString(),
            newFile.toString());

    assertThat(code).isEqualTo(CompatCommand.INPUT_ERROR);
    assertThat(out()).isEmpty();
    assertThat(err())
        .startsWith(
            "grpc-contract compat: the baseline does not compile:\n  shop/v1/orders.proto:4:3: ");
  }

  @Test
  void unknownRuleIdNamesTheClosestOnes() throws IOException {
    write(newRoot, V1);

    int code =
        run(
            "compat",
            "--ignore",
            "FIELD_SAME_NAM",
            "--against",
            oldFile.toString(),
            newFile.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "grpc-contract compat: Unknown rule id 'FIELD_SAME_NAM'; did you mean FIELD_SAME_NAME,"
                + " FIELD_SAME_ONEOF or FIELD_SAME_TYPE?\n");
  }

  @Test
  void missingBaselineIsAUsageError() throws IOException {
    write(newRoot, V1);

    assertThat(run("compat", newFile.toString())).isEqualTo(1);
    assertThat(err()).startsWith("grpc-contract: Missing required option: '--against=FILE'");
    assertThat(err()).contains("Usage: grpc-contract compat");

    err.reset();
    assertThat(
            run("compat", "--against", dir.resolve("nope.protoset").toString(), newFile.toString()))
        .isEqualTo(1);
    assertThat(err())
        .contains("the baseline file " + dir.resolve("nope.protoset") + " does not exist");
  }
}
