package dev.grpccontract.contract;

import com.google.gson.JsonElement;
import com.google.protobuf.Message;
import dev.grpccontract.coverage.CoverageRecorder;
import dev.grpccontract.proto.compare.MessageDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * An expected message of a contract: the example, parsed into the method's message type, and the
 * matchers that loosen the comparison at some paths. Fields no matcher covers are compared with the
 * example by protobuf meaning.
 */
final class MessageCheck {

  private final Message example;
  private final JsonElement exampleJson;
  private final List<Matcher> matchers;
  private final MessageDiff.Settings settings;
  private final boolean anything;
  private final boolean partialRoot;

  MessageCheck(Message example, JsonElement exampleJson, List<Matcher> matchers) {
    this.example = example;
    this.exampleJson = exampleJson;
    this.matchers = List.copyOf(matchers);
    // A field the contract's schema does not know (sent by a newer server) cannot break it.
    MessageDiff.Settings settings = MessageDiff.Settings.DEFAULT.ignoringUnknownFields();
    List<String> ignored = new ArrayList<>();
    boolean anything = false;
    boolean partialRoot = false;
    for (Matcher matcher : matchers) {
      if (matcher.isRoot()) {
        if (matcher.kind == Matcher.Kind.PARTIAL) {
          settings = settings.comparingFieldsOf(exampleJson);
          partialRoot = true;
        } else {
          anything = true; // type or ignore of the whole message: any message of the type
        }
      } else {
        ignored.add(matcher.ignoredPath());
      }
    }
    this.settings = ignored.isEmpty() ? settings : settings.ignoringPaths(ignored);
    this.anything = anything;
    this.partialRoot = partialRoot;
  }

  /** Tells coverage which response fields this check looks at. */
  private void recordCoverage() {
    CoverageRecorder coverage = CoverageRecorder.global();
    if (!coverage.enabled() || anything) {
      return;
    }
    if (partialRoot) {
      coverage.asserted(example);
    } else {
      coverage.assertedWhole(example.getDescriptorForType());
    }
    for (Matcher matcher : matchers) {
      if (!matcher.isRoot() && matcher.kind != Matcher.Kind.IGNORE) {
        coverage.asserted(example.getDescriptorForType(), matcher.path);
      }
    }
  }

  Message example() {
    return example;
  }

  List<Matcher> matchers() {
    return matchers;
  }

  JsonElement exampleJson() {
    return exampleJson;
  }

  /**
   * Adds a line to {@code failures} for every matcher the example itself breaks (a regex its value
   * does not match, a field it leaves unset), as a mock that sends the example would break it.
   */
  void checkExample(String label, List<String> failures) {
    for (Matcher matcher : matchers) {
      matcher.check(example, example, label, failures);
    }
  }

  /**
   * Adds a line to {@code failures} for every way {@code actual} breaks this expectation, each
   * starting with {@code label} (e.g. {@code "response."} or {@code "responses[2]."}).
   */
  void check(Message actual, String label, List<String> failures) {
    recordCoverage();
    if (!anything) {
      for (MessageDiff.Difference difference : MessageDiff.compare(example, actual, settings)) {
        failures.add(label + difference);
      }
    }
    for (Matcher matcher : matchers) {
      matcher.check(example, actual, label, failures);
    }
  }
}
