package dev.grpccontract.proto.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares two messages of the same type by protobuf meaning, field by field, and lists every
 * difference with its field path ({@code items[1].sku}, {@code labels["env"]}).
 *
 * <p>Fields are named by their JSON names, the names {@code GrpcResponse.json()} prints. Fields
 * with presence (messages, {@code optional}, oneof members, proto2) differ when one side has them
 * and the other does not ({@code missing}/{@code unexpected}); fields without presence compare
 * their values, so an absent proto3 scalar equals its default. Well-known types ({@code
 * google.protobuf.*}) compare as whole values and print as JSON.
 *
 * <p>Unknown fields (numbers the descriptor does not declare: data of a newer schema, a proto2 enum
 * value the enum lacks, an extension parsed without an extension registry) are compared too, by
 * number and wire value, as ProtoTruth does: a message with an unknown field differs from one
 * without it, unless {@link Settings#ignoringUnknownFields()} is set. Their paths end with the
 * field number ({@code items[0].99}).
 */
public final class MessageDiff {

  /** One difference: a field path and a sentence of what differs there. */
  public static final class Difference {
    private final String path;
    private final String text;

    Difference(String path, String text) {
      this.path = path;
      this.text = text;
    }

    /** Returns the field path, e.g. {@code items[1].sku} or {@code labels["env"]}. */
    public String path() {
      return path;
    }

    /** Returns the line failure messages show: {@code path: what differs}. */
    @Override
    public String toString() {
      return path + ": " + text;
    }
  }

  /**
   * How two messages are compared: the settings of {@code ProtoMessageAssert} ({@code
   * ignoringFields}, {@code ignoringRepeatedFieldOrder}, ...). Immutable; each {@code with} method
   * returns a copy.
   */
  public static final class Settings {

    /**
     * Exact comparison: every field, unknown fields included, repeated fields in order, presence
     * counts.
     */
    public static final Settings DEFAULT = new Draft().build();

    private final Set<String> ignoredPaths;
    private final Set<String> ignoredFields;
    private final boolean anyOrder;
    private final boolean expectedOnly;
    private final boolean ignoreAbsence;
    private final double doubleTolerance;
    private final double floatTolerance;
    private final Function<String, Descriptor> anyTypes;
    private final JsonElement mask;
    private final boolean ignoreUnknown;
    private final boolean anyPrefixIgnored;

    private Settings(Draft draft) {
      this.ignoredPaths = draft.ignoredPaths;
      this.ignoredFields = draft.ignoredFields;
      this.anyOrder = draft.anyOrder;
      this.expectedOnly = draft.expectedOnly;
      this.ignoreAbsence = draft.ignoreAbsence;
      this.doubleTolerance = draft.doubleTolerance;
      this.floatTolerance = draft.floatTolerance;
      this.anyTypes = draft.anyTypes;
      this.mask = draft.mask;
      this.ignoreUnknown = draft.ignoreUnknown;
      this.anyPrefixIgnored = draft.anyPrefixIgnored;
    }

    /** A mutable copy of settings, changed by one wither and turned back into settings. */
    private static final class Draft {
      Set<String> ignoredPaths = Set.of();
      Set<String> ignoredFields = Set.of();
      boolean anyOrder;
      boolean expectedOnly;
      boolean ignoreAbsence;
      double doubleTolerance = -1;
      double floatTolerance = -1;
      Function<String, Descriptor> anyTypes;
      JsonElement mask;
      boolean ignoreUnknown;
      boolean anyPrefixIgnored;

      Draft() {}

      Draft(Settings from) {
        ignoredPaths = from.ignoredPaths;
        ignoredFields = from.ignoredFields;
        anyOrder = from.anyOrder;
        expectedOnly = from.expectedOnly;
        ignoreAbsence = from.ignoreAbsence;
        doubleTolerance = from.doubleTolerance;
        floatTolerance = from.floatTolerance;
        anyTypes = from.anyTypes;
        mask = from.mask;
        ignoreUnknown = from.ignoreUnknown;
        anyPrefixIgnored = from.anyPrefixIgnored;
      }

      Settings build() {
        return new Settings(this);
      }
    }

    /** Returns a copy of these settings with {@code change} applied. */
    private Settings with(java.util.function.Consumer<Draft> change) {
      Draft draft = new Draft(this);
      change.accept(draft);
      return draft.build();
    }

    /**
     * Returns settings that skip the fields at {@code paths}: {@code items.sku} skips {@code sku}
     * of every element of {@code items}; {@code items[0].sku} only that of the first element.
     */
    public Settings ignoringPaths(Collection<String> paths) {
      Set<String> all = new LinkedHashSet<>(ignoredPaths);
      all.addAll(paths);
      return with(d -> d.ignoredPaths = Set.copyOf(all));
    }

    /** Returns settings that skip {@code fields} wherever they occur. */
    public Settings ignoringFields(Collection<FieldDescriptor> fields) {
      Set<String> all = new LinkedHashSet<>(ignoredFields);
      for (FieldDescriptor field : fields) {
        all.add(field.getFullName());
      }
      return with(d -> d.ignoredFields = Set.copyOf(all));
    }

    /** Returns settings that compare repeated fields as multisets, everywhere. */
    public Settings ignoringRepeatedFieldOrder() {
      return with(d -> d.anyOrder = true);
    }

    /** Returns settings that compare only the fields set in the expected message. */
    public Settings comparingExpectedFieldsOnly() {
      return with(d -> d.expectedOnly = true);
    }

    /**
     * Returns settings that skip unknown fields (fields the descriptor does not declare: data of a
     * newer schema, proto2 enum values the enum lacks, extensions parsed without a registry).
     */
    public Settings ignoringUnknownFields() {
      return with(d -> d.ignoreUnknown = true);
    }

    /**
     * Returns settings under which two {@code google.protobuf.Any} values whose type URLs name the
     * same type behind different prefixes ({@code type.googleapis.com/a.B}, {@code
     * example.com/a.B}) are equal when their contents are; by default the URLs must be equal, as in
     * ProtoTruth.
     */
    public Settings ignoringAnyTypeUrlPrefixes() {
      return with(d -> d.anyPrefixIgnored = true);
    }

    /** Returns settings under which an absent field equals the field set to its default. */
    public Settings ignoringFieldAbsence() {
      return with(d -> d.ignoreAbsence = true);
    }

    /** Returns settings under which {@code double} fields equal within {@code tolerance}. */
    public Settings usingDoubleTolerance(double tolerance) {
      return with(d -> d.doubleTolerance = tolerance);
    }

    /** Returns settings under which {@code float} fields equal within {@code tolerance}. */
    public Settings usingFloatTolerance(double tolerance) {
      return with(d -> d.floatTolerance = tolerance);
    }

    /**
     * Returns settings that unpack {@code google.protobuf.Any} fields whose type {@code registry}
     * knows and compare them field by field; {@code null} or empty keeps the current way.
     */
    public Settings unpackingAnyUsing(JsonFormat.TypeRegistry registry) {
      if (registry == null || registry == JsonFormat.TypeRegistry.getEmptyTypeRegistry()) {
        return this;
      }
      return unpackingAnyUsing(registry::find);
    }

    /** Returns settings that unpack {@code Any} fields with the types {@code find} returns. */
    public Settings unpackingAnyUsing(Function<String, Descriptor> find) {
      return with(d -> d.anyTypes = find);
    }

    /**
     * Returns settings that compare only the fields present in {@code json}, the JSON the expected
     * message was parsed from (a partial match).
     */
    public Settings comparingFieldsOf(JsonElement json) {
      return with(d -> d.mask = json);
    }

    /**
     * Returns the settings without the ignored paths, which are relative to the root message, for
     * comparing a value found deeper.
     */
    public Settings withoutPaths() {
      return ignoredPaths.isEmpty() ? this : with(d -> d.ignoredPaths = Set.of());
    }

    /** Returns the settings without the JSON mask of {@link #comparingFieldsOf}. */
    Settings withoutMask() {
      return mask == null ? this : with(d -> d.mask = null);
    }

    /**
     * Returns the line failure messages add to say how messages were compared, starting with a line
     * break; empty for the exact comparison.
     */
    public String describe() {
      List<String> parts = new ArrayList<>();
      if (!ignoredPaths.isEmpty()) {
        parts.add("ignoring fields " + new java.util.TreeSet<>(ignoredPaths));
      }
      if (!ignoredFields.isEmpty()) {
        parts.add("ignoring field descriptors " + new java.util.TreeSet<>(ignoredFields));
      }
      if (anyOrder) {
        parts.add("ignoring repeated field order");
      }
      if (expectedOnly) {
        parts.add("comparing expected fields only");
      }
      if (ignoreAbsence) {
        parts.add("ignoring field absence");
      }
      if (ignoreUnknown) {
        parts.add("ignoring unknown fields");
      }
      if (anyPrefixIgnored) {
        parts.add("ignoring Any type URL prefixes");
      }
      if (doubleTolerance >= 0) {
        parts.add("double tolerance " + doubleTolerance);
      }
      if (floatTolerance >= 0) {
        parts.add("float tolerance " + (float) floatTolerance);
      }
      return parts.isEmpty() ? "" : "\ncompared " + String.join(", ", parts);
    }

    boolean ignores(FieldDescriptor field, String path) {
      return ignoredFields.contains(field.getFullName())
          || ignoredPaths.contains(path)
          || ignoredPaths.contains(withoutIndexes(path));
    }

    private static String withoutIndexes(String path) {
      StringBuilder out = new StringBuilder(path.length());
      boolean inQuotes = false;
      int depth = 0;
      for (int i = 0; i < path.length(); i++) {
        char c = path.charAt(i);
        if (depth == 0 && c == '[' && (i == 0 || path.charAt(i - 1) == '.')) {
          // An extension's name, [pkg.ext], is a field name, not an index: keep it.
          int close = path.indexOf(']', i);
          int end = close < 0 ? path.length() : close + 1;
          out.append(path, i, end);
          i = end - 1;
        } else if (depth > 0) {
          if (c == '\\' && inQuotes) {
            i++;
          } else if (c == '"') {
            inQuotes = !inQuotes;
          } else if (c == ']' && !inQuotes) {
            depth--;
          }
        } else if (c == '[') {
          depth++;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }

  private static final String ANY = "google.protobuf.Any";

  private final List<Difference> differences = new ArrayList<>();
  private final Settings settings;

  /** With {@code comparingExpectedFieldsOnly}: what to compare in the current message. */
  private Scope scope;

  private MessageDiff(Settings settings) {
    this.settings = settings;
  }

  /** Returns a diff for comparing a part of the current values, in the same scope. */
  private MessageDiff inner() {
    MessageDiff inner = new MessageDiff(settings);
    inner.scope = scope;
    return inner;
  }

  /**
   * Returns the differences between {@code expected} and {@code actual}, empty when they are equal
   * by protobuf meaning.
   *
   * @throws IllegalArgumentException when the messages are of different types
   */
  public static List<Difference> compare(Message expected, Message actual) {
    return compare(expected, actual, Settings.DEFAULT);
  }

  /**
   * Returns the differences between {@code expected} and {@code actual} under {@code settings},
   * empty when they are equal.
   *
   * @throws IllegalArgumentException when the messages are of different types
   */
  public static List<Difference> compare(Message expected, Message actual, Settings settings) {
    Descriptor type = actual.getDescriptorForType();
    if (!expected.getDescriptorForType().getFullName().equals(type.getFullName())) {
      throw new IllegalArgumentException(
          "Cannot compare a "
              + expected.getDescriptorForType().getFullName()
              + " with a "
              + type.getFullName());
    }
    Message sameType = sameDescriptor(expected, type);
    MessageDiff diff = new MessageDiff(settings);
    if (settings.expectedOnly) {
      diff.scope = new Scope();
      diff.scope.add(sameType, settings.anyTypes);
      diff.scope.addAnyContent(sameType, settings.anyTypes);
    }
    if (!type.getFullName().equals(ANY) || !diff.compareAny("", sameType, actual)) {
      diff.compareMessages("", sameType, actual, settings.mask);
    }
    return Collections.unmodifiableList(diff.differences);
  }

  /**
   * Re-reads {@code message} with {@code type} when it was built from another descriptor instance
   * of the same message, so that field descriptors of {@code type} read it.
   */
  private static Message sameDescriptor(Message message, Descriptor type) {
    if (message.getDescriptorForType() == type) {
      return message;
    }
    try {
      return DynamicMessage.parseFrom(type, message.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "Cannot read a " + type.getFullName() + " as another copy of its type", e);
    }
  }

  /** Returns the member of a JSON object mask for {@code field}, or null when it has none. */
  private static JsonElement maskOf(JsonElement mask, FieldDescriptor field) {
    JsonObject object = mask.getAsJsonObject();
    if (object.has(field.getJsonName())) {
      return object.get(field.getJsonName());
    }
    return object.get(field.getName());
  }

  private void compareMessages(String path, Message expected, Message actual, JsonElement mask) {
    boolean masked = mask != null && mask.isJsonObject();
    for (FieldDescriptor field : fieldsOf(expected, actual)) {
      String name = field.isExtension() ? "[" + field.getFullName() + "]" : field.getJsonName();
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      if (settings.ignores(field, fieldPath)) {
        continue;
      }
      JsonElement fieldMask = null;
      if (masked) {
        fieldMask = maskOf(mask, field);
        if (fieldMask == null) {
          continue;
        }
      }
      Scope outer = scope;
      if (outer != null) {
        scope = outer.fields.get(field.getFullName());
        if (scope == null) {
          scope = outer;
          continue;
        }
      }
      try {
        compareField(fieldPath, field, expected, actual, fieldMask);
      } finally {
        scope = outer;
      }
    }
    // Ignoring field absence, ProtoTruth does not compare unknown fields at all.
    if (!masked && !settings.ignoreUnknown && !settings.ignoreAbsence) {
      compareUnknownFields(path, expected.getUnknownFields(), actual.getUnknownFields());
    }
  }

  private void compareField(
      String fieldPath,
      FieldDescriptor field,
      Message expected,
      Message actual,
      JsonElement fieldMask) {
    if (field.isMapField()) {
      compareMaps(fieldPath, field, expected, actual, fieldMask);
    } else if (field.isRepeated()) {
      compareLists(fieldPath, field, expected, actual, fieldMask);
    } else if (field.hasPresence() && !settings.ignoreAbsence) {
      boolean expectedHas = expected.hasField(field);
      boolean actualHas = actual.hasField(field);
      if (expectedHas && actualHas) {
        compareValues(
            fieldPath, field, expected.getField(field), actual.getField(field), fieldMask);
      } else if (expectedHas) {
        missing(fieldPath, field, expected.getField(field));
      } else if (actualHas) {
        unexpected(fieldPath, field, actual.getField(field));
      }
    } else if (!field.hasPresence() || expected.hasField(field) || actual.hasField(field)) {
      // Ignoring absence: an absent side reads as the default; both absent are equal.
      compareValues(fieldPath, field, expected.getField(field), actual.getField(field), fieldMask);
    }
  }

  /**
   * Compares the unknown fields of two messages by number, as ProtoTruth does: a number only one
   * side has is missing or unexpected (skipped when comparing expected fields only if the expected
   * lacks it); a number both have differs when its values do.
   */
  private void compareUnknownFields(String path, UnknownFieldSet expected, UnknownFieldSet actual) {
    Set<Integer> numbers = new java.util.TreeSet<>(expected.asMap().keySet());
    numbers.addAll(actual.asMap().keySet());
    for (int number : numbers) {
      UnknownFieldSet.Field expectedField = expected.getField(number);
      UnknownFieldSet.Field actualField = actual.getField(number);
      boolean expectedHas = expected.hasField(number);
      boolean actualHas = actual.hasField(number);
      String fieldPath = path.isEmpty() ? String.valueOf(number) : path + "." + number;
      if (scope != null && !scope.unknown.contains(number)) {
        continue;
      }
      if (!actualHas) {
        differences.add(
            new Difference(
                fieldPath, "missing unknown field (expected " + showUnknown(expectedField) + ")"));
      } else if (!expectedHas) {
        differences.add(
            new Difference(
                fieldPath, "unexpected unknown field (was " + showUnknown(actualField) + ")"));
      } else if (!expectedField.equals(actualField)) {
        differences.add(
            new Difference(
                fieldPath,
                "unknown field: expected "
                    + showUnknown(expectedField)
                    + " but was "
                    + showUnknown(actualField)));
      }
    }
  }

  /** Returns the values of an unknown field by wire type: {@code varint 5}, {@code bytes "..."}. */
  private static String showUnknown(UnknownFieldSet.Field field) {
    List<String> values = new ArrayList<>();
    field.getVarintList().forEach(v -> values.add("varint " + v));
    field.getFixed32List().forEach(v -> values.add("fixed32 " + v));
    field.getFixed64List().forEach(v -> values.add("fixed64 " + v));
    field
        .getLengthDelimitedList()
        .forEach(v -> values.add("bytes " + ProtoJson.quote(ProtoJson.base64(v))));
    field
        .getGroupList()
        .forEach(v -> values.add("group {" + v.toString().trim().replace('\n', ' ') + "}"));
    return String.join(", ", values);
  }

  /**
   * The fields {@code comparingExpectedFieldsOnly} compares, as ProtoTruth scopes them: the fields
   * set in the expected message, and below each message field the union of the fields set in every
   * expected value of it (every element of a repeated field, every value of a map, the content of
   * an {@code Any}). So a field set in one expected element is compared in all of them.
   */
  private static final class Scope {
    final Map<String, Scope> fields = new java.util.HashMap<>();
    final Set<Integer> unknown = new java.util.HashSet<>();

    void add(Message message, Function<String, Descriptor> anyTypes) {
      unknown.addAll(message.getUnknownFields().asMap().keySet());
      for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
        FieldDescriptor field = entry.getKey();
        Scope child = fields.computeIfAbsent(field.getFullName(), k -> new Scope());
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
          continue;
        }
        List<?> values =
            field.isRepeated() ? (List<?>) entry.getValue() : List.of(entry.getValue());
        for (Object value : values) {
          Message message1 = (Message) value;
          if (field.isMapField()) {
            Object mapValue =
                message1.getField(message1.getDescriptorForType().findFieldByNumber(2));
            if (mapValue instanceof Message) {
              child.add((Message) mapValue, anyTypes);
            }
          } else {
            child.add(message1, anyTypes);
            child.addAnyContent(message1, anyTypes);
          }
        }
      }
    }

    /** Adds the fields of an {@code Any}'s content, when {@code anyTypes} knows its type. */
    void addAnyContent(Message any, Function<String, Descriptor> anyTypes) {
      if (anyTypes == null || !any.getDescriptorForType().getFullName().equals(ANY)) {
        return;
      }
      Descriptor anyType = any.getDescriptorForType();
      try {
        Descriptor type =
            anyTypes.apply(typeName((String) any.getField(anyType.findFieldByNumber(1))));
        if (type != null) {
          add(
              DynamicMessage.parseFrom(
                  type, (ByteString) any.getField(anyType.findFieldByNumber(2))),
              anyTypes);
        }
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        // Not unpacked: the Any compares by its own fields.
      }
    }
  }

  /** Returns the type's fields in declaration order, then any extensions either message has. */
  private static List<FieldDescriptor> fieldsOf(Message expected, Message actual) {
    List<FieldDescriptor> fields = new ArrayList<>(actual.getDescriptorForType().getFields());
    Set<FieldDescriptor> extensions = new LinkedHashSet<>();
    for (FieldDescriptor field : expected.getAllFields().keySet()) {
      if (field.isExtension()) {
        extensions.add(field);
      }
    }
    for (FieldDescriptor field : actual.getAllFields().keySet()) {
      if (field.isExtension()) {
        extensions.add(field);
      }
    }
    fields.addAll(extensions);
    return fields;
  }

  private void compareLists(
      String path, FieldDescriptor field, Message expected, Message actual, JsonElement mask) {
    int expectedCount = expected.getRepeatedFieldCount(field);
    int actualCount = actual.getRepeatedFieldCount(field);
    JsonArray elementMasks = mask != null && mask.isJsonArray() ? mask.getAsJsonArray() : null;
    if (settings.anyOrder) {
      compareUnordered(path, field, expected, actual, elementMasks);
      return;
    }
    for (int i = 0; i < Math.max(expectedCount, actualCount); i++) {
      String elementPath = path + "[" + i + "]";
      if (settings.ignores(field, elementPath)) {
        continue;
      }
      if (i >= actualCount) {
        missing(elementPath, field, expected.getRepeatedField(field, i));
      } else if (i >= expectedCount) {
        unexpected(elementPath, field, actual.getRepeatedField(field, i));
      } else {
        compareValues(
            elementPath,
            field,
            expected.getRepeatedField(field, i),
            actual.getRepeatedField(field, i),
            elementMasks != null && i < elementMasks.size() ? elementMasks.get(i) : null);
      }
    }
  }

  /**
   * Pairs expected and actual elements so that as many as possible are equal (a maximum bipartite
   * matching), then reports the expected elements left without a partner as missing and the actual
   * ones as unexpected.
   */
  private void compareUnordered(
      String path, FieldDescriptor field, Message expected, Message actual, JsonArray masks) {
    int expectedCount = expected.getRepeatedFieldCount(field);
    int actualCount = actual.getRepeatedFieldCount(field);
    boolean[][] equal = new boolean[expectedCount][actualCount];
    for (int i = 0; i < expectedCount; i++) {
      for (int j = 0; j < actualCount; j++) {
        MessageDiff inner = inner();
        inner.compareValues(
            path,
            field,
            expected.getRepeatedField(field, i),
            actual.getRepeatedField(field, j),
            masks != null && i < masks.size() ? masks.get(i) : null);
        equal[i][j] = inner.differences.isEmpty();
      }
    }
    int[] partnerOfActual = new int[actualCount];
    Arrays.fill(partnerOfActual, -1);
    boolean[] matched = new boolean[expectedCount];
    for (int i = 0; i < expectedCount; i++) {
      matched[i] = augment(i, equal, partnerOfActual, new boolean[actualCount]);
    }
    for (int i = 0; i < expectedCount; i++) {
      if (!matched[i]) {
        differences.add(
            new Difference(
                path + "[" + i + "]",
                "missing in any order (expected "
                    + show(field, expected.getRepeatedField(field, i))
                    + ")"));
      }
    }
    for (int j = 0; j < actualCount; j++) {
      if (partnerOfActual[j] < 0) {
        differences.add(
            new Difference(
                path + "[" + j + "]",
                "unexpected in any order (was "
                    + show(field, actual.getRepeatedField(field, j))
                    + ")"));
      }
    }
  }

  private static boolean augment(
      int expected, boolean[][] equal, int[] partnerOfActual, boolean[] visited) {
    for (int j = 0; j < partnerOfActual.length; j++) {
      if (equal[expected][j] && !visited[j]) {
        visited[j] = true;
        if (partnerOfActual[j] < 0
            || augment(partnerOfActual[j], equal, partnerOfActual, visited)) {
          partnerOfActual[j] = expected;
          return true;
        }
      }
    }
    return false;
  }

  private void compareMaps(
      String path, FieldDescriptor field, Message expected, Message actual, JsonElement mask) {
    FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
    if (settings.ignoredFields.contains(valueField.getFullName())) {
      // As in ProtoTruth: with the value ignored, no entry has anything left to compare.
      return;
    }
    Map<Object, Object> expectedEntries = entries(field, expected);
    Map<Object, Object> actualEntries = entries(field, actual);
    Set<Object> keys = new LinkedHashSet<>(expectedEntries.keySet());
    keys.addAll(actualEntries.keySet());
    JsonObject entryMasks = mask != null && mask.isJsonObject() ? mask.getAsJsonObject() : null;
    for (Object key : keys) {
      String entryPath = path + "[" + mapKey(key) + "]";
      JsonElement entryMask = null;
      if (entryMasks != null) {
        entryMask = entryMasks.get(String.valueOf(key));
        if (entryMask == null) {
          continue;
        }
      }
      // As in ProtoTruth, comparing expected fields only does not skip keys only the actual has.
      if (settings.ignores(field, entryPath)) {
        continue;
      }
      if (!actualEntries.containsKey(key)) {
        missing(entryPath, valueField, expectedEntries.get(key));
      } else if (!expectedEntries.containsKey(key)) {
        unexpected(entryPath, valueField, actualEntries.get(key));
      } else {
        compareValues(
            entryPath, valueField, expectedEntries.get(key), actualEntries.get(key), entryMask);
      }
    }
  }

  private static Map<Object, Object> entries(FieldDescriptor field, Message message) {
    Map<Object, Object> entries = new LinkedHashMap<>();
    int count = message.getRepeatedFieldCount(field);
    for (int i = 0; i < count; i++) {
      Message entry = (Message) message.getRepeatedField(field, i);
      Descriptor entryType = entry.getDescriptorForType();
      entries.put(
          entry.getField(entryType.findFieldByNumber(1)),
          entry.getField(entryType.findFieldByNumber(2)));
    }
    return entries;
  }

  private static String mapKey(Object key) {
    return key instanceof String ? ProtoJson.quote((String) key) : String.valueOf(key);
  }

  private void compareValues(
      String path, FieldDescriptor field, Object expected, Object actual, JsonElement mask) {
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      if (!sameValue(field, expected, actual)) {
        differ(path, field, expected, actual);
      }
      return;
    }
    Message expectedMessage = (Message) expected;
    Message actualMessage = (Message) actual;
    if (field.getMessageType().getFullName().equals(ANY)
        && compareAny(path, expectedMessage, actualMessage)) {
      return;
    }
    if (isWellKnown(field)) {
      // Well-known types print as JSON values; report them as one difference, not by inner field.
      // Compared under their own path, so that ignoringFields("createdAt.nanos") applies.
      MessageDiff inner = inner();
      inner.compareMessages(path, expectedMessage, actualMessage, null);
      if (!inner.differences.isEmpty()) {
        differ(path, field, expected, actual);
      }
      return;
    }
    compareMessages(path, expectedMessage, actualMessage, mask);
  }

  /**
   * Compares two {@code Any} values by their unpacked content when the settings can resolve the
   * type and both hold the same type, and their type URLs (which must be equal unless the settings
   * ignore their prefixes); returns false when it cannot, so they compare as messages.
   */
  private boolean compareAny(String path, Message expected, Message actual) {
    Descriptor anyType = expected.getDescriptorForType();
    FieldDescriptor typeUrl = anyType.findFieldByNumber(1);
    FieldDescriptor value = anyType.findFieldByNumber(2);
    String expectedUrl = (String) expected.getField(typeUrl);
    String actualUrl = (String) actual.getField(typeUrl);
    String expectedType = typeName(expectedUrl);
    String actualType = typeName(actualUrl);
    if (expectedType.isEmpty() || !expectedType.equals(actualType)) {
      return false;
    }
    Descriptor type = null;
    if (settings.anyTypes != null) {
      try {
        type = settings.anyTypes.apply(expectedType);
      } catch (RuntimeException e) {
        type = null;
      }
    }
    String urlPath = path.isEmpty() ? typeUrl.getJsonName() : path + "." + typeUrl.getJsonName();
    if (type == null) {
      if (!settings.anyPrefixIgnored || expectedUrl.equals(actualUrl)) {
        return false;
      }
      // Same type name behind other prefixes, not unpacked: compare the packed bytes.
      String valuePath = path.isEmpty() ? value.getJsonName() : path + "." + value.getJsonName();
      if (!settings.ignores(value, valuePath)
          && !expected.getField(value).equals(actual.getField(value))) {
        differ(valuePath, value, expected.getField(value), actual.getField(value));
      }
      return true;
    }
    Message expectedContent;
    Message actualContent;
    try {
      expectedContent = DynamicMessage.parseFrom(type, (ByteString) expected.getField(value));
      actualContent = DynamicMessage.parseFrom(type, (ByteString) actual.getField(value));
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
    if (!expectedUrl.equals(actualUrl)
        && !settings.anyPrefixIgnored
        && !settings.ignores(typeUrl, urlPath)) {
      differ(urlPath, typeUrl, expectedUrl, actualUrl);
    }
    compareMessages(path, expectedContent, actualContent, null);
    return true;
  }

  private static String typeName(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
  }

  private boolean sameValue(FieldDescriptor field, Object expected, Object actual) {
    switch (field.getJavaType()) {
      case ENUM:
        return ((EnumValueDescriptor) expected).getNumber()
            == ((EnumValueDescriptor) actual).getNumber();
      case DOUBLE:
        return settings.doubleTolerance >= 0
            ? fuzzyEquals((Double) expected, (Double) actual, settings.doubleTolerance)
            : Objects.equals(expected, actual);
      case FLOAT:
        return settings.floatTolerance >= 0
            ? fuzzyEquals((Float) expected, (Float) actual, settings.floatTolerance)
            : Objects.equals(expected, actual);
      default:
        return Objects.equals(expected, actual);
    }
  }

  /** As ProtoTruth (Truth's tolerance): NaN and infinities never equal within a tolerance. */
  private static boolean fuzzyEquals(double a, double b, double tolerance) {
    return Math.abs(a - b) <= tolerance;
  }

  private void differ(String path, FieldDescriptor field, Object expected, Object actual) {
    differences.add(
        new Difference(
            path, "expected " + show(field, expected) + " but was " + show(field, actual)));
  }

  private void missing(String path, FieldDescriptor field, Object expected) {
    differences.add(new Difference(path, "missing (expected " + show(field, expected) + ")"));
  }

  private void unexpected(String path, FieldDescriptor field, Object actual) {
    differences.add(new Difference(path, "unexpected (was " + show(field, actual) + ")"));
  }

  private static boolean isWellKnown(FieldDescriptor field) {
    return field.getMessageType().getFullName().startsWith("google.protobuf.");
  }

  /** Returns how a field value prints in a difference: JSON-like. */
  static String show(FieldDescriptor field, Object value) {
    switch (field.getJavaType()) {
      case STRING:
        return ProtoJson.quote((String) value);
      case BYTE_STRING:
        return ProtoJson.quote(ProtoJson.base64((ByteString) value));
      case ENUM:
        return ((EnumValueDescriptor) value).getName();
      case MESSAGE:
        return ProtoJson.compact((Message) value);
      default:
        return String.valueOf(value);
    }
  }
}
