package dev.grpccontract.compiler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultCacheTest {

  @Test
  void keysDependOnNamesContentAndMode() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("a.proto", "syntax = \"proto3\";");
    Map<String, String> b = new LinkedHashMap<>();
    b.put("a.proto", "syntax = \"proto3\"; ");

    String key = ResultCache.key(List.of("a.proto"), a, "");
    assertThat(ResultCache.key(List.of("a.proto"), new LinkedHashMap<>(a), "")).isEqualTo(key);
    assertThat(ResultCache.key(List.of("a.proto"), b, "")).isNotEqualTo(key);
    assertThat(ResultCache.key(List.of("a.proto"), a, "/usr/bin/protoc")).isNotEqualTo(key);
    assertThat(ResultCache.key(List.of("a.proto", "a.proto"), a, "")).isNotEqualTo(key);
  }

  @Test
  void isBoundedAndEvictsTheLeastRecentlyUsed() {
    ResultCache.put("first", "value");
    for (int i = 0; i < 300; i++) {
      ResultCache.put("filler-" + i, i);
    }
    assertThat(ResultCache.<Object>get("first")).isNull();
    assertThat(ResultCache.<Integer>get("filler-299")).isEqualTo(299);
  }
}
