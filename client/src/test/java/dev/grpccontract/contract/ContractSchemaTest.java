package dev.grpccontract.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema of contract files (shipped in the jar for IDE completion) is itself valid, and
 * every contract file of the project passes it; files the reader rejects for their shape fail it
 * too.
 */
class ContractSchemaTest {

  private static final String SCHEMA = "/dev/grpccontract/contract/grpc-contract.schema.json";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private static String schemaText() throws IOException {
    try (InputStream in = ContractSchemaTest.class.getResourceAsStream(SCHEMA)) {
      assertThat(in).as("the schema is in the jar").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<Error> validate(String yaml) throws IOException {
    Schema schema = REGISTRY.getSchema(schemaText(), InputFormat.JSON);
    String json = YamlNodes.toJson(new YamlNodes("x").parse(yaml).orElseThrow()).toString();
    return schema.validate(json, InputFormat.JSON);
  }

  @Test
  void theSchemaFollowsTheDraftItDeclares() throws IOException {
    Schema meta =
        REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(meta.validate(schemaText(), InputFormat.JSON)).isEmpty();
  }

  /** This module's contract files (from the test classpath) and the samples' (from the tree). */
  static Stream<String> contractFiles() throws IOException {
    List<String> texts = new ArrayList<>();
    for (Contracts.Source source :
        Contracts.resolve(
            ContractSchemaTest.class.getClassLoader(), List.of("classpath:contracts/"))) {
      if (!source.name().endsWith("broken.grpc.yaml")) {
        texts.add(source.name());
      }
    }
    Path samples = samplesContracts();
    try (Stream<Path> walk = Files.walk(samples)) {
      walk.filter(p -> p.toString().endsWith(Contracts.SUFFIX))
          .forEach(p -> texts.add(p.toString()));
    }
    return texts.stream();
  }

  /** The samples' contract folder, found from the working directory upwards. */
  private static Path samplesContracts() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("samples/src/test/resources/contracts");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "no samples/src/test/resources/contracts above " + Paths.get("").toAbsolutePath());
  }

  private static String read(String file) throws IOException {
    if (file.startsWith("contracts/")) {
      try (InputStream in = ContractSchemaTest.class.getClassLoader().getResourceAsStream(file)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return Files.readString(Paths.get(file));
  }

  @ParameterizedTest
  @MethodSource("contractFiles")
  void everyContractFileOfTheProjectFitsTheSchema(String file) throws IOException {
    assertThat(validate(read(file))).as(file).isEmpty();
  }

  @Test
  void shapesTheReaderRejectsFailTheSchemaToo() throws IOException {
    assertThat(
            validate(
                """
                interactions:
                  - name: x
                    methd: a.B/C
                """))
        .extracting(Error::getMessage)
        .anySatisfy(m -> assertThat(m).contains("methd"))
        .anySatisfy(m -> assertThat(m).contains("method"));
    assertThat(
            validate(
                """
                interactions:
                  - name: x
                    method: a.B/C
                    request: {}
                    requests: []
                """))
        .isNotEmpty();
    assertThat(
            validate(
                """
                interactions:
                  - name: x
                    method: a.B/C
                    matchers: {a: {match: regexp}}
                """))
        .isNotEmpty();
  }
}
