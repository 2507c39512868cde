package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.grpccontract.client.StreamResponse;
import dev.grpccontract.coverage.CoverageRecorder;
import dev.grpccontract.coverage.CoverageReport;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks on the messages of a stream tell the coverage report which response fields a test checked,
 * as the same checks on a unary response do. Each test uses message types of its own, since the
 * recorder is the JVM's.
 */
class StreamCoverageTest {

  private static final String PROTO =
      "name: 'stream_coverage.proto' package: 'coverage.stream'"
          + " message_type { name: 'Tick'"
          + "   field { name: 'id' number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: 'id' }"
          + "   field { name: 'seq' number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: 'seq' } }"
          + " message_type { name: 'Tock'"
          + "   field { name: 'id' number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: 'id' }"
          + "   field { name: 'seq' number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: 'seq' } }"
          + " message_type { name: 'Tack'"
          + "   field { name: 'id' number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: 'id' }"
          + "   field { name: 'seq' number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: 'seq' } }"
          + " service { name: 'Clock'"
          + "   method { name: 'Ticks' input_type: '.coverage.stream.Tick'"
          + "     output_type: '.coverage.stream.Tick' server_streaming: true }"
          + "   method { name: 'Tocks' input_type: '.coverage.stream.Tock'"
          + "     output_type: '.coverage.stream.Tock' client_streaming: true"
          + "     server_streaming: true }"
          + "   method { name: 'Tacks' input_type: '.coverage.stream.Tack'"
          + "     output_type: '.coverage.stream.Tack' server_streaming: true } }"
          + " syntax: 'proto3'";

  private static FileDescriptor file;

  @BeforeAll
  static void registerTheSchema() throws Exception {
    file =
        FileDescriptor.buildFrom(
            TextFormat.parse(PROTO, FileDescriptorProto.class), new FileDescriptor[0]);
    CoverageRecorder.global().register(ProtoSchema.of(file));
  }

  private static Message message(String type, String id, int seq) {
    Descriptor descriptor = file.findMessageTypeByName(type);
    return DynamicMessage.newBuilder(descriptor)
        .setField(descriptor.findFieldByName("id"), id)
        .setField(descriptor.findFieldByName("seq"), seq)
        .build();
  }

  private static StreamResponse stream(String method, Message... messages) {
    return StreamResponse.of(
        "coverage.stream.Clock/" + method,
        Status.OK,
        List.of(messages),
        null,
        null,
        Duration.ofMillis(5),
        false);
  }

  private static java.util.Set<String> reported(String method) {
    CoverageReport report = CoverageRecorder.global().report();
    return report.responseFieldsAsserted("coverage.stream.Clock/" + method);
  }

  @Test
  void hasMessagesJsonOnAServerStreamCoversEveryFieldOfItsMessages() {
    assertThat(stream("Ticks", message("Tick", "a", 1), message("Tick", "b", 2)))
        .hasMessagesJson("{\"id\": \"a\", \"seq\": 1}", "{\"id\": \"b\", \"seq\": 2}");

    org.assertj.core.api.Assertions.assertThat(reported("Ticks")).containsExactly("id", "seq");
  }

  @Test
  void containsMessageJsonOnABidiStreamCoversEveryFieldEvenWhenItFails() {
    StreamResponse tocks = stream("Tocks", message("Tock", "a", 1));

    assertThatThrownBy(() -> assertThat(tocks).containsMessageJson("{\"id\": \"z\"}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "to contain a message equal by protobuf meaning to:%n  {\"id\":\"z\"}".formatted());

    org.assertj.core.api.Assertions.assertThat(reported("Tocks")).containsExactly("id", "seq");
  }

  @Test
  void aFieldCheckOnOneStreamMessageCoversThatField() {
    assertThat(stream("Tacks", message("Tack", "a", 1))).message(0).hasField("seq", 1);

    org.assertj.core.api.Assertions.assertThat(reported("Tacks")).containsExactly("seq");
  }
}
