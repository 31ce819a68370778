package io.github.eventretry.eventbridge.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips, and fuzzing: decoding any bytes either succeeds or throws the documented exception. */
class CborProperties {
  @Provide
  Arbitrary<Object> values() {
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        Arbitraries.longs().map(x -> (Object) x),
        Arbitraries.doubles().map(x -> (Object) x),
        Arbitraries.strings().ofMaxLength(20).map(x -> (Object) x),
        Arbitraries.of(true, false).map(x -> (Object) x));
    return Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(l -> (Object) l),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), inner).ofMaxSize(4)
            .map(m -> (Object) new LinkedHashMap<>(m))), 3);
  }

  @Property(tries = 300)
  void encodedValuesDecodeToThemselves(@ForAll("values") Object v) throws Exception {
    assertThat(Cbor.decode(Cbor.encode(v))).isEqualTo(v);
  }

  @Property(tries = 2000)
  void decodingAnyBytesOnlyThrowsTheDocumentedException(@ForAll byte[] bytes) {
    try {
      Object v = Cbor.decode(bytes);
      assertThat(v == null || v instanceof Map || v instanceof List || v instanceof String
          || v instanceof Number || v instanceof Boolean || v instanceof byte[]
          || v instanceof java.time.Instant).isTrue();
    } catch (Cbor.MalformedException expected) {
      // the one documented failure
    }
  }
}
