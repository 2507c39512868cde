package dev.grpccontract.compiler.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Positions and unparsed options of the elements of one parsed file, keyed by builder identity. */
public final class SourceTable {
  private final Map<Object, Map<String, int[]>> positions = new IdentityHashMap<>();
  private final Map<Object, List<OptionEntry>> options = new IdentityHashMap<>();
  private final Map<Object, Boolean> explicitJsonName = new IdentityHashMap<>();
  private SourceInfoRecorder sourceInfo;

  /** The source code info being recorded for the file, or null when it is not wanted. */
  SourceInfoRecorder sourceInfo() {
    return sourceInfo;
  }

  void sourceInfo(SourceInfoRecorder recorder) {
    this.sourceInfo = recorder;
  }

  void put(Object element, String kind, int line, int column) {
    positions.computeIfAbsent(element, k -> new HashMap<>()).put(kind, new int[] {line, column});
  }

  /** Zero-based line and column of an element's part, or null. */
  int[] get(Object element, String kind) {
    Map<String, int[]> m = positions.get(element);
    return m == null ? null : m.get(kind);
  }

  void addOption(Object element, OptionEntry entry) {
    options.computeIfAbsent(element, k -> new ArrayList<>()).add(entry);
  }

  List<OptionEntry> options(Object element) {
    return options.getOrDefault(element, List.of());
  }

  void dropOptions(Object element) {
    options.remove(element);
  }

  void copyOptions(Object from, Object to) {
    for (OptionEntry e : options(from)) {
      addOption(to, e);
    }
  }

  void markJsonName(Object field) {
    explicitJsonName.put(field, Boolean.TRUE);
  }

  boolean hasExplicitJsonName(Object field) {
    return explicitJsonName.containsKey(field);
  }
}
