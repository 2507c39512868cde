package dev.grpccontract.compat.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Closest-name suggestions for misspelt rule ids: the policy for upper-case rule ids (a tolerance
 * of a third of the id) over the project's one edit distance, {@link
 * dev.grpccontract.internal.Names#levenshtein}.
 */
public final class Names {
  private Names() {}

  /**
   * Returns up to three of {@code candidates} closest to {@code name} by edit distance (case
   * insensitive), nearest first; names that share nothing with it are left out.
   */
  public static List<String> closest(String name, Collection<String> candidates) {
    String n = name.toUpperCase(Locale.ROOT);
    List<String> close = new ArrayList<>();
    for (String c : candidates) {
      if (distance(n, c) <= Math.max(3, c.length() / 3) || c.contains(n) || n.contains(c)) {
        close.add(c);
      }
    }
    close.sort(Comparator.comparingInt((String c) -> distance(n, c)).thenComparing(c -> c));
    return List.copyOf(close.subList(0, Math.min(3, close.size())));
  }

  /** The edit distance, from the one implementation the whole project uses. */
  static int distance(String a, String b) {
    return dev.grpccontract.internal.Names.levenshtein(a, b);
  }
}
