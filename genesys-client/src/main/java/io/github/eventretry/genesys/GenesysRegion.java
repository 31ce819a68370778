package io.github.eventretry.genesys;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The public Genesys Cloud regions, each with its AWS region name and its domain. The API host is
 * {@code api.<domain>} and the OAuth host {@code login.<domain>}. The list follows the official
 * Python SDK's region table.
 *
 * <p>Immutable and thread-safe.
 */
public enum GenesysRegion {
  /** Americas (US East), Virginia. */
  US_EAST_1("us-east-1", "mypurecloud.com"),
  /** Americas (US East 2), Ohio: FedRAMP. */
  US_EAST_2("us-east-2", "use2.us-gov-pure.cloud"),
  /** Americas (US West), Oregon. */
  US_WEST_2("us-west-2", "usw2.pure.cloud"),
  /** Americas (Canada), Montreal. */
  CA_CENTRAL_1("ca-central-1", "cac1.pure.cloud"),
  /** Americas (Sao Paulo). */
  SA_EAST_1("sa-east-1", "sae1.pure.cloud"),
  /** Americas (Mexico). */
  MX_CENTRAL_1("mx-central-1", "mxc1.pure.cloud"),
  /** EMEA (Dublin). */
  EU_WEST_1("eu-west-1", "mypurecloud.ie"),
  /** EMEA (London). */
  EU_WEST_2("eu-west-2", "euw2.pure.cloud"),
  /** EMEA (Frankfurt). */
  EU_CENTRAL_1("eu-central-1", "mypurecloud.de"),
  /** EMEA (Zurich). */
  EU_CENTRAL_2("eu-central-2", "euc2.pure.cloud"),
  /** EMEA (UAE). */
  ME_CENTRAL_1("me-central-1", "mec1.pure.cloud"),
  /** Asia Pacific (Mumbai). */
  AP_SOUTH_1("ap-south-1", "aps1.pure.cloud"),
  /** Asia Pacific (Tokyo). */
  AP_NORTHEAST_1("ap-northeast-1", "mypurecloud.jp"),
  /** Asia Pacific (Seoul). */
  AP_NORTHEAST_2("ap-northeast-2", "apne2.pure.cloud"),
  /** Asia Pacific (Osaka). */
  AP_NORTHEAST_3("ap-northeast-3", "apne3.pure.cloud"),
  /** Asia Pacific (Singapore). */
  AP_SOUTHEAST_1("ap-southeast-1", "apse1.pure.cloud"),
  /** Asia Pacific (Sydney). */
  AP_SOUTHEAST_2("ap-southeast-2", "mypurecloud.com.au");

  private final String awsName;
  private final String domain;

  GenesysRegion(String awsName, String domain) {
    this.awsName = awsName;
    this.domain = domain;
  }

  /**
   * Returns the AWS region name.
   *
   * @return such as {@code us-east-1}
   */
  public String awsName() {
    return awsName;
  }

  /**
   * Returns the region's domain.
   *
   * @return such as {@code mypurecloud.com}
   */
  public String domain() {
    return domain;
  }

  /**
   * Returns the API base URI.
   *
   * @return {@code https://api.<domain>}
   */
  public URI apiBaseUri() {
    return URI.create("https://api." + domain);
  }

  /**
   * Returns the OAuth base URI.
   *
   * @return {@code https://login.<domain>}
   */
  public URI loginBaseUri() {
    return URI.create("https://login." + domain);
  }

  /**
   * Finds a region by its AWS name ({@code eu-west-1}), its domain ({@code mypurecloud.ie}), its API or
   * login host ({@code api.mypurecloud.ie}) or its constant name ({@code EU_WEST_1}), ignoring case.
   *
   * @param nameOrDomain what to look up
   * @return the region
   * @throws NullPointerException if {@code nameOrDomain} is null
   * @throws IllegalArgumentException if no region matches; the message lists the known ones
   */
  public static GenesysRegion find(String nameOrDomain) {
    Objects.requireNonNull(nameOrDomain, "nameOrDomain");
    String key = nameOrDomain.strip().toLowerCase(Locale.ROOT);
    for (GenesysRegion r : values()) {
      if (key.equals(r.awsName)
          || key.equals(r.domain)
          || key.equals("api." + r.domain)
          || key.equals("login." + r.domain)
          || key.equals(r.name().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown Genesys Cloud region '" + nameOrDomain
        + "'; known regions (AWS name = domain): " + known());
  }

  private static String known() {
    return Arrays.stream(values())
        .map(r -> r.awsName + " = " + r.domain)
        .collect(Collectors.joining(", "));
  }

  /**
   * Returns the AWS name and domain.
   *
   * @return such as {@code us-east-1 (mypurecloud.com)}
   */
  @Override
  public String toString() {
    return awsName + " (" + domain + ")";
  }
}
