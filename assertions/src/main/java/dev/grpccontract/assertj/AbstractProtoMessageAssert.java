package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.internal.ShouldBeMessageOfType.shouldBeMessageOfType;
import static dev.grpccontract.assertj.internal.ShouldHaveField.shouldHaveField;
import static dev.grpccontract.assertj.internal.ShouldHaveField.shouldHaveFieldValue;
import static dev.grpccontract.assertj.internal.ShouldHaveField.shouldHaveSize;
import static dev.grpccontract.assertj.internal.ShouldHaveField.shouldNotHaveField;
import static dev.grpccontract.assertj.internal.ShouldMatchMessage.shouldConformToJson;
import static dev.grpccontract.assertj.internal.ShouldMatchMessage.shouldMatchMessage;
import static dev.grpccontract.assertj.internal.ShouldMatchMessage.shouldMatchMessageMismatchesOnly;
import static dev.grpccontract.assertj.internal.ShouldNotMatchMessage.shouldNotMatchMessage;
import static org.assertj.core.description.EmptyTextDescription.emptyDescription;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.assertj.internal.Texts;
import dev.grpccontract.coverage.CoverageRecorder;
import dev.grpccontract.proto.compare.FieldPath;
import dev.grpccontract.proto.compare.MessageDiff;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on a protobuf {@link Message} that compare by protobuf meaning: field by field, so
 * field order, JSON formatting, a generated class versus a {@link
 * com.google.protobuf.DynamicMessage} of the same type, and absent-versus-default proto3 scalars do
 * not matter.
 *
 * <p>Every check first verifies that the actual message is not {@code null}. A failed comparison is
 * an {@code org.opentest4j.AssertionFailedError} whose expected and actual values are the two
 * messages as pretty protobuf JSON, so IDEs show a diff; its message lists each differing field
 * path ({@code items[1].sku}, {@code labels["env"]}) with the expected and actual values, or {@code
 * missing}/{@code unexpected} where one side lacks a field the other has.
 *
 * <p>Unknown fields count, as in ProtoTruth: fields the message's descriptor does not declare (data
 * written with a newer schema, a proto2 enum value the enum lacks, an extension parsed without an
 * extension registry) are compared by number and wire value, so a message holding one differs from
 * a message without it. {@link #ignoringUnknownFields()} skips them; {@link
 * #ignoringFieldAbsence()} skips those only one side has, and {@link
 * #comparingExpectedFieldsOnly()} those only the actual message has. Differences name them by
 * number ({@code items[0].99}).
 *
 * @param <SELF> the type of the concrete assertion, returned by every check for chaining
 * @param <ACTUAL> the type of the message under test
 */
public abstract class AbstractProtoMessageAssert<
        SELF extends AbstractProtoMessageAssert<SELF, ACTUAL>, ACTUAL extends Message>
    extends AbstractAssert<SELF, ACTUAL> {

  private String subject = "message";
  private String details = "";
  private MessageDiff.Settings settings = MessageDiff.Settings.DEFAULT;
  private JsonFormat.TypeRegistry registry;
  private com.google.protobuf.TypeRegistry types;
  private boolean unpackingSet;
  private boolean mismatchesOnly;

  /** The soft assertions that made this assertion, or {@code null}; see {@link SoftNavigation}. */
  SoftAssertionsProvider softly;

  /**
   * Creates an assertion on a message.
   *
   * @param actual the message under test; {@code null} fails every check
   * @param selfType the class of the concrete assertion
   */
  protected AbstractProtoMessageAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * Returns {@code part}, the plain assertion a navigation method made. The name follows AssertJ's
   * convention for navigation methods: when AssertJ proxied this assertion for soft assertions
   * other than {@link GrpcSoftAssertionsProvider}'s, it proxies what this returns, so the part's
   * failures are collected too.
   *
   * @param part the assertion on a part of the actual value
   * @param <A> the type of that assertion
   * @return {@code part}
   */
  protected <A extends AbstractAssert<?, ?>> A extractingForProxy(A part) {
    return part;
  }

  /** Names the message in failure messages and adds lines after them; for navigation. */
  final SELF describedIn(String subject, String details) {
    this.subject = subject;
    this.details = details;
    return myself;
  }

  // ---------------------------------------------------------------- comparison settings

  /**
   * Makes {@link #isEqualTo(Object)}, {@link #isEqualToJson(String)} and {@link
   * #conformsToJson(String)} skip the fields at {@code paths}.
   *
   * <p>Paths are written as for {@link #hasField(String, Object)}; without an index or key they
   * name the field in every element ({@code items.sku}), with one only in that element ({@code
   * items[0].sku}). Paths start at the actual message. They reach inside well-known types ({@code
   * createdAt.nanos}) and name extensions as differences do, by full name in brackets ({@code
   * [shop.v1.gift_wrap]}, {@code options.[shop.v1.gift_wrap]}); an extension path is checked when
   * the extension is declared in the message's file or its imports. (ProtoTruth's {@code
   * ignoringFields(int...)} skips fields of the root type wherever that type occurs; that is {@link
   * #ignoringFieldDescriptors} here.)
   *
   * @param paths the field paths to skip
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when a path does not fit the message type (checked once the
   *     actual message is known; naming the closest field names)
   */
  public SELF ignoringFields(String... paths) {
    Objects.requireNonNull(paths, "paths");
    if (actual != null) {
      for (String path : paths) {
        FieldPath.parse(path).validate(actual.getDescriptorForType());
      }
    }
    settings = settings.ignoringPaths(Arrays.asList(paths));
    return myself;
  }

  /**
   * Makes comparisons look only at the fields at {@code paths}, each with everything inside it: a
   * field scope, as ProtoTruth's {@code withPartialScope(FieldScopes.allowingFields(...))}. Paths
   * are written as for {@link #ignoringFields} ({@code items.sku} in every element, {@code
   * items[0]} that element only, {@code labels["env"]} one map entry).
   *
   * <p>The messages on the way to those fields are compared only for them, as in ProtoTruth: an
   * absent message reads as its default, and an element or map entry only one side has counts only
   * when it holds a selected field with a non-default value. Everything else, unknown fields
   * included, is not compared. Repeated calls add fields; the other settings apply inside the
   * scope.
   *
   * @param paths the field paths to compare
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when a path does not fit the message type (checked once the
   *     actual message is known)
   */
  public SELF comparingOnlyFields(String... paths) {
    checkPaths(paths, "a", field -> true);
    settings = settings.comparingOnly(Arrays.asList(paths), List.of());
    return myself;
  }

  /**
   * Makes comparisons look only at {@code fields}, wherever they occur, each with everything inside
   * it: ProtoTruth's {@code withPartialScope(FieldScopes.allowingFieldDescriptors(...))}; see
   * {@link #comparingOnlyFields(String...)}.
   *
   * @param fields the fields to compare
   * @return this assertion, for chaining
   */
  public SELF comparingOnlyFieldDescriptors(FieldDescriptor... fields) {
    checkFields(fields, "a", field -> true);
    settings = settings.comparingOnly(List.of(), Arrays.asList(fields));
    return myself;
  }

  /**
   * Makes comparisons skip {@code fields} wherever they occur (at any depth, in any message of
   * their type), as ProtoTruth's {@code ignoringFieldDescriptors} does. Extensions are fields too.
   * As in ProtoTruth, skipping the {@code value} field of a map's entry type leaves nothing of that
   * map to compare (keys included); skipping its {@code key} field changes nothing.
   *
   * @param fields the fields to skip
   * @return this assertion, for chaining
   */
  public SELF ignoringFieldDescriptors(FieldDescriptor... fields) {
    Objects.requireNonNull(fields, "fields");
    settings = settings.ignoringFields(Arrays.asList(fields));
    return myself;
  }

  /**
   * Makes comparisons treat every repeated field (at any depth) as a multiset: the same elements in
   * any order. Failures name the elements left without an equal partner.
   *
   * @return this assertion, for chaining
   */
  public SELF ignoringRepeatedFieldOrder() {
    settings = settings.ignoringRepeatedFieldOrder();
    return myself;
  }

  /**
   * Makes comparisons treat the repeated fields at {@code paths} as multisets, as {@link
   * #ignoringRepeatedFieldOrder()} does for all (ProtoTruth's {@code
   * ignoringRepeatedFieldOrderOfFields}). Paths are written as for {@link #ignoringFields}: {@code
   * items} is the field of the root message, {@code orders.items} that field in every element of
   * {@code orders}; repeated fields inside the named ones keep their order.
   *
   * @param paths the paths of repeated fields
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when a path does not fit the message type or does not name a
   *     repeated field
   */
  public SELF ignoringRepeatedFieldOrderOf(String... paths) {
    checkPaths(paths, "a repeated", FieldDescriptor::isRepeated);
    settings = settings.ignoringRepeatedFieldOrderOf(Arrays.asList(paths), null);
    return myself;
  }

  /**
   * Makes comparisons treat the repeated {@code fields} as multisets wherever they occur
   * (ProtoTruth's {@code ignoringRepeatedFieldOrderOfFieldDescriptors}).
   *
   * @param fields repeated fields
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when a field is not repeated
   */
  public SELF ignoringRepeatedFieldOrderOfFieldDescriptors(FieldDescriptor... fields) {
    checkFields(fields, "a repeated", FieldDescriptor::isRepeated);
    settings = settings.ignoringRepeatedFieldOrderOf(null, Arrays.asList(fields));
    return myself;
  }

  /**
   * Makes comparisons accept repeated elements and map entries the expected message lacks, at any
   * depth, as ProtoTruth's {@code ignoringExtraRepeatedFieldElements} does: every expected element
   * must have its own equal actual element, in the same relative order (unless the order is ignored
   * too: {@code [1, 2]} matches {@code [1, 3, 2]} but not {@code [2, 1, 3]}), and every expected
   * map key must be present with an equal value; actual elements and keys left over do not matter.
   *
   * @return this assertion, for chaining
   */
  public SELF ignoringExtraRepeatedFieldElements() {
    settings = settings.ignoringExtraRepeatedFieldElements();
    return myself;
  }

  /**
   * Makes comparisons accept extra elements, as {@link #ignoringExtraRepeatedFieldElements()} does,
   * in the repeated and map fields at {@code paths} only (written as for {@link #ignoringFields}).
   *
   * @param paths the paths of repeated or map fields
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when a path does not fit the message type or does not name a
   *     repeated or map field
   */
  public SELF ignoringExtraRepeatedFieldElementsOf(String... paths) {
    checkPaths(paths, "a repeated or map", FieldDescriptor::isRepeated);
    settings = settings.ignoringExtraRepeatedFieldElementsOf(Arrays.asList(paths), null);
    return myself;
  }

  /**
   * Makes comparisons accept extra elements, as {@link #ignoringExtraRepeatedFieldElements()} does,
   * in the repeated and map {@code fields} wherever they occur.
   *
   * @param fields repeated or map fields
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when a field is not repeated
   */
  public SELF ignoringExtraRepeatedFieldElementsOfFieldDescriptors(FieldDescriptor... fields) {
    checkFields(fields, "a repeated or map", FieldDescriptor::isRepeated);
    settings = settings.ignoringExtraRepeatedFieldElementsOf(null, Arrays.asList(fields));
    return myself;
  }

  /**
   * Makes comparisons look only at the fields set in the expected message (at any depth): unset
   * fields, proto3 scalars with their default value, empty repeated fields and unknown fields the
   * expected lacks are not compared. As in ProtoTruth, a field cannot be expected to be default
   * this way; use {@link #conformsToJson(String)} to name default values explicitly.
   *
   * <p>Repeated fields and maps are scoped as ProtoTruth scopes them: every element (every map
   * value) is compared on the union of the fields set in any expected element of that field, not on
   * its own expected element's fields alone. So with an expected {@code history} of {@code [{value:
   * 2}, {unit: "m"}]}, both elements compare {@code value} and {@code unit}, and an actual {@code
   * [{value: 2, unit: "x"}, ...]} differs at {@code history[0].unit}. To scope each element by its
   * own fields, use {@link #conformsToJson(String)}, which compares exactly the fields each
   * element's JSON names. Keys only the actual map has still count, as in ProtoTruth.
   *
   * @return this assertion, for chaining
   */
  public SELF comparingExpectedFieldsOnly() {
    settings = settings.comparingExpectedFieldsOnly();
    return myself;
  }

  /**
   * Makes comparisons treat an absent field as that field set to its default value (proto2 and
   * proto3 {@code optional} scalars, message fields and oneof members alike).
   *
   * @return this assertion, for chaining
   */
  public SELF ignoringFieldAbsence() {
    settings = settings.ignoringFieldAbsence();
    return myself;
  }

  /**
   * Makes an absent field at one of {@code paths} equal that field set to its default, as {@link
   * #ignoringFieldAbsence()} does for all (ProtoTruth's {@code ignoringFieldAbsenceOfFields}). It
   * applies to the named fields themselves, not to the fields inside them.
   *
   * @param paths field paths, written as for {@link #ignoringFields}
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when a path does not fit the message type
   */
  public SELF ignoringFieldAbsenceOf(String... paths) {
    checkPaths(paths, "a", field -> true);
    settings = settings.ignoringFieldAbsenceOf(Arrays.asList(paths), null);
    return myself;
  }

  /**
   * Makes absent {@code fields}, wherever they occur, equal those fields set to their default
   * (ProtoTruth's {@code ignoringFieldAbsenceOfFieldDescriptors}).
   *
   * @param fields the fields
   * @return this assertion, for chaining
   */
  public SELF ignoringFieldAbsenceOfFieldDescriptors(FieldDescriptor... fields) {
    checkFields(fields, "a", field -> true);
    settings = settings.ignoringFieldAbsenceOf(null, Arrays.asList(fields));
    return myself;
  }

  /**
   * Makes failure messages list the differing fields only, without the expected and actual messages
   * in full (ProtoTruth's {@code reportingMismatchesOnly}); useful for large messages. The
   * assertion error still carries both messages as its expected and actual values, so IDEs show the
   * whole diff. Verdicts do not change.
   *
   * @return this assertion, for chaining
   */
  public SELF reportingMismatchesOnly() {
    mismatchesOnly = true;
    return myself;
  }

  /**
   * Makes comparisons skip unknown fields at any depth: the fields a message's descriptor does not
   * declare (data of a newer schema, proto2 enum values the enum lacks, extensions parsed without a
   * registry). By default they count, as in ProtoTruth; see the class comment.
   *
   * @return this assertion, for chaining
   */
  public SELF ignoringUnknownFields() {
    settings = settings.ignoringUnknownFields();
    return myself;
  }

  /**
   * Makes {@code double} fields (at any depth) equal when they differ by at most {@code tolerance};
   * as in ProtoTruth, NaN and infinite values never equal within a tolerance.
   *
   * @param tolerance the largest allowed difference, zero or more
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when {@code tolerance} is negative or NaN
   */
  public SELF usingDoubleTolerance(double tolerance) {
    checkTolerance(tolerance);
    settings = settings.usingDoubleTolerance(tolerance);
    return myself;
  }

  /**
   * Makes {@code float} fields (at any depth) equal when they differ by at most {@code tolerance};
   * as in ProtoTruth, NaN and infinite values never equal within a tolerance.
   *
   * @param tolerance the largest allowed difference, zero or more
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when {@code tolerance} is negative or NaN
   */
  public SELF usingFloatTolerance(float tolerance) {
    checkTolerance(tolerance);
    settings = settings.usingFloatTolerance(tolerance);
    return myself;
  }

  /**
   * Makes the {@code double} fields at {@code paths} equal when they differ by at most {@code
   * tolerance} (ProtoTruth's {@code usingDoubleToleranceForFields}). Where several tolerances
   * apply, the one given last wins.
   *
   * @param tolerance the largest allowed difference, zero or more
   * @param paths paths of {@code double} fields, written as for {@link #ignoringFields}
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when {@code tolerance} is negative or NaN, or a path does not
   *     fit the message type or does not name a {@code double} field
   */
  public SELF usingDoubleToleranceFor(double tolerance, String... paths) {
    checkTolerance(tolerance);
    checkPaths(paths, "a double", field -> field.getType() == FieldDescriptor.Type.DOUBLE);
    settings = settings.usingDoubleToleranceFor(tolerance, Arrays.asList(paths), null);
    return myself;
  }

  /**
   * Makes the {@code double} {@code fields}, wherever they occur, equal when they differ by at most
   * {@code tolerance} (ProtoTruth's {@code usingDoubleToleranceForFieldDescriptors}).
   *
   * @param tolerance the largest allowed difference, zero or more
   * @param fields {@code double} fields
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when {@code tolerance} is negative or NaN, or a field is not a
   *     {@code double} field
   */
  public SELF usingDoubleToleranceForFieldDescriptors(double tolerance, FieldDescriptor... fields) {
    checkTolerance(tolerance);
    checkFields(fields, "a double", field -> field.getType() == FieldDescriptor.Type.DOUBLE);
    settings = settings.usingDoubleToleranceFor(tolerance, null, Arrays.asList(fields));
    return myself;
  }

  /**
   * Makes the {@code float} fields at {@code paths} equal when they differ by at most {@code
   * tolerance} (ProtoTruth's {@code usingFloatToleranceForFields}); as {@link
   * #usingDoubleToleranceFor}.
   *
   * @param tolerance the largest allowed difference, zero or more
   * @param paths paths of {@code float} fields, written as for {@link #ignoringFields}
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when {@code tolerance} is negative or NaN, or a path does not
   *     fit the message type or does not name a {@code float} field
   */
  public SELF usingFloatToleranceFor(float tolerance, String... paths) {
    checkTolerance(tolerance);
    checkPaths(paths, "a float", field -> field.getType() == FieldDescriptor.Type.FLOAT);
    settings = settings.usingFloatToleranceFor(tolerance, Arrays.asList(paths), null);
    return myself;
  }

  /**
   * Makes the {@code float} {@code fields}, wherever they occur, equal when they differ by at most
   * {@code tolerance} (ProtoTruth's {@code usingFloatToleranceForFieldDescriptors}).
   *
   * @param tolerance the largest allowed difference, zero or more
   * @param fields {@code float} fields
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when {@code tolerance} is negative or NaN, or a field is not a
   *     {@code float} field
   */
  public SELF usingFloatToleranceForFieldDescriptors(float tolerance, FieldDescriptor... fields) {
    checkTolerance(tolerance);
    checkFields(fields, "a float", field -> field.getType() == FieldDescriptor.Type.FLOAT);
    settings = settings.usingFloatToleranceFor(tolerance, null, Arrays.asList(fields));
    return myself;
  }

  /**
   * Checks that every path fits the actual message's type (once it is known) and names a field
   * {@code kind} accepts.
   */
  private void checkPaths(String[] paths, String what, Predicate<FieldDescriptor> kind) {
    Objects.requireNonNull(paths, "paths");
    if (actual == null) {
      return;
    }
    for (String path : paths) {
      FieldDescriptor field = FieldPath.parse(path).validate(actual.getDescriptorForType());
      if (field != null && !kind.test(field)) {
        throw new IllegalArgumentException(
            "Field path "
                + Texts.quote(path)
                + " names "
                + FieldPath.typeName(field)
                + " field "
                + field.getFullName()
                + ", not "
                + what
                + " field. Fix the path in the test.");
      }
    }
  }

  private static void checkFields(
      FieldDescriptor[] fields, String what, Predicate<FieldDescriptor> kind) {
    Objects.requireNonNull(fields, "fields");
    for (FieldDescriptor field : fields) {
      Objects.requireNonNull(field, "field");
      if (!kind.test(field)) {
        throw new IllegalArgumentException(
            field.getFullName()
                + " is "
                + (field.isRepeated() ? "a repeated " : "a ")
                + FieldPath.typeName(field)
                + " field, not "
                + what
                + " field");
      }
    }
  }

  private static void checkTolerance(double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("A tolerance is zero or more, not " + tolerance);
    }
  }

  /**
   * Makes comparisons unpack {@code google.protobuf.Any} fields whose type {@code registry} knows
   * and compare their content field by field (so the settings apply inside them and failures name
   * the inner fields); the same registry resolves {@code Any} types in expected JSON.
   *
   * <p>By default, an assertion reached from a response uses the response's registry (the types of
   * its schema); one created on a message uses the types of the message's file and its imports and
   * the {@code google.rpc} error details. An {@code Any} whose type is unknown compares by its
   * bytes. An actual message that is itself an {@code Any} is unpacked the same way. As in
   * ProtoTruth, two {@code Any} values whose type URLs differ only in their prefix ({@code
   * type.googleapis.com/} versus {@code example.com/}) differ at {@code typeUrl}, unless {@link
   * #ignoringAnyTypeUrlPrefixes()} is set.
   *
   * @param registry the registry, not {@code null}
   * @return this assertion, for chaining
   */
  public SELF unpackingAnyUsing(JsonFormat.TypeRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    this.registry = registry;
    this.types = null;
    this.unpackingSet = registry != JsonFormat.TypeRegistry.getEmptyTypeRegistry();
    return myself;
  }

  /**
   * Makes two {@code google.protobuf.Any} values equal when their type URLs name the same type
   * behind different prefixes ({@code type.googleapis.com/shop.Item} and {@code
   * example.com/shop.Item}) and their contents are equal. By default, as in ProtoTruth, such URLs
   * differ.
   *
   * @return this assertion, for chaining
   */
  public SELF ignoringAnyTypeUrlPrefixes() {
    settings = settings.ignoringAnyTypeUrlPrefixes();
    return myself;
  }

  /**
   * Makes comparisons unpack {@code google.protobuf.Any} fields with the types of a protobuf {@link
   * com.google.protobuf.TypeRegistry} (the registry ProtoTruth's {@code unpackingAnyUsing} takes);
   * see {@link #unpackingAnyUsing(JsonFormat.TypeRegistry)}. The same types resolve {@code "@type"}
   * in the JSON of {@link #isEqualToJson(String)}, {@link #conformsToJson(String)} and {@link
   * #isNotEqualToJson(String)}, and print {@code Any} fields in failure messages.
   *
   * @param registry the registry, not {@code null}
   * @return this assertion, for chaining
   */
  public SELF unpackingAnyUsing(com.google.protobuf.TypeRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    settings = settings.unpackingAnyUsing(registry::find);
    types = registry;
    this.registry = null;
    unpackingSet = true;
    return myself;
  }

  private MessageDiff.Settings effectiveSettings() {
    MessageDiff.Settings effective = settings;
    if (registry != null && registry != JsonFormat.TypeRegistry.getEmptyTypeRegistry()) {
      effective = effective.unpackingAnyUsing(registry);
    } else if (!unpackingSet) {
      effective = effective.unpackingAnyUsing(ProtoJson.registryFor(actual.getDescriptorForType()));
    }
    return effective;
  }

  /** Returns the line failure messages add to say how messages are compared, or empty. */
  final String settingsDescription() {
    return settings.describe();
  }

  // ---------------------------------------------------------------- whole-message comparisons

  /**
   * Verifies that the message equals {@code expected} by protobuf meaning when {@code expected} is
   * a {@link Message}; otherwise compares as {@link AbstractAssert#isEqualTo(Object)} does.
   *
   * <p>The two messages must be of the same protobuf type (same full name); they may be different
   * Java classes (generated or dynamic) or built from different copies of the descriptor. The
   * comparison settings of this assertion ({@link #ignoringFields}, ...) apply.
   *
   * @param expected the expected message
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null}, is of another type, or differs
   *     in any field
   */
  @Override
  public SELF isEqualTo(Object expected) {
    if (!(expected instanceof Message)) {
      return super.isEqualTo(expected);
    }
    isNotNull();
    Message expectedMessage = (Message) expected;
    String expectedType = expectedMessage.getDescriptorForType().getFullName();
    if (!expectedType.equals(actual.getDescriptorForType().getFullName())) {
      throw failed(
          shouldBeMessageOfType(expectedMessage, actual),
          ProtoJson.pretty(expectedMessage),
          ProtoJson.pretty(actual));
    }
    return matches(expectedMessage, effectiveSettings(), false);
  }

  /**
   * Verifies that the message equals, by protobuf meaning, the message {@code json} describes.
   *
   * <p>{@code json} is parsed as protobuf JSON into the actual message's type (field names in
   * {@code lowerCamelCase} or as in the {@code .proto}); field order and whitespace do not matter,
   * and fields it leaves out are expected to be absent or default. The comparison settings of this
   * assertion apply.
   *
   * @param json the expected message as protobuf JSON, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null} or differs in any field
   * @throws IllegalArgumentException when {@code json} is malformed or does not fit the message
   *     type; the exception names the type and the offending field
   */
  public SELF isEqualToJson(String json) {
    Objects.requireNonNull(json, "json");
    isNotNull();
    return matches(parse(json), effectiveSettings(), false);
  }

  /**
   * Verifies that the message differs from {@code other} by protobuf meaning when {@code other} is
   * a {@link Message}; otherwise compares as {@link AbstractAssert#isNotEqualTo(Object)} does.
   *
   * <p>The negation of {@link #isEqualTo(Object)} under the same comparison settings: it fails
   * exactly when {@code isEqualTo(other)} would pass. A message of another protobuf type, and a
   * {@code null} actual message, differ from {@code other}.
   *
   * @param other the message the actual one must differ from
   * @return this assertion, for chaining
   * @throws AssertionError when the two messages are equal by protobuf meaning under this
   *     assertion's settings
   */
  @Override
  public SELF isNotEqualTo(Object other) {
    if (!(other instanceof Message)) {
      return super.isNotEqualTo(other);
    }
    Message otherMessage = (Message) other;
    if (actual == null
        || !otherMessage
            .getDescriptorForType()
            .getFullName()
            .equals(actual.getDescriptorForType().getFullName())) {
      return myself;
    }
    return differs(otherMessage, effectiveSettings());
  }

  /**
   * Verifies that the message differs, by protobuf meaning, from the message {@code json}
   * describes: the negation of {@link #isEqualToJson(String)} under the same comparison settings.
   *
   * @param json the message as protobuf JSON, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null} or equals the message of {@code
   *     json} by protobuf meaning under this assertion's settings
   * @throws IllegalArgumentException when {@code json} is malformed or does not fit the message
   *     type
   */
  public SELF isNotEqualToJson(String json) {
    Objects.requireNonNull(json, "json");
    isNotNull();
    return differs(parse(json), effectiveSettings());
  }

  private SELF differs(Message other, MessageDiff.Settings using) {
    if (MessageDiff.compare(other, actual, using).isEmpty()) {
      String after = using.describe() + details;
      throw assertionError(shouldNotMatchMessage(subject, other, after, registry));
    }
    return myself;
  }

  /**
   * Verifies that the fields {@code json} names have the values it gives, by protobuf meaning, and
   * ignores every field it leaves out: a partial match.
   *
   * <p>Unlike {@link #comparingExpectedFieldsOnly()}, a field the JSON names with its default value
   * ({@code "count": 0}) is compared. Inside a named message only the fields the JSON names are
   * compared; a named repeated field must have the same number of elements (compared element by
   * element, each partially); a named map only the keys the JSON names. Well-known types and {@code
   * Any} values compare whole. The other comparison settings of this assertion apply too.
   *
   * @param json the expected field values as protobuf JSON, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null} or a named field differs
   * @throws IllegalArgumentException when {@code json} is malformed or does not fit the type
   */
  public SELF conformsToJson(String json) {
    Objects.requireNonNull(json, "json");
    isNotNull();
    Message expected = parse(json);
    JsonElement tree = JsonParser.parseString(json);
    return matches(expected, effectiveSettings().comparingFieldsOf(tree), true);
  }

  private Message parse(String json) {
    if (types != null) {
      return ProtoJson.parse(json, actual.getDescriptorForType(), "The expected JSON", types);
    }
    return ProtoJson.parse(json, actual.getDescriptorForType(), "The expected JSON", registry);
  }

  private SELF matches(Message expected, MessageDiff.Settings using, boolean partial) {
    if (partial) {
      CoverageRecorder.global().asserted(expected);
    } else if (actual != null) {
      CoverageRecorder.global().assertedWhole(actual.getDescriptorForType());
    }
    List<MessageDiff.Difference> differences = MessageDiff.compare(expected, actual, using);
    if (!differences.isEmpty()) {
      String after = using.describe() + details;
      if (mismatchesOnly) {
        throw failed(
            shouldMatchMessageMismatchesOnly(subject, differences, after, partial),
            types != null
                ? ProtoJson.pretty(expected, types)
                : ProtoJson.pretty(expected, registry),
            types != null ? ProtoJson.pretty(actual, types) : ProtoJson.pretty(actual, registry));
      }
      if (types != null) {
        throw failed(
            shouldMatchMessage(subject, expected, actual, differences, after, types, partial),
            ProtoJson.pretty(expected, types),
            ProtoJson.pretty(actual, types));
      }
      throw failed(
          partial
              ? shouldConformToJson(subject, expected, actual, differences, after, registry)
              : shouldMatchMessage(subject, expected, actual, differences, after, registry),
          ProtoJson.pretty(expected, registry),
          ProtoJson.pretty(actual, registry));
    }
    return myself;
  }

  // ---------------------------------------------------------------- field paths

  /**
   * Verifies that the field at {@code path} exists and equals {@code expected}.
   *
   * <p>Paths are field names (JSON or {@code .proto} names) joined by dots, with {@code [i]} to
   * select an element of a repeated field and {@code ["key"]} (string keys) or {@code [7]}/{@code
   * [true]} (other keys) to select a map entry: {@code order.items[0].sku}, {@code labels["env"]}.
   *
   * <p>{@code expected} is compared by protobuf meaning with a Java value of the field's kind: a
   * {@code String} for string fields; any integral {@code Number} ({@code int}, {@code long},
   * {@code BigInteger}, compared by value, unsigned fields as unsigned) for integer fields; any
   * {@code Number} for {@code float}/{@code double} (compared as the field's type, exactly); a
   * {@code Boolean}; a {@code ByteString} or {@code byte[]} for bytes; the value's name, number,
   * generated enum constant or {@code EnumValueDescriptor} for enums; for message fields a {@code
   * Message} or its protobuf JSON as a {@code String} (for well-known types the JSON value itself,
   * e.g. {@code "2024-05-01T10:00:00Z"} for a {@code Timestamp}); for a whole repeated field a
   * {@code List} of such values, for a whole map field a {@code Map}. Messages compare with this
   * assertion's settings (tolerances, repeated field order, ...) except {@link #ignoringFields}.
   *
   * @param path the field path
   * @param expected the expected value, not {@code null} (use {@link #doesNotHaveField} for
   *     absence)
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null}, the path does not exist in it
   *     (an index past the end, an absent key, an unset message on the way), or the value differs
   * @throws IllegalArgumentException when the path does not fit the message type (naming the
   *     segment and the closest field names) or {@code expected} cannot be a value of the field
   */
  public SELF hasField(String path, Object expected) {
    Objects.requireNonNull(expected, "expected value (use doesNotHaveField for absence)");
    FieldPath.Value value = existing(path);
    if (!valueMatches(value, expected)) {
      String shownActual = FieldPath.show(value.field(), value.raw(), value.selectsElement());
      throw failed(
          shouldHaveFieldValue(
              subject, path, FieldPath.showExpected(expected), shownActual, actual, details),
          FieldPath.showExpected(expected),
          shownActual);
    }
    return myself;
  }

  private boolean valueMatches(FieldPath.Value value, Object expected) {
    FieldDescriptor field = value.field();
    // Paths given to ignoringFields start at the root message, not at this value.
    MessageDiff.Settings using = effectiveSettings().withoutPaths();
    if (!value.isCollection()) {
      FieldDescriptor single =
          field.isMapField() ? field.getMessageType().findFieldByNumber(2) : field;
      return FieldPath.matches(single, value.raw(), expected, using);
    }
    List<?> raw = (List<?>) value.raw();
    if (field.isMapField()) {
      if (!(expected instanceof Map)) {
        throw new IllegalArgumentException(
            "The expected value of the map field "
                + path(value)
                + " is a Map, not a "
                + expected.getClass().getSimpleName()
                + "; or select an entry: field[\"key\"]");
      }
      @SuppressWarnings("unchecked")
      Map<Object, Object> actualMap = (Map<Object, Object>) FieldPath.java(field, raw, false);
      Map<?, ?> expectedMap = (Map<?, ?>) expected;
      if (!actualMap.keySet().equals(expectedMap.keySet())) {
        return false;
      }
      FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
      for (Object entry : raw) {
        Message message = (Message) entry;
        Object key = message.getField(message.getDescriptorForType().findFieldByNumber(1));
        Object entryValue = message.getField(message.getDescriptorForType().findFieldByNumber(2));
        if (!FieldPath.matches(valueField, entryValue, expectedMap.get(key), using)) {
          return false;
        }
      }
      return true;
    }
    if (!(expected instanceof List)) {
      throw new IllegalArgumentException(
          "The expected value of the repeated field "
              + path(value)
              + " is a List, not a "
              + expected.getClass().getSimpleName()
              + "; or select an element: field[0]");
    }
    List<?> expectedList = (List<?>) expected;
    if (expectedList.size() != raw.size()) {
      return false;
    }
    for (int i = 0; i < raw.size(); i++) {
      if (!FieldPath.matches(field, raw.get(i), expectedList.get(i), using)) {
        return false;
      }
    }
    return true;
  }

  private static String path(FieldPath.Value value) {
    return value.field().getJsonName();
  }

  /**
   * Verifies that the field at {@code path} is present: set (fields with presence: messages, {@code
   * optional} scalars, oneof members, proto2 fields), not default (proto3 scalars without
   * presence), not empty (repeated and map fields), or an existing element or entry.
   *
   * @param path the field path, as for {@link #hasField(String, Object)}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null} or the field is not present
   * @throws IllegalArgumentException when the path does not fit the message type
   */
  public SELF hasField(String path) {
    FieldPath.Value value = existing(path);
    if (!value.present()) {
      throw failed(shouldHaveField(subject, path, notPresent(value), actual, details), path, null);
    }
    return myself;
  }

  private static String notPresent(FieldPath.Value value) {
    FieldDescriptor field = value.field();
    if (field.isRepeated()) {
      return "it is empty";
    }
    return field.hasPresence()
        ? "it is not set"
        : "it has its default value "
            + FieldPath.show(field, value.raw(), false)
            + " (a proto3 field without presence is absent when default)";
  }

  /**
   * Verifies that the field at {@code path} is absent, with protobuf's notion of presence: a field
   * with presence (message, {@code optional} scalar, oneof member, proto2 field) is not set; a
   * proto3 scalar without presence has its default value; a repeated or map field is empty; an
   * element or entry does not exist. A path through an unset message or a missing element is absent
   * too.
   *
   * @param path the field path, as for {@link #hasField(String, Object)}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null} or the field is present
   * @throws IllegalArgumentException when the path does not fit the message type
   */
  public SELF doesNotHaveField(String path) {
    isNotNull();
    FieldPath.Value value = FieldPath.parse(path).resolve(actual);
    if (value.exists() && value.present()) {
      String shown = FieldPath.show(value.field(), value.raw(), value.selectsElement());
      throw failed(shouldNotHaveField(subject, path, shown, actual, details), null, shown);
    }
    return myself;
  }

  /**
   * Verifies that the repeated or map field at {@code path} has {@code expected} elements
   * (entries).
   *
   * @param path the field path of a repeated or map field, as for {@link #hasField(String, Object)}
   * @param expected the expected number of elements
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null}, the path does not exist, or the
   *     field has another size
   * @throws IllegalArgumentException when the path does not fit the type or does not end with a
   *     whole repeated or map field
   */
  public SELF hasRepeatedFieldSize(String path, int expected) {
    FieldPath.Value value = existing(path);
    if (!value.isCollection()) {
      throw new IllegalArgumentException(
          "Field path "
              + Texts.quote(path)
              + " does not end with a repeated or map field but with a single "
              + FieldPath.typeName(value.field())
              + " value; use hasField to check it");
    }
    int size = ((List<?>) value.raw()).size();
    if (size != expected) {
      throw failed(
          shouldHaveSize(
              subject,
              path,
              expected,
              size,
              FieldPath.show(value.field(), value.raw(), false),
              actual,
              details),
          expected,
          size);
    }
    return myself;
  }

  /**
   * Verifies that the field at {@code path} exists and that its value satisfies {@code
   * requirements}. The value is given as tests see it: enum values by name (by number when not in
   * the schema), bytes as {@code ByteString}, messages as {@code Message}, a whole repeated field
   * as a {@code List}, a whole map field as a {@code Map}; other scalars as their boxed Java
   * values.
   *
   * @param path the field path, as for {@link #hasField(String, Object)}
   * @param requirements the checks to run on the value, not {@code null}; an {@link AssertionError}
   *     they throw propagates unchanged
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null} or the path does not exist
   * @throws IllegalArgumentException when the path does not fit the message type
   */
  public SELF hasFieldSatisfying(String path, Consumer<Object> requirements) {
    Objects.requireNonNull(requirements, "requirements");
    requirements.accept(existing(path).java());
    return myself;
  }

  /**
   * Verifies that the field at {@code path} exists and returns an AssertJ assertion on its value
   * (in the form {@link #hasFieldSatisfying} describes), described as this assertion is followed by
   * the path.
   *
   * @param path the field path, as for {@link #hasField(String, Object)}
   * @return a new assertion on the field value
   * @throws AssertionError when the actual message is {@code null} or the path does not exist
   * @throws IllegalArgumentException when the path does not fit the message type
   */
  public final ObjectAssert<Object> extractingField(String path) {
    FieldPath fieldPath = FieldPath.parse(path);
    ObjectAssert<Object> extracted =
        SoftNavigation.navigate(
            softly,
            () -> existing(fieldPath, path).java(),
            ObjectAssert.class,
            Object.class,
            value -> extractingForProxy(new ObjectAssert<>(value)));
    String parent = info.descriptionText();
    extracted.as(
        (parent == null || parent.isEmpty() ? "" : parent + " ") + subject + " field " + path);
    return extracted.withRepresentation(info.representation());
  }

  private FieldPath.Value existing(String path) {
    if (actual != null) {
      CoverageRecorder.global().asserted(actual.getDescriptorForType(), path);
    }
    return existing(FieldPath.parse(path), path);
  }

  private FieldPath.Value existing(FieldPath fieldPath, String path) {
    objects.assertNotNull(info, actual);
    FieldPath.Value value = fieldPath.resolve(actual);
    if (!value.exists()) {
      throw failed(shouldHaveField(subject, path, value.absence(), actual, details), path, null);
    }
    return value;
  }

  private AssertionError failed(ErrorMessageFactory factory, Object expected, Object actualValue) {
    return failureWithActualExpected(
        actualValue, expected, "%s", factory.create(emptyDescription(), info.representation()));
  }
}
