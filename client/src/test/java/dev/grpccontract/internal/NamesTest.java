package dev.grpccontract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void levenshteinCountsInsertionsDeletionsAndChanges() {
    assertThat(Names.levenshtein("", "")).isZero();
    assertThat(Names.levenshtein("abc", "abc")).isZero();
    assertThat(Names.levenshtein("", "abc")).isEqualTo(3);
    assertThat(Names.levenshtein("kitten", "sitting")).isEqualTo(3);
    assertThat(Names.levenshtein("FIELD_NO_DELET", "FIELD_NO_DELETE")).isEqualTo(1);
    assertThat(Names.levenshtein("flaw", "lawn")).isEqualTo(Names.levenshtein("lawn", "flaw"));
  }

  @Test
  void closestPutsNamesContainingTheWantedOneFirstThenTheNearestAndLeavesFarOnesOut() {
    List<String> candidates =
        List.of(
            "hello.HelloService/SayHello", "hello.HelloService/SayGoodbye", "other.Unrelated/X");

    assertThat(Names.closest("SayHello", candidates, 5))
        .containsExactly("hello.HelloService/SayHello");
    assertThat(Names.closest("hello.HelloService/SayHelo", candidates, 5))
        .first()
        .isEqualTo("hello.HelloService/SayHello");
    assertThat(Names.closest("zzzzzzzz", candidates, 5)).isEmpty();
  }

  @Test
  void didYouMeanListsUpToThreeNamesTiesByNameOrNothing() {
    assertThat(Names.didYouMean("greting", List.of("greeting", "name")))
        .isEqualTo("; did you mean 'greeting'?");
    assertThat(Names.didYouMean("item", List.of("items", "item_id", "itemCount", "items2")))
        .isEqualTo("; did you mean 'itemCount', 'item_id' or 'items'?");
    assertThat(Names.didYouMean("zzzz", List.of("greeting"))).isEmpty();
  }
}
