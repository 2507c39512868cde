package dev.grpccontract.coverage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A coverage report of a test run: which methods of the schemas were called, with which status
 * codes, which request fields were set and which response fields were seen and asserted on.
 *
 * <p>Made by {@link CoverageRecorder#report()}, read back from {@code coverage.json} with {@link
 * #read(Path)}, and merged across the JVMs of one build ({@link #merge}). {@link #writeTo(Path)}
 * writes {@code coverage.json} and a self-contained {@code coverage.html}. Immutable.
 */
public final class CoverageReport {

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private final JsonObject json;

  private CoverageReport(JsonObject json) {
    this.json = json;
  }

  /**
   * Reads a report written by {@link #writeTo(Path)}.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a coverage report
   */
  public static CoverageReport read(Path file) {
    try {
      JsonElement element = JsonParser.parseString(Files.readString(file));
      if (!element.isJsonObject() || !element.getAsJsonObject().has("services")) {
        throw new IllegalArgumentException(file + " is not a grpc-contract coverage report");
      }
      return new CoverageReport(element.getAsJsonObject());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read coverage report " + file, e);
    }
  }

  /** Returns the report as {@code coverage.json} holds it. */
  public String toJson() {
    return GSON.toJson(json);
  }

  /** Returns the number of methods in the report's schemas. */
  public int methodCount() {
    int count = 0;
    for (JsonObject method : methods()) {
      count += method == null ? 0 : 1;
    }
    return count;
  }

  /** Returns the number of methods called at least once. */
  public int calledMethodCount() {
    int count = 0;
    for (JsonObject method : methods()) {
      if (method.get("calls").getAsInt() > 0) {
        count++;
      }
    }
    return count;
  }

  /** Returns the share of methods called, in percent (100 for a report with no methods). */
  public double methodPercent() {
    int total = methodCount();
    return total == 0 ? 100.0 : 100.0 * calledMethodCount() / total;
  }

  /** Returns the full names of the methods never called, sorted. */
  public List<String> uncalledMethods() {
    List<String> names = new ArrayList<>();
    for (JsonObject method : methods()) {
      if (method.get("calls").getAsInt() == 0) {
        names.add(method.get("name").getAsString());
      }
    }
    return names;
  }

  /** Returns the status codes seen for {@code method}, with how often; empty when never called. */
  public Map<String, Integer> statusCodes(String method) {
    Map<String, Integer> codes = new TreeMap<>();
    JsonObject found = method(method);
    if (found != null) {
      found
          .getAsJsonObject("statusCodes")
          .entrySet()
          .forEach(e -> codes.put(e.getKey(), e.getValue().getAsInt()));
    }
    return codes;
  }

  /** Returns the request field paths ever set for {@code method} ({@code items[].sku}). */
  public Set<String> requestFieldsSet(String method) {
    return set(method, "request", "seen");
  }

  /**
   * Returns the consumers whose contract files rely on {@code method} (from the {@code consumer:}
   * key of the files verified), each with the fields it relies on, as {@code request.<path>} and
   * {@code response.<path>}; empty when no consumer's file names the method.
   */
  public Map<String, Set<String>> consumers(String method) {
    Map<String, Set<String>> result = new java.util.TreeMap<>();
    for (JsonObject one : methods()) {
      if (one.get("name").getAsString().equals(method) && one.has("consumers")) {
        for (Map.Entry<String, JsonElement> consumer :
            one.getAsJsonObject("consumers").entrySet()) {
          Set<String> fields = new TreeSet<>();
          for (String side : List.of("request", "response")) {
            consumer
                .getValue()
                .getAsJsonObject()
                .getAsJsonArray(side)
                .forEach(f -> fields.add(side + "." + f.getAsString()));
          }
          result.put(consumer.getKey(), fields);
        }
      }
    }
    return result;
  }

  /** Returns the response fields of {@code method} that assertions or contract checks looked at. */
  public Set<String> responseFieldsAsserted(String method) {
    return set(method, "response", "asserted");
  }

  private Set<String> set(String method, String side, String key) {
    JsonObject found = method(method);
    Set<String> values = new TreeSet<>();
    if (found != null && found.getAsJsonObject(side).has(key)) {
      found.getAsJsonObject(side).getAsJsonArray(key).forEach(e -> values.add(e.getAsString()));
    }
    return values;
  }

  private JsonObject method(String name) {
    for (JsonObject method : methods()) {
      if (method.get("name").getAsString().equals(name)) {
        return method;
      }
    }
    return null;
  }

  private List<JsonObject> methods() {
    List<JsonObject> all = new ArrayList<>();
    for (JsonElement service : json.getAsJsonArray("services")) {
      for (JsonElement method : service.getAsJsonObject().getAsJsonArray("methods")) {
        all.add(method.getAsJsonObject());
      }
    }
    return all;
  }

  /**
   * Returns one report of several, as from the JVMs (test forks) of one build: calls and status
   * counts add up, fields, enum values and oneof branches seen are united.
   */
  public static CoverageReport merge(List<CoverageReport> reports) {
    Map<String, JsonObject> byName = new TreeMap<>();
    for (CoverageReport report : reports) {
      for (JsonObject method : report.methods()) {
        String name = method.get("name").getAsString();
        JsonObject existing = byName.get(name);
        byName.put(name, existing == null ? method.deepCopy() : mergeMethod(existing, method));
      }
    }
    Map<String, JsonArray> services = new TreeMap<>();
    byName.forEach(
        (name, method) ->
            services
                .computeIfAbsent(name.substring(0, name.indexOf('/')), k -> new JsonArray())
                .add(method));
    return fromServices(services);
  }

  /** Returns a report of the methods of each service, by service name. */
  static CoverageReport fromServices(Map<String, JsonArray> services) {
    JsonArray array = new JsonArray();
    services.forEach(
        (name, methods) -> {
          JsonObject service = new JsonObject();
          service.addProperty("name", name);
          service.add("methods", methods);
          array.add(service);
        });
    JsonObject root = new JsonObject();
    root.add("services", array);
    return new CoverageReport(root);
  }

  private static JsonObject mergeMethod(JsonObject a, JsonObject b) {
    JsonObject out = a.deepCopy();
    out.addProperty("calls", a.get("calls").getAsInt() + b.get("calls").getAsInt());
    JsonObject codes = out.getAsJsonObject("statusCodes");
    b.getAsJsonObject("statusCodes")
        .entrySet()
        .forEach(
            e ->
                codes.addProperty(
                    e.getKey(),
                    (codes.has(e.getKey()) ? codes.get(e.getKey()).getAsInt() : 0)
                        + e.getValue().getAsInt()));
    for (String side : List.of("request", "response")) {
      JsonObject target = out.getAsJsonObject(side);
      JsonObject source = b.getAsJsonObject(side);
      for (String key : List.of("seen", "asserted")) {
        if (source.has(key)) {
          target.add(
              key,
              union(
                  target.has(key) ? target.getAsJsonArray(key) : new JsonArray(),
                  source.getAsJsonArray(key)));
        }
      }
      for (String group : List.of("enums", "oneofs")) {
        JsonObject targetGroup = target.getAsJsonObject(group);
        source
            .getAsJsonObject(group)
            .entrySet()
            .forEach(
                e -> {
                  JsonObject into = targetGroup.getAsJsonObject(e.getKey());
                  if (into == null) {
                    targetGroup.add(e.getKey(), e.getValue().deepCopy());
                  } else {
                    into.add(
                        "seen",
                        union(
                            into.getAsJsonArray("seen"),
                            e.getValue().getAsJsonObject().getAsJsonArray("seen")));
                  }
                });
      }
    }
    if (b.has("consumers")) {
      JsonObject into = out.has("consumers") ? out.getAsJsonObject("consumers") : new JsonObject();
      for (Map.Entry<String, JsonElement> consumer : b.getAsJsonObject("consumers").entrySet()) {
        JsonObject source = consumer.getValue().getAsJsonObject();
        JsonObject target = into.getAsJsonObject(consumer.getKey());
        if (target == null) {
          into.add(consumer.getKey(), source.deepCopy());
        } else {
          for (String side : List.of("request", "response")) {
            target.add(side, union(target.getAsJsonArray(side), source.getAsJsonArray(side)));
          }
        }
      }
      out.add("consumers", into);
    }
    if (a.has("streams") && b.has("streams") && b.getAsJsonObject("streams").size() > 0) {
      JsonObject sa = out.getAsJsonObject("streams");
      JsonObject sb = b.getAsJsonObject("streams");
      if (sa.size() == 0) {
        out.add("streams", sb.deepCopy());
      } else {
        for (String key : List.of("minResponses", "minRequests")) {
          sa.addProperty(key, Math.min(sa.get(key).getAsInt(), sb.get(key).getAsInt()));
        }
        for (String key : List.of("maxResponses", "maxRequests")) {
          sa.addProperty(key, Math.max(sa.get(key).getAsInt(), sb.get(key).getAsInt()));
        }
        sa.addProperty(
            "cancelled", sa.get("cancelled").getAsInt() + sb.get("cancelled").getAsInt());
      }
    }
    return out;
  }

  private static JsonArray union(JsonArray a, JsonArray b) {
    Set<String> all = new TreeSet<>();
    a.forEach(e -> all.add(e.getAsString()));
    b.forEach(e -> all.add(e.getAsString()));
    JsonArray out = new JsonArray();
    all.forEach(out::add);
    return out;
  }

  /**
   * Writes {@code coverage.json} and {@code coverage.html} into {@code directory}, creating it.
   *
   * @throws UncheckedIOException when the files cannot be written
   */
  public void writeTo(Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("coverage.json"), toJson(), StandardCharsets.UTF_8);
      Files.writeString(directory.resolve("coverage.html"), html(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the coverage report to " + directory, e);
    }
  }

  /** Returns the one-paragraph summary printed at the end of a run. */
  public String summary() {
    int requestSet = 0;
    int requestAll = 0;
    int asserted = 0;
    int responseAll = 0;
    Set<String> codes = new LinkedHashSet<>();
    for (JsonObject method : methods()) {
      requestAll += method.getAsJsonObject("request").getAsJsonArray("fields").size();
      requestSet += method.getAsJsonObject("request").getAsJsonArray("seen").size();
      JsonObject response = method.getAsJsonObject("response");
      responseAll += response.getAsJsonArray("fields").size();
      asserted += response.has("asserted") ? response.getAsJsonArray("asserted").size() : 0;
      codes.addAll(method.getAsJsonObject("statusCodes").keySet());
    }
    List<String> uncalled = uncalledMethods();
    return String.format(
        Locale.ROOT,
        "grpc-contract coverage: %d of %d methods called (%.0f%%); status codes seen: %s;"
            + " request fields set: %d of %d; response fields asserted: %d of %d.%s",
        calledMethodCount(),
        methodCount(),
        methodPercent(),
        codes.isEmpty() ? "none" : String.join(", ", codes),
        requestSet,
        requestAll,
        asserted,
        responseAll,
        uncalled.isEmpty()
            ? ""
            : " Never called: "
                + String.join(", ", uncalled.subList(0, Math.min(uncalled.size(), 10)))
                + (uncalled.size() > 10 ? " and " + (uncalled.size() - 10) + " more" : "")
                + ".");
  }

  /** Returns the self-contained HTML page of the report: no scripts, no external resources. */
  public String html() {
    StringBuilder out = new StringBuilder(16_384);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>grpc-contract coverage</title>\n<style>\n")
        .append(
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1f2328}"
                + "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}"
                + ".summary{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;max-width:1100px}"
                + "table{border-collapse:collapse;margin:6px 0 10px}"
                + "th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:center;white-space:nowrap}"
                + "th{background:#f6f8fa;font-weight:600}"
                + "th.code{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:500;font-size:12px;padding:6px 2px}"
                + "td.name{text-align:left;font-family:ui-monospace,monospace}"
                + "td.hit{background:#dafbe1;font-weight:600}td.zero{color:#b1b8c0}"
                + "tr.uncalled td.name{background:#ffebe9}"
                + ".bar{display:inline-block;height:8px;background:#2da44e;vertical-align:middle}"
                + ".bar0{display:inline-block;height:8px;background:#d0d7de;vertical-align:middle}"
                + "details{margin:2px 0 2px 8px}summary{cursor:pointer;font-family:ui-monospace,monospace}"
                + "ul{margin:4px 0 8px 18px;padding:0}li{font-family:ui-monospace,monospace;font-size:13px}"
                + ".miss{color:#cf222e}.ok{color:#1a7f37}")
        .append(
            "\n</style>\n</head>\n<body>\n<h1>grpc-contract coverage</h1>\n<p class=\"summary\">")
        .append(escape(summary()))
        .append("</p>\n");
    for (JsonElement serviceElement : json.getAsJsonArray("services")) {
      JsonObject service = serviceElement.getAsJsonObject();
      out.append("<h2>")
          .append(escape(service.get("name").getAsString()))
          .append("</h2>\n<table>\n<tr><th>method</th><th>kind</th><th>calls</th>");
      for (Status.Code code : Status.Code.values()) {
        out.append("<th class=\"code\">").append(code.name()).append("</th>");
      }
      out.append("<th>request fields set</th><th>response fields asserted</th></tr>\n");
      for (JsonElement methodElement : service.getAsJsonArray("methods")) {
        JsonObject method = methodElement.getAsJsonObject();
        int calls = method.get("calls").getAsInt();
        String name = method.get("name").getAsString();
        out.append(calls == 0 ? "<tr class=\"uncalled\">" : "<tr>")
            .append("<td class=\"name\">")
            .append(escape(name.substring(name.indexOf('/') + 1)))
            .append("</td><td>")
            .append(escape(method.get("kind").getAsString()))
            .append("</td><td>")
            .append(calls)
            .append("</td>");
        JsonObject codes = method.getAsJsonObject("statusCodes");
        for (Status.Code code : Status.Code.values()) {
          int count = codes.has(code.name()) ? codes.get(code.name()).getAsInt() : 0;
          out.append(
              count > 0
                  ? "<td class=\"hit\" title=\"" + code.name() + "\">" + count + "</td>"
                  : "<td class=\"zero\">·</td>");
        }
        JsonObject request = method.getAsJsonObject("request");
        JsonObject response = method.getAsJsonObject("response");
        out.append("<td>")
            .append(
                ratio(
                    request.getAsJsonArray("seen").size(), request.getAsJsonArray("fields").size()))
            .append("</td><td>")
            .append(
                ratio(
                    response.has("asserted") ? response.getAsJsonArray("asserted").size() : 0,
                    response.getAsJsonArray("fields").size()))
            .append("</td></tr>\n");
      }
      out.append("</table>\n");
      for (JsonElement methodElement : service.getAsJsonArray("methods")) {
        details(out, methodElement.getAsJsonObject());
      }
    }
    consumersTable(out);
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  /** Which consumer relies on which method and fields, when contract files named consumers. */
  private void consumersTable(StringBuilder out) {
    StringBuilder rows = new StringBuilder();
    for (JsonObject method : methods()) {
      if (!method.has("consumers")) {
        continue;
      }
      for (Map.Entry<String, JsonElement> consumer :
          method.getAsJsonObject("consumers").entrySet()) {
        JsonObject sides = consumer.getValue().getAsJsonObject();
        rows.append("<tr><td>")
            .append(escape(consumer.getKey()))
            .append("</td><td class=\"name\">")
            .append(escape(method.get("name").getAsString()))
            .append("</td>");
        for (String side : List.of("request", "response")) {
          List<String> fields = new ArrayList<>();
          sides.getAsJsonArray(side).forEach(f -> fields.add(f.getAsString()));
          rows.append("<td>").append(escape(String.join(", ", fields))).append("</td>");
        }
        rows.append("</tr>\n");
      }
    }
    if (rows.length() > 0) {
      out.append("<h2>Consumers</h2>\n<table>\n<tr><th>consumer</th><th>method</th>")
          .append("<th>request fields it sets</th><th>response fields it relies on</th></tr>\n")
          .append(rows)
          .append("</table>\n");
    }
  }

  private static void details(StringBuilder out, JsonObject method) {
    String name = method.get("name").getAsString();
    out.append("<details><summary>").append(escape(name)).append("</summary>\n");
    JsonObject request = method.getAsJsonObject("request");
    JsonObject response = method.getAsJsonObject("response");
    list(
        out,
        "request fields never set (" + request.get("type").getAsString() + ")",
        missing(request, "seen"));
    list(
        out,
        "response fields never asserted on (" + response.get("type").getAsString() + ")",
        missing(response, "asserted"));
    for (String side : List.of("request", "response")) {
      JsonObject part = method.getAsJsonObject(side);
      list(out, side + " enum values never seen", unseen(part.getAsJsonObject("enums"), "values"));
      list(
          out,
          side + " oneof branches never seen",
          unseen(part.getAsJsonObject("oneofs"), "branches"));
    }
    if (method.has("streams") && method.getAsJsonObject("streams").size() > 0) {
      JsonObject streams = method.getAsJsonObject("streams");
      out.append("<ul><li>streams: ")
          .append(streams.get("minRequests").getAsInt())
          .append("–")
          .append(streams.get("maxRequests").getAsInt())
          .append(" requests, ")
          .append(streams.get("minResponses").getAsInt())
          .append("–")
          .append(streams.get("maxResponses").getAsInt())
          .append(" responses, ")
          .append(streams.get("cancelled").getAsInt())
          .append(" cancelled by the client</li></ul>\n");
    }
    out.append("</details>\n");
  }

  /**
   * Returns, per entry of {@code group} (enum fields or oneofs), the values of {@code allKey} not
   * among its {@code seen}, as {@code path: a, b} lines.
   */
  private static List<String> unseen(JsonObject group, String allKey) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, JsonElement> entry : group.entrySet()) {
      JsonObject one = entry.getValue().getAsJsonObject();
      List<String> unseen = new ArrayList<>(strings(one.getAsJsonArray(allKey)));
      unseen.removeAll(strings(one.getAsJsonArray("seen")));
      if (!unseen.isEmpty()) {
        lines.add(entry.getKey() + ": " + String.join(", ", unseen));
      }
    }
    return lines;
  }

  private static List<String> missing(JsonObject side, String key) {
    List<String> all = new ArrayList<>(strings(side.getAsJsonArray("fields")));
    if (side.has(key)) {
      all.removeAll(strings(side.getAsJsonArray(key)));
    }
    return all;
  }

  private static void list(StringBuilder out, String title, List<String> items) {
    if (items.isEmpty()) {
      out.append("<div class=\"ok\">")
          .append(escape(title.replaceFirst(" never .*", "")))
          .append(": all covered</div>\n");
      return;
    }
    out.append("<div class=\"miss\">").append(escape(title)).append(":</div><ul>");
    for (String item : items) {
      out.append("<li>").append(escape(item)).append("</li>");
    }
    out.append("</ul>\n");
  }

  private static Set<String> strings(JsonArray array) {
    Set<String> values = new LinkedHashSet<>();
    array.forEach(e -> values.add(e.getAsString()));
    return values;
  }

  private static String ratio(int part, int whole) {
    int width = whole == 0 ? 0 : Math.round(60f * part / whole);
    return String.format(
        Locale.ROOT,
        "<span class=\"bar\" style=\"width:%dpx\"></span><span class=\"bar0\" style=\"width:%dpx\"></span> %d/%d",
        width,
        60 - width,
        part,
        whole);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
