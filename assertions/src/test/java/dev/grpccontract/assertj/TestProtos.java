package dev.grpccontract.assertj;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.GrpcResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;

/** Message types for the tests, built at run time from a descriptor in text format. */
final class TestProtos {

  private static final String SHOP_PROTO =
      """
      name: "shop.proto"
      package: "shop"
      syntax: "proto3"
      dependency: "google/protobuf/timestamp.proto"
      message_type {
        name: "HelloReply"
        field { name: "reply" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "reply" }
      }
      message_type {
        name: "Item"
        field { name: "sku" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "sku" }
        field { name: "quantity" number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "quantity" }
      }
      message_type {
        name: "Address"
        field { name: "city" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "city" }
        field { name: "street" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "street" }
      }
      message_type {
        name: "Order"
        field { name: "id" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "id" }
        field { name: "items" number: 2 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".shop.Item" json_name: "items" }
        field { name: "labels" number: 3 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".shop.Order.LabelsEntry" json_name: "labels" }
        field { name: "ship_to" number: 4 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".shop.Address" json_name: "shipTo" }
        field { name: "count" number: 5 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "count" }
        field { name: "priority" number: 6 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "priority" oneof_index: 1 proto3_optional: true }
        field { name: "state" number: 7 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".shop.State" json_name: "state" }
        field { name: "payload" number: 8 label: LABEL_OPTIONAL type: TYPE_BYTES json_name: "payload" }
        field { name: "stock" number: 9 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".shop.Order.StockEntry" json_name: "stock" }
        field { name: "created_at" number: 10 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" json_name: "createdAt" }
        field { name: "email" number: 11 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "email" oneof_index: 0 }
        field { name: "phone" number: 12 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "phone" oneof_index: 0 }
        field { name: "tags" number: 13 label: LABEL_REPEATED type: TYPE_STRING json_name: "tags" }
        nested_type {
          name: "LabelsEntry"
          field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "key" }
          field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "value" }
          options { map_entry: true }
        }
        nested_type {
          name: "StockEntry"
          field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "key" }
          field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".shop.Item" json_name: "value" }
          options { map_entry: true }
        }
        oneof_decl { name: "contact" }
        oneof_decl { name: "_priority" }
      }
      enum_type {
        name: "State"
        value { name: "STATE_UNSPECIFIED" number: 0 }
        value { name: "OPEN" number: 1 }
        value { name: "CLOSED" number: 2 }
      }
      """;

  static final FileDescriptor SHOP = build(SHOP_PROTO);
  static final Descriptor HELLO_REPLY = SHOP.findMessageTypeByName("HelloReply");
  static final Descriptor ORDER = SHOP.findMessageTypeByName("Order");
  static final Descriptor ITEM = SHOP.findMessageTypeByName("Item");

  static final String SAY_HELLO = "hello.HelloService/SayHello";
  static final String GET_ORDER = "shop.OrderService/GetOrder";

  private TestProtos() {}

  /** Builds the shop file again: a second, distinct descriptor instance of the same types. */
  static FileDescriptor freshShop() {
    return build(SHOP_PROTO);
  }

  private static FileDescriptor build(String text) {
    try {
      FileDescriptorProto proto = TextFormat.parse(text, FileDescriptorProto.class);
      return FileDescriptor.buildFrom(proto, new FileDescriptor[] {TimestampProto.getDescriptor()});
    } catch (TextFormat.ParseException | DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses protobuf JSON into a dynamic message of {@code type}. */
  static DynamicMessage message(Descriptor type, String json) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    try {
      JsonFormat.parser()
          .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(type).build())
          .merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    return builder.build();
  }

  static DynamicMessage hello(String reply) {
    return message(HELLO_REPLY, "{\"reply\": \"" + reply + "\"}");
  }

  static GrpcResponse ok(String method, Message message) {
    return GrpcResponse.of(method, Status.OK, message, null, null, Duration.ofMillis(12));
  }

  static GrpcResponse ok(String method, Message message, Metadata headers, Metadata trailers) {
    return GrpcResponse.of(method, Status.OK, message, headers, trailers, Duration.ofMillis(12));
  }

  static GrpcResponse failed(Status status) {
    return GrpcResponse.of(SAY_HELLO, status, null, null, null, Duration.ofMillis(3));
  }

  static GrpcResponse failed(Status status, Metadata trailers) {
    return GrpcResponse.of(SAY_HELLO, status, null, null, trailers, Duration.ofMillis(3));
  }

  static Metadata metadata(String... keysAndValues) {
    Metadata metadata = new Metadata();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      metadata.put(
          Metadata.Key.of(keysAndValues[i], Metadata.ASCII_STRING_MARSHALLER),
          keysAndValues[i + 1]);
    }
    return metadata;
  }
}
