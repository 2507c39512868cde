package dev.grpccontract.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.compat.RuleCases.RuleCase;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule, on a pair of schemas that breaks it and on a pair that does not. */
class RuleTableTest {

  static Stream<RuleCase> cases() {
    return RuleCases.everyPair().stream();
  }

  @Test
  void everyRuleHasExactlyOneCase() {
    List<Rule> covered = RuleCases.ALL.stream().map(RuleCase::rule).collect(Collectors.toList());
    assertThat(covered).doesNotHaveDuplicates().containsExactlyInAnyOrder(Rule.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void breakingPairIsReportedWithExplanationAndLocation(RuleCase c) {
    List<Finding> findings =
        SchemaCompatibility.withRules(Set.of(c.rule()))
            .findings(RuleCases.compile(c.breakingBefore()), RuleCases.compile(c.breakingAfter()));

    assertThat(findings)
        .as("findings of %s", c.rule())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.rule()).isEqualTo(c.rule()))
        .allSatisfy(f -> assertThat(f.isBreaking()).as("%s is breaking", f).isTrue())
        .anySatisfy(f -> assertThat(f.message()).contains(c.explanation()));
    for (Finding f : findings) {
      Set<String> files =
          c.rule() == Rule.FILE_NO_DELETE
              ? c.breakingBefore().keySet()
              : c.breakingAfter().keySet();
      assertThat(f.location().file()).as("file of %s", f).isIn(files);
      if (c.rule() == Rule.FILE_NO_DELETE) {
        assertThat(f.location().hasPosition()).as("a deleted file has no position").isFalse();
      } else {
        assertThat(f.location().line()).as("line of %s", f).isPositive();
        assertThat(f.location().column()).as("column of %s", f).isPositive();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cleanPairIsNotReported(RuleCase c) {
    List<Finding> findings =
        SchemaCompatibility.withRules(Set.of(c.rule()))
            .findings(RuleCases.compile(c.cleanBefore()), RuleCases.compile(c.cleanAfter()));

    assertThat(findings).as("findings of %s", c.rule()).noneMatch(Finding::isBreaking);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void unchangedSchemaHasNoFindings(RuleCase c) {
    assertThat(
            SchemaCompatibility.withRules(EnumSet.allOf(Rule.class))
                .findings(
                    RuleCases.compile(c.breakingBefore()), RuleCases.compile(c.breakingBefore())))
        .isEmpty();
  }
}
