package dev.grpccontract.assertj;

import dev.grpccontract.assertj.internal.ShouldBeBackwardCompatible;
import dev.grpccontract.compat.Finding;
import dev.grpccontract.compat.Profile;
import dev.grpccontract.compat.SchemaCompatibility;
import dev.grpccontract.proto.ProtoSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ProtoSchema}: breaking-change checks of the schema under test (the new
 * version) against an older one, with the rules of {@link SchemaCompatibility}.
 *
 * <pre>{@code
 * assertThat(ProtoSchema.fromProtoFiles(List.of(Path.of("src/main/proto")), files))
 *     .isBackwardCompatibleWith(ProtoSchema.fromDescriptorSet(Path.of("released.protoset")));
 * }</pre>
 *
 * <p>Every check first verifies that the schema is not {@code null}. A failure lists every breaking
 * finding, one per line, as {@code file:line:column: explanation [RULE_ID]}. Create instances with
 * {@link GrpcAssertions#assertThat(ProtoSchema)}; the class is not final so that soft assertions
 * can proxy it.
 */
public class ProtoSchemaAssert extends AbstractAssert<ProtoSchemaAssert, ProtoSchema> {

  /**
   * Creates an assertion on a schema.
   *
   * @param actual the schema under test; {@code null} fails every check
   */
  public ProtoSchemaAssert(ProtoSchema actual) {
    super(actual, ProtoSchemaAssert.class);
  }

  /**
   * Verifies that no change from {@code old} to the schema under test breaks a rule of the default
   * profile, {@link Profile#WIRE_JSON}. Warnings (a request type renamed with an identical wire
   * shape) do not fail the check.
   *
   * @param old the earlier version (the baseline), not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the schema is {@code null} or a change breaks a rule; the message
   *     lists every breaking finding
   */
  public ProtoSchemaAssert isBackwardCompatibleWith(ProtoSchema old) {
    return isBackwardCompatibleWith(old, SchemaCompatibility.withProfile(Profile.WIRE_JSON));
  }

  /**
   * Verifies that no change from {@code old} to the schema under test breaks a rule of {@code
   * profile}, leaving out the rules with the given ids.
   *
   * @param old the earlier version (the baseline), not {@code null}
   * @param profile the rules to run, not {@code null}
   * @param ignoredRuleIds rule ids to leave out, such as {@code "FIELD_SAME_JSON_NAME"}
   * @return this assertion, for chaining
   * @throws IllegalArgumentException when a rule id is unknown (the message names the closest ids)
   * @throws AssertionError when the schema is {@code null} or a change breaks a rule
   */
  public ProtoSchemaAssert isBackwardCompatibleWith(
      ProtoSchema old, Profile profile, String... ignoredRuleIds) {
    Objects.requireNonNull(profile, "profile");
    return isBackwardCompatibleWith(
        old, SchemaCompatibility.withProfile(profile).ignoringRules(ignoredRuleIds));
  }

  /**
   * Verifies that no change from {@code old} to the schema under test breaks a rule of a configured
   * check (a profile or rule list, with ignores by rule and by element).
   *
   * @param old the earlier version (the baseline), not {@code null}
   * @param check the configured check, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the schema is {@code null} or a change breaks a rule
   */
  public ProtoSchemaAssert isBackwardCompatibleWith(ProtoSchema old, SchemaCompatibility check) {
    Objects.requireNonNull(old, "old schema");
    Objects.requireNonNull(check, "check");
    isNotNull();
    List<Finding> breaking = new ArrayList<>();
    for (Finding f : check.findings(old, actual)) {
      if (f.isBreaking()) {
        breaking.add(f);
      }
    }
    if (!breaking.isEmpty()) {
      throw assertionError(
          ShouldBeBackwardCompatible.shouldBeBackwardCompatible(actual, old, breaking));
    }
    return myself;
  }
}
