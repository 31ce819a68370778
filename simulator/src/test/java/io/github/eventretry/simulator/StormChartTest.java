package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class StormChartTest {
  @Test
  void chartIsWellFormedSvgWithLabelledAxesRateLimitAndOutage() throws Exception {
    StormResult r = RetryStorm.monteCarlo(Policies.seed(),
        StormScenario.builder().events(20_000).outage(Duration.ofSeconds(60))
            .arrivalRatePerSecond(500).build(), 42L);
    String svg = StormChart.svg(r);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg).contains("time since the first failure (seconds)")
        .contains("attempts per second")
        .contains("rate limit 150 rps")
        .contains("destination down (outage)")
        .contains("stroke-dasharray")
        .contains("<path d=\"M");
    assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void switchesToALogScaleForAStormFarAboveTheLimit() {
    StormResult r = RetryStorm.analytic(Policies.seed(), StormScenario.of(2_000_000, Duration.ofMinutes(10)));
    assertThat(StormChart.svg(r)).contains("(log scale)").doesNotContain("NaN");
  }
}
