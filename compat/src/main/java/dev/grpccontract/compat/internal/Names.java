package dev.grpccontract.compat.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Closest-name suggestions for misspelt rule ids. */
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

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
