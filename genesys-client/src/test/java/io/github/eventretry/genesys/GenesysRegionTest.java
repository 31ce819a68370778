package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GenesysRegionTest {
  @Test
  void hasEverySeventeenPublicRegionWithItsDomain() {
    Map<String, String> expected = Map.ofEntries(
        Map.entry("us-east-1", "mypurecloud.com"),
        Map.entry("us-east-2", "use2.us-gov-pure.cloud"),
        Map.entry("us-west-2", "usw2.pure.cloud"),
        Map.entry("ca-central-1", "cac1.pure.cloud"),
        Map.entry("sa-east-1", "sae1.pure.cloud"),
        Map.entry("mx-central-1", "mxc1.pure.cloud"),
        Map.entry("eu-west-1", "mypurecloud.ie"),
        Map.entry("eu-west-2", "euw2.pure.cloud"),
        Map.entry("eu-central-1", "mypurecloud.de"),
        Map.entry("eu-central-2", "euc2.pure.cloud"),
        Map.entry("me-central-1", "mec1.pure.cloud"),
        Map.entry("ap-south-1", "aps1.pure.cloud"),
        Map.entry("ap-northeast-1", "mypurecloud.jp"),
        Map.entry("ap-northeast-2", "apne2.pure.cloud"),
        Map.entry("ap-northeast-3", "apne3.pure.cloud"),
        Map.entry("ap-southeast-1", "apse1.pure.cloud"),
        Map.entry("ap-southeast-2", "mypurecloud.com.au"));
    Map<String, String> actual = Arrays.stream(GenesysRegion.values())
        .collect(Collectors.toMap(GenesysRegion::awsName, GenesysRegion::domain));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void findsByAwsNameDomainHostOrConstantIgnoringCase() {
    assertThat(GenesysRegion.find("eu-west-1")).isEqualTo(GenesysRegion.EU_WEST_1);
    assertThat(GenesysRegion.find("MYPURECLOUD.IE")).isEqualTo(GenesysRegion.EU_WEST_1);
    assertThat(GenesysRegion.find("api.mypurecloud.ie")).isEqualTo(GenesysRegion.EU_WEST_1);
    assertThat(GenesysRegion.find("login.mypurecloud.ie")).isEqualTo(GenesysRegion.EU_WEST_1);
    assertThat(GenesysRegion.find("ap_southeast_2")).isEqualTo(GenesysRegion.AP_SOUTHEAST_2);
    assertThat(GenesysRegion.find(" usw2.pure.cloud ")).isEqualTo(GenesysRegion.US_WEST_2);
  }

  @Test
  void hostsAreApiAndLogin() {
    assertThat(GenesysRegion.US_EAST_2.apiBaseUri()).hasToString("https://api.use2.us-gov-pure.cloud");
    assertThat(GenesysRegion.US_EAST_2.loginBaseUri())
        .hasToString("https://login.use2.us-gov-pure.cloud");
  }

  @Test
  void unknownRegionListsTheKnownOnes() {
    assertThatThrownBy(() -> GenesysRegion.find("us-east-9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown Genesys Cloud region 'us-east-9'")
        .hasMessageContaining("us-east-1 = mypurecloud.com")
        .hasMessageContaining("ap-southeast-2 = mypurecloud.com.au")
        .hasMessageContaining("mx-central-1 = mxc1.pure.cloud");
    assertThatThrownBy(() -> GenesysRegion.find(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("nameOrDomain");
  }

  @Test
  void clientForARegionSendsTokensToTheLoginHost() {
    HttpGenesysClient c = HttpGenesysClient.builder()
        .region(GenesysRegion.EU_CENTRAL_2)
        .credentials(new ClientCredentials("id", "s3cret-value"))
        .build();
    assertThat(c.apiBaseUri()).hasToString("https://api.euc2.pure.cloud");
    assertThat(c.tokenUri()).hasToString("https://login.euc2.pure.cloud/oauth/token");
  }
}
