package io.github.eventretry.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class NumberProperties {

  @Property(tries = 5000)
  void everyFiniteDoubleReadsBackExactly(@ForAll long bits) {
    double d = Double.longBitsToDouble(bits);
    if (!Double.isFinite(d)) {
      return;
    }
    String s = CanonicalJson.number(d);
    assertThat(Double.parseDouble(s)).isEqualTo(d == 0.0 ? 0.0 : d);
  }

  @Property(tries = 5000)
  void neverLongerThanTheJdksShortestForm(@ForAll long bits) {
    double d = Double.longBitsToDouble(bits);
    if (!Double.isFinite(d) || d == 0.0) {
      return;
    }
    // JDK 17's Double.toString is not always shortest, so ours may only ever be as short or shorter.
    int ours = new BigDecimal(CanonicalJson.number(d)).stripTrailingZeros().precision();
    int jdk = new BigDecimal(Double.toString(d)).stripTrailingZeros().precision();
    assertThat(ours).isLessThanOrEqualTo(jdk);
  }
}
