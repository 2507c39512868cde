package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.message;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import dev.grpccontract.coverage.CoverageRecorder;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The assertions tell the coverage report which response fields a test checked: the paths of {@code
 * hasField}, the fields of partial JSON, every field of a whole-message comparison; failed checks
 * count as checked too.
 */
class CoverageHooksTest {

  private static Set<String> asserted(com.google.protobuf.Descriptors.Descriptor type) {
    return CoverageRecorder.global().assertedFields(type);
  }

  @Test
  void fieldPathsAndPartialJsonAreRecordedByType() {
    DynamicMessage order =
        message(TestProtos.ORDER, "{\"id\": \"o-1\", \"items\": [{\"sku\": \"A\"}]}");

    assertThat(order).hasField("items[0].sku", "A").conformsToJson("{\"id\": \"o-1\"}");
    assertThatThrownBy(() -> assertThat(order).hasField("id", "o-2"))
        .isInstanceOf(AssertionError.class);

    org.assertj.core.api.Assertions.assertThat(asserted(TestProtos.ORDER))
        .contains("items[].sku", "id");
  }

  @Test
  void aWholeMessageComparisonCoversEveryField() {
    DynamicMessage reply = message(TestProtos.HELLO_REPLY, "{\"reply\": \"hi\"}");

    assertThat(reply).isEqualToJson("{\"reply\": \"hi\"}");

    org.assertj.core.api.Assertions.assertThat(asserted(TestProtos.HELLO_REPLY)).contains("reply");
  }
}
