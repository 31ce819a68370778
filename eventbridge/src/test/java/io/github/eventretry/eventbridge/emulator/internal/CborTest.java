package io.github.eventretry.eventbridge.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CBOR subset against RFC 8949's appendix A examples and the shapes the AWS SDK sends. */
class CborTest {
  private static Object hex(String h) throws Cbor.MalformedException {
    return Cbor.decode(HexFormat.of().parseHex(h));
  }

  @Test
  void decodesTheRfcExamples() throws Exception {
    assertThat(hex("00")).isEqualTo(0L);
    assertThat(hex("1903e8")).isEqualTo(1000L);
    assertThat(hex("3903e7")).isEqualTo(-1000L);
    assertThat(hex("1bffffffffffffffff")).isEqualTo(new java.math.BigInteger("18446744073709551615"));
    assertThat(hex("f93c00")).isEqualTo(1.0);
    assertThat(hex("f97bff")).isEqualTo(65504.0);
    assertThat(hex("fa47c35000")).isEqualTo(100000.0);
    assertThat(hex("fb3ff199999999999a")).isEqualTo(1.1);
    assertThat(hex("f4")).isEqualTo(false);
    assertThat(hex("f6")).isNull();
    assertThat(hex("6449455446")).isEqualTo("IETF");
    assertThat(hex("7f657374726561646d696e67ff")).isEqualTo("streaming");
    assertThat(hex("9f018202039f0405ffff")).isEqualTo(List.of(1L, List.of(2L, 3L), List.of(4L, 5L)));
    assertThat(hex("bf61610161629f0203ffff")).isEqualTo(Map.of("a", 1L, "b", List.of(2L, 3L)));
    assertThat(hex("c11a514b67b0")).isEqualTo(Instant.ofEpochSecond(1363896240));
    assertThat(hex("c1fb41d452d9ec200000")).isEqualTo(Instant.ofEpochSecond(1363896240, 500_000_000));
  }

  @Test
  void roundTripsWhatTheEmulatorWrites() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", "m1");
    m.put("Timestamps", List.of(Instant.parse("2026-03-02T10:00:00Z")));
    m.put("Values", List.of(1.5, -2.0));
    m.put("Count", 70_000L);
    m.put("Negative", -300L);
    m.put("Flag", true);
    m.put("Nothing", null);
    assertThat(Cbor.decode(Cbor.encode(m))).isEqualTo(m);
  }

  @Test
  void refusesMalformedInputWithItsOffset() {
    assertThatThrownBy(() -> hex("bf6161")).isInstanceOf(Cbor.MalformedException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> hex("a2616101")).hasMessageContaining("truncated");
    assertThatThrownBy(() -> hex("a1016161")).hasMessageContaining("map key at offset 1 is not a text string");
    assertThatThrownBy(() -> hex("0000")).hasMessageContaining("trailing bytes");
    assertThatThrownBy(() -> hex("ff")).hasMessageContaining("unexpected break");
    assertThatThrownBy(() -> hex("62c328")).hasMessageContaining("not UTF-8");
    assertThatThrownBy(() -> hex("c16161")).hasMessageContaining("tag 1 (epoch time) on a non-number");
    // Found by CborProperties: an epoch time no Instant holds escaped as an ArithmeticException.
    assertThatThrownBy(() -> hex("c1fb7fefffffffffffff")).isInstanceOf(Cbor.MalformedException.class)
        .hasMessageContaining("tag 1 (epoch time) beyond the years");
    assertThatThrownBy(() -> hex("c13b7fffffffffffffff")).isInstanceOf(Cbor.MalformedException.class)
        .hasMessageContaining("tag 1 (epoch time) beyond the years");
    assertThatThrownBy(() -> hex("9b7fffffffffffffff")).hasMessageContaining("runs past the end");
    assertThatThrownBy(() -> hex("81".repeat(100) + "00")).hasMessageContaining("nested deeper than 64");
  }
}
