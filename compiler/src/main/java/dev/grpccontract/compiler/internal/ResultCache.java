package dev.grpccontract.compiler.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JVM-wide, bounded, thread-safe cache of compilation results keyed by source content. */
public final class ResultCache {
  private static final int MAX_ENTRIES = 64;

  private static final Map<String, Object> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  private ResultCache() {}

  /** A key over the requested names, every source's name and text, and the mode. */
  public static String key(List<String> requested, Map<String, String> closure, String mode) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      update(md, mode);
      for (String r : requested) {
        update(md, r);
      }
      update(md, "|");
      closure.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e -> {
                update(md, e.getKey());
                update(md, e.getValue() == null ? "\u0000missing" : e.getValue());
              });
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update((byte) (b.length >>> 24));
    md.update((byte) (b.length >>> 16));
    md.update((byte) (b.length >>> 8));
    md.update((byte) b.length);
    md.update(b);
  }

  /** The cached value, or null. */
  @SuppressWarnings("unchecked")
  public static <T> T get(String key) {
    synchronized (CACHE) {
      return (T) CACHE.get(key);
    }
  }

  /** Stores a value. */
  public static void put(String key, Object value) {
    synchronized (CACHE) {
      CACHE.put(key, value);
    }
  }
}
