package dev.grpccontract.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The figures of one {@link UnaryBenchmark} run side by side: for each payload size, the throughput
 * of each variant and the ratios of the client's variants to the generated stub, with the targets
 * they are held to.
 */
public final class UnaryComparison {

  /** The least throughput of the client with a {@code Message} request, as a share of (a)'s. */
  public static final double MESSAGE_TARGET = 0.90;

  /** The least throughput of the client with JSON in and out, as a share of the stub's. */
  public static final double JSON_TARGET = 0.50;

  private UnaryComparison() {}

  /**
   * A throughput in calls per second and its error (half the 99.9% confidence interval; {@code NaN}
   * when there were too few iterations to compute one).
   */
  public record Throughput(double score, double error) {

    /** A throughput that was not measured. */
    public static final Throughput MISSING = new Throughput(Double.NaN, Double.NaN);

    /** Returns whether this variant was measured. */
    public boolean measured() {
      return !Double.isNaN(score);
    }
  }

  /**
   * The variants' throughputs for one payload size: the three compared, and the stub with a
   * deadline as the reference for the client's own cost.
   */
  public record Row(
      String payload,
      String server,
      Throughput stub,
      Throughput clientMessage,
      Throughput clientJson,
      Throughput stubWithDeadline) {

    /** Returns (b)/(a): the client with a {@code Message} request against the stub. */
    public double messageRatio() {
      return clientMessage.score() / stub.score();
    }

    /** Returns (c)/(a): the client with JSON in and out against the stub. */
    public double jsonRatio() {
      return clientJson.score() / stub.score();
    }

    /** Returns (b)/(a'): the client with a {@code Message} request against the deadline stub. */
    public double messageRatioToDeadlineStub() {
      return clientMessage.score() / stubWithDeadline.score();
    }

    /** Returns (c)/(a'): the client with JSON in and out against the deadline stub. */
    public double jsonRatioToDeadlineStub() {
      return clientJson.score() / stubWithDeadline.score();
    }

    /** Returns whether (b)/(a) reaches {@link #MESSAGE_TARGET}; false when not measured. */
    public boolean meetsMessageTarget() {
      return messageRatio() >= MESSAGE_TARGET;
    }

    /** Returns whether (c)/(a) reaches {@link #JSON_TARGET}; false when not measured. */
    public boolean meetsJsonTarget() {
      return jsonRatio() >= JSON_TARGET;
    }
  }

  /**
   * Groups the results of a run by payload size and server, in the order the run measured them.
   * Results of other benchmarks are ignored; a variant the run left out is {@link
   * Throughput#MISSING}.
   */
  public static List<Row> rows(Collection<RunResult> results) {
    Map<List<String>, Map<String, Throughput>> bySetting = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String prefix = UnaryBenchmark.class.getName() + ".";
      if (!benchmark.startsWith(prefix)) {
        continue;
      }
      Result<?> primary = result.getPrimaryResult();
      String server = result.getParams().getParam("server");
      List<String> setting =
          List.of(
              result.getParams().getParam("payload"), server == null ? EchoFixture.DIRECT : server);
      bySetting
          .computeIfAbsent(setting, key -> new LinkedHashMap<>())
          .put(
              benchmark.substring(prefix.length()),
              new Throughput(primary.getScore(), primary.getScoreError()));
    }
    List<Row> rows = new ArrayList<>();
    bySetting.forEach((setting, scores) -> rows.add(row(setting.get(0), setting.get(1), scores)));
    return rows;
  }

  /**
   * Builds the rows of a run with the {@code direct} server from throughputs keyed by payload size,
   * then by benchmark method name ({@code stub}, {@code clientMessage}, {@code clientJson}, {@code
   * stubWithDeadline}).
   */
  public static List<Row> rows(Map<String, Map<String, Throughput>> byPayload) {
    List<Row> rows = new ArrayList<>();
    byPayload.forEach((payload, scores) -> rows.add(row(payload, EchoFixture.DIRECT, scores)));
    return rows;
  }

  private static Row row(String payload, String server, Map<String, Throughput> scores) {
    return new Row(
        payload,
        server,
        scores.getOrDefault("stub", Throughput.MISSING),
        scores.getOrDefault("clientMessage", Throughput.MISSING),
        scores.getOrDefault("clientJson", Throughput.MISSING),
        scores.getOrDefault("stubWithDeadline", Throughput.MISSING));
  }

  /** Returns the rows as a short plain-text report, one block per payload size. */
  public static String format(List<Row> rows) {
    StringBuilder text =
        new StringBuilder("Unary call: throughput in calls/s,")
            .append(" ± half its 99.9% confidence interval\n");
    for (Row row : rows) {
      text.append(
          String.format(
              Locale.ROOT,
              "%npayload %s (request %,d bytes on the wire), server %s%n",
              row.payload(),
              requestBytes(row.payload()),
              row.server()));
      text.append(
          String.format(
              Locale.ROOT,
              "  %-38s %12s %12s   %s%n",
              "variant",
              "calls/s",
              "± error",
              "ratio to (a)"));
      text.append(line("(a) generated blocking stub", row.stub())).append('\n');
      text.append(line("(b) GrpcClient, Message request", row.clientMessage()))
          .append(verdict("b/a", row.messageRatio(), MESSAGE_TARGET))
          .append('\n');
      text.append(line("(c) GrpcClient, JSON request + json()", row.clientJson()))
          .append(verdict("c/a", row.jsonRatio(), JSON_TARGET))
          .append('\n');
      text.append(line("(a') stub with the client's deadline", row.stubWithDeadline()))
          .append(reference("b/a'", row.messageRatioToDeadlineStub()))
          .append(reference("c/a'", row.jsonRatioToDeadlineStub()))
          .append('\n');
    }
    return text.toString();
  }

  private static long requestBytes(String payload) {
    try {
      return Payloads.request(payload).getSerializedSize();
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static String line(String variant, Throughput throughput) {
    if (!throughput.measured()) {
      return String.format(Locale.ROOT, "  %-38s %12s %12s", variant, "not measured", "");
    }
    return String.format(
        Locale.ROOT,
        "  %-38s %,12.0f %12s",
        variant,
        throughput.score(),
        Double.isNaN(throughput.error())
            ? ""
            : String.format(Locale.ROOT, "%,.0f", throughput.error()));
  }

  private static String reference(String name, double ratio) {
    return Double.isNaN(ratio)
        ? String.format(Locale.ROOT, "   %s = n/a", name)
        : String.format(Locale.ROOT, "   %s = %.3f", name, ratio);
  }

  private static String verdict(String name, double ratio, double target) {
    if (Double.isNaN(ratio)) {
      return String.format(Locale.ROOT, "   %s = n/a (target >= %.2f: not measured)", name, target);
    }
    return String.format(
        Locale.ROOT,
        "   %s = %.3f (target >= %.2f: %s)",
        name,
        ratio,
        target,
        ratio >= target ? "met" : "MISSED");
  }
}
