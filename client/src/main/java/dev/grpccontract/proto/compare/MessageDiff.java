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
    private final Selector anyOrder;
    private final Selector extraElements;
    private final boolean expectedOnly;
    private final Selector ignoreAbsence;
    private final List<Tolerance> doubleTolerances;
    private final List<Tolerance> floatTolerances;
    private final Function<String, Descriptor> anyTypes;
    private final JsonElement mask;
    private final boolean ignoreUnknown;
    private final boolean anyPrefixIgnored;
    private final Selector only;

    private Settings(Draft draft) {
      this.ignoredPaths = draft.ignoredPaths;
      this.ignoredFields = draft.ignoredFields;
      this.anyOrder = draft.anyOrder;
      this.extraElements = draft.extraElements;
      this.expectedOnly = draft.expectedOnly;
      this.ignoreAbsence = draft.ignoreAbsence;
      this.doubleTolerances = draft.doubleTolerances;
      this.floatTolerances = draft.floatTolerances;
      this.anyTypes = draft.anyTypes;
      this.mask = draft.mask;
      this.ignoreUnknown = draft.ignoreUnknown;
      this.anyPrefixIgnored = draft.anyPrefixIgnored;
      this.only = draft.only;
    }

    /** A mutable copy of settings, changed by one wither and turned back into settings. */
    private static final class Draft {
      Set<String> ignoredPaths = Set.of();
      Set<String> ignoredFields = Set.of();
      Selector anyOrder = Selector.NONE;
      Selector extraElements = Selector.NONE;
      boolean expectedOnly;
      Selector ignoreAbsence = Selector.NONE;
      List<Tolerance> doubleTolerances = List.of();
      List<Tolerance> floatTolerances = List.of();
      Function<String, Descriptor> anyTypes;
      JsonElement mask;
      boolean ignoreUnknown;
      boolean anyPrefixIgnored;
      Selector only;

      Draft() {}

      Draft(Settings from) {
        ignoredPaths = from.ignoredPaths;
        ignoredFields = from.ignoredFields;
        anyOrder = from.anyOrder;
        extraElements = from.extraElements;
        expectedOnly = from.expectedOnly;
        ignoreAbsence = from.ignoreAbsence;
        doubleTolerances = from.doubleTolerances;
        floatTolerances = from.floatTolerances;
        anyTypes = from.anyTypes;
        mask = from.mask;
        ignoreUnknown = from.ignoreUnknown;
        anyPrefixIgnored = from.anyPrefixIgnored;
        only = from.only;
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
      return with(d -> d.anyOrder = Selector.ALL);
    }

    /**
     * Returns settings that compare as multisets the repeated fields at {@code paths} (written as
     * for {@link #ignoringPaths}) and the repeated {@code fields} wherever they occur.
     */
    public Settings ignoringRepeatedFieldOrderOf(
        Collection<String> paths, Collection<FieldDescriptor> fields) {
      return with(d -> d.anyOrder = d.anyOrder.plus(paths, fields));
    }

    /**
     * Returns settings under which the actual message may have repeated elements and map entries
     * the expected lacks, everywhere: each expected element must have its own equal actual element,
     * in the same relative order unless the order is ignored too, and each expected map key must be
     * present with an equal value.
     */
    public Settings ignoringExtraRepeatedFieldElements() {
      return with(d -> d.extraElements = Selector.ALL);
    }

    /**
     * Returns settings that allow extra elements (entries) as {@link
     * #ignoringExtraRepeatedFieldElements()} does, in the repeated and map fields at {@code paths}
     * and in {@code fields} wherever they occur.
     */
    public Settings ignoringExtraRepeatedFieldElementsOf(
        Collection<String> paths, Collection<FieldDescriptor> fields) {
      return with(d -> d.extraElements = d.extraElements.plus(paths, fields));
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

    /**
     * Returns settings that compare only the fields at {@code paths} (written as for {@link
     * #ignoringPaths}) and {@code fields} wherever they occur, each with everything inside it, as
     * ProtoTruth's {@code withPartialScope(FieldScopes.allowingFields...)}; repeated calls add
     * fields. The messages on the way to those fields are compared only for them: an absent one
     * reads as its default, and an element or entry only one side has counts only when it holds
     * such a field with a non-default value.
     */
    public Settings comparingOnly(Collection<String> paths, Collection<FieldDescriptor> fields) {
      return with(d -> d.only = (d.only == null ? Selector.NONE : d.only).plus(paths, fields));
    }

    /** Returns settings under which an absent field equals the field set to its default. */
    public Settings ignoringFieldAbsence() {
      return with(d -> d.ignoreAbsence = Selector.ALL);
    }

    /**
     * Returns settings under which the fields at {@code paths}, and {@code fields} wherever they
     * occur, equal their default value when absent (the fields themselves, not the fields inside
     * them).
     */
    public Settings ignoringFieldAbsenceOf(
        Collection<String> paths, Collection<FieldDescriptor> fields) {
      return with(d -> d.ignoreAbsence = d.ignoreAbsence.plus(paths, fields));
    }

    /** Returns settings under which {@code double} fields equal within {@code tolerance}. */
    public Settings usingDoubleTolerance(double tolerance) {
      return usingDoubleToleranceFor(tolerance, null, null);
    }

    /**
     * Returns settings under which the {@code double} fields at {@code paths}, and {@code fields}
     * wherever they occur, equal within {@code tolerance}; {@code null} for both means every double
     * field. The tolerance given last wins where several apply.
     */
    public Settings usingDoubleToleranceFor(
        double tolerance, Collection<String> paths, Collection<FieldDescriptor> fields) {
      Tolerance added = new Tolerance(Selector.of(paths, fields), tolerance);
      return with(d -> d.doubleTolerances = append(d.doubleTolerances, added));
    }

    /** Returns settings under which {@code float} fields equal within {@code tolerance}. */
    public Settings usingFloatTolerance(double tolerance) {
      return usingFloatToleranceFor(tolerance, null, null);
    }

    /** As {@link #usingDoubleToleranceFor}, for {@code float} fields. */
    public Settings usingFloatToleranceFor(
        double tolerance, Collection<String> paths, Collection<FieldDescriptor> fields) {
      Tolerance added = new Tolerance(Selector.of(paths, fields), tolerance);
      return with(d -> d.floatTolerances = append(d.floatTolerances, added));
    }

    private static List<Tolerance> append(List<Tolerance> list, Tolerance added) {
      List<Tolerance> all = new ArrayList<>(list);
      all.add(added);
      return List.copyOf(all);
    }

    /** Returns the tolerance for {@code field} at {@code path}, or -1 for exact equality. */
    private static double tolerance(
        List<Tolerance> tolerances, FieldDescriptor field, String path) {
      for (int i = tolerances.size() - 1; i >= 0; i--) {
        if (tolerances.get(i).where.matches(field, path)) {
          return tolerances.get(i).value;
        }
      }
      return -1;
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
      if (only != null) {
        only.describe("only", "only fields ", "only field descriptors ", parts);
      }
      anyOrder.describe("ignoring repeated field order", parts);
      extraElements.describe("ignoring extra repeated field elements", parts);
      if (expectedOnly) {
        parts.add("comparing expected fields only");
      }
      ignoreAbsence.describe("ignoring field absence", parts);
      if (ignoreUnknown) {
        parts.add("ignoring unknown fields");
      }
      if (anyPrefixIgnored) {
        parts.add("ignoring Any type URL prefixes");
      }
      for (Tolerance tolerance : doubleTolerances) {
        tolerance.where.describe("double tolerance " + tolerance.value, parts);
      }
      for (Tolerance tolerance : floatTolerances) {
        tolerance.where.describe("float tolerance " + (float) tolerance.value, parts);
      }
      return parts.isEmpty() ? "" : "\ncompared " + String.join(", ", parts);
    }

    boolean ignores(FieldDescriptor field, String path) {
      return ignoredFields.contains(field.getFullName())
          || ignoredPaths.contains(path)
          || ignoredPaths.contains(withoutIndexes(path));
    }

    /** Fields a setting applies to: all, or some by path and by descriptor. */
    static final class Selector {
      static final Selector NONE = new Selector(false, Set.of(), Set.of(), Set.of());
      static final Selector ALL = new Selector(true, Set.of(), Set.of(), Set.of());

      final boolean all;
      final Set<String> paths;
      final Set<String> fields;

      /** The full names of the message types that declare (or extend with) {@link #fields}. */
      final Set<String> containers;

      Selector(boolean all, Set<String> paths, Set<String> fields, Set<String> containers) {
        this.all = all;
        this.paths = paths;
        this.fields = fields;
        this.containers = containers;
      }

      /** Returns the selector of {@code paths} and {@code fields}; all when both are null. */
      static Selector of(Collection<String> paths, Collection<FieldDescriptor> fields) {
        return paths == null && fields == null ? ALL : NONE.plus(paths, fields);
      }

      Selector plus(Collection<String> morePaths, Collection<FieldDescriptor> moreFields) {
        if (all) {
          return this;
        }
        Set<String> allPaths = new LinkedHashSet<>(paths);
        if (morePaths != null) {
          allPaths.addAll(morePaths);
        }
        Set<String> allFields = new LinkedHashSet<>(fields);
        Set<String> allContainers = new LinkedHashSet<>(containers);
        if (moreFields != null) {
          for (FieldDescriptor field : moreFields) {
            allFields.add(field.getFullName());
            allContainers.add(field.getContainingType().getFullName());
          }
        }
        return new Selector(
            false, Set.copyOf(allPaths), Set.copyOf(allFields), Set.copyOf(allContainers));
      }

      boolean matches(FieldDescriptor field, String path) {
        return all
            || fields.contains(field.getFullName())
            || paths.contains(path)
            || paths.contains(withoutIndexes(path));
      }

      void describe(String what, List<String> parts) {
        describe(what, what + " of ", what + " of field descriptors ", parts);
      }

      void describe(String whatAll, String forPaths, String forFields, List<String> parts) {
        if (all) {
          parts.add(whatAll);
          return;
        }
        if (!paths.isEmpty()) {
          parts.add(forPaths + new java.util.TreeSet<>(paths));
        }
        if (!fields.isEmpty()) {
          parts.add(forFields + new java.util.TreeSet<>(fields));
        }
      }
    }

    /** A tolerance and the fields it applies to. */
    private static final class Tolerance {
      final Selector where;
      final double value;

      Tolerance(Selector where, double value) {
        this.where = where;
        this.value = value;
      }
    }

    static String withoutIndexes(String path) {
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

  /**
   * Whether the current values are compared whole: always without {@code comparingOnly}, and with
   * it inside a selected field; otherwise only the ways to selected fields are compared.
   */
  private boolean whole;

  /** With {@code comparingOnly}: whether a message type has selected fields at some depth. */
  private final Map<String, Boolean> leadsToSelected;

  private MessageDiff(Settings settings) {
    this.settings = settings;
    this.whole = settings.only == null;
    this.leadsToSelected = new java.util.HashMap<>();
  }

  private MessageDiff(MessageDiff outer) {
    this.settings = outer.settings;
    this.scope = outer.scope;
    this.whole = outer.whole;
    this.leadsToSelected = outer.leadsToSelected;
  }

  /** Returns a diff for comparing a part of the current values, in the same scope. */
  private MessageDiff inner() {
    return new MessageDiff(this);
  }

  /**
   * With {@code comparingOnly}, outside selected fields: whether {@code field} at {@code path}
   * leads to selected fields, by a selected path below it or a message type that declares a
   * selected field.
   */
  private boolean leadsToSelected(FieldDescriptor field, String path) {
    Settings.Selector only = settings.only;
    String bare = Settings.withoutIndexes(path);
    for (String selected : only.paths) {
      if (selected.startsWith(path + ".")
          || selected.startsWith(path + "[")
          || Settings.withoutIndexes(selected).startsWith(bare + ".")) {
        return true;
      }
    }
    FieldDescriptor valueField =
        field.isMapField() ? field.getMessageType().findFieldByNumber(2) : field;
    if (valueField.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return false;
    }
    // An Any's content may hold selected fields, as in ProtoTruth, which unpacks it.
    return (settings.anyTypes != null && valueField.getMessageType().getFullName().equals(ANY))
        || reaches(valueField.getMessageType(), new java.util.HashSet<>());
  }

  private boolean reaches(Descriptor type, Set<String> visiting) {
    Boolean known = leadsToSelected.get(type.getFullName());
    if (known != null) {
      return known;
    }
    if (!visiting.add(type.getFullName())) {
      return false;
    }
    boolean reaches = settings.only.containers.contains(type.getFullName());
    for (FieldDescriptor field : type.getFields()) {
      if (reaches) {
        break;
      }
      FieldDescriptor valueField =
          field.isMapField() ? field.getMessageType().findFieldByNumber(2) : field;
      reaches =
          valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
              && reaches(valueField.getMessageType(), visiting);
    }
    visiting.remove(type.getFullName());
    if (reaches || visiting.isEmpty()) {
      leadsToSelected.put(type.getFullName(), reaches);
    }
    return reaches;
  }

  /** Returns whether {@code value} of message {@code field} has selected content, not default. */
  private boolean hasSelectedContent(String path, FieldDescriptor field, Object value) {
    if (whole) {
      return true;
    }
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return false;
    }
    MessageDiff inner = inner();
    inner.compareMessages(
        path, DynamicMessage.getDefaultInstance(field.getMessageType()), (Message) value, null);
    return !inner.differences.isEmpty();
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
      boolean partial = false;
      if (!whole && !settings.only.matches(field, fieldPath)) {
        if (!leadsToSelected(field, fieldPath)) {
          continue;
        }
        partial = true;
      }
      Scope outer = scope;
      if (outer != null) {
        scope = outer.fields.get(field.getFullName());
        if (scope == null) {
          scope = outer;
          continue;
        }
      }
      boolean outerWhole = whole;
      whole = !partial;
      try {
        if (partial && !field.isRepeated()) {
          // On the way to selected fields: an absent message reads as its default (and two
          // absent ones are equal, which also ends recursive types).
          if (expected.hasField(field) || actual.hasField(field)) {
            compareValues(
                fieldPath, field, expected.getField(field), actual.getField(field), fieldMask);
          }
        } else {
          compareField(fieldPath, field, expected, actual, fieldMask);
        }
      } finally {
        scope = outer;
        whole = outerWhole;
      }
    }
    // Ignoring field absence, ProtoTruth does not compare unknown fields at all.
    if (whole && !masked && !settings.ignoreUnknown && !settings.ignoreAbsence.all) {
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
    } else if (field.hasPresence() && !settings.ignoreAbsence.matches(field, fieldPath)) {
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
    boolean extra = settings.extraElements.matches(field, path);
    if (settings.anyOrder.matches(field, path)) {
      compareUnordered(path, field, expected, actual, elementMasks, extra);
      return;
    }
    if (extra) {
      compareInOrderAmongExtras(path, field, expected, actual, elementMasks);
      return;
    }
    for (int i = 0; i < Math.max(expectedCount, actualCount); i++) {
      String elementPath = path + "[" + i + "]";
      if (settings.ignores(field, elementPath)) {
        continue;
      }
      boolean outerWhole = whole;
      if (!whole && settings.only.matches(field, elementPath)) {
        whole = true;
      } else if (!whole && field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      try {
        compareElement(elementPath, field, expected, actual, i, elementMasks);
      } finally {
        whole = outerWhole;
      }
    }
  }

  private void compareElement(
      String elementPath,
      FieldDescriptor field,
      Message expected,
      Message actual,
      int i,
      JsonArray elementMasks) {
    int expectedCount = expected.getRepeatedFieldCount(field);
    int actualCount = actual.getRepeatedFieldCount(field);
    if (i >= actualCount) {
      if (hasSelectedContent(elementPath, field, expected.getRepeatedField(field, i))) {
        missing(elementPath, field, expected.getRepeatedField(field, i));
      }
    } else if (i >= expectedCount) {
      if (hasSelectedContent(elementPath, field, actual.getRepeatedField(field, i))) {
        unexpected(elementPath, field, actual.getRepeatedField(field, i));
      }
    } else {
      compareValues(
          elementPath,
          field,
          expected.getRepeatedField(field, i),
          actual.getRepeatedField(field, i),
          elementMasks != null && i < elementMasks.size() ? elementMasks.get(i) : null);
    }
  }

  /** Returns whether expected element {@code i} equals actual element {@code j}. */
  private boolean elementsEqual(
      String path,
      FieldDescriptor field,
      Message expected,
      int i,
      Message actual,
      int j,
      JsonArray masks) {
    MessageDiff inner = inner();
    inner.compareValues(
        path,
        field,
        expected.getRepeatedField(field, i),
        actual.getRepeatedField(field, j),
        masks != null && i < masks.size() ? masks.get(i) : null);
    return inner.differences.isEmpty();
  }

  /**
   * With extra elements allowed and order kept: each expected element must equal a later actual
   * element than the previous one's partner. Taking the first equal element each time finds such
   * partners whenever they exist.
   */
  private void compareInOrderAmongExtras(
      String path, FieldDescriptor field, Message expected, Message actual, JsonArray masks) {
    int expectedCount = expected.getRepeatedFieldCount(field);
    int actualCount = actual.getRepeatedFieldCount(field);
    int next = 0;
    for (int i = 0; i < expectedCount; i++) {
      int j = next;
      while (j < actualCount && !elementsEqual(path, field, expected, i, actual, j, masks)) {
        j++;
      }
      if (j < actualCount) {
        next = j + 1;
      } else {
        differences.add(
            new Difference(
                path + "[" + i + "]",
                "missing in order among extra elements (expected "
                    + show(field, expected.getRepeatedField(field, i))
                    + ")"));
      }
    }
  }

  /**
   * Pairs expected and actual elements so that as many as possible are equal (a maximum bipartite
   * matching), then reports the expected elements left without a partner as missing and, unless
   * {@code extra} elements are allowed, the actual ones as unexpected.
   */
  private void compareUnordered(
      String path,
      FieldDescriptor field,
      Message expected,
      Message actual,
      JsonArray masks,
      boolean extra) {
    int expectedCount = expected.getRepeatedFieldCount(field);
    int actualCount = actual.getRepeatedFieldCount(field);
    boolean[][] equal = new boolean[expectedCount][actualCount];
    for (int i = 0; i < expectedCount; i++) {
      for (int j = 0; j < actualCount; j++) {
        equal[i][j] = elementsEqual(path, field, expected, i, actual, j, masks);
      }
    }
    int[] partnerOfActual = maximumMatching(equal, actualCount);
    boolean[] matched = new boolean[expectedCount];
    for (int partner : partnerOfActual) {
      if (partner >= 0) {
        matched[partner] = true;
      }
    }
    for (int i = 0; i < expectedCount; i++) {
      if (!matched[i]
          && hasSelectedContent(path + "[" + i + "]", field, expected.getRepeatedField(field, i))) {
        differences.add(
            new Difference(
                path + "[" + i + "]",
                "missing in any order (expected "
                    + show(field, expected.getRepeatedField(field, i))
                    + ")"));
      }
    }
    for (int j = 0; j < actualCount; j++) {
      if (partnerOfActual[j] < 0
          && !extra
          && hasSelectedContent(path + "[" + j + "]", field, actual.getRepeatedField(field, j))) {
        differences.add(
            new Difference(
                path + "[" + j + "]",
                "unexpected in any order (was "
                    + show(field, actual.getRepeatedField(field, j))
                    + ")"));
      }
    }
  }

  /**
   * Pairs expected with actual elements so that as many pairs as possible are equal (a maximum
   * bipartite matching, by augmenting paths): {@code equal[i][j]} says whether expected {@code i}
   * equals actual {@code j}. Returns the expected partner of each actual element, or -1.
   */
  public static int[] maximumMatching(boolean[][] equal, int actualCount) {
    int[] partnerOfActual = new int[actualCount];
    Arrays.fill(partnerOfActual, -1);
    for (int i = 0; i < equal.length; i++) {
      augment(i, equal, partnerOfActual, new boolean[actualCount]);
    }
    return partnerOfActual;
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
    boolean extra = settings.extraElements.matches(field, path);
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
      boolean outerWhole = whole;
      if (!whole && settings.only.matches(valueField, entryPath)) {
        whole = true;
      }
      try {
        compareEntry(entryPath, valueField, expectedEntries, actualEntries, key, entryMask, extra);
      } finally {
        whole = outerWhole;
      }
    }
  }

  private void compareEntry(
      String entryPath,
      FieldDescriptor valueField,
      Map<Object, Object> expectedEntries,
      Map<Object, Object> actualEntries,
      Object key,
      JsonElement entryMask,
      boolean extra) {
    if (!actualEntries.containsKey(key)) {
      if (hasSelectedContent(entryPath, valueField, expectedEntries.get(key))) {
        missing(entryPath, valueField, expectedEntries.get(key));
      }
    } else if (!expectedEntries.containsKey(key)) {
      if (!extra && hasSelectedContent(entryPath, valueField, actualEntries.get(key))) {
        unexpected(entryPath, valueField, actualEntries.get(key));
      }
    } else if (whole || valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      compareValues(
          entryPath, valueField, expectedEntries.get(key), actualEntries.get(key), entryMask);
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
      if (!sameValue(field, path, expected, actual)) {
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
    if (whole
        && !expectedUrl.equals(actualUrl)
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

  private boolean sameValue(FieldDescriptor field, String path, Object expected, Object actual) {
    switch (field.getJavaType()) {
      case ENUM:
        return ((EnumValueDescriptor) expected).getNumber()
            == ((EnumValueDescriptor) actual).getNumber();
      case DOUBLE:
        double doubleTolerance = Settings.tolerance(settings.doubleTolerances, field, path);
        return doubleTolerance >= 0
            ? fuzzyEquals((Double) expected, (Double) actual, doubleTolerance)
            : Objects.equals(expected, actual);
      case FLOAT:
        double floatTolerance = Settings.tolerance(settings.floatTolerances, field, path);
        return floatTolerance >= 0
            ? fuzzyEquals((Float) expected, (Float) actual, floatTolerance)
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
