package dev.grpccontract.compat;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which rules a check runs: one of buf's categories, optionally with the {@link Category#GRPC}
 * rules, or {@link #GRPC_CLIENTS}, what breaks callers that are already running.
 */
public enum Profile {
  /** buf's {@code FILE} category, exactly: generated code must keep compiling, file by file. */
  FILE(rules(Category.FILE, false)),
  /** buf's {@code PACKAGE} category, exactly: types may move between files of one package. */
  PACKAGE(rules(Category.PACKAGE, false)),
  /** buf's {@code WIRE_JSON} category plus the {@link Category#GRPC} rules. The default. */
  WIRE_JSON(rules(Category.WIRE_JSON, true)),
  /** buf's {@code WIRE} category plus the {@link Category#GRPC} rules. */
  WIRE(rules(Category.WIRE, true)),
  /**
   * What breaks running clients, binary or JSON: buf's {@code WIRE_JSON} category without the rules
   * that only keep future changes safe (reservations) and without comparing request and response
   * types by name, plus the {@link Category#GRPC} rules, which compare those types by their wire
   * shape. The default for checks against a live server.
   */
  GRPC_CLIENTS(grpcClients());

  private final Set<Rule> rules;

  Profile(Set<Rule> rules) {
    this.rules = Collections.unmodifiableSet(rules);
  }

  /** Returns the rules of this profile. */
  public Set<Rule> rules() {
    return rules;
  }

  /** Returns whether this profile runs {@code rule}. */
  public boolean includes(Rule rule) {
    return rules.contains(rule);
  }

  private static Set<Rule> rules(Category category, boolean withGrpc) {
    Set<Rule> set = EnumSet.noneOf(Rule.class);
    for (Rule rule : Rule.values()) {
      if (rule.categories().contains(category)
          || (withGrpc && rule.categories().contains(Category.GRPC))) {
        set.add(rule);
      }
    }
    return set;
  }

  private static Set<Rule> grpcClients() {
    Set<Rule> set = rules(Category.WIRE_JSON, true);
    set.removeAll(
        EnumSet.of(
            Rule.FIELD_NO_DELETE_UNLESS_NAME_RESERVED,
            Rule.FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED,
            Rule.ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED,
            Rule.ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED,
            Rule.RESERVED_ENUM_NO_DELETE,
            Rule.RESERVED_MESSAGE_NO_DELETE,
            Rule.RPC_SAME_REQUEST_TYPE,
            Rule.RPC_SAME_RESPONSE_TYPE));
    return set;
  }
}
