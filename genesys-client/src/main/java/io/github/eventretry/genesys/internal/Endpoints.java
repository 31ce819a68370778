package io.github.eventretry.genesys.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** Where requests go. Stateless and thread-safe. */
public final class Endpoints {
  private Endpoints() {}

  /**
   * Returns the OAuth token URI for an API base URI, as the official SDKs derive it: a host starting
   * with {@code api.} gets {@code login.} instead; any other host (a loopback emulator) is used as it
   * is. Scheme and port are kept.
   *
   * @param apiBase such as {@code https://api.mypurecloud.com} or {@code http://127.0.0.1:8080}
   * @return such as {@code https://login.mypurecloud.com/oauth/token}
   * @throws IllegalArgumentException if the URI has no scheme or host
   */
  public static URI tokenUri(URI apiBase) {
    URI base = checkBase(apiBase);
    String host = base.getHost();
    String loginHost = host.toLowerCase(Locale.ROOT).startsWith("api.")
        ? "login." + host.substring(4)
        : host;
    try {
      return new URI(base.getScheme(), null, loginHost, base.getPort(), "/oauth/token", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot derive the token URI from " + apiBase, e);
    }
  }

  /**
   * Checks an API base URI: http or https, a host, no query, no fragment, no user info.
   *
   * @param apiBase the URI
   * @return the URI without a trailing slash
   * @throws IllegalArgumentException if the URI is not usable as a base
   */
  public static URI checkBase(URI apiBase) {
    Objects.requireNonNull(apiBase, "apiBase");
    String scheme = apiBase.getScheme() == null ? "" : apiBase.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || apiBase.getHost() == null
        || apiBase.getRawQuery() != null
        || apiBase.getRawFragment() != null
        || apiBase.getRawUserInfo() != null) {
      throw new IllegalArgumentException("base URI must be http(s)://host[:port][/path] with no user"
          + " info, query or fragment (rejected: " + apiBase + ")");
    }
    String s = apiBase.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : apiBase;
  }
}
