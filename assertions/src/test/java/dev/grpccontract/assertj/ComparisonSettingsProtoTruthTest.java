package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.ORDER;

import com.google.common.truth.extensions.proto.FieldScopes;
import com.google.common.truth.extensions.proto.ProtoFluentAssertion;
import com.google.common.truth.extensions.proto.ProtoTruth;
import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every comparison setting of the message assertion gives the same verdict as ProtoTruth with the
 * same setting, on the same pairs of messages: each pair under each setting, passing or failing.
 *
 * <p>ProtoTruth compares {@code Any} fields by their bytes unless told to unpack them, while the
 * message assertion unpacks the types it knows by default; so the ProtoTruth side always unpacks
 * with the same types.
 */
class ComparisonSettingsProtoTruthTest {

  static final FileDescriptor METRICS =
      build(
          """
          name: "metrics.proto"
          package: "metrics"
          syntax: "proto3"
          dependency: "google/protobuf/any.proto"
          message_type {
            name: "Reading"
            field { name: "value" number: 1 label: LABEL_OPTIONAL type: TYPE_DOUBLE json_name: "value" }
            field { name: "ratio" number: 2 label: LABEL_OPTIONAL type: TYPE_FLOAT json_name: "ratio" }
            field { name: "samples" number: 3 label: LABEL_REPEATED type: TYPE_DOUBLE json_name: "samples" }
            field { name: "note" number: 4 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "note" oneof_index: 0 proto3_optional: true }
            field { name: "extra" number: 5 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Any" json_name: "extra" }
            field { name: "child" number: 6 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".metrics.Reading" json_name: "child" }
            field { name: "by_name" number: 7 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".metrics.Reading.ByNameEntry" json_name: "byName" }
            field { name: "history" number: 8 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".metrics.Reading" json_name: "history" }
            field { name: "unit" number: 9 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "unit" }
            nested_type {
              name: "ByNameEntry"
              field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "key" }
              field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".metrics.Reading" json_name: "value" }
              options { map_entry: true }
            }
            oneof_decl { name: "_note" }
          }
          """);

  static final Descriptor READING = METRICS.findMessageTypeByName("Reading");

  /** A proto2 file: a closed enum and an extension, which parsing can leave as unknown fields. */
  static final FileDescriptor LEGACY =
      buildWithoutImports(
          """
          name: "legacy.proto"
          package: "legacy"
          message_type {
            name: "Box"
            field { name: "kind" number: 1 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".legacy.Kind" }
            field { name: "name" number: 9 label: LABEL_OPTIONAL type: TYPE_STRING }
            extension_range { start: 100 end: 200 }
          }
          enum_type {
            name: "Kind"
            value { name: "SMALL" number: 0 }
            value { name: "BIG" number: 1 }
          }
          extension { name: "weight" number: 100 label: LABEL_OPTIONAL type: TYPE_INT32 extendee: ".legacy.Box" }
          """);

  static final Descriptor BOX = LEGACY.findMessageTypeByName("Box");
  static final TypeRegistry TYPES = TypeRegistry.newBuilder().add(READING).add(ORDER).build();

