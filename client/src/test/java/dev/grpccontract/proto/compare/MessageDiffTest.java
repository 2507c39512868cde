package dev.grpccontract.proto.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Int64Value;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field-by-field comparison edge cases beyond those the assertion tests cover. */
class MessageDiffTest {

  private static final String PROTO2 =
      """
      name: "inventory.proto"
      package: "inventory"
      syntax: "proto2"
      message_type {
        name: "Shelf"
        field { name: "label" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
        field { name: "count" number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 }
        field {
          name: "bins" number: 3 label: LABEL_REPEATED type: TYPE_MESSAGE
          type_name: ".inventory.Shelf.BinsEntry"
        }
        nested_type {
          name: "BinsEntry"
          field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_INT64 }
          field {
            name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_MESSAGE
            type_name: ".inventory.Shelf"
          }
          options { map_entry: true }
        }
        extension_range { start: 100 end: 200 }
      }
      extension {
        name: "aisle" number: 100 label: LABEL_OPTIONAL type: TYPE_INT32
        extendee: ".inventory.Shelf"
      }
      """;

  private static final FileDescriptor FILE = build();
  private static final Descriptor SHELF = FILE.findMessageTypeByName("Shelf");
  private static final FieldDescriptor AISLE = FILE.findExtensionByName("aisle");

  private static FileDescriptor build() {
    try {
      return FileDescriptor.buildFrom(
          TextFormat.parse(PROTO2, FileDescriptorProto.class), new FileDescriptor[0]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static DynamicMessage.Builder shelf() {
    return DynamicMessage.newBuilder(SHELF);
  }

  private static List<String> diff(Message expected, Message actual) {
    return MessageDiff.compare(expected, actual).stream().map(Object::toString).toList();
  }

  @Test
  void proto2ScalarsHavePresenceSoAnExplicitDefaultIsNotAbsent() {
    FieldDescriptor count = SHELF.findFieldByName("count");

    assertThat(diff(shelf().setField(count, 0).build(), shelf().build()))
        .containsExactly("count: missing (expected 0)");
    assertThat(diff(shelf().build(), shelf().setField(count, 0).build()))
        .containsExactly("count: unexpected (was 0)");
  }

  @Test
  void extensionsAreComparedByTheirFullName() {
    assertThat(diff(shelf().setField(AISLE, 4).build(), shelf().setField(AISLE, 5).build()))
        .containsExactly("[inventory.aisle]: expected 4 but was 5");
    assertThat(diff(shelf().setField(AISLE, 4).build(), shelf().build()))
        .containsExactly("[inventory.aisle]: missing (expected 4)");
  }

  @Test
  void mapsWithIntegerKeysAndMessageValuesRecurse() {
    FieldDescriptor bins = SHELF.findFieldByName("bins");
    Descriptor entry = bins.getMessageType();
    FieldDescriptor label = SHELF.findFieldByName("label");
    Message expected =
        shelf()
            .addRepeatedField(
                bins,
                DynamicMessage.newBuilder(entry)
                    .setField(entry.findFieldByNumber(1), 7L)
                    .setField(entry.findFieldByNumber(2), shelf().setField(label, "a").build())
                    .build())
            .build();
    Message actual =
        shelf()
            .addRepeatedField(
                bins,
                DynamicMessage.newBuilder(entry)
                    .setField(entry.findFieldByNumber(1), 7L)
                    .setField(entry.findFieldByNumber(2), shelf().setField(label, "b").build())
                    .build())
            .build();

    assertThat(diff(expected, actual))
        .containsExactly("bins[7].label: expected \"a\" but was \"b\"");
    assertThat(diff(expected, shelf().build()))
        .containsExactly("bins[7]: missing (expected {\"label\":\"a\"})");
  }

  @Test
  void aWellKnownTypeAtTheTopIsComparedByItsOwnFields() {
    assertThat(diff(Int64Value.of(5), Int64Value.of(6)))
        .containsExactly("value: expected 5 but was 6");
    assertThat(
            diff(
                Timestamp.newBuilder().setSeconds(1).build(),
                Timestamp.newBuilder().setSeconds(1).setNanos(5).build()))
        .containsExactly("nanos: expected 0 but was 5");
  }

  @Test
  void equalMessagesHaveNoDifferences() {
    assertThat(diff(shelf().setField(AISLE, 4).build(), shelf().setField(AISLE, 4).build()))
        .isEmpty();
  }

  @Test
  void messagesOfDifferentTypesCannotBeCompared() {
    Throwable error = catchThrowable(() -> MessageDiff.compare(Int64Value.of(1), shelf().build()));

    assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compare a google.protobuf.Int64Value with a inventory.Shelf");
  }
}
