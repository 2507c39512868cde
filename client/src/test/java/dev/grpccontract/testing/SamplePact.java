package dev.grpccontract.testing;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds Pact V4 files of gRPC interactions as the Pact protobuf plugin documents them:
 * interactions of type {@code Synchronous/Messages} with transport {@code grpc}, base64 protobuf
 * contents, and the descriptors of testing.proto embedded under the MD5 of their bytes in {@code
 * metadata.plugins}.
 */
public final class SamplePact {

  private SamplePact() {}

  /** The descriptor set of testing.proto and its imports, imports first. */
  public static byte[] descriptors() {
    Set<FileDescriptor> files = new LinkedHashSet<>();
    add(TestingProto.getDescriptor(), files);
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    files.forEach(f -> set.addFile(f.toProto()));
    return set.build().toByteArray();
  }

  private static void add(FileDescriptor file, Set<FileDescriptor> files) {
    file.getDependencies().forEach(d -> add(d, files));
    files.add(file);
  }

  /** The key the plugin files the descriptors under: the hex MD5 of their bytes. */
  public static String key() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(descriptors()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A pact between web and test with the given interactions and the descriptors. */
  public static JsonObject pact(JsonObject... interactions) {
    JsonObject pact = new JsonObject();
    pact.add("consumer", named("web"));
    pact.add("provider", named("test"));
    JsonArray list = new JsonArray();
    for (JsonObject interaction : interactions) {
      list.add(interaction);
    }
    pact.add("interactions", list);
    JsonObject descriptors = new JsonObject();
    descriptors.addProperty("protoDescriptors", Base64.getEncoder().encodeToString(descriptors()));
    descriptors.addProperty("protoFile", "syntax = \"proto3\";\n// testing.proto\n");
    JsonObject configuration = new JsonObject();
    configuration.add(key(), descriptors);
    JsonObject plugin = new JsonObject();
    plugin.add("configuration", configuration);
    plugin.addProperty("name", "protobuf");
    plugin.addProperty("version", "0.5.4");
    JsonArray plugins = new JsonArray();
    plugins.add(plugin);
    JsonObject version = new JsonObject();
    version.addProperty("version", "4.0");
    JsonObject metadata = new JsonObject();
    metadata.add("pactSpecification", version);
    metadata.add("plugins", plugins);
    pact.add("metadata", metadata);
    return pact;
  }

  /**
   * A gRPC interaction of {@code service} ({@code .package.Service/Method} or the plugin's older
   * {@code Service/Method}) with the request and, when not null, the response message.
   */
  public static JsonObject interaction(
      String description, String service, Message request, Message response) {
    JsonObject interaction = new JsonObject();
    interaction.addProperty("description", description);
    interaction.addProperty("type", "Synchronous/Messages");
    interaction.addProperty("transport", "grpc");
    interaction.addProperty("pending", false);
    JsonObject protobuf = new JsonObject();
    protobuf.addProperty("descriptorKey", key());
    protobuf.addProperty("service", service);
    JsonObject plugin = new JsonObject();
    plugin.add("protobuf", protobuf);
    interaction.add("pluginConfiguration", plugin);
    JsonObject req = new JsonObject();
    req.add("contents", contents(request, true));
    JsonObject reqMetadata = new JsonObject();
    reqMetadata.addProperty("contentType", contentType(request, true));
    req.add("metadata", reqMetadata);
    interaction.add("request", req);
    JsonObject res = new JsonObject();
    JsonObject resMetadata = new JsonObject();
    if (response != null) {
      res.add("contents", contents(response, true));
      resMetadata.addProperty("contentType", contentType(response, true));
    }
    res.add("metadata", resMetadata);
    JsonArray responses = new JsonArray();
    responses.add(res);
    interaction.add("response", responses);
    return interaction;
  }

  /** The plugin's contents of a message: base64 bytes and the content type naming its type. */
  public static JsonObject contents(Message message, boolean fullName) {
    JsonObject contents = new JsonObject();
    contents.addProperty("content", Base64.getEncoder().encodeToString(message.toByteArray()));
    contents.addProperty("contentType", contentType(message, fullName));
    contents.addProperty("contentTypeHint", "BINARY");
    contents.addProperty("encoded", "base64");
    return contents;
  }

  private static String contentType(Message message, boolean fullName) {
    return "application/protobuf;message="
        + (fullName
            ? "." + message.getDescriptorForType().getFullName()
            : message.getDescriptorForType().getName());
  }

  /** A matching rule of one matcher, as {@code {"combine": "AND", "matchers": [matcher]}}. */
  public static JsonObject rule(String json) {
    JsonObject rule = new JsonObject();
    rule.addProperty("combine", "AND");
    JsonArray matchers = new JsonArray();
    matchers.add(com.google.gson.JsonParser.parseString(json));
    rule.add("matchers", matchers);
    return rule;
  }

  /** The first response of an interaction. */
  public static JsonObject response(JsonObject interaction) {
    return interaction.getAsJsonArray("response").get(0).getAsJsonObject();
  }

  /** Returns the pact as the plugin's pretty JSON text. */
  public static String text(JsonObject pact) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(pact);
  }

  private static JsonObject named(String name) {
    JsonObject object = new JsonObject();
    object.addProperty("name", name);
    return object;
  }
}
