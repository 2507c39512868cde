package dev.grpccontract.compat;

import dev.grpccontract.compat.internal.Engine;
import dev.grpccontract.compat.internal.Names;
import dev.grpccontract.proto.ProtoSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Breaking-change checks: what changed from one version of a schema to the next, rule by rule, with
 * buf's rule ids.
 *
 * <pre>{@code
 * List<Finding> findings = SchemaCompatibility.check(released, current, Profile.WIRE_JSON);
 *
 * List<Finding> some = SchemaCompatibility.withProfile(Profile.FILE)
 *     .ignoringRules("FILE_SAME_GO_PACKAGE")
 *     .ignoringElements("acme.legacy.v1", "acme/internal")
 *     .findings(released, current);
 * }</pre>
 *
 * <p>The schemas may come from any source ({@code .proto} files, descriptor sets, generated
 * classes, server reflection). Locations have lines and columns when the schema carries source info
 * ({@link ProtoSchema#fromProtoFiles} keeps it). Files under {@code google/protobuf/} are not
 * compared.
 *
 * <p>Instances are immutable and thread-safe; the {@code ignoring...} methods return new ones.
 */
public final class SchemaCompatibility {
  private final Set<Rule> rules;
  private final Set<Rule> ignoredRules;
  private final Set<String> ignoredElements;
  private final Map<Rule, Set<String>> ignoredRuleElements;

  private SchemaCompatibility(
      Set<Rule> rules,
      Set<Rule> ignoredRules,
      Set<String> ignoredElements,
      Map<Rule, Set<String>> ignoredRuleElements) {
    this.rules = rules;
    this.ignoredRules = ignoredRules;
    this.ignoredElements = ignoredElements;
    this.ignoredRuleElements = ignoredRuleElements;
  }

  /**
   * Returns the findings of the default profile, {@link Profile#WIRE_JSON}, on the change from
   * {@code before} to {@code after}.
   *
   * @param before the old schema (the baseline), not null
   * @param after the new schema, not null
   * @return every finding, sorted by file, line, column and rule id; empty when nothing breaks
   */
  public static List<Finding> check(ProtoSchema before, ProtoSchema after) {
    return check(before, after, Profile.WIRE_JSON);
  }

  /**
   * Returns the findings of {@code profile} on the change from {@code before} to {@code after}.
   *
   * @param before the old schema (the baseline), not null
   * @param after the new schema, not null
   * @param profile which rules to run, not null
   * @return every finding, sorted by file, line, column and rule id; empty when nothing breaks
   */
  public static List<Finding> check(ProtoSchema before, ProtoSchema after, Profile profile) {
    return withProfile(profile).findings(before, after);
  }

  /** Returns a check of the rules of {@code profile}, nothing ignored. */
  public static SchemaCompatibility withProfile(Profile profile) {
    Objects.requireNonNull(profile, "profile");
    return withRules(profile.rules());
  }

  /**
   * Returns a check of exactly the given rules, as buf's {@code breaking.use} list of rule ids
   * does.
   *
   * @throws IllegalArgumentException when {@code rules} is empty
   */
  public static SchemaCompatibility withRules(Collection<Rule> rules) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("A check needs at least one rule");
    }
    return new SchemaCompatibility(
        Collections.unmodifiableSet(EnumSet.copyOf(rules)), Set.of(), Set.of(), Map.of());
  }

  /**
   * Returns this check with the given rules turned off (buf's {@code except}).
   *
   * @param ruleIds rule ids such as {@code "FIELD_SAME_JSON_NAME"}
   * @throws IllegalArgumentException when an id names no rule; the message names the closest ids
   */
  public SchemaCompatibility ignoringRules(String... ruleIds) {
    Set<Rule> ignored = EnumSet.noneOf(Rule.class);
    ignored.addAll(ignoredRules);
    for (String id : ruleIds) {
      ignored.add(rule(id));
    }
    return new SchemaCompatibility(
        rules, Collections.unmodifiableSet(ignored), ignoredElements, ignoredRuleElements);
  }

  /**
   * Returns this check with every finding on the given elements left out (buf's {@code ignore}). An
   * element is a full name (a package, message, enum, service, field or method such as {@code
   * "acme.v1.Orders/Get"}, matching it and everything inside it) or a file or directory path
   * ({@code "acme/legacy"}, matching the files under it).
   */
  public SchemaCompatibility ignoringElements(String... elements) {
    Set<String> set = new LinkedHashSet<>(ignoredElements);
    for (String e : elements) {
      set.add(Objects.requireNonNull(e, "element"));
    }
    return new SchemaCompatibility(
        rules, ignoredRules, Collections.unmodifiableSet(set), ignoredRuleElements);
  }

  /**
   * Returns this check with the findings of one rule on the given elements left out (buf's {@code
   * ignore_only}). Elements match as in {@link #ignoringElements(String...)}.
   *
   * @throws IllegalArgumentException when the id names no rule; the message names the closest ids
   */
  public SchemaCompatibility ignoring(String ruleId, String... elements) {
    Rule rule = rule(ruleId);
    Map<Rule, Set<String>> map = new LinkedHashMap<>(ignoredRuleElements);
    Set<String> set = new LinkedHashSet<>(map.getOrDefault(rule, Set.of()));
    set.addAll(Arrays.asList(elements));
    map.put(rule, Collections.unmodifiableSet(set));
    return new SchemaCompatibility(
        rules, ignoredRules, ignoredElements, Collections.unmodifiableMap(map));
  }

  /** Returns the rules this check runs, before ignores. */
  public Set<Rule> rules() {
    return rules;
  }

  /**
   * Returns the findings on the change from {@code before} to {@code after}, ignores applied.
   *
   * @param before the old schema (the baseline), not null
   * @param after the new schema, not null
   * @return every finding, sorted by file, line, column and rule id; empty when nothing changed
   *     that a rule covers
   */
  public List<Finding> findings(ProtoSchema before, ProtoSchema after) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Set<Rule> active = EnumSet.copyOf(rules);
    active.removeAll(ignoredRules);
    if (active.isEmpty()) {
      return List.of();
    }
    List<Finding> kept = new ArrayList<>();
    for (Finding f : Engine.run(before, after, active)) {
      if (!ignored(f)) {
        kept.add(f);
      }
    }
    return List.copyOf(kept);
  }

  /** Returns whether any of {@code findings} is breaking ({@link Severity#ERROR}). */
  public static boolean anyBreaking(Collection<Finding> findings) {
    for (Finding f : findings) {
      if (f.isBreaking()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the rule with the given id.
   *
   * @throws IllegalArgumentException when no rule has that id; the message names the closest ids
   */
  public static Rule rule(String id) {
    Objects.requireNonNull(id, "rule id");
    for (Rule r : Rule.values()) {
      if (r.name().equals(id)) {
        return r;
      }
    }
    List<String> ids = new ArrayList<>();
    for (Rule r : Rule.values()) {
      ids.add(r.name());
    }
    List<String> close = Names.closest(id, ids);
    String suggestion =
        close.isEmpty()
            ? "; the ids are buf's breaking rule ids and the GRPC_* rules"
            : close.size() == 1
                ? "; did you mean " + close.get(0) + "?"
                : "; did you mean "
                    + String.join(", ", close.subList(0, close.size() - 1))
                    + " or "
                    + close.get(close.size() - 1)
                    + "?";
    throw new IllegalArgumentException("Unknown rule id '" + id + "'" + suggestion);
  }

  private boolean ignored(Finding f) {
    for (String e : ignoredElements) {
      if (matches(e, f)) {
        return true;
      }
    }
    for (String e : ignoredRuleElements.getOrDefault(f.rule(), Set.of())) {
      if (matches(e, f)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String element, Finding f) {
    String name = f.element();
    String file = f.location().file();
    return name.equals(element)
        || name.startsWith(element + ".")
        || name.startsWith(element + "/")
        || file.equals(element)
        || file.startsWith(element.endsWith("/") ? element : element + "/");
  }

  @Override
  public String toString() {
    return "SchemaCompatibility[" + rules.size() + " rules, ignoring " + ignoredRules + "]";
  }
}
