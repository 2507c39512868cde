package dev.grpccontract.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.TestServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchemaCacheTest {

  static final ProtoSchema SCHEMA = ProtoSchema.fromClasses(TestServiceGrpc.class);

  @Test
  void staysWithinItsCapacity() {
    for (int i = 0; i < SchemaCache.CAPACITY + 10; i++) {
      SchemaCache.get(List.of("capacity-test", i), () -> SCHEMA);
    }
    assertThat(SchemaCache.size()).isLessThanOrEqualTo(SchemaCache.CAPACITY);
  }

  @Test
  void concurrentRequestsForOneKeyLoadItOnce() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ProtoSchema>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return SchemaCache.get(
                      "once-" + Thread.currentThread().getThreadGroup().getName(),
                      () -> {
                        loads.incrementAndGet();
                        return SCHEMA;
                      });
                }));
      }
      start.countDown();
      for (Future<ProtoSchema> result : results) {
        assertThat(result.get(5, TimeUnit.SECONDS)).isSameAs(SCHEMA);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void aFailedLoadIsNotCached() {
    assertThatThrownBy(
            () ->
                SchemaCache.get(
                    "failing",
                    () -> {
                      throw new IllegalStateException("broken source");
                    }))
        .hasMessage("broken source");

    assertThat(SchemaCache.get("failing", () -> SCHEMA)).isSameAs(SCHEMA);
  }
}
