package dev.grpccontract.compat.internal.cli;

import dev.grpccontract.compat.Finding;
import java.io.PrintWriter;
import java.util.List;

/** Writes findings as text, JSON lines (buf's field names) or JUnit XML. */
final class Formats {
  private Formats() {}

  static void write(String format, List<Finding> findings, PrintWriter out) {
    switch (format) {
      case "json":
        for (Finding f : findings) {
          out.println(json(f));
        }
        break;
      case "junit":
        junit(findings, out);
        break;
      default:
        for (Finding f : findings) {
          out.println(f);
        }
    }
  }

  static String json(Finding f) {
    StringBuilder b = new StringBuilder("{");
    b.append("\"path\":").append(quote(f.location().file()));
    if (f.location().hasPosition()) {
      b.append(",\"start_line\":").append(f.location().line());
      b.append(",\"start_column\":").append(f.location().column());
    }
    b.append(",\"type\":").append(quote(f.ruleId()));
    b.append(",\"severity\":").append(quote(f.severity().name()));
    b.append(",\"element\":").append(quote(f.element()));
    b.append(",\"message\":").append(quote(f.message()));
    return b.append('}').toString();
  }

  private static void junit(List<Finding> findings, PrintWriter out) {
    long failures = findings.stream().filter(Finding::isBreaking).count();
    int tests = Math.max(1, findings.size());
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.println("<testsuites tests=\"" + tests + "\" failures=\"" + failures + "\">");
    out.println(
        "  <testsuite name=\"grpc-contract compat\" tests=\""
            + tests
            + "\" failures=\""
            + failures
            + "\">");
    if (findings.isEmpty()) {
      out.println("    <testcase classname=\"compat\" name=\"backward compatible\"/>");
    }
    for (Finding f : findings) {
      String name = xml(f.location() + " " + f.ruleId());
      String classname = xml(f.location().file());
      if (f.isBreaking()) {
        out.println("    <testcase classname=\"" + classname + "\" name=\"" + name + "\">");
        out.println(
            "      <failure type=\""
                + f.ruleId()
                + "\" message=\""
                + xml(f.message())
                + "\">"
                + xml(f.toString())
                + "</failure>");
        out.println("    </testcase>");
      } else {
        out.println("    <testcase classname=\"" + classname + "\" name=\"" + name + "\">");
        out.println("      <system-out>" + xml(f.toString()) + "</system-out>");
        out.println("    </testcase>");
      }
    }
    out.println("  </testsuite>");
    out.println("</testsuites>");
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  static String xml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