  private static FileDescriptor build(String text) {
    try {
      return FileDescriptor.buildFrom(
          TextFormat.parse(text, FileDescriptorProto.class),
          new FileDescriptor[] {AnyProto.getDescriptor()});
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static FileDescriptor buildWithoutImports(String text) {
    try {
      return FileDescriptor.buildFrom(
          TextFormat.parse(text, FileDescriptorProto.class), new FileDescriptor[0]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns {@code message} with a varint unknown field {@code number} set to {@code value}. */
  static Message withUnknown(Message message, int number, long value) {
    return message.toBuilder()
        .setUnknownFields(
            UnknownFieldSet.newBuilder().mergeVarintField(number, (int) value).build())
        .build();
  }

  /** Returns a Box named "b", with the extension weight 3 when {@code weight}. */
  static Message box(boolean weight) {
    DynamicMessage.Builder builder =
        DynamicMessage.newBuilder(BOX).setField(BOX.findFieldByName("name"), "b");
    if (weight) {
      builder.setField(LEGACY.findExtensionByName("weight"), 3);
    }
    return builder.build();
  }

  static Message parseBox(byte[] bytes) {
    try {
      return DynamicMessage.parseFrom(BOX, bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A setting applied to both sides. */
  record Setting(
      String name,
      BiFunction<ProtoMessageAssert, Descriptor, ProtoMessageAssert> ours,
      UnaryOperator<ProtoFluentAssertion> theirs) {

    Setting(
        String name,
        UnaryOperator<ProtoMessageAssert> ours,
        UnaryOperator<ProtoFluentAssertion> theirs) {
      this(name, (a, type) -> ours.apply(a), theirs);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Two messages of one type; the first is the expected one. */
  record Pair(String name, Message expected, Message actual) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Setting> SETTINGS =
      List.of(
          new Setting("exact", a -> a, t -> t),
          new Setting(
              "ignoringRepeatedFieldOrder",
              ProtoMessageAssert::ignoringRepeatedFieldOrder,
              ProtoFluentAssertion::ignoringRepeatedFieldOrder),
          new Setting(
              "comparingExpectedFieldsOnly",
              ProtoMessageAssert::comparingExpectedFieldsOnly,
              ProtoFluentAssertion::comparingExpectedFieldsOnly),
          new Setting(
              "ignoringFieldAbsence",
              ProtoMessageAssert::ignoringFieldAbsence,
              ProtoFluentAssertion::ignoringFieldAbsence),
          new Setting(
              "usingDoubleTolerance(0.01)",
              a -> a.usingDoubleTolerance(0.01),
              t -> t.usingDoubleTolerance(0.01)),
          new Setting(
              "usingFloatTolerance(0.01f)",
              a -> a.usingFloatTolerance(0.01f),
              t -> t.usingFloatTolerance(0.01f)),
          new Setting(
              "ignoringFieldDescriptors(note, unit, Order.id, Item.quantity)",
              a ->
                  a.ignoringFieldDescriptors(
                      READING.findFieldByName("note"),
                      READING.findFieldByName("unit"),
                      ORDER.findFieldByName("id"),
                      TestProtos.ITEM.findFieldByName("quantity")),
              t ->
                  t.ignoringFieldDescriptors(
                      READING.findFieldByName("note"),
                      READING.findFieldByName("unit"),
                      ORDER.findFieldByName("id"),
                      TestProtos.ITEM.findFieldByName("quantity"))),
          // ProtoTruth's ignoringFields(numbers) ignores those fields of the root type wherever
          // that type occurs: ignoringFieldDescriptors of the root type's fields.
          new Setting(
              "ignoringFieldDescriptors(fields 9 and 1 of the root type) = ignoringFields(9, 1)",
              (a, type) ->
                  a.ignoringFieldDescriptors(type.findFieldByNumber(9), type.findFieldByNumber(1)),
              t -> t.ignoringFields(9, 1)),
          new Setting(
              "comparingExpectedFieldsOnly+ignoringRepeatedFieldOrder",
              a -> a.comparingExpectedFieldsOnly().ignoringRepeatedFieldOrder(),
              t -> t.comparingExpectedFieldsOnly().ignoringRepeatedFieldOrder()),
          new Setting(
              "ignoringFieldAbsence+usingDoubleTolerance(0.5)",
              a -> a.ignoringFieldAbsence().usingDoubleTolerance(0.5),
              t -> t.ignoringFieldAbsence().usingDoubleTolerance(0.5)),
          new Setting(
              "ignoringRepeatedFieldOrderOfFieldDescriptors(samples, Order.items)",
              a ->
                  a.ignoringRepeatedFieldOrderOfFieldDescriptors(
                      READING.findFieldByName("samples"), ORDER.findFieldByName("items")),
              t ->
                  t.ignoringRepeatedFieldOrderOfFieldDescriptors(
                      READING.findFieldByName("samples"), ORDER.findFieldByName("items"))),
          new Setting(
              "ignoringFieldAbsenceOfFieldDescriptors(note, child, Order.email)",
              a ->
                  a.ignoringFieldAbsenceOfFieldDescriptors(
                      READING.findFieldByName("note"),
                      READING.findFieldByName("child"),
                      ORDER.findFieldByName("email")),
              t ->
                  t.ignoringFieldAbsenceOfFieldDescriptors(
                      READING.findFieldByName("note"),
                      READING.findFieldByName("child"),
                      ORDER.findFieldByName("email"))),
          new Setting(
              "ignoringExtraRepeatedFieldElements",
              ProtoMessageAssert::ignoringExtraRepeatedFieldElements,
              ProtoFluentAssertion::ignoringExtraRepeatedFieldElements),
          new Setting(
              "ignoringExtraRepeatedFieldElements+ignoringRepeatedFieldOrder",
              a -> a.ignoringExtraRepeatedFieldElements().ignoringRepeatedFieldOrder(),
              t -> t.ignoringExtraRepeatedFieldElements().ignoringRepeatedFieldOrder()),
          new Setting(
              "ignoringExtraRepeatedFieldElements+comparingExpectedFieldsOnly",
              a -> a.ignoringExtraRepeatedFieldElements().comparingExpectedFieldsOnly(),
              t -> t.ignoringExtraRepeatedFieldElements().comparingExpectedFieldsOnly()),
          new Setting(
              "ignoringExtraRepeatedFieldElementsOfFieldDescriptors(history, byName)",
              a ->
                  a.ignoringExtraRepeatedFieldElementsOfFieldDescriptors(
                      READING.findFieldByName("history"), READING.findFieldByName("by_name")),
              t ->
                  t.ignoringExtraRepeatedFieldElementsOfFieldDescriptors(
                      READING.findFieldByName("history"), READING.findFieldByName("by_name"))),
          new Setting(
              "usingDoubleToleranceForFieldDescriptors(0.5, samples)",
              a ->
                  a.usingDoubleToleranceForFieldDescriptors(
                      0.5, READING.findFieldByName("samples")),
              t ->
                  t.usingDoubleToleranceForFieldDescriptors(
                      0.5, READING.findFieldByName("samples"))),
          new Setting(
              "usingFloatToleranceForFieldDescriptors(0.01, ratio)+usingDoubleTolerance(0.01)",
              a ->
                  a.usingDoubleTolerance(0.01)
                      .usingFloatToleranceForFieldDescriptors(
                          0.01f, READING.findFieldByName("ratio")),
              t ->
                  t.usingDoubleTolerance(0.01)
                      .usingFloatToleranceForFieldDescriptors(
                          0.01f, READING.findFieldByName("ratio"))),
          new Setting(
              "comparingOnlyFieldDescriptors(unit, Item.sku)",
              a ->
                  a.comparingOnlyFieldDescriptors(
                      READING.findFieldByName("unit"), TestProtos.ITEM.findFieldByName("sku")),
              t ->
                  t.withPartialScope(
                      FieldScopes.allowingFieldDescriptors(
                          READING.findFieldByName("unit"),
                          TestProtos.ITEM.findFieldByName("sku")))),
          new Setting(
              "comparingOnlyFieldDescriptors(history, extra, Order.labels)",
              a ->
                  a.comparingOnlyFieldDescriptors(
                      READING.findFieldByName("history"),
                      READING.findFieldByName("extra"),
                      ORDER.findFieldByName("labels")),
              t ->
                  t.withPartialScope(
                      FieldScopes.allowingFieldDescriptors(
                          READING.findFieldByName("history"),
                          READING.findFieldByName("extra"),
                          ORDER.findFieldByName("labels")))),
          new Setting(
              "comparingOnlyFieldDescriptors(value, samples)+ignoringRepeatedFieldOrder",
              a ->
                  a.comparingOnlyFieldDescriptors(
                          READING.findFieldByName("value"), READING.findFieldByName("samples"))
                      .ignoringRepeatedFieldOrder(),
              t ->
                  t.withPartialScope(
                          FieldScopes.allowingFieldDescriptors(
                              READING.findFieldByName("value"), READING.findFieldByName("samples")))
                      .ignoringRepeatedFieldOrder()));

  static Message reading(String json) {
    return parse(READING, json);
  }

  static Message order(String json) {
    return parse(ORDER, json);
  }

  static Message parse(Descriptor type, String json) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    try {
      JsonFormat.parser()
          .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(READING).add(ORDER).build())
          .merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    return builder.build();
  }

  static final List<Pair> PAIRS = pairs();

  private static List<Pair> pairs() {
    Map<String, String[]> readings = new LinkedHashMap<>();
    readings.put(
        "equal",
        new String[] {"{\"value\": 1.5, \"unit\": \"m\"}", "{\"unit\": \"m\", \"value\": 1.5}"});
    readings.put("double off by 0.001", new String[] {"{\"value\": 1.5}", "{\"value\": 1.501}"});
    readings.put("double off by 0.3", new String[] {"{\"value\": 1.5}", "{\"value\": 1.8}"});
    readings.put("float off by 0.001", new String[] {"{\"ratio\": 0.5}", "{\"ratio\": 0.501}"});
    readings.put("NaN and NaN", new String[] {"{\"value\": \"NaN\"}", "{\"value\": \"NaN\"}"});
    readings.put(
        "samples reordered", new String[] {"{\"samples\": [1, 2, 2]}", "{\"samples\": [2, 1, 2]}"});
    readings.put(
        "samples differ as multisets",
        new String[] {"{\"samples\": [1, 2, 2]}", "{\"samples\": [1, 1, 2]}"});
    readings.put(
        "samples within tolerance reordered",
        new String[] {"{\"samples\": [1, 2]}", "{\"samples\": [2.001, 1]}"});
    readings.put("optional set to default vs absent", new String[] {"{\"note\": \"\"}", "{}"});
    readings.put("absent vs optional set to default", new String[] {"{}", "{\"note\": \"\"}"});
    readings.put("child empty vs absent", new String[] {"{\"child\": {}}", "{}"});
    readings.put("child absent vs set", new String[] {"{}", "{\"child\": {\"value\": 2}}"});
    readings.put(
        "actual has extra fields",
        new String[] {"{\"value\": 1}", "{\"value\": 1, \"unit\": \"m\", \"note\": \"x\"}"});
    readings.put(
        "expected has fields the actual lacks",
        new String[] {"{\"value\": 1, \"unit\": \"m\"}", "{\"value\": 1}"});
    readings.put(
        "only the ignored fields differ",
        new String[] {
          "{\"value\": 1, \"unit\": \"m\", \"note\": \"a\"}", "{\"value\": 1, \"unit\": \"cm\"}"
        });
    readings.put(
        "nested child differs within tolerance",
        new String[] {"{\"child\": {\"value\": 1}}", "{\"child\": {\"value\": 1.2}}"});
    readings.put(
        "history partially expected, reordered",
        new String[] {
          "{\"history\": [{\"value\": 2}, {\"value\": 1}]}",
          "{\"history\": [{\"value\": 1, \"unit\": \"m\"}, {\"value\": 2, \"unit\": \"m\"}]}"
        });
    readings.put(
        "history with an extra element",
        new String[] {
          "{\"history\": [{\"value\": 1}]}", "{\"history\": [{\"value\": 1}, {\"value\": 2}]}"
        });
    readings.put(
        "map with an extra key",
        new String[] {
          "{\"byName\": {\"a\": {\"value\": 1}}}",
          "{\"byName\": {\"a\": {\"value\": 1}, \"b\": {\"value\": 2}}}"
        });
    readings.put(
        "map value partially expected",
        new String[] {
          "{\"byName\": {\"a\": {\"value\": 1}}}",
          "{\"byName\": {\"a\": {\"value\": 1, \"unit\": \"m\"}}}"
        });
    readings.put(
        "map value differs",
        new String[] {
          "{\"byName\": {\"a\": {\"value\": 1}}}", "{\"byName\": {\"a\": {\"value\": 3}}}"
        });
    readings.put(
        "history: a field set in one expected element, other in the actual's",
        new String[] {
          "{\"history\": [{\"value\": 2}, {\"unit\": \"m\"}]}",
          "{\"history\": [{\"value\": 2, \"unit\": \"x\"}, {\"value\": 9, \"unit\": \"m\"}]}"
        });
    readings.put(
        "history: a field set in one expected element, default in the actual's",
        new String[] {
          "{\"history\": [{\"value\": 2}, {\"unit\": \"m\"}]}",
          "{\"history\": [{\"value\": 2}, {\"unit\": \"m\"}]}"
        });
    readings.put(
        "map values: a field set in one expected value",
        new String[] {
          "{\"byName\": {\"a\": {\"value\": 1}, \"b\": {\"unit\": \"m\"}}}",
          "{\"byName\": {\"a\": {\"value\": 1, \"unit\": \"x\"}, \"b\": {\"unit\": \"m\"}}}"
        });
    readings.put(
        "nested elements: a field set in one expected element",
        new String[] {
          "{\"history\": [{\"child\": {\"unit\": \"m\"}}, {\"child\": {\"value\": 3}}]}",
          "{\"history\": [{\"child\": {\"unit\": \"m\", \"value\": 1}}, {\"child\": {\"value\":"
              + " 3}}]}"
        });
    readings.put(
        "samples with extra elements in order",
        new String[] {"{\"samples\": [1, 2]}", "{\"samples\": [1, 3, 2]}"});
    readings.put(
        "samples with extra elements out of order",
        new String[] {"{\"samples\": [1, 2]}", "{\"samples\": [2, 1, 3]}"});
    readings.put(
        "samples with fewer elements",
        new String[] {"{\"samples\": [1, 2]}", "{\"samples\": [1]}"});
    readings.put(
        "samples with a repeated expected element",
        new String[] {"{\"samples\": [1, 1]}", "{\"samples\": [1, 2]}"});
    readings.put(
        "samples within 0.3 with an extra element",
        new String[] {"{\"samples\": [1, 2]}", "{\"samples\": [1.3, 0, 2.3]}"});
    readings.put(
        "history with extra partial elements",
        new String[] {
          "{\"history\": [{\"value\": 2}]}",
          "{\"history\": [{\"value\": 0}, {\"value\": 2, \"unit\": \"m\"}]}"
        });
    readings.put(
        "map with an extra key and a differing value",
        new String[] {
          "{\"byName\": {\"a\": {\"value\": 1}}}",
          "{\"byName\": {\"a\": {\"value\": 3}, \"b\": {}}}"
        });
    readings.put(
        "child absent vs set to its default", new String[] {"{}", "{\"child\": {\"note\": \"\"}}"});
    readings.put(
        "history units equal, values differ, an extra element without unit",
        new String[] {
          "{\"history\": [{\"unit\": \"m\"}], \"value\": 1}",
          "{\"history\": [{\"unit\": \"m\", \"value\": 3}, {\"value\": 4}], \"value\": 2}"
        });
    readings.put(
        "child set with a unit vs absent", new String[] {"{}", "{\"child\": {\"unit\": \"m\"}}"});
    readings.put(
        "any with equal content",
        new String[] {
          "{\"extra\": {\"@type\": \"type.googleapis.com/metrics.Reading\", \"value\": 1}}",
          "{\"extra\": {\"@type\": \"type.googleapis.com/metrics.Reading\", \"value\": 1}}"
        });
    readings.put(
        "any content within tolerance",
        new String[] {
          "{\"extra\": {\"@type\": \"type.googleapis.com/metrics.Reading\", \"value\": 1}}",
          "{\"extra\": {\"@type\": \"type.googleapis.com/metrics.Reading\", \"value\": 1.001}}"
        });
    readings.put(
        "any content partially expected",
        new String[] {
          "{\"extra\": {\"@type\": \"type.googleapis.com/metrics.Reading\", \"value\": 1}}",
          "{\"extra\": {\"@type\": \"type.googleapis.com/metrics.Reading\", \"value\": 1,"
              + " \"unit\": \"m\"}}"
        });
    readings.put(
        "any type URLs with different prefixes",
        new String[] {
          "{\"extra\": {\"@type\": \"type.googleapis.com/metrics.Reading\", \"value\": 1}}",
          "{\"extra\": {\"@type\": \"example.com/metrics.Reading\", \"value\": 1}}"
        });
    readings.put(
        "any of different types",
        new String[] {
          "{\"extra\": {\"@type\": \"type.googleapis.com/metrics.Reading\"}}",
          "{\"extra\": {\"@type\": \"type.googleapis.com/shop.Item\"}}"
        });
    List<Pair> pairs = new ArrayList<>();
    readings.forEach(
        (name, json) ->
            pairs.add(new Pair("Reading: " + name, reading(json[0]), reading(json[1]))));
    pairs.add(
        new Pair(
            "Order: items reordered",
            order(
                "{\"id\": \"o\", \"items\": [{\"sku\": \"A\"}, {\"sku\": \"B\", \"quantity\":"
                    + " 2}]}"),
            order(
                "{\"id\": \"o\", \"items\": [{\"sku\": \"B\", \"quantity\": 2}, {\"sku\":"
                    + " \"A\"}]}")));
    pairs.add(
        new Pair(
            "Order: quantity and id differ",
            order("{\"id\": \"o\", \"items\": [{\"sku\": \"A\", \"quantity\": 1}]}"),
            order("{\"id\": \"p\", \"items\": [{\"sku\": \"A\", \"quantity\": 9}]}")));
    pairs.add(
        new Pair(
            "Order: oneof member switched",
            order("{\"email\": \"a@b.c\"}"),
            order("{\"phone\": \"123\"}")));
    pairs.add(
        new Pair(
            "Order: oneof member set to default vs absent",
            order("{\"email\": \"\"}"),
            order("{}")));
    pairs.add(
        new Pair(
            "Order: labels in another order",
            order("{\"labels\": {\"a\": \"1\", \"b\": \"2\"}}"),
            order("{\"labels\": {\"b\": \"2\", \"a\": \"1\"}}")));
    pairs.add(
        new Pair(
            "Order: proto3 scalar set to default in expected",
            order("{\"count\": 0, \"id\": \"x\"}"),
            order("{\"count\": 5, \"id\": \"x\"}")));
    Message one = reading("{\"value\": 1}");
    pairs.add(new Pair("Reading: unknown field only in actual", one, withUnknown(one, 99, 5)));
    pairs.add(new Pair("Reading: unknown field only in expected", withUnknown(one, 99, 5), one));
    pairs.add(
        new Pair(
            "Reading: unknown field values differ",
            withUnknown(one, 99, 5),
            withUnknown(one, 99, 6)));
    pairs.add(
        new Pair(
            "Reading: equal unknown fields", withUnknown(one, 99, 5), withUnknown(one, 99, 5)));
    pairs.add(
        new Pair(
            "Reading: unknown field inside child",
            reading("{\"child\": {\"value\": 1}}"),
            reading("{}").toBuilder()
                .setField(READING.findFieldByName("child"), withUnknown(one, 99, 5))
                .build()));
    // Kind has no value 5: proto2 parsing keeps it as unknown field 1.
    byte[] bigKind = {8, 5, 74, 1, 'b'};
    pairs.add(new Pair("Box: enum value the enum lacks vs absent", box(false), parseBox(bigKind)));
    pairs.add(
        new Pair("Box: the same enum value the enum lacks", parseBox(bigKind), parseBox(bigKind)));
    Message weightUnread = parseBox(box(true).toByteArray());
    pairs.add(
        new Pair("Box: extension read without a registry vs absent", box(false), weightUnread));
    pairs.add(
        new Pair(
            "Box: extension read without a registry vs read with one", box(true), weightUnread));
    return pairs;
  }

  static Stream<Arguments> pairsUnderSettings() {
    return PAIRS.stream().flatMap(pair -> SETTINGS.stream().map(s -> Arguments.of(pair, s)));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("pairsUnderSettings")
  void sameVerdictAsProtoTruth(Pair pair, Setting setting) {
    boolean truthPasses =
        passes(
            () ->
                setting
                    .theirs()
                    .apply(
                        ProtoTruth.assertThat(pair.actual())
                            .unpackingAnyUsing(TYPES, ExtensionRegistry.getEmptyRegistry()))
                    .isEqualTo(pair.expected()));
    boolean oursPasses =
        passes(
            () ->
                setting
                    .ours()
                    .apply(
                        assertThat(pair.actual()).unpackingAnyUsing(TYPES),
                        pair.actual().getDescriptorForType())
                    .isEqualTo(pair.expected()));

    org.assertj.core.api.Assertions.assertThat(oursPasses)
        .as("verdict of ours (ProtoTruth %s)", truthPasses ? "passes" : "fails")
        .isEqualTo(truthPasses);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("pairsUnderSettings")
  void sameVerdictWithTheDefaultTypes(Pair pair, Setting setting) {
    // Without unpackingAnyUsing, the message assertion unpacks the types of the message's own file.
    boolean truthPasses =
        passes(
            () ->
                setting
                    .theirs()
                    .apply(
                        ProtoTruth.assertThat(pair.actual())
                            .unpackingAnyUsing(TYPES, ExtensionRegistry.getEmptyRegistry()))
                    .isEqualTo(pair.expected()));
    boolean oursPasses =
        passes(
            () ->
                setting
                    .ours()
                    .apply(assertThat(pair.actual()), pair.actual().getDescriptorForType())
                    .isEqualTo(pair.expected()));

    org.assertj.core.api.Assertions.assertThat(oursPasses).isEqualTo(truthPasses);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("pairsUnderSettings")
  void isNotEqualToHasTheSameVerdictAsProtoTruth(Pair pair, Setting setting) {
    boolean truthPasses =
        passes(
            () ->
                setting
                    .theirs()
                    .apply(
                        ProtoTruth.assertThat(pair.actual())
                            .unpackingAnyUsing(TYPES, ExtensionRegistry.getEmptyRegistry()))
                    .isNotEqualTo(pair.expected()));
    boolean oursPasses =
        passes(
            () ->
                setting
                    .ours()
                    .apply(
                        assertThat(pair.actual()).unpackingAnyUsing(TYPES),
                        pair.actual().getDescriptorForType())
                    .isNotEqualTo(pair.expected()));

    org.assertj.core.api.Assertions.assertThat(oursPasses)
        .as("verdict of ours (ProtoTruth %s)", truthPasses ? "passes" : "fails")
        .isEqualTo(truthPasses);
  }

  @org.junit.jupiter.api.Test
  void everySettingHasPairsItAcceptsAndPairsItRejects() {
    for (Setting setting : SETTINGS) {
      long accepted =
          PAIRS.stream()
              .filter(
                  pair ->
                      passes(
                          () ->
                              setting
                                  .theirs()
                                  .apply(
                                      ProtoTruth.assertThat(pair.actual())
                                          .unpackingAnyUsing(
                                              TYPES, ExtensionRegistry.getEmptyRegistry()))
                                  .isEqualTo(pair.expected())))
              .count();
      org.assertj.core.api.Assertions.assertThat(accepted)
          .as("pairs ProtoTruth accepts %s", setting)
          .isBetween(1L, PAIRS.size() - 1L);
    }
  }

  private static boolean passes(Runnable check) {
    try {
      check.run();
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }
}
