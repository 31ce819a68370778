package io.github.eventretry.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  /** RFC 8785, Appendix B: IEEE 754 bit patterns and their canonical text. */
  @ParameterizedTest(name = "0x{0} -> {1}")
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void appendixBNumberSerialization(String bits, String expected) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertThat(CanonicalJson.number(d)).isEqualTo(expected);
    assertThat(CanonicalJson.canonicalize(JsonNodeFactory.instance.numberNode(d))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
  void appendixBNonFiniteValuesAreErrors(String bits) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertThatThrownBy(() -> CanonicalJson.number(d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN and Infinity");
  }

  /** RFC 8785, section 3.2.2: the combined sample. */
  @Test
  void section322Sample() {
    String input = "{\n"
        + "  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
        + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
        + "  \"literals\": [null, true, false]\n"
        + "}";
    assertThat(CanonicalJson.canonicalize(input)).isEqualTo(
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  /** RFC 8785, section 3.2.3: member names sorted by UTF-16 code units. */
  @Test
  void section323Sorting() {
    String input = "{\n"
        + "  \"\\u20ac\": \"Euro Sign\",\n"
        + "  \"\\r\": \"Carriage Return\",\n"
        + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
        + "  \"1\": \"One\",\n"
        + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
        + "  \"\\u0080\": \"Control\",\n"
        + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
        + "}";
    assertThat(CanonicalJson.canonicalize(input)).isEqualTo("{\"\\r\":\"Carriage Return\","
        + "\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
        + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
        + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void whitespaceAndOrderDoNotMatter() {
    assertThat(CanonicalJson.canonicalize("{ \"b\" : [1.0, 2.50] ,\n\"a\":{\"y\":1,\"x\":-0.0}}"))
        .isEqualTo("{\"a\":{\"x\":0,\"y\":1},\"b\":[1,2.5]}");
  }

  @Test
  void rejectsWhatIJsonForbids() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.canonicalize("\"\\ud800\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone surrogate");
    assertThatThrownBy(() -> CanonicalJson.canonicalize("[1] 2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hashesTheCanonicalBytes() {
    // SHA-256 of the 2 bytes "{}".
    assertThat(CanonicalJson.sha256Hex(JsonNodeFactory.instance.objectNode()))
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }
}
