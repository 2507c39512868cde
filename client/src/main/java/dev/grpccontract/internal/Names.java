package dev.grpccontract.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the names closest to a misspelled one, for "did you mean" hints in error messages. */
public final class Names {

  private Names() {}

  /**
   * Returns up to {@code limit} candidates ordered by closeness to {@code wanted}: candidates that
   * contain it or end with it (ignoring case) first, then by edit distance. Candidates that are far
   * off (more edits than half the length of the last segment of {@code wanted}, the part after the
   * last '/' or '.') are left out.
   */
  public static List<String> closest(String wanted, Collection<String> candidates, int limit) {
    String target = wanted.toLowerCase(Locale.ROOT);
    int segment = target.length() - Math.max(target.lastIndexOf('/'), target.lastIndexOf('.')) - 1;
    int tolerance = Math.max(2, segment / 2);
    List<Scored> scored = new ArrayList<>();
    for (String candidate : candidates) {
      String lower = candidate.toLowerCase(Locale.ROOT);
      int distance;
      if (lower.equals(target)) {
        distance = 0;
      } else if (lower.endsWith(target) || lower.contains(target) || target.contains(lower)) {
        distance = 1;
      } else {
        distance = 1 + levenshtein(target, lower);
        if (distance > tolerance + 1) {
          continue;
        }
      }
      scored.add(new Scored(candidate, distance));
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    List<String> result = new ArrayList<>();
    for (Scored s : scored) {
      if (result.size() == limit) {
        break;
      }
      result.add(s.name());
    }
    return result;
  }

  /** Formats a hint such as {@code "; did you mean 'a' or 'b'?"}, or an empty string for none. */
  public static String didYouMean(String wanted, Collection<String> candidates) {
    List<String> closest = closest(wanted, candidates, 3);
    if (closest.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("; did you mean ");
    for (int i = 0; i < closest.size(); i++) {
      if (i > 0) {
        text.append(i == closest.size() - 1 ? " or " : ", ");
      }
      text.append('\'').append(closest.get(i)).append('\'');
    }
    return text.append('?').toString();
  }

  /** Returns the edit distance between {@code a} and {@code b} (insertions, deletions, changes). */
  public static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private record Scored(String name, int distance) {}
}
